from pathlib import Path

from django.core.management.base import BaseCommand
from django.db import DEFAULT_DB_ALIAS, connections

from catalogue.backups import restore


class Command(BaseCommand):
    help = (
        "Restore a backup made by backup_catalogue into the configured database. Refuses a "
        "database that already has tables unless --force is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="A backup file from backup_catalogue.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace the content of a database that is not empty.",
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, **options):
        connection = connections[options["database"]]
        restore(connection, options["file"], force=options["force"])
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {options['file']} into {connection.settings_dict['NAME']}."
            )
        )
