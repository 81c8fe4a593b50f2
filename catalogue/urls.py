from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from practices.views import HomeView

from .sitemaps import sitemaps
from .views import favicon, robots_txt

admin.site.site_header = _("Catalogue of good practices: editors")
admin.site.site_title = _("Catalogue editors")
admin.site.index_title = _("Curate the catalogue")

urlpatterns = [
    path("admin/", admin.site.urls),
    path("robots.txt", robots_txt),
    # Browsers ask for /favicon.ico on pages without an icon link, such as the admin.
    path("favicon.ico", favicon),
    path("sitemap.xml", sitemap, {"sitemaps": sitemaps}, name="sitemap"),
]

# Every public page lives under /en/ or /es/; "/" redirects by the browser's language.
urlpatterns += i18n_patterns(
    path("", HomeView.as_view(), name="home"),
    path("", include("practices.urls")),
    path("", include("countries.urls")),
    path("", include("recommendations.urls")),
)
