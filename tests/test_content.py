"""The demo content: real, complete in both languages, cited, and loadable again and again."""

import json

import pytest
import tablib
from django.conf import settings
from django.core import serializers
from django.core.management import call_command

from countries.models import Country
from editorial.models import Source
from practices.models import CompactObjective, Practice, Programme
from practices.resources import PracticeResource, ProgrammeResource
from recommendations.models import Forum, Horizon, Recommendation
from recommendations.resources import ForumResource, RecommendationResource

pytestmark = pytest.mark.django_db

RCM_MEMBERS = {"BZ", "CA", "CR", "DO", "SV", "GT", "HN", "MX", "NI", "PA", "US"}
LANGUAGES = [code for code, _name in settings.LANGUAGES]


def snapshot():
    """Every row of the catalogue, serialised, to compare two states of the database."""
    from django.apps import apps

    rows = []
    for label in ("editorial", "countries", "practices", "recommendations"):
        for model in apps.get_app_config(label).get_models():
            rows.extend(json.loads(serializers.serialize("json", model.objects.order_by("pk"))))
    return rows


def test_loading_twice_changes_nothing(catalogue_content):
    first = snapshot()
    call_command("load_initial_data", verbosity=0)
    assert snapshot() == first


def test_all_rcm_members_and_haiti_are_present(catalogue_content):
    assert set(Country.objects.rcm_members().values_list("code", flat=True)) == RCM_MEMBERS
    haiti = Country.objects.get(code="HT")
    assert not haiti.is_rcm_member
    assert (haiti.name_en, haiti.name_es) == ("Haiti", "Haití")


def test_country_names_differ_by_language_where_they_should(catalogue_content):
    mexico = Country.objects.get(code="MX")
    assert (mexico.name_en, mexico.name_es) == ("Mexico", "México")


@pytest.mark.parametrize(
    ("model", "fields"),
    [
        (Practice, Practice.required_translations),
        (Programme, Programme.required_translations),
        (Forum, Forum.required_translations),
        (Recommendation, Recommendation.required_translations),
        (Source, ("title", "publisher")),
        (Country, ("name",)),
    ],
    ids=lambda value: getattr(value, "__name__", ""),
)
def test_every_entry_is_written_in_both_languages(catalogue_content, model, fields):
    entries = list(model.objects.all())
    assert entries
    for entry in entries:
        for field in fields:
            for code in LANGUAGES:
                assert getattr(entry, f"{field}_{code}").strip(), f"{entry}: {field}_{code}"


EDITORIAL = [Practice, Programme, Forum, Recommendation]


@pytest.mark.parametrize("model", EDITORIAL, ids=lambda m: m.__name__)
def test_every_entry_cites_a_source(catalogue_content, model):
    uncited = model.objects.filter(sources__isnull=True)
    assert not uncited.exists(), list(uncited)


@pytest.mark.parametrize("model", EDITORIAL, ids=lambda m: m.__name__)
def test_every_entry_is_published_and_searchable(catalogue_content, model):
    for entry in model.objects.all():
        assert entry.is_published
        assert entry.search_text


def test_optional_texts_are_filled_in_both_languages_or_neither(catalogue_content):
    for practice in Practice.objects.all():
        for field in ("results", "lessons_learned"):
            filled = {
                code: bool(getattr(practice, f"{field}_{code}").strip()) for code in LANGUAGES
            }
            assert len(set(filled.values())) == 1, f"{practice}: {field} {filled}"


def test_every_practice_has_a_country_and_a_theme(catalogue_content):
    assert not Practice.objects.filter(countries__isnull=True).exists()
    assert not Practice.objects.filter(themes__isnull=True).exists()


@pytest.mark.parametrize(
    "title",
    [
        "Regularization Plans",
        "Migratory Amnesty",
        "cultural mediators",
        "La Unión",
        "La Chorrera",
        "25 de Julio",
        "Somos Lo Mismo",
        "MigApp",
        "E-Campus",
        "integration index",
        "voluntary return",
    ],
)
def test_the_practices_the_sources_describe_are_there(catalogue_content, title):
    assert Practice.objects.filter(title_en__icontains=title).exists()


