"""The collections visitors may see are kept under the content version
(``documents.public``): a new view restriction hides its documents once it is committed."""

import pytest
from wagtail.models import Collection, CollectionViewRestriction

from documents.public import public_documents
from tests.factories.documents import DocumentFactory


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_new_restriction_hides_the_collections_documents():
    collection = Collection.get_first_root_node().add_child(name="Bald intern")
    document = DocumentFactory(title="Protokoll", collection=collection)
    assert document in public_documents()  # now kept
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    assert document not in public_documents()
    assert document not in public_documents(root=collection)
