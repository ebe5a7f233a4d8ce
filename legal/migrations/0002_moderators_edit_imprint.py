"""The group "Moderation" keeps the Impressum data, like the footer settings."""

from django.db import migrations

from home.migration_permissions import get_permission


def grant(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    group = Group.objects.filter(name="Moderation").first()
    if group is None:
        return
    permission = get_permission(
        apps, "legal", "imprintsettings", "change_imprintsettings", "Can change Impressum-Angaben"
    )
    group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("legal", "0001_initial"),
        ("home", "0003_editor_groups_and_workflow"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
