"""One "content version" for the whole site, kept in Django's cache.

Every change that can alter what a public page shows renews it: publishing,
unpublishing, moving or deleting a page, a change of a document or an image, a
collection's or a page's privacy, a redirect, a search promotion, or any site setting.
Cached navigation pieces, listing fragments, routed pages and whole pages are stored
under the current version, so after a change nothing stale is served: the next request
builds the page anew. Renewing the version is cheap; the cost
is a cold cache after each edit, which suits a site that changes a few times a day."""

import uuid
from contextvars import ContextVar

from django.core.cache import cache
from django.utils import timezone

VERSION_KEY = "ec:content-version"

# The version read once at the start of a request (ContentVersionMiddleware), so that
# the page cache, the site lookup and each navigation piece do not read it again.
_request_version = ContextVar("ec_content_version", default=None)


def _read_version():
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, None)
        version = cache.get(VERSION_KEY)
    return version


def content_version():
    return _request_version.get() or _read_version()


# Today's date in Europe/Berlin, part of the keys of cached pages and listings (events
# change lists at midnight); likewise taken once per request.
_request_day = ContextVar("ec_cache_day", default=None)


def cache_day():
    return _request_day.get() or timezone.localdate().isoformat()


class ContentVersionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request_version.set(_read_version())
        day_token = _request_day.set(timezone.localdate().isoformat())
        try:
            return self.get_response(request)
        finally:
            _request_day.reset(day_token)
            _request_version.reset(token)


def cached(key, compute, timeout=60 * 60 * 24):
    """``compute()``'s result, kept in the cache until the content version changes."""
    key = f"ec:v:{content_version()}:{key}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout)
    return value


# Saves that only fill in derived file data (Wagtail stores a document's size and hash
# the first time it is asked for them, even during a page view) change nothing visible.
DERIVED_FIELDS = {"file_size", "file_hash"}


def renew_content_version(update_fields=None, **kwargs):
    if update_fields and set(update_fields) <= DERIVED_FIELDS:
        return
    version = uuid.uuid4().hex
    cache.set(VERSION_KEY, version, None)
    if _request_version.get() is not None:
        # A change made during a request (an editor publishing) is seen by the rest of it.
        _request_version.set(version)


def connect_signals():
    from django.apps import apps
    from django.db.models.signals import post_delete, post_migrate, post_save
    from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import (
        Collection,
        CollectionViewRestriction,
        Page,
        PageViewRestriction,
        Site,
    )
    from wagtail.signals import page_published, page_unpublished, post_page_move

    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(renew_content_version, dispatch_uid=f"ec-version-{id(signal)}")
    # A deploy runs `migrate`: pages and fragments rendered with the old templates and
    # static file names must not outlive it.
    post_migrate.connect(renew_content_version, dispatch_uid="ec-version-migrate")

    watched = [Page, get_document_model(), Collection, CollectionViewRestriction]
    watched += [PageViewRestriction, Site]
    watched.append(get_image_model())  # a replaced image file changes its rendition URLs
    if apps.is_installed("wagtail.contrib.redirects"):
        watched.append(apps.get_model("wagtailredirects", "Redirect"))
    if apps.is_installed("wagtail.contrib.search_promotions"):
        watched.append(apps.get_model("wagtailsearchpromotions", "SearchPromotion"))
    for model in apps.get_models():
        if issubclass(model, BaseSiteSetting | BaseGenericSetting):
            watched.append(model)
            # Inline children of a setting (e.g. the footer's partner links).
            for relation in model._meta.related_objects:
                if relation.one_to_many and relation.related_model.__module__ == model.__module__:
                    watched.append(relation.related_model)
    for model in watched:
        uid = f"{model._meta.label}"
        # Pages: only deletions here; saves of drafts must not empty the cache.
        if model is not Page:
            post_save.connect(renew_content_version, sender=model, dispatch_uid=f"ec-save-{uid}")
        post_delete.connect(renew_content_version, sender=model, dispatch_uid=f"ec-del-{uid}")
