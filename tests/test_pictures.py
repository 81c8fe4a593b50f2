"""The pictures (map of the region, timeline of programmes, country × theme matrix) show the
published catalogue's numbers, each part a link, in both languages."""

import re
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from countries.models import Country
from countries.regionmap import OUTLINES, Shading
from practices.models import Practice, Programme, Theme

from .factories import make_country, make_practice, make_programme, make_theme

pytestmark = pytest.mark.django_db

LANGUAGES = ["en", "es"]


@pytest.fixture
def region():
    """Guatemala with three published practices and a draft, Panama with one, Belize none."""
    guatemala = make_country(code="GT", name_en="Guatemala", name_es="Guatemala", slug="guatemala")
    panama = make_country(code="PA", name_en="Panama", name_es="Panamá", slug="panama")
    belize = make_country(
        code="BZ", name_en="Belize", name_es="Belice", slug="belize", slug_es="belice"
    )
    for _ in range(2):
        make_practice(countries=[guatemala])
    make_practice(countries=[guatemala, panama])
    make_practice(countries=[guatemala, belize], status="draft")
    return guatemala, panama, belize


def page(client, name, language, query=""):
    with override(language):
        path = reverse(name)
    response = client.get(path + query)
    assert response.status_code == 200
    return response.content.decode()


def map_links(html):
    """{title of each country's link: its address}, for the links in the tab order."""
    figure = html[html.index('<figure class="region-map">') :]
    figure = figure[: figure.index("</figure>")]
    return {
        unescape(title): unescape(href)
        for href, hidden, title in re.findall(
            r'<a href="([^"]*)"( tabindex="-1" aria-hidden="true")?><title>([^<]*)</title>', figure
        )
        if not hidden
    }


def map_table(html):
    """{country: number} as the map's table gives them."""
    table = html[html.index('<figure class="region-map">') :]
    table = table[table.index("<table") : table.index("</table>")]
    rows = re.findall(r'<th scope="row">([^<]*)</th><td>(\d+)</td>', table)
    return {unescape(name): int(n) for name, n in rows}


def published_per_country():
    return {
        country.name: Practice.objects.published().filter(countries=country).count()
        for country in Country.objects.filter(code__in=OUTLINES["countries"])
    }


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", ["home", "countries:list"])
def test_map_counts_the_published_practices_of_each_country(client, region, name, language):
    html = page(client, name, language)
    with override(language):
        assert map_table(html) == published_per_country()


@pytest.mark.parametrize("language", LANGUAGES)
def test_map_links_each_country_to_its_profile(client, region, language):
    guatemala, panama, belize = region
    links = map_links(page(client, "home", language))
    with override(language):
        names = {
            "en": ["Guatemala: 3 good practices", "Panama: 1 good practice"],
            "es": ["Guatemala: 3 buenas prácticas", "Panamá: 1 buena práctica"],
        }[language]
        assert links[names[0]] == guatemala.get_absolute_url()
        assert links[names[1]] == panama.get_absolute_url()
        assert belize.get_absolute_url() in links.values()


@pytest.mark.parametrize("language", LANGUAGES)
def test_map_on_the_list_counts_the_filtered_results(client, region, language):
    guatemala, panama, _belize = region
    query = "?country=panama"
    html = page(client, "practices:list", language, query)
    counts = map_table(html)
    with override(language):
        assert counts[panama.name] == 1
        # The practice of both countries is among the results: Guatemala counts it.
        assert counts[guatemala.name] == 1
        assert counts["Belice" if language == "es" else "Belize"] == 0


def test_map_on_the_list_narrows_the_list_to_the_country_clicked(client, region):
    html = page(client, "practices:list", "es", "?nivel=nacional")
    links = map_links(html)
    assert links["Guatemala: 3 buenas prácticas"] == "/es/practicas/?nivel=nacional&pais=guatemala"


def test_map_names_itself_and_its_table(client, region):
    html = page(client, "home", "en")
    assert 'role="group" aria-labelledby="region-map-title"' in html
    assert '<figcaption id="region-map-title"' in html
    assert "<caption>Good practices per country</caption>" in html


def test_map_credits_natural_earth(client, region):
    assert "Natural Earth (public domain)" in page(client, "countries:list", "en")


