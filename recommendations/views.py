from django.db.models import Count, Q
from django.views.generic import DetailView, ListView, TemplateView

from editorial.models import Status, published_related
from editorial.views import CanonicalSlugMixin, FilteredListMixin

from .export import export_recommendations
from .feeds import LatestRecommendationsFeed
from .filters import RecommendationFilter
from .models import Forum, Recommendation


class RecommendationListView(FilteredListMixin, TemplateView):
    template_name = "recommendations/recommendation_list.html"
    filterset_class = RecommendationFilter
    feed = LatestRecommendationsFeed

    def get_queryset(self):
        return super().get_queryset().newest_first()

    def export(self, results, fmt):
        items = results.for_listing().prefetch_related(
            "sources", published_related(Recommendation, "practices")
        )
        return export_recommendations(items, self.request, fmt)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = context["page_obj"]
        page.object_list = page.object_list.as_cards(shown=True)
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
                published_related(Recommendation, "practices", cards=True),
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
                published_related(Forum, "practices", cards=True),
                published_related(Forum, "recommendations", cards=True),
            )
        )
