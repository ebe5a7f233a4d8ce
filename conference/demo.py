"""Demo content: the three event sections, the events folder with five retrospectives and
two announcements, and two event tips. Used by ``manage.py load_demo_content``.

Idempotent like the rest of the demo: existing pages are left as they are. The one
exception keeps the demo alive over time: a demo announcement or tip whose date has
passed is moved forward again, so Ankündigungen and Veranstaltungstipps never run empty."""

from datetime import date, time, timedelta

from django.utils import timezone

from documents.demo import PUBLISHER, documentation_collection, ensure_document
from home.demo import ensure_page, heading, paragraph, start_page

from .models import (
    AnnouncementIndexPage,
    EventDocument,
    EventFolderPage,
    EventKind,
    EventPage,
    EventTipIndexPage,
    EventTipPage,
    ParticipantsQualifier,
    RetrospectiveIndexPage,
)

# The sections in menu order; they go right before Gebietslisten.
SECTIONS = [
    (
        AnnouncementIndexPage,
        "ankuendigungen",
        "E&C Ankündigungen",
        "Konferenzen, Fachforen und Werkstattgespräche der Programmplattform E&C.",
    ),
    (
        RetrospectiveIndexPage,
        "rueckblick",
        "E&C Rückblick",
        "Berichte und Dokumentationen vergangener Veranstaltungen der Programmplattform.",
    ),
    (
        EventTipIndexPage,
        "veranstaltungstipps",
        "Veranstaltungstipps",
        "Veranstaltungen anderer Träger zu den Themen der Programmplattform.",
    ),
]
MENU_SUCCESSOR = "gebietslisten"

SEED_SUMMARY = (
    "Über 120 Quartiersmanager/innen und Vertreter/innen von Trägern und Einrichtungen der "
    "Kinder- und Jugendhilfe aus E&C-Gebieten im gesamten Bundesgebiet diskutierten am 26. und "
    "27. April 2006 über lokale Strategien, mit denen sie junge Menschen und ihre Familien in "
    "sozialen Brennpunkten fördern und gleichzeitig zu einer erfolgreichen Quartiersentwicklung "
    "beitragen."
)
SEED_REPORT = [
    "Eine kontinuierliche und ressortübergreifend abgestimmte Stadtteilarbeit, so die "
    "Erfahrungen aus der Programmplattform E&C, LOS und der Sozialen Stadt, ist eine wesentliche "
    "Voraussetzung, damit es in einem von Armut, hoher Arbeitslosigkeit und einem hohen Anteil "
    "von Bewohnern/innen und mit Migrationshintergrund geprägten Stadtbezirk gelingt, ein "
    "lebenswertes Klima zu schaffen.",
    "Bezogen auf die Förderung von Kindern und Jugendlichen geht es für das Quartiersmanagement "
    "insbesondere darum, vorhandene Ressourcen zu stärken, frühzeitige Unterstützungsangebote "
    "für Eltern und Kinder zu entwickeln sowie Kinder und Jugendliche bei biografischen "
    "Übergängen zu begleiten und zu unterstützen. Unter dem Motto „Freiräume entdecken, nutzen "
    "und integrierte Angebote entwickeln“ wurde die Zusammenarbeit von Mitarbeiter/innen aus "
    "Elternzentren, Kitas, Schulen, Jugendmigrationsdiensten, Jugendämtern und des "
    "Quartiersmanagements vorgestellt und aufgezeigt, wie z. B. bereits bestehende "
    "Angebote/Dienste für junge Migranten/innen zugänglich gemacht werden können.",
    "Am Beispiel von Kooperationen und gemeinsamer Projektentwicklung zwischen Jugendamt, "
    "Jobcenter, Agentur für Arbeit, Beschäftigungsträgern und Quartiersmanagement tauschten sich "
    "die Teilnehmer/innen darüber aus, wie neue Beschäftigungs- und Erwerbsmöglichkeiten im "
    "Stadtteil insbesondere für diejenigen geschaffen werden können, die nur schwer Zugang zu "
    "Ausbildung und Beschäftigung finden. Festgestellt wurde, dass eine verbindliche "
    "Zusammenarbeit der beteiligten Akteure eine wichtige Grundlage dafür ist, dass Jugendliche "
    "beim Übergang von der Schule in Qualifizierung und Ausbildung individuell und passgenau "
    "vermittelt werden können.",
    "Die Zukunftschancen von Kindern, Jugendlichen und deren Familien in sozialen Brennpunkten "
    "zu verbessern, gelingt nicht innerhalb der einzelnen Hilfesysteme, sondern muss ämter- und "
    "trägerübergreifend organisiert werden. Nur eine auf den Sozialraum angepasste "
    "Projektentwicklung, die die Einbeziehung und Kooperation der lokalen Akteure, "
    "Einrichtungen/Dienste und der Bewohner/innen gewährleistet sowie die Aktivierung von "
    "materiellen und sozialen Ressourcen beinhaltet, führt zum Aufbau von tragfähigen "
    "Netzwerken. Und nur so, lautet ein Fazit aus den Diskussionen, kann eine langfristige "
    "Quartiersentwicklung gesichert werden.",
    "Die Dokumentation der Konferenz kann heruntergeladen werden.",
]

