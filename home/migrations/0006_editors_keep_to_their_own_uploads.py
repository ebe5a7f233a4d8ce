"""Issue 13: "Redaktion" keeps to its own uploads and leaves promotions to Moderation.

Wagtail lets whoever may *change* documents or images in a collection edit, replace and
delete every file there. Redaktion keeps the right to add (and so to edit its own uploads,
Wagtail's ownership rule) and to choose; changing the files of others, deleting them and
search promotions (links shown above the search results) are for Moderation."""

from django.db import migrations

EDITORS = "Redaktion"
COLLECTION_CODENAMES = [("wagtaildocs", "change_document"), ("wagtailimages", "change_image")]
PROMOTION_APP = "wagtailsearchpromotions"


def narrow(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    GroupCollectionPermission = apps.get_model("wagtailcore.GroupCollectionPermission")
    Permission = apps.get_model("auth.Permission")
    editors = Group.objects.filter(name=EDITORS).first()
    if editors is None:
        return
    for app_label, codename in COLLECTION_CODENAMES:
        GroupCollectionPermission.objects.filter(
            group=editors,
            permission__content_type__app_label=app_label,
            permission__codename=codename,
        ).delete()
    editors.permissions.remove(
        *Permission.objects.filter(content_type__app_label=PROMOTION_APP)
    )


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0005_body_video_block"),
        ("documents", "0004_library_collections_and_permissions"),
        ("search", "0001_editor_search_promotion_permissions"),
    ]

    operations = [migrations.RunPython(narrow, migrations.RunPython.noop)]
