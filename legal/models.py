"""Legal and accessibility pages: Impressum, Datenschutzerklärung, Erklärung zur
Barrierefreiheit (with its feedback form), Leichte Sprache and Gebärdensprache."""

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import models, transaction
from django.utils import timezone
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
)
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormField, FormSubmission
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from home.blocks import RICH_TEXT_FEATURES, BodyBlock
from home.models import BasePage

from . import feedback
from .forms import HONEYPOT_FIELD, FeedbackFormBuilder

EDITORS_GROUP = "Redaktion"
SCHLICHTUNGSSTELLE_URL = "https://www.schlichtungsstelle-bgg.de/"


@register_setting(icon="info-circle")
class ImprintSettings(BaseSiteSetting):
    """The publisher data of the Impressum (§ 5 DDG, § 18 MStV), kept in one place."""

    publisher = models.CharField(
        "Herausgeber",
        max_length=255,
        help_text="Name der herausgebenden Stelle, z. B. die Stiftung mit der Regiestelle.",
    )
    address = models.TextField(
        "Anschrift", help_text="Straße, Hausnummer, Postleitzahl und Ort; eine Angabe je Zeile."
    )
    represented_by = models.CharField(
        "Vertreten durch",
        max_length=255,
        blank=True,
        help_text="Vertretungsberechtigte Person(en), z. B. der Vorstand.",
    )
    responsible_person = models.CharField(
        "Verantwortlich nach § 18 Abs. 2 MStV",
        max_length=255,
        help_text="Name der für den Inhalt verantwortlichen Person.",
    )
    responsible_address = models.TextField(
        "Anschrift der verantwortlichen Person",
        blank=True,
        help_text="Leer lassen, wenn sie mit der Anschrift des Herausgebers übereinstimmt.",
    )
    email = models.EmailField("E-Mail-Adresse")
    phone = models.CharField("Telefon", max_length=50, blank=True)
    register_entry = models.CharField(
        "Registereintrag",
        max_length=255,
        blank=True,
        help_text="Z. B. Stiftungsverzeichnis oder Vereinsregister mit Registernummer.",
    )
    vat_id = models.CharField(
        "Umsatzsteuer-Identifikationsnummer",
        max_length=30,
        blank=True,
        help_text="Nur angeben, wenn vorhanden (nach § 27a UStG).",
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("publisher"), FieldPanel("address"), FieldPanel("represented_by")],
            heading="Herausgeber",
        ),
        MultiFieldPanel(
            [FieldPanel("responsible_person"), FieldPanel("responsible_address")],
            heading="Inhaltlich verantwortlich",
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("email"), FieldPanel("phone")]),
                FieldPanel("register_entry"),
                FieldPanel("vat_id"),
            ],
            heading="Kontakt und weitere Angaben",
        ),
    ]

    class Meta:
        verbose_name = "Impressum-Angaben"
        verbose_name_plural = "Impressum-Angaben"

    def address_lines(self):
        return [line.strip() for line in self.address.splitlines() if line.strip()]

    def responsible_address_lines(self):
        return [line.strip() for line in self.responsible_address.splitlines() if line.strip()]


