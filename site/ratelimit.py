"""Counters for per-client limits on Django's cache (newsletter sign-ups, feedback form,
CSP reports).

Keys are hashes of validated input under a fixed scope name, so their number is bounded
and they hold no address. When the cache fails (the site's backends answer errors like a
miss), nothing is counted and the request goes through: a limit is an optimisation
against abuse, never a reason for an error page."""

import hashlib

from django.conf import settings
from django.core.cache import cache


def _key(scope, value):
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{scope}:{value}".encode()).hexdigest()[:32]
    return f"limit:{scope}:{digest}"


def count(scope, value, window):
    """Count one hit of ``value`` in ``scope``; the number of hits in the window including
    this one, 0 when the cache fails."""
    key = _key(scope, value or "unknown")
    try:
        if cache.add(key, 1, window):
            return 1
        return cache.incr(key)
    except Exception:  # a failing or evicted store: count nothing, never fail
        return 0


def allowed(scope, value, limit, window):
    """Count one hit; False when ``value`` has had more than ``limit`` in the window."""
    return count(scope, value, window) <= limit
