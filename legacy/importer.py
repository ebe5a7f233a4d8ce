"""Turn a saved copy of the old site into event pages, documents and redirects.

Keyed on the old path (``ImportedPage``): a second run updates what it created, leaves
unchanged files alone and never overwrites a page an editor has changed since. A dry run
does all of it inside a transaction that is rolled back, and stores no file."""

import hashlib
import posixpath
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.db import transaction
from django.utils.html import escape
from wagtail.contrib.redirects.models import Redirect

from conference.models import EventDocument, EventFolderPage, EventKind, EventPage
from home.german import german_slug

from .documents import DocumentProblem, check_pdf, find_document, store_pdf
from .models import ImportedPage
from .page import read_old_page
from .places import split_place

PAGE_SUFFIXES = {".html", ".htm", ".shtml", ".txt"}
MAX_PAGE_BYTES = 5 * 1024 * 1024

CREATED, UPDATED, UNCHANGED, SKIPPED, ERROR = "created", "updated", "unchanged", "skipped", "error"
STATUS_LABELS = {
    CREATED: "angelegt",
    UPDATED: "aktualisiert",
    UNCHANGED: "unverändert",
    SKIPPED: "übersprungen",
    ERROR: "Fehler",
}
UNKNOWN_CITY = "Ort unbekannt"
LISTING_SUMMARY_MAX_CHARS = 600  # BasePage.listing_summary


@dataclass
class FileResult:
    file: str
    old_path: str
    status: str = ""
    reason: str = ""
    page: dict | None = None
    documents: list = field(default_factory=list)
    redirects: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    not_understood: list = field(default_factory=list)

    def as_dict(self):
        return {
            "file": self.file,
            "old_path": self.old_path,
            "status": self.status,
            "status_label": STATUS_LABELS.get(self.status, self.status),
            "reason": self.reason,
            "page": self.page,
            "documents": self.documents,
            "redirects": self.redirects,
            "warnings": self.warnings,
            "not_understood": self.not_understood,
        }


@dataclass
class Report:
    source: str
    dry_run: bool
    publish: bool
    files: list = field(default_factory=list)

    def counts(self):
        counts = dict.fromkeys(STATUS_LABELS, 0)
        for result in self.files:
            counts[result.status] += 1
        return counts

    def as_dict(self):
        return {
            "source": self.source,
            "dry_run": self.dry_run,
            "publish": self.publish,
            "counts": self.counts(),
            "files": [result.as_dict() for result in self.files],
        }


def find_old_pages(path):
    """(mirror root, [files]) for a folder, or for a single HTML/text file."""
    path = Path(path)
    if path.is_dir():
        files = sorted(
            candidate
            for candidate in path.rglob("*")
            if candidate.is_file()
            and not candidate.is_symlink()
            and candidate.suffix.lower() in PAGE_SUFFIXES
        )
        return path, files
    return path.parent, [path]


def old_path_of(root, file):
    return "/" + file.relative_to(root).as_posix()


def import_legacy(path, *, publish=False, dry_run=False, user=None):
    """Import the saved copy at ``path``; returns the :class:`Report`."""
    root, files = find_old_pages(path)
    report = Report(source=str(path), dry_run=dry_run, publish=publish)
    importer = _Importer(Path(root), publish=publish, dry_run=dry_run, user=user)
    with transaction.atomic():
        for file in files:
            report.files.append(importer.import_file(file))
        if dry_run:
            transaction.set_rollback(True)
    return report