class LegalPage(BasePage):
    """Shared by the legal pages: a body, placed below the start page, no children."""

    body = StreamField(BodyBlock(), verbose_name="Inhalt", blank=True)

    search_fields = [*BasePage.search_fields, index.SearchField("body")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []

    class Meta:
        abstract = True


class ImprintPage(LegalPage):
    """The Impressum. Publisher and responsible person come from the site setting
    „Impressum-Angaben“, so they are kept in one place."""

    content_panels = [*BasePage.content_panels, FieldPanel("body")]
    max_count = 1
    type_label = "Impressum"

    class Meta:
        verbose_name = "Impressum"
        verbose_name_plural = "Impressum"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["imprint"] = ImprintSettings.for_request(request)
        return context


class PrivacyPage(LegalPage):
    """The Datenschutzerklärung (Art. 13 DSGVO) with the date of its current version."""

    statement_date = models.DateField(
        "Stand der Erklärung",
        default=timezone.localdate,
        help_text="Datum, an dem die Erklärung zuletzt inhaltlich geändert wurde.",
    )

    content_panels = [*BasePage.content_panels, FieldPanel("statement_date"), FieldPanel("body")]
    max_count = 1
    type_label = "Datenschutz"

    class Meta:
        verbose_name = "Datenschutzerklärung"
        verbose_name_plural = "Datenschutzerklärungen"


class FeedbackFormField(AbstractFormField):
    page = ParentalKey(
        "legal.AccessibilityStatementPage", on_delete=models.CASCADE, related_name="form_fields"
    )

    class Meta(AbstractFormField.Meta):
        verbose_name = "Formularfeld"
        verbose_name_plural = "Formularfelder"


class ComplianceStatus(models.TextChoices):
    FULL = "vollstaendig", "vollständig vereinbar"
    PARTIAL = "teilweise", "teilweise vereinbar"
    NONE = "nicht", "nicht vereinbar"


class AccessibilityStatementPage(RoutablePageMixin, AbstractEmailForm, BasePage):
    """The Erklärung zur Barrierefreiheit under § 12b BGG / BITV 2.0 with its required
    parts and the feedback mechanism: a form whose messages are stored (Wagtail's form
    submissions, in the admin under „Formulare“) and e-mailed to the editors.

    The statement is a reading page and sets no cookie; the form has its own address
    (``feedback/``), the one page that sets the CSRF cookie."""

    compliance_status = models.CharField(
        "Stand der Vereinbarkeit",
        max_length=20,
        choices=ComplianceStatus.choices,
        default=ComplianceStatus.PARTIAL,
        help_text="Wie weit die Website die Anforderungen der BITV 2.0 erfüllt.",
    )
    non_accessible_content = RichTextField(
        "Nicht barrierefreie Inhalte",
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text="Was ist nicht barrierefrei, und warum? Nennen Sie, wenn möglich, "
        "barrierefreie Alternativen.",
    )
    created_on = models.DateField(
        "Erstellt am", default=timezone.localdate, help_text="Datum der ersten Erklärung."
    )
    reviewed_on = models.DateField(
        "Zuletzt überprüft am",
        null=True,
        blank=True,
        help_text="Datum der letzten Überprüfung der Aussagen dieser Erklärung.",
    )
    assessment_method = models.CharField(
        "Grundlage der Bewertung",
        max_length=255,
        default="Selbstbewertung",
        help_text="Z. B. „Selbstbewertung“ oder „BITV-Test durch …“.",
    )
    body = StreamField(BodyBlock(), verbose_name="Weitere Angaben", blank=True)
    feedback_intro = RichTextField(
        "Einleitung zum Feedback",
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text="Erklärt, wofür das Formular da ist und wer antwortet.",
    )
    contact_details = RichTextField(
        "Kontaktangaben",
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text="Weitere Wege, die Redaktion zu erreichen (E-Mail, Telefon, Post).",
    )
    thank_you_text = RichTextField(
        "Text nach dem Absenden", features=RICH_TEXT_FEATURES, blank=True
    )

    content_panels = [
        *BasePage.content_panels,
        FormSubmissionsPanel(),
        MultiFieldPanel(
            [
                FieldPanel("compliance_status"),
                FieldPanel("non_accessible_content"),
                FieldRowPanel([FieldPanel("created_on"), FieldPanel("reviewed_on")]),
                FieldPanel("assessment_method"),
            ],
            heading="Pflichtangaben",
        ),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("feedback_intro"),
                FieldPanel("contact_details"),
                InlinePanel("form_fields", label="Formularfeld"),
                FieldPanel("thank_you_text"),
            ],
            heading="Feedback-Mechanismus",
        ),
        MultiFieldPanel(
            [
                FieldPanel("to_address"),
                FieldPanel("from_address"),
                FieldPanel("subject"),
            ],
            heading="E-Mail an die Redaktion",
        ),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("non_accessible_content"),
        index.SearchField("body"),
    ]

    form_builder = FeedbackFormBuilder
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1
    type_label = "Barrierefreiheit"
    schlichtungsstelle_url = SCHLICHTUNGSSTELLE_URL

    class Meta:
        verbose_name = "Erklärung zur Barrierefreiheit"
        verbose_name_plural = "Erklärungen zur Barrierefreiheit"

    feedback_template = "legal/accessibility_feedback_page.html"
    preview_modes = [
        ("statement", "Erklärung"),
        ("form", "Feedback-Formular"),
        ("landing", "Nach dem Absenden"),
    ]

    @path("")
    def statement(self, request):
        return self.render(request)

    @path("feedback/", name="feedback")
    def feedback(self, request):
        """Wagtail's form handling (``AbstractForm.serve``) on a page of its own."""
        if request.method == "POST":
            form = self.get_form(request.POST, request.FILES, page=self, user=request.user)
            if form.is_valid():
                return self.render_landing_page(request, self.process_form_submission(form))
        else:
            form = self.get_form(page=self, user=request.user)
        return self.render_feedback(request, form)

    def render_feedback(self, request, form, **extra_context):
        from home.models import FooterSettings

        site = self.get_site()
        privacy_page = FooterSettings.for_footer(site).privacy_page if site else None
        return self.render(
            request,
            template=self.feedback_template,
            context_overrides={
                "form": form,
                "privacy_page": privacy_page if privacy_page and privacy_page.live else None,
                **extra_context,
            },
        )

    def serve_preview(self, request, mode_name):
        if mode_name == "landing":
            return self.render_landing_page(request)
        if mode_name == "form":
            return self.render_feedback(request, self.get_form(page=self, user=request.user))
        return self.render(request)

    def feedback_url(self):
        return self.url + self.reverse_subpage("feedback") if self.url else None

    def feedback_recipients(self):
        """The addresses set on the page, or else every active editor with an address."""
        if self.to_address:
            return [address.strip() for address in self.to_address.split(",") if address.strip()]
        editors = (
            get_user_model()
            .objects.filter(groups__name=EDITORS_GROUP, is_active=True)
            .exclude(email="")
        )
        return sorted(set(editors.values_list("email", flat=True)))

    def serve(self, request, *args, **kwargs):
        if request.method == "POST" and not feedback.post_allowed(request):
            return feedback.too_many_posts(self, request)
        return super().serve(request, *args, **kwargs)

    def process_form_submission(self, form):
        """Store the message and its mail together; the mail goes out from the outbox
        (``legal/outbox.py``), so a failing mail server loses and repeats nothing."""
        # A filled honeypot means a bot: answer like a success, store and send nothing.
        if form.cleaned_data.pop(HONEYPOT_FIELD, ""):
            return None
        recipients = self.feedback_recipients()
        # Editors answer with "Reply": to the address the visitor gave, if any.
        reply_to = [
            value
            for name, value in form.cleaned_data.items()
            if value and isinstance(form.fields[name], forms.EmailField)
        ][:1]
        with transaction.atomic():
            submission = self.get_submission_class().objects.create(
                form_data=form.cleaned_data, page=self
            )
            mail = None
            if recipients:
                mail = FeedbackMail.objects.create(
                    submission=submission,
                    subject=self.subject or f"Feedback zur Barrierefreiheit: {self.title}",
                    body=self.render_email(form),
                    from_email=self.from_address or settings.DEFAULT_FROM_EMAIL,
                    to=", ".join(recipients),
                    reply_to=", ".join(reply_to),
                )
        if mail is not None:
            feedback.enqueue_mail(mail)
        return submission


