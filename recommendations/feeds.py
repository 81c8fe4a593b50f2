from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from editorial.feeds import EntryFeed
from editorial.richtext import render_rich_text

from .models import Recommendation


class LatestRecommendationsFeed(EntryFeed):
    title = _("Newly published policy recommendations")
    subtitle = _(
        "Public policy recommendations on migration regularization, integration, return and "
        "reintegration."
    )

    def link(self):
        return reverse("recommendations:list")

    def items(self):
        return Recommendation.objects.published().newest_first().prefetch_related("themes")[:30]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return render_rich_text(item.text)