def test_figures_are_kept_as_the_sources_give_them(catalogue_content):
    text = " ".join(Practice.objects.values_list("results_en", flat=True))
    text += " ".join(Practice.objects.values_list("description_en", flat=True))
    assert "7,000" in text
    assert "3 million" in text


def test_the_san_jose_forum_of_2022_with_its_practices_and_key_processes(catalogue_content):
    forum = Forum.objects.get(start_date="2022-08-04")
    assert forum.end_date.isoformat() == "2022-08-05"
    assert forum.countries.count() == 8
    assert forum.practices.filter(title_en__icontains="cultural mediators").exists()
    assert forum.recommendations.count() >= 3
    assert "three key processes" in forum.conclusions_en


def test_the_return_meeting_and_its_short_term_recommendations(catalogue_content):
    short = Recommendation.objects.filter(horizon=Horizon.SHORT)
    titles = " ".join(short.values_list("title_en", flat=True)).lower()
    assert "document" in titles and "institutions" in titles
    assert Recommendation.objects.filter(text_en__icontains="social services").exists()
    meeting = short.first().forum
    assert meeting.start_date is None  # the source is undated; nothing invented


def test_the_2018_meeting_and_the_2021_regional_study_session(catalogue_content):
    assert Forum.objects.filter(start_date="2018-10-22", end_date="2018-10-24").exists()
    assert Forum.objects.filter(start_date="2021-09-22").exists()


def test_every_loaded_entry_starts_its_history(catalogue_content):
    from reversion.models import Version

    for model in EDITORIAL:
        for entry in model.objects.all():
            assert Version.objects.get_for_object(entry).count() == 1, entry
    call_command("load_initial_data", verbosity=0)
    practice = Practice.objects.first()
    assert Version.objects.get_for_object(practice).count() == 1


@pytest.mark.parametrize(
    "resource_class",
    [PracticeResource, ProgrammeResource, ForumResource, RecommendationResource],
    ids=lambda cls: cls.__name__,
)
def test_real_content_round_trips_unchanged(catalogue_content, resource_class, admin_user):
    resource = resource_class()
    exported = resource.export()
    assert len(exported) > 0
    result = resource.import_data(
        tablib.Dataset().load(exported.csv, format="csv"), user=admin_user
    )
    assert not result.has_errors() and not result.has_validation_errors()
    assert {r.import_type for r in result.rows} == {"skip"}


# The loaded practices each objective is tagged on, by title: only where the link is direct.
TAGGED = {
    1: {"integration index", "Integration services", "Regional Study"},
    3: {"MigApp"},
    14: {"voluntary return", "embassies and consulates"},
    15: {"cultural mediators", "Integration services"},
    16: {
        "Labour intermediation",
        "La Unión",
        "La Chorrera",
        "25 de Julio",
        "Integration services",
    },
    17: {"Somos Lo Mismo"},
    21: {"returnees into Guatemala", "voluntary return"},
    23: {"Regional coordination"},
}


def test_the_vocabulary_holds_the_23_objectives_in_order(catalogue_content):
    numbers = list(CompactObjective.objects.values_list("number", flat=True))
    assert numbers == list(range(1, 24))


@pytest.mark.parametrize(
    ("number", "english", "spanish"),
    [
        (
            1,
            "Collect and utilize accurate and disaggregated data as a basis for evidence-based "
            "policies",
            "Recopilar y utilizar datos exactos y desglosados para formular políticas con base "
            "empírica",
        ),
        (
            14,
            "Enhance consular protection, assistance and cooperation throughout the migration "
            "cycle",
            "Mejorar la protección, asistencia y cooperación consulares a lo largo de todo el "
            "ciclo migratorio",
        ),
        (
            21,
            "Cooperate in facilitating safe and dignified return and readmission, as well as "
            "sustainable reintegration",
            "Colaborar para facilitar el regreso y la readmisión en condiciones de seguridad y "
            "dignidad, así como la reintegración sostenible",
        ),
    ],
)
def test_objectives_carry_their_official_titles(catalogue_content, number, english, spanish):
    loaded = CompactObjective.objects.get(number=number)
    assert (loaded.name_en, loaded.name_es) == (english, spanish)


