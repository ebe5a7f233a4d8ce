"""Search demo data, used by ``manage.py load_demo_content`` (runs last).

Rebuilds the search index, so that pages made by data migrations (the start page) are
found too, and promotes the programme page for the query "programm"."""

import io

from django.core.management import call_command
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Page


def build(stdout):
    call_command("update_index", stdout=io.StringIO())
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
    stdout.write("Suche: Suchindex ist aufgebaut.")
