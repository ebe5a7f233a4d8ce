from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from . import second_factor

# Admin views a user may reach before the second factor: signing in and out, resetting the
# password, the steps of the second factor itself, and what the admin's pages load by script
# (the icon sprite is put into the page: redirected, it would put the set-up form in twice).
OPEN_VIEWS = {
    "wagtailadmin_sprite",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_password_reset",
    "wagtailadmin_password_reset_done",
    "wagtailadmin_password_reset_confirm",
    "wagtailadmin_password_reset_complete",
    "accounts_verify",
    "accounts_enrol",
}


class SecondFactorMiddleware:
    """Leads a signed-in user through the second factor before any admin page: users with a
    configured factor enter a code, users who must have one (superusers, Moderation) and have
    none set it up first. Runs after django-otp's OTPMiddleware (``user.is_verified()``)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not request.path.startswith(reverse("wagtailadmin_home")):
            return None  # public pages cost no query for the device
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        if request.resolver_match.url_name in OPEN_VIEWS:
            return None
        step = second_factor.owed_step(user)
        if step is None:
            return None
        return redirect(f"{reverse(step)}?{urlencode({'next': request.get_full_path()})}")
