"""search_match (search/migrations/0006): the narrow copy of the index entries that the
site search matches against follows every write to Wagtail's index table."""

import pytest
from django.db import connection
from modelsearch.conf import get_app_config

from tests.search_helpers import SEARCH_URL, hit_titles, make_page

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="search_match exists on PostgreSQL only"
    ),
]


def match_rows():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id, content_type_id, object_id, title::text, vector::text FROM search_match"
        )
        return {row[0]: row[1:] for row in cursor.fetchall()}


def index_rows():
    IndexEntry = get_app_config().get_model("IndexEntry")
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id, content_type_id, object_id, title::text, (title || body)::text "
            f"FROM {IndexEntry._meta.db_table}"
        )
        return {row[0]: row[1:] for row in cursor.fetchall()}


def test_indexing_a_page_writes_its_match_row(home_page):
    page = make_page("Quartiersmanagement Leipzig", text="Ein Bericht über Gemeinwesenarbeit.")
    rows = match_rows()
    assert rows == index_rows()
    assert any(row[1] == str(page.pk) and "gemeinwesenarbeit" in row[3] for row in rows.values())


def test_changes_and_deletions_follow(client, home_page):
    page = make_page("Quartiersmanagement Leipzig")
    page.title = "Stadtteilkonferenz Halle"
    page.save_revision().publish()
    assert match_rows() == index_rows()
    assert hit_titles(client.get(SEARCH_URL, {"q": "Stadtteilkonferenz"})) == [page.title]
    assert hit_titles(client.get(SEARCH_URL, {"q": "Quartiersmanagement"})) == []
    page.delete()
    assert match_rows() == index_rows()
    assert not any(row[1] == str(page.pk) for row in match_rows().values())


def test_emptying_the_index_empties_the_copy(home_page):
    make_page("Quartiersmanagement Leipzig")
    IndexEntry = get_app_config().get_model("IndexEntry")
    with connection.cursor() as cursor:
        # The test's open transaction holds deferred foreign-key checks, which TRUNCATE
        # refuses to skip (a flush of the database runs in a transaction of its own).
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute(f"TRUNCATE {IndexEntry._meta.db_table}")
    assert match_rows() == {}
