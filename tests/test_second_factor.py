"""Second factor (django-otp, issue 13): TOTP app and recovery codes, required for
Moderation and administrators before any admin page, optional for Redaktion; wrong codes
lock the login; publishers get no long session."""

import datetime
import re
from base64 import b32decode

import pytest
import time_machine
from django.test import Client
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories.accounts import PASSWORD, AdministratorFactory, editor, moderator
from tests.login import app_code, authenticator_app, log_in

pytestmark = pytest.mark.django_db

VERIFY = "/admin/zwei-faktor/pruefen/"
ENROL = "/admin/zwei-faktor/einrichten/"


def password_login(client, user, remember=False):
    data = {"username": user.username, "password": PASSWORD, "next": "/admin/pages/"}
    if remember:
        data["remember"] = "on"
    response = client.post("/admin/login/", data)
    assert response.status_code == 302, "the password was not accepted"
    return client


def enrol(client):
    """Sets up the app as a person does: reads the key from the page, enters its code."""
    page = client.get(ENROL).content.decode()
    secret = re.search(r"<code>([A-Z2-7 ]+)</code>", page).group(1).replace(" ", "")
    device = TOTPDevice(key=b32decode(secret + "=" * (-len(secret) % 8)).hex())
    return client.post(ENROL, {"otp_token": app_code(device), "next": "/admin/pages/"})


@pytest.mark.parametrize(
    "make_user", [moderator, AdministratorFactory], ids=["Moderation", "Administrator"]
)
def test_the_right_password_without_second_factor_does_not_reach_the_pages(make_user):
    client = password_login(Client(), make_user())
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"].startswith(ENROL)
    page = client.get(response["Location"]).content.decode()
    assert "Zwei-Faktor-Anmeldung einrichten" in page and "<svg" in page
    for path in ("/admin/", "/admin/documents/", "/admin/users/"):
        assert client.get(path).status_code == 302


def test_the_icons_and_translations_of_the_set_up_page_load_before_the_second_factor():
    client = password_login(Client(), moderator())
    assert client.get("/admin/sprite/").status_code == 200
    assert client.get("/admin/jsi18n/").status_code == 200


def test_redaktion_reaches_the_admin_without_second_factor():
    client = password_login(Client(), editor())
    assert client.get("/admin/pages/").status_code == 200


def test_enrolment_shows_recovery_codes_once_and_opens_the_admin():
    user = moderator()
    client = password_login(Client(), user)
    response = enrol(client)
    assert response.status_code == 200
    page = response.content.decode()
    codes = re.findall(r"<li><code>([a-z2-7]+)</code></li>", page)
    assert len(codes) == 10
    assert client.get("/admin/pages/").status_code == 200
    overview = client.get("/admin/zwei-faktor/").content.decode()
    assert "Noch gültige Wiederherstellungscodes: 10" in overview
    assert not any(code in overview for code in codes)


def test_a_wrong_code_at_enrolment_is_refused_in_german():
    client = password_login(Client(), moderator())
    client.get(ENROL)
    response = client.post(ENROL, {"otp_token": "000000"})
    assert response.status_code == 200
    assert "Der Code stimmt nicht" in response.content.decode()
    assert client.get("/admin/pages/").status_code == 302


def test_login_with_code_after_password():
    user = moderator()
    device = authenticator_app(user)
    client = password_login(Client(), user)
    response = client.get("/admin/pages/")
    assert response["Location"].startswith(VERIFY)
    wrong = client.post(VERIFY, {"otp_token": "123456", "next": "/admin/pages/"})
    assert wrong.status_code == 200 and "Der Code stimmt nicht" in wrong.content.decode()
    # Right after a wrong code even the right one waits (django-otp's growing pause).
    paused = client.post(VERIFY, {"otp_token": app_code(device), "next": "/admin/pages/"})
    assert paused.status_code == 200 and "kurzen Pause" in paused.content.decode()
    with time_machine.travel(timezone.now() + datetime.timedelta(seconds=5), tick=False):
        right = client.post(VERIFY, {"otp_token": app_code(device), "next": "/admin/pages/"})
        assert right.status_code == 302 and right["Location"] == "/admin/pages/"
        assert client.get("/admin/pages/").status_code == 200


def test_a_code_cannot_be_used_twice():
    user = moderator()
    device = authenticator_app(user)
    code = app_code(device)
    first = password_login(Client(), user)
    assert first.post(VERIFY, {"otp_token": code}).status_code == 302
    second = password_login(Client(), user)
    assert second.post(VERIFY, {"otp_token": code}).status_code == 200
    assert second.get("/admin/pages/").status_code == 302


def test_a_recovery_code_works_once():
    user = moderator()
    client = password_login(Client(), user)
    codes = re.findall(r"<li><code>([a-z2-7]+)</code></li>", enrol(client).content.decode())
    again = password_login(Client(), user)
    assert again.post(VERIFY, {"otp_token": codes[3].upper()}).status_code == 302
    assert again.get("/admin/pages/").status_code == 200
    once_more = password_login(Client(), user)
    assert once_more.post(VERIFY, {"otp_token": codes[3]}).status_code == 200
    assert once_more.get("/admin/pages/").status_code == 302


