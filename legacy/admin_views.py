"""The import in the admin (Moderation and administrators): upload a ZIP of the saved old
site, see the dry run's report as a preview, apply it.

The ZIP is kept between preview and apply in a private folder (never under MEDIA_ROOT),
named by a random token that only the uploader's session knows. A preview that is never
applied leaves its ZIP there: ZIPs older than a day are deleted at every new preview and by
the daily command ``legacy_cleanup``."""

import secrets
import shutil
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from .importer import STATUS_LABELS, import_legacy
from .zipcheck import ZipProblem, limits, unpack_zip

PERMISSION = "legacy.import_old_site"
SESSION_KEY = "legacy_import_uploads"
UPLOAD_AGAIN = "Bitte laden Sie die ZIP-Datei neu hoch."
# How long a previewed ZIP waits for „Übernehmen“.
KEEP_PREVIEWS = timedelta(days=1)


def may_import(user):
    return user.has_perm(PERMISSION)


def upload_folder():
    folder = Path(settings.LEGACY_UPLOAD_DIR)
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    return folder


def remove_stale_uploads(now=None):
    """Deletes the kept ZIPs of previews older than ``KEEP_PREVIEWS`` (never applied);
    returns how many. Their sessions then get „nicht mehr da“ at „Übernehmen“."""
    oldest = (time.time() if now is None else now) - KEEP_PREVIEWS.total_seconds()
    removed = 0
    for kept in upload_folder().glob("*.zip"):
        try:
            if kept.stat().st_mtime < oldest:
                kept.unlink()
                removed += 1
        except FileNotFoundError:
            continue  # applied or removed meanwhile
    return removed


class UploadForm(forms.Form):
    archive = forms.FileField(
        label="ZIP-Datei der alten Website",
        help_text="Ein Ordner mit den gespeicherten HTML-Seiten in ihren alten Pfaden "
        "(z. B. seiten/info/cont_nachlese_081.html) und den verlinkten PDFs, als ZIP.",
        error_messages={"required": "Bitte wählen Sie eine ZIP-Datei aus."},
    )
    publish = forms.BooleanField(
        label="Seiten gleich veröffentlichen",
        required=False,
        help_text="Ohne Häkchen entstehen Entwürfe, die die Redaktion prüft und freigibt.",
    )

    def clean_archive(self):
        archive = self.cleaned_data["archive"]
        if not archive.name.lower().endswith(".zip"):
            raise forms.ValidationError("Bitte laden Sie eine ZIP-Datei (.zip) hoch.")
        try:
            with tempfile.TemporaryDirectory() as folder:
                # Checked (not yet kept): sizes, count, paths and links, before the preview.
                unpack_zip(archive, archive.size, folder)
        except ZipProblem as problem:
            raise forms.ValidationError(str(problem)) from problem
        archive.seek(0)
        return archive


def _require(request):
    if not may_import(request.user):
        raise PermissionDenied


def import_start(request):
    """Upload form; on POST the dry run and its report as a preview."""
    _require(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        remove_stale_uploads()
        token = secrets.token_hex(16)
        archive = form.cleaned_data["archive"]
        with open(upload_folder() / f"{token}.zip", "wb") as kept:
            for chunk in archive.chunks():
                kept.write(chunk)
        publish = form.cleaned_data["publish"]
        request.session[SESSION_KEY] = {
            **request.session.get(SESSION_KEY, {}),
            token: {"name": archive.name, "publish": publish},
        }
        report = _run(token, publish=publish, dry_run=True, user=request.user)
        return _render_report(request, report, token=token, name=archive.name)
    return TemplateResponse(request, "legacy/admin/start.html", {"form": form, "limits": limits()})


def import_apply(request, token):
    """Apply the previewed ZIP: the same run, this time saved."""
    _require(request)
    uploads = request.session.get(SESSION_KEY, {})
    if request.method != "POST" or token not in uploads:
        messages.error(request, "Diese Vorschau gibt es nicht mehr. " + UPLOAD_AGAIN)
        return redirect("legacy_admin:start")
    upload = uploads.pop(token)
    request.session[SESSION_KEY] = uploads
    kept = upload_folder() / f"{token}.zip"
    if not kept.exists():
        messages.error(request, "Die hochgeladene Datei ist nicht mehr da. " + UPLOAD_AGAIN)
        return redirect("legacy_admin:start")
    try:
        report = _run(token, publish=upload["publish"], dry_run=False, user=request.user)
    finally:
        kept.unlink(missing_ok=True)
    messages.success(request, "Die alte Website wurde importiert.")
    return _render_report(request, report, name=upload["name"])


def _run(token, *, publish, dry_run, user):
    kept = upload_folder() / f"{token}.zip"
    folder = Path(tempfile.mkdtemp(prefix="ec-legacy-"))
    try:
        with open(kept, "rb") as archive:
            root = unpack_zip(archive, kept.stat().st_size, folder)
        return import_legacy(root, publish=publish, dry_run=dry_run, user=user)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _render_report(request, report, token=None, name=""):
    return TemplateResponse(
        request,
        "legacy/admin/report.html",
        {
            "report": report,
            "counts": [(STATUS_LABELS[key], value) for key, value in report.counts().items()],
            "token": token,
            "name": name,
        },
    )
