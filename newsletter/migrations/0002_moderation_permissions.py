"""Only „Moderation“ (and administrators) see subscribers and send issues."""

from django.db import migrations

MODERATORS = "Moderation"
PERMISSIONS = [
    ("subscriber", "view_subscriber", "Can view Abonnent*in"),
    ("subscriber", "change_subscriber", "Can change Abonnent*in"),
    ("subscriber", "delete_subscriber", "Can delete Abonnent*in"),
    ("subscriber", "export_subscriber", "Kann Abonnent*innen exportieren"),
    ("newsletterissuepage", "send_newsletter", "Kann Newsletter versenden"),
]


def grant(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    ContentType = apps.get_model("contenttypes.ContentType")
    group, _ = Group.objects.get_or_create(name=MODERATORS)
    for model, codename, name in PERMISSIONS:
        content_type, _ = ContentType.objects.get_or_create(app_label="newsletter", model=model)
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )
        group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("newsletter", "0001_initial"),
        ("home", "0003_editor_groups_and_workflow"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
