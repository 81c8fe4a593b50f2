from django.core.management.base import BaseCommand

from editorial.roles import sync_roles


class Command(BaseCommand):
    help = "Create or update the Editors and Reviewers groups and their permissions."

    def handle(self, *args, **options):
        for group in sync_roles():
            self.stdout.write(f"{group.name}: {group.permissions.count()} permissions")
