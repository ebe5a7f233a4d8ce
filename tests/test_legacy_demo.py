"""The issue's „done when“ on the demo site: a seed-like retrospective under seiten/info/
with its PDF, imported with --publish, once; the old path answers 301 to the new page."""

import io
import tempfile
from datetime import date
from pathlib import Path

from django.core.management import call_command
from django.test import TestCase
from wagtail.documents import get_document_model

from conference.models import EventKind, EventPage, ParticipantsQualifier
from legacy.models import ImportedPage
from tests.factories.legacy import SEED_PAGE, seed_mirror


def command(*args):
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


class ImportOnTheDemoSiteTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        command("load_demo_content")

    def test_import_twice_and_follow_the_old_path(self):
        with tempfile.TemporaryDirectory() as folder:
            mirror = seed_mirror(Path(folder) / "spiegel")
            pages_before = set(EventPage.objects.values_list("pk", flat=True))
            documents_before = get_document_model().objects.count()

            output = command("import_legacy", str(mirror), "--publish")
            assert "1 angelegt" in output
            # the demo has the same conference typed in by hand: the report says so
            assert "gleichem Datum und gleicher Art" in output
            new = set(EventPage.objects.values_list("pk", flat=True)) - pages_before
            assert len(new) == 1
            page = EventPage.objects.get(pk=new.pop())
            assert page.live
            assert page.event_kind == EventKind.TARGET_GROUP_CONFERENCE
            assert page.target_group == "Quartiersmanager/innen"
            assert page.motto.endswith("Lokalem Aktionsplan in E&C-Gebieten")
            assert (page.start_date, page.end_date) == (date(2006, 4, 26), date(2006, 4, 27))
            assert page.city == "Berlin"
            assert (page.participants, page.participants_qualifier) == (
                120,
                ParticipantsQualifier.OVER,
            )
            report = str(page.report)
            for line in ("Basisinfo", "Stand:", "nach oben", "Suche nach", "Gebietslisten"):
                assert line not in report
            assert page.documentation.count() == 1
            assert get_document_model().objects.count() == documents_before + 1

            output = command("import_legacy", str(mirror), "--publish")
            assert "0 angelegt" in output and "1 unverändert" in output
            assert EventPage.objects.count() == len(pages_before) + 1

        response = self.client.get("/" + SEED_PAGE)
        assert response.status_code == 301
        assert response["Location"].endswith(page.url)
        assert self.client.get(response["Location"]).status_code == 200
        assert ImportedPage.objects.get().page_id == page.pk
