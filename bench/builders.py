"""Volume builders for the benchmark, one per content domain. Each returns the
(label, path) pairs of the pages it wants measured.

Pages are added live without revisions (as an import would), which keeps building
1,000 events within a minute; they are indexed for search as they are saved."""

import datetime
import random

from home.demo import ensure_page, heading, paragraph
from home.models import HomePage, SectionPage

TEXT = (
    "Die Programmplattform E&C bündelte Angebote der Kinder- und Jugendhilfe in Stadtteilen "
    "mit besonderem Entwicklungsbedarf. Quartiersmanagement, Jugendämter und Träger "
    "entwickelten gemeinsam Netzwerke für junge Menschen und ihre Familien. "
)


def build_sections(count):
    home = HomePage.objects.get()
    container, _ = ensure_page(
        home, SectionPage, "materialien", title="Materialien", show_in_menus=True
    )
    body = heading("Abschnitt") + paragraph(TEXT * 4) + heading("Ausblick") + paragraph(TEXT * 3)
    for n in range(count):
        container.add_child(
            instance=SectionPage(
                title=f"Materialseite {n}", slug=f"seite-{n}", body=body, intro=TEXT
            )
        )
    return [("Startseite", "/"), ("Rubrikseite", "/basisinfo/regiestelle/")]


def build_documents(count):
    from documents.demo import documentation_collection, ensure_document

    documents = []
    for n in range(count):
        year = 1999 + n % 8
        document, _ = ensure_document(
            f"Dokumentation Fachtagung {n}",
            documentation_collection(year),
            f"dokumentation-{n}.pdf",
            [("Einleitung", [TEXT * 3]), ("Ergebnisse", [TEXT * 4])],
            year=year,
        )
        documents.append(document)
    return documents


def build_events(count, documents):
    from conference.models import EventDocument, EventFolderPage, EventKind, EventPage

    folder = EventFolderPage.objects.get()
    kinds = [kind for kind, _ in EventKind.choices]
    today = datetime.date.today()
    rng = random.Random(1)
    for n in range(count):
        # 25 years: most in the past, some ahead so the announcements list is full.
        start = (
            today
            - datetime.timedelta(days=int(25 * 365 * (n / count)))
            + datetime.timedelta(days=60)
        )
        event = EventPage(
            title=f"Fachforum {n}",
            slug=f"fachforum-{n}",
            event_kind=kinds[n % len(kinds)],
            target_group="Quartiersmanager/innen",
            motto=f"Jugendhilfe im Quartier {n}",
            start_date=start,
            end_date=start + datetime.timedelta(days=1),
            city=rng.choice(["Berlin", "Leipzig", "Hamburg", "Köln", "München"]),
            summary=TEXT,
            report=paragraph(TEXT * 3),
        )
        folder.add_child(instance=event)
        EventDocument.objects.create(page=event, document=documents[n % len(documents)])
    first = EventPage.objects.past().order_by("-start_date").first()
    return [
        ("Rückblick", "/rueckblick/"),
        ("Ankündigungen", "/ankuendigungen/"),
        ("Veranstaltungsseite", first.url),
    ]


def build_areas(count):
    from areas.choices import Bundesland, Gebietsart, SozialeStadtStatus
    from areas.models import AreaIndexPage, AreaPage

    index = AreaIndexPage.objects.get()
    lands = [land for land, _ in Bundesland.choices]
    for n in range(count):
        land = lands[n % len(lands)]
        index.add_child(
            instance=AreaPage(
                title=f"Quartier {n}",
                slug=f"quartier-{n}",
                area_key=f"BENCH-{n:04d}",
                municipality=f"Stadt {n % 150}",
                district=f"Bezirk {n}",
                bundesland=land,
                kind=Gebietsart.SOZIALE_STADT,
                admission_year=1999 + n % 7,
                soziale_stadt_status=SozialeStadtStatus.AKTIV,
                los=bool(n % 2),
                kuq=bool(n % 3),
                description=TEXT,
            )
        )
    area = AreaPage.objects.filter(area_key="BENCH-0001").first()
    return [
        ("Gebietslisten", "/gebietslisten/"),
        ("Land-Seite", "/gebietslisten/berlin/"),
        ("Gebietsseite", area.url),
    ]


def build_all(scaled):
    urls = build_sections(scaled("sections"))
    documents = build_documents(scaled("documents"))
    urls += build_events(scaled("events"), documents)
    urls += build_areas(scaled("areas"))
    urls += [("Suche", "/suche/?q=Jugendhilfe"), ("PDF-Download", documents[0].url)]
    return urls
