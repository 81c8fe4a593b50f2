from django.contrib import admin
from django.urls import path
from django.utils.translation import gettext_lazy as _

admin.site.site_header = _("Catalogue of good practices: editors")
admin.site.site_title = _("Catalogue editors")
admin.site.index_title = _("Curate the catalogue")

urlpatterns = [
    path("admin/", admin.site.urls),
]
