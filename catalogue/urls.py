from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from . import compare, views
from .sitemaps import sitemaps

admin.site.site_header = _("Catalogue of good practices: editors")
admin.site.site_title = _("Catalogue editors")
admin.site.index_title = _("Curate the catalogue")

handler500 = views.server_error

urlpatterns = [
    path("admin/", admin.site.urls),
    path("robots.txt", views.robots_txt),
    # Browsers ask for /favicon.ico on pages without an icon link, such as the admin.
    path("favicon.ico", views.favicon),
    path("sitemap.xml", sitemap, {"sitemaps": sitemaps}, name="sitemap"),
]

# Country profiles gather every app's content, so their views live here, under their own names.
country_patterns = [
    path(
        _("countries/"),
        include(
            [
                path("", views.CountryListView.as_view(), name="list"),
                path(_("compare/"), compare.CountryCompareView.as_view(), name="compare"),
                path("<slug:slug>/", views.CountryDetailView.as_view(), name="detail"),
            ]
        ),
    ),
]

# Every public page lives under /en/ or /es/, in that language's words (/es/datos-abiertos/);
# "/" redirects by the browser's language.
urlpatterns += i18n_patterns(
    path("", views.HomeView.as_view(), name="home"),
    path(_("open-data/"), views.OpenDataView.as_view(), name="open-data"),
    path("", include("practices.urls")),
    path("", include((country_patterns, "countries"))),
    path("", include("recommendations.urls")),
)
