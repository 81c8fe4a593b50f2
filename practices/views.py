from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import Count, Exists, OuterRef, Q, prefetch_related_objects
from django.shortcuts import redirect
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, FormView, TemplateView

from countries.models import Country
from countries.regionmap import region_map
from editorial import fragments
from editorial.clients import client_address
from editorial.models import published_related
from editorial.related import cached_rows, prefetch_small_relations
from editorial.views import CanonicalSlugMixin, FilteredListMixin

from . import services
from .export import export_practices, export_programmes
from .facets import catalogue_facets, list_results
from .feeds import LatestPracticesFeed
from .filters import PracticeFilter, ProgrammeFilter
from .forms import CompareForm, SuggestionForm, chosen_programmes, programme_parameter
from .models import Practice, Programme, ProgrammeKind
from .pictures import programme_timeline

RATE_LIMIT_SECONDS = 3600


class PracticeListView(FilteredListMixin, TemplateView):
    template_name = "practices/practice_list.html"
    filterset_class = PracticeFilter
    feed = LatestPracticesFeed

    def themes_with_results(self):
        # The whole catalogue's counts, kept until it changes: an empty list asks no query more.
        _total, counts = catalogue_facets(self.get_queryset())
        numbers = counts["theme"]
        parameter = self.filterset.parameter("theme")
        language = get_language()
        return [
            (
                choice.label,
                f"{self.request.path}?{urlencode({parameter: choice.word(language)})}",
                numbers[choice.stored],
            )
            for choice in self.filterset.choices_of("theme").entries()
            if numbers.get(choice.stored)
        ]

    def export(self, results, fmt):
        return export_practices(results, self.request, fmt)

    def count(self, results):
        narrowed = self.filterset.is_bound and any(
            self.filterset.form.cleaned_data.get(name)
            for name in self.filterset.filters
            if name != "sort"
        )
        self.first_ids = None
        if not narrowed:
            total, self.facets = catalogue_facets(results)
            return total
        query = "&".join(sorted(self.shared_query().urlencode().split("&")))
        total, self.facets, self.first_ids = list_results(
            results, f"{self.filterset.match_all}:{query}"
        )
        return total

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = context["page_obj"]
        start, kept = (page.number - 1) * self.paginate_by, self.first_ids
        if kept is not None and (
            start + self.paginate_by <= len(kept) or len(kept) == page.paginator.count
        ):
            # A page among the first ones, whose ids were kept with the counts: read by id.
            ids = kept[start : start + self.paginate_by]
            position = {pk: place for place, pk in enumerate(ids)}
            cards = Practice.objects.filter(pk__in=ids).as_cards(shown=True)
            page.object_list = sorted(cards, key=lambda card: position[card.pk])
        else:
            page.object_list = page.object_list.as_cards(shown=True)
        context.update(
            facets=self.filterset.written_counts(self.facets),
            # Each country narrows this very list to itself.
            region_map=region_map(
                cached_rows(Country).values(),
                self.facets["country"],
                href=lambda country: self.request.path + self.link(country=country.slug),
            ),
            sort_links=[
                (value, label, self.link(sort=value))
                for value, label in PracticeFilter.SORTS.items()
                if value != "relevance" or self.filterset.form.data.get("q")
            ],
            current_sort=self.filterset.current_sort,
        )
        return context


RELATED_CANDIDATES = 24


class PracticeDetailView(CanonicalSlugMixin, DetailView):
    model = Practice
    # Shown beside the text; small tables, read in one query (editorial.related).
    facts = ("countries", "themes", "target_groups", "compact_objectives", "actors", "sources")
    template_name = "practices/practice_detail.html"
    context_object_name = "practice"

    def get_queryset(self):
        return super().get_queryset().select_related("programme__kind", "programme__country")

    def get_context_data(self, **kwargs):
        practice = self.object
        # The text and the facts beside it, when kept rendered (editorial.fragments), need
        # none of the practice's relations; the related practices are asked only when that
        # section is not kept.
        kept_entry = fragments.kept_html("practice-entry", (practice.pk,))
        if kept_entry is None:
            prefetch_related_objects(
                [practice],
                published_related(Practice, "forums"),
                published_related(Practice, "recommendations"),
            )
            prefetch_small_relations([practice], *self.facts)
        return super().get_context_data(
            kept_entry=kept_entry, related=SimpleLazyObject(self.related), **kwargs
        )

    def related(self):
        """The four practices most like this one, as cards."""
        practice = self.object
        themes = practice.themes.all()
        newest = Practice.objects.published().exclude(pk=practice.pk).newest_first()

        # Ranked among the newest practices sharing a theme and the newest sharing a country:
        # each found by walking the newest practices until enough share it, so the page costs
        # the same however large the catalogue grows. ("Shares a theme or a country" in one
        # condition would have the database gather every practice of those themes first.)
        def newest_sharing(through, **linked):
            shares = through.objects.filter(practice=OuterRef("pk"), **linked)
            return newest.filter(Exists(shares)).values("pk")[:RELATED_CANDIDATES]

        by_theme = newest_sharing(Practice.themes.through, theme__in=themes)
        by_country = newest_sharing(
            Practice.countries.through, country__in=practice.countries.all()
        )
        if connection.features.supports_slicing_ordering_in_compound:
            candidates = Q(pk__in=by_theme.union(by_country, all=True))
        else:  # SQLite, for the demo, has no LIMIT in a UNION's parts
            candidates = Q(pk__in=by_theme) | Q(pk__in=by_country)
        related = (
            Practice.objects.filter(candidates)
            .annotate(shared=Count("themes", filter=Q(themes__in=themes)))
            .order_by("-shared", "-published_at", "pk")
        )
        return related[:4].as_cards(shown=True)


