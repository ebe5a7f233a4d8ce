"""The content version is renewed when a change is committed, never before.

Renewed inside the transaction (as the signals fire), a reader arriving before the
commit reads the old rows and stores them under the new version: the old page is then
served after the commit. These tests put a reader into exactly that window, through the
real admin views (workflow approval, deletion) and Wagtail's ``publish_scheduled``, and
check what every anonymous reader gets once the change is committed."""

import datetime
import re
import threading
import time
from contextlib import contextmanager

import pytest
import time_machine
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.db import connection, transaction
from django.db.models.signals import post_delete
from django.test import Client, override_settings
from django.utils import timezone
from wagtail.models import Page
from wagtail.signals import page_published

from ec_site.content_version import content_version
from tests.factories.home import SectionPageFactory
from tests.login import log_in

POSTGRES_ONLY = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="Readers in other threads during an open transaction need PostgreSQL (SQLite's "
    "shared in-memory test database locks its tables for other connections).",
)

# Committed transactions with the data the migrations made (groups, workflow, start page).
committed = pytest.mark.django_db(transaction=True, serialized_rollback=True)

FORM = {
    "slug": "programm",
    "body-count": "0",
    "related_material-count": "0",
    "listing_title": "",
    "listing_summary": "",
    "seo_title": "",
    "search_description": "",
}


@pytest.fixture
def page_cache_on():
    with override_settings(PAGE_CACHE_ENABLED=True):
        yield


def make_user(name, group):
    user = User.objects.create_user(name, password="pw")
    user.groups.add(Group.objects.get(name=group))
    return user


def anonymous_get(path):
    """A request of a visitor in a thread of its own (its own database connection)."""
    found = {}

    def read():
        try:
            response = Client().get(path)
            found["status"] = response.status_code
            found["body"] = response.content.decode()
            found["cache"] = response.get("X-Page-Cache")
        finally:
            connection.close()

    thread = threading.Thread(target=read)
    thread.start()
    thread.join(60)
    return found


@contextmanager
def reader_during(signal, path, readings, **connect):
    """While the change is made, a visitor reads ``path`` from inside the transaction's
    window (the signal fires before the commit)."""

    def receiver(**kwargs):
        readings.append(anonymous_get(path))

    signal.connect(receiver, weak=False, dispatch_uid="test-reader-in-window", **connect)
    try:
        yield
    finally:
        signal.disconnect(dispatch_uid="test-reader-in-window", **connect)


@pytest.mark.django_db
def test_a_publish_renews_the_version_when_it_is_committed(
    home_page, django_capture_on_commit_callbacks
):
    page = SectionPageFactory(title="Programm", slug="programm")
    with django_capture_on_commit_callbacks(execute=True):
        before = content_version()
        page.intro = "Zweite Fassung"
        page.save_revision().publish()
        assert content_version() == before  # the transaction is still open
    assert content_version() != before


@pytest.mark.django_db
def test_a_change_that_is_rolled_back_renews_nothing(home_page):
    page = SectionPageFactory(title="Programm", slug="programm")
    before = content_version()
    with pytest.raises(RuntimeError), transaction.atomic():
        page.save_revision().publish()
        raise RuntimeError("abgebrochen")
    assert content_version() == before


@POSTGRES_ONLY
@committed
def test_workflow_approval_is_seen_by_every_reader_after_the_commit(page_cache_on):
    page = SectionPageFactory(title="Programm", slug="programm", intro="Erste Fassung")
    assert "Erste Fassung" in Client().get("/programm/").content.decode()
    assert Client().get("/programm/")["X-Page-Cache"] == "hit"

    editor, moderator = make_user("redakteurin", "Redaktion"), make_user("mod", "Moderation")
    client = Client()
    log_in(client, editor)
    form = {**FORM, "title": "Programm", "intro": "Zweite Fassung"}
    response = client.post(f"/admin/pages/{page.pk}/edit/", {**form, "action-submit": "x"})
    assert response.status_code == 302

    readings = []
    log_in(client, moderator)
    with reader_during(page_published, "/programm/", readings):
        response = client.post(
            f"/admin/pages/{page.pk}/edit/",
            {**form, "action-workflow-action": "true", "workflow-action-name": "approve"},
        )
    assert response.status_code == 302
    # The reader came in before the commit and saw (and may have stored) the old text.
    assert len(readings) == 1 and "Erste Fassung" in readings[0]["body"]

    for _ in range(3):
        after = anonymous_get("/programm/")
        assert "Zweite Fassung" in after["body"], after.get("cache")


