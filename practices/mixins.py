"""What every public page shares: published entries only, stable links, bad input as 4xx."""

from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import override


class CanonicalSlugMixin:
    """Entries are found by id; the slug follows the current title and language.

    An old or foreign-language slug redirects permanently to the current one, so a link
    shared before a title was edited keeps working.
    """

    def get_queryset(self):
        queryset = super().get_queryset()
        opts = queryset.model._meta
        # Editors preview drafts at their public address; everybody else sees published only.
        if self.request.user.has_perm(f"{opts.app_label}.view_{opts.model_name}"):
            return queryset
        return queryset.published()

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        canonical = self.object.get_absolute_url()
        if request.path != canonical:
            query = request.META.get("QUERY_STRING")
            return redirect(f"{canonical}?{query}" if query else canonical, permanent=True)
        response = self.render_to_response(self.get_context_data(object=self.object))
        if not self.object.is_published:
            response["X-Robots-Tag"] = "noindex, nofollow"
            response["Cache-Control"] = "private, no-store"
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
    """A list narrowed by a FilterSet from the query string and paginated.

    Invalid filter values, page numbers past the end or not numbers answer with a message
    in the page's language and a 4xx status, never an error page or a silent wrong list.
    """

    filterset_class = None
    paginate_by = 20

    def get_queryset(self):
        return self.filterset_class.Meta.model.objects.published()

    def get_filterset(self):
        return self.filterset_class(self.request.GET or None, queryset=self.get_queryset(),
                                    request=self.request)  # fmt: skip

    def paginate(self, results):
        paginator = Paginator(results, self.paginate_by)
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

    def get(self, request, *args, **kwargs):
        self.filterset = self.get_filterset()
        results = self.filterset.qs
        status = 200
        problems = []
        if self.filterset.is_bound and not self.filterset.is_valid():
            status = 400
            for field, errors in self.filterset.errors.items():
                label = self.filterset.form.fields[field].label
                problems.extend(f"{label}: {error}" for error in errors)
        page, page_problem, page_status = self.paginate(results)
        if page_problem:
            problems.append(page_problem)
            status = max(status, page_status)
        context = self.get_context_data(
            filterset=self.filterset, results=results, page_obj=page, problems=problems
        )
        return self.render_to_response(context, status=status)
