"""The visitor's address, as the site's own proxy reports it.

One place for every limit per client (newsletter sign-ups, feedback form, login throttling).
Behind a reverse proxy set CLIENT_IP_HEADER to the header it writes (as Django names it,
e.g. ``HTTP_X_REAL_IP``); for ``X-Forwarded-For`` lists the last entry counts, because our
own proxy appended it. Anything that is not an IP address gives ``None``."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_ipv46_address


def client_ip(request):
    header = settings.CLIENT_IP_HEADER
    value = request.META.get(header, "") if header else ""
    value = value.split(",")[-1].strip() if value else request.META.get("REMOTE_ADDR", "")
    try:
        validate_ipv46_address(value)
    except ValidationError:
        return None
    return value
