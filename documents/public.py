"""What visitors may see of the document library, for the Dokumentationen pages and the
site search alike: the documents outside restricted collections, and the live, public
pages that use a document."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef, Q
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, Page, ReferenceIndex

from ec_site.content_version import cached
from ec_site.precompiled import objects_in
from home.privacy import is_public


def public_collection_ids(root=None):
    """The collections below ``root`` (inclusive; all collections without ``root``) that
    no view restriction covers. A restriction covers the collection it is set on and all
    collections below it, so it may also sit on an ancestor of ``root``. One query, kept
    until the content changes (a collection or its privacy renews the content version)."""
    key = f"public-collections:{root.pk if root is not None else 'alle'}"
    return cached(key, lambda: _public_collection_ids(root))


def _public_collection_ids(root):
    collections = Collection.objects.all()
    if root is not None:
        collections = collections.filter(
            Q(path__startswith=root.path) | Q(view_restrictions__isnull=False)
        )
    rows = set(
        collections.values_list(
            "pk",
            "path",
            Exists(CollectionViewRestriction.objects.filter(collection=OuterRef("pk"))),
        )
    )
    restricted_paths = [path for _pk, path, restricted in rows if restricted]
    return sorted(
        pk
        for pk, path, _restricted in rows
        if (root is None or path.startswith(root.path))
        and not any(path.startswith(restricted) for restricted in restricted_paths)
    )


def public_documents(root=None):
    """Released documents that anonymous visitors may download (below ``root``, if given)."""
    return get_document_model().objects.filter(
        collection_id__in=public_collection_ids(root), approved=True
    )


def _page_references(references):
    """Wagtail's reference index rows from pages to documents: the document and the page."""
    return references.filter(
        to_content_type=ContentType.objects.get_for_model(get_document_model()),
        base_content_type=ContentType.objects.get_for_model(Page),
    ).only("to_object_id", "object_id")


def pages_using(documents):
    """``{document pk: [live, public pages that link to it, by title]}`` from Wagtail's
    reference index (StreamField blocks, rich text, choosers and the orderables of a page,
    such as the event documentation), for all ``documents`` in two queries, compiled once
    per process (``ec_site/precompiled.py``); privacy is checked against the cached
    restricted paths."""
    if not documents:
        return {}
    page_ids_by_document = {}
    references = objects_in(
        ReferenceIndex, "to_object_id", [document.pk for document in documents], _page_references
    )
    for reference in references:
        page_ids_by_document.setdefault(reference.to_object_id, set()).add(int(reference.object_id))
    all_page_ids = set().union(*page_ids_by_document.values())
    pages = {
        page.pk: page
        for page in objects_in(Page, "pk", all_page_ids)
        if page.live and is_public(page)
    }
    return {
        document.pk: sorted(
            (pages[pk] for pk in page_ids_by_document.get(str(document.pk), ()) if pk in pages),
            key=lambda page: page.title,
        )
        for document in documents
    }