RETROSPECTIVES = [
    {
        "slug": "zielgruppenkonferenz-quartiersmanagement-2006",
        "title": "Zielgruppenkonferenz der Quartiersmanager/innen 2006",
        "event_kind": EventKind.TARGET_GROUP_CONFERENCE,
        "target_group": "Quartiersmanager/innen",
        "motto": "Die Soziale Stadt für Kinder und Jugendliche – Perspektiven von "
        "Quartiersentwicklung und Lokalem Aktionsplan in E&C-Gebieten",
        "start_date": date(2006, 4, 26),
        "end_date": date(2006, 4, 27),
        "city": "Berlin",
        "participants": 120,
        "participants_qualifier": ParticipantsQualifier.OVER,
        "summary": SEED_SUMMARY,
        "report": paragraph(*SEED_REPORT),
        "documentation": [
            (
                "Dokumentation herunterladen",
                "Dokumentation der Zielgruppenkonferenz der Quartiersmanager/innen 2006",
                "ec-dokumentation-zielgruppenkonferenz-quartiersmanagement-2006.pdf",
                [
                    ("Einführung", [SEED_SUMMARY, SEED_REPORT[0]]),
                    (
                        "Freiräume entdecken, nutzen und integrierte Angebote entwickeln",
                        [SEED_REPORT[1]],
                    ),
                    ("Beschäftigung im Stadtteil", [SEED_REPORT[2]]),
                    ("Fazit", [SEED_REPORT[3]]),
                ],
            ),
        ],
    },
    {
        "slug": "zielgruppenkonferenz-staedte-und-gemeinden-2006",
        "title": "Zielgruppenkonferenz der Städte und Gemeinden 2006",
        "event_kind": EventKind.TARGET_GROUP_CONFERENCE,
        "target_group": "Vertreter/innen von Städten und Gemeinden aus E&C-Gebieten",
        "start_date": date(2006, 5, 23),
        "end_date": date(2006, 5, 24),
        "city": "Berlin",
        "participants": 120,
        "summary": "120 Vertreterinnen und Vertreter von Städten und Gemeinden aus den "
        "E&C-Gebieten kamen im Mai 2006 in Berlin zusammen, um Bilanz zu ziehen: Was hat die "
        "Zusammenarbeit von Jugendhilfe und Stadtteilentwicklung vor Ort bewirkt, und wie geht "
        "es nach dem Ende der Programmplattform weiter?",
        "report": heading("Kommunale Verantwortung")
        + paragraph(
            "Im Mittelpunkt der Konferenz stand die Rolle der Kommunen. Sie sind es, die "
            "Jugendhilfe, Schule, Beschäftigungsförderung und Stadtentwicklung vor Ort "
            "zusammenführen können. Die Teilnehmenden berichteten, wie sie ämterübergreifende "
            "Steuerungsrunden eingerichtet und Budgets für die E&C-Gebiete gebündelt haben.",
            "Deutlich wurde, dass die Stadtteile dort am meisten profitiert haben, wo die "
            "Verwaltungsspitze die Arbeit in den Gebieten zur gemeinsamen Aufgabe erklärt hat.",
        )
        + heading("Verstetigung")
        + paragraph(
            "In Arbeitsgruppen ging es um die Frage, wie Netzwerke, Beteiligungsformen und "
            "Angebote erhalten bleiben können, wenn Fördermittel auslaufen. Genannt wurden "
            "verbindliche Kooperationsvereinbarungen, die Verankerung in der "
            "Jugendhilfeplanung und die Einbindung der Bewohnerinnen und Bewohner.",
        ),
        "documentation": [
            (
                "",
                "Dokumentation der Zielgruppenkonferenz der Städte und Gemeinden 2006",
                "ec-dokumentation-zielgruppenkonferenz-kommunen-2006.pdf",
                [
                    (
                        "Kommunale Verantwortung für benachteiligte Stadtteile",
                        [
                            "Die Kommunen tragen die Verantwortung dafür, dass Kinder und "
                            "Jugendliche in benachteiligten Stadtteilen gleiche Chancen erhalten. "
                            "Die Konferenz zeigte, wie Jugendämter, Schulverwaltung, "
                            "Sozialplanung und Stadtentwicklung ihre Arbeit in den E&C-Gebieten "
                            "abstimmen.",
                            "Mehrere Städte stellten ämterübergreifende Lenkungsgruppen vor, die "
                            "Bedarfe aus den Stadtteilen aufnehmen und Mittel aus verschiedenen "
                            "Programmen bündeln.",
                        ],
                    ),
                    (
                        "Netzwerke erhalten",
                        [
                            "Netzwerke im Stadtteil leben von Menschen, die sich kennen und "
                            "einander vertrauen. Damit sie das Ende einer Förderung überdauern, "
                            "brauchen sie eine feste Koordination und einen Ort in der "
                            "kommunalen Planung.",
                            "Die Arbeitsgruppen empfahlen, Kooperationsvereinbarungen "
                            "schriftlich zu fassen und regelmäßig gemeinsam auszuwerten.",
                        ],
                    ),
                    (
                        "Ausblick",
                        [
                            "Die Teilnehmenden waren sich einig, dass die sozialräumliche "
                            "Ausrichtung der Jugendhilfe auch nach E&C Leitlinie der "
                            "kommunalen Arbeit bleiben soll.",
                        ],
                    ),
                ],
            ),
        ],
    },
    {
        "slug": "bilanzkonferenz-2006",
        "title": "Bilanzkonferenz der Programmplattform E&C",
        "event_kind": EventKind.REVIEW_CONFERENCE,
        "start_date": date(2006, 9, 25),
        "end_date": date(2006, 9, 26),
        "city": "Leipzig",
        "participants": 400,
        "participants_qualifier": ParticipantsQualifier.ABOUT,
        "summary": "Rund 400 Fachleute aus Praxis, Verwaltung, Wissenschaft und Politik zogen "
        "im September 2006 in Leipzig Bilanz aus sieben Jahren Programmplattform E&C.",
        "report": heading("Sieben Jahre E&C")
        + paragraph(
            "Die Bilanzkonferenz blickte auf die Arbeit der Programmplattform seit 1999 zurück. "
            "Vorgestellt wurden Ergebnisse aus den E&C-Gebieten, aus den Bundesprogrammen LOS "
            "und KuQ sowie aus der wissenschaftlichen Begleitung.",
            "Viele Beiträge machten deutlich, dass sich der Blick der Kinder- und Jugendhilfe "
            "verändert hat: weg von einzelnen Maßnahmen, hin zum Sozialraum und zur Kooperation "
            "mit Schule, Arbeitsverwaltung und Stadtentwicklung.",
        )
        + heading("Was bleibt")
        + paragraph(
            "In Foren wurde diskutiert, welche Arbeitsweisen aus E&C in die Regelpraxis "
            "übernommen werden sollten: sozialräumliche Planung, Beteiligung junger Menschen und "
            "ihrer Familien und verbindliche Netzwerke im Stadtteil.",
        ),
        "documentation": [
            (
                "Dokumentation herunterladen",
                "Dokumentation der Bilanzkonferenz der Programmplattform E&C",
                "ec-dokumentation-bilanzkonferenz-2006.pdf",
                [
                    (
                        "Sieben Jahre Programmplattform",
                        [
                            "Von 1999 bis 2006 hat E&C Angebote der Kinder- und Jugendhilfe in "
                            "Stadtteilen mit besonderem Entwicklungsbedarf und in "
                            "strukturschwachen ländlichen Regionen gebündelt.",
                            "Die Bilanzkonferenz stellte dar, was in dieser Zeit erreicht "
                            "wurde und wo Aufgaben offen geblieben sind.",
                        ],
                    ),
                    (
                        "Ergebnisse aus den Gebieten",
                        [
                            "In vielen Gebieten sind Netzwerke aus Jugendhilfe, Schule, "
                            "Quartiersmanagement und Beschäftigungsträgern entstanden. Kleine "
                            "Projekte aus dem Programm LOS haben Bewohnerinnen und Bewohner "
                            "ermutigt, selbst aktiv zu werden.",
                        ],
                    ),
                    (
                        "Empfehlungen",
                        [
                            "Die Konferenz empfahl, die sozialräumliche Ausrichtung in der "
                            "Jugendhilfeplanung zu verankern und die Beteiligung junger "
                            "Menschen zum Regelfall zu machen.",
                        ],
                    ),
                ],
            ),
        ],
    },
    {
        "slug": "europaeische-fachkonferenz-2004",
        "title": "Europäische Fachkonferenz der Programmplattform E&C",
        "event_kind": EventKind.EUROPEAN_CONFERENCE,
        "start_date": date(2004, 11, 23),
        "end_date": date(2004, 11, 25),
        "city": "Berlin",
        "participants": 160,
        "participants_qualifier": ParticipantsQualifier.MORE_THAN,
        "summary": "Mehr als 160 Teilnehmende aus 18 Ländern tauschten sich im November 2004 "
        "in Berlin darüber aus, wie europäische Städte junge Menschen in benachteiligten "
        "Stadtteilen fördern.",
        "report": heading("Voneinander lernen")
        + paragraph(
            "Die Europäische Fachkonferenz brachte Fachleute aus 18 Ländern zusammen. Sie "
            "verglichen Ansätze, mit denen Städte in Europa auf die Ausgrenzung junger Menschen "
            "in benachteiligten Quartieren reagieren.",
            "Die Beispiele zeigten viele Gemeinsamkeiten: Überall geht es darum, Angebote im "
            "Stadtteil zu vernetzen, Schulen zu öffnen und junge Menschen an Entscheidungen zu "
            "beteiligen.",
        ),
        "documentation": [
            (
                "Dokumentation herunterladen",
                "Dokumentation der Europäischen Fachkonferenz 2004",
                "ec-dokumentation-europaeische-fachkonferenz-2004.pdf",
                [
                    (
                        "Junge Menschen in Europas Städten",
                        [
                            "In vielen europäischen Städten wachsen junge Menschen in "
                            "Stadtteilen auf, in denen Arbeitslosigkeit und Armut hoch sind. "
                            "Die Konferenz fragte, welche Antworten Jugendhilfe und "
                            "Stadtentwicklung in den beteiligten Ländern darauf geben.",
                        ],
                    ),
                    (
                        "Beispiele aus der Praxis",
                        [
                            "Vorgestellt wurden Projekte der Stadtteilarbeit, der "
                            "Berufsorientierung und der Beteiligung von Jugendlichen. Die "
                            "Teilnehmenden diskutierten, was sich übertragen lässt und was an "
                            "die Bedingungen vor Ort gebunden ist.",
                        ],
                    ),
                ],
            ),
        ],
    },
    {
        "slug": "fachforum-gesunder-stadtteil-2004",
        "title": "Fachforum Gesunder Stadtteil",
        "event_kind": EventKind.FORUM,
        "motto": "Perspektive: Gesunder Stadtteil",
        "start_date": date(2004, 1, 26),
        "end_date": date(2004, 1, 27),
        "city": "Berlin",
        "summary": "Das Fachforum fragte im Januar 2004, wie Gesundheitsförderung für Kinder "
        "und Jugendliche in benachteiligten Stadtteilen gelingen kann.",
        "report": heading("Gesundheit im Quartier")
        + paragraph(
            "Kinder und Jugendliche in sozialen Brennpunkten sind häufiger krank und werden "
            "seltener erreicht. Das Fachforum brachte Fachleute aus Gesundheitswesen, "
            "Jugendhilfe und Stadtteilarbeit zusammen, um Wege zu einer Gesundheitsförderung "
            "im Stadtteil zu finden.",
            "Diskutiert wurden Angebote in Kitas und Schulen, Bewegung und Ernährung sowie die "
            "Zusammenarbeit mit dem öffentlichen Gesundheitsdienst.",
        ),
        "documentation": [
            (
                "Dokumentation herunterladen",
                "Dokumentation des Fachforums Gesunder Stadtteil",
                "ec-dokumentation-fachforum-gesunder-stadtteil-2004.pdf",
                [
                    (
                        "Gesundheitsförderung im Stadtteil",
                        [
                            "Gesundheit hängt eng mit den Lebensbedingungen zusammen. Wer in "
                            "einem benachteiligten Stadtteil aufwächst, hat schlechtere "
                            "Chancen, gesund zu bleiben.",
                            "Das Fachforum stellte Ansätze vor, die dort ansetzen, wo Kinder und "
                            "Familien ihren Alltag verbringen: in Kitas, Schulen und "
                            "Nachbarschaftseinrichtungen.",
                        ],
                    ),
                    (
                        "Zusammenarbeit",
                        [
                            "Gesundheitsförderung braucht Partner: Jugendhilfe, Schule, "
                            "Gesundheitsamt, Sportvereine und Quartiersmanagement.",
                        ],
                    ),
                ],
            ),
            (
                "Programm des Fachforums",
                "Programm des Fachforums Gesunder Stadtteil",
                "ec-programm-fachforum-gesunder-stadtteil-2004.pdf",
                [
                    (
                        "Programm",
                        [
                            "Erster Tag: Begrüßung, Einführungsvortrag, Foren zu Kita, Schule "
                            "und Stadtteil.",
                            "Zweiter Tag: Berichte aus den Foren, Podiumsdiskussion, Ausblick.",
                        ],
                    ),
                ],
            ),
        ],
    },
]

