"""The editorial roles, as Django groups the project creates and keeps up to date itself.

Editors write and submit for review; reviewers also publish, archive, restore earlier versions
and import spreadsheets. Nobody but a superuser deletes.

Each content app declares on its AppConfig the models editors work on (`editorial_models`)
and any extra permission reviewers hold (`reviewer_permissions`); every model with an
editorial status has its own `publish_<model>` permission.
"""

from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission

EDITORS = "Editors"
REVIEWERS = "Reviewers"
EDITOR_ACTIONS = ["add", "change", "view"]


def editorial_apps():
    return [config for config in apps.get_app_configs() if getattr(config, "editorial_models", ())]


def publish_permission(model):
    """The permission to publish, archive and restore entries of `model`."""
    return f"{model._meta.app_label}.publish_{model._meta.model_name}"


def editor_permission_pairs():
    return [
        (config.label, f"{action}_{model}")
        for config in editorial_apps()
        for model in config.editorial_models
        for action in EDITOR_ACTIONS
    ]


def reviewer_permission_pairs():
    from .models import Editorial

    pairs = []
    for config in editorial_apps():
        pairs += [
            tuple(publish_permission(model).split("."))
            for model in config.get_models()
            if issubclass(model, Editorial)
        ]
        pairs += [
            (config.label, codename) for codename in getattr(config, "reviewer_permissions", ())
        ]
    return pairs


def _permissions(pairs):
    wanted = {f"{app_label}.{codename}" for app_label, codename in pairs}
    found = Permission.objects.filter(
        content_type__app_label__in={app_label for app_label, _codename in pairs},
        codename__in={codename for _app_label, codename in pairs},
    ).select_related("content_type")
    return [p for p in found if f"{p.content_type.app_label}.{p.codename}" in wanted]


def sync_roles():
    """Create or update both groups; safe to run any number of times, in any app order."""
    # Permissions appear after each app's own migrate; create them now so the groups get
    # every app's, whatever the order of INSTALLED_APPS.
    for config in editorial_apps():
        create_permissions(config, verbosity=0)
    editors, _ = Group.objects.get_or_create(name=EDITORS)
    reviewers, _ = Group.objects.get_or_create(name=REVIEWERS)
    editor_permissions = _permissions(editor_permission_pairs())
    editors.permissions.set(editor_permissions)
    reviewers.permissions.set(editor_permissions + _permissions(reviewer_permission_pairs()))
    return editors, reviewers
