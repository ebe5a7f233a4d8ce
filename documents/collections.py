"""A documentation with a year, filed into „Dokumentationen“ itself, goes to the year's
collection („Dokumentationen › 2027“), which is created when first needed. Redaktion may
add documents below „Dokumentationen“ but not create collections, so without this a
new year could only be filed after Moderation had created its collection."""

from wagtail.models import Collection

DOCUMENTATION = "Dokumentationen"


def year_collection(parent, year):
    """The child collection of ``parent`` named after ``year``, created if missing."""
    name = str(year)
    child = parent.get_children().filter(name=name).first()
    return child if child is not None else parent.add_child(name=name)


def is_documentation_root(collection):
    return collection.depth == 2 and collection.name == DOCUMENTATION


def file_by_year(sender, instance, **kwargs):
    """``pre_save`` of documents."""
    if not instance.year or instance.collection_id is None:
        return
    collection = Collection.objects.filter(pk=instance.collection_id).first()
    if collection is not None and is_documentation_root(collection):
        instance.collection = year_collection(collection, instance.year)
