"""Sources and country scopes, taken over from the practices app with their tables and history.

On a database that predates the editorial app, practices.0004 has renamed the tables; here the
models enter this app's state, and their content types and stored versions follow them, so
permissions, the admin log and the history keep pointing at the same rows.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

MOVED = ("source", "editorscope")


def move_between_apps(apps, old_app, new_app):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Version = apps.get_model("reversion", "Version")
    for model in MOVED:
        ContentType.objects.filter(app_label=old_app, model=model).update(app_label=new_app)
        old, new = f'"model": "{old_app}.{model}"', f'"model": "{new_app}.{model}"'
        for version in Version.objects.filter(serialized_data__contains=old):
            version.serialized_data = version.serialized_data.replace(old, new)
            version.save(update_fields=["serialized_data"])


def move_content_types_and_history(apps, schema_editor):
    move_between_apps(apps, "practices", "editorial")


def move_back(apps, schema_editor):
    move_between_apps(apps, "editorial", "practices")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("reversion", "0002_add_index_on_version_for_content_type_and_db"),
        ("countries", "0002_initial"),
        ("practices", "0004_tables_to_editorial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="EditorScope",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "countries",
                            models.ManyToManyField(
                                blank=True,
                                help_text="The user sees and changes only these countries' entries; empty means all.",
                                related_name="+",
                                to="countries.country",
                                verbose_name="countries",
                            ),
                        ),
                        (
                            "user",
                            models.OneToOneField(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="editor_scope",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="user",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "country scope",
                        "verbose_name_plural": "country scopes",
                    },
                ),
                migrations.CreateModel(
                    name="Source",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("title", models.CharField(max_length=300, verbose_name="title")),
                        (
                            "title_en",
                            models.CharField(max_length=300, null=True, verbose_name="title"),
                        ),
                        (
                            "title_es",
                            models.CharField(max_length=300, null=True, verbose_name="title"),
                        ),
                        ("publisher", models.CharField(max_length=200, verbose_name="publisher")),
                        (
                            "publisher_en",
                            models.CharField(max_length=200, null=True, verbose_name="publisher"),
                        ),
                        (
                            "publisher_es",
                            models.CharField(max_length=200, null=True, verbose_name="publisher"),
                        ),
                        (
                            "published_on",
                            models.DateField(blank=True, null=True, verbose_name="date"),
                        ),
                        ("url", models.URLField(blank=True, max_length=500, verbose_name="URL")),
                        (
                            "document",
                            models.CharField(
                                blank=True,
                                help_text="File name or reference of the document when it has no public URL.",
                                max_length=200,
                                verbose_name="document name",
                            ),
                        ),
                        ("note", models.CharField(blank=True, max_length=300, verbose_name="note")),
                        (
                            "note_en",
                            models.CharField(
                                blank=True, max_length=300, null=True, verbose_name="note"
                            ),
                        ),
                        (
                            "note_es",
                            models.CharField(
                                blank=True, max_length=300, null=True, verbose_name="note"
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "source",
                        "verbose_name_plural": "sources",
                        "ordering": ["-published_on", "title"],
                        "constraints": [
                            models.CheckConstraint(
                                condition=models.Q(
                                    models.Q(("url", ""), _negated=True),
                                    models.Q(("document", ""), _negated=True),
                                    _connector="OR",
                                ),
                                name="source_has_url_or_document",
                                violation_error_message="Give the source's URL or its document name.",
                            )
                        ],
                    },
                ),
            ],
        ),
        migrations.RunPython(move_content_types_and_history, move_back),
    ]
