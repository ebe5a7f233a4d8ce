"""Demo content for the legal and accessibility pages, used by ``load_demo_content``.

Idempotent like every demo module: pages are found by slug below the start page,
settings are only filled when empty, nothing an editor changed is overwritten."""

import datetime
import io

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Site

from home.demo import ensure_page, heading, paragraph, start_page
from home.models import FooterSettings

from .demo_video import CAPTIONS_PATH, POSTER_PATH, VIDEO_PATH
from .models import (
    AccessibilityStatementPage,
    ComplianceStatus,
    EasyLanguagePage,
    FeedbackFormField,
    ImprintPage,
    ImprintSettings,
    PrivacyPage,
    SignLanguagePage,
)

VIDEO_TITLE = "Gebärdensprachvideo (Platzhalter der Demo, bitte ersetzen)"
POSTER_TITLE = "Vorschaubild des Gebärdensprachvideos (Platzhalter der Demo)"

IMPRINT = {
    "publisher": "Stiftung SPI – Sozialpädagogisches Institut Berlin „Walter May“, Regiestelle E&C",
    "address": "Beispielstraße 1\n10000 Berlin",
    "represented_by": "den Vorstand der Stiftung SPI",
    "responsible_person": "Leitung der Regiestelle E&C (Beispielangabe der Demo)",
    "email": "regiestelle@example.org",
    "phone": "030 000000-0",
}

PRIVACY_BODY = (
    heading("Verantwortliche Stelle")
    + paragraph(
        "Verantwortlich für die Verarbeitung personenbezogener Daten auf dieser Website ist "
        "der im Impressum genannte Herausgeber.",
    )
    + heading("Aufruf der Website")
    + paragraph(
        "Beim Aufruf einer Seite verarbeitet der Webserver technisch notwendige Daten "
        "(IP-Adresse, Zeitpunkt, aufgerufene Adresse, Browserkennung), um die Seite "
        "auszuliefern und die Sicherheit des Betriebs zu gewährleisten (Art. 6 Abs. 1 lit. e "
        "und f DSGVO). Die Protokolle werden nach sieben Tagen gelöscht.",
    )
    + heading("Keine Cookies, keine Dienste Dritter")
    + paragraph(
        "Diese Website setzt beim Lesen keine Cookies, bindet keine Schriften, Skripte, "
        "Videos oder Karten anderer Anbieter ein und verwendet keine Analysewerkzeuge.",
        "Nur wenn Sie das Feedback-Formular der Erklärung zur Barrierefreiheit oder die "
        "Anmeldung zum Newsletter aufrufen, setzt die Website ein technisch notwendiges "
        "Cookie (csrftoken), das das Formular vor Missbrauch schützt (§ 25 Abs. 2 Nr. 2 TDDDG).",
    )
    + heading("Feedback-Formular")
    + paragraph(
        "Was Sie in das Feedback-Formular eingeben, speichern wir und leiten es per E-Mail an "
        "die Redaktion weiter, um Ihr Anliegen zu bearbeiten (Art. 6 Abs. 1 lit. e DSGVO). "
        "Name und E-Mail-Adresse sind freiwillig. Die Nachrichten werden gelöscht, wenn das "
        "Anliegen erledigt ist, spätestens nach einem Jahr.",
    )
    + heading("Ihre Rechte")
    + paragraph(
        "Sie haben das Recht auf Auskunft, Berichtigung, Löschung und Einschränkung der "
        "Verarbeitung sowie das Recht, sich bei einer Datenschutz-Aufsichtsbehörde zu "
        "beschweren (Art. 15–18 und 77 DSGVO).",
    )
)

