"""Editor accounts: passwords of at least 12 characters that are not common, Argon2 in
production, and a session that ends after an hour without a request (issue 13, accounts)."""

import datetime

import pytest
import time_machine
from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from tests.login import log_in
from tests.test_settings import PRODUCTION, run_manage

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "password", ["Sommer24", "E&C-2024", "Berlin2006", "redakteurin2026", "123456789012"]
)
def test_weak_passwords_are_refused_in_german(password):
    with pytest.raises(ValidationError) as refused:
        validate_password(password, User(username="redakteurin"))
    text = " ".join(refused.value.messages)
    assert "Passwort" in text


def test_a_long_uncommon_password_is_accepted():
    validate_password("Quartier-Konferenz-Leipzig-2006", User(username="redakteurin"))


def test_production_hashes_new_passwords_with_argon2(tmp_path):
    result = run_manage(
        "shell",
        "-c",
        "from django.contrib.auth.hashers import make_password; print(make_password('x' * 16))",
        env_overrides={**PRODUCTION, "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1].startswith("argon2$")


def test_an_editor_is_logged_out_after_an_hour_without_a_request():
    editor = User.objects.create_superuser("redaktion", password="x" * 16)
    client = Client()
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        log_in(client, editor)
        assert client.get("/admin/").status_code == 200
    # Working on: every request moves the end on.
    for minutes in (40, 80, 120):
        with time_machine.travel(start + datetime.timedelta(minutes=minutes), tick=False):
            assert client.get("/admin/").status_code == 200
    with time_machine.travel(start + datetime.timedelta(minutes=185), tick=False):
        response = client.get("/admin/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_reading_pages_still_sets_no_cookie(client, home_page):
    response = client.get("/")
    assert response.status_code == 200 and not response.cookies
