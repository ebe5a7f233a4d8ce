"""The newsletter in the admin: page types, previews, test mail, sending with
confirmation and progress, subscribers (list, consent record, export, erasure) and who
may do what („Redaktion“, „Moderation“, superuser)."""

import io

import pytest
from django.contrib.auth.models import Group, User
from django.core import mail
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, streamfield

from newsletter import consent, demo
from newsletter.models import (
    ConsentEvent,
    Delivery,
    NewsletterIndexPage,
    NewsletterIssuePage,
    Sending,
    Subscriber,
)
from tests.factories.newsletter import (
    NewsletterIndexPageFactory,
    NewsletterIssuePageFactory,
    SubscriberFactory,
)
from tests.login import log_in
from tests.mixins import PageTypeChecks

DENIED = 302  # Wagtail answers PermissionDenied in the admin with a redirect to /admin/


def make_user(role):
    if role == "superuser":
        return User.objects.create_superuser("admin", "admin@example.org", "pw")
    user = User.objects.create_user(role.lower(), f"{role.lower()}@example.org", "pw")
    user.groups.add(Group.objects.get(name=role))
    return user


class NewsletterIndexPageTests(PageTypeChecks, WagtailPageTestCase):
    page_model = NewsletterIndexPage
    allowed_children = {NewsletterIssuePage}
    expected_texts = ("Alle Ausgaben", "Newsletter abonnieren")

    def setUp(self):
        from home.models import HomePage

        self.allowed_parents = {HomePage}
        super().setUp()

    def make_page(self):
        return NewsletterIndexPageFactory()

    def test_lists_live_issues_newest_first(self):
        NewsletterIssuePageFactory(title="Alt", issue_date="2025-01-01")
        NewsletterIssuePageFactory(title="Neu", issue_date="2026-01-01")
        draft = NewsletterIssuePageFactory(title="Entwurf")
        draft.unpublish()
        html = self.client.get(self.page.url).content.decode()
        assert html.index("Neu") < html.index("Alt")
        assert "Entwurf" not in html


class NewsletterIssuePageTests(PageTypeChecks, WagtailPageTestCase):
    page_model = NewsletterIssuePage
    allowed_parents = {NewsletterIndexPage}
    expected_texts = ("Aus der Regiestelle", "E&amp;C Newsletter vom", "30. November 2026")

    def make_page(self):
        return NewsletterIssuePageFactory()

    def form_data(self):
        data = super().form_data()
        data["issue_date"] = "2026-11-30"
        data["body"] = streamfield([])
        return nested_form_data(data)

    def test_previews_show_the_mail_as_html_and_text(self):
        html = self.page.make_preview_request(preview_mode="mail-html")
        assert html.status_code == 200
        assert '<html lang="de">' in html.content.decode()
        text = self.page.make_preview_request(preview_mode="mail-text")
        assert text["Content-Type"] == "text/plain; charset=utf-8"
        assert "Aus der Regiestelle\n-------------------" in text.content.decode()

    def test_reserved_slugs_are_refused(self):
        from django.core.exceptions import ValidationError

        self.page.slug = "abmelden"
        with pytest.raises(ValidationError) as error:
            self.page.full_clean()
        assert "für den Newsletter reserviert" in str(error.value)


# The permission matrix, through the admin views ----------------------------------------

pytestmark = pytest.mark.django_db


@pytest.fixture
def subscriber(home_page):
    subscriber = consent.sign_up("leserin@example.org", "192.0.2.1", "http://testserver/x/")
    return subscriber


def admin_urls(subscriber, issue):
    return [
        "/admin/newsletter/abonnements/",
        f"/admin/newsletter/abonnements/{subscriber.pk}/",
        "/admin/newsletter/abonnements/export.csv",
        f"/admin/newsletter/abonnements/{subscriber.pk}/nachweis.csv",
        f"/admin/newsletter/abonnements/{subscriber.pk}/loeschen/",
        f"/admin/newsletter/versand/{issue.pk}/",
    ]


