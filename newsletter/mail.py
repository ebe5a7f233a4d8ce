"""The mails: the confirmation mail of the double opt-in and the issue mail, each as
plain text plus accessible HTML, with the list headers mailbox providers expect."""

import re
from email.utils import formatdate, make_msgid, parseaddr
from html import unescape
from urllib.parse import quote, urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import strip_tags
from wagtail.models import Site
from wagtail.rich_text import expand_db_html

from ec_site.content_version import cached

from .consent import CONFIRMATION_MAIL_VERSION, confirmation_token, unsubscribe_token
from .models import Subscriber


def base_url():
    """The public address of the site: ``NEWSLETTER_BASE_URL`` if set, else the default
    Wagtail site record's (Einstellungen → Websites), like canonical links and feeds."""
    if settings.NEWSLETTER_BASE_URL:
        return settings.NEWSLETTER_BASE_URL

    def site_root():
        site = Site.objects.filter(is_default_site=True).first()
        return site.root_url if site else settings.WAGTAILADMIN_BASE_URL.rstrip("/")

    return cached("newsletter-base-url", site_root)


def absolute(path):
    return base_url() + path


def mail_domain():
    return urlsplit(base_url()).hostname or "localhost"


def list_id():
    return f"E&C Newsletter <newsletter.{mail_domain()}>"


def unsubscribe_address():
    return settings.NEWSLETTER_UNSUBSCRIBE_EMAIL or parseaddr(settings.NEWSLETTER_FROM_EMAIL)[1]


def unsubscribe_url(subscriber):
    return absolute(reverse("newsletter:unsubscribe", args=[unsubscribe_token(subscriber)]))


def confirmation_url(subscriber):
    return absolute(reverse("newsletter:confirm", args=[confirmation_token(subscriber)]))


def preview_subscriber():
    """A stand-in for previews and test mails: its links show the form, never act."""
    return Subscriber(pk=0, email="vorschau@example.org", unsubscribe_key="vorschau")


def _rich_text_as_plain(html):
    html = expand_db_html(html)
    html = re.sub(
        r'<a\s[^>]*href="([^"]*)"[^>]*>(.*?)</a>',
        lambda m: f"{m.group(2)} ({_absolute_href(unescape(m.group(1)))})",
        html,
        flags=re.S,
    )
    html = re.sub(r"<li[^>]*>", "- ", html)
    html = re.sub(r"</(p|li|h[1-6])>|<br\s*/?>", "\n", html)
    return unescape(strip_tags(html)).strip()


def _absolute_href(href):
    return absolute(href) if href.startswith("/") else href


def _page_url(page):
    return absolute(page.specific.get_url_parts()[2]) if page.get_url_parts() else ""


def issue_blocks(issue):
    """The body as plain values for both mail templates, with absolute links."""
    from wagtail.images.models import Filter

    items = []
    for block in issue.body:
        kind, value = block.block_type, block.value
        if kind == "heading":
            items.append({"kind": "heading", "text": value["text"], "level": value["level"]})
        elif kind == "paragraph":
            html = expand_db_html(value.source)
            html = re.sub(
                r'href="(/[^"]*)"', lambda m: f'href="{absolute(unescape(m.group(1)))}"', html
            )
            items.append(
                {"kind": "paragraph", "html": html, "text": _rich_text_as_plain(value.source)}
            )
        elif kind == "event" and value["event"] is not None:
            event = value["event"].specific
            items.append(
                {
                    "kind": "link",
                    "title": event.get_listing_title(),
                    "meta": getattr(event, "date_line", ""),
                    "text": value["text"] or event.get_summary() or "",
                    "url": _page_url(event),
                }
            )
        elif kind == "document" and value["document"] is not None:
            document = value["document"]
            items.append(
                {
                    "kind": "link",
                    "title": value["label"] or document.title,
                    "meta": f"Dokument, {document.file_extension.upper()}",
                    "text": "",
                    "url": absolute(document.url),
                }
            )
        elif kind == "image" and value["image"] is not None:
            rendition = value["image"].get_rendition(Filter(spec="width-600"))
            items.append(
                {
                    "kind": "image",
                    "url": _absolute_href(rendition.url),
                    "width": rendition.width,
                    "height": rendition.height,
                    "alt": value["alt_text"],
                    "caption": value["caption"],
                }
            )
    return items


def render_issue(issue, subscriber, link=None):
    """(HTML, text) of the issue for ``subscriber``, or with ``link`` as unsubscribe URL."""
    context = {
        "issue": issue,
        "blocks": issue_blocks(issue),
        "web_url": _page_url(issue) if issue.live else "",
        "unsubscribe_url": link or unsubscribe_url(subscriber),
        "signup_url": absolute(reverse("newsletter:subscribe")),
    }
    html = render_to_string("newsletter/mail/issue.html", context)
    text = render_to_string("newsletter/mail/issue.txt", context)
    return html, text


def _message(subject, text, html, to, headers):
    message = EmailMultiAlternatives(
        subject, text, settings.NEWSLETTER_FROM_EMAIL, [to], headers=headers
    )
    message.attach_alternative(html, "text/html")
    return message


def issue_message(issue, subscriber, rendered=None):
    html, text = rendered or render_issue(issue, subscriber)
    url = unsubscribe_url(subscriber)
    mailto = f"mailto:{unsubscribe_address()}?subject={quote('Abmeldung ' + subscriber.email)}"
    headers = {
        "Message-ID": make_msgid("newsletter", domain=mail_domain()),
        "Date": formatdate(localtime=True),
        "List-Id": list_id(),
        "List-Unsubscribe": f"<{url}>, <{mailto}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "Auto-Submitted": "auto-generated",
        "Precedence": "bulk",
    }
    return _message(f"E&C Newsletter: {issue.title}", text, html, subscriber.email, headers)


def confirmation_message(subscriber):
    """No promotional content: what was asked, the link, how long it works."""
    context = {
        "confirm_url": confirmation_url(subscriber),
        "days": settings.NEWSLETTER_CONFIRMATION_DAYS,
        "version": CONFIRMATION_MAIL_VERSION,
    }
    html = render_to_string("newsletter/mail/confirmation.html", context)
    text = render_to_string("newsletter/mail/confirmation.txt", context)
    headers = {
        "Message-ID": make_msgid("newsletter-bestaetigung", domain=mail_domain()),
        "Date": formatdate(localtime=True),
        "Auto-Submitted": "auto-generated",
    }
    return _message(
        "Bitte bestätigen Sie Ihre Anmeldung zum E&C Newsletter",
        text,
        html,
        subscriber.email,
        headers,
    )
