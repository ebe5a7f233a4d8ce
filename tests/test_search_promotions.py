"""Promoted results ("Empfehlung der Redaktion") and the query statistics for editors."""

from datetime import date

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits, SearchPromotion
from wagtail.models import PageViewRestriction

from tests.search_helpers import SEARCH_URL, hit_titles, make_page

pytestmark = pytest.mark.django_db


def promote(query, page=None, **fields):
    return SearchPromotion.objects.create(
        query=Query.get(query), page=page, sort_order=SearchPromotion.objects.count(), **fields
    )


def test_promoted_results_come_first(client, home_page):
    for number in range(3):
        make_page(f"Kinderarmut {number}")
    promoted = make_page("Armutsprävention", text="Ohne das Suchwort.")
    promote("kinderarmut", promoted, description="Unser Überblick zum Thema.")
    promote(
        "Kinderarmut",
        external_link_url="https://www.bmfsfj.de/",
        external_link_text="Bundesministerium",
    )

    html = client.get(SEARCH_URL, {"q": "Kinderarmut"}).content.decode()
    titles = hit_titles(type("R", (), {"content": html.encode()}))
    assert titles[:2] == [promoted.title, "Bundesministerium"]
    assert len(titles) == 5
    assert "Empfehlung der Redaktion" in html
    assert html.index("Empfehlung der Redaktion") < html.index('<h2 id="treffer">')
    assert "Unser Überblick zum Thema." in html
    assert "5 Treffer für „Kinderarmut“" in html


def test_a_promoted_page_is_not_listed_twice(client, home_page):
    promoted = make_page("Kinderarmut Überblick")
    make_page("Kinderarmut Studie")
    promote("Kinderarmut", promoted)
    titles = hit_titles(client.get(SEARCH_URL, {"q": "Kinderarmut"}))
    assert titles == [promoted.title, "Kinderarmut Studie"]


def test_promotions_of_private_or_unpublished_pages_are_not_shown(client, home_page):
    private = make_page("Intern")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    draft = make_page("Entwurf")
    draft.unpublish()
    promote("Kinderarmut", private)
    promote("Kinderarmut", draft)
    html = client.get(SEARCH_URL, {"q": "Kinderarmut"}).content.decode()
    assert "Empfehlung der Redaktion" not in html
    assert "Keine Treffer" in html


def test_promotions_only_on_the_first_page_and_without_type_filter(client, home_page):
    for number in range(12):
        make_page(f"Kinderarmut {number}")
    promote("Kinderarmut", make_page("Überblick"))
    assert "Empfehlung der Redaktion" not in client.get(
        SEARCH_URL, {"q": "Kinderarmut", "page": "2"}
    ).content.decode("utf-8")
    assert "Empfehlung der Redaktion" not in client.get(
        SEARCH_URL, {"q": "Kinderarmut", "typ": "dokument"}
    ).content.decode("utf-8")


def test_searches_are_counted_for_the_editors(client, home_page):
    client.get(SEARCH_URL, {"q": "Kinderarmut"})
    client.get(SEARCH_URL, {"q": "  KINDERARMUT "})
    client.get(SEARCH_URL, {"q": "Kinderarmut", "page": "2"})  # the same search, paged
    client.get(SEARCH_URL, {"q": "Jugendhilfe"})
    client.get(SEARCH_URL, {"q": ""})  # no search
    popular = list(Query.get_most_popular())
    assert [(query.query_string, query._hits) for query in popular] == [
        ("kinderarmut", 2),
        ("jugendhilfe", 1),
    ]


def test_admin_report_lists_the_most_frequent_queries(client, admin_client, home_page):
    for _ in range(3):
        client.get(SEARCH_URL, {"q": "Quartiersmanagement"})
    client.get(SEARCH_URL, {"q": "Kita"})
    response = admin_client.get(reverse("wagtailsearchpromotions:search_terms"))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index("quartiersmanagement") < html.index("kita")


def test_moderator_sees_popular_queries_when_promoting(client, home_page, django_user_model):
    # Who may promote at all: tests/test_permission_matrix.py.
    for _ in range(2):
        client.get(SEARCH_URL, {"q": "Quartiersmanagement"})
    moderator = django_user_model.objects.create_user("moderatorin", password="x")
    moderator.groups.add(Group.objects.get(name="Moderation"))
    client.force_login(moderator)
    response = client.get("/admin/searchpicks/queries/chooser/")
    assert response.status_code == 200
    assert "quartiersmanagement" in response.content.decode()


def test_search_counts_are_collected_and_written_together(client, home_page, settings):
    from search import promotions

    settings.SEARCH_STATISTICS_INTERVAL = 60
    promotions.write_query_statistics()  # a new interval starts now
    for query in ("Kinderarmut", "kinderarmut ", "Elternarbeit"):
        client.get(SEARCH_URL, {"q": query})
    assert not Query.objects.filter(query_string__in=["kinderarmut", "elternarbeit"]).exists()
    promotions.write_query_statistics()
    assert Query.get("Kinderarmut").hits == 2
    assert Query.get("Elternarbeit").hits == 1
    client.get(SEARCH_URL, {"q": "Kinderarmut"})
    promotions.write_query_statistics()
    assert Query.get("Kinderarmut").hits == 3


@pytest.mark.parametrize(
    ("moment", "day"),
    [
        ("2026-03-10 00:30 +01:00", date(2026, 3, 10)),  # 23:30 UTC on the 9th
        ("2026-07-10 01:59 +02:00", date(2026, 7, 10)),  # summer time: 23:59 UTC on the 9th
        ("2026-03-09 23:59 +01:00", date(2026, 3, 9)),
    ],
)
def test_a_search_is_counted_on_its_day_in_berlin(client, home_page, moment, day):
    with time_machine.travel(moment, tick=False):
        client.get(SEARCH_URL, {"q": "Nachtschwärmer"})
    hits = QueryDailyHits.objects.filter(query__query_string="nachtschwärmer")
    assert list(hits.values_list("date", "hits")) == [(day, 1)]
