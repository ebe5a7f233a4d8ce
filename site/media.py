"""Media files through the storage API, wherever they are kept (local disk or an
S3-compatible bucket): the bucket's storage class and the view that serves rendition
images at ``/media/images/…``.

Documents never get a media URL: they are served by ``/dokumente/`` after the privacy
checks. Rendition images are public (Wagtail's images have no privacy rules), and the
site loads nothing from other hosts, so their URLs stay on the site's own address."""

import mimetypes
import posixpath

from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage
from django.http import FileResponse, Http404
from django.utils.encoding import filepath_to_uri
from django.views.decorators.http import require_safe
from storages.backends.s3 import S3File, S3Storage

# Wagtail's renditions live under images/; the originals (original_images/) are shown
# on the site only through renditions.
PUBLIC_FOLDER = "images/"
IMAGE_MAX_AGE = 60 * 60


class S3MediaStorage(S3Storage):
    """django-storages' S3 backend whose URLs point at the site itself (``MEDIA_URL``)
    instead of the bucket: visitors' browsers never talk to the object store."""

    def url(self, name, parameters=None, expire=None, http_method=None):
        return settings.MEDIA_URL + filepath_to_uri(name)


class S3ObjectStream:
    """An object in the bucket, opened for streaming (``open_stream``): each range asks the
    store for exactly those bytes (``GetObject`` with ``Range``; a whole download without)
    and passes them on in chunks, never holding the object in memory or a temporary file.

    django-storages' own file fetches the whole object into a temporary file on the first
    read, so a player's ``Range: bytes=0-99`` would cost the whole video each time."""

    def __init__(self, s3_file):
        # Opening ran HEAD on the object (404 → FileNotFoundError); no body read yet.
        self._s3_file = s3_file
        self.name = s3_file.name
        self.size = s3_file.size
        self._body = None

    def iter_range(self, start, length, chunk_size):
        """``length`` bytes from ``start``, in chunks of at most ``chunk_size``."""
        if length <= 0:
            return
        params = {}
        if start != 0 or length != self.size:
            params["Range"] = f"bytes={start}-{start + length - 1}"
        self._body = self._s3_file.obj.get(**params)["Body"]
        try:
            remaining = length
            for chunk in self._body.iter_chunks(chunk_size):
                chunk = chunk[:remaining]
                remaining -= len(chunk)
                if chunk:
                    yield chunk
                if remaining <= 0:
                    break
        finally:
            self.close()

    def close(self):
        if self._body is not None:
            self._body.close()
            self._body = None
        self._s3_file.close()


def open_stream(storage, name):
    """A stored file opened for ``documents.serving.file_response``: a bucket's object as
    an ``S3ObjectStream`` (ranges fetched by themselves), any other storage's file as it
    opens (local disk: seek and read, unchanged). Raises FileNotFoundError."""
    file = storage.open(name, "rb")
    if isinstance(file, S3File):
        return S3ObjectStream(file)
    return file


def storage_kind(storage=None):
    """The kind of media storage in use, for ``/health/`` and the backup manifest."""
    storage = storage if storage is not None else default_storage
    if isinstance(storage, S3Storage):
        return "s3"
    if isinstance(storage, FileSystemStorage):
        return "lokal"
    return type(storage).__name__


def public_image_name(path):
    """The storage name of a rendition, or None for anything else (``..``, other
    folders such as the private documents)."""
    parts = path.split("/")
    if "\\" in path or any(part in ("", ".", "..") for part in parts):
        return None
    name = PUBLIC_FOLDER + posixpath.join(*parts)
    return name if posixpath.normpath(name) == name else None


def is_poster_of_restricted_video(name):
    """Whether the rendition ``name`` belongs to the poster of a video that is not for
    everyone: such posters are served only by ``/dokumente/<id>/vorschaubild/`` after the
    video's checks (one query per image; renditions of other images are public)."""
    from wagtail.documents import get_document_model

    videos = get_document_model().objects.filter(poster__renditions__file=name)
    return any(video.is_restricted for video in videos.select_related("collection"))


@require_safe
def rendition_image(request, path):
    """A rendition image from the media storage. In front of local media the web server
    may serve ``MEDIA_ROOT/images/`` itself; with a bucket every app server answers here."""
    name = public_image_name(path)
    if name is None or is_poster_of_restricted_video(name):
        raise Http404("Kein Bild.")
    try:
        file = default_storage.open(name, "rb")
        size = file.size
    except (FileNotFoundError, IsADirectoryError) as error:  # also django-storages' missing key
        raise Http404("Bild nicht gefunden.") from error
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    response = FileResponse(file, content_type=content_type)
    response["Content-Length"] = str(size)
    response["Cache-Control"] = f"public, max-age={IMAGE_MAX_AGE}"
    response["X-Content-Type-Options"] = "nosniff"
    return response