NON_ACCESSIBLE = (
    "<p>Die folgenden Inhalte sind nicht oder nur eingeschränkt barrierefrei:</p>"
    "<ul><li>Ältere Dokumentationen der Jahre 1999 bis 2006 liegen nur als PDF vor, die "
    "nicht vollständig barrierefrei gestaltet sind (fehlende Strukturierung). Grund: Die "
    "Dokumente wurden vor Inkrafttreten der BITV 2.0 erstellt; eine Überarbeitung wäre eine "
    "unverhältnismäßige Belastung. Auf Anfrage stellen wir die Inhalte in einer "
    "zugänglichen Form bereit.</li>"
    "<li>Das Gebärdensprachvideo dieser Demo ist ein Platzhalter ohne Gebärden.</li></ul>"
)

FORM_FIELDS = [
    {
        "label": "Ihre Nachricht",
        "field_type": "multiline",
        "required": True,
        "help_text": "Welche Inhalte oder Funktionen sind für Sie nicht zugänglich?",
    },
    {
        "label": "Adresse der betroffenen Seite",
        "field_type": "singleline",
        "required": False,
        "help_text": "Optional, z. B. aus der Adresszeile Ihres Browsers kopiert.",
    },
    {"label": "Ihr Name", "field_type": "singleline", "required": False, "help_text": ""},
    {
        "label": "Ihre E-Mail-Adresse",
        "field_type": "email",
        "required": False,
        "help_text": "Nur, wenn Sie eine Antwort wünschen.",
    },
]

EASY_LANGUAGE_BODY = (
    heading("Was ist E&C?")
    + paragraph(
        "E&C ist eine Abkürzung.<br>Sie bedeutet: Entwicklung und Chancen.",
        "E&C war ein Programm von der Bundes-Regierung.<br>Das Programm gab es von 1999 bis 2006.",
        "Das Programm war für junge Menschen.<br>Die jungen Menschen wohnen in Stadt-Teilen "
        "mit vielen Problemen.<br>Zum Beispiel: Viele Menschen haben keine Arbeit.",
    )
    + heading("Was finden Sie auf dieser Internet-Seite?")
    + paragraph(
        "Hier finden Sie Berichte über Treffen von Fach-Leuten.<br>Die Treffen heißen Konferenzen.",
        "Sie finden hier auch eine Liste mit den Stadt-Teilen.<br>In diesen Stadt-Teilen "
        "hat E&C gearbeitet.",
    )
    + heading("Wie können Sie die Internet-Seite benutzen?")
    + paragraph(
        "Oben auf jeder Seite ist das Menü.<br>Dort finden Sie alle Bereiche.",
        "Sie suchen etwas?<br>Dann schreiben Sie ein Wort in das Such-Feld.",
    )
)

SIGN_LANGUAGE_BODY = heading("Informationen in Deutscher Gebärdensprache", "h3") + paragraph(
    "Auf dieser Website informiert die Regiestelle E&C über die Programmplattform "
    "„Entwicklung und Chancen junger Menschen in sozialen Brennpunkten“.",
    "Im Menü finden Sie die Ankündigungen und Rückblicke der Konferenzen, "
    "Veranstaltungstipps und die Listen der E&C-Gebiete. Über das Suchfeld oben auf "
    "jeder Seite finden Sie alle Inhalte.",
    "Die Erklärung zur Barrierefreiheit enthält ein Formular, über das Sie uns Barrieren "
    "melden können.",
)


def _ensure_poster(collection):
    Image = get_image_model()
    poster = Image.objects.filter(title=POSTER_TITLE).first()
    if poster is None:
        file = ImageFile(io.BytesIO(POSTER_PATH.read_bytes()), name=POSTER_PATH.name)
        poster = Image.objects.create(title=POSTER_TITLE, collection=collection, file=file)
    return poster


