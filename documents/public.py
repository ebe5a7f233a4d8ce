"""What visitors may see of the document library, for the Dokumentationen pages and the
site search alike: the documents outside restricted collections, and the live, public
pages that use a document."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef, Q
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, Page, ReferenceIndex

from ec_site.content_version import cached
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


def pages_using(documents):
    """``{document pk: [live, public pages that link to it, by title]}`` from Wagtail's
    reference index (StreamField blocks, rich text, choosers and the orderables of a page,
    such as the event documentation), for all ``documents`` in one query; privacy is
    checked against the cached restricted paths."""
    if not documents:
        return {}
    document_ids = sorted({str(document.pk) for document in documents})
    references, pages = ReferenceIndex._meta.db_table, Page._meta.db_table
    sql = (
        f"SELECT p.*, r.to_object_id AS used_document_id FROM {references} r "
        f"JOIN {pages} p ON p.id = CAST(r.object_id AS integer) "
        "WHERE r.to_content_type_id = %s AND r.base_content_type_id = %s "
        f"AND r.to_object_id IN ({', '.join(['%s'] * len(document_ids))}) AND p.live"
    )
    params = [
        ContentType.objects.get_for_model(get_document_model()).pk,
        ContentType.objects.get_for_model(Page).pk,
        *document_ids,
    ]
    pages_by_document = {}
    for page in Page.objects.raw(sql, params):
        if is_public(page):
            pages_by_document.setdefault(page.used_document_id, {})[page.pk] = page
    return {
        document.pk: sorted(
            pages_by_document.get(str(document.pk), {}).values(), key=lambda page: page.title
        )
        for document in documents
    }
