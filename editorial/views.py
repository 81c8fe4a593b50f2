"""What every public page shares: published entries only, stable links, bad input as 4xx."""

from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Q, QuerySet
from django.shortcuts import redirect
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.utils.translation import override

from . import scopes
from .export import FORMATS
from .models import Status
from .search import suggestion


class CanonicalSlugMixin:
    """Entries are found by id; the slug follows the current title and language.

    An old or foreign-language slug redirects permanently to the current one, so a link
    shared before a title was edited keeps working.
    """

    def get_queryset(self):
        queryset = super().get_queryset()
        opts = queryset.model._meta
        user = self.request.user
        # Editors preview drafts at their public address, those of their own countries only;
        # everybody else sees published entries only.
        if not user.has_perm(f"{opts.app_label}.view_{opts.model_name}"):
            return queryset.published()
        if scopes.scoped_countries(user) is None:
            return queryset
        in_scope = scopes.limit_to_scope(opts.model.objects.all(), user).values("pk")
        return queryset.filter(Q(status=Status.PUBLISHED) | Q(pk__in=in_scope))

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        canonical = self.object.get_absolute_url()
        if request.path != canonical:
            query = request.META.get("QUERY_STRING")
            return redirect(f"{canonical}?{query}" if query else canonical, permanent=True)
        response = self.render_to_response(self.get_context_data(object=self.object))
        if not self.object.is_published:
            response["X-Robots-Tag"] = "noindex, nofollow"
            add_never_cache_headers(response)
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        alternates = {}
        for code, _name in settings.LANGUAGES:
            with override(code):
                alternates[code] = self.object.get_absolute_url()
        context["alternate_urls"] = alternates
        return context


class FilteredListMixin:
    """A list narrowed by a FilterSet from the query string, paginated and downloadable.

    Invalid filter values, page numbers past the end or not numbers answer with a message
    in the page's language and a 4xx status, never an error page or a silent wrong list.
    `?format=csv` or `?format=json` downloads the whole filtered list.
    """

    filterset_class = None
    paginate_by = 20
    export_formats = FORMATS

    def get_queryset(self):
        return self.filterset_class.Meta.model.objects.published()

    def get_filterset(self, *, match_all=True):
        data = self.request.GET or None
        filterset = self.filterset_class(data, queryset=self.get_queryset(), request=self.request)
        filterset.match_all = match_all
        return filterset

    def export(self, results, fmt):
        """The download of `results` in `fmt`; lists without open data return None."""
        return None

    def count(self, results):
        """How many results there are; lists that count more at once (facets) override it."""
        return results.count()

    def paginate(self, results, total):
        paginator = Paginator(results, self.paginate_by)
        paginator.count = total  # counted already; the paginator need not ask again
        number = self.request.GET.get("page") or 1
        try:
            return paginator.page(number), None, 200
        except PageNotAnInteger:
            message = _("The page number must be a whole number; showing the first page.")
            return paginator.page(1), message, 400
        except EmptyPage:
            message = _("There is no page %(number)s: this list has %(pages)s.") % {
                "number": str(number)[:20],
                "pages": paginator.num_pages,
            }
            return paginator.page(paginator.num_pages), message, 404

    def shared_query(self):
        """The query string to share or build links on: no page number, no download."""
        query = self.request.GET.copy()
        query.pop("page", None)
        query.pop("format", None)
        return query

    def get(self, request, *args, **kwargs):
        self.filterset = self.get_filterset()
        status = 200
        problems = []
        if self.filterset.is_bound and not self.filterset.is_valid():
            status = 400
            for field, errors in self.filterset.errors.items():
                label = self.filterset.form.fields[field].label
                problems.extend(f"{label}: {error}" for error in errors)
        elif (fmt := request.GET.get("format")) in self.export_formats and (
            download := self.export(self.filterset.qs, fmt)
        ) is not None:
            return download
        results = self.filterset.qs
        total = self.count(results)
        search = SearchOutcome(self.filterset.search_words if status == 200 else "")
        if search.words and not total:
            # No entry has every word: offer those with any of them, and say so.
            self.filterset = self.get_filterset(match_all=False)
            results = self.filterset.qs
            total = self.count(results)
            search.any_word = bool(total)
            if not total and (corrected := suggestion(search.words)):
                search.suggestion = corrected
                search.suggestion_url = with_params(self.shared_query(), q=corrected)
        page, page_problem, page_status = self.paginate(results, total)
        if page_problem:
            problems.append(page_problem)
            status = max(status, page_status)
        context = self.get_context_data(
            filterset=self.filterset,
            results=results,
            page_obj=page,
            problems=problems,
            search=search,
        )
        return self.render_to_response(context, status=status)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        self.query = query = self.shared_query()
        context.update(
            active_filters=active_filters(self.filterset, query),
            query_string=query.urlencode(),
            export_links={fmt: with_params(query, format=fmt) for fmt in self.export_formats},
        )
        return context


class SearchOutcome:
    """What the page says about a search: all words found, any word found, or a suggestion."""

    def __init__(self, words):
        self.words = words
        self.any_word = False
        self.suggestion = None
        self.suggestion_url = None


def with_params(query, **params):
    updated = query.copy()
    for key, value in params.items():
        updated[key] = value
    return f"?{updated.urlencode()}"


def active_filters(filterset, query):
    """The filters in force, each with a link that removes it (the GOV.UK/MOJ pattern)."""
    data = getattr(filterset.form, "cleaned_data", {})
    chips = []
    for name, field in filterset.form.fields.items():
        if name == "sort" or not data.get(name):
            continue
        value = data[name]
        values = list(value) if isinstance(value, QuerySet | list) else [value]
        choices = dict(getattr(field, "choices", []) or [])
        for item in values:
            raw = getattr(item, "slug", None) or getattr(item, "pk", item)
            label = str(item) if hasattr(item, "pk") else str(choices.get(item, item))
            remaining = query.copy()
            remaining.setlist(name, [v for v in remaining.getlist(name) if v != str(raw)])
            chips.append(
                {"field": field.label, "label": label, "remove_url": f"?{remaining.urlencode()}"}
            )
    return chips
