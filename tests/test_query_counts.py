"""The number of SQL queries of a page must not grow with the amount of content."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories.home import SectionPageFactory

pytestmark = pytest.mark.django_db


def count_queries(client, url):
    client.get(url)  # warm per-process caches (content types, site root paths)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def build_sections(parent, count):
    sections = [
        SectionPageFactory(title=f"Rubrik {n}", slug=f"rubrik-{n}", parent=parent)
        for n in range(count)
    ]
    for n in range(3):
        SectionPageFactory(title=f"Unterseite {n}", slug=f"unterseite-{n}", parent=sections[0])
    return sections


@pytest.mark.parametrize("url", ["/", "/rubrik-0/", "/rubrik-0/unterseite-1/"])
def test_query_count_does_not_grow_with_the_number_of_pages(client, home_page, url):
    build_sections(home_page, 5)
    small = count_queries(client, url)
    for n in range(5, 50):
        SectionPageFactory(title=f"Rubrik {n}", slug=f"rubrik-{n}", parent=home_page)
    large = count_queries(client, url)
    assert small == large
    assert large <= 4, f"{url}: {large} queries"


def test_deep_pages_are_routed_by_their_full_path(client, home_page):
    sections = build_sections(home_page, 2)
    deep = SectionPageFactory(title="Tief", slug="tief", parent=sections[0].get_children().first())
    response = client.get(deep.url)
    assert response.status_code == 200 and response.context["page"] == deep
    deep.unpublish()
    assert client.get("/rubrik-0/unterseite-0/tief/").status_code == 404
    assert client.get("/rubrik-0/gibt-es-nicht/").status_code == 404


def test_view_restrictions_still_apply_to_descendants(client, home_page):
    from wagtail.models import PageViewRestriction

    sections = build_sections(home_page, 2)
    PageViewRestriction.objects.create(page=sections[0], restriction_type="login")
    response = client.get("/rubrik-0/unterseite-1/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert client.get("/rubrik-1/").status_code == 200


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # renewed on commit
def test_site_changes_take_effect(client, home_page, site):
    from wagtail.models import Site

    build_sections(home_page, 1)
    assert client.get("/rubrik-0/").status_code == 200
    other_root = SectionPageFactory(title="Andere", slug="andere")
    Site.objects.filter(pk=site.pk).update(root_page=other_root)  # no signal: bypasses save()
    site.refresh_from_db()
    site.save()  # the admin saves through the model, which renews the cache
    assert client.get("/rubrik-0/").status_code == 404
