"""The editorial roles, as Django groups the project creates and keeps up to date itself.

Editors write and submit for review; reviewers also publish, archive, restore earlier versions
and import spreadsheets. Nobody but a superuser deletes.
"""

from django.contrib.auth.models import Group, Permission

EDITORS = "Editors"
REVIEWERS = "Reviewers"

CONTENT_MODELS = {
    "countries": ["country", "keyfigure"],
    "practices": [
        "practice",
        "programme",
        "source",
        "actor",
        "theme",
        "programmekind",
        "actortype",
        "targetgroup",
        "suggestion",
    ],
    "recommendations": ["recommendation", "forum", "addressee"],
}
EDITOR_ACTIONS = ["add", "change", "view"]
REVIEWER_EXTRA = [
    ("practices", "publish_practice"),
    ("practices", "publish_programme"),
    ("practices", "delete_suggestion"),
    ("recommendations", "publish_recommendation"),
    ("recommendations", "publish_forum"),
]


def _permissions(pairs):
    found = []
    for app_label, codename in pairs:
        found.extend(
            Permission.objects.filter(content_type__app_label=app_label, codename=codename)
        )
    return found


def editor_permission_pairs():
    return [
        (app_label, f"{action}_{model}")
        for app_label, models in CONTENT_MODELS.items()
        for model in models
        for action in EDITOR_ACTIONS
    ]


def sync_roles():
    """Create or update both groups; safe to run any number of times."""
    editors, _ = Group.objects.get_or_create(name=EDITORS)
    reviewers, _ = Group.objects.get_or_create(name=REVIEWERS)
    editor_permissions = _permissions(editor_permission_pairs())
    editors.permissions.set(editor_permissions)
    reviewers.permissions.set(editor_permissions + _permissions(REVIEWER_EXTRA))
    return editors, reviewers
