"""Checks a WebVTT captions file (https://www.w3.org/TR/webvtt1/) before it is stored:
UTF-8, the ``WEBVTT`` signature, cue timings that parse and run forwards, at least one cue.
Every problem is a German message that names the line."""

import re

from django.core.exceptions import ValidationError

MAX_CAPTIONS_SIZE = 1024 * 1024
_TIMESTAMP = r"(?:(\d{2,}):)?([0-5]\d):([0-5]\d)\.(\d{3})"
_TIMING = re.compile(rf"^{_TIMESTAMP}[ \t]+-->[ \t]+{_TIMESTAMP}(?:[ \t]+.*)?$")
_SIGNATURE = re.compile(r"^WEBVTT(?:[ \t].*)?$")


def _seconds(hours, minutes, seconds, millis):
    return int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds) + int(millis) / 1000


def check_webvtt(data):
    """Raise ``ValidationError`` unless ``data`` (bytes) is a usable WebVTT file; return
    the number of cues."""
    if len(data) > MAX_CAPTIONS_SIZE:
        raise ValidationError(
            "Die Untertiteldatei ist zu groß (höchstens 1 MB).", code="captions_too_large"
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise ValidationError(
            "Die Untertiteldatei ist nicht UTF-8-codiert. Bitte speichern Sie sie als "
            "UTF-8 und laden Sie sie erneut hoch.",
            code="captions_encoding",
        ) from None
    lines = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if "\0" in text or not _SIGNATURE.match(lines[0]):
        raise ValidationError(
            "Das ist keine WebVTT-Datei: Die erste Zeile muss mit „WEBVTT“ beginnen.",
            code="captions_signature",
        )
    cues = 0
    for number, line in enumerate(lines[1:], start=2):
        if "-->" not in line:
            continue
        match = _TIMING.match(line.strip())
        if not match:
            raise ValidationError(
                "Zeile %(number)s: Die Zeitangabe „%(line)s“ ist ungültig. Erwartet wird "
                "z. B. „00:00:01.000 --> 00:00:04.000“.",
                code="captions_timing",
                params={"number": number, "line": line.strip()[:80]},
            )
        start, end = _seconds(*match.groups()[:4]), _seconds(*match.groups()[4:])
        if end <= start:
            raise ValidationError(
                "Zeile %(number)s: Der Untertitel endet nicht nach seinem Beginn.",
                code="captions_timing",
                params={"number": number},
            )
        cues += 1
    if not cues:
        raise ValidationError(
            "Die Untertiteldatei enthält keine Untertitel (keine Zeile mit „-->“).",
            code="captions_empty",
        )
    return cues
