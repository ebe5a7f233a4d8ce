"""The group "Moderation" keeps the Impressum data, like the footer settings."""

from django.db import migrations


def grant(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    ContentType = apps.get_model("contenttypes.ContentType")
    group = Group.objects.filter(name="Moderation").first()
    if group is None:
        return
    content_type, _ = ContentType.objects.get_or_create(app_label="legal", model="imprintsettings")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename="change_imprintsettings",
        defaults={"name": "Can change Impressum-Angaben"},
    )
    group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("legal", "0001_initial"),
        ("home", "0003_editor_groups_and_workflow"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
