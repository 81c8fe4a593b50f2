from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecommendationsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "recommendations"
    verbose_name = _("Recommendations and forums")
    # What editors add and change (see editorial.roles).
    editorial_models = ["recommendation", "forum", "addressee"]
