"""The feedback form of the Erklärung zur Barrierefreiheit in the browser: German
errors that screen readers announce and keyboard users can reach, then a stored
message mailed to the editors."""

import email
import email.policy

from .checks import axe_violations


def test_feedback_form_errors_and_success(page, live_site):
    page.goto("/barrierefreiheit/feedback/")
    form = page.locator("form.feedback-form")
    assert page.locator(".honeypot").is_hidden()
    form.locator("button[type=submit]").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    errors = page.locator(".form-errors")
    assert errors.get_attribute("role") == "alert"
    assert "Dieses Feld muss ausgefüllt werden." in errors.inner_text()
    message = page.locator("textarea").first
    assert message.get_attribute("aria-invalid") == "true"
    assert axe_violations(page) == []
    # The error summary links to the field.
    errors.locator("a").first.click()
    assert page.evaluate("document.activeElement.tagName") == "TEXTAREA"

    before = len(live_site.mails())
    page.keyboard.type("Die PDF-Dokumente sind für meinen Screenreader nicht lesbar.")
    form = page.locator("form.feedback-form")
    form.locator("input[type=email]").fill("leserin@example.org")
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    assert page.locator("h1").inner_text() == "Vielen Dank für Ihre Nachricht"
    assert axe_violations(page) == []
    mails = live_site.mails()
    assert len(mails) == before + 1
    mail = email.message_from_bytes(mails[-1].read_bytes(), policy=email.policy.default)
    body = mail.get_body(("plain",)).get_content()
    assert "Die PDF-Dokumente sind für meinen Screenreader nicht lesbar." in body
    assert "redakteurin@example.org" in mail["To"]
