"""Streaming a document file: byte ranges, conditional requests, HEAD.

Kept apart from the view so that the HTTP details can be read (and tested) on their own."""

import re

from django.http import HttpResponse, StreamingHttpResponse
from django.utils.http import http_date, parse_http_date_safe, quote_etag

CHUNK_SIZE = 64 * 1024
# ASCII digits only (``\d`` would take any Unicode digit); one range, RFC 9110 14.1.1.
_RANGE = re.compile(r"bytes=([0-9]*)-([0-9]*)", re.ASCII | re.IGNORECASE)
# Longer headers are no single range a client means; the whole file is sent.
MAX_RANGE_HEADER = 200
# Any position with more digits is past every file (and int() refuses over 4,300 digits).
MAX_DIGITS = 18
BEYOND_ANY_FILE = 10**MAX_DIGITS


def _position(digits):
    digits = digits.lstrip("0") or "0"
    return BEYOND_ANY_FILE if len(digits) > MAX_DIGITS else int(digits)


def parse_range(header, size):
    """``(start, end)`` (inclusive) for a single-range ``Range`` header, ``None`` to send
    the whole file (no, malformed, reversed or multi-range header), or ``"unsatisfiable"``
    (416). Never raises, whatever the header holds."""
    if not header or len(header) > MAX_RANGE_HEADER:
        return None
    match = _RANGE.fullmatch(header.strip())
    if not match:
        return None
    first, last = match.groups()
    if not first and not last:
        return None
    if not first:  # the last N bytes
        length = _position(last)
        if length == 0:
            return "unsatisfiable"
        return max(0, size - length), size - 1
    start = _position(first)
    if start >= size:
        return "unsatisfiable"
    end = min(_position(last), size - 1) if last else size - 1
    if end < start:
        return None
    return start, end


def if_range_matches(request, etag, last_modified):
    """RFC 9110 13.1.5: a ``Range`` only applies while the representation is unchanged."""
    value = request.headers.get("If-Range")
    if not value:
        return True
    if value.startswith(('"', 'W/"')):
        return value == etag
    date = parse_http_date_safe(value)
    return date is not None and last_modified is not None and int(last_modified) <= date


def iter_file(file, start, length, chunk_size=CHUNK_SIZE):
    """``length`` bytes of ``file`` from ``start``, in chunks; closes the file. An object
    in a bucket (``ec_site.media.S3ObjectStream``) fetches just that range itself."""
    iter_range = getattr(file, "iter_range", None)
    if iter_range is not None:
        yield from iter_range(start, length, chunk_size)
        return
    try:
        file.seek(start)
        remaining = length
        while remaining > 0:
            chunk = file.read(min(chunk_size, remaining))
            if not chunk:
                break
            remaining -= len(chunk)
            yield chunk
    finally:
        file.close()


def file_response(request, file, size, content_type, etag=None, last_modified=None):
    """200, 206 or 416 for ``file`` (an open binary file; closed when the response is)."""
    requested = None
    if request.method == "GET" and if_range_matches(request, etag, last_modified):
        requested = parse_range(request.headers.get("Range"), size)

    if requested == "unsatisfiable":
        file.close()
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
    elif request.method == "HEAD":
        file.close()
        response = HttpResponse(content_type=content_type)
        response["Content-Length"] = str(size)
    elif requested is None:
        response = StreamingHttpResponse(iter_file(file, 0, size), content_type=content_type)
        response["Content-Length"] = str(size)
    else:
        start, end = requested
        length = end - start + 1
        response = StreamingHttpResponse(
            iter_file(file, start, length), status=206, content_type=content_type
        )
        response["Content-Length"] = str(length)
        response["Content-Range"] = f"bytes {start}-{end}/{size}"

    response["Accept-Ranges"] = "bytes"
    if etag:
        response["ETag"] = etag
    if last_modified is not None:
        response["Last-Modified"] = http_date(last_modified)
    return response


def make_etag(value):
    return quote_etag(value) if value else None
