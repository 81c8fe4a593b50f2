from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed


class EntryFeed(Feed):
    """An Atom feed of the newest published entries, in the page's language."""

    feed_type = Atom1Feed

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [theme.name for theme in item.themes.all()]