def test_wrong_codes_lock_the_login():
    user = moderator()
    device = authenticator_app(user)
    client = password_login(Client(), user)
    answers = [client.post(VERIFY, {"otp_token": "000000"}).status_code for _ in range(20)]
    assert 429 in answers
    # Signed out, and neither password nor code gets through during the cool-down.
    assert client.get("/admin/pages/")["Location"].startswith("/admin/login/")
    response = Client().post(
        "/admin/login/", {"username": user.username, "password": PASSWORD, "next": "/admin/"}
    )
    assert response.status_code == 429
    assert TOTPDevice.objects.get(pk=device.pk).throttling_failure_count > 0


def test_replacing_the_app_needs_the_second_factor_first():
    user = moderator()
    authenticator_app(user)
    client = password_login(Client(), user)
    response = client.get(ENROL)
    assert response.status_code == 302 and response["Location"].startswith(VERIFY)


def test_redaktion_enrols_from_the_account_settings_and_then_needs_the_code():
    user = editor()
    client = log_in(Client(), user)
    account = client.get("/admin/account/").content.decode()
    assert "/admin/zwei-faktor/" in account
    assert "Zwei-Faktor-Anmeldung einrichten" in client.get("/admin/zwei-faktor/").content.decode()
    assert enrol(client).status_code == 200
    later = password_login(Client(), user)
    assert later.get("/admin/pages/")["Location"].startswith(VERIFY)


def test_redaktion_may_switch_it_off_moderation_may_not():
    member = editor()
    client = log_in(Client(), member)
    client.post("/admin/zwei-faktor/entfernen/")
    assert not TOTPDevice.objects.filter(user=member).exists()

    publisher = moderator()
    client = log_in(Client(), publisher)
    response = client.post("/admin/zwei-faktor/entfernen/", follow=True)
    assert "vorgeschrieben" in response.content.decode()
    assert TOTPDevice.objects.filter(user=publisher).exists()


def test_new_recovery_codes_replace_the_old_ones():
    user = moderator()
    client = password_login(Client(), user)
    old = re.findall(r"<li><code>([a-z2-7]+)</code></li>", enrol(client).content.decode())
    new = re.findall(
        r"<li><code>([a-z2-7]+)</code></li>",
        client.post("/admin/zwei-faktor/codes/").content.decode(),
    )
    assert len(new) == 10 and not set(old) & set(new)
    later = password_login(Client(), user)
    assert later.post(VERIFY, {"otp_token": old[0]}).status_code == 200
    with time_machine.travel(timezone.now() + datetime.timedelta(seconds=5), tick=False):
        assert later.post(VERIFY, {"otp_token": new[0]}).status_code == 302


@pytest.mark.parametrize(
    "make_user", [moderator, AdministratorFactory], ids=["Moderation", "Administrator"]
)
def test_publishers_get_no_long_session_even_with_remember_me(make_user):
    user = make_user()
    device = authenticator_app(user)
    client = password_login(Client(), user, remember=True)
    client.post(VERIFY, {"otp_token": app_code(device)})
    assert client.get("/admin/pages/").status_code == 200
    cookie = client.cookies["sessionid"]
    assert not cookie["expires"] and not cookie["max-age"]  # ends with the browser


def test_an_administrator_resets_a_lost_second_factor():
    user = moderator()
    authenticator_app(user)
    admin = log_in(Client(), AdministratorFactory())
    response = admin.post(f"/admin/anmeldesicherheit/{user.pk}/zwei-faktor-zuruecksetzen/")
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=user).exists()
    client = password_login(Client(), user)
    assert client.get("/admin/pages/")["Location"].startswith(ENROL)


@pytest.mark.parametrize("make_user", [editor, moderator], ids=["Redaktion", "Moderation"])
def test_only_administrators_reset_a_second_factor(make_user):
    victim = moderator()
    authenticator_app(victim)
    client = log_in(Client(), make_user())
    response = client.post(f"/admin/anmeldesicherheit/{victim.pk}/zwei-faktor-zuruecksetzen/")
    assert response.status_code in (302, 403)
    assert TOTPDevice.objects.filter(user=victim).exists()


def test_the_code_step_sends_on_who_has_nothing_to_enter_or_is_done():
    client = password_login(Client(), moderator())
    assert client.get(VERIFY)["Location"].startswith(ENROL)
    done = log_in(Client(), moderator())
    assert done.get(VERIFY, {"next": "/admin/pages/"})["Location"] == "/admin/pages/"
    # An address outside the site is never followed.
    assert done.get(VERIFY, {"next": "https://example.com/"})["Location"] == "/admin/"


def test_new_recovery_codes_need_a_configured_app():
    client = log_in(Client(), editor())
    response = client.post("/admin/zwei-faktor/codes/")
    assert response.status_code == 302 and response["Location"] == "/admin/zwei-faktor/"


def test_wrong_codes_at_enrolment_pause_and_then_lock():
    client = password_login(Client(), moderator())
    client.get(ENROL)
    client.post(ENROL, {"otp_token": "000000"})
    paused = client.post(ENROL, {"otp_token": "000000"})
    assert "kurzen Pause" in paused.content.decode()
    answers = [client.post(ENROL, {"otp_token": "000000"}).status_code for _ in range(20)]
    assert 429 in answers
