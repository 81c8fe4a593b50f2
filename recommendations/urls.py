from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from . import views
from .feeds import LatestRecommendationsFeed

app_name = "recommendations"

# Path words are translated, as in practices.urls.
urlpatterns = [
    path(
        _("recommendations/"),
        include(
            [
                path("", views.RecommendationListView.as_view(), name="list"),
                path("<int:pk>/", views.RecommendationDetailView.as_view(), name="detail-short"),
                path(
                    "<int:pk>/<slug:slug>/",
                    views.RecommendationDetailView.as_view(),
                    name="detail",
                ),
                path(_("feed/"), LatestRecommendationsFeed(), name="feed"),
            ]
        ),
    ),
    path(
        _("forums/"),
        include(
            [
                path("", views.ForumListView.as_view(), name="forums"),
                path("<int:pk>/", views.ForumDetailView.as_view(), name="forum-short"),
                path("<int:pk>/<slug:slug>/", views.ForumDetailView.as_view(), name="forum"),
            ]
        ),
    ),
]
