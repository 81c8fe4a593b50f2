"""Backups of the configured database: pg_dump's custom format, or a copy of the SQLite file.

Used by the backup_catalogue and restore_catalogue commands, which run inside Django so they
read the same DATABASES as the site, whatever DATABASE_URL says.
"""

import os
import shutil
import sqlite3
import subprocess
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError
from django.db.backends.postgresql.client import DatabaseClient

from editorial.cache import bump

# What each kind of backup file starts with, so a restore can refuse the wrong kind.
SIGNATURES = {"postgresql": b"PGDMP", "sqlite": b"SQLite format 3\x00"}
SUFFIXES = {"postgresql": ".dump", "sqlite": ".sqlite3"}


def default_directory():
    return Path(os.environ.get("BACKUP_DIR") or settings.BASE_DIR / "backups")


def backup(connection, directory):
    """Write a backup of `connection`'s database into `directory`; return its path."""
    if connection.vendor not in SUFFIXES:
        raise CommandError(f"Backups of {connection.vendor} databases are not supported.")
    # The file holds password hashes and suggesters' contacts: for the owner's eyes only.
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    path = directory / f"catalogue-{stamp}{SUFFIXES[connection.vendor]}"
    if path.exists():
        raise CommandError(f"{path} already exists; run the backup again in a second.")
    # Written under another name and renamed when complete: an interrupted backup never looks
    # like a good one.
    partial = path.with_name(path.name + ".partial")
    try:
        # Created empty, with its permissions, before anything is written into it.
        os.close(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        raise CommandError(
            f"{partial} is being written; run the backup again in a second."
        ) from None
    try:
        if connection.vendor == "postgresql":
            with open(partial, "wb") as file:
                run_postgres_tool(
                    "pg_dump",
                    connection.settings_dict,
                    ["--format=custom", f"--dbname={connection.settings_dict['NAME']}"],
                    stdout=file,
                )
        else:
            connection.ensure_connection()
            with closing(sqlite3.connect(partial)) as target:
                # The online backup API copies a consistent snapshot even while the site
                # writes; a plain file copy could catch a write halfway.
                connection.connection.backup(target)
        partial.rename(path)
    finally:
        partial.unlink(missing_ok=True)
    return path


def restore(connection, path, *, force):
    """Replace the content of `connection`'s database with the backup at `path`."""
    kind = backup_kind(path)
    if kind != connection.vendor:
        raise CommandError(
            f"{path} is a {kind} backup, but the configured database is {connection.vendor}."
        )
    tables = connection.introspection.table_names()
    if tables and not force:
        raise CommandError(
            f"The database {connection.settings_dict['NAME']} is not empty ({len(tables)} "
            "tables). Restoring replaces everything in it with the backup. Restore into a new, "
            "empty database, or run again with --force (make restore FILE=… FORCE=1) to replace "
            "this one."
        )
    if kind == "postgresql":
        run_postgres_tool(
            "pg_restore",
            connection.settings_dict,
            [
                "--clean",
                "--if-exists",
                "--no-owner",
                # All or nothing: a restore that fails halfway leaves the database as it was.
                "--single-transaction",
                "--exit-on-error",
                f"--dbname={connection.settings_dict['NAME']}",
                str(path),
            ],
        )
        with connection.cursor() as cursor:
            # pg_restore brings no planner statistics; without them, pages may plan badly
            # enough to hit the statement timeout until autovacuum gets round to it.
            cursor.execute("ANALYZE")
    else:
        connection.ensure_connection()
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as source:
            source.backup(connection.connection)
    # Cached pages show the content as it was before the restore.
    bump()


def backup_kind(path):
    try:
        with open(path, "rb") as file:
            start = file.read(16)
    except OSError as error:
        raise CommandError(f"Cannot read {path}: {error.strerror}.") from error
    for kind, signature in SIGNATURES.items():
        if start.startswith(signature):
            return kind
    raise CommandError(f"{path} is neither a pg_dump custom-format file nor a SQLite database.")


def run_postgres_tool(program, settings_dict, arguments, **kwargs):
    executable = shutil.which(program)
    if not executable:
        raise CommandError(f"{program} not found: apt-get install postgresql-client.")
    _args, libpq_env = DatabaseClient.settings_to_cmd_args_env(settings_dict, [])
    # The password travels in PGPASSWORD, not on the command line where `ps` would show it.
    env = {**os.environ, **(libpq_env or {})}
    for variable, key in (("PGHOST", "HOST"), ("PGPORT", "PORT"), ("PGUSER", "USER")):
        if settings_dict.get(key):
            env[variable] = str(settings_dict[key])
    result = subprocess.run([executable, *arguments], env=env, stderr=subprocess.PIPE, **kwargs)
    if result.returncode:
        message = result.stderr.decode(errors="replace").strip()
        raise CommandError(f"{program} failed: {message}")
