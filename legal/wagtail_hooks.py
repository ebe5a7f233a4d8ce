from wagtail import hooks
from wagtail.admin.userbar import ContentCheckerItem

# axe-core tags of every rule that BITV 2.0 (WCAG 2.1 A/AA via EN 301 549) asks for,
# plus axe's best practices (heading order, landmarks, empty headings) and Wagtail's own
# checks (alt text quality: tagged best-practice; empty meta description: tagged seo).
BITV_AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice", "seo"]


class BITVContentCheckerItem(ContentCheckerItem):
    """Wagtail's accessibility checker (userbar and the editor's „Prüfungen“ panel)
    with the full set of relevant axe rules instead of Wagtail's ten-rule default."""

    axe_run_only = BITV_AXE_TAGS
    axe_messages = {
        **ContentCheckerItem.axe_messages,
        "color-contrast": {
            "error_name": "Zu geringer Farbkontrast",
            "help_text": "Text braucht einen Kontrast von mindestens 4,5:1 zum Hintergrund.",
        },
        "image-alt": {
            "error_name": "Bild ohne Alternativtext",
            "help_text": "Beschreiben Sie, was auf dem Bild zu sehen ist.",
        },
        "link-in-text-block": {
            "error_name": "Link nur an der Farbe erkennbar",
            "help_text": "Links im Fließtext müssen unterstrichen sein.",
        },
    }


@hooks.register("construct_wagtail_userbar")
def use_full_accessibility_checker(request, items, page):
    for position, item in enumerate(items):
        if isinstance(item, ContentCheckerItem) and not isinstance(item, BITVContentCheckerItem):
            items[position] = BITVContentCheckerItem(in_editor=getattr(item, "in_editor", False))
