import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

USERNAME = "demo-editor"


class Command(BaseCommand):
    help = "Create a superuser for the local demo and print its password (DEBUG only)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("The demo editor exists only in development (DJANGO_DEBUG=1).")
        users = get_user_model().objects
        if users.filter(username=USERNAME).exists():
            self.stdout.write(
                f"Admin login: user '{USERNAME}' (password printed when it was created; "
                f"reset it with: .venv/bin/python manage.py changepassword {USERNAME})"
            )
            return
        password = secrets.token_urlsafe(12)
        users.create_superuser(USERNAME, "demo-editor@example.org", password)
        self.stdout.write(
            self.style.SUCCESS(f"Admin login: user '{USERNAME}', password '{password}'")
        )
