"""Login throttling (django-axes) beyond Django's own login: the password forms of protected
pages and collections, and wrong second-factor codes.

Each counts as a failed login (Django's ``user_login_failed`` signal, which axes records) under
a name of its own, per client address as every other login. During a lockout the password or
code is not even looked at."""

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cool_off, get_lockout_response
from django.contrib.auth.signals import user_login_failed
from django.template.response import TemplateResponse

PAGE_PASSWORD = "seitenpasswort-{}"
COLLECTION_PASSWORD = "sammlungspasswort-{}"


def credentials_for(name):
    return {"username": name}


def is_locked_out(request, name):
    return not AxesProxyHandler.is_allowed(request, credentials_for(name))


def count_failure(request, name):
    """Records a failed attempt; True when it ends in a lockout."""
    user_login_failed.send(sender=__name__, credentials=credentials_for(name), request=request)
    return bool(getattr(request, "axes_locked_out", False))


def lockout_response(request, name):
    return get_lockout_response(request, credentials=credentials_for(name))


def throttled_password_form(view, name_format):
    """Wraps Wagtail's password-form view of a page or collection restriction: a wrong
    password (the form shown again, 200) counts against the restriction and the address."""

    def throttled(request, *args, **kwargs):
        if request.method != "POST":
            return view(request, *args, **kwargs)
        restriction_id = kwargs.get("page_view_restriction_id", kwargs.get("restriction_id"))
        name = name_format.format(restriction_id)
        if is_locked_out(request, name):
            return lockout_response(request, name)
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and count_failure(request, name):
            return lockout_response(request, name)
        return response

    return throttled


def lockout_page(request, original_response=None, credentials=None):
    """The German lockout page (AXES_LOCKOUT_CALLABLE), HTTP 429."""
    minutes = max(1, int(get_cool_off(request).total_seconds() // 60))
    response = TemplateResponse(request, "accounts/lockout.html", {"minutes": minutes}, status=429)
    response["Retry-After"] = str(minutes * 60)
    return response.render()
