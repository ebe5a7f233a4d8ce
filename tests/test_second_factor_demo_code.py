"""`manage.py second_factor_code`: the local demo's way past the second factor without a phone."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.urls import reverse

from accounts import second_factor

pytestmark = pytest.mark.django_db


def code_of(username):
    out = StringIO()
    call_command("second_factor_code", username, stdout=out)
    return out.getvalue().strip()


def test_the_demo_admin_sets_up_the_app_with_the_printed_code(client, settings):
    settings.DEBUG = True
    admin = get_user_model().objects.create_superuser("admin", "", "ein langes Passwort 12")
    client.force_login(admin)
    assert client.get(reverse("wagtailadmin_home")).status_code == 302  # led to the set-up
    second_factor.pending_app_device(admin)  # what the set-up page creates
    response = client.post(reverse("accounts_enrol"), {"otp_token": code_of("admin")})
    assert response.status_code in (200, 302)
    assert second_factor.has_second_factor(admin)


def test_refused_outside_the_demo(settings, django_user_model):
    settings.DEBUG = False
    django_user_model.objects.create_superuser("admin", "", "ein langes Passwort 12")
    with pytest.raises(CommandError, match="Nur für die lokale Demo"):
        code_of("admin")


def test_an_unknown_user_and_one_without_an_app_are_named(settings, django_user_model):
    settings.DEBUG = True
    with pytest.raises(CommandError, match="Kein Konto"):
        code_of("niemand")
    django_user_model.objects.create_superuser("admin", "", "ein langes Passwort 12")
    with pytest.raises(CommandError, match="Noch keine App"):
        code_of("admin")
