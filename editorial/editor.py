"""The rich-text editor of the admin's long texts (django-prose-editor, built on ProseMirror).

It offers exactly what the sanitiser keeps (editorial.richtext), so nothing an editor formats
is lost on saving. Its scripts load from the site itself; the import map that names them is
an inline script, so the change form renders its media with the request's CSP nonce.
"""

from django.utils.html import strip_tags
from django_prose_editor.widgets import AdminProseEditorWidget
from js_asset import Media

from .richtext import looks_like_html, render_rich_text

# Paragraphs come with the editor; headings are limited to the one level pages nest under
# their own section titles.
EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "Heading": {"levels": [3]},
    "HardBreak": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
}


class RichTextEditor(AdminProseEditorWidget):
    def __init__(self, attrs=None):
        super().__init__(attrs, config={"extensions": EXTENSIONS}, preset="configurable")

    @property
    def media(self):
        return super().media + Media(js=["js/editor-labels.js"])

    def format_value(self, value):
        # Older entries hold plain text whose blank lines part the paragraphs; the editor reads
        # HTML, so it is given those paragraphs as the public page shows them.
        if value and not looks_like_html(value):
            return str(render_rich_text(value))
        return super().format_value(value)

    def value_from_datadict(self, data, files, name):
        # An emptied editor still sends an empty paragraph; a text with no words is no text,
        # so "required" and "missing translation" checks see it as blank.
        value = super().value_from_datadict(data, files, name)
        if value and not strip_tags(value).strip():
            return ""
        return value


def with_nonce(media, request):
    """The form's media, its inline import map allowed by this request's CSP nonce."""
    return Media.from_media(media, nonce=request.csp_nonce)
