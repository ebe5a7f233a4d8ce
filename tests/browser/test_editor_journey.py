"""The editor journey in the German admin, in a real browser: an editor uploads a PDF
into the collection „Dokumentationen“, creates a page in the right place, attaches the
PDF as documentation and submits the page for moderation; a moderator approves it; the
page is live and its PDF downloads. Then the editor changes the text and the moderator
approves again: an anonymous visitor, whose copy of the page came from the page cache
(the live server runs with the production cache settings), sees the approved text at once.

Run for a content page (home.SectionPage) with a document link block and for an event
page (conference.EventPage) with its documentation list."""

import re

from playwright.sync_api import expect

from documents.demo_pdf import build_pdf

DOCUMENTATION = "Dokumentationen"


def _admin_is_german(page):
    assert page.locator("html").get_attribute("lang") == "de"


def upload_pdf(page, title, tmp_path):
    """Upload a PDF through the admin's single upload form into „Dokumentationen“."""
    path = tmp_path / "dokumentation.pdf"
    path.write_bytes(build_pdf(title, [("Ergebnisse", ["Ein Absatz der Dokumentation."])]))
    page.goto("/admin/documents/add/")
    _admin_is_german(page)
    page.set_input_files("#id_file", str(path))
    page.fill("#id_title", title)
    page.select_option("#id_collection", label=DOCUMENTATION)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").first.click()
    assert "/admin/documents/" in page.url
    assert page.locator(".messages .success, .messages li.success").count() >= 1, page.url


def open_add_form(page, parent_id, type_label):
    """„Unterseite hinzufügen“ below ``parent_id``; pick the type if Wagtail asks."""
    page.goto(f"/admin/pages/{parent_id}/add_subpage/")
    if "/add_subpage/" in page.url:
        page.get_by_role("link", name=type_label, exact=True).first.click()
        page.wait_for_load_state()
    assert "/add/" in page.url, page.url


def add_document_block(page, stream_name, document_title, label):
    """Append a „Dokument-Link“ block to the StreamField ``stream_name`` and choose
    the document in the chooser modal."""
    page.locator(f"#{stream_name}-root button[title='Einen Block einfügen']").last.click()
    page.get_by_role("option", name="Dokument-Link").click()
    block = page.locator(f"#{stream_name}-root [data-streamfield-child]").last
    block.get_by_role("button", name="Dokument auswählen").click()
    modal = page.locator(".modal-content")
    modal.get_by_role("link", name=document_title).first.click()
    expect(block).to_contain_text(document_title)  # the chooser fills in asynchronously
    block.locator("input[type=text]").first.fill(label)


def submit_for_moderation(page):
    page.get_by_role("button", name="Mehr Aktionen").click()
    with page.expect_navigation():
        page.locator("button[name=action-submit]").click()
    assert page.locator(".messages .success, .messages li.success").count() >= 1


def approve(page, edit_url):
    page.goto(edit_url)
    _admin_is_german(page)
    page.get_by_role("button", name="Mehr Aktionen").click()
    approve_button = page.get_by_role("button", name=re.compile(r"^Freigeben")).first
    approve_button.click()
    # Approving may ask for an optional comment in a modal before it publishes.
    confirm = page.locator(".modal-content button[type=submit]")
    if confirm.count():
        with page.expect_navigation():
            confirm.first.click()
    else:
        page.wait_for_load_state()
    assert page.locator(".messages .success, .messages li.success").count() >= 1


def check_live_with_download(context, url, document_title, label):
    page = context.new_page()
    response = page.goto(url)
    assert response.status == 200
    link = page.get_by_role("link", name=re.compile(re.escape(label)))
    assert "(PDF," in link.inner_text()
    download = context.request.get(link.get_attribute("href"))
    assert download.status == 200
    assert download.headers["content-type"] == "application/pdf"
    assert download.body().startswith(b"%PDF")


def find_edit_url(page, parent_id, title):
    page.goto(f"/admin/pages/{parent_id}/")
    link = page.get_by_role("link", name=title, exact=True).first
    href = link.get_attribute("href")
    assert re.search(r"/admin/pages/\d+/edit/", href), href
    return href


