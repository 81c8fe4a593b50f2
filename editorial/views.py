"""What every public page shares: published entries only, stable links, bad input as 4xx."""

from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Count, Q
from django.http import QueryDict
from django.shortcuts import redirect
from django.urls import translate_url
from django.utils.cache import add_never_cache_headers
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.utils.translation import override

from . import scopes
from .export import FORMATS
from .models import Status
from .search import search_terms, suggestion


class CanonicalAddressMixin:
    """A page lives at its object's `get_absolute_url()` in each language.

    Any other address that finds the object (an old slug, the other language's slug) redirects
    permanently to it, query string kept, so a link shared before a title was edited, or in the
    other language, keeps working; the language switch and hreflang name each language's one.
    """

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        canonical = self.object.get_absolute_url()
        if request.path != canonical:
            query = request.META.get("QUERY_STRING")
            return redirect(f"{canonical}?{query}" if query else canonical, permanent=True)
        return self.render_to_response(self.get_context_data(object=self.object))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        alternates = {}
        for code, _name in settings.LANGUAGES:
            with override(code):
                alternates[code] = self.object.get_absolute_url()
        context["alternate_urls"] = alternates
        return context


class CanonicalSlugMixin(CanonicalAddressMixin):
    """Entries are found by id; the slug follows the current title and language."""

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
        response = super().get(request, *args, **kwargs)
        if not self.object.is_published:
            response["X-Robots-Tag"] = "noindex, nofollow"
            add_never_cache_headers(response)
        return response


class FilteredListMixin:
    """A list narrowed by a FilterSet from the query string, paginated and downloadable.

    The query string is read in any language and every link is written in the page's
    (editorial.filters.ListFilterSet). A value that names nothing is left out, and named,
    while the other filters apply: a shared link still answers 200. Malformed values (a year
    that is not a number), page numbers past the end or not numbers answer with a message in
    the page's language and a 4xx status, never an error page or a silent wrong list.
    `?format=csv` or `?format=json` downloads the whole filtered list.
    """

    filterset_class = None
    paginate_by = 20
    export_formats = FORMATS
    # The list's feed (an editorial.feeds.EntryFeed), narrowed by the same filters.
    feed = None

    def get_queryset(self):
        return self.filterset_class.Meta.model.objects.published()

    def get_filterset(self, *, match_all=True):
        data = self.request.GET or None
        filterset = self.filterset_class(data, queryset=self.get_queryset(), request=self.request)
        filterset.match_all = match_all
        return filterset

    def parameter(self, name):
        """The value of a parameter that is no filter (the page, the format), in any language."""
        if not self.filterset.is_bound:
            return None
        return self.filterset.data.get(self.filterset.parameter(name))

    def export(self, results, fmt):
        """The download of `results` in `fmt`; lists without open data return None."""
        return None

    def count(self, results):
        """How many results there are; lists that count more at once (facets) override it."""
        return results.count()

    def paginate(self, results, total):
        paginator = Paginator(results, self.paginate_by)
        paginator.count = total  # counted already; the paginator need not ask again
        number = self.parameter("page") or 1
        try:
            return paginator.page(number), None, 200
        except PageNotAnInteger:
            message = _("The page number must be a whole number; showing the first page.")
            return paginator.page(1), message, 400
        except EmptyPage:
            message = _("There is no page %(number)s: this list has %(pages)s.") % {
                "number": printable(str(number), 20),
                "pages": paginator.num_pages,
            }
            return paginator.page(paginator.num_pages), message, 404

    def shared_query(self):
        """The query string to share or build links on, in the page's words: no page number,
        no download, no value the list leaves out."""
        return self.filterset.query("page", "format")

    def link(self, **params):
        """`?query` of this list with `params` (named as filters are, in any language's words)
        set, written in the page's words."""
        query = self.shared_query()
        for name, value in params.items():
            query[self.filterset.parameter(name)] = value
        return f"?{self.filterset.translate(query).urlencode()}"

    def get(self, request, *args, **kwargs):
        if (clean := without_empty_fields(request)) is not None:
            # A submitted form sends every field, empty or not; the address to share, bookmark
            # and name as canonical has only those filled. Permanent: the same address always
            # means the same list, so browsers and crawlers may remember the move.
            return redirect(clean, permanent=True)
        self.filterset = self.get_filterset()
        status = 200
        problems = [
            _("%(filter)s: “%(value)s” is not in the catalogue, so this list leaves it out.")
            % {"filter": label, "value": printable(value)}
            for label, value in self.filterset.unknown
        ]
        fmt = self.parameter("format")
        if self.filterset.is_bound and not self.filterset.is_valid():
            status = 400
            problems.extend(malformed(self.filterset))
            self.filterset.forget_invalid()
        elif fmt in self.export_formats and problems:
            # A download cannot say what it left out: the page does, and offers it again.
            status = 400
        elif (
            fmt in self.export_formats
            and (download := self.export(self.filterset.qs, fmt)) is not None
        ):
            return download
        results = self.filterset.qs
        total = self.count(results)
        search = SearchOutcome(self.filterset.search_words if status == 200 else "")
        search.shortened = getattr(self.filterset, "shortened", False)
        if search.words and not total:
            # No entry has every word: offer those with any of them, and say so.
            self.filterset = self.get_filterset(match_all=False)
            results = self.filterset.qs
            total = self.count(results)
            search.any_word = bool(total)
            if not total and (corrected := suggestion(search.words)):
                search.suggestion = corrected
                search.suggestion_url = self.link(q=corrected)
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
        # This very list, as it should be linked to: in each language's words, on its page.
        address = query.copy()
        if (page := kwargs["page_obj"].number) > 1:
            address[self.filterset.parameter("page")] = str(page)
        chips = active_filters(self.filterset, query)
        if not kwargs["page_obj"].paginator.count:
            # Counted only when the empty list's offers are not kept rendered
            # (editorial.fragments): counting the list without each filter costs a query.
            context.update(
                removals=SimpleLazyObject(lambda: self.removals(chips)),
                themes_with_results=SimpleLazyObject(self.themes_with_results),
            )
        if self.feed is not None:
            context.update(
                feed_url=self.feed.address(self.filterset), feed_title=self.feed.named(chips)
            )
        context.update(
            active_filters=chips,
            filters_named=filters_named(chips),
            # The filter panel folds behind one control that says how many of its filters
            # are in force; the search box stands outside it.
            panel_filters=sum(chip["name"] != "q" for chip in chips),
            share_path=with_query(self.request.path, query),
            query_string=query.urlencode(),
            page_parameter=self.filterset.parameter("page"),
            export_links={fmt: self.link(format=fmt) for fmt in self.export_formats},
            canonical_path=with_query(self.request.path, address),
            alternate_urls={
                code: with_query(
                    translate_url(self.request.path, code),
                    self.filterset.translate(address, code),
                )
                for code, _name in settings.LANGUAGES
            },
        )
        return context

    def removals(self, chips):
        """What an empty list would hold without each filter in force, or without its search:
        [(what, address, number of entries)], for those that would hold some.

        Only whole filters are offered: the values of one are alternatives, so leaving out one
        of several finds nothing more; nor single words, since the list has already looked for
        entries with any of them. All are counted in one query.
        """
        wanted = {}
        for chip in chips:
            wanted.setdefault(chip["name"], []).append(chip)
        offered, counted = [], {}
        for name, same in wanted.items():
            query = self.shared_query()
            query.pop(same[0]["key"], None)
            if name == "q":
                what = _("Without the search “%(words)s”") % {"words": printable(same[0]["label"])}
            else:
                what = _("Without %(filter)s: %(values)s") % {
                    "filter": same[0]["field"],
                    "values": ", ".join(chip["label"] for chip in same),
                }
            offered.append((what, with_query(self.request.path, query)))
            position = len(offered) - 1
            counted[f"all{position}"] = self.filterset_class(
                query, queryset=self.get_queryset(), request=self.request
            ).qs
            if name != "q" and len(search_terms(self.filterset.search_words)) > 1:
                # Where no entry has every word, the list shows those with any of them.
                any_word = self.filterset_class(
                    query, queryset=self.get_queryset(), request=self.request
                )
                any_word.match_all = False
                counted[f"any{position}"] = any_word.qs
        if not offered:
            return []
        numbers = (
            self.get_queryset()
            .order_by()
            .aggregate(
                **{
                    key: Count("pk", filter=Q(pk__in=results.order_by().values("pk")))
                    for key, results in counted.items()
                }
            )
        )
        removals = []
        for position, (what, address) in enumerate(offered):
            number = numbers[f"all{position}"] or numbers.get(f"any{position}", 0)
            if number:
                removals.append((what, address, number))
        return removals

    def themes_with_results(self):
        """Themes an empty list may offer instead, with their number of entries: [(theme,
        address, number)]; lists that do not keep such counts at hand offer none."""
        return []


