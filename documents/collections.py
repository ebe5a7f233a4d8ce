"""A documentation with a year, filed into „Dokumentationen“ itself, goes to the year's
collection („Dokumentationen › 2027“), which is created when first needed. Redaktion may
add documents below „Dokumentationen“ but not create collections, so without this a
new year could only be filed after Moderation had created its collection."""

from django.db import transaction
from wagtail.models import Collection

DOCUMENTATION = "Dokumentationen"


def year_collection(parent, year):
    """The child collection of ``parent`` named after ``year``, created if missing.

    Two first uploads of a year at the same time must not create two „2027“: the creating
    one locks the parent's row (``select_for_update``), so a second one waits there and
    then finds the first one's collection. Collections are tree nodes (treebeard's
    ``MP_Node``), where a unique name per parent cannot be a constraint (``add_child`` locks
    the parent too, but only after the caller has looked for the name). On SQLite the lock
    is the database's single writer (a second writer waits or fails, it never duplicates)."""
    name = str(year)
    child = parent.get_children().filter(name=name).first()
    if child is not None:
        return child
    with transaction.atomic():
        locked = Collection.objects.select_for_update().get(pk=parent.pk)
        child = locked.get_children().filter(name=name).first()
        return child if child is not None else locked.add_child(name=name)


def is_documentation_root(collection):
    return collection.depth == 2 and collection.name == DOCUMENTATION


def file_by_year(sender, instance, **kwargs):
    """``pre_save`` of documents."""
    if not instance.year or instance.collection_id is None:
        return
    collection = Collection.objects.filter(pk=instance.collection_id).first()
    if collection is not None and is_documentation_root(collection):
        instance.collection = year_collection(collection, instance.year)
