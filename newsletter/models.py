"""The newsletter: issues as Wagtail pages, subscribers with their proof of consent, and
one delivery row per (issue, subscriber) that makes sending resumable without duplicates."""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from home.models import BasePage
from home.privacy import public

from .blocks import IssueBodyBlock

# Paths below the newsletter's own views; an issue page must not take these slugs.
RESERVED_SLUGS = {"abonnieren", "bestaetigen", "abmelden", "danke"}


def new_key():
    return secrets.token_urlsafe(24)


class NewsletterIndexPage(BasePage):
    """„Newsletter“: the web archive of all issues, newest first, with the sign-up link."""

    intro = models.TextField("Einleitung", blank=True, max_length=1000)

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["newsletter.NewsletterIssuePage"]
    max_count = 1
    type_label = "Newsletter"

    class Meta:
        verbose_name = "Newsletter-Archiv"
        verbose_name_plural = "Newsletter-Archive"

    def get_summary(self):
        return super().get_summary() or self.intro

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["issues"] = public(NewsletterIssuePage.objects.child_of(self).live()).order_by(
            "-issue_date", "-pk"
        )
        return context


class NewsletterIssuePage(BasePage):
    """One issue: on the web below the archive, by mail to the confirmed subscribers."""

    issue_date = models.DateField("Datum der Ausgabe", default=timezone.localdate)
    intro = models.TextField(
        "Einleitung",
        blank=True,
        max_length=1000,
        help_text="Ein bis zwei Sätze, die in der E-Mail zuerst stehen.",
    )
    body = StreamField(IssueBodyBlock(), verbose_name="Inhalt", blank=True)

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("issue_date"),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["newsletter.NewsletterIndexPage"]
    subpage_types = []
    type_label = "Newsletter"

    preview_modes = [
        ("", "Webseite"),
        ("mail-html", "E-Mail (HTML)"),
        ("mail-text", "E-Mail (Text)"),
    ]

    class Meta:
        verbose_name = "Newsletter-Ausgabe"
        verbose_name_plural = "Newsletter-Ausgaben"
        permissions = [("send_newsletter", "Kann Newsletter versenden")]

    def clean(self):
        super().clean()
        if self.slug in RESERVED_SLUGS:
            raise ValidationError(
                {"slug": f"Die Kurzadresse „{self.slug}“ ist für den Newsletter reserviert."}
            )

    def get_summary(self):
        return super().get_summary() or self.intro

    def get_search_date(self):
        return self.issue_date

    def serve_preview(self, request, mode_name):
        from django.http import HttpResponse

        from .mail import preview_subscriber, render_issue

        if mode_name in ("mail-html", "mail-text"):
            html, text = render_issue(self, preview_subscriber())
            if mode_name == "mail-html":
                return HttpResponse(html)
            return HttpResponse(text, content_type="text/plain; charset=utf-8")
        return super().serve_preview(request, mode_name)


