"""Search demo data, used by ``manage.py load_demo_content`` (runs last).

Indexes the start page, which a data migration made (pages published later are indexed
as they are published), and promotes the programme page for the query "programm"."""

from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Page
from wagtail.search.index import insert_or_update_object

from home.models import HomePage


def build(stdout):
    insert_or_update_object(HomePage.objects.get())
    programme = Page.objects.filter(slug="programm").first()
    if programme is not None:
        SearchPromotion.objects.get_or_create(
            query=Query.get("programm"),
            page=programme,
            defaults={
                "sort_order": 0,
                "description": "Ziele, Handlungsfelder und Laufzeit des Programms E&C.",
            },
        )
    stdout.write("Suche: Startseite indexiert, Empfehlung der Redaktion angelegt.")
