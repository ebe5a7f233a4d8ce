"""The legal and accessibility pages (legal/): page types, the Impressum setting, the
feedback form of the Erklärung zur Barrierefreiheit, header links, the content checker."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.test import RequestFactory
from wagtail.admin.userbar import ContentCheckerItem, apply_userbar_hooks
from wagtail.contrib.forms.models import FormSubmission
from wagtail.documents import get_document_model
from wagtail.models import Page, Site
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from home.models import HomePage
from legal.forms import HONEYPOT_FIELD
from legal.models import (
    AccessibilityStatementPage,
    EasyLanguagePage,
    ImprintPage,
    PrivacyPage,
    SignLanguagePage,
)
from legal.wagtail_hooks import BITV_AXE_TAGS, BITVContentCheckerItem
from tests.factories.documents import DocumentFactory, VideoDocumentFactory, poster_image
from tests.factories.home import SectionPageFactory
from tests.factories.legal import (
    AccessibilityStatementPageFactory,
    EasyLanguagePageFactory,
    ImprintPageFactory,
    ImprintSettingsFactory,
    PrivacyPageFactory,
    SignLanguagePageFactory,
)
from tests.mixins import PageTypeChecks

LEGAL_PARENTS = {HomePage}


class ImprintPageTests(PageTypeChecks, WagtailPageTestCase):
    page_model = ImprintPage
    allowed_parents = LEGAL_PARENTS
    expected_texts = (
        "Stiftung Beispiel",
        "Musterweg 5",
        "Verantwortlich für den Inhalt nach § 18 Abs. 2 MStV",
        "Erika Mustermann",
        "mailto:redaktion@example.org",
    )

    def make_page(self):
        ImprintSettingsFactory()
        return ImprintPageFactory()

    def test_optional_vat_id_appears_only_when_set(self):
        response = self.client.get(self.page.url)
        self.assertNotContains(response, "Umsatzsteuer")
        settings = ImprintSettingsFactory()
        settings.vat_id = "DE123456789"
        settings.save()
        response = self.client.get(self.page.url)
        self.assertContains(response, "Umsatzsteuer-Identifikationsnummer nach § 27a UStG")
        self.assertContains(response, "DE123456789")

    def test_only_one_imprint(self):
        self.assertFalse(ImprintPage.can_create_at(HomePage.objects.get()))


class PrivacyPageTests(PageTypeChecks, WagtailPageTestCase):
    page_model = PrivacyPage
    allowed_parents = LEGAL_PARENTS
    expected_texts = ("Stand der Erklärung", "1. März 2026", "Wir setzen keine Cookies.")

    def make_page(self):
        return PrivacyPageFactory()

    def form_data(self):
        data = super().form_data()
        data["statement_date"] = "2026-03-01"
        return data


class AccessibilityStatementPageTests(PageTypeChecks, WagtailPageTestCase):
    page_model = AccessibilityStatementPage
    allowed_parents = LEGAL_PARENTS
    expected_texts = (
        "Stand der Vereinbarkeit",
        "teilweise vereinbar",
        "Nicht barrierefreie Inhalte",
        "Alte PDF-Dokumente sind nicht barrierefrei.",
        "Erstellt am",
        "15. Januar 2026",
        "Schlichtungsstelle nach § 16 Behindertengleichstellungsgesetz",
        'href="https://www.schlichtungsstelle-bgg.de/"',
        "Zum Feedback-Formular",
    )

    def make_page(self):
        return AccessibilityStatementPageFactory()

    def form_data(self):
        fields = [
            {
                "label": field.label,
                "field_type": field.field_type,
                "required": "on" if field.required else "",
                "choices": "",
                "default_value": "",
                "help_text": "",
                "id": field.pk,
            }
            for field in self.page.form_fields.all()
        ]
        return nested_form_data(
            {
                "title": self.page.title,
                "slug": self.page.slug,
                "compliance_status": "teilweise",
                "non_accessible_content": rich_text("<p>Alte PDF-Dokumente.</p>"),
                "created_on": "2026-01-15",
                "reviewed_on": "",
                "assessment_method": "Selbstbewertung",
                "body": streamfield([]),
                "feedback_intro": rich_text(""),
                "contact_details": rich_text(""),
                "thank_you_text": rich_text(""),
                "form_fields": inline_formset(fields, initial=len(fields)),
                "to_address": "",
                "from_address": "",
                "subject": "Feedback",
            }
        )


class EasyLanguagePageTests(PageTypeChecks, WagtailPageTestCase):
    page_model = EasyLanguagePage
    allowed_parents = LEGAL_PARENTS
    expected_texts = ("Hier erklären wir die Seite in Leichter Sprache.",)

    def make_page(self):
        return EasyLanguagePageFactory()


class SignLanguagePageTests(PageTypeChecks, WagtailPageTestCase):
    page_model = SignLanguagePage
    allowed_parents = LEGAL_PARENTS

    def make_page(self):
        return SignLanguagePageFactory(video=VideoDocumentFactory(title="DGS-Video"))

    def test_player_with_captions_and_no_autoplay(self):
        html = BeautifulSoup(self.client.get(self.page.url).content, "html.parser")
        video = html.select_one("main video")
        assert video.has_attr("controls")
        assert not video.has_attr("autoplay")
        assert video["preload"] == "metadata"
        assert video["aria-label"] == "Video: DGS-Video"
        assert (video["width"], video["height"]) == ("640", "360")
        source = video.select_one("source")
        assert source["src"] == self.page.video.url
        assert source["type"] == "video/webm"
        track = video.select_one("track")
        assert track.attrs == {
            "kind": "captions",
            "srclang": "de",
            "label": "Deutsch",
            "src": f"/dokumente/{self.page.video.pk}/untertitel/",
        }
        caption = html.select_one("main figure figcaption").get_text(" ", strip=True)
        assert caption == "DGS-Video (Laufzeit: 0:04 Minuten, mit Untertiteln)"
        link = html.find("a", class_="download__link")
        assert link.get_text(" ", strip=True).startswith("Video herunterladen")
        assert "(WEBM, 11,0\xa0KB, Laufzeit 0:04 Minuten)" in link.get_text()

    def test_poster_comes_from_the_video_document(self):
        poster = poster_image()
        self.page.video.poster = poster
        self.page.video.save()
        video = BeautifulSoup(self.client.get(self.page.url).content, "html.parser").select_one(
            "main video"
        )
        assert video["poster"].startswith("/media/images/")

    def test_video_without_captions_has_no_track(self):
        self.page.video.captions = ""
        self.page.video.save()
        response = self.client.get(self.page.url)
        self.assertNotContains(response, "<track")
        self.assertContains(response, "(Laufzeit: 0:04 Minuten)")

    def test_a_pdf_is_refused_as_video(self):
        self.page.video = DocumentFactory()
        with pytest.raises(ValidationError) as refused:
            self.page.full_clean()
        assert "Bitte wählen Sie ein Video (MP4 oder WebM)" in str(refused.value)


@pytest.fixture
def statement(db):
    return AccessibilityStatementPageFactory(to_address="barrierefrei@example.org")


def _post(client, page, **data):
    return client.post(page.url + "feedback/", data)


def test_feedback_is_stored_and_mailed(client, statement):
    response = _post(
        client,
        statement,
        ihre_nachricht="Das Menü ist mit der Tastatur nicht erreichbar.",
        ihre_e_mail_adresse="leserin@example.org",
    )
    assert response.status_code == 200
    assert "Vielen Dank für Ihre Nachricht" in response.content.decode()
    submission = FormSubmission.objects.get(page=statement)
    assert submission.form_data["ihre_nachricht"] == (
        "Das Menü ist mit der Tastatur nicht erreichbar."
    )
    assert HONEYPOT_FIELD not in submission.form_data
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["barrierefrei@example.org"]
    assert message.subject == "Feedback Barrierefreiheit"
    assert message.reply_to == ["leserin@example.org"]
    assert "Ihre Nachricht: Das Menü ist mit der Tastatur nicht erreichbar." in message.body
    assert "Dieses Feld bitte leer lassen" not in message.body


def test_feedback_goes_to_the_editors_without_an_address(client, db, django_user_model):
    page = AccessibilityStatementPageFactory(to_address="")
    editors = Group.objects.get(name="Redaktion")
    for name, email in (("anna", "anna@example.org"), ("ben", ""), ("cem", "cem@example.org")):
        django_user_model.objects.create_user(name, email=email).groups.add(editors)
    django_user_model.objects.create_user("other", email="other@example.org")
    _post(client, page, ihre_nachricht="Kontrast zu gering.")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["anna@example.org", "cem@example.org"]
    assert mail.outbox[0].reply_to == []


def test_feedback_errors_are_german_and_nothing_is_stored(client, statement):
    response = _post(client, statement, ihre_nachricht="", ihre_e_mail_adresse="kein-at")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Bitte prüfen Sie Ihre Eingaben" in html
    assert "Ihre Nachricht: Dieses Feld muss ausgefüllt werden." in html
    assert "Ihre E-Mail-Adresse: Bitte gültige E-Mail-Adresse eingeben." in html
    assert 'aria-invalid="true"' in html
    assert FormSubmission.objects.count() == 0
    assert mail.outbox == []


def test_feedback_honeypot_drops_spam_silently(client, statement):
    response = _post(
        client, statement, ihre_nachricht="Billige Uhren!", **{HONEYPOT_FIELD: "http://spam"}
    )
    assert response.status_code == 200
    assert "Vielen Dank für Ihre Nachricht" in response.content.decode()
    assert FormSubmission.objects.count() == 0
    assert mail.outbox == []


def test_honeypot_is_hidden_from_people(client, statement):
    html = client.get(statement.url + "feedback/").content.decode()
    assert f'<div class="honeypot" hidden><label for="id_{HONEYPOT_FIELD}">' in html
    assert 'tabindex="-1"' in html


def test_submissions_are_listed_in_the_admin(admin_client, statement):
    FormSubmission.objects.create(page=statement, form_data={"ihre_nachricht": "Hallo"})
    response = admin_client.get(f"/admin/forms/submissions/{statement.pk}/")
    assert response.status_code == 200
    assert "Hallo" in response.content.decode()


def test_header_links_to_easy_and_sign_language_on_every_page(client, db):
    easy = EasyLanguagePageFactory()
    sign = SignLanguagePageFactory()
    other = PrivacyPageFactory()
    for url in ("/", other.url, easy.url):
        html = client.get(url).content.decode()
        assert f'<a href="{easy.url}" class="access-links__easy"' in html
        assert f'<a href="{sign.url}" class="access-links__sign"' in html


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # renewed on commit
def test_header_links_cost_no_query_once_cached(client, db, django_assert_num_queries):
    from django.template import Context, Template

    easy = EasyLanguagePageFactory()
    request = RequestFactory().get("/")
    template = Template("{% load legal_tags %}{% accessibility_links %}")
    Site.find_for_request(request)  # the site lookup has its own cache
    html = template.render(Context({"request": request}))
    assert "Leichte Sprache" in html and "Gebärdensprache" not in html
    with django_assert_num_queries(0):
        assert template.render(Context({"request": request})) == html

    # Publishing, unpublishing and moving pages refresh the links.
    sign = SignLanguagePageFactory()
    assert f'href="{sign.url}" class="access-links__sign"' in template.render(
        Context({"request": request})
    )
    easy.unpublish()
    assert "Leichte Sprache" not in template.render(Context({"request": request}))
    section = SectionPageFactory(slug="service")
    sign.move(section, pos="last-child")
    assert 'href="/service/gebaerdensprache/"' in template.render(Context({"request": request}))


def test_footer_links_the_legal_pages(client, db):
    from home.models import FooterSettings

    imprint = ImprintPageFactory()
    privacy = PrivacyPageFactory()
    statement = AccessibilityStatementPageFactory()
    site = HomePage.objects.get().get_site()
    FooterSettings.objects.update_or_create(
        site=site,
        defaults={
            "imprint_page": imprint,
            "privacy_page": privacy,
            "accessibility_page": statement,
        },
    )
    html = client.get("/").content.decode()
    for page in (imprint, privacy, statement):
        assert f'href="{page.url}"' in html


def test_content_checker_runs_the_full_bitv_rule_set(rf, admin_user, db):
    request = rf.get("/")
    request.user = admin_user
    items = [ContentCheckerItem()]
    apply_userbar_hooks(request, items, Page.objects.get(depth=2))
    assert len(items) == 1
    assert isinstance(items[0], BITVContentCheckerItem)
    options = items[0].get_axe_configuration(request)["options"]
    assert options["runOnly"] == BITV_AXE_TAGS
    for tag in ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa"):
        assert tag in options["runOnly"]


def test_editor_preview_runs_the_checker_with_the_full_rule_set(admin_client, db):
    """The editor's „Prüfungen“ panel runs axe in the preview; the page template
    carries the userbar, and its configuration has the BITV rule set."""
    import json
    import re

    page = EasyLanguagePageFactory()
    preview_url = f"/admin/pages/{page.pk}/edit/preview/"
    data = nested_form_data(
        {"title": page.title, "slug": page.slug, "intro": page.intro, "body": streamfield([])}
    )
    assert admin_client.post(preview_url, data).json()["is_valid"]
    html = admin_client.get(preview_url, {"mode": "", "in_preview_panel": "true"}).content
    match = re.search(
        rb'<script id="checker-axe-configuration" type="application/json">(.*?)</script>',
        html,
        re.S,
    )
    assert match, "the preview has no accessibility checker"
    assert json.loads(match.group(1))["options"]["runOnly"] == BITV_AXE_TAGS


def test_visitors_get_no_userbar(client, db):
    page = EasyLanguagePageFactory()
    assert b"wagtail-userbar" not in client.get(page.url).content


def test_demo_content_is_idempotent(db):
    from io import StringIO

    from django.core.management import call_command

    call_command("load_demo_content", stdout=StringIO())
    counts = Page.objects.count(), FormSubmission.objects.count()
    call_command("load_demo_content", stdout=StringIO())
    assert (Page.objects.count(), FormSubmission.objects.count()) == counts
    for model in (ImprintPage, PrivacyPage, AccessibilityStatementPage, EasyLanguagePage):
        assert model.objects.live().count() == 1
    sign = SignLanguagePage.objects.get()
    assert sign.video.file.read(4) == b"\x1a\x45\xdf\xa3"  # EBML: WebM
    assert sign.video.file.name.endswith(".webm")
    assert sign.video.duration == datetime.timedelta(seconds=4)
    assert sign.video.captions.read().startswith(b"WEBVTT")
    assert sign.video.poster is not None
    assert AccessibilityStatementPage.objects.get().form_fields.count() == 4


def _queries_for(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm caches (site, content types)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_statement_page_queries_do_not_grow_with_fields_or_messages(client, db):
    page = AccessibilityStatementPageFactory()
    small = _queries_for(client, page.url)
    for number in range(10):
        page.form_fields.create(label=f"Zusatzfeld {number}", field_type="singleline")
        FormSubmission.objects.create(page=page, form_data={"ihre_nachricht": str(number)})
    EasyLanguagePageFactory()
    SignLanguagePageFactory()
    large = _queries_for(client, page.url)
    assert large == small


def test_imprint_page_costs_one_query_more_than_a_content_page(client, db):
    """The shell of every page (routing, menus, footer) is the same; the Impressum adds
    only its site setting."""
    ImprintSettingsFactory()
    page = ImprintPageFactory()
    content_page = SectionPageFactory()
    assert _queries_for(client, page.url) == _queries_for(client, content_page.url) + 1


def test_demo_replaces_the_old_avi_placeholder_and_leaves_editors_videos_alone(db):
    """Sites built by an older demo offered a Motion-JPEG AVI that browsers cannot play."""
    from io import StringIO

    from documents.demo import ensure_collection
    from legal import demo

    Document = get_document_model()
    videos = ensure_collection("Videos")
    old = Document(title=demo.VIDEO_TITLE, collection=videos)
    old.file.save("gebaerdensprache-demo.avi", ContentFile(b"RIFF\0\0\0\0AVI LIST"), save=False)
    old.save()
    # Saved as the old code did; the page's clean() now refuses an AVI.
    SignLanguagePage.objects.filter(pk=SignLanguagePageFactory().pk).update(video=old)

    demo.build(StringIO())
    video = SignLanguagePage.objects.get().video
    assert video.pk == old.pk
    assert video.filename.startswith("gebaerdensprache-platzhalter") and video.is_video
    assert video.duration == datetime.timedelta(seconds=4)
    assert video.captions and video.poster

    replaced = VideoDocumentFactory(title="Echtes DGS-Video", collection=videos)
    page = SignLanguagePage.objects.get()
    page.video = replaced
    page.save_revision().publish()
    demo.build(StringIO())
    assert SignLanguagePage.objects.get().video == replaced
    assert Document.objects.get(pk=old.pk).file.name == video.file.name
