"""
WSGI config for catalogue project.

It exposes the WSGI callable as a module-level variable named ``application``.

For more information on this file, see
https://docs.djangoproject.com/en/5.2/howto/deployment/wsgi/
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "catalogue.settings")
# Only the application server limits query time: it reads this before the settings, while
# management commands (migrate, imports, runserver) and tests, which may rightly run long,
# read the settings without it.
os.environ.setdefault("DJANGO_STATEMENT_TIMEOUT_MS", "2000")

application = get_wsgi_application()