# Upcoming events are dated relative to today: (days ahead, length in days).
ANNOUNCEMENTS = [
    {
        "slug": "fachtagung-uebergaenge-schule-beruf",
        "title": "Fachtagung Übergänge von der Schule in den Beruf",
        "event_kind": EventKind.SYMPOSIUM,
        "target_group": "Jugendberufshilfe",
        "motto": "Übergänge gestalten – Jugendliche zwischen Schule und Beruf begleiten",
        "schedule": (45, 2),
        "start_time": time(10, 0),
        "end_time": time(16, 30),
        "city": "Berlin",
        "venue": "Tagungszentrum im Stadtteil, Beispielstraße 10",
        "summary": "Die Fachtagung stellt Beispiele vor, wie Schule, Jugendhilfe und "
        "Arbeitsverwaltung Jugendliche im Stadtteil beim Übergang in Ausbildung begleiten.",
        "announcement": "<p>Die Fachtagung richtet sich an Fachkräfte der Jugendberufshilfe, "
        "der Schulsozialarbeit und der Arbeitsverwaltung. In Foren werden Kooperationen "
        "vorgestellt, die Jugendliche individuell und passgenau begleiten.</p>"
        "<ul><li>Erster Tag: Vorträge und Foren</li><li>Zweiter Tag: Austausch und Ausblick</li>"
        "</ul>",
        "registration_deadline_days": 30,
        "registration_contact": "Regiestelle E&C\nTelefon 030 000000-0\nanmeldung@example.org",
    },
    {
        "slug": "werkstattgespraech-elternarbeit-im-quartier",
        "title": "Werkstattgespräch Elternarbeit im Quartier",
        "event_kind": EventKind.WORKSHOP,
        "motto": "Eltern stärken – Elternarbeit im Quartier",
        "schedule": (90, 1),
        "start_time": time(13, 0),
        "end_time": time(17, 0),
        "city": "Leipzig",
        "summary": "Ein Werkstattgespräch für Fachkräfte aus Familienzentren, Kitas und "
        "Quartiersmanagement über Wege, Eltern im Stadtteil zu erreichen.",
        "announcement": "<p>Wie erreichen Familienzentren, Kitas und Quartiersmanagement "
        "Eltern, die bisher kaum Angebote nutzen? Im Werkstattgespräch berichten Fachkräfte aus "
        "der Praxis.</p>",
        "registration_deadline_days": 75,
        "registration_url": "https://example.org/anmeldung",
    },
]

