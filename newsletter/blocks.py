"""The body of a newsletter issue: what renders well on the web and in a mail alike."""

from wagtail import blocks

from home.blocks import DocumentLinkBlock, HeadingBlock, ImageBlock

# No tables, embeds or buttons: every mail program shows these.
ISSUE_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]


class EventLinkBlock(blocks.StructBlock):
    event = blocks.PageChooserBlock(label="Veranstaltung", page_type="conference.EventPage")
    text = blocks.TextBlock(
        label="Kurztext",
        required=False,
        max_length=600,
        help_text="Leer lassen für die Kurzbeschreibung der Veranstaltung.",
    )

    class Meta:
        icon = "date"
        label = "Veranstaltung"
        template = "newsletter/blocks/event_link_block.html"


class IssueBodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label="Text", features=ISSUE_TEXT_FEATURES, template="blocks/paragraph_block.html"
    )
    event = EventLinkBlock()
    document = DocumentLinkBlock()
    image = ImageBlock()
