"""Privacy in a real browser: no request to any other host, no cookie while reading."""

from urllib.parse import urlsplit


def _record_requests(page):
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    return requests


def test_pages_only_load_from_the_site_itself(page, catalogue, live_site):
    requests = _record_requests(page)
    for _, url in catalogue:
        page.goto(url)
        page.wait_for_load_state("networkidle")
    foreign = sorted(
        {
            url
            for url in requests
            if urlsplit(url).netloc != live_site.host and urlsplit(url).scheme != "data"
        }
    )
    assert requests, "keine Anfragen aufgezeichnet"
    assert not foreign, "Anfragen an andere Hosts:\n" + "\n".join(foreign)


def test_reading_sets_no_cookie(new_context, catalogue):
    context = new_context()
    page = context.new_page()
    form_pages = []
    for name, url in catalogue:
        page.goto(url)
        if page.locator("main form[method=post]").count():
            # A POST form carries the CSRF cookie (checked below); start afresh.
            form_pages.append(url)
            context.clear_cookies()
            continue
        assert context.cookies() == [], f"Cookie nach dem Lesen von {name} ({url})"
    assert form_pages, "Die Erklärung zur Barrierefreiheit mit Formular fehlt im Katalog."


def test_only_the_feedback_form_sets_the_csrf_cookie(new_context):
    context = new_context()
    page = context.new_page()
    page.goto("/barrierefreiheit/")
    assert page.locator("form[method=post]").count() == 0 and context.cookies() == []
    page.get_by_role("link", name="Zum Feedback-Formular").click()
    assert page.locator("form.feedback-form").count() == 1
    assert [cookie["name"] for cookie in context.cookies()] == ["csrftoken"]
