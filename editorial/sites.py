"""The admin site: Django's, with a home page that says what needs doing."""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig


class EditorialAdminSite(admin.AdminSite):
    def index(self, request, extra_context=None):
        # INSTALLED_APPS names this module, so it loads before the models it would import.
        from .admin import what_needs_doing

        extra_context = {"tasks": what_needs_doing(request, self), **(extra_context or {})}
        return super().index(request, extra_context)


class EditorialAdminConfig(AdminConfig):
    default_site = "editorial.sites.EditorialAdminSite"
