"""The second factor in the admin: entering a code after the password, setting up the app,
the user's own overview (account settings) and new recovery codes."""

import segno
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from . import second_factor, throttling
from .forms import AppCodeForm, CodeForm

THROTTLED = (
    "Nach einem falschen Code wird der nächste erst nach einer kurzen Pause geprüft, die mit "
    "jedem weiteren falschen Code länger wird. Bitte warten Sie einen Moment und geben Sie "
    "dann den Code ein, den die App gerade anzeigt."
)


def next_url(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, request.get_host(), request.is_secure()):
        return target
    return reverse("wagtailadmin_home")


def locked_out(request):
    """Too many wrong codes: the half-signed-in session ends with the lockout page."""
    username = request.user.get_username()
    logout(request)
    return throttling.lockout_response(request, username)


def verify(request):
    """The code step after the password."""
    user = request.user
    if user.is_verified():
        return redirect(next_url(request))
    if not second_factor.has_second_factor(user):
        return redirect(f"{reverse('accounts_enrol')}?{request.GET.urlencode()}")
    username = user.get_username()
    form = CodeForm(request.POST or None)
    if request.method == "POST":
        if throttling.is_locked_out(request, username):
            return locked_out(request)
        if form.is_valid():
            try:
                device = second_factor.verify(user, form.cleaned_data["otp_token"])
            except second_factor.Throttled:
                # Counted as well: hammering during the pause ends in the lockout.
                if throttling.count_failure(request, username):
                    return locked_out(request)
                form.add_error("otp_token", THROTTLED)
                return verify_page(request, form)
            if device is not None:
                second_factor.mark_verified(request, device)
                return redirect(next_url(request))
            if throttling.count_failure(request, username):
                return locked_out(request)
            form.add_error(
                "otp_token",
                "Der Code stimmt nicht oder ist abgelaufen. Nach mehreren falschen Codes "
                "wird die Anmeldung für eine Weile gesperrt.",
            )
    return verify_page(request, form)


def verify_page(request, form):
    return TemplateResponse(
        request, "accounts/verify.html", {"form": form, "next": next_url(request)}
    )


def enrol(request):
    """Sets up the authenticator app: QR code, the first code, then the recovery codes."""
    user = request.user
    if second_factor.has_second_factor(user) and not user.is_verified():
        # Replacing a configured app needs the second factor first.
        return redirect(f"{reverse('accounts_verify')}?{request.GET.urlencode()}")
    device = second_factor.pending_app_device(user)
    form = AppCodeForm(request.POST or None)
    if request.method == "POST":
        username = user.get_username()
        if throttling.is_locked_out(request, username):
            return locked_out(request)
        if form.is_valid():
            token = "".join(form.cleaned_data["otp_token"].split())
            if not device.verify_is_allowed()[0]:
                if throttling.count_failure(request, username):
                    return locked_out(request)
                form.add_error("otp_token", THROTTLED)
            elif token.isdigit() and device.verify_token(token):
                second_factor.confirm_app_device(user, device)
                codes = second_factor.new_recovery_codes(user)
                second_factor.mark_verified(request, device)
                return TemplateResponse(
                    request,
                    "accounts/recovery_codes.html",
                    {"codes": codes, "next": next_url(request), "enrolled": True},
                )
            elif throttling.count_failure(request, username):
                return locked_out(request)
            else:
                form.add_error(
                    "otp_token",
                    "Der Code stimmt nicht. Prüfen Sie, ob die Uhrzeit Ihres Telefons stimmt, "
                    "und geben Sie den Code ein, den die App jetzt anzeigt.",
                )
    qr_code = segno.make(device.config_url, error="m")
    return TemplateResponse(
        request,
        "accounts/enrol.html",
        {
            "form": form,
            "next": next_url(request),
            "qr_svg": qr_code.svg_inline(scale=5, border=2, title="QR-Code für die App"),
            "secret": second_factor.readable_secret(device),
            "required": second_factor.is_required_for(user),
            "replacing": second_factor.has_second_factor(user),
        },
    )


def overview(request):
    """Account settings › Zwei-Faktor-Anmeldung."""
    user = request.user
    return TemplateResponse(
        request,
        "accounts/overview.html",
        {
            "configured": second_factor.has_second_factor(user),
            "required": second_factor.is_required_for(user),
            "remaining_codes": second_factor.remaining_recovery_codes(user),
            "header_title": "Zwei-Faktor-Anmeldung",
            "page_title": "Zwei-Faktor-Anmeldung",
            "header_icon": "key",
        },
    )


@require_POST
def recovery_codes(request):
    if not second_factor.has_second_factor(request.user):
        return redirect("accounts_overview")
    codes = second_factor.new_recovery_codes(request.user)
    return TemplateResponse(
        request,
        "accounts/recovery_codes.html",
        {"codes": codes, "next": reverse("accounts_overview"), "enrolled": False},
    )


@require_POST
def remove(request):
    if second_factor.is_required_for(request.user):
        messages.error(
            request,
            "Für Ihre Rolle ist die Zwei-Faktor-Anmeldung vorgeschrieben. Sie können eine "
            "neue App einrichten, aber die Anmeldung nicht abschalten.",
        )
    else:
        second_factor.remove_second_factor(request.user)
        messages.success(request, "Die Zwei-Faktor-Anmeldung ist abgeschaltet.")
    return redirect("accounts_overview")
