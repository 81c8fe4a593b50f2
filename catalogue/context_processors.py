from urllib.parse import urlsplit

from django.conf import settings
from django.urls import Resolver404, resolve, reverse, translate_url
from django.utils.functional import SimpleLazyObject
from django.utils.translation import override


def site(request):
    """Links to this page in every language, for the switch and the hreflang alternates.

    Views of entries with translated slugs replace `alternate_urls` with their own.
    """
    path = request.get_full_path()
    # Lazy: views that set their own, and admin pages that never show them, pay nothing.
    return {"alternate_urls": SimpleLazyObject(lambda: alternate_urls(path))}


def alternate_urls(path):
    try:
        resolve(urlsplit(path).path)
    except Resolver404:
        # An address that names no page (the 404's) has none in another language either:
        # the switch offers each language's home rather than the same missing address.
        return {code: home(code) for code, _name in settings.LANGUAGES}
    return {code: translate_url(path, code) for code, _name in settings.LANGUAGES}


def home(language):
    with override(language):
        return reverse("home")
