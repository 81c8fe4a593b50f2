from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "practices"
    verbose_name = _("Practices and programmes")
    # What editors add and change (see editorial.roles); reviewers may also discard suggestions.
    editorial_models = [
        "practice",
        "programme",
        "actor",
        "theme",
        "programmekind",
        "actortype",
        "targetgroup",
        "compactobjective",
        "suggestion",
    ]
    reviewer_permissions = ["delete_suggestion"]
