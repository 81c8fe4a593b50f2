"""Links share well: canonical, hreflang, Open Graph, sitemap, feed, robots, exports."""

import csv
import io
import json
import re
from urllib.parse import urlsplit

import pytest

from .factories import make_practice

pytestmark = pytest.mark.django_db


EN_PATH = "/en/practices/{pk}/migratory-amnesty-in-belize/"
ES_PATH = "/es/practicas/{pk}/amnistia-migratoria-en-belice/"


@pytest.fixture
def practice():
    return make_practice(
        title_en="Migratory amnesty in Belize",
        title_es="Amnistía migratoria en Belice",
        summary_en="A way to regularize.",
        summary_es="Una vía de regularización.",
    )


def meta(page, prop):
    match = re.search(rf'<meta (?:property|name)="{re.escape(prop)}" content="([^"]*)"', page)
    return match.group(1) if match else None


@pytest.mark.parametrize(
    ("language", "locale", "title", "alternate"),
    [
        ("en", "en_US", "Migratory amnesty in Belize", ES_PATH),
        ("es", "es_419", "Amnistía migratoria en Belice", EN_PATH),
    ],
)
def test_practice_page_shares_in_its_language(client, practice, language, locale, title, alternate):
    from django.utils.translation import override

    with override(language):
        path = practice.get_absolute_url()
    page = client.get(path).content.decode()
    assert meta(page, "og:title") == title
    assert meta(page, "og:locale") == locale
    assert meta(page, "og:type") == "article"
    assert meta(page, "og:image").endswith(".png")
    assert meta(page, "twitter:card") == "summary_large_image"
    assert f'<link rel="canonical" href="http://testserver{path}">' in page
    other = "es" if language == "en" else "en"
    expected = alternate.format(pk=practice.pk)
    assert f'hreflang="{other}" href="http://testserver{expected}"' in page


@pytest.mark.parametrize("language", ["en", "es"])
def test_link_preview_image_is_the_card_in_the_page_language(client, language):
    from django.contrib.staticfiles import finders
    from django.templatetags.static import static
    from django.urls import reverse
    from django.utils.translation import override

    with override(language):
        page = client.get(reverse("practices:list")).content.decode()
    card = f"img/og-card-{language}.png"
    assert urlsplit(meta(page, "og:image")).path == static(card)
    assert finders.find(card)


def test_language_switch_keeps_the_filters_in_the_other_language_words(client, practice):
    theme = practice.themes.get()
    page = client.get(f"/en/practices/?theme={theme.slug}&sort=title").content.decode()
    assert f'href="/es/practicas/?tema={theme.slug_es}&amp;orden=titulo"' in page


def test_language_switch_on_a_practice_goes_to_its_spanish_slug(client, practice):
    page = client.get(practice.get_absolute_url()).content.decode()
    assert f'href="{ES_PATH.format(pk=practice.pk)}" hreflang="es"' in page


def test_sitemap_lists_both_languages_with_alternates(client, practice):
    xml = client.get("/sitemap.xml").content.decode()
    assert f"/en/practices/{practice.pk}/migratory-amnesty-in-belize/" in xml
    assert f"/es/practicas/{practice.pk}/amnistia-migratoria-en-belice/" in xml
    assert 'hreflang="x-default"' in xml


def test_robots_points_to_the_sitemap(client):
    text = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Disallow: /admin/" in text


def test_feed_lists_newly_published_practices(client, practice):
    response = client.get("/es/novedades/")
    assert response["Content-Type"].startswith("application/atom+xml")
    assert "Amnistía migratoria en Belice" in response.content.decode()


def test_csv_export_follows_filters_and_language(client, practice):
    make_practice(title_en="Another practice")
    country = practice.countries.get()
    response = client.get(f"/es/practicas/?country={country.slug}&format=csv")
    assert response["Content-Disposition"] == 'attachment; filename="practicas.csv"'
    rows = list(csv.DictReader(io.StringIO(response.getvalue().decode("utf-8-sig"))))
    assert [row["title"] for row in rows] == ["Amnistía migratoria en Belice"]
    assert rows[0]["url"].endswith(ES_PATH.format(pk=practice.pk))
    assert rows[0]["country_codes"] == country.code


def test_json_export_has_every_field(client, practice):
    data = json.loads(client.get("/en/practices/?format=json").getvalue())
    assert data["count"] == 1
    record = data["results"][0]
    assert record["title"] == "Migratory amnesty in Belize"
    assert record["sources"] == [str(practice.sources.get())]


def test_pages_make_no_third_party_requests(client, practice):
    for path in ["/en/", "/en/practices/", practice.get_absolute_url()]:
        page = client.get(path).content.decode()
        for url in re.findall(r'(?:src|href)="(https?://[^"]+)"', page):
            assert url.startswith("http://testserver/"), url


def test_content_security_policy_forbids_third_parties(client):
    policy = client.get("/en/")["Content-Security-Policy"]
    assert "default-src 'none'" in policy
    assert "script-src 'self'" in policy


def test_pages_are_compressed_for_slow_links(client, practice):
    response = client.get("/es/practicas/", headers={"accept-encoding": "gzip"})
    assert response["Content-Encoding"] == "gzip"


def test_unchanged_page_answers_not_modified(client, practice):
    first = client.get(practice.get_absolute_url())
    again = client.get(practice.get_absolute_url(), headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304


def test_favicon_is_found_where_browsers_look_for_it(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith(".svg")
