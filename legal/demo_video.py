"""A small valid demo video made on the spot (Motion-JPEG in an AVI container, frames
drawn with Pillow), so the demo needs neither ffmpeg nor a download.

Browsers do not play AVI in a <video> element; the Gebärdensprache page offers it as a
download. Editors replace it with the real MP4/WebM video."""

import io
import struct

from PIL import Image, ImageDraw

WIDTH, HEIGHT = 320, 180


def _chunk(fourcc, data):
    padding = b"\0" if len(data) % 2 else b""
    return fourcc + struct.pack("<I", len(data)) + data + padding


def _list(kind, *chunks):
    data = kind + b"".join(chunks)
    return b"LIST" + struct.pack("<I", len(data)) + data


def _frame(index, total, caption):
    image = Image.new("RGB", (WIDTH, HEIGHT), (11, 79, 108))
    draw = ImageDraw.Draw(image)
    draw.text((16, 16), caption, fill=(255, 255, 255))
    draw.text((16, 40), f"Bild {index + 1} von {total}", fill=(255, 255, 255))
    # A bar that grows over the running time, so the frames differ visibly.
    draw.rectangle(
        (16, HEIGHT - 32, 16 + (WIDTH - 32) * (index + 1) // total, HEIGHT - 16),
        fill=(255, 191, 71),
    )
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=60)
    return buffer.getvalue()


def build_avi(caption, seconds=4, fps=2):
    """The bytes of an MJPEG AVI of ``seconds`` length showing ``caption``."""
    total = seconds * fps
    frames = [_frame(i, total, caption) for i in range(total)]
    largest = max(len(f) for f in frames)
    main_header = struct.pack(
        "<10I4I",
        1_000_000 // fps,  # microseconds per frame
        largest * fps,  # max bytes per second
        0,
        0x10,  # AVIF_HASINDEX
        total,
        0,
        1,  # streams
        largest,
        WIDTH,
        HEIGHT,
        0,
        0,
        0,
        0,
    )
    stream_header = struct.pack(
        "<4s4sIHHIIIIIIIIhhhh",
        b"vids",
        b"MJPG",
        0,
        0,
        0,
        0,
        1,  # scale
        fps,  # rate: rate / scale = frames per second
        0,
        total,  # length in frames
        largest,
        0xFFFFFFFF,  # quality: default
        0,
        0,
        0,
        WIDTH,
        HEIGHT,
    )
    bitmap_info = struct.pack(
        "<IiiHH4sIiiII", 40, WIDTH, HEIGHT, 1, 24, b"MJPG", WIDTH * HEIGHT * 3, 0, 0, 0, 0
    )
    header_list = _list(
        b"hdrl",
        _chunk(b"avih", main_header),
        _list(b"strl", _chunk(b"strh", stream_header), _chunk(b"strf", bitmap_info)),
    )
    movi_chunks = []
    index = []
    offset = 4  # offsets in idx1 count from the "movi" fourcc
    for frame in frames:
        chunk = _chunk(b"00dc", frame)
        index.append(struct.pack("<4sIII", b"00dc", 0x10, offset, len(frame)))
        movi_chunks.append(chunk)
        offset += len(chunk)
    movi = _list(b"movi", *movi_chunks)
    body = b"AVI " + header_list + movi + _chunk(b"idx1", b"".join(index))
    return b"RIFF" + struct.pack("<I", len(body)) + body
