"""Document downloads. Replaces Wagtail's serve view at the same URL names, keeping its
privacy checks (the ``before_serve_document`` hooks, which enforce the view
restrictions of collections) and its ``document_served`` signal."""

import hashlib
import io
import mimetypes
from urllib.parse import quote

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.cache import get_conditional_response, patch_cache_control
from django.views.decorators.http import require_safe
from wagtail import hooks
from wagtail.documents import get_document_model
from wagtail.documents.models import document_served
from wagtail.images.models import SourceImageIOError

from accounts import second_factor
from ec_site.media import IMAGE_MAX_AGE, open_stream

from .models import CAPTIONS_CONTENT_TYPE, POSTER_FILTER
from .serving import file_response, make_etag


def _last_modified(document):
    try:
        return document.file.storage.get_modified_time(document.file.name).timestamp()
    except (NotImplementedError, OSError):
        return document.created_at.timestamp()


def _may_preview(user):
    """Editors who could open the admin now: with the second factor done where they owe it."""
    return user.has_perm("wagtailadmin.access_admin") and second_factor.owed_step(user) is None


def _refused(document, request):
    """The answer of a privacy hook (login, password form), or None to serve. A document
    waiting for release (documents/approval.py) is shown to editors only."""
    if not document.approved and not _may_preview(request.user):
        raise Http404("Dieses Dokument ist noch nicht freigegeben.")
    for hook in hooks.get_hooks("before_serve_document"):
        result = hook(document, request)
        if isinstance(result, HttpResponse):
            return result
    return None


def _finish(response, document):
    response["X-Content-Type-Options"] = "nosniff"
    if not document.approved:
        patch_cache_control(response, private=True, no_store=True)
    elif document.collection.get_view_restrictions():
        patch_cache_control(response, private=True)
    return response


@require_safe
def serve(request, document_id, filename=""):
    Document = get_document_model()
    document = get_object_or_404(Document.objects.select_related("collection"), pk=document_id)
    if filename:
        # The address of Wagtail's own links (``/dokumente/<id>/<file name>``), also with
        # the name of a file that has since been replaced: send to the stable address.
        return redirect(document.url, permanent=True)

    refused = _refused(document, request)
    if refused is not None:
        return refused
    if settings.DOCUMENTS_ACCEL_REDIRECT_PREFIX and isinstance(
        document.file.storage, FileSystemStorage
    ):
        return _finish(_handed_to_web_server(request, document), document)

    try:
        file = open_stream(document.file.storage, document.file.name)
    except FileNotFoundError:
        raise Http404("Die Datei dieses Dokuments fehlt.") from None

    etag = make_etag(document.file_hash)
    last_modified = int(_last_modified(document))
    conditional = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if conditional is not None:
        file.close()
        response = conditional
        if etag:
            response["ETag"] = etag
    else:
        document_served.send(sender=Document, instance=document, request=request)
        response = file_response(
            request,
            file,
            size=file.size,
            content_type=document.content_type,
            etag=etag,
            last_modified=last_modified,
        )
        response["Content-Disposition"] = document.content_disposition
        # Wagtail's default: HTML in a document never runs scripts in the site's origin.
        if getattr(settings, "WAGTAILDOCS_BLOCK_EMBEDDED_CONTENT", True):
            response["Content-Security-Policy"] = "default-src 'none'"
    return _finish(response, document)


def _handed_to_web_server(request, document):
    """After the checks above, nginx sends the file (``X-Accel-Redirect`` to an internal
    location, deploy/nginx/ec-site.conf): no worker is busy for the length of a download.
    nginx answers Range and conditional requests from the file itself."""
    if not document.file.storage.exists(document.file.name):
        raise Http404("Die Datei dieses Dokuments fehlt.")
    etag = make_etag(document.file_hash)
    conditional = get_conditional_response(
        request, etag=etag, last_modified=int(_last_modified(document))
    )
    if conditional is not None:
        return conditional
    document_served.send(sender=type(document), instance=document, request=request)
    response = HttpResponse(content_type=document.content_type)
    response["X-Accel-Redirect"] = settings.DOCUMENTS_ACCEL_REDIRECT_PREFIX + quote(
        document.file.name
    )
    response["Content-Disposition"] = document.content_disposition
    return response


@require_safe
def captions(request, document_id):
    """The WebVTT captions of a video, under the video's privacy rules."""
    Document = get_document_model()
    document = get_object_or_404(Document.objects.select_related("collection"), pk=document_id)
    if not document.captions:
        raise Http404("Dieses Video hat keine Untertitel.")
    refused = _refused(document, request)
    if refused is not None:
        return refused
    try:
        with document.captions.open("rb") as file:
            data = file.read()
    except FileNotFoundError:
        raise Http404("Die Untertiteldatei fehlt.") from None
    etag = make_etag(hashlib.sha1(data, usedforsecurity=False).hexdigest())
    response = get_conditional_response(request, etag=etag)
    if response is None:
        response = file_response(
            request, io.BytesIO(data), size=len(data), content_type=CAPTIONS_CONTENT_TYPE, etag=etag
        )
        response["Content-Security-Policy"] = "default-src 'none'"
    response["ETag"] = etag
    return _finish(response, document)


@require_safe
def poster(request, document_id):
    """The poster of a video under the video's privacy rules (the player links here for
    restricted videos; public ones show the rendition at ``/media/images/``)."""
    Document = get_document_model()
    document = get_object_or_404(
        Document.objects.select_related("collection", "poster"), pk=document_id
    )
    if document.poster is None:
        raise Http404("Dieses Video hat kein Vorschaubild.")
    refused = _refused(document, request)
    if refused is not None:
        return refused
    try:
        rendition = document.poster.get_rendition(POSTER_FILTER)
        file = open_stream(rendition.file.storage, rendition.file.name)
    except (SourceImageIOError, FileNotFoundError):
        raise Http404("Das Vorschaubild fehlt.") from None
    # A rendition's file never changes under its name (a new image gets a new name).
    etag = make_etag(hashlib.sha1(rendition.file.name.encode(), usedforsecurity=False).hexdigest())
    response = get_conditional_response(request, etag=etag)
    if response is None:
        content_type = mimetypes.guess_type(rendition.file.name)[0] or "application/octet-stream"
        response = file_response(
            request, file, size=file.size, content_type=content_type, etag=etag
        )
        response["Content-Security-Policy"] = "default-src 'none'"
    else:
        file.close()
    response["ETag"] = etag
    if not document.is_restricted:
        patch_cache_control(response, public=True, max_age=IMAGE_MAX_AGE)
    return _finish(response, document)