class ProgrammeListView(FilteredListMixin, TemplateView):
    template_name = "practices/programme_list.html"
    filterset_class = ProgrammeFilter
    paginate_by = 30

    def get_queryset(self):
        return (
            super().get_queryset().for_listing().order_by("kind__position", "country__name", "name")
        )

    def export(self, results, fmt):
        return export_programmes(results.prefetch_related("sources"), self.request, fmt)

    def get_context_data(self, **kwargs):
        page = kwargs["page_obj"]
        page.object_list = list(page.object_list)
        return super().get_context_data(
            kinds=ProgrammeKind.objects.with_published(),
            programme_parameter=programme_parameter(),
            timeline=programme_timeline(page.object_list),
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
            .for_listing()
            .prefetch_related("sources", published_related(Programme, "practices", cards=True))
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(programme_parameter=programme_parameter(), **kwargs)


# Rows of the comparison that the sources may leave empty, and whether a programme fills each.
OPTIONAL_ROWS = {
    "period": (_("Period"), lambda programme: programme.period_label or programme.is_ongoing),
    "legal_basis": (_("Legal basis"), lambda programme: programme.legal_basis.strip()),
    "eligibility": (_("Eligibility"), lambda programme: programme.eligibility.strip()),
    "responsible_institution": (
        _("Responsible institution"),
        lambda programme: programme.responsible_institution.strip(),
    ),
    "beneficiaries": (_("Beneficiaries"), lambda programme: programme.beneficiaries is not None),
    "sources": (_("Sources"), lambda programme: programme.sources.all()),
}


class ProgrammeCompareView(TemplateView):
    """Chosen programmes side by side, field by field, at a URL that can be shared.

    A row no compared programme fills would only repeat "not stated in the sources": it is
    left out, and the page names it.
    """

    template_name = "practices/programme_compare.html"

    def get(self, request, *args, **kwargs):
        published = Programme.objects.published().for_listing()
        form = CompareForm(
            {"programme": chosen_programmes(request.GET)},
            programmes=published.order_by("country__name", "name"),
        )
        form.is_valid()
        compared = form.compared(published.prefetch_related("sources"))
        rows = {
            name: any(filled(programme) for programme in compared)
            for name, (_label, filled) in OPTIONAL_ROWS.items()
        }
        context = self.get_context_data(
            form=form,
            compared=compared,
            rows=rows,
            rows_left_out=[OPTIONAL_ROWS[name][0] for name, shown in rows.items() if not shown],
            problems=form.problems,
            programme_parameter=programme_parameter(),
        )
        return self.render_to_response(context, status=400 if form.problems else 200)


class SuggestPracticeView(FormView):
    """Visitors suggest a practice; it reaches editors as a draft and is never shown as is."""

    template_name = "practices/suggest.html"
    form_class = SuggestionForm

    def form_valid(self, form):
        # Only suggestions count: a visitor who sends the form back to mend it five times
        # is not locked out of sending it.
        if over_rate_limit(self.request):
            context = self.get_context_data(form=form, rate_limited=True)
            return self.render_to_response(context, status=429)
        if not form.is_spam():
            services.practice_suggest(data=form.cleaned_data, language=get_language())
        return redirect("practices:suggest-thanks")

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)


def over_rate_limit(request):
    """Whether this address has made too many suggestions, counted in the cache every worker
    and server shares; the count ends after an hour without a suggestion from the address."""
    key = f"suggestions:{client_address(request)}"
    cache.add(key, 0, timeout=RATE_LIMIT_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:
        # The count expired between the two calls: this suggestion starts a new one.
        cache.set(key, 1, timeout=RATE_LIMIT_SECONDS)
        count = 1
    # The file cache's incr rewrites the entry with the default five-minute timeout, which
    # would let an address send its quota every five minutes; Redis keeps the first timeout.
    # Touching gives both the same hour.
    cache.touch(key, RATE_LIMIT_SECONDS)
    return count > settings.SUGGESTIONS_PER_HOUR


class SuggestThanksView(TemplateView):
    template_name = "practices/suggest_thanks.html"
