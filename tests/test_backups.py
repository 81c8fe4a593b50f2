"""A backup restored into an empty database gives back every row of every table, history included.

The data must be committed for pg_dump, which reads from another process: hence
`transaction=True`. The restore runs as `manage.py restore_catalogue` against a second
database, exactly as an operator would run it.
"""

import os
import sqlite3
import subprocess
import sys
import uuid
from contextlib import closing
from pathlib import Path
from urllib.parse import quote

import psycopg
import pytest
import reversion
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection
from reversion.models import Revision

from practices.models import Practice

ROOT = Path(settings.BASE_DIR)
REVISED = " (revised before the backup)"
HISTORY_TABLES = {"reversion_revision", "reversion_version"}

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="pg_dump and pg_restore need PostgreSQL: run with scripts/with_postgres.py",
)


def revise_an_entry():
    """Loads the real content and edits an entry, so there is history beyond the first load."""
    call_command("load_initial_data", verbosity=0)
    practice = Practice.objects.order_by("pk").first()
    with reversion.create_revision():
        practice.title_en += REVISED
        practice.save()
        reversion.set_comment("Revised before the backup.")


def seed_and_back_up(directory):
    """Run inside `manage.py shell` against a fresh SQLite file."""
    call_command("migrate", verbosity=0)
    revise_an_entry()
    call_command("backup_catalogue", dir=Path(directory))


def manage(*args, database_url, **kwargs):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": database_url, "DJANGO_CACHE_DIR": kwargs.pop("cache")},
        capture_output=True,
        text=True,
        timeout=300,
        **kwargs,
    )


def table_contents(db, tables):
    """{table: its rows, in a stable order} through any DB-API connection."""
    contents = {}
    for table in tables:
        cursor = db.cursor()
        cursor.execute(f'SELECT * FROM "{table}"')
        contents[table] = sorted(cursor.fetchall(), key=repr)
    return contents


def assert_same_tables(original, restored, tables):
    assert set(tables) >= HISTORY_TABLES
    before, after = table_contents(original, tables), table_contents(restored, tables)
    for table in tables:
        assert after[table] == before[table], f"{table} differs after the restore"
    assert before["reversion_revision"], "no history was backed up"
    assert any(REVISED in repr(row) for row in before["reversion_version"])


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_a_postgresql_backup_restores_every_row_into_an_empty_database(tmp_path):
    revise_an_entry()
    call_command("backup_catalogue", dir=tmp_path)
    (backup,) = tmp_path.glob("catalogue-*.dump")

    params = connection.settings_dict
    server = {
        "host": params["HOST"],
        "port": params["PORT"],
        "user": params["USER"],
        "password": params["PASSWORD"],
    }
    target = f"restore_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        admin.execute(f'CREATE DATABASE "{target}"')
    try:
        password = f":{quote(server['password'])}" if server["password"] else ""
        url = f"postgres://{server['user']}{password}@{server['host']}:{server['port']}/{target}"
        result = manage("restore_catalogue", str(backup), database_url=url, cache=str(tmp_path))
        assert result.returncode == 0, result.stderr

        with (
            psycopg.connect(dbname=params["NAME"], **server) as original,
            psycopg.connect(dbname=target, **server) as restored,
        ):
            tables = [
                row[0]
                for row in original.execute(
                    "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
                )
            ]
            assert set(connection.introspection.django_table_names()) <= set(tables)
            assert_same_tables(original, restored, tables)
            # New rows after a restore must not collide with restored ones.
            sequences = "SELECT sequencename, last_value FROM pg_sequences ORDER BY 1"
            assert restored.execute(sequences).fetchall() == original.execute(sequences).fetchall()
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{target}" WITH (FORCE)')


def test_a_sqlite_backup_restores_every_row_into_an_empty_file(tmp_path):
    source, target = tmp_path / "site.sqlite3", tmp_path / "restored.sqlite3"
    backups, cache = tmp_path / "backups", str(tmp_path / "cache")
    seeded = manage(
        "shell",
        "-c",
        f"from tests.test_backups import seed_and_back_up; seed_and_back_up({str(backups)!r})",
        database_url=f"sqlite:///{source}",
        cache=cache,
    )
    assert seeded.returncode == 0, seeded.stderr
    (backup,) = backups.glob("catalogue-*.sqlite3")
    assert backup.stat().st_mode & 0o077 == 0, "a backup must be readable by its owner only"

    restored = manage(
        "restore_catalogue", str(backup), database_url=f"sqlite:///{target}", cache=cache
    )
    assert restored.returncode == 0, restored.stderr

    with closing(sqlite3.connect(source)) as original, closing(sqlite3.connect(target)) as copy:
        listed = "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
        tables = [name for (name,) in original.execute(listed)]
        assert [name for (name,) in copy.execute(listed)] == tables
        assert_same_tables(original, copy, tables)


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_database_that_is_not_empty_unless_forced(tmp_path):
    revise_an_entry()
    call_command("backup_catalogue", dir=tmp_path)
    (backup,) = tmp_path.glob("catalogue-*")
    Practice.objects.filter(title_en__endswith=REVISED).update(title_en="Changed afterwards")

    with pytest.raises(CommandError, match="not empty.*--force"):
        call_command("restore_catalogue", backup)
    assert Practice.objects.filter(title_en="Changed afterwards").exists()

    call_command("restore_catalogue", backup, force=True)
    assert not Practice.objects.filter(title_en="Changed afterwards").exists()
    assert Practice.objects.filter(title_en__endswith=REVISED).exists()
    assert Revision.objects.filter(comment="Revised before the backup.").exists()


@pytest.mark.django_db
def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path):
    stray = tmp_path / "notes.txt"
    stray.write_text("not a backup")
    with pytest.raises(CommandError, match="neither a pg_dump custom-format file nor a SQLite"):
        call_command("restore_catalogue", stray, force=True)
