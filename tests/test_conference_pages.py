"""The conference page types: rendering, tree rules, editing, preview in both lives,
validation and the switch from announcement to retrospective as the date passes."""

from datetime import date

import time_machine
from django.core.exceptions import ValidationError
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from conference.models import (
    AnnouncementIndexPage,
    EventFolderPage,
    EventKind,
    EventPage,
    EventTipIndexPage,
    EventTipPage,
    ParticipantsQualifier,
    RetrospectiveIndexPage,
)
from home.models import HomePage
from tests.factories.conference import (
    AnnouncementIndexPageFactory,
    EventDocumentFactory,
    EventFolderPageFactory,
    EventPageFactory,
    EventTipIndexPageFactory,
    EventTipPageFactory,
    RetrospectiveIndexPageFactory,
)
from tests.mixins import PageTypeChecks

# The clock of these tests: 1 May 2006, so the factory event (26/27 April 2006) is past.
AFTER = "2006-05-01 12:00 +02:00"


class IndexPageChecks(PageTypeChecks):
    allowed_parents = {HomePage}
    expected_texts = ("Kein",)

    def test_only_one_per_site(self):
        self.assertFalse(self.page_model.can_create_at(HomePage.objects.get()))


class EventFolderPageTests(PageTypeChecks, WagtailPageTestCase):
    page_model = EventFolderPage
    allowed_parents = {HomePage}
    allowed_children = {EventPage}
    expected_texts = ("E&amp;C Rückblick",)

    def make_page(self):
        RetrospectiveIndexPageFactory()
        return EventFolderPageFactory()


class AnnouncementIndexPageTests(IndexPageChecks, WagtailPageTestCase):
    page_model = AnnouncementIndexPage
    allowed_children = set()
    expected_texts = ("Zurzeit sind keine Veranstaltungen angekündigt.",)

    def make_page(self):
        return AnnouncementIndexPageFactory()


class RetrospectiveIndexPageTests(IndexPageChecks, WagtailPageTestCase):
    page_model = RetrospectiveIndexPage
    allowed_children = set()
    expected_texts = ("Keine Rückblicke",)

    def make_page(self):
        return RetrospectiveIndexPageFactory()


class EventTipIndexPageTests(IndexPageChecks, WagtailPageTestCase):
    page_model = EventTipIndexPage
    allowed_children = {EventTipPage}
    expected_texts = ("Zurzeit gibt es keine Veranstaltungstipps.",)

    def make_page(self):
        return EventTipIndexPageFactory()


class EventTipPageTests(PageTypeChecks, WagtailPageTestCase):
    page_model = EventTipPage
    allowed_parents = {EventTipIndexPage}
    allowed_children = set()
    expected_texts = ("1. Juni 2006 in München", "Deutsches Jugendinstitut")

    def make_page(self):
        return EventTipPageFactory()

    def form_data(self):
        data = super().form_data()
        data.update(
            organiser=self.page.organiser,
            start_date="2006-06-01",
            city=self.page.city,
            summary=self.page.summary,
        )
        return data

    def test_type_label(self):
        self.assertEqual(self.page.get_type_label(), "Veranstaltungstipp")

    @time_machine.travel("2006-06-02 09:00 +02:00", tick=False)
    def test_past_tip_says_so(self):
        response = self.client.get(self.page.url)
        self.assertContains(response, "Diese Veranstaltung hat bereits stattgefunden.")


def event_form_data(page, **overrides):
    data = {
        "title": page.title,
        "slug": page.slug,
        "event_kind": page.event_kind,
        "target_group": page.target_group,
        "motto": page.motto,
        "start_date": page.start_date.isoformat(),
        "end_date": page.end_date.isoformat() if page.end_date else "",
        "city": page.city,
        "organiser": page.organiser,
        "participants_qualifier": "",
        "summary": page.summary,
        "announcement": rich_text(page.announcement),
        "report": streamfield([("paragraph", rich_text("<p>Der Bericht.</p>"))]),
        "documentation": inline_formset([]),
        "area_links": inline_formset([]),
    }
    data.update(overrides)
    return nested_form_data(data)


