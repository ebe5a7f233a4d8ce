"""A refused upload names only its real reason: Wagtail's own extension check on the
emptied file („Dateiendung „“ ist nicht erlaubt“) must not follow it (issue 16)."""

import pytest
from django.urls import reverse

from tests.factories.documents import HTML_BYTES, truncated_pdf_bytes, upload

REFUSALS = [
    ("seite.pdf", HTML_BYTES),
    ("leer.pdf", b""),
    ("abgebrochen.pdf", truncated_pdf_bytes()),
    ("tabelle.xlsx", b"PK\x03\x04" + b"\x00" * 100),
]


@pytest.mark.parametrize(("name", "content"), REFUSALS, ids=[r[0] for r in REFUSALS])
def test_single_upload_shows_one_reason(superuser_client, root_collection, name, content):
    response = superuser_client.post(
        reverse("wagtaildocs:add"),
        {"title": "Doku", "file": upload(name, content), "collection": root_collection.pk},
    )
    errors = response.context["form"].errors["file"]
    assert len(errors) == 1
    assert "Dateiendung" not in response.content.decode()


@pytest.mark.parametrize(("name", "content"), REFUSALS, ids=[r[0] for r in REFUSALS])
def test_multiple_upload_shows_one_reason(superuser_client, root_collection, name, content):
    response = superuser_client.post(
        reverse("wagtaildocs:add_multiple"),
        {"files[]": upload(name, content), "collection": root_collection.pk},
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    message = response.json()["error_message"]
    assert "Dateiendung" not in message
    assert message.strip()
