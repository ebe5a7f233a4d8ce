"""Media files through the storage API: listing, hashing, the names the database points at."""

import hashlib
import posixpath

from django.apps import apps
from django.db import models

CHUNK = 1024 * 1024


class BackupError(Exception):
    """A German message for the operator; nothing was changed when it is raised."""


def walk(storage, folder=""):
    """Every file name in the storage, depth first, sorted (local disk and bucket alike)."""
    try:
        directories, files = storage.listdir(folder)
    except FileNotFoundError:  # a media folder that was never created holds nothing
        return
    for name in sorted(files):
        yield posixpath.join(folder, name) if folder else name
    for directory in sorted(directories):
        yield from walk(storage, posixpath.join(folder, directory) if folder else directory)


def is_empty(storage):
    return next(walk(storage), None) is None


def safe_name(name):
    """A storage name that may become a path under the backup folder."""
    parts = name.split("/")
    if name.startswith("/") or "\\" in name or any(part in ("", ".", "..") for part in parts):
        raise BackupError(f"Ungültiger Dateiname im Speicher: „{name}“.")
    return name


def copy_and_hash(source, target=None):
    """Read ``source`` to its end (writing it to ``target`` if given); SHA-256 and size."""
    digest = hashlib.sha256()
    size = 0
    while chunk := source.read(CHUNK):
        digest.update(chunk)
        size += len(chunk)
        if target is not None:
            target.write(chunk)
    return digest.hexdigest(), size


def hash_path(path):
    with open(path, "rb") as file:
        return copy_and_hash(file)[0]


def referenced_files():
    """The names of the media files every row of every model points at (documents,
    captions, images, renditions, ...)."""
    names = set()
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, models.FileField):
                values = model._base_manager.exclude(**{field.attname: ""})
                names.update(
                    values.values_list(field.attname, flat=True).exclude(
                        **{f"{field.attname}__isnull": True}
                    )
                )
    return names
