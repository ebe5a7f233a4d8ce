"""Running time and picture size of MP4 and WebM videos, read from the container headers.

Only the boxes (MP4) and elements (WebM/Matroska) that carry these values are read; the
reader seeks past everything else, so a large file costs a few small reads and the site
needs no ffmpeg. MP4: ``moov/mvhd`` (duration / timescale) and the ``tkhd`` of the first
track whose handler is ``vide``. WebM: ``Segment/Info`` (Duration × TimecodeScale) and the
first video ``TrackEntry`` (PixelWidth, PixelHeight)."""

import datetime
import struct
from dataclasses import dataclass


class VideoProblem(Exception):
    """The file is not a video this reader understands; the message is German."""


@dataclass(frozen=True)
class VideoInfo:
    duration: datetime.timedelta
    width: int
    height: int


def read_video(file, extension):
    """``VideoInfo`` of an open binary ``file`` of type ``mp4`` or ``webm``."""
    file.seek(0, 2)
    size = file.tell()
    file.seek(0)
    try:
        if extension == "mp4":
            info = _read_mp4(file, size)
        elif extension == "webm":
            info = _read_webm(file, size)
        else:
            raise VideoProblem(f"Videos vom Typ „{extension}“ werden nicht unterstützt.")
    except (struct.error, EOFError, OverflowError, ValueError) as error:
        raise VideoProblem("Die Videodatei ist beschädigt oder unvollständig.") from error
    finally:
        file.seek(0)
    if info.duration <= datetime.timedelta(0):
        raise VideoProblem(
            "Die Laufzeit des Videos lässt sich nicht lesen (z. B. bei Aufnahmen direkt aus dem "
            "Browser). Bitte exportieren Sie das Video mit einem Videoprogramm erneut."
        )
    if not (info.width and info.height):
        raise VideoProblem("Die Datei enthält keine Videospur.")
    return info


def _read_exact(file, count):
    data = file.read(count)
    if len(data) != count:
        raise EOFError
    return data


# MP4 (ISO base media file format)

_MP4_CONTAINERS = {b"moov", b"trak", b"mdia"}


def _mp4_boxes(file, start, end):
    """``(type, payload_start, payload_end)`` of the boxes between ``start`` and ``end``."""
    position = start
    while position + 8 <= end:
        file.seek(position)
        size, kind = struct.unpack(">I4s", _read_exact(file, 8))
        header = 8
        if size == 1:
            size = struct.unpack(">Q", _read_exact(file, 8))[0]
            header = 16
        elif size == 0:
            size = end - position
        if size < header or position + size > end:
            raise ValueError("box size")
        yield kind, position + header, position + size
        position += size


def _read_mp4(file, size):
    boxes = {kind: (start, stop) for kind, start, stop in _mp4_boxes(file, 0, size)}
    if b"moov" not in boxes:
        raise VideoProblem("Der MP4-Datei fehlt das Inhaltsverzeichnis (moov).")
    timescale = units = 0
    width = height = 0
    for kind, start, stop in _mp4_boxes(file, *boxes[b"moov"]):
        if kind == b"mvhd":
            file.seek(start)
            version = _read_exact(file, 4)[0]
            if version == 1:
                timescale, duration = struct.unpack(">16xIQ", _read_exact(file, 28))
            else:
                timescale, duration = struct.unpack(">8xII", _read_exact(file, 16))
            units = units or duration
        elif kind == b"mvex":
            # Fragmented MP4: mvhd may say 0; the movie extends header has the length.
            for inner, inner_start, _inner_stop in _mp4_boxes(file, start, stop):
                if inner == b"mehd":
                    file.seek(inner_start)
                    version = _read_exact(file, 4)[0]
                    fmt, length = (">Q", 8) if version == 1 else (">I", 4)
                    units = units or struct.unpack(fmt, _read_exact(file, length))[0]
        elif kind == b"trak" and not width:
            width, height = _mp4_video_track(file, start, stop)
    if not timescale or units in (0xFFFFFFFF, 0xFFFFFFFFFFFFFFFF):
        units = 0
    duration = datetime.timedelta(seconds=units / timescale) if timescale else datetime.timedelta(0)
    return VideoInfo(duration, width, height)


