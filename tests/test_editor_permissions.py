"""Groups "Redaktion" and "Moderation" and the moderation workflow from the migrations."""

import pytest
from django.contrib.auth.models import Group, User
from wagtail.models import Page, Workflow

from tests.factories.home import SectionPageFactory
from tests.login import log_in

pytestmark = pytest.mark.django_db


def make_user(name, group):
    user = User.objects.create_user(name, password="pw")
    user.groups.add(Group.objects.get(name=group))
    return user


def test_groups_exist_with_their_page_permissions(home_page):
    page = SectionPageFactory(title="Programm", slug="programm")
    editor = make_user("redakteurin", "Redaktion")
    moderator = make_user("moderator", "Moderation")

    editor_perms = page.permissions_for_user(editor)
    assert editor_perms.can_edit() and editor_perms.can_add_subpage()
    assert not editor_perms.can_publish()
    assert not Group.objects.filter(name__in=["Editors", "Moderators"]).exists()

    moderator_perms = page.permissions_for_user(moderator)
    assert moderator_perms.can_publish() and moderator_perms.can_unpublish()
    assert editor.has_perm("wagtailadmin.access_admin")


def test_every_page_goes_through_the_moderation_workflow(home_page):
    page = SectionPageFactory(title="Programm", slug="programm")
    workflow = page.get_workflow()
    assert workflow is not None and workflow.name == "Redaktionelle Freigabe"
    task = workflow.tasks.get().specific
    assert list(task.groups.values_list("name", flat=True)) == ["Moderation"]
    assert Workflow.objects.filter(active=True).count() == 1


def test_editor_submits_and_moderator_approves(client, home_page):
    page = SectionPageFactory(title="Programm", slug="programm")
    editor = make_user("redakteurin", "Redaktion")
    moderator = make_user("moderator", "Moderation")

    log_in(client, editor)
    response = client.post(
        f"/admin/pages/{page.pk}/edit/",
        {
            "title": "Programm (neu)",
            "slug": "programm",
            "intro": "",
            "body-count": "0",
            "related_material-count": "0",
            "listing_title": "",
            "listing_summary": "",
            "seo_title": "",
            "search_description": "",
            "action-submit": "Zur Freigabe einreichen",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    page.refresh_from_db()
    assert page.title == "Programm"  # not published yet
    state = page.current_workflow_state
    assert state is not None and state.status == "in_progress"

    log_in(client, moderator)
    task_state = state.current_task_state
    response = client.post(
        f"/admin/pages/{page.pk}/edit/",
        {
            "title": "Programm (neu)",
            "slug": "programm",
            "intro": "",
            "body-count": "0",
            "related_material-count": "0",
            "listing_title": "",
            "listing_summary": "",
            "seo_title": "",
            "search_description": "",
            "action-workflow-action": "true",
            "workflow-action-name": "approve",
        },
    )
    assert response.status_code == 302
    task_state.refresh_from_db()
    page = Page.objects.get(pk=page.pk)
    assert page.title == "Programm (neu)" and page.live
