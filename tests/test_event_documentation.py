"""A document of an event's documentation cannot vanish from the live page unnoticed:
deleting it is refused while an event uses it, and the admin shows where it is used."""

import pytest
from django.db.models import ProtectedError
from django.urls import reverse

from conference.models import EventDocument, EventPage
from tests.factories.conference import EventPageFactory
from tests.factories.documents import DocumentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def event_with_document():
    document = DocumentFactory(title="Dokumentation Fachforum 2005")
    event = EventPageFactory(title="Fachforum Schule")
    event.documentation = [EventDocument(document=document, label="Dokumentation")]
    event.save_revision().publish()
    return event, document


def test_a_document_in_use_is_not_deleted(event_with_document):
    event, document = event_with_document
    with pytest.raises(ProtectedError):
        document.delete()
    assert [item.document for item in EventPage.objects.get(pk=event.pk).documentation.all()] == [
        document
    ]


def test_the_admin_shows_where_the_document_is_used_and_refuses_to_delete_it(
    admin_client, event_with_document
):
    event, document = event_with_document
    usage = admin_client.get(reverse("wagtaildocs:document_usage", args=[document.pk]))
    assert event.title in usage.content.decode()

    delete_url = reverse("wagtaildocs:delete", args=[document.pk])
    confirm = admin_client.get(delete_url)
    assert confirm.context["usage_count"] == 1
    assert confirm.context["is_protected"]
    admin_client.post(delete_url)
    assert type(document).objects.filter(pk=document.pk).exists()


def test_an_unused_document_can_still_be_deleted(admin_client):
    document = DocumentFactory()
    response = admin_client.post(reverse("wagtaildocs:delete", args=[document.pk]))
    assert response.status_code == 302
    assert not type(document).objects.filter(pk=document.pk).exists()
