"""Login throttling (django-axes, issue 13): the admin login, the page-password and the
collection-password forms refuse further attempts after a few failures per user and per
client address, for a cool-down, even with the right password; attempts are logged; only
administrators can lift a lockout in the admin."""

import datetime
import logging

import pytest
import time_machine
from axes.models import AccessAttempt, AccessFailureLog
from django.contrib.auth.hashers import MD5PasswordHasher
from django.test import Client
from django.utils import timezone
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from tests.factories.accounts import PASSWORD, AdministratorFactory, editor, moderator
from tests.factories.documents import DocumentFactory
from tests.factories.home import SectionPageFactory
from tests.login import log_in

pytestmark = pytest.mark.django_db

ATTEMPTS = 20


def admin_login(client, username, password, **extra):
    return client.post(
        "/admin/login/",
        {"username": username, "password": password, "next": "/admin/"},
        **extra,
    )


def reaches_admin(client):
    return client.get("/admin/").status_code == 200


class CountingHasher(MD5PasswordHasher):
    """The test hasher, counting how often a password is checked."""

    checks = 0

    def verify(self, password, encoded):
        CountingHasher.checks += 1
        return super().verify(password, encoded)


def test_after_20_wrong_passwords_the_right_one_does_not_open_the_admin():
    user = editor()
    client = Client()
    answers = [
        admin_login(client, user.username, "falsch-geraten").status_code for _ in range(ATTEMPTS)
    ]
    assert 429 in answers
    response = admin_login(client, user.username, PASSWORD)
    assert response.status_code == 429
    assert "Anmeldung vorübergehend gesperrt" in response.content.decode()
    assert response["Retry-After"]
    assert not reaches_admin(client)


def test_the_right_password_works_below_the_limit_and_after_the_cool_down():
    user = editor()
    client = Client()
    assert admin_login(client, user.username, "falsch-geraten").status_code == 200
    assert admin_login(client, user.username, PASSWORD).status_code == 302
    assert reaches_admin(client)

    other = editor()
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        for _ in range(ATTEMPTS):
            admin_login(Client(), other.username, "falsch-geraten")
        assert admin_login(Client(), other.username, PASSWORD).status_code == 429
    with time_machine.travel(start + datetime.timedelta(hours=1), tick=False):
        later = Client()
        assert admin_login(later, other.username, PASSWORD).status_code == 302
        assert reaches_admin(later)


def test_a_locked_out_attempt_does_not_run_the_password_hasher(settings):
    settings.PASSWORD_HASHERS = ["tests.test_login_throttling.CountingHasher"]
    user = editor()
    user.set_password(PASSWORD)
    user.save()
    client = Client()
    for _ in range(ATTEMPTS):
        admin_login(client, user.username, "falsch-geraten")
    CountingHasher.checks = 0
    for _ in range(5):
        assert admin_login(client, user.username, PASSWORD).status_code == 429
    assert CountingHasher.checks == 0


def test_a_user_is_locked_whatever_address_the_guesses_come_from():
    user = editor()
    for number in range(ATTEMPTS):
        admin_login(Client(REMOTE_ADDR=f"198.51.100.{number + 1}"), user.username, "falsch")
    response = admin_login(Client(REMOTE_ADDR="203.0.113.7"), user.username, PASSWORD)
    assert response.status_code == 429


def test_an_address_is_locked_whatever_user_names_it_tries():
    user = editor()
    guesser = Client(REMOTE_ADDR="198.51.100.9")
    for number in range(ATTEMPTS):
        admin_login(guesser, f"gast{number}", "falsch")
    assert admin_login(guesser, user.username, PASSWORD).status_code == 429
    # Somebody else, elsewhere, still signs in.
    assert (
        admin_login(Client(REMOTE_ADDR="203.0.113.7"), user.username, PASSWORD).status_code == 302
    )


def test_behind_a_proxy_the_address_comes_from_the_configured_header(settings):
    settings.CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    user = editor()
    for _ in range(ATTEMPTS):
        admin_login(Client(REMOTE_ADDR="10.0.0.1", HTTP_X_REAL_IP="198.51.100.9"), "gast", "x")
    locked = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_REAL_IP="198.51.100.9")
    assert admin_login(locked, user.username, PASSWORD).status_code == 429
    other = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_REAL_IP="203.0.113.7")
    assert admin_login(other, user.username, PASSWORD).status_code == 302
    assert AccessAttempt.objects.filter(ip_address="198.51.100.9").exists()


def test_failures_are_logged(caplog):
    user = editor()
    with caplog.at_level(logging.WARNING, logger="axes"):
        for _ in range(ATTEMPTS):
            admin_login(Client(), user.username, "falsch-geraten")
    assert AccessFailureLog.objects.filter(username=user.username).exists()
    assert any("Locking out" in record.getMessage() for record in caplog.records)
    stored = " ".join(AccessAttempt.objects.values_list("post_data", flat=True))
    assert "falsch-geraten" not in stored


@pytest.fixture
def protected_page():
    page = SectionPageFactory(title="Geschützte Rubrik")
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="Seitenpasswort"
    )
    return page, restriction


def page_password(client, page, restriction, password):
    return client.post(
        f"/_util/authenticate_with_password/{restriction.pk}/{page.pk}/",
        {"password": password, "return_url": page.url},
    )


