"""„Stand:“ on listing pages is the newest change of what they list, not the listing
page's own publish date (issue 16)."""

from datetime import date, datetime, timedelta

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone
from wagtail.models import Page

from areas.choices import Bundesland
from documents.demo import documentation_collection
from tests.factories.areas import AreaIndexPageFactory, AreaPageFactory
from tests.factories.conference import (
    AnnouncementIndexPageFactory,
    EventPageFactory,
    RetrospectiveIndexPageFactory,
)
from tests.factories.documents import DocumentFactory, DocumentListPageFactory

pytestmark = pytest.mark.django_db


def at(year, month, day):
    return timezone.make_aware(datetime(year, month, day, 12))


def published(page, when):
    Page.objects.filter(pk=page.pk).update(last_published_at=when)
    return page


def stand(client, url):
    return (
        BeautifulSoup(client.get(url).content, "html.parser").find("p", class_="stand").get_text()
    )


def test_rueckblick_stand_is_its_newest_event(client):
    index = published(RetrospectiveIndexPageFactory(), at(2020, 1, 1))
    published(EventPageFactory(start_date=date(2005, 5, 3)), at(2024, 3, 5))
    published(EventPageFactory(start_date=date(2006, 4, 26)), at(2023, 1, 1))
    assert stand(client, index.url) == "Stand: 5. März 2024"


def test_ankuendigungen_stand_counts_only_upcoming_events(client):
    index = published(AnnouncementIndexPageFactory(), at(2020, 1, 1))
    soon = timezone.localdate() + timedelta(days=20)
    published(EventPageFactory(start_date=soon), at(2024, 6, 7))
    published(EventPageFactory(start_date=date(2006, 4, 26)), at(2025, 1, 1))  # a Rückblick
    assert stand(client, index.url) == "Stand: 7. Juni 2024"


def test_listing_page_newer_than_its_items_keeps_its_date(client):
    index = published(RetrospectiveIndexPageFactory(), at(2025, 2, 2))
    published(EventPageFactory(start_date=date(2005, 5, 3)), at(2024, 3, 5))
    assert stand(client, index.url) == "Stand: 2. Februar 2025"


def test_gebietslisten_and_land_pages(client):
    index = published(AreaIndexPageFactory(), at(2020, 1, 1))
    published(AreaPageFactory(bundesland=Bundesland.BERLIN), at(2024, 3, 5))
    published(AreaPageFactory(bundesland=Bundesland.HESSEN, municipality="Kassel"), at(2023, 4, 6))
    assert stand(client, index.url) == "Stand: 5. März 2024"
    assert stand(client, index.url + "hessen/") == "Stand: 6. April 2023"


def test_dokumentationen_stand_is_the_newest_document(client):
    list_page = published(DocumentListPageFactory(), at(2020, 1, 1))
    document = DocumentFactory(title="Doku", year=2005, collection=documentation_collection(2005))
    type(document).objects.filter(pk=document.pk).update(created_at=at(2024, 3, 5))
    assert stand(client, list_page.url) == "Stand: 5. März 2024"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("listing", ["areas", "events"])
def test_a_publish_renews_the_kept_stand(client, home_page, listing):
    if listing == "areas":
        index = published(AreaIndexPageFactory(), at(2020, 1, 1))
        item = published(AreaPageFactory(bundesland=Bundesland.BERLIN), at(2021, 3, 5))
        urls = [index.url, index.url + "berlin/"]
    else:
        index = published(RetrospectiveIndexPageFactory(), at(2020, 1, 1))
        item = published(EventPageFactory(start_date=date(2005, 5, 3)), at(2021, 3, 5))
        urls = [index.url]
    for url in urls:
        assert stand(client, url) == "Stand: 5. März 2021"  # now kept until a change
    item.save_revision().publish()
    for url in urls:
        page = BeautifulSoup(client.get(url).content, "html.parser")
        assert page.find("p", class_="stand").time["datetime"] == str(timezone.localdate())
