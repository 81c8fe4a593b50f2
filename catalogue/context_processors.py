from django.conf import settings
from django.urls import reverse, translate_url
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language, override


def site(request):
    """Links to this page in every language, for the switch and the hreflang alternates.

    Views of entries with translated slugs replace `alternate_urls` with their own.
    """
    path = request.get_full_path()
    # Lazy: views that set their own, and admin pages that never show them, pay nothing.
    return {"alternate_urls": SimpleLazyObject(lambda: alternate_urls(path))}


def alternate_urls(path):
    urls = {code: translate_url(path, code) for code, _name in settings.LANGUAGES}
    if any(url == path for code, url in urls.items() if code != get_language()):
        # translate_url gives back an address it cannot resolve: one that names no page (the
        # 404's) has none in another language either, so the switch offers each home.
        return {code: home(code) for code, _name in settings.LANGUAGES}
    return urls


def home(language):
    with override(language):
        return reverse("home")
