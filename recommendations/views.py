from django.db.models import Count, Prefetch, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView, ListView, TemplateView

from practices.mixins import CanonicalSlugMixin, FilteredListMixin
from practices.models import Status
from practices.richtext import render_rich_text
from practices.views import EntryFeed, prefetch_published_practices

from .export import export_recommendations
from .filters import RecommendationFilter
from .models import Forum, Recommendation


def recommendations_for_listing(queryset):
    return queryset.select_related("forum").prefetch_related("addressees", "themes", "countries")


class RecommendationListView(FilteredListMixin, TemplateView):
    template_name = "recommendations/recommendation_list.html"
    filterset_class = RecommendationFilter

    def get_queryset(self):
        return super().get_queryset().order_by("-published_at", "pk")

    def export(self, results, fmt):
        items = recommendations_for_listing(results).prefetch_related("practices", "sources")
        return export_recommendations(items, self.request, fmt)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = context["page_obj"]
        page.object_list = recommendations_for_listing(page.object_list)
        return context


class RecommendationDetailView(CanonicalSlugMixin, DetailView):
    model = Recommendation
    template_name = "recommendations/recommendation_detail.html"
    context_object_name = "recommendation"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("forum")
            .prefetch_related(
                "addressees",
                "themes",
                "countries",
                "sources",
                prefetch_published_practices(),
            )
        )


class ForumListView(ListView):
    template_name = "recommendations/forum_list.html"
    context_object_name = "forums"

    def get_queryset(self):
        return (
            Forum.objects.published()
            .annotate(
                practice_count=Count(
                    "practices", filter=Q(practices__status=Status.PUBLISHED), distinct=True
                ),
                recommendation_count=Count(
                    "recommendations",
                    filter=Q(recommendations__status=Status.PUBLISHED),
                    distinct=True,
                ),
            )
            .prefetch_related("countries")
        )


class ForumDetailView(CanonicalSlugMixin, DetailView):
    """Everything presented and agreed at one forum: the shareable record of the meeting."""

    model = Forum
    template_name = "recommendations/forum_detail.html"
    context_object_name = "forum"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .prefetch_related(
                "organisers",
                "countries",
                "sources",
                prefetch_published_practices(),
                Prefetch(
                    "recommendations",
                    queryset=Recommendation.objects.published().prefetch_related("addressees"),
                    to_attr="published_recommendations",
                ),
            )
        )


class LatestRecommendationsFeed(EntryFeed):
    title = gettext_lazy("Newly published policy recommendations")
    subtitle = gettext_lazy(
        "Public policy recommendations on migration regularization, integration, return and "
        "reintegration."
    )

    def link(self):
        return reverse("recommendations:list")

    def items(self):
        return Recommendation.objects.published().prefetch_related("themes")[:30]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return render_rich_text(item.text)
