"""Logging in editors in tests, second factor included.

``log_in(client, user)`` gives any user (Moderation member, superuser, Redaktion) a full admin
session: it signs in and, for users who must or do use a second factor, gives the user a
confirmed authenticator app (django-otp's ``TOTPDevice``) if there is none and enters the
app's current code in the code step (``/admin/zwei-faktor/pruefen/``), as a person would.
Use it wherever a test needs the admin as a moderator or administrator;
``client.force_login`` alone leaves them at the second factor."""

import time

from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import second_factor


def app_code(device, at=None):
    """The code the user's app shows now (or at the given time); a code is accepted once,
    so after one was used the next one is given (the device accepts one step ahead)."""
    if device.pk:
        device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() if at is None else at
    if totp.t() <= device.last_t:
        totp.time += device.step * (device.last_t + 1 - totp.t())
    return str(totp.token()).zfill(device.digits)


def authenticator_app(user):
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="Test-App", confirmed=True)


def complete_second_factor(client, user):
    if not (second_factor.is_required_for(user) or second_factor.has_second_factor(user)):
        return  # Redaktion without an app: the password is all it takes
    device = authenticator_app(user)
    response = client.post(reverse("accounts_verify"), {"otp_token": app_code(device)})
    assert response.status_code == 302, "the code step did not accept the app's code"


def log_in(client, user):
    Client.force_login(client, user)  # the password step (also for a SecondFactorClient)
    complete_second_factor(client, user)
    return client


class SecondFactorClient(Client):
    """A test client whose ``force_login`` goes on through the code step, for Wagtail's test
    helpers (``assertPageIsEditable``, ``assertPageIsPreviewable``, …) that sign in a
    superuser of their own with ``force_login``."""

    def force_login(self, user, backend=None):
        super().force_login(user, backend)
        complete_second_factor(self, user)


class SignsInWithSecondFactor:
    """For Django/Wagtail TestCase classes: the client completes the second factor, and
    ``self.login()`` signs in without ``client.login`` (whose ``authenticate`` call has no
    request, which login throttling needs)."""

    client_class = SecondFactorClient

    def login(self, user=None, **kwargs):
        user = user or self.create_test_user()
        self.client.force_login(user)
        return user