TIPS = [
    {
        "slug": "fachtag-kinder-und-jugendhilfe-im-sozialraum",
        "title": "Fachtag Kinder- und Jugendhilfe im Sozialraum",
        "organiser": "Deutsches Jugendinstitut",
        "external_url": "https://www.dji.de/",
        "schedule": (30, 1),
        "city": "München",
        "summary": "Ein Fachtag über sozialräumliche Ansätze in der Kinder- und Jugendhilfe "
        "mit Berichten aus Forschung und Praxis.",
    },
    {
        "slug": "seminar-soziale-stadt-und-bildung",
        "title": "Seminar Soziale Stadt und Bildung",
        "organiser": "Deutsches Institut für Urbanistik",
        "external_url": "https://difu.de/",
        "schedule": (60, 2),
        "start_time": time(9, 30),
        "city": "Berlin",
        "summary": "Das Seminar fragt, wie Bildungseinrichtungen zur Entwicklung "
        "benachteiligter Stadtteile beitragen.",
    },
]


def _dates(schedule, today):
    days_ahead, length = schedule
    start = today + timedelta(days=days_ahead)
    return start, (start + timedelta(days=length - 1) if length > 1 else None)


def ensure_sections(home):
    """The three sections, placed in the main menu right before Gebietslisten."""
    successor = home.get_children().filter(slug=MENU_SUCCESSOR).first()
    pages = {}
    created = 0
    for page_class, slug, title, intro in SECTIONS:
        page, was_created = ensure_page(
            home, page_class, slug, title=title, intro=intro, show_in_menus=True
        )
        if was_created and successor is not None:
            page.move(successor, pos="left")
        pages[page_class] = page
        created += was_created
    return pages, created


