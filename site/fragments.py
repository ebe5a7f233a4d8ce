"""The fragment cache: rendered listing bodies (``{% fragmentcache %}``) and routed pages,
kept on the ``template_fragments`` cache alias under the content version.

Where the anonymous page cache does not apply (editors, a cold cache after a publish,
query strings of filters and pages), these pieces are what is expensive to build: the
listings of hundreds of events or areas and the two queries that find a page by its
path. The alias is switched off in development and in the test suite
(``DummyCache``); the tests that cover this module switch it on.

Entries are stored with the identity of what they hold and checked on the way out, so a
bounded key (a slot shared by many search queries, ``variants.limit_entries``) never
returns another variant's rendering."""

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches

from . import variants
from .content_version import cache_day, content_version


def fragment_cache():
    return caches["template_fragments"]


def listing_variant(request):
    """The key of the listing variant ``request`` asks for, or ``None`` (render without
    the cache): see ``ec_site.variants.fragment_variant``."""
    return variants.fragment_variant(request)


@dataclass(frozen=True)
class BoundedKey:
    """A fragment key whose variants share ``entries`` slots (the search results)."""

    ident: str
    entries: int

    def __str__(self):
        return f"slot{variants.slot(self.ident, self.entries)}"


def content_key(key):
    """``key`` under the current content version and day: gone with the next change.
    ``None`` while the cache cannot give a version or is switched off
    (``FRAGMENT_CACHE_ENABLED``): then nothing is cached."""
    if not settings.FRAGMENT_CACHE_ENABLED:
        return None
    version = content_version()
    if not version:
        return None
    digest = hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()
    return f"ec:f:{version}:{cache_day()}:{digest}"


def get_fragment(name, keys):
    """The stored value for ``keys`` (strings or ``BoundedKey``), or ``None``."""
    key = content_key(":".join([name, *map(str, keys)]))
    if key is None:
        return None
    stored = fragment_cache().get(key)
    if isinstance(stored, tuple) and stored[0] == _identity(keys):
        return stored[1]
    return None


def set_fragment(name, keys, value):
    key = content_key(":".join([name, *map(str, keys)]))
    if key is not None:
        fragment_cache().set(key, (_identity(keys), value), settings.FRAGMENT_CACHE_TIMEOUT)


def _identity(keys):
    return "\x1f".join(key.ident if isinstance(key, BoundedKey) else str(key) for key in keys)
