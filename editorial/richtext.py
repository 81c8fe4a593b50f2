"""Editors may format long texts with a small set of HTML; nothing else survives.

Text is cleaned when saved (so the database never holds a script) and again when shown (so
text that reached the database another way, e.g. an import, is still inert).
"""

import nh3
from django.utils.html import escape
from django.utils.safestring import mark_safe

ALLOWED_TAGS = {"p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "a", "blockquote", "h3"}
# A numbered list may start elsewhere than 1 or count in letters or Roman numerals, as the
# admin's editor lets editors choose (legal texts number their clauses a, b, c).
ALLOWED_ATTRIBUTES = {"a": {"href", "title", "hreflang"}, "ol": {"start", "type", "data-type"}}
ALLOWED_SCHEMES = {"http", "https", "mailto"}


def sanitise(html):
    if not html:
        return html or ""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
        # The editor's link dialog leaves an empty title when none is given.
        attribute_filter=lambda _tag, _attribute, value: value or None,
    )


def looks_like_html(text):
    return "<" in text and ">" in text


def render_rich_text(text):
    """Safe HTML for a text field: formatted HTML cleaned, plain text as paragraphs."""
    text = text or ""
    if looks_like_html(text):
        return mark_safe(sanitise(text))  # noqa: S308 - cleaned by nh3 just above
    paragraphs = [part.strip() for part in text.split("\n\n") if part.strip()]
    return mark_safe(  # noqa: S308 - every paragraph is escaped
        "".join(f"<p>{escape(part)}</p>".replace("\n", "<br>") for part in paragraphs)
    )