class SearchOutcome:
    """What the page says about a search: all words found, any word found, or a suggestion."""

    def __init__(self, words):
        self.words = words
        self.any_word = False
        self.suggestion = None
        self.suggestion_url = None
        self.shortened = False


def without_empty_fields(request):
    """The request's address without its empty fields, or None when it has none."""
    filled = QueryDict(mutable=True)
    empty = False
    for key, values in request.GET.lists():
        for value in values:
            if value.strip():
                filled.appendlist(key, value)
            else:
                empty = True
    return with_query(request.path, filled) if empty else None


def with_query(path, query):
    encoded = query.urlencode() if query else ""
    return f"{path}?{encoded}" if encoded else path


def printable(value, length=60):
    """A value from the address, safe and short enough to quote back in a message."""
    text = "".join(char if char.isprintable() else "\ufffd" for char in value)
    return text if len(text) <= length else f"{text[: length - 1]}…"


def filters_named(chips):
    """The filters in force as a title names them: "Panama, Integration, “return”"."""
    names = []
    for chip in chips:
        if chip["is_choice"]:
            names.append(chip["label"])
        elif chip["name"] == "q":
            names.append(_("“%(words)s”") % {"words": printable(chip["label"])})
        else:
            names.append(f"{chip['field']}: {chip['label']}")
    return ", ".join(names)


def malformed(filterset):
    """What the form rejected in the query string, each as "filter: reason"."""
    return [
        f"{filterset.form.fields[field].label}: {error}"
        for field, errors in filterset.errors.items()
        for error in errors
    ]


def active_filters(filterset, query):
    """The filters in force, each with a link that removes it (the GOV.UK/MOJ pattern)."""
    data = getattr(filterset.form, "cleaned_data", {})
    chips = []
    for name, field in filterset.form.fields.items():
        if name == "sort" or not data.get(name):
            continue
        value = data[name]
        values = value if isinstance(value, list) else [value]
        choices = dict(getattr(field, "choices", []) or [])
        key = filterset.form[name].html_name
        for item in values:
            remaining = query.copy()
            remaining.setlist(key, [v for v in remaining.getlist(key) if v.strip() != str(item)])
            rest = remaining.urlencode()
            chips.append(
                {
                    "name": name,
                    "key": key,
                    "field": field.label,
                    "label": str(choices.get(item, item)),
                    # A choice names itself (Mexico); typed words and years need their filter.
                    "is_choice": bool(choices),
                    "remove_url": f"?{rest}" if rest else "",
                }
            )
    return chips