class _Importer:
    def __init__(self, root, *, publish, dry_run, user):
        self.root = root
        self.publish = publish
        self.dry_run = dry_run
        self.user = user
        self.folder = EventFolderPage.objects.first()

    def import_file(self, file):
        old_path = old_path_of(self.root, file)
        result = FileResult(file=old_path.lstrip("/"), old_path=old_path)
        try:
            raw = file.read_bytes()
        except OSError:
            return self._finish(result, ERROR, "Die Datei konnte nicht gelesen werden.")
        if len(raw) > MAX_PAGE_BYTES:
            return self._finish(result, ERROR, "Die Datei ist zu groß für eine alte Seite.")
        old = read_old_page(raw, old_path)
        result.not_understood = old.not_understood
        if not old.is_event:
            status = ERROR if old.heading is not None else SKIPPED
            return self._finish(result, status, old.problem)
        if self.folder is None:
            return self._finish(
                result, ERROR, "Es gibt keinen Veranstaltungsordner, in den importiert werden kann."
            )
        # A savepoint per file: one broken page does not undo the others.
        try:
            with transaction.atomic():
                return self._import_event(result, old, hashlib.sha256(raw).hexdigest())
        except Exception as error:  # noqa: BLE001 – reported per file, the run goes on
            return self._finish(result, ERROR, f"Unerwarteter Fehler beim Import: {error}")

    def _finish(self, result, status, reason=""):
        result.status, result.reason = status, reason
        return result

    def _import_event(self, result, old, source_hash):
        record = ImportedPage.objects.filter(old_path=old.old_path).select_related("page").first()
        if record is not None:
            if record.page is None:
                return self._finish(
                    result,
                    SKIPPED,
                    "Die importierte Seite wurde gelöscht; sie wird nicht neu angelegt.",
                )
            page = record.page.specific
            result.page = _page_info(page)
            if record.changed_by_editor():
                return self._finish(
                    result,
                    SKIPPED,
                    "Die Seite wurde seit dem Import in der Redaktion geändert und wird nicht "
                    "überschrieben.",
                )
            if record.source_hash == source_hash:
                if self.publish and not page.live:
                    self._publish(page)
                    return self._finish(result, UPDATED, "Unverändert, jetzt veröffentlicht.")
                return self._finish(result, UNCHANGED)
        else:
            page = None
        documentation = self._documentation(result, old)
        fields = self._fields(result, old)
        if page is None:
            self._warn_duplicate(result, fields)
            page = EventPage(slug=self._free_slug(fields["title"]), live=False, **fields)
            page.documentation = documentation
            self.folder.add_child(instance=page)
            status = CREATED
        else:
            for name, value in fields.items():
                setattr(page, name, value)
            page.documentation = documentation
            status = UPDATED
        revision = page.save_revision(user=self.user, log_action=True)
        if self.publish:
            revision.publish(user=self.user)
        page.refresh_from_db()
        ImportedPage.objects.update_or_create(
            old_path=old.old_path,
            defaults={
                "page": page,
                "stand": old.stand,
                "source_hash": source_hash,
                "imported_revision_id": page.latest_revision_id,
                "old_pdf_paths": [item["old_path"] for item in result.documents],
            },
        )
        self._redirect(result, old.old_path, page)
        for item in result.documents:
            if item.get("document_id"):
                self._redirect(result, item["old_path"], item["url"])
        result.page = _page_info(page)
        return self._finish(result, status)

    def _publish(self, page):
        revision = page.latest_revision
        revision.publish(user=self.user)

    def _fields(self, result, old):
        heading, dates = old.heading, old.dates
        city, venue = split_place(dates["place"])
        if not city:
            city = UNKNOWN_CITY
            result.warnings.append("Kein Ort in der Datumszeile – bitte in der Seite ergänzen.")
        title = heading.title
        if heading.kind != EventKind.OTHER:
            title = f"{title} {dates['start'].year}"
        fields = {
            "title": title[:255],
            "event_kind": heading.kind,
            "target_group": heading.target_group,
            "motto": heading.motto,
            "start_date": dates["start"],
            "end_date": dates["end"] if dates["end"] != dates["start"] else None,
            "city": city[:100],
            "venue": venue[:200],
            "participants": None,
            "participants_qualifier": "",
            "listing_summary": "",
            "report": [],
        }
        if old.participants:
            fields["participants"], fields["participants_qualifier"] = old.participants
        if old.paragraphs:
            # Every paragraph stays in the report; the first one also introduces the event in
            # listings and search hits (not as the page's lead, which would repeat it).
            if len(old.paragraphs[0]) <= LISTING_SUMMARY_MAX_CHARS:
                fields["listing_summary"] = old.paragraphs[0]
            html = "".join(f"<p>{escape(text)}</p>" for text in old.paragraphs)
            fields["report"] = [{"type": "paragraph", "value": html}]
        return fields

    def _documentation(self, result, old):
        items = []
        seen = set()
        for position, link in enumerate(old.pdf_links):
            old_pdf = resolve_link(old.old_path, link.href)
            if old_pdf is None or old_pdf in seen:
                continue
            seen.add(old_pdf)
            entry = {"old_path": old_pdf, "label": link.text}
            result.documents.append(entry)
            file = self.root / old_pdf.lstrip("/")
            if not _inside(self.root, file) or not file.is_file():
                entry["problem"] = "Die PDF-Datei fehlt in der Kopie der alten Website."
                result.warnings.append(f"PDF nicht gefunden: {old_pdf}")
                continue
            data = file.read_bytes()
            title = _document_title(old, link.text, position)
            year = old.dates["start"].year if old.dates else None
            try:
                if self.dry_run:
                    document = find_document(data)
                    if document is None:
                        check_pdf(data, file.name)
                        entry["would_create"] = True
                        continue
                else:
                    document, created = store_pdf(data, file.name, title, year)
                    entry["created"] = created
            except DocumentProblem as problem:
                entry["problem"] = str(problem)
                result.warnings.append(f"PDF nicht übernommen ({old_pdf}): {problem}")
                continue
            entry.update(document_id=document.pk, title=document.title, url=document.url)
            items.append(EventDocument(document=document, label=_label(link.text)))
        return items

    def _redirect(self, result, old_path, target):
        normalised = Redirect.normalise_path(old_path)
        existing = Redirect.objects.filter(old_path=normalised, site=None).first()
        if existing is None:
            Redirect.add_redirect(normalised, redirect_to=target, is_permanent=True)
            result.redirects.append(old_path)
            return
        points_here = (
            existing.redirect_page_id == target.pk
            if isinstance(target, EventPage)
            else existing.redirect_link == target
        )
        if not points_here:
            result.warnings.append(
                f"Für {old_path} gibt es schon eine andere Weiterleitung; sie bleibt, wie sie ist."
            )

    def _free_slug(self, title):
        base = german_slug(title)[:60].strip("-") or "veranstaltung"
        taken = set(
            self.folder.get_children().filter(slug__startswith=base).values_list("slug", flat=True)
        )
        slug, number = base, 2
        while slug in taken:
            slug, number = f"{base}-{number}", number + 1
        return slug

    def _warn_duplicate(self, result, fields):
        twin = (
            EventPage.objects.filter(
                start_date=fields["start_date"],
                event_kind=fields["event_kind"],
                target_group=fields["target_group"],
            )
            .exclude(legacy_import__isnull=False)
            .first()
        )
        if twin is not None:
            result.warnings.append(
                f"Eine Veranstaltung mit gleichem Datum und gleicher Art gibt es schon: "
                f"„{twin.title}“ (ID {twin.pk}). Bitte prüfen, ob eine der beiden Seiten entfällt."
            )