def test_map_shades_none_apart_and_the_largest_darkest(client, region):
    html = page(client, "home", "en")
    shades = dict(
        re.findall(r"<title>(\w+):[^<]*</title><path class=\"region-map__country shade-(\d)", html)
    )
    assert shades["Guatemala"] == "4"
    assert shades["Belize"] == "0"
    assert shades["Panama"] not in {"0", "4"}


def test_map_outlines_every_country_of_the_catalogue():
    codes = {"BZ", "CA", "CR", "DO", "SV", "GT", "HT", "HN", "MX", "NI", "PA", "US"}
    assert set(OUTLINES["countries"]) == codes
    assert all(
        re.fullmatch(r"(M[-\d ]+l[-\d ]+z)+", shape[shape["linked_in"]])
        for shape in OUTLINES["countries"].values()
    )


@pytest.mark.parametrize(
    ("largest", "legend"),
    [
        (0, [(0, 0, 0)]),
        (2, [(0, 0, 0), (3, 1, 1), (4, 2, 2)]),
        (11, [(0, 0, 0), (1, 1, 3), (2, 4, 6), (3, 7, 9), (4, 10, 11)]),
    ],
)
def test_shading_splits_counts_into_at_most_four_ranges(largest, legend):
    assert Shading(largest).legend() == legend


# --- Timeline of programmes -------------------------------------------------------------


def timeline_rows(html):
    """[(programme address, name, (left %, width %) of its bar or None)] in page order."""
    figure = html[html.index('<figure class="timeline">') :]
    figure = figure[: figure.index("</figure>")]
    rows = []
    for href, name, rest in re.findall(
        r'<a class="timeline__row" href="([^"]*)"><span class="timeline__name">([^<]*)</span>'
        r"(.*?)</a>",
        figure,
        re.S,
    ):
        bar = re.search(r'<rect class="timeline__known" x="([\d.]+)%" width="([\d.]+)%"', rest)
        rows.append((href, unescape(name), bar.groups() if bar else None))
    return rows


