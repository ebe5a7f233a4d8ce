"""Editor groups and the moderation workflow.

"Redaktion" writes pages and submits them for moderation; "Moderation" approves and
publishes. Every page of the site goes through the workflow "Redaktionelle Freigabe".
Wagtail's default groups and workflow are replaced by these."""

from django.db import migrations

from home.migration_permissions import get_permission

EDITORS = "Redaktion"
MODERATORS = "Moderation"
WORKFLOW = "Redaktionelle Freigabe"
TASK = "Freigabe durch die Moderation"

PAGE_PERMISSIONS = {
    EDITORS: ["add_page", "change_page"],
    MODERATORS: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page", "bulk_delete_page"],
}
# (app_label, model, codenames) for collection-level permissions on the root collection.
COLLECTION_PERMISSIONS = {
    EDITORS: [
        ("wagtaildocs", "document", ["add_document", "change_document", "choose_document"]),
        ("wagtailimages", "image", ["add_image", "change_image", "choose_image"]),
    ],
    MODERATORS: [
        ("wagtaildocs", "document", ["add_document", "change_document", "delete_document", "choose_document"]),
        ("wagtailimages", "image", ["add_image", "change_image", "delete_image", "choose_image"]),
    ],
}
MODEL_PERMISSIONS = {
    EDITORS: [("wagtailadmin", "admin", "access_admin")],
    MODERATORS: [
        ("wagtailadmin", "admin", "access_admin"),
        ("home", "footersettings", "change_footersettings"),
        ("wagtailredirects", "redirect", "add_redirect"),
        ("wagtailredirects", "redirect", "change_redirect"),
        ("wagtailredirects", "redirect", "delete_redirect"),
    ],
}


def create_groups_and_workflow(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Page = apps.get_model("wagtailcore.Page")
    Collection = apps.get_model("wagtailcore.Collection")
    GroupPagePermission = apps.get_model("wagtailcore.GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore.GroupCollectionPermission")
    Workflow = apps.get_model("wagtailcore.Workflow")
    WorkflowTask = apps.get_model("wagtailcore.WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore.WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore.GroupApprovalTask")
    ContentType = apps.get_model("contenttypes.ContentType")

    root_page = Page.objects.get(depth=1)
    root_collection = Collection.objects.get(depth=1)

    # Wagtail's defaults ("Editors", "Moderators", "Moderators approval") would confuse editors.
    WorkflowPage.objects.filter(page=root_page).delete()
    Workflow.objects.filter(name="Moderators approval").update(active=False)
    GroupApprovalTask.objects.filter(name="Moderators approval").update(active=False)
    Group.objects.filter(name__in=["Editors", "Moderators"]).delete()

    groups = {}
    for name in (EDITORS, MODERATORS):
        group, _ = Group.objects.get_or_create(name=name)
        groups[name] = group
        for codename in PAGE_PERMISSIONS[name]:
            GroupPagePermission.objects.get_or_create(
                group=group,
                page=root_page,
                permission=get_permission(apps, "wagtailcore", "page", codename),
            )
        for app_label, model, codenames in COLLECTION_PERMISSIONS[name]:
            for codename in codenames:
                GroupCollectionPermission.objects.get_or_create(
                    group=group,
                    collection=root_collection,
                    permission=get_permission(apps, app_label, model, codename),
                )
        for app_label, model, codename in MODEL_PERMISSIONS[name]:
            group.permissions.add(get_permission(apps, app_label, model, codename))

    task_type, _ = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    task, _ = GroupApprovalTask.objects.get_or_create(
        name=TASK, defaults={"content_type": task_type, "active": True}
    )
    task.groups.set([groups[MODERATORS]])
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=root_page, defaults={"workflow": workflow})


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0002_start_page"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups_and_workflow, migrations.RunPython.noop)]