def test_every_objective_is_titled_in_both_languages(catalogue_content):
    for loaded in CompactObjective.objects.all():
        assert loaded.name_en.strip() and loaded.name_es.strip(), loaded.number
        assert loaded.name_en != loaded.name_es
        assert loaded.short_name_en.strip() and loaded.short_name_es.strip(), loaded.number


def test_objectives_go_by_the_un_hub_s_short_names(catalogue_content):
    consular = CompactObjective.objects.get(number=14)
    assert (consular.short_name_en, consular.short_name_es) == (
        "Consular protection",
        "Protección consular",
    )


def test_the_loaded_practices_are_tagged_only_where_the_link_is_direct(catalogue_content):
    for number, expected in TAGGED.items():
        tagged = Practice.objects.filter(compact_objectives__number=number)
        found = {part for part in expected for practice in tagged if part in practice.title_en}
        assert found == expected, number
        assert tagged.count() == len(expected), number
    untagged = set(range(1, 24)) - set(TAGGED)
    assert not Practice.objects.filter(compact_objectives__number__in=untagged).exists()


def test_the_25_de_julio_visit_is_not_a_practice_presented_at_the_forum(catalogue_content):
    forum = Forum.objects.get(start_date="2022-08-04")
    assert not forum.practices.filter(title_en__icontains="25 de Julio").exists()


def test_the_return_meeting_practice_names_only_the_countries_that_attended(catalogue_content):
    practice = Practice.objects.get(title_en__icontains="voluntary return")
    codes = set(practice.countries.values_list("code", flat=True))
    assert codes == {"GT", "CR", "SV", "HN", "NI", "PA", "MX", "US", "DO", "CA"}


def test_the_border_mediators_practice_does_not_serve_indigenous_peoples(catalogue_content):
    practice = Practice.objects.get(title_en__icontains="cultural mediators")
    assert not practice.target_groups.filter(slug="indigenous-peoples").exists()


def test_the_integration_index_is_shown_as_planned(catalogue_content):
    practice = Practice.objects.get(title_en__icontains="integration index")
    assert practice.is_planned and practice.start_year == 2023
    assert practice.period_label == "planned for 2023"


@pytest.mark.parametrize(
    "calque",
    [
        "Entre las conclusiones del foro en que se compartió",
        "para que los procesos de integración sean eficaces",
        "mediadoras culturales para temas de atención de salud",
        "El foro dialogó",
    ],
)
def test_the_spanish_reads_without_calques(catalogue_content, calque):
    for model in (Practice, Forum, Recommendation):
        for entry in model.objects.all():
            for name in model.translated_field_names():
                if name.endswith("_es"):
                    assert calque not in getattr(entry, name), (entry, name)


def test_the_return_meeting_records_iom_support_and_the_members_commitment(catalogue_content):
    meeting = Forum.objects.get(practices__title_en__icontains="voluntary return")
    assert "RCM Technical Secretariat" in meeting.summary_en
    assert "human rights of migrants" in meeting.summary_en
    assert "Secretaría Técnica de la CRM" in meeting.summary_es


def test_the_regional_study_records_iom_support_and_the_global_alignment(catalogue_content):
    study = Practice.objects.get(title_en__icontains="Regional Study")
    assert "regularization measures" in study.description_en
    assert "Global Forum on Migration and Development" in study.description_en
    assert "Foro Mundial sobre Migración y Desarrollo" in study.description_es


def test_recommendations_say_what_their_forum_made_of_them(catalogue_content):
    roles = {
        recommendation.title_en: (recommendation.forum_role, recommendation.speaker_en)
        for recommendation in Recommendation.objects.filter(forum__isnull=False)
    }
    said = {title: speaker for title, (role, speaker) in roles.items() if role == "said"}
    proposed = {title for title, (role, _speaker) in roles.items() if role == "proposed"}
    assert len(said) == 4 and all(said.values())
    assert any("Marcelo Pisani" in speaker for speaker in said.values())
    assert len(proposed) == 2
    assert all("document" in title or "institutions" in title for title in proposed)
