from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CountriesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "countries"
    verbose_name = _("Countries")
    # What editors add and change (see editorial.roles).
    editorial_models = ["country", "keyfigure"]
