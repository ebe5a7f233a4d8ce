"""Admin views: subscribers (list, consent record, manual unsubscribe, export, erasure)
for „Moderation“ and administrators; sending an issue and the test mail."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone

from . import consent, export, mail, sending, tasks
from .models import NewsletterIssuePage, Sending, Subscriber

SEARCH_MAX = 100


def _require(request, permission):
    if not request.user.has_perm(permission):
        raise PermissionDenied


def may_send(user):
    return user.has_perm("newsletter.send_newsletter")


def _filtered(request):
    subscribers = Subscriber.objects.all()
    status = request.GET.get("status", "")
    if status not in Subscriber.Status.values:
        status = ""
    if status:
        subscribers = subscribers.filter(status=status)
    query = request.GET.get("q", "").strip()[:SEARCH_MAX]
    if query:
        subscribers = subscribers.filter(email__icontains=query)
    return subscribers, status, query


def subscriber_list(request):
    _require(request, "newsletter.view_subscriber")
    subscribers, status, query = _filtered(request)
    page = Paginator(subscribers.order_by("-created_at", "-pk"), 50).get_page(request.GET.get("p"))
    return TemplateResponse(
        request,
        "newsletter/admin/subscriber_list.html",
        {
            "page_obj": page,
            "status": status,
            "query": query,
            "statuses": Subscriber.Status.choices,
            "may_export": request.user.has_perm("newsletter.export_subscriber"),
            "total": subscribers.count(),
        },
    )


def subscriber_export(request):
    _require(request, "newsletter.export_subscriber")
    subscribers, _, _ = _filtered(request)
    response = HttpResponse(
        export.subscribers_csv(subscribers.order_by("email")),
        content_type="text/csv; charset=utf-8",
    )
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="newsletter-abonnements-{stamp}.csv"'
    return response


def subscriber_detail(request, pk):
    _require(request, "newsletter.view_subscriber")
    subscriber = get_object_or_404(Subscriber, pk=pk)
    if request.method == "POST" and request.POST.get("action") == "abmelden":
        _require(request, "newsletter.change_subscriber")
        if consent.unsubscribe(subscriber, channel=f"Redaktion ({request.user.get_username()})"):
            messages.success(request, f"{subscriber.email} wurde abgemeldet.")
        return redirect("newsletter_admin:subscriber", pk=subscriber.pk)
    return TemplateResponse(
        request,
        "newsletter/admin/subscriber_detail.html",
        {
            "subscriber": subscriber,
            "events": subscriber.consent_events.all(),
            "may_change": request.user.has_perm("newsletter.change_subscriber"),
            "may_delete": request.user.has_perm("newsletter.delete_subscriber"),
            "may_export": request.user.has_perm("newsletter.export_subscriber"),
        },
    )


def consent_export(request, pk):
    """Everything stored about one subscriber (Art. 15 DSGVO)."""
    _require(request, "newsletter.export_subscriber")
    subscriber = get_object_or_404(Subscriber, pk=pk)
    response = HttpResponse(export.consent_csv(subscriber), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="einwilligungsnachweis-{subscriber.pk}.csv"'
    )
    return response


def subscriber_erase(request, pk):
    """Erasure (Art. 17 DSGVO): the subscriber, the consent record and the deliveries."""
    _require(request, "newsletter.delete_subscriber")
    subscriber = get_object_or_404(Subscriber, pk=pk)
    if request.method == "POST":
        email = subscriber.email
        with transaction.atomic():
            subscriber.delete()
        messages.success(request, f"Alle Daten zu {email} wurden gelöscht.")
        return redirect("newsletter_admin:subscribers")
    return TemplateResponse(
        request, "newsletter/admin/subscriber_erase.html", {"subscriber": subscriber}
    )


def _issue(request, page_id):
    page = get_object_or_404(NewsletterIssuePage, pk=page_id)
    if not page.permissions_for_user(request.user).can_edit() and not may_send(request.user):
        raise PermissionDenied
    return page


def send_issue(request, page_id):
    """Confirm with the number of recipients, then start in the background; afterwards
    the progress and the end result."""
    if not may_send(request.user):
        raise PermissionDenied
    issue = get_object_or_404(NewsletterIssuePage, pk=page_id)
    existing = Sending.objects.filter(issue=issue).first()
    if request.method == "POST" and existing is None:
        try:
            with transaction.atomic():
                started = sending.start(issue, request.user)
                tasks.send_issue.enqueue(started.pk)
        except sending.AlreadyStarted:
            pass
        else:
            messages.success(request, "Der Versand wurde gestartet.")
        return redirect("newsletter_admin:send", page_id=issue.pk)
    if request.method == "POST" and existing.finished_at is None:
        # After a crashed worker or for retries: another run over the same list.
        tasks.send_issue.enqueue(existing.pk)
        messages.success(request, "Der Versand wird fortgesetzt.")
        return redirect("newsletter_admin:send", page_id=issue.pk)
    if request.method == "POST":
        return redirect("newsletter_admin:send", page_id=issue.pk)
    context = {"issue": issue, "sending": existing}
    if existing is None:
        context["recipients"] = sending.recipients().count()
    else:
        counts = existing.counts()
        context["counts"] = counts
        context["remaining"] = sum(counts[s] for s in sending.OPEN_STATUSES)
        context["labels"] = dict(sending.Status.choices)
    return TemplateResponse(request, "newsletter/admin/send.html", context)


def test_mail(request, page_id):
    """„Testversand“: the latest revision (also a draft) to the editor's own address."""
    issue = _issue(request, page_id)
    if request.method == "POST":
        if not request.user.email:
            messages.error(
                request,
                "Ihr Konto hat keine E-Mail-Adresse. Bitte tragen Sie sie in Ihrem Konto ein.",
            )
        else:
            latest = issue.get_latest_revision_as_object()
            test_subscriber = mail.preview_subscriber()
            test_subscriber.email = request.user.email
            message = mail.issue_message(latest, test_subscriber)
            message.subject = "[Testversand] " + message.subject
            try:
                message.send()
            except OSError as error:
                messages.error(request, f"Der Testversand ist fehlgeschlagen: {error}")
            else:
                messages.success(request, f"Der Testversand an {request.user.email} ist unterwegs.")
        return redirect(reverse("wagtailadmin_pages:edit", args=[issue.pk]))
    return TemplateResponse(request, "newsletter/admin/test_mail.html", {"issue": issue})