def documentation_facts(event, year):
    """Year, publisher and description of a demo documentation PDF."""
    return {
        "year": year,
        "publisher": PUBLISHER,
        "description": f"Dokumentation der Veranstaltung „{event.heading}“, "
        f"{event.date_line}: Vorträge, Ergebnisse der Arbeitsgruppen und Materialien.",
    }


def ensure_documentation(event, specs, year):
    if event.documentation.exists():
        _complete_facts(event, year)
        return
    collection = documentation_collection(year)
    for order, (label, title, filename, sections) in enumerate(specs):
        document, _ = ensure_document(
            title,
            collection,
            filename,
            sections,
            subject=event.heading,
            **documentation_facts(event, year),
        )
        EventDocument.objects.create(page=event, document=document, label=label, sort_order=order)


def _complete_facts(event, year):
    """Documents of earlier demos got no year, publisher or description: fill them in
    where all three are still empty (an editor's entries are left alone)."""
    facts = documentation_facts(event, year)
    for item in event.documentation.select_related("document"):
        document = item.document
        if document.year is None and not document.publisher and not document.description:
            for name, value in facts.items():
                setattr(document, name, value)
            document.save(update_fields=list(facts))


def _keep_upcoming(page, schedule, today, **extra_dates):
    """Move a demo event whose date has passed forward again (see module docstring)."""
    if page.is_upcoming(today):
        return False
    page.start_date, page.end_date = _dates(schedule, today)
    for field, days in extra_dates.items():
        setattr(page, field, today + timedelta(days=days))
    page.save_revision().publish()
    return True


