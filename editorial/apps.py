from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def create_roles(sender, **kwargs):
    from .roles import sync_roles

    sync_roles()


class EditorialConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "editorial"
    verbose_name = _("Editorial workflow")
    # Scopes are set by superusers only, so editors work on sources alone here.
    editorial_models = ["source"]

    def ready(self):
        # After every migrate, so the groups exist on any fresh database, tests included.
        post_migrate.connect(create_roles, sender=self)
