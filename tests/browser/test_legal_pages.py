"""The legal and BITV pages in the browser: reachable from every page, with their
required parts as a visitor sees them."""

LEGAL_LINKS = {
    "footer": ("Impressum", "Datenschutz", "Barrierefreiheit"),
    "header": ("Leichte Sprache", "Gebärdensprache"),
}


def test_legal_pages_are_linked_from_every_page(page, catalogue):
    missing = []
    for name, url in catalogue:
        page.goto(url)
        for label in LEGAL_LINKS["footer"]:
            if not page.locator("footer").get_by_role("link", name=label, exact=True).count():
                missing.append(f"{name} ({url}): Fußzeile ohne „{label}“")
        for label in LEGAL_LINKS["header"]:
            if not page.locator("header").get_by_role("link", name=label, exact=True).count():
                missing.append(f"{name} ({url}): Kopfzeile ohne „{label}“")
    assert not missing, "\n".join(missing)


def test_legal_pages_show_their_required_parts(page):
    page.goto("/")
    page.locator("footer").get_by_role("link", name="Impressum", exact=True).click()
    main = page.locator("main")
    assert "Verantwortlich für den Inhalt nach § 18 Abs. 2 MStV" in main.inner_text()
    assert main.get_by_role("link", name="regiestelle@example.org").count() == 1

    page.locator("footer").get_by_role("link", name="Datenschutz", exact=True).click()
    assert "Stand der Erklärung" in page.locator("main").inner_text()

    page.locator("footer").get_by_role("link", name="Barrierefreiheit", exact=True).click()
    text = page.locator("main").inner_text()
    for part in (
        "Stand der Vereinbarkeit mit den Anforderungen",
        "Nicht barrierefreie Inhalte",
        "Erstellung dieser Erklärung",
        "Feedback und Kontakt",
        "Schlichtungsverfahren",
    ):
        assert part in text, part
    link = page.get_by_role("link", name="Website der Schlichtungsstelle", exact=False)
    assert link.get_attribute("href") == "https://www.schlichtungsstelle-bgg.de/"

    page.locator("header").get_by_role("link", name="Gebärdensprache", exact=True).click()
    video = page.locator("main").inner_text()
    assert "Laufzeit:" in video
    download = page.get_by_role("link", name="Video herunterladen")
    assert "(WEBM, " in download.inner_text()
    response = page.context.request.get(download.get_attribute("href"))
    assert response.status == 200 and response.body()[:4] == b"\x1a\x45\xdf\xa3"  # WebM


CHECKER_CONFIG_JS = """() => {
    const bar = document.querySelector('wagtail-userbar');
    const script = bar && bar.shadowRoot.querySelector('#checker-axe-configuration');
    return script ? script.textContent : null;
}"""


def test_editors_checker_runs_the_full_rule_set_without_other_hosts(editor_page, live_site):
    """Logged-in editors get Wagtail's userbar with the accessibility checker; it is
    configured with the WCAG 2.0/2.1 A/AA tags and loads nothing from other hosts."""
    import json
    from urllib.parse import urlsplit

    from .checks import WCAG_TAGS

    requests = []
    editor_page.on("request", lambda request: requests.append(request.url))
    editor_page.goto("/leichte-sprache/")
    editor_page.wait_for_load_state("networkidle")
    config = editor_page.evaluate(CHECKER_CONFIG_JS)
    assert config, "Kein Barrierefreiheits-Check in der Benutzerleiste"
    run_only = json.loads(config)["options"]["runOnly"]
    assert set(WCAG_TAGS) <= set(run_only)
    assert {urlsplit(url).netloc for url in requests} == {live_site.host}
