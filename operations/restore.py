"""``manage.py restore PATH``: a backup of ``manage.py backup`` into an empty database and
an empty media storage. Every hash is checked before anything is changed, and every
file again after it is stored."""

from pathlib import Path

from django.core.cache import caches
from django.core.files import File
from django.core.files.storage import default_storage

from . import database
from .backup import MEDIA_FOLDER, read_manifest
from .files import BackupError, copy_and_hash, hash_path, is_empty, safe_name


def restore_backup(path, force=False, storage=default_storage):
    folder = Path(path)
    manifest = read_manifest(folder)
    dump = manifest["database"]
    if dump["vendor"] != database.vendor():
        raise BackupError(
            f"Die Sicherung stammt aus einer Datenbank „{dump['vendor']}“, "
            f"die Zieldatenbank ist „{database.vendor()}“."
        )
    verify_backup(folder, manifest)
    if not force:
        if not database.is_empty():
            raise BackupError(
                "Die Zieldatenbank ist nicht leer. Wiederherstellen nur in eine leere "
                "Datenbank (oder mit --force, das ihren Inhalt ersetzt)."
            )
        if not is_empty(storage):
            raise BackupError(
                "Der Dateispeicher ist nicht leer. Wiederherstellen nur in einen leeren "
                "Speicher (oder mit --force, das gleichnamige Dateien ersetzt)."
            )

    database.restore(folder / dump["file"], force=force)
    for name, expected in manifest["files"].items():
        store_file(storage, folder / MEDIA_FOLDER / safe_name(name), name, expected["sha256"])
    # Cached pages, fragments and rendition lookups belong to the database before.
    for alias in caches:
        caches[alias].clear()
    return manifest


def verify_backup(folder, manifest):
    """Every file of the backup against its hash; BackupError names the first bad ones."""
    bad = []
    dump = manifest["database"]
    if _hash_or_none(folder / dump["file"]) != dump["sha256"]:
        bad.append(dump["file"])
    for name, expected in manifest["files"].items():
        if _hash_or_none(folder / MEDIA_FOLDER / safe_name(name)) != expected["sha256"]:
            bad.append(f"{MEDIA_FOLDER}/{name}")
    if bad:
        listed = ", ".join(bad[:5]) + (" …" if len(bad) > 5 else "")
        raise BackupError(
            f"Die Sicherung ist beschädigt: {len(bad)} Datei(en) fehlen oder haben eine "
            f"andere Prüfsumme ({listed}). Es wurde nichts verändert."
        )


def store_file(storage, source, name, sha256):
    if storage.exists(name):
        storage.delete(name)  # only with --force: the storage was checked to be empty
    with open(source, "rb") as file:
        stored = storage.save(name, File(file, name=name))
    if stored != name:
        raise BackupError(f"Die Datei „{name}“ wurde als „{stored}“ gespeichert.")
    with storage.open(name, "rb") as file:
        if copy_and_hash(file)[0] != sha256:
            raise BackupError(f"Die Datei „{name}“ ist im Speicher nicht unverändert angekommen.")


def _hash_or_none(path):
    try:
        return hash_path(path)
    except FileNotFoundError:
        return None