@pytest.mark.parametrize(
    ("role", "allowed"), [("Redaktion", False), ("Moderation", True), ("superuser", True)]
)
def test_permission_matrix(client, subscriber, role, allowed):
    issue = NewsletterIssuePageFactory()
    log_in(client, make_user(role))
    for url in admin_urls(subscriber, issue):
        response = client.get(url)
        assert response.status_code == (200 if allowed else DENIED), url
    menu = client.get("/admin/").content.decode()
    assert ("Newsletter-Abonnements" in menu) is allowed
    edit = client.get(f"/admin/pages/{issue.pk}/edit/").content.decode()
    assert ("Newsletter versenden" in edit) is allowed
    assert "Testversand" in edit  # everyone who may edit the issue


@pytest.mark.parametrize("action", ["erase", "unsubscribe", "send"])
def test_redaktion_cannot_change_subscribers_or_send(client, subscriber, action):
    issue = NewsletterIssuePageFactory()
    SubscriberFactory()
    log_in(client, make_user("Redaktion"))
    url = {
        "erase": f"/admin/newsletter/abonnements/{subscriber.pk}/loeschen/",
        "unsubscribe": f"/admin/newsletter/abonnements/{subscriber.pk}/",
        "send": f"/admin/newsletter/versand/{issue.pk}/",
    }[action]
    assert client.post(url, {"action": "abmelden"}).status_code == DENIED
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.PENDING
    assert not Sending.objects.exists() and not mail.outbox


def test_list_filters_by_status_and_searches(client, subscriber):
    SubscriberFactory(email="bestaetigt@example.org")
    log_in(client, make_user("Moderation"))
    html = client.get("/admin/newsletter/abonnements/?status=bestaetigt").content.decode()
    assert "bestaetigt@example.org" in html and "leserin@example.org" not in html
    html = client.get("/admin/newsletter/abonnements/?q=leserin").content.decode()
    assert "leserin@example.org" in html and "bestaetigt@example.org" not in html
    response = client.get("/admin/newsletter/abonnements/?status=%00kaputt&q=" + "x" * 500)
    assert response.status_code == 200


def test_csv_export_guards_against_formulas(client, subscriber):
    SubscriberFactory(email="=HYPERLINK(1)@example.org")
    log_in(client, make_user("Moderation"))
    response = client.get("/admin/newsletter/abonnements/export.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeffE-Mail-Adresse;Status;")
    assert "'=HYPERLINK(1)@example.org;Bestätigt" in text
    assert "leserin@example.org;Bestätigung ausstehend" in text


def test_consent_record_export_art_15(client, subscriber):
    log_in(client, make_user("Moderation"))
    html = client.get(f"/admin/newsletter/abonnements/{subscriber.pk}/").content.decode()
    assert "Einwilligungsnachweis" in html and "192.0.2.1" in html
    text = client.get(f"/admin/newsletter/abonnements/{subscriber.pk}/nachweis.csv").content
    text = text.decode("utf-8")
    assert "Anmeldung;leserin@example.org;192.0.2.1;http://testserver/x/" in text
    assert consent.CONSENT_TEXT in text


def test_manual_unsubscribe_is_recorded(client, subscriber):
    log_in(client, make_user("Moderation"))
    response = client.post(
        f"/admin/newsletter/abonnements/{subscriber.pk}/", {"action": "abmelden"}
    )
    assert response.status_code == 302
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED
    event = subscriber.consent_events.get(kind=ConsentEvent.Kind.UNSUBSCRIBED)
    assert event.channel == "Redaktion (moderation)"


