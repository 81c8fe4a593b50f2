"""A small catalogue whose titles the browser tests know, in both languages."""

from decimal import Decimal
from types import SimpleNamespace

from countries.models import KeyFigure, SubRegion
from editorial.models import Status
from practices.models import Programme
from tests import factories as f


def build_catalogue():
    source = f.make_source(title_en="Regional report", title_es="Informe regional")
    costa_rica = f.make_country(
        code="CR", slug="costa-rica", name_en="Costa Rica", name_es="Costa Rica"
    )
    mexico = f.make_country(
        code="MX",
        slug="mexico",
        name_en="Mexico",
        name_es="México",
        subregion=SubRegion.NORTH_AMERICA,
    )
    panama = f.make_country(code="PA", slug="panama", name_en="Panama", name_es="Panamá")
    regularization = f.make_theme(
        slug="regularization", name_en="Regularization", name_es="Regularización"
    )
    integration = f.make_theme(slug="integration", name_en="Integration", name_es="Integración")
    return_theme = f.make_theme(
        slug="return", name_en="Return and reintegration", name_es="Retorno y reintegración"
    )

    def practice(title_en, title_es, countries, themes, summary_en, summary_es):
        return f.make_practice(
            title_en=title_en,
            title_es=title_es,
            summary_en=summary_en,
            summary_es=summary_es,
            description_en="How it was done, step by step.",
            description_es="Cómo se hizo, paso a paso.",
            countries=countries,
            themes=themes,
            sources=[source],
        )

    plans = practice(
        "Regularization plans for migrant workers",
        "Planes de regularización para personas trabajadoras migrantes",
        [costa_rica],
        [regularization],
        "Employers and the migration authority give workers a legal status.",
        "Empleadores y la autoridad migratoria dan un estatus legal a los trabajadores.",
    )
    amnesty = practice(
        "Migratory amnesty",
        "Amnistía migratoria",
        [panama],
        [regularization],
        "People who overstayed could apply for residence for one year.",
        "Las personas con permanencia vencida pudieron pedir residencia durante un año.",
    )
    mediators = practice(
        "Cultural mediators in schools",
        "Mediadores culturales en las escuelas",
        [costa_rica],
        [integration],
        "Schools hire mediators to welcome children who arrive from abroad.",
        "Las escuelas contratan mediadores para acoger a niñas y niños llegados del exterior.",
    )
    returnees = practice(
        "Support for returnees",
        "Apoyo a personas retornadas",
        [mexico],
        [return_theme],
        "Returnees receive job counselling on arrival.",
        "Las personas retornadas reciben orientación laboral al llegar.",
    )
    # Not f.make_programme: its eager `setdefault("country", make_country())` adds a country
    # whose generated code can clash with the real ISO codes used here.
    programmes = [
        programme(
            costa_rica,
            source,
            name_en="Special regime for agricultural workers",
            name_es="Régimen especial para trabajadores agrícolas",
            start_year=2019,
            end_year=2021,
        ),
        programme(
            panama,
            source,
            name_en="Crisol de Razas",
            name_es="Crisol de Razas",
            start_year=2010,
            is_ongoing=True,
        ),
    ]
    KeyFigure.objects.create(
        country=costa_rica,
        label_en="Migrants regularized",
        label_es="Personas migrantes regularizadas",
        value=Decimal(12000),
        year=2021,
        source=source,
    )
    return SimpleNamespace(
        costa_rica=costa_rica,
        regularization=regularization,
        plans=plans,
        amnesty=amnesty,
        mediators=mediators,
        returnees=returnees,
        programmes=programmes,
    )


def programme(country, source, **fields):
    entry = Programme.objects.create(
        country=country,
        kind=f.make_programme_kind(),
        summary_en="A programme run by the migration authority.",
        summary_es="Un programa de la autoridad migratoria.",
        status=Status.PUBLISHED,
        **fields,
    )
    entry.sources.set([source])
    return entry
