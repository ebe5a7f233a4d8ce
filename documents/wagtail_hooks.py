from django.urls import path
from django.utils.html import format_html
from wagtail import hooks
from wagtail.documents.rich_text import DocumentLinkHandler

from .admin_listing import DocumentIndexView
from .templatetags.document_tags import document_meta


class DocumentLinkWithMetaHandler(DocumentLinkHandler):
    """Document links in rich text carry type, size and pages like every other download
    link of the site; the stylesheet shows them after the link text."""

    @classmethod
    def expand_db_attributes_many(cls, attrs_list):
        return [
            format_html(
                '<a href="{}" class="download-inline" type="{}" data-meta="{}">',
                document.url,
                document.content_type,
                document_meta(document),
            )
            if document
            else "<a>"
            for document in cls.get_many(attrs_list)
        ]


# order=1: after wagtail.documents has registered its own handler for "document" links.
@hooks.register("register_rich_text_features", order=1)
def register_document_link_with_meta(features):
    features.register_link_type(DocumentLinkWithMetaHandler)


# order=-1: before wagtail.documents' own URLs, so the listing's addresses reach this view.
@hooks.register("register_admin_urls", order=-1)
def register_document_listing_with_text_status():
    return [
        path("documents/", DocumentIndexView.as_view(), name="ec_documents_index"),
        path(
            "documents/results/",
            DocumentIndexView.as_view(results_only=True),
            name="ec_documents_index_results",
        ),
    ]
