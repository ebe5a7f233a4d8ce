"""Events are found under the type of their current life."""

import datetime

import pytest
import time_machine

from tests.factories.conference import EventPageFactory

pytestmark = pytest.mark.django_db


@time_machine.travel(datetime.datetime(2026, 6, 1, 12, tzinfo=datetime.UTC), tick=False)
def test_type_filter_follows_the_life_of_an_event(client, home_page):
    EventPageFactory(
        title="Zukunftswerkstatt Quartier",
        motto="Zukunftswerkstatt",
        start_date=datetime.date(2026, 9, 1),
    )
    EventPageFactory(
        title="Rückschau Quartier", motto="Rückschau", start_date=datetime.date(2005, 5, 3)
    )

    def titles(typ):
        html = client.get("/suche/", {"q": "Quartier", "typ": typ}).content.decode()
        return {t for t in ("Zukunftswerkstatt", "Rückschau") if t in html}

    assert titles("ankuendigung") == {"Zukunftswerkstatt"}
    assert titles("rueckblick") == {"Rückschau"}
    html = client.get("/suche/", {"q": "Quartier"}).content.decode()
    assert "Ankündigung · 1. und 2. September 2026 in Berlin" in html
