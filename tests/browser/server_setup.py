"""Prepares the live server's database for the browser suite, in one process:
migrate, demo content, the editor and the moderator, and an inventory of what to visit.

Run by conftest.py as ``python -m tests.browser.server_setup <inventory.json>`` with the
server's environment (DJANGO_SETTINGS_MODULE=tests.browser.settings, DATABASE_URL, ...).
"""

import json
import sys
from io import StringIO

import django

EDITOR = ("redakteurin", "Redaktion")
MODERATOR = ("moderator", "Moderation")
PASSWORD = "browser-test-passwort-7"


def create_users():
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    User = get_user_model()
    for username, group in (EDITOR, MODERATOR):
        user, _ = User.objects.get_or_create(
            username=username,
            defaults={"email": f"{username}@example.org", "first_name": username.title()},
        )
        user.set_password(PASSWORD)
        user.save()
        user.groups.set([Group.objects.get(name=group)])


def inventory():
    """One live page per page type (the shallowest, so listings come with their
    entries), plus what the editor journey needs to know."""
    from django.apps import apps
    from wagtail.models import Collection, Page

    pages = {}
    for page in Page.objects.live().public().specific().order_by("depth", "path"):
        key = page._meta.label_lower
        if key != "wagtailcore.page":
            pages.setdefault(key, {"type": key, "url": page.url, "title": page.title})

    def page_id(slug):
        page = Page.objects.filter(slug=slug).first()
        return page.pk if page else None

    try:
        event_model = apps.get_model("conference", "EventPage")
    except LookupError:
        event_model = None
    event_parent = None
    if event_model is not None:
        parent_types = event_model.allowed_parent_page_models()
        event_parent = Page.objects.live().type(*parent_types).order_by("depth", "path").first()

    documentation = Collection.objects.filter(name="Dokumentationen").first()
    return {
        "pages": list(pages.values()),
        "section_parent_id": page_id("basisinfo"),
        "event_parent_id": event_parent.pk if event_parent else None,
        "event_parent_url": event_parent.url if event_parent else None,
        "documentation_collection_id": documentation.pk if documentation else None,
    }


def main(out_path):
    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    call_command("load_demo_content", stdout=StringIO())
    create_users()
    with open(out_path, "w", encoding="utf-8") as out:
        json.dump(inventory(), out, ensure_ascii=False, indent=2)


if __name__ == "__main__":
    main(sys.argv[1])
