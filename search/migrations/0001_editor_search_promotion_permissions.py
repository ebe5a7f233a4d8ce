"""Editors and moderators may promote search results ("Beworbene Suchergebnisse" in the
admin settings). The query chooser there lists the most frequent searches of visitors."""

from django.db import migrations

from home.migration_permissions import get_permission

GROUPS = ("Redaktion", "Moderation")
CODENAMES = {
    "add_searchpromotion": "Can add search promotion",
    "change_searchpromotion": "Can change search promotion",
    "delete_searchpromotion": "Can delete search promotion",
}


def grant(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    permissions = [
        get_permission(apps, "wagtailsearchpromotions", "searchpromotion", codename, name)
        for codename, name in CODENAMES.items()
    ]
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth.Permission")
    Group = apps.get_model("auth.Group")
    permissions = Permission.objects.filter(
        content_type__app_label="wagtailsearchpromotions", codename__in=CODENAMES
    )
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0003_editor_groups_and_workflow"),
        ("wagtailsearchpromotions", "0008_query_verbose_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
