"""The admin's document listing shows where reading each PDF's text stands (column
„Textauslesung“), with no query per row."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.documents import get_document_model

from documents.models import TextStatus
from tests.factories.documents import DocumentFactory

pytestmark = pytest.mark.django_db
Document = get_document_model()

LISTING = "/admin/documents/"


def document_with(status, title):
    document = DocumentFactory(title=title)
    Document.objects.filter(pk=document.pk).update(text_status=status)
    return document


def row_of(html, document):
    rows = re.findall(r"<tr\b.*?</tr>", html, flags=re.S)
    matching = [row for row in rows if f'id="document_{document.pk}_title"' in row]
    assert len(matching) == 1, f"no row for {document.title}"
    return matching[0]


def status_tags(row):
    return [
        " ".join(tag.split())
        for tag in re.findall(r'<span class="w-status[^"]*">(.*?)</span>', row, flags=re.S)
    ]


@pytest.mark.parametrize("url", [LISTING, f"{LISTING}results/"], ids=["listing", "results"])
def test_each_row_shows_the_reading_state(admin_client, url):
    documents = {
        status: document_with(status, f"Dokument {label}") for status, label in TextStatus.choices
    }
    response = admin_client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Textauslesung" in html
    for status, label in TextStatus.choices:
        tags = status_tags(row_of(html, documents[status]))
        assert tags == ([label] if status else []), (status, tags)
    assert "zu groß" in status_tags(row_of(html, documents[TextStatus.TOO_LARGE]))
    done = row_of(html, documents[TextStatus.DONE])
    assert 'class="w-status w-status--primary"' in done


def test_the_column_follows_the_file_column(admin_client):
    document_with(TextStatus.PENDING, "Ein Dokument")
    html = admin_client.get(LISTING).content.decode()
    head = re.search(r"<thead>.*?</thead>", html, flags=re.S).group(0)
    assert head.index("Datei") < head.index("Textauslesung")


def listing_queries(client):
    client.get(LISTING)  # warm per-process caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(LISTING)
    assert response.status_code == 200
    return len(queries), response.content.decode().count('class="w-status')


def test_the_query_count_does_not_grow_with_the_rows(admin_client):
    statuses = [TextStatus.PENDING, TextStatus.DONE, TextStatus.TOO_LARGE, TextStatus.UNREADABLE]
    for n in range(2):
        document_with(statuses[n], f"Erstes {n}")
    few, few_tags = listing_queries(admin_client)
    for n in range(2, 16):
        document_with(statuses[n % 4], f"Weiteres {n}")
    many, many_tags = listing_queries(admin_client)
    assert (few_tags, many_tags) == (2, 16)
    assert many == few
