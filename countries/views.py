from django.db.models import Count, Prefetch, Q
from django.views.generic import DetailView, ListView

from practices.models import Practice, Programme, Status
from practices.views import practices_for_listing
from recommendations.models import Forum, Recommendation

from .models import Country, KeyFigure, SubRegion


class CountryListView(ListView):
    template_name = "countries/country_list.html"
    context_object_name = "countries"

    def get_queryset(self):
        published = Q(practices__status=Status.PUBLISHED)
        return Country.objects.by_name().annotate(
            practice_count=Count("practices", filter=published, distinct=True),
            programme_count=Count(
                "programmes", filter=Q(programmes__status=Status.PUBLISHED), distinct=True
            ),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        countries = list(context["countries"])
        context["subregions"] = [
            (label, [c for c in countries if c.subregion == value])
            for value, label in SubRegion.choices
        ]
        return context


class CountryDetailView(DetailView):
    template_name = "countries/country_detail.html"
    context_object_name = "country"

    # The profile shows the newest practices; the filtered list has them all.
    practices_shown = 12

    def get_context_data(self, **kwargs):
        practices = Practice.objects.published().for_country(self.object)
        recommendations = (
            Recommendation.objects.published()
            .for_country(self.object)
            .prefetch_related("addressees")
            .select_related("forum")
        )
        forums = Forum.objects.published().with_country(self.object)
        return super().get_context_data(
            practices=practices_for_listing(practices.order_by("-published_at"))[
                : self.practices_shown
            ],
            practice_count=practices.count(),
            recommendations=recommendations,
            forums=forums,
            **kwargs,
        )

    def get_queryset(self):
        return Country.objects.prefetch_related(
            Prefetch("figures", queryset=KeyFigure.objects.select_related("source")),
            Prefetch(
                "programmes",
                queryset=Programme.objects.published().select_related("kind"),
                to_attr="published_programmes",
            ),
        )
