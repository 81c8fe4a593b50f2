"""Editors limited to some countries see and change only those countries' entries."""

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.utils.translation import gettext as _


def scoped_countries(user):
    """The countries `user` is limited to, or None when the user may work on every country."""
    if user.is_superuser:
        return None
    try:
        countries = list(user.editor_scope.countries.all())
    except ObjectDoesNotExist:
        return None
    return countries or None


def limit_to_scope(queryset, user):
    countries = scoped_countries(user)
    if countries is None:
        return queryset
    lookup = queryset.model.country_lookup
    return queryset.filter(**{f"{lookup}__in": countries}).distinct()


def entry_countries(entry):
    """The countries an entry concerns as it stands, through its `country_lookup`."""
    field = entry._meta.get_field(entry.country_lookup)
    if field.many_to_many:
        # An entry not yet saved has no relations to ask for.
        return list(getattr(entry, field.name).all()) if entry.pk else []
    return [getattr(entry, field.name)] if getattr(entry, field.attname) is not None else []


def check_countries_in_scope(user, chosen):
    """Refuse countries outside the user's scope (and entries with no country at all)."""
    allowed = scoped_countries(user)
    if allowed is None:
        return
    outside = [country for country in chosen if country not in allowed]
    if outside or not chosen:
        raise ValidationError(
            _("You can only work on entries of: %(countries)s.")
            % {"countries": ", ".join(str(country) for country in allowed)}
        )


def covers(user, countries):
    """Whether `user` may work on an entry of `countries`, by the rule above."""
    try:
        check_countries_in_scope(user, countries)
    except ValidationError:
        return False
    return True