def test_the_page_password_form_is_throttled(protected_page):
    page, restriction = protected_page
    client = Client()
    assert page_password(client, page, restriction, "falsch").status_code == 200
    answers = [
        page_password(client, page, restriction, "falsch").status_code for _ in range(ATTEMPTS)
    ]
    assert 429 in answers
    response = page_password(client, page, restriction, "Seitenpasswort")
    assert response.status_code == 429
    assert "Anmeldung vorübergehend gesperrt" in response.content.decode()
    assert 'name="password"' in client.get(page.url).content.decode()


def test_the_right_page_password_opens_the_page(protected_page):
    page, restriction = protected_page
    client = Client()
    assert page_password(client, page, restriction, "Seitenpasswort").status_code == 302
    assert 'name="password"' not in client.get(page.url).content.decode()


@pytest.fixture
def protected_document():
    collection = Collection.get_first_root_node().add_child(name="Interne Papiere")
    restriction = CollectionViewRestriction.objects.create(
        collection=collection,
        restriction_type=CollectionViewRestriction.PASSWORD,
        password="Sammlungspasswort",
    )
    return DocumentFactory(collection=collection), restriction


def collection_password(client, document, restriction, password):
    return client.post(
        f"/dokumente/authenticate_with_password/{restriction.pk}/",
        {"password": password, "return_url": document.url},
    )


def test_the_collection_password_form_is_throttled(protected_document):
    document, restriction = protected_document
    client = Client()
    answers = [
        collection_password(client, document, restriction, "falsch").status_code
        for _ in range(ATTEMPTS)
    ]
    assert 429 in answers
    response = collection_password(client, document, restriction, "Sammlungspasswort")
    assert response.status_code == 429
    download = client.get(document.url)
    assert b"%PDF" not in b"".join(
        download.streaming_content if download.streaming else [download.content]
    )


def test_the_right_collection_password_opens_the_document(protected_document):
    document, restriction = protected_document
    client = Client()
    assert (
        collection_password(client, document, restriction, "Sammlungspasswort").status_code == 302
    )
    download = client.get(document.url)
    assert download.status_code == 200 and b"%PDF" in b"".join(download.streaming_content)


def lock_out(username):
    for _ in range(ATTEMPTS):
        admin_login(Client(), username, "falsch-geraten")


def test_an_administrator_sees_and_lifts_a_lockout():
    user = editor()
    lock_out(user.username)
    admin = log_in(Client(REMOTE_ADDR="203.0.113.7"), AdministratorFactory())
    listing = admin.get("/admin/anmeldesicherheit/")
    assert listing.status_code == 200
    assert f"Benutzer {user.username}" in listing.content.decode()

    response = admin.post(
        "/admin/anmeldesicherheit/entsperren/", {"kind": "username", "value": user.username}
    )
    assert response.status_code == 302
    assert (
        f"Benutzer {user.username}" not in admin.get("/admin/anmeldesicherheit/").content.decode()
    )
    # The address of the guesses (the test client's) is still locked; lift it too.
    admin.post("/admin/anmeldesicherheit/entsperren/", {"kind": "ip_address", "value": "127.0.0.1"})
    assert admin_login(Client(), user.username, PASSWORD).status_code == 302


def test_a_lockout_of_a_protected_page_is_listed(protected_page):
    page, restriction = protected_page
    for _ in range(ATTEMPTS):
        page_password(Client(REMOTE_ADDR=f"198.51.100.{_ + 1}"), page, restriction, "falsch")
    admin = log_in(Client(REMOTE_ADDR="203.0.113.7"), AdministratorFactory())
    text = admin.get("/admin/anmeldesicherheit/").content.decode()
    assert f"Passwort der geschützten Seite (Einschränkung {restriction.pk})" in text


@pytest.mark.parametrize("make_user", [editor, moderator], ids=["Redaktion", "Moderation"])
def test_only_administrators_may_unlock(make_user):
    user = editor()
    lock_out(user.username)
    client = log_in(Client(REMOTE_ADDR="203.0.113.7"), make_user())
    assert client.get("/admin/anmeldesicherheit/").status_code in (302, 403)
    response = client.post(
        "/admin/anmeldesicherheit/entsperren/", {"kind": "username", "value": user.username}
    )
    assert response.status_code in (302, 403)
    assert AccessAttempt.objects.filter(username=user.username).exists()
    menu = client.get("/admin/").content.decode()
    assert "anmeldesicherheit" not in menu


def test_unlocking_something_unknown_is_a_message_not_an_error():
    admin = log_in(Client(), AdministratorFactory())
    response = admin.post(
        "/admin/anmeldesicherheit/entsperren/", {"kind": "passwort", "value": "x"}, follow=True
    )
    assert response.status_code == 200
    assert "Diese Sperre gibt es nicht." in response.content.decode()


def test_a_lockout_of_a_protected_collection_is_listed(protected_document):
    document, restriction = protected_document
    for number in range(ATTEMPTS):
        collection_password(
            Client(REMOTE_ADDR=f"198.51.100.{number + 1}"), document, restriction, "falsch"
        )
    admin = log_in(Client(REMOTE_ADDR="203.0.113.7"), AdministratorFactory())
    text = admin.get("/admin/anmeldesicherheit/").content.decode()
    assert f"Passwort der geschützten Sammlung (Einschränkung {restriction.pk})" in text
    assert "Adresse 198.51.100.1" not in text  # one failure per address: below the limit
