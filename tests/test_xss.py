"""Stored XSS attempts in any text field come out inert on every page."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils.translation import override

from editorial.richtext import sanitise
from practices.models import Practice, Programme

from .factories import make_actor, make_country, make_practice, make_programme, make_source

pytestmark = pytest.mark.django_db

PAYLOADS = [
    "<script>alert('x')</script>",
    '<img src=x onerror="alert(1)">',
    '<a href="javascript:alert(1)">click</a>',
    '"><svg onload=alert(1)>',
    "<style>body{display:none}</style>",
    '<p onclick="alert(1)" style="color:red">styled</p>',
]
ATTACK = " ".join(PAYLOADS)
# For the short fields (names), within their length limits.
SHORT_ATTACK = "<script>alert(1)</script><img src=x onerror=alert(1)>"

DANGEROUS_TAGS = {"script", "img", "svg", "iframe", "object", "embed", "style", "math"}
# The site draws its pictures (the map, the timeline) as inline SVG of these classes; an injected
# one has none of them, and its other tags give it away anyway.
PICTURE_CLASSES = ("region-map__", "timeline__")


class ElementCollector(HTMLParser):
    """The elements and attributes a browser would really build from the page."""

    def __init__(self):
        super().__init__()
        self.problems = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if (
            tag in DANGEROUS_TAGS
            and not (tag == "script" and (attributes.get("src") or "").startswith("/static/"))
            and not (tag == "svg" and (attributes.get("class") or "").startswith(PICTURE_CLASSES))
        ):
            self.problems.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on") or name == "style":
                self.problems.append(f"{tag}[{name}]")
            if name in {"href", "src"} and (value or "").strip().lower().startswith("javascript:"):
                self.problems.append(f"{tag}[{name}={value}]")


def assert_inert(html, where):
    collector = ElementCollector()
    collector.feed(html)
    assert collector.problems == [], where


@pytest.fixture
def attacked():
    country = make_country(
        name_en=f"Land {SHORT_ATTACK}",
        name_es=f"País {SHORT_ATTACK}",
        profile_en=ATTACK,
        profile_es=ATTACK,
        slug="land",
    )
    source = make_source(
        title_en=ATTACK, title_es=ATTACK, note_en=ATTACK, url="https://example.org/?q=<script>"
    )
    programme = make_programme(
        country=country,
        sources=[source],
        **dict.fromkeys(Programme.translated_field_names(), ATTACK),
    )
    text_fields = ("title", "summary", "description", "results", "lessons_learned")
    practice = make_practice(
        countries=[country],
        sources=[source],
        programme=programme,
        actors=[make_actor(name_en=SHORT_ATTACK, name_es=SHORT_ATTACK)],
        **{f"{field}_{code}": ATTACK for field in text_fields for code in ("en", "es")},
    )
    return practice, programme, country


def test_rich_text_is_cleaned_before_it_reaches_the_database(attacked):
    practice, _programme, _country = attacked
    stored = Practice.objects.values_list("description_en", flat=True).get(pk=practice.pk)
    assert_inert(stored, "database")
    assert 'rel="noopener noreferrer"' in sanitise('<a href="https://iom.int">IOM</a>')


@pytest.mark.parametrize("language", ["en", "es"])
def test_every_public_page_shows_attacks_as_inert_text(client, attacked, language):
    practice, programme, country = attacked
    with override(language):
        pages = [
            reverse("home"),
            reverse("practices:list"),
            f"{reverse('practices:list')}?q=script",
            practice.get_absolute_url(),
            programme.get_absolute_url(),
            reverse("practices:programmes"),
            f"{reverse('practices:compare')}?programme={programme.pk}",
            f"{reverse('countries:compare')}?country=land&country=%3Cscript%3Ealert(1)%3C/script%3E",
            reverse("countries:list"),
            country.get_absolute_url(),
            reverse("practices:feed"),
            f"{reverse('practices:feed')}?country=land&q=script",
        ]
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200, page
        assert_inert(response.content.decode(), page)


def test_raw_html_reaching_the_database_another_way_is_cleaned_on_output(client, attacked):
    practice, _programme, _country = attacked
    Practice.objects.filter(pk=practice.pk).update(results_en=ATTACK)  # bypasses save()
    assert_inert(client.get(practice.get_absolute_url()).content.decode(), "detail")