@time_machine.travel(AFTER, tick=False)
class EventPageTests(PageTypeChecks, WagtailPageTestCase):
    page_model = EventPage
    allowed_parents = {EventFolderPage}
    allowed_children = set()
    expected_texts = (
        "26. und 27. April 2006 in Berlin",
        "Zielgruppenkonferenz der Quartiersmanager/innen: „Die Soziale Stadt für Kinder und "
        "Jugendliche“",
        "Der Bericht über die Veranstaltung.",
    )

    def make_page(self):
        AnnouncementIndexPageFactory()
        RetrospectiveIndexPageFactory()
        return EventPageFactory(participants=120, participants_qualifier="über")

    def form_data(self):
        return event_form_data(self.page)

    def test_retrospective_life(self):
        response = self.client.get(self.page.url)
        self.assertContains(response, '<p class="event-life">Rückblick</p>', html=True)
        self.assertContains(response, "zur Übersicht Rückblick")
        self.assertContains(response, "über 120")
        self.assertNotContains(response, "Das Programm der Veranstaltung.")
        self.assertNotContains(response, "Anmeldung")
        self.assertEqual(self.page.get_type_label(), "Rückblick")

    def test_preview_modes_show_both_lives(self):
        user = self.login()
        modes = dict(self.page.preview_modes)
        self.assertEqual(set(modes), {"announcement", "retrospective"})
        self.assertEqual(self.page.default_preview_mode, "retrospective")
        for mode, shown, hidden in (
            ("announcement", "Das Programm der Veranstaltung.", "Der Bericht."),
            ("retrospective", "Der Bericht.", "Das Programm der Veranstaltung."),
        ):
            with self.subTest(mode=mode):
                self.assertPageIsPreviewable(self.page, mode=mode, post_data=self.form_data())
                # assertPageIsPreviewable checks the status; check the content as well.
                self.client.force_login(user)
                url = f"/admin/pages/{self.page.pk}/edit/preview/"
                self.client.post(url, data=self.form_data())
                response = self.client.get(url, {"mode": mode})
                self.assertContains(response, shown)
                self.assertNotContains(response, hidden)

    def test_german_validation_messages(self):
        cases = [
            ({"end_date": date(2006, 4, 25)}, "end_date", "Das Ende darf nicht vor dem Beginn"),
            (
                {"end_date": None, "start_time": "15:00", "end_time": "10:00"},
                "end_time",
                "Die Uhrzeit des Endes darf nicht vor der des Beginns liegen.",
            ),
            (
                {"participants": None, "participants_qualifier": ParticipantsQualifier.OVER},
                "participants_qualifier",
                "Bitte geben Sie auch die Anzahl an.",
            ),
            (
                {"registration_deadline": date(2006, 5, 1)},
                "registration_deadline",
                "Der Anmeldeschluss darf nicht nach dem Beginn",
            ),
        ]
        for changes, field, message in cases:
            with self.subTest(field=field):
                page = EventPage.objects.get(pk=self.page.pk)
                for name, value in changes.items():
                    setattr(page, name, value)
                with self.assertRaises(ValidationError) as raised:
                    page.full_clean()
                self.assertIn(field, raised.exception.message_dict)
                self.assertIn(message, " ".join(raised.exception.message_dict[field]))

    def test_editor_sees_german_error_for_end_before_start(self):
        self.login()
        response = self.client.post(
            f"/admin/pages/{self.page.pk}/edit/",
            event_form_data(self.page, end_date="2006-04-01"),
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Das Ende darf nicht vor dem Beginn liegen.")

    def test_json_ld(self):
        import json
        import re

        response = self.client.get(self.page.url)
        match = re.search(
            r'<script type="application/ld\+json">(.*?)</script>', response.content.decode()
        )
        data = json.loads(match.group(1))
        self.assertEqual(data["@type"], "Event")
        self.assertEqual(data["startDate"], "2006-04-26")
        self.assertEqual(data["endDate"], "2006-04-27")
        self.assertEqual(data["location"]["address"]["addressLocality"], "Berlin")
        self.assertEqual(data["organizer"]["name"], "Regiestelle E&C im Auftrag des BMFSFJ")

    def test_json_ld_cannot_break_out_of_the_script(self):
        self.page.summary = "</script><script>alert(1)</script>"
        self.page.save_revision().publish()
        response = self.client.get(self.page.url)
        self.assertNotContains(response, "<script>alert(1)")
        self.assertContains(response, "\\u003C/script\\u003E")


class EventLifeTests(WagtailPageTestCase):
    """The same page, at the same URL, before and after its last day (Europe/Berlin)."""

    def setUp(self):
        self.announcements = AnnouncementIndexPageFactory()
        self.retrospectives = RetrospectiveIndexPageFactory()
        self.event = EventPageFactory(title="Fachforum Gesunder Stadtteil", slug="fachforum")
        EventDocumentFactory(page=self.event, label="Dokumentation herunterladen")

    def assert_life(self, life, overview, shown, hidden):
        response = self.client.get("/veranstaltungen/fachforum/")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, f'<p class="event-life">{life}</p>', html=True)
        self.assertContains(response, f"zur Übersicht {overview}")
        for text in shown:
            self.assertContains(response, text)
        for text in hidden:
            self.assertNotContains(response, text)
        # Breadcrumbs and the main menu follow the life.
        self.assertContains(
            response,
            f'<li><a href="/{"ankuendigungen" if life == "Ankündigung" else "rueckblick"}/">',
        )
        listing = self.client.get(self.announcements.url)
        retro = self.client.get(self.retrospectives.url)
        listed, not_listed = (listing, retro) if life == "Ankündigung" else (retro, listing)
        self.assertContains(listed, "/veranstaltungen/fachforum/")
        self.assertNotContains(not_listed, "/veranstaltungen/fachforum/")

    def test_announcement_until_the_last_day_then_retrospective(self):
        announcement = ("Das Programm der Veranstaltung.", "Anmeldung", "Frau Muster")
        retrospective = ("Der Bericht über die Veranstaltung.", "Dokumentation herunterladen")
        # Before, on the first and on the last day (late evening in Berlin): announcement.
        for moment in (
            "2006-04-01 10:00 +02:00",
            "2006-04-26 08:00 +02:00",
            "2006-04-27 23:59 +02:00",
        ):
            with self.subTest(moment=moment), time_machine.travel(moment, tick=False):
                self.assert_life("Ankündigung", "Ankündigungen", announcement, retrospective)
        # The day after in Berlin (still the 27th in UTC): retrospective.
        with time_machine.travel("2006-04-28 00:30 +02:00", tick=False):
            self.assert_life("Rückblick", "Rückblick", retrospective, announcement)

    def test_main_menu_marks_the_listing_of_the_current_life(self):
        with time_machine.travel("2006-04-01 10:00 +02:00", tick=False):
            response = self.client.get("/veranstaltungen/fachforum/")
        self.assertContains(
            response, '<a href="/ankuendigungen/" class="is-active">E&amp;C Ankündigungen</a>'
        )
        with time_machine.travel(AFTER, tick=False):
            response = self.client.get("/veranstaltungen/fachforum/")
        self.assertContains(
            response, '<a href="/rueckblick/" class="is-active">E&amp;C Rückblick</a>'
        )


class HeadingTests(WagtailPageTestCase):
    def event(self, **fields):
        defaults = {"title": "Titel", "event_kind": EventKind.FORUM}
        return EventPage(**{**defaults, **fields})

    def test_headings(self):
        cases = [
            (
                {"event_kind": EventKind.TARGET_GROUP_CONFERENCE, "target_group": "Jugendämter"},
                "Zielgruppenkonferenz der Jugendämter",
            ),
            (
                {"motto": "Perspektive: Gesunder Stadtteil"},
                "Fachforum: „Perspektive: Gesunder Stadtteil“",
            ),
            ({}, "Titel"),
            ({"event_kind": EventKind.OTHER, "motto": "Motto"}, "Titel: „Motto“"),
        ]
        for fields, expected in cases:
            with self.subTest(fields=fields):
                self.assertEqual(self.event(**fields).heading, expected)

    def test_participants_text(self):
        self.assertEqual(
            self.event(participants=400, participants_qualifier="rund").participants_text,
            "rund 400",
        )
        self.assertEqual(self.event(participants=120).participants_text, "120")
        self.assertEqual(self.event().participants_text, "")
