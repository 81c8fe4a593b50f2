from pathlib import Path

from django.core.management.base import BaseCommand
from django.db import DEFAULT_DB_ALIAS, connections

from catalogue.backups import backup, default_directory


class Command(BaseCommand):
    help = (
        "Back up the configured database into BACKUP_DIR (default backups/), named by the UTC "
        "time: pg_dump's custom format on PostgreSQL, a consistent copy of the file on SQLite."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dir", type=Path, help="Where to write the backup (default: $BACKUP_DIR or backups/)."
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, **options):
        path = backup(connections[options["database"]], options["dir"] or default_directory())
        size = path.stat().st_size / 1024 / 1024
        self.stdout.write(self.style.SUCCESS(f"Backed up to {path} ({size:.1f} MB)."))
