"""BITV 2.0 / WCAG 2.1 AA in a real browser, on every page of the catalogue (one page
per page type, filtered listings and their second pages, search results, the 404 page):
axe-core, keyboard use, reflow at 320 CSS px, text enlarged to 200 %."""

from .checks import axe_violations, clipped_content, horizontal_overflow, invisible_focus


def _report(findings):
    return "\n".join(f"{name} ({url}): {problem}" for name, url, problem in findings)


def _visit(page, url):
    response = page.goto(url)
    assert response is not None
    return response


def test_every_page_answers(page, catalogue):
    wrong = []
    for name, url in catalogue:
        expected = 404 if name == "404" else 200
        status = _visit(page, url).status
        if status != expected:
            wrong.append((name, url, f"HTTP {status}, erwartet {expected}"))
    assert not wrong, _report(wrong)
    assert len(catalogue) >= 8, catalogue


def test_axe_finds_no_wcag_violations(page, catalogue):
    findings = []
    for name, url in catalogue:
        _visit(page, url)
        findings += [(name, url, problem) for problem in axe_violations(page)]
    assert not findings, _report(findings)


def test_skip_link_is_first_and_moves_focus_to_content(page, catalogue):
    findings = []
    for name, url in catalogue:
        _visit(page, url)
        page.keyboard.press("Tab")
        first = page.evaluate(
            "() => { const e = document.activeElement; const r = e.getBoundingClientRect();"
            " return {cls: e.className, text: e.textContent.trim(),"
            " top: r.top, height: r.height}; }"
        )
        if first["cls"] != "skip-link" or first["top"] < 0 or first["height"] == 0:
            findings.append((name, url, f"erstes Tab-Ziel: {first}"))
            continue
        page.keyboard.press("Enter")
        focused = page.evaluate("document.activeElement.id")
        if focused != "inhalt":
            findings.append((name, url, f"nach Enter fokussiert: {focused!r} statt #inhalt"))
    assert not findings, _report(findings)


def test_focus_is_always_visible(page, catalogue):
    findings = []
    for name, url in catalogue:
        _visit(page, url)
        findings += [
            (name, url, f"kein sichtbarer Fokus: {element}") for element in invisible_focus(page)
        ]
    assert not findings, _report(findings)


def test_main_menu_works_with_the_keyboard(page, live_site):
    _visit(page, "/")
    links = page.locator(".main-nav a")
    assert links.count() >= 3
    target = links.nth(1).evaluate("a => a.pathname")
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.closest('.main-nav') !== null"):
            break
    else:
        raise AssertionError("Die Hauptnavigation ist mit der Tabulatortaste nicht erreichbar.")
    page.keyboard.press("Tab")  # the second menu entry
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.evaluate("location.pathname") == target


def test_section_menu_and_header_links_work_with_the_keyboard(page):
    _visit(page, "/")
    # Header: Leichte Sprache and Gebärdensprache, reached with Tab from the start.
    for label in ("Leichte Sprache", "Gebärdensprache"):
        _visit(page, "/")
        for _ in range(20):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.textContent.trim()") == label:
                break
        else:
            raise AssertionError(f"„{label}“ ist mit der Tabulatortaste nicht erreichbar.")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert page.locator("h1").inner_text() == label
    # Section menu of a subpage.
    section_page = page.locator(".main-nav a").first.evaluate("a => a.pathname")
    _visit(page, section_page)
    section_links = page.locator(".section-nav a")
    if section_links.count() > 1:
        target = section_links.nth(1).evaluate("a => a.pathname")
        section_links.nth(1).focus()
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert page.evaluate("location.pathname") == target


def test_filters_work_with_the_keyboard(page, catalogue):
    """Every listing filter: choose with the arrow keys, submit with Tab and Enter."""
    filtered = [(name, url) for name, url in catalogue if "(gefiltert)" in name]
    problems = []
    for name, url in filtered:
        _visit(page, url.split("?")[0])
        form = page.locator("main form:not([role=search])").first
        select = form.locator("select").first
        if select.count():
            select.focus()
            page.keyboard.press("ArrowDown")
        else:
            form.locator("input, select, button").first.focus()
        for _ in range(20):
            if page.evaluate("document.activeElement.type === 'submit'"):
                break
            page.keyboard.press("Tab")
        else:
            problems.append((name, url, "Absenden-Schaltfläche nicht per Tab erreichbar"))
            continue
        with page.expect_navigation() as navigation:
            page.keyboard.press("Enter")
        status = navigation.value.status if navigation.value else None
        if status != 200 or "?" not in page.url:
            problems.append((name, url, f"Filtern per Tastatur: HTTP {status}, {page.url}"))
    assert not problems, _report(problems)


def test_no_horizontal_scrolling_at_320_px(new_context, catalogue):
    page = new_context(width=320, height=640).new_page()
    findings = []
    for name, url in catalogue:
        _visit(page, url)
        findings += [(name, url, problem) for problem in horizontal_overflow(page, 320)]
    assert not findings, _report(findings)


def test_text_zoom_to_200_percent_loses_nothing(new_context, catalogue):
    page = new_context(width=1280, height=900).new_page()
    findings = []
    for name, url in catalogue:
        _visit(page, url)
        before = page.evaluate("document.body.innerText.length")
        page.evaluate("document.documentElement.style.fontSize = '200%'")
        findings += [(name, url, problem) for problem in horizontal_overflow(page, 1280)]
        findings += [(name, url, f"abgeschnitten: {e}") for e in clipped_content(page)]
        if page.evaluate("document.body.innerText.length") != before:
            findings.append((name, url, "Text fehlt bei 200 %"))
        heading = page.locator("h1").first.bounding_box()
        if heading is None or heading["x"] < 0 or heading["x"] + heading["width"] > 1281:
            findings.append((name, url, f"Überschrift nicht sichtbar: {heading}"))
    assert not findings, _report(findings)
