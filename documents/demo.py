"""Demo documents and collections, used by ``manage.py load_demo_content``.

Idempotent: collections are found by name under their parent, documents by title in
their collection; what exists is left as it is."""

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Collection

from .demo_pdf import build_pdf
from .tasks import finish_pending

DOCUMENTATION = "Dokumentationen"
PROGRAMME_TEXTS = "Programmtexte"
NEWSLETTER_ARCHIVE = "Newsletter-Archiv"


def ensure_collection(*names):
    """The collection at the path ``names`` below the root, created where missing."""
    collection = Collection.get_first_root_node()
    for name in names:
        child = collection.get_children().filter(name=name).first()
        if child is None:
            child = collection.add_child(name=name)
        collection = child
    return collection


def documentation_collection(year):
    return ensure_collection(DOCUMENTATION, str(year))


def ensure_document(title, collection, filename, sections, subject="", **fields):
    """A PDF document with ``title`` in ``collection``, generated if missing; ``fields``
    are further model fields (``year``, ``description``, ``publisher``, ...).

    Returns ``(document, created)``."""
    Document = get_document_model()
    existing = Document.objects.filter(title=title, collection=collection).first()
    if existing is not None:
        return existing, False
    document = Document(title=title, collection=collection, **fields)
    document.file.save(
        filename, ContentFile(build_pdf(title, sections, subject=subject)), save=False
    )
    # The same metadata code path as an upload in the admin (size, hash, pages, text);
    # the text is read here, not left to a worker, so the demo's search finds it at once.
    document._set_document_file_metadata()
    document.save()
    finish_pending(document)
    return document, True


PUBLISHER = "Regiestelle E&C der Stiftung SPI"
YEARS = (2004, 2005, 2006)

# (collection path, title, file name, year, description, sections)
DOCUMENTS = [
    (
        (DOCUMENTATION, "2004"),
        "Dokumentation: Fachforum „Jugendhilfe und Schule im Stadtteil“",
        "fachforum-jugendhilfe-schule-2004.pdf",
        2004,
        "Vorträge und Ergebnisse der Arbeitsgruppen des Fachforums zur Zusammenarbeit von "
        "Jugendhilfe und Schule in den E&C-Gebieten.",
        [
            ("Einführung", ["Schule und Jugendhilfe teilen sich im Stadtteil dieselben Kinder."]),
            ("Arbeitsgruppen", ["Schulsozialarbeit, Ganztagsangebote und Elternarbeit."]),
            ("Ergebnisse", ["Kooperationsvereinbarungen sichern die Zusammenarbeit ab."]),
        ],
    ),
    (
        (DOCUMENTATION, "2005"),
        "Dokumentation: Fachforum „Gesundheitsförderung im Quartier“",
        "fachforum-gesundheitsfoerderung-2005.pdf",
        2005,
        "Wie Kitas, Schulen und Jugendhilfe die Gesundheit von Kindern in benachteiligten "
        "Stadtteilen fördern können.",
        [
            ("Ausgangslage", ["Kinder aus armen Familien sind häufiger krank."]),
            ("Praxisbeispiele", ["Bewegte Kita, gesundes Frühstück, Stadtteilmütter."]),
        ],
    ),
    (
        (DOCUMENTATION, "2006"),
        "Dokumentation: Werkstattgespräch „Lokale Aktionspläne“",
        "werkstattgespraech-lokale-aktionsplaene-2006.pdf",
        2006,
        "Erfahrungen aus den Lokalen Aktionsplänen der LOS-Gebiete.",
        [("Werkstattbericht", ["Lokale Aktionspläne bündeln Mikroprojekte im Gebiet."])],
    ),
    (
        (PROGRAMME_TEXTS,),
        "Programmtext: Rahmenkonzept der Programmplattform E&C",
        "rahmenkonzept-programmplattform-ec.pdf",
        2000,
        "Ziele, Zielgruppen und Bausteine der Programmplattform.",
        [
            ("Ziele", ["Bessere Chancen für junge Menschen in sozialen Brennpunkten."]),
            ("Bausteine", ["Konferenzen, Fachforen, Modellprogramme, Netzwerke."]),
        ],
    ),
    (
        (PROGRAMME_TEXTS,),
        "Programmtext: Lokales Kapital für soziale Zwecke (LOS)",
        "programmtext-los.pdf",
        2003,
        "Das ESF-Programm LOS fördert Mikroprojekte in den Gebieten der Sozialen Stadt.",
        [("Förderung", ["Bis zu 10.000 Euro für ein Mikroprojekt."])],
    ),
]
NEWSLETTERS = [(1, 2005), (2, 2005), (1, 2006)]

LIST_PAGES = [
    (
        "dokumentationen",
        "Dokumentationen",
        DOCUMENTATION,
        "Die Dokumentationen der Konferenzen, Fachforen und Werkstattgespräche, "
        "nach Jahren geordnet.",
    ),
    (
        "programmtexte",
        "Programmtexte",
        PROGRAMME_TEXTS,
        "Die grundlegenden Texte der Programmplattform E&C und ihrer Bundesprogramme.",
    ),
    (
        "newsletter-archiv",
        "Newsletter-Archiv",
        NEWSLETTER_ARCHIVE,
        "Alle Ausgaben des E&C-Newsletters zum Nachlesen.",
    ),
]


def build(stdout):
    from home.demo import ensure_page, start_page

    from .models import DocumentListPage

    for name in (PROGRAMME_TEXTS, NEWSLETTER_ARCHIVE):
        ensure_collection(name)
    for year in YEARS:
        documentation_collection(year)

    created = 0
    for path, title, filename, year, description, sections in DOCUMENTS:
        _document, was_created = ensure_document(
            title,
            ensure_collection(*path),
            filename,
            sections,
            year=year,
            description=description,
            publisher=PUBLISHER,
        )
        created += was_created
    for number, year in NEWSLETTERS:
        _document, was_created = ensure_document(
            f"E&C-Newsletter {number}/{year}",
            ensure_collection(NEWSLETTER_ARCHIVE),
            f"ec-newsletter-{year}-{number}.pdf",
            [
                ("Aus der Regiestelle", ["Termine der nächsten Konferenzen und Fachforen."]),
                ("Aus den Gebieten", ["Neues aus den E&C-Gebieten und den LOS-Projekten."]),
            ],
            year=year,
            publisher=PUBLISHER,
        )
        created += was_created

    basisinfo = start_page().get_children().filter(slug="basisinfo").first()
    parent = basisinfo.specific if basisinfo is not None else start_page()
    for slug, title, collection_name, intro in LIST_PAGES:
        _page, was_created = ensure_page(
            parent,
            DocumentListPage,
            slug,
            title=title,
            intro=intro,
            collection=ensure_collection(collection_name),
            show_in_menus=True,
        )
        created += was_created
    stdout.write(f"Dokumente: Sammlungen sind angelegt, {created} Dokumente und Seiten neu.")
