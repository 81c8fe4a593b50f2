from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from editorial.feeds import EntryFeed

from .models import Practice


class LatestPracticesFeed(EntryFeed):
    title = _("Newly published good practices")
    subtitle = _(
        "Good practices on migration regularization, integration, return and reintegration."
    )

    def link(self):
        return reverse("practices:list")

    def items(self):
        return Practice.objects.published().newest_first().for_listing()[:30]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary
