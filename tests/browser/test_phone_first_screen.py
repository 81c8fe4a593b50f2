"""What a phone shows first: the results of a search, the facts of a practice.

Run with `pytest -m browser`, as test_browser.py is.
"""

import pytest
from django.utils import translation
from playwright.sync_api import expect

from .content import build_catalogue
from .screens import VIEWPORTS
from .test_browser import pytestmark  # noqa: F401

LANGS = ["en", "es"]


@pytest.fixture(scope="module")
def catalogue(committed_db):
    return build_catalogue()


def box(page, selector):
    return page.locator(selector).first.bounding_box()


@pytest.mark.parametrize("lang", LANGS)
def test_a_practice_on_a_phone_shows_its_key_facts_before_its_description(
    new_page, catalogue, lang
):
    page = new_page(lang, "phone")
    with translation.override(lang):
        page.goto(catalogue.plans.get_absolute_url())

    facts, description = box(page, ".entry__facts"), box(page, "#description")
    assert facts["y"] + facts["height"] <= description["y"]


@pytest.mark.parametrize("lang", LANGS)
def test_a_practice_on_a_desktop_keeps_its_key_facts_beside_the_text(new_page, catalogue, lang):
    page = new_page(lang, "desktop")
    with translation.override(lang):
        page.goto(catalogue.plans.get_absolute_url())

    facts, body = box(page, ".entry__facts"), box(page, ".entry__body")
    assert facts["x"] >= body["x"] + body["width"]
    assert facts["y"] == pytest.approx(body["y"], abs=40)
    expect(page.locator(".entry__facts")).to_contain_text(
        getattr(catalogue.regularization, f"name_{lang}")
    )
