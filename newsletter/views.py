"""The visitor's side: sign-up, confirmation and unsubscribing, none needing a login."""

from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from ec_site.client_address import client_ip as client_address

from . import consent, tasks
from .forms import HONEYPOT_FIELD, SignupForm
from .ratelimit import signup_allowed

MAX_TOKEN_LENGTH = 300


def _privacy_url():
    from legal.models import PrivacyPage

    page = PrivacyPage.objects.live().first()
    return page.url if page else ""


def _render(request, template, context=None, status=200):
    context = {"privacy_url": _privacy_url(), **(context or {})}
    return render(request, f"newsletter/{template}", context, status=status)


def subscribe(request):
    """The sign-up form. Its answer is the same whether or not the address is known."""
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    form = SignupForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data.get(HONEYPOT_FIELD):
            return redirect("newsletter:thanks")
        email = consent.normalize(form.cleaned_data["email"])
        client_ip = client_address(request)
        # Counted case-insensitively: varying the case must not multiply the mails.
        if not signup_allowed(email.lower(), client_ip):
            return _render(request, "too_many.html", status=429)
        subscriber = consent.sign_up(email, client_ip, request.build_absolute_uri(request.path))
        if subscriber is not None:
            tasks.send_confirmation.enqueue(subscriber.pk, subscriber.confirmation_key)
        return redirect("newsletter:thanks")
    return _render(request, "signup.html", {"form": form}, status=200)


def thanks(request):
    return _render(request, "thanks.html", {"days": consent.confirmation_max_age().days})


@never_cache
@csrf_exempt  # the signed single-use token protects it
def confirm(request, token):
    """GET shows a button, POST confirms: link scanners that follow the link change
    nothing."""
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    try:
        if len(token) > MAX_TOKEN_LENGTH:
            raise consent.InvalidLink("Dieser Link ist ungültig.")
        if request.method == "POST":
            consent.confirm(token, client_address(request))
            return _render(request, "confirmed.html")
        consent.subscriber_for_confirmation(token)
    except consent.InvalidLink as error:
        return _render(
            request,
            "invalid_link.html",
            {"message": str(error), "signup_url": reverse("newsletter:subscribe")},
            status=400,
        )
    return _render(request, "confirm.html", {"action": request.path})


@never_cache
@csrf_exempt  # RFC 8058: mail programs POST without a token
def unsubscribe(request, token):
    """One-click unsubscribe: a POST (RFC 8058 or the button) unsubscribes at once and
    answers 200; a GET only shows the button."""
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    try:
        if len(token) > MAX_TOKEN_LENGTH:
            raise consent.InvalidLink("Dieser Link ist ungültig.")
        subscriber = consent.subscriber_for_unsubscribe(token)
    except consent.InvalidLink as error:
        return _render(request, "invalid_link.html", {"message": str(error)}, status=400)
    if request.method == "POST":
        one_click = request.POST.get("List-Unsubscribe") == "One-Click"
        consent.unsubscribe(
            subscriber,
            channel="List-Unsubscribe (One-Click)" if one_click else "Abmeldelink",
            client_ip=client_address(request),
        )
        return _render(request, "unsubscribed.html")
    return _render(request, "unsubscribe.html", {"action": request.path})
