from django.conf import settings
from django.contrib.syndication.views import Feed
from django.core.cache import cache
from django.db.models import Count, Prefetch, Q
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.generic import DetailView, FormView, TemplateView

from countries.models import Country
from recommendations.models import Forum, Recommendation

from . import services
from .export import PRACTICE_FIELDS, export_practices
from .facets import practice_facets
from .filters import PracticeFilter, ProgrammeFilter
from .forms import SuggestionForm
from .mixins import CanonicalSlugMixin, FilteredListMixin, with_params
from .models import Practice, Programme, ProgrammeKind, Theme

MAX_COMPARED = 4


def practices_for_listing(queryset):
    """What a practice card shows, in a fixed number of queries."""
    return queryset.select_related("programme__kind").prefetch_related("countries", "themes")


def prefetch_published_practices():
    """An entry's published practices, ready for cards, as `published_practices`."""
    return Prefetch(
        "practices",
        queryset=practices_for_listing(Practice.objects.published()),
        to_attr="published_practices",
    )


class HomeView(TemplateView):
    template_name = "practices/home.html"

    def get_context_data(self, **kwargs):
        practices = Practice.objects.published()
        return super().get_context_data(
            newest=practices_for_listing(practices.order_by("-published_at"))[:6],
            counts={
                "practices": practices.count(),
                "programmes": Programme.objects.published().count(),
                "countries": Country.objects.filter(practices__in=practices).distinct().count(),
                "recommendations": Recommendation.objects.published().count(),
            },
            recommendations=Recommendation.objects.published()
            .select_related("forum")
            .prefetch_related("addressees")[:3],
            countries=Country.objects.by_name().annotate(
                n=Count("practices", filter=Q(practices__in=practices), distinct=True)
            ),
            themes=Theme.objects.annotate(
                n=Count("practices", filter=Q(practices__in=practices), distinct=True)
            ).filter(n__gt=0),
            kinds=ProgrammeKind.objects.annotate(
                n=Count("programmes", filter=Q(programmes__status="published"), distinct=True)
            ).filter(n__gt=0),
            **kwargs,
        )


class PracticeListView(FilteredListMixin, TemplateView):
    template_name = "practices/practice_list.html"
    filterset_class = PracticeFilter

    def export(self, results, fmt):
        practices = practices_for_listing(results).prefetch_related(
            "actors", "target_groups", "sources"
        )
        return export_practices(practices, self.request, fmt)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = context["page_obj"]
        page.object_list = practices_for_listing(page.object_list)
        context.update(
            facets=practice_facets(context["results"]),
            sort_links=[
                (value, label, with_params(self.query, sort=value))
                for value, label in PracticeFilter.SORTS.items()
                if value != "relevance" or self.filterset.form.data.get("q")
            ],
            current_sort=current_sort(self.filterset),
        )
        return context


def current_sort(filterset):
    data = getattr(filterset.form, "cleaned_data", {})
    return data.get("sort") or ("relevance" if data.get("q") else "newest")


class PracticeDetailView(CanonicalSlugMixin, DetailView):
    model = Practice
    template_name = "practices/practice_detail.html"
    context_object_name = "practice"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("programme__kind", "programme__country")
            .prefetch_related(
                "countries",
                "themes",
                "target_groups",
                "actors__actor_type",
                "sources",
                Prefetch("forums", Forum.objects.published(), to_attr="published_forums"),
                Prefetch(
                    "recommendations",
                    Recommendation.objects.published(),
                    to_attr="published_recommendations",
                ),
            )
        )

    def get_context_data(self, **kwargs):
        practice = self.object
        related = (
            Practice.objects.published()
            .exclude(pk=practice.pk)
            .filter(Q(themes__in=practice.themes.all()) | Q(countries__in=practice.countries.all()))
            .annotate(shared=Count("themes", filter=Q(themes__in=practice.themes.all())))
            .order_by("-shared", "-published_at")
        )
        return super().get_context_data(related=practices_for_listing(related)[:4], **kwargs)