class Subscriber(models.Model):
    class Status(models.TextChoices):
        PENDING = "ausstehend", "Bestätigung ausstehend"
        CONFIRMED = "bestaetigt", "Bestätigt"
        UNSUBSCRIBED = "abgemeldet", "Abgemeldet"
        BOUNCED = "unzustellbar", "Unzustellbar"

    email = models.EmailField("E-Mail-Adresse", max_length=254, unique=True)
    status = models.CharField(
        "Status", max_length=20, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    created_at = models.DateTimeField("Angemeldet am", default=timezone.now)
    confirmed_at = models.DateTimeField("Bestätigt am", null=True, blank=True)
    unsubscribed_at = models.DateTimeField("Abgemeldet am", null=True, blank=True)
    # Set when a confirmation mail goes out, cleared when it is used: the link works once.
    confirmation_key = models.CharField(max_length=64, blank=True, editable=False)
    confirmation_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    # For the unsubscribe links in every mail; it never expires.
    unsubscribe_key = models.CharField(max_length=64, default=new_key, editable=False)

    class Meta:
        verbose_name = "Abonnent*in"
        verbose_name_plural = "Abonnent*innen"
        ordering = ["-created_at"]
        permissions = [("export_subscriber", "Kann Abonnent*innen exportieren")]

    def __str__(self):
        return self.email


class ConsentEvent(models.Model):
    """Proof of consent: what happened to a subscription, when, from where, under which
    text. Rows are only ever added; erasing a subscriber (Art. 17 DSGVO) removes them."""

    class Kind(models.TextChoices):
        SIGNUP = "anmeldung", "Anmeldung"
        CONFIRMATION_SENT = "bestaetigungsmail", "Bestätigungsmail versandt"
        CONFIRMED = "bestaetigung", "Bestätigung"
        UNSUBSCRIBED = "abmeldung", "Abmeldung"
        BOUNCED = "unzustellbar", "Unzustellbar"

    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="consent_events"
    )
    kind = models.CharField("Ereignis", max_length=30, choices=Kind.choices)
    at = models.DateTimeField("Zeitpunkt", default=timezone.now)
    email = models.EmailField("E-Mail-Adresse", max_length=254)
    client_ip = models.GenericIPAddressField("Client-Adresse", null=True, blank=True)
    form_url = models.CharField("Formular-Adresse", max_length=500, blank=True)
    consent_text = models.TextField("Einwilligungstext", blank=True)
    privacy_version = models.CharField(
        "Fassung der Datenschutzerklärung", max_length=200, blank=True
    )
    mail_version = models.CharField("Fassung der Bestätigungsmail", max_length=50, blank=True)
    channel = models.CharField("Weg", max_length=50, blank=True)

    class Meta:
        verbose_name = "Einwilligungsnachweis"
        verbose_name_plural = "Einwilligungsnachweise"
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.at:%d.%m.%Y %H:%M}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Einträge des Einwilligungsnachweises werden nie geändert.")
        super().save(*args, **kwargs)


class Sending(models.Model):
    """The sending of one issue. Created once with its recipient list; never again."""

    issue = models.OneToOneField(
        NewsletterIssuePage, on_delete=models.CASCADE, related_name="sending"
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    started_at = models.DateTimeField("Gestartet am", default=timezone.now)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    finished_at = models.DateTimeField("Beendet am", null=True, blank=True)

    class Meta:
        verbose_name = "Versand"
        verbose_name_plural = "Versände"

    def __str__(self):
        return f"Versand von {self.issue_id}"

    def counts(self):
        counts = dict.fromkeys(Delivery.Status.values, 0)
        for row in self.deliveries.values("status").annotate(n=models.Count("pk")):
            counts[row["status"]] = row["n"]
        return counts


class Delivery(models.Model):
    class Status(models.TextChoices):
        QUEUED = "wartend", "Wartend"
        SENDING = "in_versand", "In Versand"
        SENT = "versandt", "Versandt"
        RETRY = "erneut", "Wird erneut versucht"
        FAILED = "fehlgeschlagen", "Fehlgeschlagen"
        SKIPPED = "uebersprungen", "Übersprungen (abgemeldet)"
        UNCERTAIN = "ungewiss", "Ungewiss (nach Abbruch)"

    sending = models.ForeignKey(Sending, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="deliveries")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    message_id = models.CharField(max_length=255, blank=True)
    error = models.CharField(max_length=500, blank=True)

    class Meta:
        verbose_name = "Zustellung"
        verbose_name_plural = "Zustellungen"
        constraints = [
            models.UniqueConstraint(
                fields=["sending", "subscriber"], name="newsletter_one_delivery_per_subscriber"
            )
        ]
        indexes = [models.Index(fields=["sending", "status"])]

    def __str__(self):
        return f"{self.get_status_display()} ({self.sending_id}/{self.subscriber_id})"