def form_errors(page):
    errors = page.locator(".w-field__errors:not(:empty), .error-message, .messages .error")
    return [text.strip() for text in errors.all_inner_texts() if text.strip()]


def revise_and_approve(editor_page, moderator_page, new_context, edit_url, page_url, revision):
    selector, old_text, new_text = revision

    def visit():
        # A new visitor each time: no cookie, nothing in the browser's own cache.
        return new_context().new_page().goto(page_url)

    assert old_text in visit().text()
    cached = visit()
    assert cached.headers.get("x-page-cache") == "hit"  # served from the page cache

    editor_page.goto(edit_url)
    editor_page.fill(selector, new_text)
    submit_for_moderation(editor_page)
    assert old_text in visit().text()  # submitted, not yet approved
    approve(moderator_page, edit_url)

    for _ in range(2):
        body = visit().text()
        assert new_text in body and old_text not in body


def run_journey(
    pages, live_site, tmp_path, *, parent_id, parent_url, type_label, title, fill, revision
):
    editor_page, moderator_page, new_context = pages
    anonymous = new_context()
    document_title = f"Dokumentation {title}"
    label = "Dokumentation herunterladen"

    upload_pdf(editor_page, document_title, tmp_path)
    open_add_form(editor_page, parent_id, type_label)
    editor_page.fill("#id_title", title)
    fill(editor_page, document_title, label)
    submit_for_moderation(editor_page)
    assert not form_errors(editor_page), form_errors(editor_page)

    page_url = f"{parent_url}{title.lower().replace(' ', '-')}/"
    assert anonymous.new_page().goto(page_url).status == 404  # not live before approval

    edit_url = find_edit_url(moderator_page, parent_id, title)
    approve(moderator_page, edit_url)
    check_live_with_download(anonymous, page_url, document_title, label)
    revise_and_approve(editor_page, moderator_page, new_context, edit_url, page_url, revision)


def test_content_page_with_documentation_is_moderated_and_published(
    editor_page, moderator_page, new_context, live_site, tmp_path
):
    def fill(page, document_title, label):
        page.fill("#id_intro", "Ein Fachforum, angelegt im Browsertest.")
        add_document_block(page, "body", document_title, label)

    run_journey(
        (editor_page, moderator_page, new_context),
        live_site,
        tmp_path,
        parent_id=live_site.inventory["section_parent_id"],
        parent_url="/basisinfo/",
        type_label="Inhaltsseite",
        title="Fachforum Redaktionstest",
        fill=fill,
        revision=("#id_intro", "angelegt im Browsertest", "Freigegebene zweite Fassung"),
    )


def test_event_page_with_documentation_is_moderated_and_published(
    editor_page, moderator_page, new_context, live_site, tmp_path
):
    inventory = live_site.inventory
    assert inventory["event_parent_id"], "Keine Seite, unter der Veranstaltungen entstehen."

    def fill(page, document_title, label):
        page.select_option("#id_event_kind", label="Fachforum")
        page.fill("#id_target_group", "Quartiersmanager/innen")
        page.fill("#id_motto", "Redaktion im Browser")
        page.fill("#id_start_date", "03.05.2005")
        page.keyboard.press("Escape")  # closes the date picker
        page.fill("#id_city", "Leipzig")
        page.fill("#id_summary", "Ein Fachforum, angelegt im Browsertest.")
        # The documentation: an entry of the inline list, with the document chosen.
        page.get_by_role("button", name="Dokument hinzufügen").first.click()
        entry = page.locator("[id^='inline_child_documentation-']").last
        entry.get_by_role("button", name="Dokument auswählen").click()
        page.locator(".modal-content").get_by_role("link", name=document_title).first.click()
        expect(entry).to_contain_text(document_title)
        entry.locator("input[id$='-label']").fill(label)

    run_journey(
        (editor_page, moderator_page, new_context),
        live_site,
        tmp_path,
        parent_id=inventory["event_parent_id"],
        parent_url=inventory["event_parent_url"],
        type_label="Veranstaltung",
        title="Konferenz Redaktionstest",
        fill=fill,
        revision=("#id_motto", "Redaktion im Browser", "Freigegeben im Browser"),
    )
