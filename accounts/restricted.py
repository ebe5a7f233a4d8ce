"""Pages and documents restricted to signed-in users or groups („Nur angemeldete Benutzer“,
„Nur bestimmte Gruppen“): a user counts as signed in there only after the step of the
second factor the admin asks of them (``second_factor.owed_step``: the code whenever an
app is set up, setting one up where it is required). Wagtail's own check would let the
password alone through, so these hooks send such a user to that step first, with the
page or download as the address to return to."""

from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.http import urlencode
from wagtail.models import BaseViewRestriction

from . import second_factor

NEEDS_SIGNED_IN_USER = {BaseViewRestriction.LOGIN, BaseViewRestriction.GROUPS}


def second_factor_first(request, get_restrictions):
    """The redirect to the code step, or None. ``get_restrictions`` is called only for a
    half-signed-in user, so everybody else pays no query for it."""
    user = request.user
    if not user.is_authenticated or user.is_verified():
        return None
    if not any(r.restriction_type in NEEDS_SIGNED_IN_USER for r in get_restrictions()):
        return None
    step = second_factor.owed_step(user)
    if step is None:
        return None
    response = redirect(f"{reverse(step)}?{urlencode({'next': request.get_full_path()})}")
    add_never_cache_headers(response)
    return response
