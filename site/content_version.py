"""One "content version" for the whole site, kept in the cache alias ``content_version``.

Every change that can alter what a public page shows renews it: publishing,
unpublishing, moving or deleting a page, a change of a document or an image, a
collection's or a page's privacy, a redirect, a search promotion, or any site setting.
Cached navigation pieces, listing fragments, routed pages and whole pages are stored
under the current version, so after a change nothing stale is served: the next request
builds the page anew.

Three rules keep that true:

* The version is renewed when the change is *committed* (``transaction.on_commit``;
  outside a transaction at once). Renewed earlier, a reader arriving before the commit
  would read the old rows and store them under the new version.
* A request reads the version once, before it reads any content
  (``ContentVersionMiddleware``), so whatever it stores is stored under a version at
  least as old as the rows it read.
* A version that cannot be read (the cache is down or full) means no caching for that
  request; a lost version key (eviction, a restart) is replaced by a new random one, which
  makes the caches cold, never stale. A renewal the store refused is retried at the
  start of every request of this process until it succeeds."""

import logging
import uuid
from contextvars import ContextVar

from django.core.cache import cache, caches
from django.db import transaction
from django.utils import timezone

logger = logging.getLogger("ec_site.cache")

VERSION_KEY = "ec:content-version"

# The version read once at the start of a request (ContentVersionMiddleware), so that
# the page cache, the site lookup and each navigation piece do not read it again.
# ``UNAVAILABLE`` when it could not be read: the request then caches nothing.
UNAVAILABLE = ""
_request_version = ContextVar("ec_content_version", default=None)

# A renewal that the store refused; retried before the next read in this process.
_renewal_pending = False


def version_store():
    return caches["content_version"]


def _read_version():
    if _renewal_pending:
        _renew_now()
    store = version_store()
    version = store.get(VERSION_KEY)
    if version is None:
        store.add(VERSION_KEY, uuid.uuid4().hex, None)
        version = store.get(VERSION_KEY)
    return version or UNAVAILABLE


def content_version():
    """The current version, or ``""`` when the store cannot give one (then nothing may
    be read from or written to the caches that depend on it)."""
    version = _request_version.get()
    if version is None:
        version = _read_version()
    return version


# What ``cached()`` read during the current request: the navigation, the restricted paths
# and the listing counts are asked for several times per page, and each read of a shared
# cache is a file or a network round trip. Lives for one request, under its version.
_request_memo = ContextVar("ec_cached_memo", default=None)


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
        memo_token = _request_memo.set({})
        try:
            return self.get_response(request)
        finally:
            _request_memo.reset(memo_token)
            _request_day.reset(day_token)
            _request_version.reset(token)


def cached(key, compute, timeout=60 * 60 * 24):
    """``compute()``'s result, kept in the cache until the content version changes
    (computed every time while the cache is unavailable)."""
    version = content_version()
    if not version:
        return compute()
    key = f"ec:v:{version}:{key}"
    memo = _request_memo.get()
    if memo is not None and key in memo:
        return memo[key]
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout)
    if memo is not None:
        memo[key] = value
    return value


# Saves that only fill in derived file data (Wagtail stores a document's size and hash
# the first time it is asked for them, even during a page view) change nothing visible.
DERIVED_FIELDS = {"file_size", "file_hash"}


def renew_content_version(update_fields=None, **kwargs):
    """Signal receiver: renew the version once the surrounding transaction commits."""
    if update_fields and set(update_fields) <= DERIVED_FIELDS:
        return
    transaction.on_commit(_renew_now, robust=True)


def _renew_now():
    global _renewal_pending
    store = version_store()
    version = uuid.uuid4().hex
    store.set(VERSION_KEY, version, None)
    renewed = store.get(VERSION_KEY) == version
    if not renewed and store.delete(VERSION_KEY):
        # A full store (Redis "noeviction") refuses the new value but lets the old one
        # go: the next reader starts a new version, or caches nothing.
        renewed = store.get(VERSION_KEY) is None
    if not renewed:
        if not _renewal_pending:
            logger.error(
                "Die Inhaltsversion konnte nicht erneuert werden (Cache nicht erreichbar); "
                "neuer Versuch bei der nächsten Anfrage dieses Prozesses."
            )
        version = UNAVAILABLE
    _renewal_pending = not renewed
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
