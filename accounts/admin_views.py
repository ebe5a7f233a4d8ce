"""Einstellungen › Anmeldesicherheit (administrators only): current lockouts with an unlock
button, and the second factor of every editor, with a reset for a lost phone."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import lockouts, second_factor


def administrators_only(view):
    def checked(request, *args, **kwargs):
        if not request.user.is_superuser:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return checked


@administrators_only
def index(request):
    User = get_user_model()
    users = User.objects.filter(is_active=True).prefetch_related("groups").order_by("username")
    with_app = set(TOTPDevice.objects.filter(confirmed=True).values_list("user_id", flat=True))
    return TemplateResponse(
        request,
        "accounts/admin_index.html",
        {
            "lockouts": lockouts.current_lockouts(),
            "accounts": [
                {
                    "user": user,
                    "configured": user.pk in with_app,
                    "required": second_factor.is_required_for(user),
                }
                for user in users
            ],
            "header_title": "Anmeldesicherheit",
            "page_title": "Anmeldesicherheit",
            "header_icon": "lock",
        },
    )


@require_POST
@administrators_only
def unlock(request):
    kind = request.POST.get("kind")
    value = request.POST.get("value", "")[:255]
    if kind not in ("username", "ip_address") or not value:
        messages.error(request, "Diese Sperre gibt es nicht.")
    else:
        lockouts.lift(kind, value)
        messages.success(request, "Die Sperre ist aufgehoben.")
    return redirect("accounts_security")


@require_POST
@administrators_only
def reset_second_factor(request, user_id):
    user = get_object_or_404(get_user_model(), pk=user_id)
    second_factor.remove_second_factor(user)
    messages.success(
        request,
        f"Die Zwei-Faktor-Anmeldung von {user.get_username()} ist zurückgesetzt. "
        "Bei der nächsten Anmeldung richtet die Person eine neue App ein.",
    )
    return redirect("accounts_security")
