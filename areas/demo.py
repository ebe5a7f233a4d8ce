"""Demo content: the Gebietslisten page and the example areas (Beispieldaten).

The areas come from ``demo_data/gebiete_beispieldaten.csv`` through the same import code
as the admin view and ``manage.py import_areas``. Areas that exist are left alone, so a
second run changes nothing and an editor's changes are never overwritten."""

from pathlib import Path

from home.demo import ensure_page, start_page

from .importer import run_import
from .models import AreaIndexPage

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
