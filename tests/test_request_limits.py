"""Request body limits: form data over DATA_UPLOAD_MAX_MEMORY_SIZE is refused with a
German 400 page, never a 500; a body under it is read as usual."""

from django.test import Client

ONE_MB = 1024 * 1024


def test_oversized_form_body_gets_a_german_400(db, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = ONE_MB
    response = Client().post("/admin/login/", {"username": "x" * (2 * ONE_MB), "password": "p"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "<h1>Ungültige Anfrage</h1>" in html
    assert 'lang="de"' in html


def test_form_body_under_the_limit_is_read(db, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = ONE_MB
    response = Client().post("/admin/login/", {"username": "x" * 1000, "password": "p"})
    assert response.status_code == 200  # the login form again, with its German error


def test_unknown_host_gets_the_german_400_page(client, db, settings):
    settings.ALLOWED_HOSTS = ["www.example.org"]
    response = client.get("/", HTTP_HOST="evil.example.com")
    assert response.status_code == 400
    assert "<h1>Ungültige Anfrage</h1>" in response.content.decode()