def build(stdout):
    home = start_page()
    today = timezone.localdate()
    sections, created = ensure_sections(home)
    folder, was_created = ensure_page(
        home,
        EventFolderPage,
        "veranstaltungen",
        title="Veranstaltungen",
        intro="Alle Veranstaltungen der Programmplattform E&C. Bevorstehende finden Sie unter "
        "E&C Ankündigungen, vergangene mit ihren Dokumentationen unter E&C Rückblick.",
        show_in_menus=False,
    )
    created += was_created

    for spec in RETROSPECTIVES:
        spec = dict(spec)
        documentation = spec.pop("documentation")
        event, was_created = ensure_page(folder, EventPage, spec.pop("slug"), **spec)
        created += was_created
        ensure_documentation(event, documentation, event.start_date.year)

    moved = 0
    for spec in ANNOUNCEMENTS:
        spec = dict(spec)
        schedule = spec.pop("schedule")
        deadline_days = spec.pop("registration_deadline_days")
        start, end = _dates(schedule, today)
        event, was_created = ensure_page(
            folder,
            EventPage,
            spec.pop("slug"),
            start_date=start,
            end_date=end,
            registration_deadline=today + timedelta(days=deadline_days),
            **spec,
        )
        created += was_created
        moved += _keep_upcoming(event, schedule, today, registration_deadline=deadline_days)

    tip_index = sections[EventTipIndexPage]
    for spec in TIPS:
        spec = dict(spec)
        schedule = spec.pop("schedule")
        start, end = _dates(schedule, today)
        tip, was_created = ensure_page(
            tip_index, EventTipPage, spec.pop("slug"), start_date=start, end_date=end, **spec
        )
        created += was_created
        moved += _keep_upcoming(tip, schedule, today)

    message = f"Veranstaltungen: {created} Seiten angelegt."
    if moved:
        message += f" {moved} Demo-Termine in die Zukunft verschoben."
    stdout.write(message)
