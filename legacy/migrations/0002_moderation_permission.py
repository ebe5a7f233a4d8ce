"""Only „Moderation“ (and administrators) import the old site in the admin."""

from django.db import migrations

MODERATORS = "Moderation"


def grant(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    ContentType = apps.get_model("contenttypes.ContentType")
    group, _ = Group.objects.get_or_create(name=MODERATORS)
    content_type, _ = ContentType.objects.get_or_create(app_label="legacy", model="importedpage")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename="import_old_site",
        defaults={"name": "Kann die alte Website importieren"},
    )
    group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("legacy", "0001_initial"),
        ("home", "0003_editor_groups_and_workflow"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
