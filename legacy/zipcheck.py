"""ZIPs from the admin, checked before anything is unpacked: size, number of files, total
uncompressed size, no paths outside the folder, no links."""

import stat
import zipfile
import zlib
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.template.defaultfilters import filesizeformat


class ZipProblem(ValueError):
    """The ZIP is refused; the message is German, for the editor."""


def limits():
    return {
        "max_bytes": getattr(settings, "LEGACY_ZIP_MAX_BYTES", 200 * 1024 * 1024),
        "max_files": getattr(settings, "LEGACY_ZIP_MAX_FILES", 5000),
        "max_unpacked": getattr(settings, "LEGACY_ZIP_MAX_UNPACKED_BYTES", 1024 * 1024 * 1024),
    }


def _size(number):
    return filesizeformat(number).replace("\xa0", " ")


def check_zip(file, size):
    """The members of the ZIP ``file`` (``size`` bytes) or :class:`ZipProblem`."""
    rules = limits()
    if size > rules["max_bytes"]:
        raise ZipProblem(
            f"Die ZIP-Datei ist zu groß ({_size(size)}). Erlaubt sind {_size(rules['max_bytes'])}."
        )
    try:
        archive = zipfile.ZipFile(file)
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise ZipProblem("Die Datei ist keine lesbare ZIP-Datei.") from error
    files = [member for member in members if not member.is_dir()]
    if len(files) > rules["max_files"]:
        raise ZipProblem(
            f"Die ZIP-Datei enthält {len(files)} Dateien. Erlaubt sind {rules['max_files']}."
        )
    unpacked = sum(member.file_size for member in files)
    if unpacked > rules["max_unpacked"]:
        raise ZipProblem(
            f"Entpackt wäre der Inhalt {_size(unpacked)} groß. "
            f"Erlaubt sind {_size(rules['max_unpacked'])}."
        )
    for member in members:
        _check_member(member)
    return archive, files


def _check_member(member):
    name = member.filename
    mode = member.external_attr >> 16
    if stat.S_ISLNK(mode):
        raise ZipProblem(f"Die ZIP-Datei enthält einen Link („{name}“); Links sind nicht erlaubt.")
    if member.flag_bits & 0x1:
        raise ZipProblem(f"„{name}“ ist verschlüsselt; bitte eine ZIP-Datei ohne Passwort.")
    path = PurePosixPath(name.replace("\\", "/"))
    if (
        name.startswith(("/", "\\"))
        or ".." in path.parts
        or (path.parts and ":" in path.parts[0])
        or "\x00" in name
    ):
        raise ZipProblem(
            f"Die ZIP-Datei enthält einen Pfad außerhalb des Ordners („{name}“) "
            "und wird nicht entpackt."
        )


def unpack_zip(file, size, target):
    """Check and unpack the ZIP into the folder ``target``; the unpacked root folder.

    Each member is written by name below ``target`` only, and never more bytes than its
    header announced (a ZIP that lies about its sizes is refused)."""
    archive, files = check_zip(file, size)
    target = Path(target)
    try:
        with archive:
            _unpack(archive, files, target)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError) as error:
        raise ZipProblem("Die ZIP-Datei ist beschädigt und kann nicht entpackt werden.") from error
    return _single_top_folder(target)


def _unpack(archive, files, target):
    for member in files:
        destination = target.joinpath(*PurePosixPath(member.filename.replace("\\", "/")).parts)
        destination.parent.mkdir(parents=True, exist_ok=True)
        written = 0
        with archive.open(member) as source, open(destination, "wb") as output:
            while chunk := source.read(64 * 1024):
                written += len(chunk)
                if written > member.file_size:
                    raise ZipProblem(f"„{member.filename}“ ist größer als angegeben.")
                output.write(chunk)


def _single_top_folder(target):
    """A ZIP of the folder „kopie/“ holds everything in kopie/: that is the site's root."""
    entries = [entry for entry in target.iterdir() if entry.name != "__MACOSX"]
    if len(entries) == 1 and entries[0].is_dir() and entries[0].name != "seiten":
        return entries[0]
    return target