@pytest.fixture
def programmes():
    belize = make_country(code="BZ", name_en="Belize", name_es="Belice", slug="belize")
    panama = make_country(code="PA", name_en="Panama", name_es="Panamá", slug="panama")
    return [
        make_programme(country=panama, name_en="Panama plan", start_year=2010, end_year=2014),
        make_programme(country=belize, name_en="Belize amnesty", start_year=2012, end_year=2019),
        make_programme(
            country=None,
            name_en="Regional programme",
            name_es="Programa regional",
            start_year=2015,
        ),
        make_programme(country=belize, name_en="Belize register"),
        make_programme(country=panama, name_en="Panama draft", start_year=2000, status="draft"),
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_timeline_draws_each_published_programme_grouped_by_country(client, programmes, language):
    html = page(client, "practices:programmes", language)
    rows = timeline_rows(html)
    with override(language):
        published = Programme.objects.published()
        assert sorted(href for href, _name, _bar in rows) == sorted(
            p.get_absolute_url() for p in published
        )
    groups = re.findall(r'<h3 class="timeline__group">([^<]*)</h3>', html)
    assert (
        groups
        == {
            "en": ["Belize", "Panama", "Regional programmes"],
            "es": ["Belice", "Panamá", "Programas regionales"],
        }[language]
    )


def test_timeline_places_each_bar_by_its_years(client, programmes):
    this_year = timezone.localdate().year
    rows = {
        name: bar for _href, name, bar in timeline_rows(page(client, "practices:programmes", "en"))
    }
    years = this_year + 1 - 2010  # the axis runs from 2010 to the end of this year
    assert rows["Panama plan"] == ("0.00", f"{5 / years * 100:.2f}")
    assert rows["Belize amnesty"] == (f"{2 / years * 100:.2f}", f"{8 / years * 100:.2f}")
    assert rows["Belize register"] is None


def test_timeline_shows_an_unknown_end_as_such(client, programmes):
    html = page(client, "practices:programmes", "en")
    regional = html[html.index("Regional programme</span>") :]
    regional = regional[: regional.index("</a>")]
    assert "since 2015" in regional
    assert 'class="timeline__unknown"' in regional


def test_timeline_marks_an_ongoing_programme(client, programmes):
    programmes[2].is_ongoing = True
    programmes[2].save()
    html = page(client, "practices:programmes", "es")
    regional = html[html.index("Programa regional</span>") :]
    regional = regional[: regional.index("</a>")]
    assert "desde 2015, en curso" in regional
    assert 'class="timeline__unknown"' not in regional


@pytest.mark.parametrize("language", LANGUAGES)
def test_country_profile_draws_its_published_programmes(client, programmes, language):
    belize = Country.objects.get(code="BZ")
    with override(language):
        response = client.get(belize.get_absolute_url())
        expected = sorted(
            p.get_absolute_url() for p in Programme.objects.published().filter(country=belize)
        )
    rows = timeline_rows(response.content.decode())
    assert sorted(href for href, _name, _bar in rows) == expected
    assert '<h3 class="timeline__group">' not in response.content.decode()


# --- Country × theme matrix -----------------------------------------------------------


@pytest.fixture
def themed(region):
    guatemala, panama, belize = region
    health = make_theme(name_en="Health", name_es="Salud", slug="health")
    work = make_theme(name_en="Work", name_es="Trabajo", slug="work")
    make_practice(countries=[guatemala, panama], themes=[health, work])
    make_practice(countries=[guatemala], themes=[health])
    make_practice(countries=[belize], themes=[work], status="draft")
    return health, work


def matrix_cells(html):
    """{(country column, theme row): (number, address or None)} as the matrix shows them."""
    table = html[html.index('<table class="matrix__table">') :]
    table = table[: table.index("</table>")]
    countries = [unescape(name) for name in re.findall(r'"matrix__country">([^<]*)<', table)]
    cells = {}
    for theme, row in re.findall(r'<tr><th scope="row">([^<]*)</th>(.*?)</tr>', table):
        for country, cell in zip(countries, re.findall(r"<td[^>]*>(.*?)</td>", row), strict=True):
            link = re.search(r'<a href="([^"]*)">.*?</span>(\d+)</a>', cell)
            key = (country, unescape(theme))
            cells[key] = (int(link[2]), unescape(link[1])) if link else (0, None)
    return cells


@pytest.mark.parametrize("language", LANGUAGES)
def test_matrix_counts_published_practices_per_country_and_theme(client, themed, language):
    cells = matrix_cells(page(client, "countries:list", language))
    with override(language):
        for country in Country.objects.all():
            for theme in Theme.objects.all():
                published = Practice.objects.published().filter(countries=country, themes=theme)
                assert cells[(country.name, theme.name)][0] == published.count()


@pytest.mark.parametrize("language", LANGUAGES)
def test_matrix_cell_opens_the_list_of_its_country_and_theme(client, themed, language):
    cells = matrix_cells(page(client, "countries:list", language))
    name = {"en": ("Guatemala", "Health"), "es": ("Guatemala", "Salud")}[language]
    n, address = cells[name]
    assert (
        address
        == {
            "en": "/en/practices/?country=guatemala&theme=health",
            "es": "/es/practicas/?pais=guatemala&tema=salud",
        }[language]
    )
    assert client.get(address).context["page_obj"].paginator.count == n == 2


def test_matrix_leaves_empty_cells_as_gaps_without_links(client, themed):
    html = page(client, "countries:list", "en")
    assert matrix_cells(html)[("Belize", "Work")] == (0, None)  # its only such practice is a draft
    assert '<td class="shade-0"><span class="visually-hidden">0</span></td>' in html


@pytest.mark.parametrize("language", LANGUAGES)
def test_country_comparison_draws_the_matrix_of_the_countries_compared(client, themed, language):
    html = page(client, "countries:compare", language, "?country=guatemala&country=panama")
    cells = matrix_cells(html)
    with override(language):
        compared = Country.objects.filter(slug__in=["guatemala", "panama"])
        published = Practice.objects.published().filter(countries__in=compared)
        themes = Theme.objects.filter(practices__in=published).distinct()
        assert set(cells) == {(c.name, t.name) for c in compared for t in themes}
        for country, theme in [(c, t) for c in compared for t in themes]:
            n = Practice.objects.published().filter(countries=country, themes=theme).count()
            assert cells[(country.name, theme.name)][0] == n