def test_erasure_art_17_removes_everything(client, subscriber):
    issue = NewsletterIssuePageFactory()
    other = SubscriberFactory()
    Subscriber.objects.filter(pk=subscriber.pk).update(status=Subscriber.Status.CONFIRMED)
    log_in(client, make_user("Moderation"))
    client.post(f"/admin/newsletter/versand/{issue.pk}/")
    assert Delivery.objects.count() == 2
    response = client.post(f"/admin/newsletter/abonnements/{subscriber.pk}/loeschen/")
    assert response.status_code == 302
    assert list(Subscriber.objects.all()) == [other]
    assert not ConsentEvent.objects.filter(email="leserin@example.org").exists()
    assert Delivery.objects.count() == 1


def test_sending_from_the_admin_asks_then_shows_the_result(client, home_page):
    issue = NewsletterIssuePageFactory()
    SubscriberFactory.create_batch(2)
    SubscriberFactory(status=Subscriber.Status.PENDING)
    log_in(client, make_user("Moderation"))
    html = client.get(f"/admin/newsletter/versand/{issue.pk}/").content.decode()
    assert "an <strong>2 bestätigte Abonnent*innen</strong>" in html
    assert not mail.outbox

    response = client.post(f"/admin/newsletter/versand/{issue.pk}/")
    assert response.status_code == 302
    assert len(mail.outbox) == 2  # immediate task backend in the tests
    html = client.get(f"/admin/newsletter/versand/{issue.pk}/").content.decode()
    assert "Der Versand ist abgeschlossen" in html
    assert "<tr><td>Versandt</td><td>2</td></tr>" in html

    client.post(f"/admin/newsletter/versand/{issue.pk}/")
    assert len(mail.outbox) == 2


def test_an_interrupted_sending_can_be_resumed_from_the_admin(client, home_page):
    from newsletter import sending

    issue = NewsletterIssuePageFactory()
    SubscriberFactory.create_batch(3)
    started = sending.start(issue)  # as if the worker died before its first batch
    log_in(client, make_user("Moderation"))
    html = client.get(f"/admin/newsletter/versand/{issue.pk}/").content.decode()
    assert "Versand fortsetzen" in html
    assert "<tr><td>Verbleibend (wartend, in Versand, erneuter Versuch)</td><td>3</td></tr>" in html
    client.post(f"/admin/newsletter/versand/{issue.pk}/")
    assert len(mail.outbox) == 3
    started.refresh_from_db()
    assert started.finished_at is not None
    html = client.get(f"/admin/newsletter/versand/{issue.pk}/").content.decode()
    assert "Versand fortsetzen" not in html


def test_test_mail_goes_to_the_editor_only(client, home_page):
    issue = NewsletterIssuePageFactory(title="Veröffentlicht")
    revision = issue.save_revision()
    issue.title = "Entwurfstitel"
    issue.save_revision()
    SubscriberFactory()
    editor = make_user("Redaktion")
    log_in(client, editor)
    response = client.post(f"/admin/newsletter/testversand/{issue.pk}/")
    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.to == [editor.email]
    assert message.subject == "[Testversand] E&C Newsletter: Entwurfstitel"
    assert not Delivery.objects.exists() and not Sending.objects.exists()
    assert revision.pk


def test_test_mail_without_an_address_explains_in_german(client, home_page):
    issue = NewsletterIssuePageFactory()
    editor = make_user("Redaktion")
    editor.email = ""
    editor.save()
    log_in(client, editor)
    response = client.post(f"/admin/newsletter/testversand/{issue.pk}/", follow=True)
    assert "Ihr Konto hat keine E-Mail-Adresse" in response.content.decode()
    assert not mail.outbox


def test_demo_content_is_an_archive_and_a_draft_issue(home_page):
    demo.build(io.StringIO())
    demo.build(io.StringIO())
    index = NewsletterIndexPage.objects.get()
    assert index.live and index.slug == "newsletter"
    issue = NewsletterIssuePage.objects.get()
    assert not issue.live and issue.get_latest_revision() is not None
    assert not Subscriber.objects.exists()
