"""Sign-up limits per address and per client (counters: ``ec_site.ratelimit``).

If the cache fails, sign-ups go through: the double opt-in still protects the addresses,
and a visitor never sees an error."""

from django.conf import settings

from ec_site import ratelimit


def signup_allowed(email, client_ip):
    """Count one sign-up attempt; False when the address or the client is over its limit."""
    window = settings.NEWSLETTER_SIGNUP_WINDOW
    by_client = ratelimit.count("newsletter-client", client_ip, window)
    by_address = ratelimit.count("newsletter-address", email, window)
    return (
        by_client <= settings.NEWSLETTER_SIGNUPS_PER_CLIENT
        and by_address <= settings.NEWSLETTER_SIGNUPS_PER_ADDRESS
    )
