from django.urls import path

from . import views
from .feeds import LatestRecommendationsFeed

app_name = "recommendations"

urlpatterns = [
    path("recommendations/", views.RecommendationListView.as_view(), name="list"),
    path(
        "recommendations/<int:pk>/", views.RecommendationDetailView.as_view(), name="detail-short"
    ),
    path(
        "recommendations/<int:pk>/<slug:slug>/",
        views.RecommendationDetailView.as_view(),
        name="detail",
    ),
    path("recommendations/feed/", LatestRecommendationsFeed(), name="feed"),
    path("forums/", views.ForumListView.as_view(), name="forums"),
    path("forums/<int:pk>/", views.ForumDetailView.as_view(), name="forum-short"),
    path("forums/<int:pk>/<slug:slug>/", views.ForumDetailView.as_view(), name="forum"),
]
