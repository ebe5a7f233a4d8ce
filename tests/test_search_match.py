"""search_match (search/migrations/0006, 0007): the narrow copy of the index entries that
the site search matches against follows every write to Wagtail's index table, and its copy
of what decides whether visitors may see an object (a page's path and live flag, a
document's collection and release) follows every write to the pages and documents."""

import pytest
from django.db import connection
from modelsearch.conf import get_app_config

from search.engine import Scope
from tests.search_helpers import (
    SEARCH_URL,
    document_model,
    hit_titles,
    make_document,
    make_page,
    private_collection,
)

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


def visibility_mismatches():
    """Entries whose copied path, live flag, collection or release differ from their page's
    or document's (none: every write was followed)."""
    Document = document_model()
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            SELECT m.id FROM search_match m
            LEFT JOIN wagtailcore_page p
                ON p.id::text = m.object_id AND p.content_type_id = m.content_type_id
            LEFT JOIN django_content_type ct ON ct.id = m.content_type_id
            LEFT JOIN {Document._meta.db_table} d ON d.id::text = m.object_id
                AND ct.app_label = %s AND ct.model = %s
            WHERE m.page_path IS DISTINCT FROM p.path OR m.page_live IS DISTINCT FROM p.live
                OR m.document_collection_id IS DISTINCT FROM d.collection_id
                OR m.document_approved IS DISTINCT FROM d.approved
            """,
            [Document._meta.app_label, Document._meta.model_name],
        )
        return [row[0] for row in cursor.fetchall()]


def match_columns(obj):
    from django.contrib.contenttypes.models import ContentType

    content_type = ContentType.objects.get_for_model(obj)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT page_path, page_live, document_collection_id, document_approved "
            "FROM search_match WHERE object_id = %s AND content_type_id = %s",
            [str(obj.pk), content_type.pk],
        )
        return cursor.fetchone()


def test_an_entry_carries_its_pages_path_and_live_flag(home_page):
    page = make_page("Quartiersmanagement Leipzig")
    assert match_columns(page) == (page.path, True, None, None)
    document = make_document("Jahresbericht Quartiersmanagement")
    assert match_columns(document) == (None, None, document.collection_id, True)
    assert visibility_mismatches() == []


def test_unpublished_moved_and_deleted_pages_follow(client, home_page):
    unpublished = make_page("Quartiersmanagement Entwurf")
    moved = make_page("Quartiersmanagement verschoben")
    private = make_page("Interner Bereich")
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(page=private, restriction_type="login")
    deleted = make_page("Quartiersmanagement gelöscht")
    kept = make_page("Quartiersmanagement öffentlich")
    assert len(hit_titles(client.get(SEARCH_URL, {"q": "Quartiersmanagement"}))) == 4

    unpublished.unpublish()
    moved.move(private, pos="last-child")  # a new path, below a restricted page
    with connection.cursor() as cursor:
        # A page gone without its index entry (a failed signal, a raw delete): the entry
        # must not count as a visible page. The row's foreign keys are checked at commit.
        cursor.execute("DELETE FROM home_sectionpage WHERE page_ptr_id = %s", [deleted.pk])
        cursor.execute("DELETE FROM wagtailcore_page WHERE id = %s", [deleted.pk])

    assert visibility_mismatches() == []
    moved.refresh_from_db()
    assert match_columns(moved) == (moved.path, True, None, None)
    assert match_columns(deleted) == (None, None, None, None)
    response = client.get(SEARCH_URL, {"q": "Quartiersmanagement"})
    assert hit_titles(response) == [kept.title]
    assert "1 Treffer" in response.content.decode()


def test_documents_moved_to_a_private_collection_or_withdrawn_follow(client, home_page):
    moved = make_document("Jahresbericht Beteiligung verschoben")
    withdrawn = make_document("Jahresbericht Beteiligung zurückgezogen")
    kept = make_document("Jahresbericht Beteiligung öffentlich")
    assert len(hit_titles(client.get(SEARCH_URL, {"q": "Beteiligung"}))) == 3

    moved.collection = private_collection("Intern")
    moved.save()
    document_model().objects.filter(pk=withdrawn.pk).update(approved=False)

    assert visibility_mismatches() == []
    assert match_columns(withdrawn)[3] is False
    assert hit_titles(client.get(SEARCH_URL, {"q": "Beteiligung"})) == [kept.title]
    assert hit_titles(client.get(SEARCH_URL, {"q": "Beteiligung", "typ": "dokument"})) == [
        kept.title
    ]


def test_the_match_conditions_select_what_the_querysets_select(home_page):
    """The search filters ``search_match`` by conditions on its copied columns
    (``Scope.page_source``, ``document_source``); they must select exactly the objects
    of the querysets that define what visitors may see (``home.privacy``,
    ``documents.public``)."""
    from wagtail.models import PageViewRestriction

    home_page.save_revision().publish()  # made by a migration, indexed on publishing
    section = make_page("Rubrik")
    for number in range(3):
        make_page(f"Seite {number}", parent=section)
    make_page("Entwurf", parent=section).unpublish()
    private = make_page("Intern", parent=section)
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    make_page("Protokoll", parent=private)
    promoted = make_page("Empfohlen")
    make_document("Öffentlich")
    make_document("Intern", collection=private_collection("Intern"))
    withdrawn = make_document("Zurückgezogen")
    document_model().objects.filter(pk=withdrawn.pk).update(approved=False)

    for scope in (Scope(), Scope(home_page, [promoted.pk]), Scope(section)):
        for source, objects in (
            (scope.page_source(), scope.pages()),
            (scope.document_source(), scope.document_source().objects()),
        ):
            condition, params = source.match_condition
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT object_id FROM search_match e WHERE {condition}", params)
                matched = {int(row[0]) for row in cursor.fetchall()}
            assert matched == set(objects.values_list("pk", flat=True))
            assert matched  # every scope has some of each


def test_the_search_of_documents_only_reads_the_documents_index(client, home_page):
    from django.test.utils import CaptureQueriesContext

    make_page("Beteiligung im Quartier")
    make_document("Jahresbericht Beteiligung")
    with CaptureQueriesContext(connection) as context:
        response = client.get(SEARCH_URL, {"q": "Beteiligung", "typ": "dokument"})
    assert hit_titles(response) == ["Jahresbericht Beteiligung"]
    # One statement: the counts of all types (their own sample) and the documents' hits.
    statements = [q["sql"] for q in context.captured_queries if "websearch_to_tsquery" in q["sql"]]
    assert len(statements) == 1
    with connection.cursor() as cursor:
        # A handful of rows is read fastest without any index; the plan shows which ones
        # the statement can use.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + statements[0])
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "search_match_document_vector_gin" in plan