def _ensure_video():
    """The demo's placeholder video (WebM, captions, poster; see demo_video.py). A
    placeholder left by an older demo (a Motion-JPEG AVI that browsers cannot play) gets
    the WebM as its new file; a video an editor uploaded instead is left alone."""
    from documents.demo import ensure_collection

    Document = get_document_model()
    collection = ensure_collection("Videos")
    document = Document.objects.filter(title=VIDEO_TITLE, collection=collection).first()
    if document is not None and document.is_video:
        return document
    if document is None:
        document = Document(title=VIDEO_TITLE, collection=collection)
    elif document.file:
        document.file.delete(save=False)
    document.file.save(VIDEO_PATH.name, ContentFile(VIDEO_PATH.read_bytes()), save=False)
    document.captions.save(CAPTIONS_PATH.name, ContentFile(CAPTIONS_PATH.read_bytes()), save=False)
    document.poster = _ensure_poster(collection)
    document.description = "Platzhalter: ein Standbild mit Untertiteln, kein Gebärdensprachvideo."
    document._set_document_file_metadata()
    document.save()
    return document


def _ensure_imprint_settings(site):
    imprint, _ = ImprintSettings.objects.get_or_create(site=site, defaults=IMPRINT)
    return imprint


def build(stdout):
    home = start_page()
    site = Site.objects.get(is_default_site=True)
    _ensure_imprint_settings(site)
    created = 0

    imprint, was_created = ensure_page(home, ImprintPage, "impressum", title="Impressum")
    created += was_created
    privacy, was_created = ensure_page(
        home,
        PrivacyPage,
        "datenschutz",
        title="Datenschutzerklärung",
        statement_date=datetime.date(2026, 1, 1),
        body=PRIVACY_BODY,
    )
    created += was_created

    accessibility = home.get_children().filter(slug="barrierefreiheit").first()
    if accessibility is None:
        accessibility = AccessibilityStatementPage(
            slug="barrierefreiheit",
            title="Erklärung zur Barrierefreiheit",
            compliance_status=ComplianceStatus.PARTIAL,
            non_accessible_content=NON_ACCESSIBLE,
            created_on=datetime.date(2026, 1, 1),
            reviewed_on=datetime.date(2026, 1, 1),
            assessment_method="Selbstbewertung der Regiestelle E&C mit automatischen "
            "Prüfungen (axe-core) und Tests mit der Tastatur",
            feedback_intro="<p>Sind Ihnen Mängel beim barrierefreien Zugang zu Inhalten "
            "dieser Website aufgefallen? Dann schreiben Sie uns über dieses Formular. Die "
            "Redaktion antwortet in der Regel innerhalb von zwei Wochen.</p>",
            contact_details="<p>Sie erreichen die Redaktion auch per E-Mail an "
            '<a href="mailto:regiestelle@example.org">regiestelle@example.org</a>.</p>',
            subject="Feedback zur Barrierefreiheit der E&C-Website",
        )
        for order, spec in enumerate(FORM_FIELDS):
            accessibility.form_fields.add(FeedbackFormField(sort_order=order, **spec))
        home.add_child(instance=accessibility)
        accessibility.save_revision().publish()
        created += 1

    easy, was_created = ensure_page(
        home,
        EasyLanguagePage,
        "leichte-sprache",
        title="Leichte Sprache",
        intro="Hier erklären wir die Internet-Seite von E&C in Leichter Sprache.",
        body=EASY_LANGUAGE_BODY,
    )
    created += was_created
    video = _ensure_video()
    if not home.get_children().filter(slug="gebaerdensprache").exists():
        ensure_page(
            home,
            SignLanguagePage,
            "gebaerdensprache",
            title="Gebärdensprache",
            intro="Informationen zu dieser Website in Deutscher Gebärdensprache (DGS).",
            video=video,
            body=SIGN_LANGUAGE_BODY,
        )
        created += 1

    footer, _ = FooterSettings.objects.get_or_create(site=site)
    changed = False
    for attr, page in (
        ("imprint_page", imprint),
        ("privacy_page", privacy),
        ("accessibility_page", accessibility),
        ("contact_page", imprint),
    ):
        if getattr(footer, f"{attr}_id") is None:
            setattr(footer, attr, page)
            changed = True
    if changed:
        footer.save()
    stdout.write(f"Rechtliche Seiten und Barrierefreiheit: {created} Seiten angelegt.")
