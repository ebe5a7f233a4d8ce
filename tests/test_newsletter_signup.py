"""Sign-up with double opt-in, proof of consent, rate limits, unsubscribing (RFC 8058)
and the sign-up box on every page."""

import datetime
import io
import re

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.test import Client, override_settings

from newsletter.consent import CONFIRMATION_MAIL_VERSION, CONSENT_TEXT
from newsletter.mail import unsubscribe_url
from newsletter.models import ConsentEvent, Subscriber
from tests.factories.home import SectionPageFactory
from tests.factories.legal import PrivacyPageFactory
from tests.factories.newsletter import SubscriberFactory

pytestmark = pytest.mark.django_db

SIGNUP_URL = "/newsletter/abonnieren/"


def sign_up(client, email="anna@example.org", ip="192.0.2.10", **extra):
    data = {"email": email, "consent": "on", "webseite": "", **extra}
    return client.post(SIGNUP_URL, data, REMOTE_ADDR=ip)


def confirmation_link(message):
    match = re.search(r"http://testserver(/newsletter/bestaetigen/[^/\s]+/)", message.body)
    assert match, message.body
    return match.group(1)


def test_signup_page_is_german_labelled_and_sets_only_the_csrf_cookie(client, home_page):
    response = client.get(SIGNUP_URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="de">' in html
    assert '<label for="id_email">E-Mail-Adresse' in html
    assert '<label for="id_consent">' + CONSENT_TEXT.replace("&", "&amp;") in html
    assert set(response.cookies) == {"csrftoken"}


def test_double_opt_in_records_the_proof_of_consent(client, home_page):
    privacy = PrivacyPageFactory()
    response = sign_up(client)
    assert response.status_code == 302 and response["Location"] == "/newsletter/danke/"

    subscriber = Subscriber.objects.get(email="anna@example.org")
    assert subscriber.status == Subscriber.Status.PENDING
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["anna@example.org"]
    assert "Bitte bestätigen Sie Ihre Anmeldung" in message.subject
    assert message.alternatives[0][1] == "text/html"

    signup, sent = subscriber.consent_events.all()
    assert signup.kind == ConsentEvent.Kind.SIGNUP
    assert signup.client_ip == "192.0.2.10"
    assert signup.form_url == "http://testserver/newsletter/abonnieren/"
    assert signup.consent_text == CONSENT_TEXT
    assert f"Revision {privacy.live_revision_id}" in signup.privacy_version
    assert sent.kind == ConsentEvent.Kind.CONFIRMATION_SENT
    assert sent.mail_version == CONFIRMATION_MAIL_VERSION

    link = confirmation_link(message)
    # A link scanner's GET changes nothing.
    response = client.get(link)
    assert response.status_code == 200
    assert "Anmeldung bestätigen" in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.PENDING

    csrf_client = Client(enforce_csrf_checks=True)
    response = csrf_client.post(link, REMOTE_ADDR="198.51.100.7")
    assert response.status_code == 200
    assert "Anmeldung bestätigt" in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED
    confirmed = subscriber.consent_events.get(kind=ConsentEvent.Kind.CONFIRMED)
    assert confirmed.client_ip == "198.51.100.7"

    # Single use: the same link again is refused in German, without an error page.
    response = csrf_client.post(link)
    assert response.status_code == 400
    assert "bereits verwendet" in response.content.decode()


def test_expired_and_tampered_links_are_refused(client, home_page):
    with time_machine.travel(datetime.datetime(2026, 11, 1, 12, tzinfo=datetime.UTC)):
        sign_up(client)
    link = confirmation_link(mail.outbox[0])
    with time_machine.travel(datetime.datetime(2026, 11, 8, 13, tzinfo=datetime.UTC)):
        response = client.post(link)
    assert response.status_code == 400
    assert "abgelaufen" in response.content.decode()
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING

    for bad in (link[:-5] + "xxxx/", "/newsletter/bestaetigen/" + "a" * 400 + "/"):
        response = client.post(bad)
        assert response.status_code == 400
        assert "ungültig" in response.content.decode()


def test_answer_is_the_same_for_known_and_unknown_addresses(client, home_page):
    SubscriberFactory(email="bekannt@example.org")
    known = sign_up(client, "bekannt@example.org", ip="192.0.2.1")
    unknown = sign_up(client, "neu@example.org", ip="192.0.2.2")
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    # The confirmed address gets no mail and stays confirmed.
    assert [m.to for m in mail.outbox] == [["neu@example.org"]]
    assert Subscriber.objects.get(email="bekannt@example.org").status == "bestaetigt"


def test_bad_input_gets_an_announced_german_error_summary(client, home_page):
    response = client.post(SIGNUP_URL, {"email": "kein-at-zeichen", "webseite": ""})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'role="alert"' in html
    assert "Bitte geben Sie eine gültige E-Mail-Adresse ein" in html
    assert "Bitte bestätigen Sie, dass Sie den Newsletter erhalten möchten." in html
    assert 'href="#id_email"' in html and 'aria-invalid="true"' in html
    assert not Subscriber.objects.exists()
    response = client.post(SIGNUP_URL, {"email": "a\x00b@example.org", "consent": "on"})
    assert response.status_code == 200
    assert not Subscriber.objects.exists()


def test_honeypot_answers_like_success_and_stores_nothing(client, home_page):
    response = sign_up(client, webseite="http://spam.example")
    assert response.status_code == 302
    assert not Subscriber.objects.exists() and not mail.outbox


@override_settings(NEWSLETTER_SIGNUPS_PER_ADDRESS=2, NEWSLETTER_SIGNUPS_PER_CLIENT=100)
def test_rate_limit_per_address(client, home_page):
    for number in range(2):
        assert sign_up(client, "Opfer@Example.org", ip=f"192.0.2.{number}").status_code == 302
    response = sign_up(client, "OPFER@EXAMPLE.ORG", ip="192.0.2.50")
    assert response.status_code == 429
    assert "Zu viele Anmeldungen" in response.content.decode()
    assert len(mail.outbox) == 2


@override_settings(NEWSLETTER_SIGNUPS_PER_ADDRESS=100, NEWSLETTER_SIGNUPS_PER_CLIENT=3)
def test_rate_limit_per_client(client, home_page):
    for number in range(3):
        assert sign_up(client, f"person{number}@example.org").status_code == 302
    response = sign_up(client, "person9@example.org")
    assert response.status_code == 429
    assert sign_up(client, "person9@example.org", ip="192.0.2.99").status_code == 302


def test_sign_up_works_when_the_cache_fails(client, home_page):
    # Production's Redis backend with nobody listening: every cache call fails.
    redis_down = {
        "BACKEND": "ec_site.cache_backends.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
    }
    caches = dict.fromkeys(["default", "template_fragments", "content_version"], redis_down)
    # override_settings gives the cache handler the new configuration (Django's
    # setting_changed receiver).
    with override_settings(CACHES=caches, NEWSLETTER_SIGNUPS_PER_ADDRESS=1):
        assert sign_up(client).status_code == 302
        assert sign_up(client).status_code == 302
    assert len(mail.outbox) == 2


def test_one_click_unsubscribe_answers_200_without_redirect(home_page):
    subscriber = SubscriberFactory()
    url = unsubscribe_url(subscriber).removeprefix("http://testserver")
    client = Client(enforce_csrf_checks=True)
    response = client.post(url, {"List-Unsubscribe": "One-Click"}, REMOTE_ADDR="192.0.2.5")
    assert response.status_code == 200
    assert "Newsletter abbestellt" in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED
    event = subscriber.consent_events.get()
    assert event.kind == ConsentEvent.Kind.UNSUBSCRIBED
    assert event.channel == "List-Unsubscribe (One-Click)"
    # Again: still 200, nothing new recorded.
    assert client.post(url, {"List-Unsubscribe": "One-Click"}).status_code == 200
    assert subscriber.consent_events.count() == 1


def test_unsubscribe_get_only_shows_the_button(client, home_page):
    subscriber = SubscriberFactory()
    url = unsubscribe_url(subscriber).removeprefix("http://testserver")
    response = client.get(url)
    assert response.status_code == 200
    assert '<button type="submit">Newsletter abbestellen</button>' in response.content.decode()
    assert not response.cookies
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED
    response = client.post(url)
    assert response.status_code == 200
    assert subscriber.consent_events.get().channel == "Abmeldelink"


def test_unsubscribe_with_a_forged_token_is_refused(client, home_page):
    subscriber = SubscriberFactory()
    url = unsubscribe_url(subscriber).removeprefix("http://testserver")
    response = client.post(url.replace("/abmelden/", "/abmelden/x"))
    assert response.status_code == 400
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED


def test_signing_up_again_after_unsubscribing_needs_a_new_confirmation(client, home_page):
    subscriber = SubscriberFactory(email="anna@example.org")
    client.post(unsubscribe_url(subscriber).removeprefix("http://testserver"))
    sign_up(client)
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.PENDING
    client.post(confirmation_link(mail.outbox[0]))
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED
    kinds = list(subscriber.consent_events.values_list("kind", flat=True))
    assert kinds == ["abmeldung", "anmeldung", "bestaetigungsmail", "bestaetigung"]


def test_consent_events_are_append_only(home_page):
    subscriber = SubscriberFactory()
    event = ConsentEvent.objects.create(subscriber=subscriber, kind="anmeldung", email="x@y.de")
    event.channel = "geändert"
    with pytest.raises(ValueError):
        event.save()


def test_cleanup_deletes_expired_unconfirmed_signups(client, home_page):
    with time_machine.travel(datetime.datetime(2026, 11, 1, 12, tzinfo=datetime.UTC)):
        sign_up(client, "alt@example.org", ip="192.0.2.1")
        returning = SubscriberFactory(email="wieder@example.org")
        client.post(unsubscribe_url(returning).removeprefix("http://testserver"))
        sign_up(client, "wieder@example.org", ip="192.0.2.2")
    with time_machine.travel(datetime.datetime(2026, 11, 7, 12, tzinfo=datetime.UTC)):
        sign_up(client, "neu@example.org", ip="192.0.2.3")
    confirmed = SubscriberFactory(email="aktiv@example.org")
    with time_machine.travel(datetime.datetime(2026, 11, 8, 13, tzinfo=datetime.UTC)):
        out = io.StringIO()
        call_command("newsletter_cleanup", stdout=out)
    assert out.getvalue() == "1 unbestätigte Anmeldung(en) gelöscht.\n"
    emails = dict(Subscriber.objects.values_list("email", "status"))
    assert emails == {
        "wieder@example.org": "abgemeldet",
        "neu@example.org": "ausstehend",
        "aktiv@example.org": confirmed.status,
    }
    assert not ConsentEvent.objects.filter(email="alt@example.org").exists()


def test_every_page_links_the_sign_up_and_sets_no_cookie(client, home_page):
    section = SectionPageFactory()
    for url in ("/", section.url):
        response = client.get(url)
        html = response.content.decode()
        assert "Der E&amp;C Newsletter versorgt Sie stets aktuell" in html
        assert f'href="{SIGNUP_URL}"' in html
        assert not response.cookies


def test_privacy_page_has_the_newsletter_section(client, home_page):
    privacy = PrivacyPageFactory()
    html = client.get(privacy.url).content.decode()
    assert '<h2 id="newsletter">Newsletter</h2>' in html
    assert "Art. 6 Abs. 1 Buchst. a DSGVO" in html
    assert "nicht innerhalb von 7 Tagen" in html