class ProgrammeListView(FilteredListMixin, TemplateView):
    template_name = "practices/programme_list.html"
    filterset_class = ProgrammeFilter
    paginate_by = 30

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("kind", "country")
            .order_by("kind__position", "country__name", "name")
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            kinds=ProgrammeKind.objects.annotate(
                n=Count("programmes", filter=Q(programmes__status="published"))
            ).filter(n__gt=0),
            **kwargs,
        )


class ProgrammeDetailView(CanonicalSlugMixin, DetailView):
    model = Programme
    template_name = "practices/programme_detail.html"
    context_object_name = "programme"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("kind", "country")
            .prefetch_related(
                "sources",
                prefetch_published_practices(),
            )
        )


class ProgrammeCompareView(TemplateView):
    """Chosen programmes side by side, field by field, at a URL that can be shared."""

    template_name = "practices/programme_compare.html"

    def get(self, request, *args, **kwargs):
        raw = request.GET.getlist("programme")
        problems = []
        ids = []
        for value in raw:
            if value.isdigit() and int(value) not in ids:
                ids.append(int(value))
            elif not value.isdigit():
                problems.append(_("“%(value)s” is not a programme number.") % {"value": value[:40]})
        if len(ids) > MAX_COMPARED:
            problems.append(
                _("At most %(n)s programmes can be compared; showing the first %(n)s.")
                % {"n": MAX_COMPARED}
            )
            ids = ids[:MAX_COMPARED]
        published = Programme.objects.published().select_related("kind", "country")
        chosen = {p.pk: p for p in published.filter(pk__in=ids).prefetch_related("sources")}
        missing = [pk for pk in ids if pk not in chosen]
        if missing:
            problems.append(
                _("No published programme has the number %(numbers)s.")
                % {"numbers": ", ".join(map(str, missing))}
            )
        context = self.get_context_data(
            compared=[chosen[pk] for pk in ids if pk in chosen],
            choices=published.order_by("country__name", "name"),
            selected=set(ids),
            problems=problems,
        )
        return self.render_to_response(context, status=400 if problems else 200)


class OpenDataView(TemplateView):
    template_name = "practices/open_data.html"

    def get_context_data(self, **kwargs):
        from recommendations.export import RECOMMENDATION_FIELDS

        return super().get_context_data(
            fields=PRACTICE_FIELDS, recommendation_fields=RECOMMENDATION_FIELDS, **kwargs
        )


class EntryFeed(Feed):
    """An Atom feed of the newest published entries, in the page's language."""

    feed_type = Atom1Feed

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [theme.name for theme in item.themes.all()]


class LatestPracticesFeed(EntryFeed):
    title = gettext_lazy("Newly published good practices")
    subtitle = gettext_lazy(
        "Good practices on migration regularization, integration, return and reintegration."
    )

    def link(self):
        return reverse("practices:list")

    def items(self):
        return practices_for_listing(Practice.objects.published().order_by("-published_at"))[:30]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary


class SuggestPracticeView(FormView):
    """Visitors suggest a practice; it reaches editors as a draft and is never shown as is."""

    template_name = "practices/suggest.html"
    form_class = SuggestionForm

    def post(self, request, *args, **kwargs):
        if over_rate_limit(request):
            context = self.get_context_data(form=self.get_form(), rate_limited=True)
            return self.render_to_response(context, status=429)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        if not form.is_spam():
            services.practice_suggest(data=form.cleaned_data, language=get_language())
        return redirect("practices:suggest-thanks")

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)


def over_rate_limit(request):
    key = f"suggestions:{request.META.get('REMOTE_ADDR', '')}"
    cache.add(key, 0, timeout=3600)
    return cache.incr(key) > settings.SUGGESTIONS_PER_HOUR


class SuggestThanksView(TemplateView):
    template_name = "practices/suggest_thanks.html"
