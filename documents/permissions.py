"""Who may do what with the document library.

Wagtail's ownership policy lets anyone who may *add* documents edit and delete their own
uploads, and anyone who may *change* documents in a collection edit, replace and delete all
of them. "Redaktion" only adds (migration home/0006), so its members keep to their own
uploads; "Moderation" changes and deletes. On top of Wagtail's rules:

- a document that a live page uses is deleted, and its file replaced, only by someone who
  manages the collection (Moderation, administrators): the page would otherwise change
  without going through the moderation workflow;
- an upload by someone who does not manage the collection waits for release
  (``approved`` is false): it appears in no public listing, search or download until
  Moderation releases it or publishes a page that uses it (documents/approval.py)."""

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page, ReferenceIndex
from wagtail.permission_policies.collections import (
    CollectionOwnershipPermissionPolicy,
    CollectionPermissionPolicy,
)


def live_pages_using(document):
    """The live pages that use ``document`` (Wagtail's reference index), by title."""
    page_ids = (
        ReferenceIndex.get_references_to(document)
        .filter(base_content_type=ContentType.objects.get_for_model(Page))
        .values_list("object_id", flat=True)
    )
    return list(Page.objects.live().filter(pk__in=[int(pk) for pk in page_ids]).order_by("title"))


class LibraryPermissionPolicy(CollectionOwnershipPermissionPolicy):
    def __init__(self, model, auth_model=None, owner_field_name="uploaded_by_user"):
        super().__init__(model, auth_model=auth_model, owner_field_name=owner_field_name)
        # The collection rights alone, without the ownership rule: who manages a collection.
        self.management = CollectionPermissionPolicy(model, auth_model=auth_model)

    def user_manages(self, user, document):
        """True for members with the ``change`` right on the document's collection."""
        return self.management.user_has_permission_for_instance(user, "change", document)

    def user_has_permission_for_instance(self, user, action, instance):
        allowed = super().user_has_any_permission_for_instance(user, [action], instance)
        if allowed and action == "delete" and not self.user_manages(user, instance):
            return not live_pages_using(instance)
        return allowed

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(
            self.user_has_permission_for_instance(user, action, instance) for action in actions
        )


def library_permission_policy():
    from wagtail.documents import get_document_model_string

    return LibraryPermissionPolicy(get_document_model_string(), auth_model="wagtaildocs.Document")