@POSTGRES_ONLY
@committed
def test_a_deleted_page_is_gone_for_every_reader_after_the_commit(page_cache_on):
    page = SectionPageFactory(title="Programm", slug="programm")
    moderator = make_user("mod", "Moderation")
    assert Client().get("/programm/").status_code == 200

    readings = []
    client = Client()
    log_in(client, moderator)
    with reader_during(post_delete, "/programm/", readings, sender=Page):
        response = client.post(f"/admin/pages/{page.pk}/delete/")
    assert response.status_code == 302
    assert readings and readings[0]["status"] == 200  # read inside the window

    for _ in range(3):
        assert anonymous_get("/programm/")["status"] == 404
    assert "/programm/" not in Client().get("/").content.decode()


@committed
def test_scheduled_go_live_is_seen_at_once(page_cache_on, home_page):
    page = SectionPageFactory(title="Programm", slug="programm", intro="Erste Fassung")
    page.intro = "Geplante Fassung"
    page.go_live_at = timezone.now() + datetime.timedelta(hours=1)
    page.save_revision().publish()  # scheduled, not live yet
    assert "Erste Fassung" in Client().get("/programm/").content.decode()
    assert Client().get("/programm/")["X-Page-Cache"] == "hit"

    later = timezone.now() + datetime.timedelta(hours=2)
    with time_machine.travel(later, tick=False):
        call_command("publish_scheduled")
        response = Client().get("/programm/")
    assert "Geplante Fassung" in response.content.decode()


@committed
def test_scheduled_expiry_is_seen_at_once(page_cache_on, home_page):
    page = SectionPageFactory(title="Programm", slug="programm")
    Page.objects.filter(pk=page.pk).update(expire_at=timezone.now() - datetime.timedelta(1))
    assert Client().get("/programm/").status_code == 200
    assert Client().get("/programm/")["X-Page-Cache"] == "hit"
    call_command("publish_scheduled")
    assert Client().get("/programm/").status_code == 404


@pytest.mark.chaos
@POSTGRES_ONLY
@committed
def test_readers_hammering_a_page_never_get_it_stale_after_a_commit(page_cache_on):
    """Six readers request the page without pause while it is published again and again
    and finally deleted. Every answer to a request that started after a commit shows that
    commit's text (or 404 after the deletion)."""
    page = SectionPageFactory(title="Programm", slug="programm", intro="Fassung 0")
    committed_at = {0: time.monotonic()}
    deleted_at = []
    stop = threading.Event()
    answers = []

    def reader():
        client = Client()
        try:
            while not stop.is_set():
                started = time.monotonic()
                response = client.get("/programm/")
                body = response.content.decode()
                found = re.search(r"Fassung (\d+)", body)
                seen = int(found.group(1)) if found else None
                answers.append((started, response.status_code, seen))
        finally:
            connection.close()

    threads = [threading.Thread(target=reader) for _ in range(6)]
    for thread in threads:
        thread.start()
    try:
        for number in range(1, 9):
            time.sleep(0.15)
            page.intro = f"Fassung {number}"
            page.save_revision().publish()
            committed_at[number] = time.monotonic()
        time.sleep(0.15)
        deleting_since = time.monotonic()
        Page.objects.get(pk=page.pk).delete()
        deleted_at.append(time.monotonic())
        time.sleep(0.3)
    finally:
        stop.set()
        for thread in threads:
            thread.join(30)

    stale = []
    for started, status, seen in answers:
        newest = max(n for n, at in committed_at.items() if at <= started)
        if started > deleted_at[0]:
            if status != 404:
                stale.append((started, status, seen, "gelöscht"))
        elif status == 404 and started > deleting_since:
            continue  # came in while the deletion was being committed: either answer is right
        elif status != 200 or seen is None or seen < newest:
            stale.append((started, status, seen, newest))
    assert len(answers) > 100
    assert any(started > deleted_at[0] for started, _, _ in answers)
    assert stale == []