class FeedbackMail(models.Model):
    """The mail of one feedback message in the outbox: written with the message, sent by
    a task or ``manage.py send_feedback_mails``, retried after a failure, and marked when
    it was sent."""

    class Status(models.TextChoices):
        PENDING = "wartend", "wartet auf Versand"
        SENDING = "in_versand", "in Versand"
        SENT = "versandt", "versandt"
        FAILED = "fehlgeschlagen", "fehlgeschlagen"
        UNCERTAIN = "ungewiss", "Zustellung ungewiss"

    submission = models.OneToOneField(
        FormSubmission, on_delete=models.CASCADE, related_name="feedback_mail"
    )
    subject = models.CharField("Betreff", max_length=255)
    body = models.TextField("Text")
    from_email = models.CharField("Absender", max_length=255)
    to = models.TextField("Empfänger")
    reply_to = models.CharField("Antwort an", max_length=254, blank=True)
    status = models.CharField(
        "Status", max_length=20, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField("Versuche", default=0)
    next_attempt_at = models.DateTimeField("Nächster Versuch", default=timezone.now)
    claimed_at = models.DateTimeField("In Versand seit", null=True, blank=True)
    sent_at = models.DateTimeField("Versandt am", null=True, blank=True)
    error = models.CharField("Letzter Fehler", max_length=500, blank=True)
    created_at = models.DateTimeField("Erstellt am", auto_now_add=True)

    class Meta:
        verbose_name = "Feedback-E-Mail"
        verbose_name_plural = "Feedback-E-Mails"
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self):
        return f"{self.subject} ({self.get_status_display()})"

    def message(self, connection=None):
        return EmailMessage(
            self.subject,
            self.body,
            self.from_email,
            [address.strip() for address in self.to.split(",") if address.strip()],
            reply_to=[self.reply_to] if self.reply_to else [],
            connection=connection,
        )


class EasyLanguagePage(LegalPage):
    """Information about the site in Leichte Sprache."""

    intro = models.TextField("Einleitung", blank=True, max_length=1000)

    content_panels = [*BasePage.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*LegalPage.search_fields, index.SearchField("intro")]
    max_count = 1
    type_label = "Leichte Sprache"

    class Meta:
        verbose_name = "Leichte Sprache"
        verbose_name_plural = "Leichte Sprache"


class SignLanguagePage(LegalPage):
    """Information about the site in Deutscher Gebärdensprache: a video from the
    document library (played with its captions and poster; running time and size are
    read from the file) and the same content as text for everyone."""

    intro = models.TextField("Einleitung", blank=True, max_length=1000)
    video = models.ForeignKey(
        settings.WAGTAILDOCS_DOCUMENT_MODEL,
        verbose_name="Video",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Das Gebärdensprachvideo (MP4 oder WebM) aus der Dokumentenbibliothek. "
        "Untertitel (WebVTT) und Vorschaubild laden Sie dort mit dem Video hoch.",
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("intro"),
        FieldPanel("video"),
        FieldPanel("body", heading="Inhalt des Videos als Text"),
    ]
    search_fields = [*LegalPage.search_fields, index.SearchField("intro")]
    max_count = 1
    type_label = "Gebärdensprache"

    class Meta:
        verbose_name = "Gebärdensprache"
        verbose_name_plural = "Gebärdensprache"

    def clean(self):
        super().clean()
        if self.video is not None and not self.video.is_video:
            raise ValidationError(
                {"video": "Bitte wählen Sie ein Video (MP4 oder WebM), das Browser abspielen."}
            )
