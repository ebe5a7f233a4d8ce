"""``manage.py backup PATH``: the database and every media file into one folder, with
``manifest.json`` naming each file's SHA-256.

Consistency: the dump and the list of files the database points at come from one
snapshot (operations/database.py). Stored files are never overwritten (a new upload gets
a new name), so every file of that list that still exists is the one the snapshot
meant; one deleted in the seconds between snapshot and copy is named in ``missing``."""

import json
from datetime import UTC, datetime
from pathlib import Path

from django.core.files.storage import default_storage

from ec_site.media import storage_kind

from . import database
from .files import BackupError, copy_and_hash, hash_path, safe_name, walk

MANIFEST = "manifest.json"
MEDIA_FOLDER = "media"
FORMAT = "ec-sicherung-1"


def write_backup(path, storage=default_storage):
    folder = Path(path)
    if folder.exists() and any(folder.iterdir()):
        raise BackupError(f"Der Ordner „{folder}“ existiert bereits und ist nicht leer.")
    folder.mkdir(parents=True, exist_ok=True)

    dump_name = database.DUMP_FILES[database.vendor()]
    referenced = database.dump(folder / dump_name)
    files = {}
    for name in walk(storage):
        target = folder / MEDIA_FOLDER / safe_name(name)
        target.parent.mkdir(parents=True, exist_ok=True)
        with storage.open(name, "rb") as source, open(target, "wb") as copy:
            sha256, size = copy_and_hash(source, copy)
        files[name] = {"sha256": sha256, "size": size}

    manifest = {
        "format": FORMAT,
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "database": {
            "vendor": database.vendor(),
            "file": dump_name,
            "sha256": hash_path(folder / dump_name),
        },
        "storage_type": storage_kind(storage),
        "files": files,
        "missing": sorted(referenced - files.keys()),
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=1, ensure_ascii=False))
    return manifest


def read_manifest(folder):
    try:
        manifest = json.loads((Path(folder) / MANIFEST).read_text())
    except FileNotFoundError as error:
        raise BackupError(f"In „{folder}“ ist keine Sicherung ({MANIFEST} fehlt).") from error
    except (OSError, ValueError) as error:
        raise BackupError(f"{MANIFEST} in „{folder}“ ist nicht lesbar: {error}") from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{MANIFEST} in „{folder}“ ist keine Sicherung dieser Website.")
    return manifest
