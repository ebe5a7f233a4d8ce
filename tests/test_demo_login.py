"""`manage.py ensure_admin` (run by `make run`): the editor login of the local demo."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import override_settings

pytestmark = pytest.mark.django_db


def run_ensure_admin(**options):
    out = io.StringIO()
    call_command("ensure_admin", stdout=out, **options)
    return out.getvalue()


def password_works(username, password):
    return get_user_model().objects.get(username=username).check_password(password)


def printed_password(output):
    return output.split("Passwort:", 1)[1].strip().splitlines()[0].strip()


def test_a_generated_password_is_kept_and_shown_again(tmp_path, monkeypatch):
    monkeypatch.delenv("EC_ADMIN_PASSWORD", raising=False)
    with override_settings(VAR_DIR=tmp_path):
        first = run_ensure_admin()
        password = printed_password(first)
        assert "Benutzername: admin" in first and len(password) >= 12
        assert (tmp_path / "admin-passwort.txt").read_text().strip() == password
        assert password_works("admin", password)
        # `make run` again: the same login, shown from var/.
        assert printed_password(run_ensure_admin()) == password


def test_the_password_from_the_environment_is_set_each_time(tmp_path, monkeypatch):
    with override_settings(VAR_DIR=tmp_path):
        monkeypatch.setenv("EC_ADMIN_PASSWORD", "demo-zugang-2026")
        run_ensure_admin(username="redaktion")
        assert password_works("redaktion", "demo-zugang-2026")
        assert not (tmp_path / "admin-passwort.txt").exists()
        monkeypatch.setenv("EC_ADMIN_PASSWORD", "neues-passwort-2027")
        output = run_ensure_admin(username="redaktion")
        assert printed_password(output) == "neues-passwort-2027"
        assert password_works("redaktion", "neues-passwort-2027")


def test_an_existing_login_without_a_known_password_is_not_changed(tmp_path, monkeypatch):
    monkeypatch.delenv("EC_ADMIN_PASSWORD", raising=False)
    get_user_model().objects.create_superuser("admin", password="von-hand-gesetzt-1")
    with override_settings(VAR_DIR=tmp_path):
        output = run_ensure_admin()
    assert "bereits vergeben" in output
    assert password_works("admin", "von-hand-gesetzt-1")


def test_the_printed_login_tells_how_to_complete_the_second_factor(tmp_path, monkeypatch):
    monkeypatch.setenv("EC_ADMIN_PASSWORD", "demo-zugang-2026")
    with override_settings(VAR_DIR=tmp_path):
        output = run_ensure_admin()
    assert "Zwei-Faktor-Anmeldung" in output and "reset_second_factor" in output


def test_reset_second_factor_command_lets_the_admin_enrol_again(tmp_path):
    from django.core.management.base import CommandError
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from tests.login import authenticator_app

    admin = get_user_model().objects.create_superuser("admin", password="von-hand-gesetzt-1")
    authenticator_app(admin)
    call_command("reset_second_factor", "admin", stdout=io.StringIO())
    assert not TOTPDevice.objects.filter(user=admin).exists()
    with pytest.raises(CommandError):
        call_command("reset_second_factor", "niemand", stdout=io.StringIO())
