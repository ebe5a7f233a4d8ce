"""The Content-Security-Policy in a real browser: public pages carry the strict policy and
run without a single violation (every test of the suite fails on one, see csp_watch.py),
injected inline code is blocked and reported, editors keep their userbar on public pages
and the page preview inside the admin."""

import re

from .conftest import login
from .server_setup import EDITOR

INJECTED = (
    '<script>document.title = "eingeschleust";</script>'
    '<p id="eingeschleust" style="color: rgb(255, 0, 0)">Eingeschleust</p>'
)


def test_public_pages_send_the_strict_policy(page, catalogue):
    for name, url in catalogue:
        response = page.goto(url)
        policy = response.headers.get("content-security-policy", "")
        script_src = re.search(r"script-src ([^;]*)", policy)
        assert script_src and script_src.group(1).split() == ["'self'"], (name, policy)
        assert "unsafe" not in policy, (name, policy)
        assert "frame-ancestors 'none'" in policy, name
        assert "camera=()" in response.headers.get("permissions-policy", ""), name
        page.wait_for_load_state("networkidle")


def test_inline_code_is_blocked_and_reported(page, csp_watcher):
    """The watcher sees what an injection would do: the real policy of the start page
    (headers from the server) with an inline script and a style attribute added."""

    def inject(route):
        response = route.fetch()
        body = response.text().replace("</body>", INJECTED + "</body>")
        headers = {k: v for k, v in response.headers.items() if k.lower() != "content-length"}
        route.fulfill(response=response, body=body, headers=headers)

    page.route("**/", inject)
    with page.expect_request(lambda request: request.url.endswith("/csp-report/")) as report:
        page.goto("/")
    assert report.value.method == "POST"
    assert page.title() != "eingeschleust"
    color = page.locator("#eingeschleust").evaluate("e => getComputedStyle(e).color")
    assert color != "rgb(255, 0, 0)"
    public, admin = csp_watcher.take()
    directives = " ".join(violation.what for violation in public)
    assert "script-src-elem" in directives and "style-src-attr" in directives, public
    assert admin == []


def test_editors_keep_the_userbar_on_public_pages(editor_page):
    editor_page.goto("/")
    editor_page.locator("wagtail-userbar").wait_for(state="attached")
    trigger = editor_page.locator("wagtail-userbar").locator("#wagtail-userbar-trigger")
    trigger.click()
    assert editor_page.locator("wagtail-userbar").locator("#wagtail-userbar-items").is_visible()


def test_preview_renders_inside_the_admin(new_context, live_site):
    page = new_context().new_page()
    login(page, EDITOR[0])
    response = page.goto(f"/admin/pages/{live_site.inventory['section_parent_id']}/edit/")
    assert "frame-ancestors 'self'" in response.headers["content-security-policy"]
    page.locator('[data-side-panel-toggle="preview"]').first.click()
    frame = page.frame_locator("#w-preview-iframe")
    frame.locator("h1").first.wait_for()
    assert frame.locator("h1").first.inner_text().strip()
