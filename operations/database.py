"""The database part of a backup: a dump taken in one snapshot together with the names
of the media files that snapshot points at, and its restore into an empty database.

PostgreSQL: ``pg_dump`` in custom format from a snapshot exported by a repeatable-read
transaction, which also reads the file names; ``pg_restore`` puts it back. SQLite: a copy
through SQLite's backup API made inside the read transaction that reads the file names."""

import os
import shutil
import sqlite3
import subprocess

from django.db import connection, transaction

from .files import BackupError, referenced_files

DUMP_FILES = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}


def vendor():
    if connection.vendor not in DUMP_FILES:
        raise BackupError(
            f"Datenbank „{connection.vendor}“ wird nicht unterstützt (nur PostgreSQL und SQLite)."
        )
    return connection.vendor


def dump(target):
    """Write the dump to ``target``; return the media file names of the same snapshot."""
    kind = vendor()
    with transaction.atomic():
        if kind == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                cursor.execute("SELECT pg_export_snapshot()")
                snapshot = cursor.fetchone()[0]
            names = referenced_files()
            run(pg_dump_command(connection.settings_dict, target, snapshot), _password())
        else:
            names = referenced_files()  # holds SQLite's read lock until the copy is made
            destination = sqlite3.connect(target)
            try:
                connection.connection.backup(destination)
            finally:
                destination.close()
    return names


def is_empty():
    return not connection.introspection.table_names()


def restore(source, force=False):
    if vendor() == "postgresql":
        run(pg_restore_command(connection.settings_dict, source, force), _password())
    else:
        connection.ensure_connection()
        backup = sqlite3.connect(source)
        try:
            backup.backup(connection.connection)
        finally:
            backup.close()
    connection.close()


def pg_dump_command(database, target, snapshot):
    return ["pg_dump", *_server_options(database), "--format=custom", f"--snapshot={snapshot}",
            f"--file={target}", f"--dbname={database['NAME']}"]  # fmt: skip


def pg_restore_command(database, source, force=False):
    replace = ["--clean", "--if-exists"] if force else []
    return ["pg_restore", *_server_options(database), "--no-owner", "--no-privileges",
            "--exit-on-error", "--single-transaction", *replace, f"--dbname={database['NAME']}",
            str(source)]  # fmt: skip


def run(command, password=""):
    """Run a PostgreSQL client program; BackupError with its message when it fails."""
    program = shutil.which(command[0])
    if program is None:
        raise BackupError(
            f"Das Programm „{command[0]}“ fehlt (Debian: apt-get install postgresql-client)."
        )
    environment = {**os.environ, "PGPASSWORD": password} if password else None
    result = subprocess.run(
        [program, *command[1:]], env=environment, capture_output=True, text=True
    )
    if result.returncode != 0:
        raise BackupError(f"{command[0]} ist gescheitert: {result.stderr.strip()}")


def _server_options(database):
    options = {"--host": database.get("HOST"), "--port": database.get("PORT"),
               "--username": database.get("USER")}  # fmt: skip
    return [f"{option}={value}" for option, value in options.items() if value]


def _password():
    return connection.settings_dict.get("PASSWORD") or ""
