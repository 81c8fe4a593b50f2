from django.utils.translation import gettext_lazy as _

from editorial.feeds import EntryFeed
from editorial.richtext import render_rich_text

from .filters import RecommendationFilter


class LatestRecommendationsFeed(EntryFeed):
    filterset_class = RecommendationFilter
    view_name = "recommendations:feed"
    list_view_name = "recommendations:list"
    name = _("Newly published policy recommendations")
    subtitle = _(
        "Public policy recommendations on migration regularization, integration, return and "
        "reintegration."
    )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return render_rich_text(item.text)
