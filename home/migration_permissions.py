"""A helper for data migrations that grant permissions to the editor groups.

Django creates permissions only after all migrations ran (``post_migrate``), so a
migration that grants one creates it (and its content type) itself if missing."""


def get_permission(apps, app_label, model, codename, name=None):
    """The historical ``Permission`` ``codename`` of ``app_label.model``, created if missing."""
    ContentType = apps.get_model("contenttypes.ContentType")
    Permission = apps.get_model("auth.Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename=codename,
        defaults={"name": name or codename.replace("_", " ")},
    )
    return permission
