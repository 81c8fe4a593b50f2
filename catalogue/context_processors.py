from django.conf import settings
from django.urls import translate_url
from django.utils.functional import SimpleLazyObject


def site(request):
    """Links to this page in every language, for the switch and the hreflang alternates.

    Views of entries with translated slugs replace `alternate_urls` with their own.
    """
    path = request.get_full_path()
    # Lazy: views that set their own, and admin pages that never show them, pay nothing.
    return {
        "alternate_urls": SimpleLazyObject(
            lambda: {code: translate_url(path, code) for code, _name in settings.LANGUAGES}
        ),
    }
