from django.urls import path

from . import views
from .feeds import LatestPracticesFeed

app_name = "practices"

urlpatterns = [
    path("practices/", views.PracticeListView.as_view(), name="list"),
    path("practices/<int:pk>/", views.PracticeDetailView.as_view(), name="detail-short"),
    path("practices/<int:pk>/<slug:slug>/", views.PracticeDetailView.as_view(), name="detail"),
    path("programmes/", views.ProgrammeListView.as_view(), name="programmes"),
    path("programmes/compare/", views.ProgrammeCompareView.as_view(), name="compare"),
    path("programmes/<int:pk>/", views.ProgrammeDetailView.as_view(), name="programme-short"),
    path(
        "programmes/<int:pk>/<slug:slug>/",
        views.ProgrammeDetailView.as_view(),
        name="programme",
    ),
    path("suggest/", views.SuggestPracticeView.as_view(), name="suggest"),
    path("suggest/thanks/", views.SuggestThanksView.as_view(), name="suggest-thanks"),
    path("feed/", LatestPracticesFeed(), name="feed"),
]
