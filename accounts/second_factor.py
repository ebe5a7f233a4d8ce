"""Who needs a second factor, and the devices behind it (django-otp).

Every user has at most one authenticator app (a confirmed ``TOTPDevice``) and one set of
recovery codes (a ``StaticDevice`` whose tokens are deleted as they are used)."""

from base64 import b32encode

from django.conf import settings
from django.db import transaction
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

APP_DEVICE_NAME = "Authenticator-App"
RECOVERY_DEVICE_NAME = "Wiederherstellungscodes"
RECOVERY_CODE_COUNT = 10


def is_required_for(user):
    """Superusers and the groups that publish (SECOND_FACTOR_REQUIRED_GROUPS) must use it."""
    if user.is_superuser:
        return True
    return user.groups.filter(name__in=settings.SECOND_FACTOR_REQUIRED_GROUPS).exists()


def owed_step(user):
    """The step of the second factor a signed-in user still owes before the admin: the code
    (``accounts_verify``) when an app is configured, setting one up (``accounts_enrol``) when
    it is required; None when verified or not needed. Needs django-otp's OTPMiddleware."""
    if not user.is_authenticated or user.is_verified():
        return None
    if has_second_factor(user):
        return "accounts_verify"
    if is_required_for(user):
        return "accounts_enrol"
    return None


def has_second_factor(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def app_device(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def recovery_device(user):
    return StaticDevice.objects.filter(user=user, confirmed=True).first()


def pending_app_device(user):
    """The device being set up: kept between showing the QR code and the first code."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)


def remaining_recovery_codes(user):
    device = recovery_device(user)
    return device.token_set.count() if device else 0


@transaction.atomic
def new_recovery_codes(user):
    """A fresh set of codes; the old ones stop working. Returned once, stored as issued."""
    device, _ = StaticDevice.objects.get_or_create(
        user=user, defaults={"name": RECOVERY_DEVICE_NAME, "confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


@transaction.atomic
def confirm_app_device(user, device):
    """The first right code: this app replaces any earlier one."""
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])


def remove_second_factor(user):
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()


class Throttled(Exception):
    """Wrong codes just before: the device refuses to check any code until ``until``."""

    def __init__(self, until):
        super().__init__(until)
        self.until = until


def verify(user, token):
    """The device that accepts the code (the app's six digits or a recovery code), or None.

    Each device counts its own wrong codes and refuses for a growing delay after them
    (django-otp's throttling: 1, 2, 4, … seconds); then ``Throttled`` is raised."""
    token = "".join(token.split()).lower()
    is_app_code = len(token) == 6 and token.isdigit()  # recovery codes have 8 characters
    device = app_device(user) if is_app_code else recovery_device(user)
    if device is None:
        return None
    with transaction.atomic():
        device = type(device).objects.select_for_update().get(pk=device.pk)
        allowed, details = device.verify_is_allowed()
        if not allowed:
            raise Throttled(details.get("locked_until"))
        return device if device.verify_token(token) else None


def mark_verified(request, device):
    """The session has passed the second factor. Sessions that need it end with the
    browser and after ADMIN_IDLE_TIMEOUT, whatever „Angemeldet bleiben“ asked for."""
    otp_login(request, device)
    if is_required_for(request.user):
        request.session.set_expiry(0)


def readable_secret(device):
    """The key for typing it into the app by hand, in groups of four."""
    key = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))
