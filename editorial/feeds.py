from django.contrib.syndication.views import Feed
from django.http import HttpResponseBadRequest
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from .views import active_filters, filters_named, malformed, with_query


class EntryFeed(Feed):
    """An Atom feed of the newest published entries of a list, narrowed as the list is.

    `/es/novedades/?pais=mexico&q=retorno` holds the newest of what
    `/es/practicas/?pais=mexico&q=retorno` lists, so a reader can follow a country, a theme or
    a search. The query string is read as the list reads it (either language's words, ISO
    codes): a value that names nothing is left out, a malformed one answers 400, as on the list.
    """

    feed_type = Atom1Feed
    filterset_class = None
    # The feed's own URL name, and the list it follows.
    view_name = None
    list_view_name = None
    # What the feed holds, before the filters it is narrowed by.
    name = None
    shown = 30

    def __call__(self, request, *args, **kwargs):
        model = self.filterset_class.Meta.model
        filterset = self.filterset_class(
            request.GET or None, queryset=model.objects.published(), request=request
        )
        if filterset.is_bound and not filterset.is_valid():
            return HttpResponseBadRequest(
                "\n".join(malformed(filterset)), content_type="text/plain; charset=utf-8"
            )
        return super().__call__(request, *args, filterset=filterset, **kwargs)

    def get_object(self, request, filterset):
        return filterset

    @classmethod
    def query(cls, filterset):
        # Always newest first, a page at a time: the order, page and format of the list
        # mean nothing to a feed.
        return filterset.query("page", "format", "sort")

    @classmethod
    def address(cls, filterset):
        """The feed of the list `filterset` narrows, in the page's words."""
        return with_query(reverse(cls.view_name), cls.query(filterset))

    @classmethod
    def named(cls, chips):
        """The feed's title, naming the filters in force (`editorial.views.active_filters`)."""
        labels = filters_named(chips)
        return f"{cls.name} — {labels}" if labels else str(cls.name)

    @classmethod
    def narrowed(cls, data):
        """(address, title) of the feed narrowed by `data`, filters in any language's words."""
        filterset = cls.filterset_class(
            data, queryset=cls.filterset_class.Meta.model.objects.none()
        )
        filterset.is_valid()
        return cls.address(filterset), cls.named(active_filters(filterset, cls.query(filterset)))

    def title(self, filterset):
        return self.named(active_filters(filterset, self.query(filterset)))

    def link(self, filterset):
        return with_query(reverse(self.list_view_name), self.query(filterset))

    def feed_url(self, filterset):
        return self.address(filterset)

    def items(self, filterset):
        return filterset.qs.newest_first()[: self.shown].as_cards()

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [theme.name for theme in item.themes.all()]
