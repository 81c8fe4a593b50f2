from django.apps import AppConfig, apps
from django.contrib.auth.signals import user_logged_in
from django.core.signals import request_finished, request_started
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.utils.translation import gettext_lazy as _

# The apps whose entries public pages show.
CONTENT_APPS = ["editorial", "countries", "practices", "recommendations"]


def create_roles(sender, **kwargs):
    from .roles import sync_roles

    sync_roles()


def content_models():
    """What editors change, hence what public pages show.

    Only the models named in `editorial_models`: tables rebuilt from the content when it
    changes (the search words) must not count as a change, or every rebuild would call for
    another.
    """
    for label in CONTENT_APPS:
        config = apps.get_app_config(label)
        for model in config.get_models():
            if model._meta.model_name in config.editorial_models:
                yield model


class EditorialConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "editorial"
    verbose_name = _("Editorial workflow")
    # Scopes are set by superusers only, so editors work on sources alone here.
    editorial_models = ["source"]

    def ready(self):
        from . import cache, fragments
        from .cache import bump_on_commit, relations_changed
        from .models import SearchTerm
        from .notifications import remember_language

        # The generation is read once a request, and what a change makes stale is rebuilt by
        # the request that made it, not by a visitor's. Connected first: parts of pages are
        # kept under the generation read before the request reads any row.
        request_started.connect(cache.request_started, dispatch_uid="editorial-rebuild")
        request_finished.connect(cache.request_finished, dispatch_uid="editorial-rebuild")
        request_started.connect(fragments.request_started, dispatch_uid="editorial-fragments")
        request_finished.connect(fragments.request_finished, dispatch_uid="editorial-fragments")
        cache.rebuilt_after_change(SearchTerm.objects.refresh)

        # Mail reaches staff in the language they last signed in to the admin in.
        user_logged_in.connect(remember_language, dispatch_uid="editorial-remember-language")

        # After every migrate, so the groups exist on any fresh database, tests included.
        post_migrate.connect(create_roles, sender=self)
        # Any write to the content makes cached pages and lists stale. Updates through
        # QuerySet.update() or bulk_update() send no signal; their callers bump themselves.
        for model in content_models():
            post_save.connect(bump_on_commit, sender=model)
            post_delete.connect(bump_on_commit, sender=model)
            for field in model._meta.local_many_to_many:
                m2m_changed.connect(relations_changed, sender=field.remote_field.through)
