import json
from io import StringIO

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_models_and_migrations_are_in_sync():
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()


def test_every_migration_is_applied_to_the_test_database():
    out = StringIO()
    call_command("showmigrations", "--plan", stdout=out)
    assert "[ ]" not in out.getvalue()


SOURCE = {
    "title_en": "Regional study",
    "title_es": "Estudio regional",
    "publisher_en": "IOM",
    "publisher_es": "OIM",
    "document": "study.pdf",
    "url": "",
    "note": "",
    "note_en": "",
    "note_es": "",
}

BEFORE_EDITORIAL = [
    ("countries", "0002_initial"),
    ("practices", "0003_editor_scope"),
    ("recommendations", "0001_initial"),
    ("editorial", None),
]


def migrate_to(targets):
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    # The state also needs the framework's tables as they are today.
    framework = [
        node for node in executor.loader.graph.leaf_nodes() if node[0] not in dict(targets)
    ]
    return executor.loader.project_state([t for t in targets if t[1]] + framework).apps


@pytest.mark.django_db(transaction=True)
def test_a_database_from_before_the_editorial_app_keeps_its_sources_scopes_and_history():
    from django.db.migrations.loader import MigrationLoader

    latest = [(app, name) for app, name in MigrationLoader(None).graph.leaf_nodes()]
    old = migrate_to(BEFORE_EDITORIAL)
    try:
        ContentType = old.get_model("contenttypes", "ContentType")
        source_type, _created = ContentType.objects.get_or_create(
            app_label="practices", model="source"
        )
        source = old.get_model("practices", "Source").objects.create(
            **SOURCE, title="Regional study", publisher="IOM"
        )
        country = old.get_model("countries", "Country").objects.create(
            code="BZ",
            name_en="Belize",
            name_es="Belice",
            slug="belize",
            subregion="central-america",
        )
        user = old.get_model("auth", "User").objects.create(username="belize-editor")
        scope = old.get_model("practices", "EditorScope").objects.create(user=user)
        scope.countries.add(country)
        revision = old.get_model("reversion", "Revision").objects.create(
            date_created="2026-01-01T00:00:00Z", comment="loaded"
        )
        fields = {**SOURCE, "title": "Regional study", "publisher": "IOM", "published_on": None}
        old.get_model("reversion", "Version").objects.create(
            revision=revision,
            object_id=str(source.pk),
            content_type=source_type,
            db="default",
            format="json",
            object_repr="Regional study",
            serialized_data=json.dumps(
                [{"model": "practices.source", "pk": source.pk, "fields": fields}]
            ),
        )
    finally:
        migrate_to(latest)

    from django.contrib.auth.models import User
    from reversion.models import Version

    from editorial.models import EditorScope, Source

    moved = Source.objects.get(pk=source.pk)
    assert (moved.title_en, moved.title_es) == ("Regional study", "Estudio regional")
    scope = EditorScope.objects.get(user=User.objects.get(username="belize-editor"))
    assert list(scope.countries.values_list("code", flat=True)) == ["BZ"]
    [version] = Version.objects.get_for_object(moved)
    assert version.field_dict["title_es"] == "Estudio regional"


BEFORE_SPANISH_SLUGS = [
    ("countries", "0003_source_from_editorial"),
    ("practices", "0008_search_title"),
    ("recommendations", "0004_search_title"),
]


@pytest.mark.django_db(transaction=True)
def test_existing_countries_and_vocabularies_get_spanish_slugs_from_their_spanish_names():
    from django.db.migrations.loader import MigrationLoader

    latest = [(app, name) for app, name in MigrationLoader(None).graph.leaf_nodes()]
    old = migrate_to(BEFORE_SPANISH_SLUGS)
    try:
        Theme = old.get_model("practices", "Theme")
        Theme.objects.create(name_en="Return", name_es="Retorno y reintegración", slug="return")
        Theme.objects.create(name_en="Returns", name_es="Retorno y reintegración", slug="returns")
        old.get_model("countries", "Country").objects.create(
            code="US", name_en="United States", name_es="Estados Unidos", slug="united-states"
        )
    finally:
        migrate_to(latest)

    from countries.models import Country
    from practices.models import Theme

    assert dict(Theme.objects.values_list("slug", "slug_es")) == {
        "return": "retorno-y-reintegracion",
        "returns": "retorno-y-reintegracion-2",
    }
    assert Country.objects.get(code="US").slug_es == "estados-unidos"
