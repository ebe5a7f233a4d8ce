"""Demo content for the start page and the sections (legal pages: ``legal/demo.py``).

Used by ``manage.py load_demo_content``. Everything here is idempotent: a page that
already exists (looked up by its slug under its parent) is left exactly as it is, so a
second run changes nothing and never overwrites what an editor has changed."""

from django.utils.html import escape
from wagtail.models import Site

from .models import FooterSettings, HomePage, PartnerLink, SectionPage


def paragraph(*texts):
    """Rich-text paragraphs from plain text (escaped, so "E&C" is stored as "E&amp;C")."""
    return [{"type": "paragraph", "value": "".join(f"<p>{escape(t)}</p>" for t in texts)}]


def heading(text, level="h2"):
    return [{"type": "heading", "value": {"text": text, "level": level}}]


def ensure_page(parent, page_class, slug, **fields):
    """The child of ``parent`` with ``slug``; created and published if missing.

    Returns ``(page, created)``."""
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific, False
    page = page_class(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page, True


def start_page():
    return HomePage.objects.get()


SECTIONS = [
    {
        "slug": "basisinfo",
        "title": "Basisinfo",
        "show_in_menus": True,
        "intro": "E&C – „Entwicklung und Chancen junger Menschen in sozialen Brennpunkten“ war "
        "eine Programmplattform des Bundesministeriums für Familie, Senioren, Frauen und Jugend "
        "(BMFSFJ).",
        "body": heading("Worum es ging")
        + paragraph(
            "Zwischen 1999 und 2006 bündelte E&C Maßnahmen der Kinder- und Jugendhilfe in "
            "Stadtteilen, in denen viele junge Menschen unter schwierigen Bedingungen aufwachsen: "
            "hohe Arbeitslosigkeit, Armut, beengtes Wohnen und wenige Angebote für Freizeit und "
            "Ausbildung.",
            "Die Plattform setzte dort an, wo das Bund-Länder-Programm „Stadtteile mit besonderem "
            "Entwicklungsbedarf – die Soziale Stadt“ baulich und städtebaulich investierte, und "
            "ergänzte es um die Perspektive von Kindern, Jugendlichen und ihren Familien.",
        )
        + heading("Wie E&C arbeitete")
        + paragraph(
            "E&C verstand sich nicht als eigenes Förderprogramm, sondern als Plattform: Sie "
            "verknüpfte Bundesprogramme, Träger, Jugendämter und Quartiersmanagements, machte "
            "gelungene Praxis bekannt und brachte die Fachleute aus den Gebieten in Konferenzen, "
            "Fachforen und Werkstattgesprächen zusammen.",
            "Eng verbunden waren die Programme „Lokales Kapital für soziale Zwecke“ (LOS) und "
            "„Kompetenz und Qualifikation für junge Menschen in sozialen Brennpunkten“ (KuQ).",
        ),
        "children": [
            {
                "slug": "regiestelle",
                "title": "Regiestelle",
                "show_in_menus": True,
                "intro": "Die Regiestelle E&C koordinierte die Programmplattform im Auftrag des "
                "BMFSFJ. Sie war bei der Stiftung SPI (Sozialpädagogisches Institut Berlin) "
                "angesiedelt.",
                "body": heading("Aufgaben")
                + paragraph(
                    "Die Regiestelle bereitete die bundesweiten Konferenzen und Fachforen vor, "
                    "dokumentierte ihre Ergebnisse und stellte sie allen Interessierten zur "
                    "Verfügung. Sie beriet Kommunen und Träger in den E&C-Gebieten, vermittelte "
                    "Kontakte zwischen Praxis, Verwaltung und Wissenschaft und gab den "
                    "E&C-Newsletter heraus.",
                    "Die wissenschaftliche Begleitung lag beim Deutschen Jugendinstitut (DJI); "
                    "das Deutsche Institut für Urbanistik (Difu) brachte die Erfahrungen aus der "
                    "Sozialen Stadt ein.",
                ),
            },
            {
                "slug": "programm",
                "title": "Programm",
                "show_in_menus": True,
                "intro": "Das Programm E&C verband die Jugendhilfe mit der Stadtteilentwicklung.",
                "body": heading("Ziele")
                + paragraph(
                    "Junge Menschen in benachteiligten Stadtteilen und strukturschwachen "
                    "ländlichen Regionen sollten bessere Chancen auf Bildung, Ausbildung und "
                    "Beteiligung bekommen. Dazu sollten die vorhandenen Angebote vor Ort "
                    "sozialräumlich ausgerichtet, vernetzt und für die Bewohnerinnen und "
                    "Bewohner leichter zugänglich werden.",
                )
                + heading("Bausteine")
                + paragraph(
                    "Zu E&C gehörten unter anderem die Bundesprogramme LOS und KuQ, "
                    "Freiwilligendienste in sozialen Brennpunkten, Modellprojekte zur "
                    "Beschäftigungsförderung junger Menschen sowie die bundesweiten "
                    "Zielgruppenkonferenzen für Quartiersmanager/innen, Jugendämter und "
                    "Träger.",
                ),
            },
        ],
    },
]

PARTNERS = [
    ("Stiftung SPI", "https://www.stiftung-spi.de/", "Sozialpädagogisches Institut Berlin"),
    ("DJI", "https://www.dji.de/", "Deutsches Jugendinstitut"),
    ("Soziale Stadt", "https://www.staedtebaufoerderung.info/", "Bund-Länder-Programm"),
    (
        "BMFSFJ",
        "https://www.bmfsfj.de/",
        "Bundesministerium für Familie, Senioren, Frauen und Jugend",
    ),
    ("Difu", "https://difu.de/", "Deutsches Institut für Urbanistik"),
    ("ISA", "https://www.isa-muenster.de/", "Institut für soziale Arbeit"),
]
# The partners of demos before the Institut für soziale Arbeit joined them: such a footer
# gets it added; one that an editor changed is left alone.
EARLIER_DEMO_PARTNERS = [name for name, _url, _description in PARTNERS[:-1]]

RELATED_MATERIAL = {
    "programm": [
        {"type": "link", "value": {"label": "Die Regiestelle E&C", "page": None, "url": ""}},
        {
            "type": "link",
            "value": {
                "label": "Das Bund-Länder-Programm „Soziale Stadt“",
                "page": None,
                "url": "https://www.staedtebaufoerderung.info/",
            },
        },
    ],
}


def _ensure_tree(parent, specs, created):
    for spec in specs:
        spec = dict(spec)
        children = spec.pop("children", [])
        slug = spec.pop("slug")
        page, was_created = ensure_page(parent, SectionPage, slug, **spec)
        created += was_created
        created = _ensure_tree(page, children, created)
    return created


def _add_related_material(home):
    """The box „Weitere Informationen …“ on the Programm page, unless it has one."""
    basisinfo = home.get_children().filter(slug="basisinfo").first()
    programme = basisinfo and basisinfo.get_children().filter(slug="programm").first()
    regiestelle = basisinfo and basisinfo.get_children().filter(slug="regiestelle").first()
    if programme is None:
        return
    programme = programme.specific
    if programme.related_material or programme.has_unpublished_changes:
        return
    links = [dict(block, value=dict(block["value"])) for block in RELATED_MATERIAL["programm"]]
    links[0]["value"]["page"] = regiestelle.pk if regiestelle else None
    if links[0]["value"]["page"] is None:
        links = links[1:]
    programme.related_material = links
    programme.save_revision().publish()


def build(stdout):
    home = start_page()
    if not home.live or not home.intro:
        home.title = "Start"
        home.intro = (
            "<p>Willkommen auf der Website der Programmplattform <b>E&amp;C – Entwicklung und "
            "Chancen junger Menschen in sozialen Brennpunkten</b>. Von 1999 bis 2006 hat E&C im "
            "Auftrag des Bundesministeriums für Familie, Senioren, Frauen und Jugend die "
            "Kinder- und Jugendhilfe in den Stadtteilen der Sozialen Stadt gestärkt.</p>"
            "<p>Hier finden Sie die Ankündigungen und Rückblicke der E&amp;C-Konferenzen mit "
            "ihren Dokumentationen, Veranstaltungstipps und die Listen der E&C-Gebiete.</p>"
        )
        home.save_revision().publish()
    created = _ensure_tree(home, SECTIONS, 0)

    _add_related_material(home)

    site = Site.objects.get(is_default_site=True)
    footer, _ = FooterSettings.objects.get_or_create(site=site)
    names = list(footer.partner_links.order_by("sort_order").values_list("name", flat=True))
    if names == EARLIER_DEMO_PARTNERS:
        name, url, description = PARTNERS[-1]
        PartnerLink.objects.create(
            settings=footer, name=name, url=url, description=description, sort_order=len(names)
        )
    elif not names:
        for order, (name, url, description) in enumerate(PARTNERS):
            PartnerLink.objects.create(
                settings=footer, name=name, url=url, description=description, sort_order=order
            )
    stdout.write(f"Startseite und Rubriken: {created} Seiten angelegt.")
