"""What the browser tests measure on a page, as small functions returning findings
(empty list = fine), so one test can report every page's problems at once."""

from axe_playwright_python.sync_playwright import Axe

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
_axe = Axe()


def axe_violations(page):
    results = _axe.run(
        page,
        options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]},
    )
    findings = []
    for violation in results.response["violations"]:
        targets = [", ".join(map(str, node["target"])) for node in violation["nodes"][:5]]
        findings.append(f"{violation['id']} ({violation['impact']}): {'; '.join(targets)}")
    return findings


def horizontal_overflow(page, width):
    """Elements that stick out beyond ``width`` CSS pixels, if the page scrolls sideways."""
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    if scroll_width <= width:
        return []
    culprits = page.evaluate(
        """(width) => Array.from(document.querySelectorAll('body *'))
            .filter(e => e.getBoundingClientRect().right > width + 1)
            .filter(e => !e.closest('.visually-hidden'))
            .slice(0, 5)
            .map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : '')
                 + ' bis ' + Math.round(e.getBoundingClientRect().right) + 'px')""",
        width,
    )
    return [f"scrollWidth {scroll_width} > {width}: {', '.join(culprits)}"]


def clipped_content(page):
    """Visible elements that cut off their own content (overflow hidden/clip with more
    content than room), as happens when text is enlarged."""
    return page.evaluate(
        """() => Array.from(document.querySelectorAll('body *')).filter(e => {
            if (e.closest('.visually-hidden, [hidden]')) return false;
            const style = getComputedStyle(e);
            if (style.display === 'none' || style.visibility === 'hidden') return false;
            const clipsX = ['hidden', 'clip'].includes(style.overflowX);
            const clipsY = ['hidden', 'clip'].includes(style.overflowY);
            return (clipsX && e.scrollWidth > e.clientWidth + 1)
                || (clipsY && e.scrollHeight > e.clientHeight + 1);
        }).slice(0, 5).map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : ''))"""
    )


FOCUS_STYLE_JS = """() => {
    const e = document.activeElement;
    if (!e || e === document.body) return null;
    if (e.dataset.focusChecked) return {repeat: true};
    e.dataset.focusChecked = '1';
    const style = getComputedStyle(e);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
    const shadow = style.boxShadow && style.boxShadow !== 'none';
    const box = e.getBoundingClientRect();
    return {
        element: e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
            + (e.className && typeof e.className === 'string' ? '.' + e.className : '')
            + ' ' + (e.textContent || e.getAttribute('aria-label') || '').trim().slice(0, 30),
        visible: outline || shadow,
        onScreen: box.width > 0 && box.height > 0,
    };
}"""


def invisible_focus(page, steps=150):
    """Tab through the page; every focused element must show a focus indicator."""
    findings = []
    for _ in range(steps):
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUS_STYLE_JS)
        if state is None or state.get("repeat"):
            break  # past the last element, or round again
        if not state["visible"] or not state["onScreen"]:
            findings.append(state["element"])
    return findings