def _mp4_video_track(file, start, stop):
    """Width and height from ``tkhd`` when the track's handler (``mdia/hdlr``) is video."""
    size = (0, 0)
    is_video = False
    for kind, box_start, box_stop in _mp4_boxes(file, start, stop):
        if kind == b"tkhd":
            file.seek(box_start)
            version = _read_exact(file, 4)[0]
            # Width and height are the last 8 bytes, 16.16 fixed point.
            file.seek(box_start + (88 if version == 1 else 76))
            width, height = struct.unpack(">II", _read_exact(file, 8))
            size = (width >> 16, height >> 16)
        elif kind == b"mdia":
            for inner, inner_start, _inner_stop in _mp4_boxes(file, box_start, box_stop):
                if inner == b"hdlr":
                    file.seek(inner_start + 8)  # version, flags, pre_defined
                    is_video = _read_exact(file, 4) == b"vide"
    return size if is_video else (0, 0)


# WebM / Matroska (EBML)

_EBML = 0x1A45DFA3
_SEGMENT = 0x18538067
_INFO = 0x1549A966
_TIMECODE_SCALE = 0x2AD7B1
_DURATION = 0x4489
_TRACKS = 0x1654AE6B
_TRACK_ENTRY = 0xAE
_TRACK_TYPE = 0x83
_VIDEO = 0xE0
_PIXEL_WIDTH = 0xB0
_PIXEL_HEIGHT = 0xBA
_CLUSTER = 0x1F43B675
_VIDEO_TRACK = 1


def _vint(file, keep_marker):
    first = _read_exact(file, 1)[0]
    if first == 0:
        raise ValueError("EBML number")
    length = 1
    while not first & (0x80 >> (length - 1)):
        length += 1
    value = first if keep_marker else first & (0xFF >> length)
    rest = _read_exact(file, length - 1)
    for byte in rest:
        value = (value << 8) | byte
    unknown = not keep_marker and value == (1 << (7 * length)) - 1
    return value, unknown


def _ebml_elements(file, start, end):
    """``(id, data_start, data_end)``; an element of unknown size runs to ``end``."""
    position = start
    while position < end:
        file.seek(position)
        element_id, _ = _vint(file, keep_marker=True)
        size, unknown = _vint(file, keep_marker=False)
        data_start = file.tell()
        data_end = end if unknown else data_start + size
        if data_end > end:
            raise EOFError  # the file was cut short (an interrupted upload)
        yield element_id, data_start, data_end
        if unknown:
            return
        position = data_end


def _uint(file, start, stop):
    file.seek(start)
    return int.from_bytes(_read_exact(file, stop - start), "big")


def _read_webm(file, size):
    elements = list(_ebml_elements(file, 0, size))
    if not elements or elements[0][0] != _EBML:
        raise VideoProblem("Die Datei ist keine WebM-Datei.")
    segment = next(((s, e) for i, s, e in elements if i == _SEGMENT), None)
    if segment is None:
        raise VideoProblem("Der WebM-Datei fehlt das Segment mit dem Inhalt.")
    scale, duration, width, height = 1_000_000, 0.0, 0, 0
    for element_id, start, stop in _ebml_elements(file, *segment):
        if element_id == _INFO:
            for inner, inner_start, inner_stop in _ebml_elements(file, start, stop):
                if inner == _TIMECODE_SCALE:
                    scale = _uint(file, inner_start, inner_stop)
                elif inner == _DURATION:
                    file.seek(inner_start)
                    raw = _read_exact(file, inner_stop - inner_start)
                    duration = struct.unpack(">f" if len(raw) == 4 else ">d", raw)[0]
        elif element_id == _TRACKS:
            width, height = _webm_video_size(file, start, stop)
        elif element_id == _CLUSTER:
            break  # the headers come before the first cluster
    seconds = duration * scale / 1e9
    if seconds != seconds or seconds < 0:  # NaN from a broken float
        seconds = 0
    return VideoInfo(datetime.timedelta(seconds=seconds), width, height)


def _webm_video_size(file, start, stop):
    for element_id, entry_start, entry_stop in _ebml_elements(file, start, stop):
        if element_id != _TRACK_ENTRY:
            continue
        track_type, size = 0, (0, 0)
        for inner, inner_start, inner_stop in _ebml_elements(file, entry_start, entry_stop):
            if inner == _TRACK_TYPE:
                track_type = _uint(file, inner_start, inner_stop)
            elif inner == _VIDEO:
                values = {
                    key: _uint(file, s, e)
                    for key, s, e in _ebml_elements(file, inner_start, inner_stop)
                    if key in (_PIXEL_WIDTH, _PIXEL_HEIGHT)
                }
                size = (values.get(_PIXEL_WIDTH, 0), values.get(_PIXEL_HEIGHT, 0))
        if track_type == _VIDEO_TRACK:
            return size
    return 0, 0
