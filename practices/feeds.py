from django.utils.translation import gettext_lazy as _

from editorial.feeds import EntryFeed

from .filters import PracticeFilter


class LatestPracticesFeed(EntryFeed):
    filterset_class = PracticeFilter
    view_name = "practices:feed"
    list_view_name = "practices:list"
    name = _("Newly published good practices")
    subtitle = _(
        "Good practices on migration regularization, integration, return and reintegration."
    )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary
