from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from . import views
from .feeds import LatestPracticesFeed

app_name = "practices"

# Path words are translated (locale/es): /es/practicas/, /es/programas/comparar/. Addresses in
# the other language's words redirect to these (editorial.middleware.TranslatedPathMiddleware).
urlpatterns = [
    path(
        _("practices/"),
        include(
            [
                path("", views.PracticeListView.as_view(), name="list"),
                path("<int:pk>/", views.PracticeDetailView.as_view(), name="detail-short"),
                path("<int:pk>/<slug:slug>/", views.PracticeDetailView.as_view(), name="detail"),
            ]
        ),
    ),
    path(
        _("programmes/"),
        include(
            [
                path("", views.ProgrammeListView.as_view(), name="programmes"),
                path(_("compare/"), views.ProgrammeCompareView.as_view(), name="compare"),
                path("<int:pk>/", views.ProgrammeDetailView.as_view(), name="programme-short"),
                path(
                    "<int:pk>/<slug:slug>/", views.ProgrammeDetailView.as_view(), name="programme"
                ),
            ]
        ),
    ),
    path(
        _("suggest/"),
        include(
            [
                path("", views.SuggestPracticeView.as_view(), name="suggest"),
                path(_("thanks/"), views.SuggestThanksView.as_view(), name="suggest-thanks"),
            ]
        ),
    ),
    path(_("feed/"), LatestPracticesFeed(), name="feed"),
]
