"""The rich-text editor in a real headless Chromium, in both admin languages: formatting from its
toolbar, a link through its dialog, saved as the clean HTML the pages show, with no script or
style refused by the Content Security Policy and no accessibility violation."""

import pytest
from playwright.sync_api import expect

from practices.models import Practice

from . import test_admin_writing_browser as writing
from .admin import ADMIN_MARKS
from .test_page_quality import AXE_SCRIPT, AXE_TAGS, describe_violations

pytestmark = ADMIN_MARKS

# A practice awaiting review, and its change form signed in, console errors collected.
practice = writing.practice
change_form = writing.change_form

NAMES = {
    "en": {
        "bold": "Bold",
        "list": "Bulleted list",
        "link": "Insert link",
        "dialog": "Edit Link",
        "url": "URL",
        "apply": "Update",
    },
    "es": {
        "bold": "Negrita",
        "list": "Lista con viñetas",
        "link": "Insertar enlace",
        "dialog": "Editar el enlace",
        "url": "Dirección (URL)",
        "apply": "Aplicar",
    },
}


def editor_of(page, column):
    editor = page.locator(f".prose-editor:has(#id_{column})")
    expect(editor.locator(".ProseMirror[contenteditable]")).to_be_visible()
    return editor


def save(page):
    page.click("input[name=_continue]")
    expect(page.locator("ul.messagelist .success")).to_be_visible()


@pytest.mark.parametrize("lang", ["en", "es"])
def test_text_formatted_with_the_toolbar_is_saved_as_clean_html(change_form, practice, lang):
    page = change_form(lang)
    names = NAMES[lang]
    editor = editor_of(page, f"results_{lang}")
    area = editor.locator(".ProseMirror[contenteditable]")
    area.click()
    page.keyboard.press("Control+A")
    page.keyboard.type("Legal support")
    page.keyboard.press("Enter")
    page.keyboard.type("for every family")
    editor.get_by_role("button", name=names["list"], exact=True).click()
    area.locator("p").first.click()
    page.keyboard.press("Home")
    page.keyboard.press("Shift+End")
    assert page.evaluate("() => getSelection().toString()") == "Legal support"
    editor.get_by_role("button", name=names["bold"], exact=True).click()
    expect(area.locator("strong")).to_have_text("Legal support")
    save(page)

    stored = Practice.objects.get(pk=practice.pk).__dict__[f"results_{lang}"]
    assert "<p><strong>Legal support</strong></p>" in stored
    assert "<ul><li><p>for every family</p></li></ul>" in stored
    assert page.problems == []


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_link_is_added_through_a_dialog_in_the_admins_language(change_form, practice, lang):
    page = change_form(lang)
    names = NAMES[lang]
    editor = editor_of(page, f"lessons_learned_{lang}")
    editor.locator(".ProseMirror[contenteditable]").click()
    page.keyboard.press("Control+A")
    page.keyboard.type("IOM")
    page.keyboard.press("Control+A")
    editor.get_by_role("button", name=names["link"], exact=True).click()
    dialog = page.locator("dialog[open]")
    expect(dialog.get_by_role("heading")).to_have_text(names["dialog"])
    dialog.get_by_label(names["url"], exact=True).fill("https://www.iom.int/")
    dialog.get_by_role("button", name=names["apply"]).click()
    save(page)

    stored = Practice.objects.get(pk=practice.pk).__dict__[f"lessons_learned_{lang}"]
    assert '<a href="https://www.iom.int/" rel="noopener noreferrer">IOM</a>' in stored
    assert page.problems == []


@pytest.mark.parametrize("lang", ["en", "es"])
def test_axe_finds_no_violation_on_a_form_with_editors(change_form, lang):
    # The site's Content-Security-Policy (script-src 'self') refuses the injected script.
    page = change_form(lang, bypass_csp=True)
    editor = editor_of(page, f"description_{lang}")
    expect(editor.locator(".prose-menubar")).to_be_visible()
    page.add_script_tag(path=str(AXE_SCRIPT))
    results = page.evaluate("async (tags) => await axe.run(document, {runOnly: tags})", AXE_TAGS)

    assert results["passes"], "axe ran no check"
    assert results["violations"] == [], describe_violations(results["violations"])
