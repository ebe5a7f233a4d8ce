"""Screenshots of the main page types, desktop and 320 px, for reviewers.

Saved to var/screenshots/ (git-ignored; EC_SCREENSHOT_DIR overrides)."""

import re

from .conftest import SCREENSHOT_DIR

VIEWPORTS = {"desktop": (1280, 900), "320px": (320, 640)}


def _file_name(name):
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def test_screenshots_of_the_main_page_types(new_context, catalogue):
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    written = []
    for label, (width, height) in VIEWPORTS.items():
        page = new_context(width=width, height=height).new_page()
        for name, url in catalogue:
            page.goto(url)
            path = SCREENSHOT_DIR / f"{_file_name(name)}-{label}.png"
            page.screenshot(path=str(path), full_page=True)
            written.append(path)
    assert all(path.stat().st_size > 1000 for path in written)
    assert len(written) == 2 * len(catalogue)
