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
            name = connection.settings_dict["NAME"]
            _run(["pg_dump", "--format=custom", f"--snapshot={snapshot}", f"--file={target}",
                  f"--dbname={name}"])  # fmt: skip
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
    kind = vendor()
    if kind == "postgresql":
        options = ["--clean", "--if-exists"] if force else []
        name = connection.settings_dict["NAME"]
        _run(["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", *options,
              "--single-transaction", f"--dbname={name}", str(source)])  # fmt: skip
    else:
        connection.ensure_connection()
        backup = sqlite3.connect(source)
        try:
            backup.backup(connection.connection)
        finally:
            backup.close()
    connection.close()


def _run(command):
    program = shutil.which(command[0])
    if program is None:
        raise BackupError(
            f"Das Programm „{command[0]}“ fehlt (Debian: apt-get install postgresql-client)."
        )
    result = subprocess.run(
        [program, *_connection_arguments(), *command[1:]],
        env=_environment(),
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise BackupError(f"{command[0]} ist gescheitert: {result.stderr.strip()}")


def _connection_arguments():
    settings = connection.settings_dict
    arguments = []
    if settings.get("HOST"):
        arguments.append(f"--host={settings['HOST']}")
    if settings.get("PORT"):
        arguments.append(f"--port={settings['PORT']}")
    if settings.get("USER"):
        arguments.append(f"--username={settings['USER']}")
    return arguments


def _environment():
    environment = dict(os.environ)
    if connection.settings_dict.get("PASSWORD"):
        environment["PGPASSWORD"] = connection.settings_dict["PASSWORD"]
    return environment
