"""Demo content: the Gebietslisten page and the example areas (Beispieldaten).

The areas come from ``demo_data/gebiete_beispieldaten.csv`` through the same import code
as the admin view and ``manage.py import_areas``. Areas that exist are left alone, so a
second run changes nothing and an editor's changes are never overwritten."""

from pathlib import Path

from django.apps import apps

from home.demo import ensure_page, start_page

from .importer import run_import
from .models import AreaIndexPage, AreaPage

DEMO_FILE = Path(__file__).parent / "demo_data" / "gebiete_beispieldaten.csv"

INTRO = (
    "Die E&C-Gebiete: Stadtteile des Bund-Länder-Programms „Soziale Stadt“ und "
    "strukturschwache ländliche Regionen. Beispieldaten: Die Gebiete dieser "
    "Demo-Installation, ihre Beschreibungen und Kontakte sind erfundene Beispiele."
)


def build(stdout):
    # Created last, so it is the last entry of the main menu.
    index, _ = ensure_page(
        start_page(),
        AreaIndexPage,
        "gebietslisten",
        title="Gebietslisten",
        show_in_menus=True,
        intro=INTRO,
    )
    plan = run_import(DEMO_FILE.read_bytes(), index, create_only=True)
    if not plan.ok:
        raise RuntimeError(
            "Beispieldaten der Gebiete fehlerhaft: " + "; ".join(map(str, plan.errors))
        )
    stdout.write(f"Gebiete (Beispieldaten): {len(plan.created)} angelegt.")
    link_demo_events()


# Demo events (conference/demo.py) and the example areas they name.
EVENT_AREAS = {
    "zielgruppenkonferenz-quartiersmanagement-2006": ["BE-001", "BE-002", "BE-004"],
    "bilanzkonferenz-2006": ["SN-001"],
}


def link_demo_events():
    """Name a few example areas on demo events, once; an editor's links stay as they are."""
    if not apps.is_installed("conference"):
        return
    EventPage = apps.get_model("conference", "EventPage")
    EventArea = apps.get_model("conference", "EventArea")
    for slug, keys in EVENT_AREAS.items():
        event = EventPage.objects.filter(slug=slug).first()
        if event is None or event.area_links.exists():
            continue
        areas = AreaPage.objects.filter(area_key__in=keys).order_by("area_key")
        # Through a revision, so the editor shows the links and a later publish keeps them.
        event.area_links = [EventArea(area=area, sort_order=n) for n, area in enumerate(areas)]
        event.save_revision().publish()
