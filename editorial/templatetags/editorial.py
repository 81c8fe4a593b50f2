from django import template
from django.conf import settings
from django.http import QueryDict
from django.urls import resolve, reverse
from django.utils.translation import get_language, get_language_info

from editorial import fragments
from editorial.richtext import render_rich_text

register = template.Library()


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.simple_tag
def list_url(view_name, **filters):
    """The address of a list narrowed by `filters`, in the page's words:
    {% list_url "practices:list" theme=theme %} gives /es/practicas/?tema=salud on a Spanish page.
    A filter's value is a row with a slug in each language, or a value as any language writes it.
    """
    path = reverse(view_name)
    query = QueryDict(mutable=True)
    for name, value in filters.items():
        query[name] = getattr(value, "url_slug", value)
    written = resolve(path).func.view_class.filterset_class.translate(query)
    return f"{path}?{written.urlencode()}"


@register.filter
def not_named_in(rows, text):
    """The rows whose name `text` does not already say: a practice "in La Unión, El Salvador"
    needs no "(El Salvador)" after it."""
    return [row for row in rows if str(row.name) not in (text or "")]


@register.filter
def paragraphs(text):
    """Split plain text on blank lines, for templates to wrap each part in <p>."""
    return [part.strip() for part in (text or "").split("\n\n") if part.strip()]


@register.inclusion_tag("includes/translated_text.html")
def translated_text(entry, field):
    """A text field as paragraphs, marked visibly when it falls back to the other language.

    Required fields are complete in both languages before publishing, but optional ones (results,
    lessons learned) may exist in one language only; readers should know, and screen readers
    must switch pronunciation.
    """
    language = get_language()
    own = getattr(entry, f"{field}_{language}", "") or ""
    text, text_language = own, language
    if not own.strip():
        for code, _name in settings.LANGUAGES:
            other = getattr(entry, f"{field}_{code}", "") or ""
            if other.strip():
                text, text_language = other, code
                break
    return {
        "html": render_rich_text(text),
        "language": text_language,
        "fallback": text_language != language,
        "page_language": language,
        "language_name": get_language_info(text_language)["name_translated"],
    }


@register.filter
def rich(text):
    return render_rich_text(text)


@register.tag
def fragment(parser, token):
    """{% fragment "name" value… %}…{% endfragment %}: the enclosed part, kept rendered until
    the content changes (editorial.fragments), for the page's language and these values.

    The values must say everything the part shows besides the content and the language.
    """
    name, *values = token.split_contents()[1:]
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(
        parser.compile_filter(name), [parser.compile_filter(value) for value in values], nodelist
    )


class FragmentNode(template.Node):
    def __init__(self, name, values, nodelist):
        self.name, self.values, self.nodelist = name, values, nodelist

    def render(self, context):
        values = tuple(value.resolve(context) for value in self.values)
        return fragments.kept(
            self.name.resolve(context),
            values,
            lambda: self.nodelist.render(context),
        )