def resolve_link(old_page_path, href):
    """The old site path of a link on the page at ``old_page_path``; None for other hosts'
    files and for anything that leaves the site."""
    parts = urlsplit(href)
    if parts.scheme and parts.scheme not in ("http", "https"):
        return None
    path = unquote(parts.path)
    if not path:
        return None
    if not path.startswith("/"):
        path = posixpath.join(posixpath.dirname(old_page_path), path)
    segments = []
    for segment in path.split("/"):
        if segment == "..":
            if not segments:
                return None  # above the site's root
            segments.pop()
        elif segment not in ("", "."):
            segments.append(segment)
    return "/" + "/".join(segments) if segments else None


def _inside(root, file):
    try:
        file.resolve().relative_to(root.resolve())
    except ValueError:
        return False
    return True


_PLAIN_LABELS = {"", "hier", "download", "pdf", "dokumentation herunterladen"}


def _label(text):
    return text[:200] if text else "Dokumentation herunterladen"


def _document_title(old, link_text, position):
    if link_text and link_text.casefold() not in _PLAIN_LABELS and len(link_text) > 12:
        return link_text
    title = f"Dokumentation: {old.heading.title}"
    if old.dates:
        title += f" {old.dates['start'].year}"
    return title if position == 0 else f"{title} ({position + 1})"


def _page_info(page):
    return {"id": page.pk, "title": page.title, "url": page.get_url(), "live": page.live}
