"""The collections of the document library and what the group "Redaktion" may do there.

Production needs these, not only the demo: "Dokumentationen" (with a child collection
per year, added by editors), "Programmtexte" and "Newsletter-Archiv". Redaktion may add,
change and choose documents in them (and below them). Its right to add and change
documents anywhere (on the root collection, from home/0003) is narrowed to these, so
that collections for internal papers stay in the hands of Moderation; choosing any
document for a page stays allowed."""

from django.db import migrations

from home.migration_permissions import get_permission

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


def _shift(Collection, node, parent):
    """Move ``node`` and its subtree one place to the right among its siblings."""
    old = node.path
    new = parent.path + _step(int(old[-STEPLEN:], len(ALPHABET)) + 1)
    for member in Collection.objects.filter(path__startswith=old).order_by("-depth"):
        member.path = new + member.path[len(old) :]
        member.save(update_fields=["path"])


def _ensure_child(Collection, parent, name):
    """treebeard's ``add_child`` is not available on historical models. Collections keep
    their children sorted by name (``node_order_by``), and treebeard relies on the paths
    following that order: the new child goes to its place, later siblings move right."""
    children = list(
        Collection.objects.filter(path__startswith=parent.path, depth=parent.depth + 1).order_by(
            "path"
        )
    )
    for child in children:
        if child.name == name:
            return child
    later = [child for child in children if child.name > name]
    if later:
        path = later[0].path
        for sibling in reversed(later):
            _shift(Collection, sibling, parent)
    else:
        number = int(children[-1].path[-STEPLEN:], len(ALPHABET)) + 1 if children else 1
        path = parent.path + _step(number)
    child = Collection.objects.create(name=name, path=path, depth=parent.depth + 1, numchild=0)
    Collection.objects.filter(pk=parent.pk).update(numchild=len(children) + 1)
    return child


def _permission(apps, codename):
    return get_permission(apps, "wagtaildocs", "document", codename)


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
