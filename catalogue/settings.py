"""Settings for the catalogue, read from environment variables.

Development defaults are safe to run locally (SQLite, DEBUG on). Production sets
DJANGO_DEBUG=0, DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS and DATABASE_URL; see README.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", True)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off.")
    SECRET_KEY = "development-only-key-never-used-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")
# A form sent back without its token gets a page in the reader's language, not Django's default.
CSRF_FAILURE_VIEW = "catalogue.views.csrf_failure"

INSTALLED_APPS = [
    # modeltranslation must come before the admin to patch its forms.
    "modeltranslation",
    # Django's admin, with a home page that says what needs doing.
    "editorial.sites.EditorialAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "django_filters",
    "reversion",
    "import_export",
    "axes",
    # The rich-text editor of long texts in the admin (its scripts and styles).
    "django_prose_editor",
    "editorial",
    "countries",
    "practices",
    "recommendations",
    "catalogue",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Above WhiteNoise, so static files carry it too.
    "editorial.middleware.CrossOriginResourcePolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages shrink about sevenfold for phones on slow links; CSRF tokens are masked per
    # response, which defeats BREACH-style guessing through compression.
    "django.middleware.gzip.GZipMiddleware",
    # ETags, so a page opened again costs a 304 instead of the whole page.
    "django.middleware.http.ConditionalGetMiddleware",
    # Inside the two above, so cached pages are still compressed and still answer 304; before
    # sessions and authentication, so a cached page costs no query.
    "editorial.middleware.PublicPageCacheMiddleware",
    "csp.middleware.CSPMiddleware",
    "editorial.middleware.AdminStatementTimeoutMiddleware",
    "editorial.middleware.DatabaseUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # Inside LocaleMiddleware: it answers the 404s of paths in the other language's words first.
    "editorial.middleware.TranslatedPathMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as axes asks: it turns a refused sign-in into the lock-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "catalogue.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "catalogue.context_processors.site",
            ],
        },
    },
]

WSGI_APPLICATION = "catalogue.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}

# Served pages give up on a query after this long and answer 503, so one slow page cannot
# hold every worker; catalogue/wsgi.py sets it for the application server only. 0: no limit.
STATEMENT_TIMEOUT_MS = int(os.environ.get("DJANGO_STATEMENT_TIMEOUT_MS", "0"))
if STATEMENT_TIMEOUT_MS > 0 and DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
        f"-c statement_timeout={STATEMENT_TIMEOUT_MS}"
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

SILENCED_SYSTEM_CHECKS = []
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Covering indexes serve PostgreSQL; the demo's SQLite builds them without the extra columns.
    SILENCED_SYSTEM_CHECKS.append("models.W040")

# One cache that every process of the site shares: cached pages, the counter of content
# changes that makes them stale, and the suggestion limit must be the same in every worker.
# Files serve the worker processes of one server; several servers need Redis.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": os.environ.get("DJANGO_CACHE_DIR", str(BASE_DIR / ".cache")),
        "OPTIONS": {"MAX_ENTRIES": 20000},
    }
}
if os.environ.get("DJANGO_REDIS_URL"):
    CACHES["default"] = {
        "BACKEND": "editorial.cache.ResilientRedisCache",
        "LOCATION": os.environ["DJANGO_REDIS_URL"],
    }

# Public pages as visitors see them stay in that cache this long, or until the content next
# changes (editorial.cache); 0 turns the page cache off.
PAGE_CACHE_SECONDS = int(os.environ.get("DJANGO_PAGE_CACHE_SECONDS", "300"))
# How long a reverse proxy or CDN may answer for a public page (s-maxage); 0: not at all.
PROXY_CACHE_SECONDS = int(os.environ.get("DJANGO_PROXY_CACHE_SECONDS", "60"))

# axes first: it refuses a locked-out account or address before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Sign-in lock-out with django-axes, maintained and widely used rather than our own counter:
# it counts failures per account and per address, keeps them in the database every server
# shares, and lists them in the admin, where a superuser unlocks by deleting the attempts.
# Per account stops many addresses guessing one editor's password; per address stops one
# address trying many accounts. The price is that anyone can lock an editor out for an hour
# by failing on purpose; a superuser can lift that at once.
AXES_FAILURE_LIMIT = 10
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
# templates/admin/locked_out.html tells people how long this is.
AXES_COOLOFF_TIME = timedelta(hours=1)
# An editor who gets in after a few typos starts again from zero.
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "editorial.clients.client_address"
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"

# Only staff have sessions: one ends after a working day without a request.
SESSION_ENGINE = "editorial.sessions"
SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_SAVE_EVERY_REQUEST = True

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: every public page and every content field exists in both.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("es", _("Spanish"))]
# Ours first: makemessages writes there. Then Spanish, kept by hand, for third-party apps that
# ship none (django-axes, whose admin pages unlock a locked-out account).
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale-vendor"]
TIME_ZONE = "America/Costa_Rica"
USE_I18N = True
USE_TZ = True

MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_LANGUAGES = ("en", "es")
# A field left empty in one language shows the other one rather than nothing.
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("en", "es")}
# The admin's tabbed translation forms would otherwise load jQuery UI from a CDN.
JQUERY_UI_URL = "vendor/jquery-ui/jquery-ui.min.js"

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

FIXTURE_DIRS = [BASE_DIR / "fixtures"]

# Spreadsheet imports run in a transaction: one bad row and nothing is saved.
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_SKIP_ADMIN_LOG = False

# Reverse proxies in front of the application server (nginx alone: 1). Each appends the address
# it received the request from to X-Forwarded-For and sets X-Forwarded-Proto; with none, both
# headers are whatever the client wrote and count for nothing (editorial.clients).
TRUSTED_PROXY_COUNT = int(os.environ.get("DJANGO_TRUSTED_PROXY_COUNT", "0"))

# Mail to editors (editorial.notifications): through an SMTP server when DJANGO_EMAIL_HOST is
# set, otherwise written to the console, as the demo does.
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
# STARTTLS on the submission port by default; DJANGO_EMAIL_USE_SSL=1 for port 465 instead.
EMAIL_USE_SSL = env_bool("DJANGO_EMAIL_USE_SSL", False)
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", not EMAIL_USE_SSL)
# A mail server that does not answer must not hold a worker for long.
EMAIL_TIMEOUT = int(os.environ.get("DJANGO_EMAIL_TIMEOUT", "10"))
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "")
if EMAIL_HOST and not DEFAULT_FROM_EMAIL:
    # Mail servers refuse, or file as spam, mail from an address outside one's own domain.
    raise ImproperlyConfigured("DJANGO_DEFAULT_FROM_EMAIL must be set with DJANGO_EMAIL_HOST.")
DEFAULT_FROM_EMAIL = SERVER_EMAIL = DEFAULT_FROM_EMAIL or "catalogue@localhost"
# Where links in mail lead: the site's address as editors reach it.
SITE_URL = os.environ.get(
    "DJANGO_SITE_URL",
    f"https://{ALLOWED_HOSTS[0].lstrip('.')}"
    if not DEBUG and ALLOWED_HOSTS
    else "http://127.0.0.1:8000",
)

# Public suggestions: at most this many per address and hour.
SUGGESTIONS_PER_HOUR = int(os.environ.get("DJANGO_SUGGESTIONS_PER_HOUR", "5"))

# Security: everything on unless DEBUG is on; production passes `check --deploy`.
SECURE = not DEBUG
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", SECURE)
# Only a proxy of ours may say that the visitor came over HTTPS: without one, anybody could.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if TRUSTED_PROXY_COUNT else None
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", 31536000 if SECURE else 0))
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE
SECURE_HSTS_PRELOAD = SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SESSION_COOKIE_SECURE = SECURE
CSRF_COOKIE_SECURE = SECURE
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

# Nothing a page does not need: no fonts, frames, media, plugins or workers, from anywhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [NONE],
        # The nonce lets in the rich-text editor's import map, an inline script of the admin.
        "script-src": [SELF, NONCE],
        # The editor (tiptap) injects its few base rules as an inline style; this is their
        # hash, so nothing else inline is allowed. The admin's browser tests fail on any
        # refused style, e.g. after an upgrade changes those rules.
        "style-src": [SELF, "'sha256-PlumsSlvJ7vvWzjqibGAYKq92O3y/4JTxWWsWJvyUYA='"],
        # The editor's toolbar icons.
        "font-src": [SELF],
        "img-src": [SELF],
        # The admin's autocomplete fields ask the site for their choices.
        "connect-src": [SELF],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
}
