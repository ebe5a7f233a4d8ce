"""A new page titled „Brücken bauen“ gets the address ``bruecken-bauen`` in the editor
(issue 16): Wagtail's slug field with the site's German transliteration."""

import pytest
from playwright.sync_api import expect

from tests.browser.test_editor_journey import open_add_form

pytestmark = pytest.mark.browser


def test_new_page_gets_a_transliterated_ascii_slug(editor_page, live_site):
    open_add_form(editor_page, live_site.inventory["section_parent_id"], "Inhaltsseite")
    title = editor_page.locator("#id_title")
    title.press_sequentially("Brücken bauen für Straßenkinder")
    title.blur()
    # Wagtail's sync of title and slug is debounced: wait for the value.
    expect(editor_page.locator("#id_slug")).to_have_value("bruecken-bauen-fuer-strassenkinder")
