"""Logging in editors in tests, second factor included.

``log_in(client, user)`` gives any user (Moderation member, superuser, Redaktion) a full admin
session: it signs in and, for users who must or do use a second factor, gives the user a
confirmed authenticator app (django-otp's ``TOTPDevice``) if there is none and enters the
app's current code in the code step (``/admin/zwei-faktor/pruefen/``), as a person would.
Use it wherever a test needs the admin as a moderator or administrator;
``client.force_login`` alone leaves them at the second factor."""

import time

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


def log_in(client, user):
    client.force_login(user)
    if not (second_factor.is_required_for(user) or second_factor.has_second_factor(user)):
        return client  # Redaktion without an app: the password is all it takes
    device = authenticator_app(user)
    response = client.post(reverse("accounts_verify"), {"otp_token": app_code(device)})
    assert response.status_code == 302, "the code step did not accept the app's code"
    return client
