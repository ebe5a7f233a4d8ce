"""The collections of the document library and what the group "Redaktion" may do there.

Production needs these, not only the demo: "Dokumentationen" (with a child collection
per year, added by editors), "Programmtexte" and "Newsletter-Archiv". Redaktion may add,
change and choose documents in them (and below them). Its right to add and change
documents anywhere (on the root collection, from home/0003) is narrowed to these, so
that collections for internal papers stay in the hands of Moderation; choosing any
document for a page stays allowed."""

from django.db import migrations

EDITORS = "Redaktion"
LIBRARY = ["Dokumentationen", "Programmtexte", "Newsletter-Archiv"]
GRANTED = ["add_document", "change_document", "choose_document"]
NARROWED = ["add_document", "change_document"]
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
STEPLEN = 4


def _step(number):
    digits = ""
    while number:
        number, remainder = divmod(number, len(ALPHABET))
        digits = ALPHABET[remainder] + digits
    return digits.rjust(STEPLEN, "0")


def _ensure_child(Collection, parent, name):
    """treebeard's ``add_child`` is not available on historical models."""
    children = Collection.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
    existing = children.filter(name=name).first()
    if existing is not None:
        return existing
    last = children.order_by("-path").first()
    number = int(last.path[-STEPLEN:], len(ALPHABET)) + 1 if last else 1
    child = Collection.objects.create(
        name=name, path=parent.path + _step(number), depth=parent.depth + 1, numchild=0
    )
    Collection.objects.filter(pk=parent.pk).update(numchild=children.count())
    return child


def _permission(apps, codename):
    ContentType = apps.get_model("contenttypes.ContentType")
    Permission = apps.get_model("auth.Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label="wagtaildocs", model="document")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": codename.replace("_", " ")}
    )
    return permission


def library_collections(apps, schema_editor):
    Collection = apps.get_model("wagtailcore.Collection")
    Group = apps.get_model("auth.Group")
    GroupCollectionPermission = apps.get_model("wagtailcore.GroupCollectionPermission")

    root = Collection.objects.get(depth=1)
    collections = [_ensure_child(Collection, root, name) for name in LIBRARY]
    editors = Group.objects.filter(name=EDITORS).first()
    if editors is None:
        return
    for collection in collections:
        for codename in GRANTED:
            GroupCollectionPermission.objects.get_or_create(
                group=editors, collection=collection, permission=_permission(apps, codename)
            )
    GroupCollectionPermission.objects.filter(
        group=editors,
        collection=root,
        permission__in=[_permission(apps, codename) for codename in NARROWED],
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0003_documentlistpage"),
        ("home", "0003_editor_groups_and_workflow"),
    ]

    operations = [migrations.RunPython(library_collections, migrations.RunPython.noop)]
