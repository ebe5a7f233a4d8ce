"""Admin view "Gebiete importieren": upload a CSV file, see what would change, apply.

The decoded file is kept in the editor's session under a random token between the
preview and the apply step; the browser never sends the data back."""

import secrets

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from .columns import COLUMNS
from .importer import MAX_FILE_SIZE, ImportFileError, apply_import, plan_text, read_file
from .models import AreaIndexPage

SESSION_PREFIX = "areas-import-"


def area_index():
    return AreaIndexPage.objects.first()


def may_import(user, index):
    """Importing creates and publishes pages under the index."""
    if index is None or not user.is_authenticated:
        return False
    permissions = index.permissions_for_user(user)
    return permissions.can_add_subpage() and permissions.can_publish_subpage()


class UploadForm(forms.Form):
    file = forms.FileField(
        label="CSV-Datei",
        help_text=(
            "UTF-8 oder Windows-1252 (Excel), Trennzeichen Semikolon oder Komma, "
            "höchstens 5 MB. Die erste Zeile enthält die Spaltennamen."
        ),
        error_messages={
            "required": "Bitte wählen Sie eine CSV-Datei aus.",
            "empty": "Die Datei ist leer.",
        },
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_SIZE:
            raise forms.ValidationError("Die Datei ist größer als 5 MB.")
        try:
            self.text, self.encoding = read_file(upload.read())
        except ImportFileError as error:
            raise forms.ValidationError(str(error)) from error
        return upload


def _context(index, **extra):
    return {
        "index": index,
        "columns": COLUMNS,
        "upload_url": reverse("areas_import"),
        **extra,
    }


def _check(request):
    index = area_index()
    if index is None:
        return None
    if not may_import(request.user, index):
        raise PermissionDenied
    return index


def upload(request):
    index = _check(request)
    if index is None:
        return TemplateResponse(request, "areas/admin/import_upload.html", _context(None))
    form = UploadForm(request.POST, request.FILES) if request.method == "POST" else UploadForm()
    if form.is_bound and form.is_valid():
        # One pending file per editor: an earlier upload that was never applied goes.
        pending = [key for key in request.session.keys() if key.startswith(SESSION_PREFIX)]  # noqa: SIM118 (sessions have no __iter__)
        for key in pending:
            del request.session[key]
        token = secrets.token_urlsafe(16)
        request.session[SESSION_PREFIX + token] = {
            "text": form.text,
            "encoding": form.encoding,
            "name": form.cleaned_data["file"].name[:200],
        }
        return redirect("areas_import_preview", token=token)
    return TemplateResponse(request, "areas/admin/import_upload.html", _context(index, form=form))


def preview(request, token):
    index = _check(request)
    stored = request.session.get(SESSION_PREFIX + token)
    if index is None or stored is None:
        messages.error(
            request, "Die Datei ist nicht mehr vorhanden. Bitte laden Sie sie erneut hoch."
        )
        return redirect("areas_import")
    if request.method == "POST":
        with transaction.atomic():
            plan = plan_text(stored["text"], index, encoding=stored["encoding"])
            if plan.ok:
                apply_import(plan, index, user=request.user)
        if plan.ok:
            del request.session[SESSION_PREFIX + token]
            messages.success(request, f"Import ausgeführt: {plan.summary()}.")
            return redirect("wagtailadmin_explore", index.pk)
    else:
        plan = plan_text(stored["text"], index, encoding=stored["encoding"])
    return TemplateResponse(
        request,
        "areas/admin/import_preview.html",
        _context(index, plan=plan, file_name=stored["name"], token=token),
    )
