"""Sign-up limits per address and per client on Django's cache.

Keys are hashes of validated input, so they are bounded and hold no address. When the
cache fails (the site's backends answer errors like a miss), sign-ups go through: the
double opt-in still protects the addresses, and a visitor never sees an error."""

import hashlib
import logging

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)


def _key(kind, value):
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{value}".encode()).hexdigest()[:32]
    return f"newsletter:limit:{kind}:{digest}"


def _count(key, window):
    """The number of hits in the window including this one; 0 when the cache fails."""
    try:
        if cache.add(key, 1, window):
            return 1
        return cache.incr(key)
    except Exception:  # a failing or evicted store: count nothing, never fail
        return 0


def signup_allowed(email, client_ip):
    """Count one sign-up attempt; False when the address or the client is over its limit."""
    window = settings.NEWSLETTER_SIGNUP_WINDOW
    by_client = _count(_key("client", client_ip or "unknown"), window)
    by_address = _count(_key("address", email), window)
    return (
        by_client <= settings.NEWSLETTER_SIGNUPS_PER_CLIENT
        and by_address <= settings.NEWSLETTER_SIGNUPS_PER_ADDRESS
    )
