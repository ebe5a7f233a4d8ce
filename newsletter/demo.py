"""Demo content: the newsletter archive below the start page and one issue as a draft.
No subscribers. Idempotent like every demo module."""

import datetime

from home.demo import ensure_page, heading, paragraph, start_page

from .models import NewsletterIndexPage, NewsletterIssuePage

ISSUE_SLUG = "ausgabe-1-2027"


def _issue_body():
    from conference.models import EventPage

    body = heading("Aus der Regiestelle") + paragraph(
        "In dieser Ausgabe berichten wir über die nächsten Fachforen und stellen die "
        "Dokumentation der Zielgruppenkonferenz vor.",
    )
    event = EventPage.objects.live().order_by("-start_date").first()
    if event is not None:
        body += heading("Veranstaltungen") + [
            {"type": "event", "value": {"event": event.pk, "text": ""}}
        ]
    return body


def build(stdout):
    index, created = ensure_page(
        start_page(),
        NewsletterIndexPage,
        "newsletter",
        title="Newsletter",
        intro="Der E&C Newsletter versorgt Sie stets aktuell mit den neuesten Informationen. "
        "Hier finden Sie alle Ausgaben.",
    )
    if index.get_children().filter(slug=ISSUE_SLUG).exists():
        return
    issue = NewsletterIssuePage(
        title="E&C Newsletter 1/2027",
        slug=ISSUE_SLUG,
        issue_date=datetime.date.today(),
        intro="Neuigkeiten aus der Programmplattform E&C.",
        body=_issue_body(),
        live=False,
    )
    index.add_child(instance=issue)
    issue.save_revision()
    stdout.write("Newsletter: Archiv und eine Ausgabe (Entwurf) angelegt.")
