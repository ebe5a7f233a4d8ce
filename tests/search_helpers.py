"""Pages and documents for the search tests."""

import re

from wagtail.documents import get_document_model
from wagtail.models import Collection

from documents.demo import ensure_collection, ensure_document
from tests.factories.home import SectionPageFactory

SEARCH_URL = "/suche/"


def paragraph(html):
    return {"type": "paragraph", "value": html}


def make_page(title, text="Ein Absatz ohne besondere Wörter.", parent=None, **fields):
    """A published content page with ``text`` as its only paragraph."""
    extra = {"parent": parent} if parent is not None else {}
    return SectionPageFactory(title=title, body=[paragraph(f"<p>{text}</p>")], **extra, **fields)


def make_document(title, text="Allgemeiner Text.", collection=None):
    """A PDF document (one section with ``text``) in ``collection`` (default: root)."""
    collection = collection or Collection.get_first_root_node()
    filename = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-") + ".pdf"
    document, _ = ensure_document(title, collection, filename, [("Abschnitt", [text])])
    return document


def private_collection(name="Intern"):
    from wagtail.models import CollectionViewRestriction

    collection = ensure_collection(name)
    CollectionViewRestriction.objects.create(collection=collection, restriction_type="login")
    return collection


def hit_titles(response):
    """The titles of the hits in the order shown (pages link their title, documents not)."""
    html = response.content.decode()
    return [
        re.sub(r"<[^>]+>", "", title).strip()
        for title in re.findall(r'<h3 class="search-hit__title">(.*?)</h3>', html, re.S)
    ]


def document_model():
    return get_document_model()
