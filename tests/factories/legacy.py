"""Saved copies of the old site for the importer: the HTML fixtures in their old paths,
with real PDFs next to them."""

import io
import shutil
import zipfile
from pathlib import Path

from tests.factories.documents import pdf_bytes

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "legacy"
SEED_PAGE = "seiten/info/cont_nachlese_081.html"

# old path -> fixture file
PAGES = {
    SEED_PAGE: "cont_nachlese_081.html",
    "seiten/info/cont_nachlese_050.html": "cont_nachlese_050.html",
    "seiten/info/cont_nachlese_040.html": "cont_nachlese_040.html",
    "seiten/info/cont_nachlese_030.html": "cont_nachlese_030.html",
    "seiten/info/cont_nachlese_kaputt.html": "cont_nachlese_kaputt.html",
    "seiten/ankuendigungen/cont_ankuend_112.html": "cont_ankuend_112.html",
    "seiten/gebiete.html": "gebiete.html",
}
PDFS = {
    "pdf/doku_qm_2006.pdf": "Dokumentation Quartiersmanagement 2006",
    "pdf/doku_schule_2004_teil1.pdf": "Schule öffnet sich – Vorträge",
    "pdf/doku_schule_2004_teil2.pdf": "Schule öffnet sich – Arbeitsgruppen",
}


def fixture_bytes(name):
    return (FIXTURES / name).read_bytes()


def build_mirror(folder, pages=None, pdfs=None):
    """A saved copy of the old site in ``folder`` (all fixture pages unless ``pages``)."""
    folder = Path(folder)
    for old_path, fixture in (PAGES if pages is None else pages).items():
        target = folder / old_path
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(FIXTURES / fixture, target)
    for old_path, title in (PDFS if pdfs is None else pdfs).items():
        target = folder / old_path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(pdf_bytes(title=title, text=f"{title}: Vorträge und Ergebnisse"))
    return folder


def seed_mirror(folder):
    """Only the seed-like retrospective and its PDF."""
    return build_mirror(
        folder,
        pages={SEED_PAGE: PAGES[SEED_PAGE]},
        pdfs={"pdf/doku_qm_2006.pdf": PDFS["pdf/doku_qm_2006.pdf"]},
    )


def zip_of(folder):
    """The bytes of a ZIP holding ``folder``'s files (paths relative to it)."""
    buffer = io.BytesIO()
    folder = Path(folder)
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for file in sorted(folder.rglob("*")):
            if file.is_file():
                archive.write(file, file.relative_to(folder).as_posix())
    return buffer.getvalue()
