"""Release of uploads that someone without the right to manage the library made.

Such a document waits (``approved`` false, see documents/permissions.py) until Moderation
ticks „Freigeben“ in its edit form or publishes a page that uses it: publishing is the
moderation workflow's approval, so the documents a page links to go live with it."""

from functools import partial

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.dispatch import receiver
from wagtail.documents import get_document_model
from wagtail.models import ReferenceIndex
from wagtail.signals import page_published

from ec_site.content_version import renew_content_version


def approve_documents_used_by(page):
    """Release every waiting document that ``page`` (as published) uses."""
    # The index may be refreshed by a task after the commit: read the page itself.
    ReferenceIndex.create_or_update_for_object(page)
    Document = get_document_model()
    document_ids = (
        ReferenceIndex.get_references_for_object(page)
        .filter(to_content_type=ContentType.objects.get_for_model(Document))
        .values_list("to_object_id", flat=True)
    )
    released = Document.objects.filter(
        pk__in=[int(pk) for pk in document_ids if pk.isdigit()], approved=False
    ).update(approved=True)
    if released:
        renew_content_version()
    return released


@receiver(page_published)
def release_documents_of_published_page(sender, instance, **kwargs):
    transaction.on_commit(partial(approve_documents_used_by, instance), robust=True)
