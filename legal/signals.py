"""Keeps the cached header links (Leichte Sprache, Gebärdensprache) current: any
publish, unpublish, move or deletion of a page may change them or their URLs."""

from django.db.models.signals import post_delete
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from .templatetags.legal_tags import clear_header_links


def _clear(sender, **kwargs):
    clear_header_links()


def _clear_on_page_delete(sender, instance, **kwargs):
    if isinstance(instance, Page):
        clear_header_links()


def connect():
    page_published.connect(_clear, dispatch_uid="legal-header-links-published")
    page_unpublished.connect(_clear, dispatch_uid="legal-header-links-unpublished")
    post_page_move.connect(_clear, dispatch_uid="legal-header-links-moved")
    post_delete.connect(_clear_on_page_delete, dispatch_uid="legal-header-links-deleted")
