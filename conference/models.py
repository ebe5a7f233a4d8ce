"""The programme's events (Ankündigung before, Rückblick after) and other organisers'
event tips.

An event page lives in one folder ("Veranstaltungen") for its whole life; its URL never
changes. Whether it is listed and shown as an announcement or as a retrospective
depends only on its dates and today's date in Berlin."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import SimpleLazyObject, cached_property
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    HelpPanel,
    InlinePanel,
    MultiFieldPanel,
)
from wagtail.documents import get_document_model_string
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from ec_site import variants
from ec_site.fragments import listing_variant
from home.blocks import RICH_TEXT_FEATURES, BodyBlock
from home.models import BasePage
from home.stand import later_change
from legacy.panels import ImportInfoPanel

from .dates import format_date_line, format_date_range, format_place, format_time_range
from .facts import announcement_variant, newest_listed_change, retrospective_variant

ANNOUNCEMENT = "announcement"
RETROSPECTIVE = "retrospective"
LIFE_LABELS = {ANNOUNCEMENT: "Ankündigung", RETROSPECTIVE: "Rückblick"}
ITEMS_PER_PAGE = 10  # events per page of a listing


class EventKind(models.TextChoices):
    TARGET_GROUP_CONFERENCE = "zielgruppenkonferenz", "Zielgruppenkonferenz"
    FORUM = "fachforum", "Fachforum"
    SYMPOSIUM = "fachtagung", "Fachtagung"
    REVIEW_CONFERENCE = "bilanzkonferenz", "Bilanzkonferenz"
    EUROPEAN_CONFERENCE = "europaeische-fachkonferenz", "Europäische Fachkonferenz"
    KICK_OFF = "auftaktveranstaltung", "Auftaktveranstaltung"
    WORKSHOP = "werkstattgespraech", "Werkstattgespräch"
    OTHER = "sonstige", "Sonstige"


class ParticipantsQualifier(models.TextChoices):
    EXACT = "", "genau"
    OVER = "über", "über"
    ABOUT = "rund", "rund"
    MORE_THAN = "mehr als", "mehr als"


def upcoming_q(today=None):
    """Pages with ``start_date`` and optional ``end_date`` are upcoming while their last
    day is today or later (Europe/Berlin)."""
    today = today or timezone.localdate()
    return Q(end_date__gte=today) | Q(end_date__isnull=True, start_date__gte=today)


class ScheduledQuerySet(PageQuerySet):
    def upcoming(self, today=None):
        return self.filter(upcoming_q(today))

    def past(self, today=None):
        return self.exclude(upcoming_q(today))


ScheduledPageManager = PageManager.from_queryset(ScheduledQuerySet)


class ScheduledPage(BasePage):
    """Date, time and place shared by the programme's events and the event tips."""

    start_date = models.DateField("Beginn", help_text="Erster Veranstaltungstag.", db_index=True)
    end_date = models.DateField(
        "Ende",
        null=True,
        blank=True,
        help_text="Letzter Tag bei mehrtägigen Veranstaltungen; leer lassen bei eintägigen.",
    )
    start_time = models.TimeField(
        "Uhrzeit Beginn", null=True, blank=True, help_text="Optional, z. B. 10:00."
    )
    end_time = models.TimeField(
        "Uhrzeit Ende",
        null=True,
        blank=True,
        help_text="Optional; bei mehrtägigen Veranstaltungen die Uhrzeit am letzten Tag.",
    )
    city = models.CharField(
        "Ort", max_length=100, help_text="Die Stadt, z. B. „Berlin“ oder „Leipzig“."
    )
    venue = models.CharField(
        "Veranstaltungsort",
        max_length=200,
        blank=True,
        help_text="Optional: Haus und Adresse, "
        "z. B. „Rathaus Schöneberg, John-F.-Kennedy-Platz 1“.",
    )

    objects = ScheduledPageManager()

    schedule_panels = [
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")], heading="Datum"),
        FieldRowPanel([FieldPanel("start_time"), FieldPanel("end_time")], heading="Uhrzeit"),
        FieldRowPanel([FieldPanel("city"), FieldPanel("venue")], heading="Ort"),
    ]

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("city"),
        index.SearchField("venue"),
        index.FilterField("start_date"),
        index.FilterField("end_date"),
    ]

    # The prefix of the iCalendar UID, "<prefix>-<pk>@<host>".
    calendar_uid_prefix = "veranstaltung"

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = "Das Ende darf nicht vor dem Beginn liegen."
        single_day = not self.end_date or self.end_date == self.start_date
        if single_day and self.start_time and self.end_time and self.end_time < self.start_time:
            errors["end_time"] = "Die Uhrzeit des Endes darf nicht vor der des Beginns liegen."
        if errors:
            raise ValidationError(errors)

    @property
    def last_day(self):
        return self.end_date or self.start_date

    def is_upcoming(self, today=None):
        return self.last_day >= (today or timezone.localdate())

    @property
    def date_range(self):
        return format_date_range(self.start_date, self.end_date)

    @property
    def place(self):
        return format_place(self.city, self.venue)

    @property
    def date_line(self):
        return format_date_line(self.start_date, self.end_date, self.city, self.venue)

    def get_search_date(self):
        return self.start_date

    @property
    def time_range(self):
        return format_time_range(self.start_time, self.end_time)

    @property
    def calendar_title(self):
        return self.get_listing_title()

    def calendar_description(self):
        return self.get_summary()


class EventFolderPage(BasePage):
    """The one folder that holds every event page ("Veranstaltungen"). Visitors find the
    events under E&C Ankündigungen and E&C Rückblick; the folder only keeps their URLs
    stable."""

    intro = models.TextField("Einleitung", blank=True, max_length=1000)

    content_panels = [
        *BasePage.content_panels,
        HelpPanel(
            "Legen Sie hier jede Veranstaltung der Programmplattform einmal an. Sie erscheint "
            "automatisch unter „E&C Ankündigungen“, solange sie bevorsteht, und danach unter "
            "„E&C Rückblick“. Die Seite wird dafür weder kopiert noch verschoben.",
            heading="Veranstaltungen",
        ),
        FieldPanel("intro"),
    ]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["conference.EventPage"]
    max_count = 1
    type_label = "Übersicht"

    class Meta:
        verbose_name = "Veranstaltungsordner"
        verbose_name_plural = "Veranstaltungsordner"

    def get_context(self, request, *args, **kwargs):
        from .listing import overview_pages

        context = super().get_context(request, *args, **kwargs)
        context["overview_pages"] = overview_pages()
        return context


# What an event page shows of its areas: the name with the town, linked.
AREA_LINK_FIELDS = ("title", "municipality", "live", "url_path", "path", "depth", "locale_id")


class EventPage(ScheduledPage):
    """A conference, forum or workshop of the programme: an announcement until its last
    day, a retrospective with report and documentation afterwards."""

    event_kind = models.CharField(
        "Veranstaltungsart", max_length=40, choices=EventKind.choices, db_index=True
    )
    target_group = models.CharField(
        "Zielgruppe",
        max_length=200,
        blank=True,
        help_text="Im Genitiv, z. B. „Quartiersmanager/innen“; ergibt die Überschrift "
        "„Zielgruppenkonferenz der Quartiersmanager/innen“.",
    )
    motto = models.CharField(
        "Motto",
        max_length=300,
        blank=True,
        help_text="Ohne Anführungszeichen; sie werden automatisch gesetzt.",
    )
    organiser = models.CharField(
        "Veranstalter",
        max_length=200,
        default="Regiestelle E&C im Auftrag des BMFSFJ",
    )
    participants = models.PositiveIntegerField(
        "Teilnehmende",
        null=True,
        blank=True,
        help_text="Anzahl der Teilnehmerinnen und Teilnehmer, z. B. 120. Vor der "
        "Veranstaltung erscheint sie als „Erwartete Teilnehmende“, danach als „Teilnehmende“.",
    )
    participants_qualifier = models.CharField(
        "Angabe zur Anzahl",
        max_length=10,
        choices=ParticipantsQualifier.choices,
        default=ParticipantsQualifier.EXACT,
        blank=True,
        help_text="„über 120“, „rund 400“, „mehr als 160“ oder die genaue Zahl.",
    )
    summary = models.TextField(
        "Zusammenfassung",
        max_length=1000,
        blank=True,
        help_text="Zwei bis drei Sätze für die Übersichten, die Startseite und die Suche.",
    )
    announcement = RichTextField(
        "Ankündigungstext",
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text="Programm und Inhalte; wird angezeigt, solange die Veranstaltung bevorsteht.",
    )
    registration_deadline = models.DateField(
        "Anmeldeschluss", null=True, blank=True, help_text="Optional."
    )
    registration_contact = models.TextField(
        "Anmeldung bei",
        max_length=1000,
        blank=True,
        help_text="Ansprechperson, Anschrift, Telefon oder E-Mail für die Anmeldung.",
    )
    registration_url = models.URLField(
        "Anmeldeformular (Adresse)",
        blank=True,
        help_text="Optional: Link zu einem Anmeldeformular.",
    )
    report = StreamField(
        BodyBlock(),
        verbose_name="Bericht",
        blank=True,
        help_text="Der Rückblick; wird angezeigt, sobald die Veranstaltung vorbei ist.",
    )

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [FieldPanel("event_kind"), FieldPanel("target_group"), FieldPanel("motto")],
            heading="Veranstaltung",
        ),
        MultiFieldPanel(ScheduledPage.schedule_panels, heading="Termin und Ort"),
        FieldPanel("organiser"),
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("announcement"),
                FieldPanel("registration_deadline"),
                FieldPanel("registration_contact"),
                FieldPanel("registration_url"),
            ],
            heading="Vorher: Ankündigung und Anmeldung",
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("participants"), FieldPanel("participants_qualifier")]),
                FieldPanel("report"),
            ],
            heading="Nachher: Rückblick",
        ),
        InlinePanel(
            "documentation",
            heading="Dokumentation",
            label="Dokument",
            help_text="Downloads für den Rückblick, in der angezeigten Reihenfolge.",
        ),
        InlinePanel(
            "area_links",
            heading="Beteiligte E&C-Gebiete",
            label="Gebiet",
            help_text="Gebiete, die an der Veranstaltung beteiligt waren oder in ihr "
            "vorgestellt werden. Die Gebietsseiten verweisen dann auf diese Veranstaltung.",
        ),
        ImportInfoPanel(),
    ]

    search_fields = [
        *ScheduledPage.search_fields,
        index.SearchField("motto"),
        index.SearchField("target_group"),
        index.SearchField("summary"),
        index.SearchField("announcement"),
        index.SearchField("report"),
        index.SearchField("organiser"),
        index.FilterField("event_kind"),
    ]

    parent_page_types = ["conference.EventFolderPage"]
    subpage_types = []
    calendar_uid_prefix = "event"
    summary_fallback_field = "summary"

    class Meta:
        verbose_name = "Veranstaltung"
        verbose_name_plural = "Veranstaltungen"

    def clean(self):
        super().clean()
        errors = {}
        if self.participants_qualifier and self.participants is None:
            errors["participants_qualifier"] = "Bitte geben Sie auch die Anzahl an."
        if (
            self.registration_deadline
            and self.start_date
            and self.registration_deadline > self.start_date
        ):
            errors["registration_deadline"] = (
                "Der Anmeldeschluss darf nicht nach dem Beginn der Veranstaltung liegen."
            )
        if errors:
            raise ValidationError(errors)

    # Life -------------------------------------------------------------------------

    @property
    def life(self):
        """``announcement`` or ``retrospective``; a preview can choose either."""
        forced = getattr(self, "_forced_life", None)
        if forced:
            return forced
        return ANNOUNCEMENT if self.is_upcoming() else RETROSPECTIVE

    @property
    def is_announcement(self):
        return self.life == ANNOUNCEMENT

    @property
    def life_label(self):
        return LIFE_LABELS[self.life]

    def get_type_label(self):
        return self.life_label

    @classmethod
    def search_type_filters(cls):
        upcoming = upcoming_q()
        return {LIFE_LABELS[ANNOUNCEMENT]: upcoming, LIFE_LABELS[RETROSPECTIVE]: ~upcoming}

    @property
    def preview_modes(self):
        return [(ANNOUNCEMENT, "Als Ankündigung"), (RETROSPECTIVE, "Als Rückblick")]

    @property
    def default_preview_mode(self):
        if self.start_date is None:
            return ANNOUNCEMENT
        return ANNOUNCEMENT if self.is_upcoming() else RETROSPECTIVE

    def get_preview_context(self, request, mode_name):
        if mode_name in LIFE_LABELS:
            self._forced_life = mode_name
            self.__dict__.pop("overview_page", None)
        return super().get_preview_context(request, mode_name)

    @cached_property
    def overview_page(self):
        """The listing that currently shows this event (Ankündigungen or Rückblick)."""
        from .listing import overview_pages

        return overview_pages().get(self.life)

    def get_navigation_parent(self):
        """Breadcrumbs and the main menu place the event under its current listing."""
        return self.overview_page

    # Display ------------------------------------------------------------------------

    @property
    def heading(self):
        """„Zielgruppenkonferenz der Quartiersmanager/innen: „<Motto>““ like the old site;
        the title when there is neither target group nor motto."""
        if not self.motto and not self.target_group:
            return self.title
        if self.event_kind and self.event_kind != EventKind.OTHER:
            prefix = self.get_event_kind_display()
            if self.target_group:
                prefix += f" der {self.target_group}"
        else:
            prefix = self.title
        return f"{prefix}: „{self.motto}“" if self.motto else prefix

    def get_listing_title(self):
        return self.listing_title or self.heading

    @property
    def participants_text(self):
        if self.participants is None:
            return ""
        qualifier = f"{self.participants_qualifier} " if self.participants_qualifier else ""
        return f"{qualifier}{self.participants}"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Read only when the cached rendering of these sections is missing.
        context["relations"] = SimpleLazyObject(self.relations)
        context["listing_variant"] = listing_variant(request)
        return context

    def relations(self):
        """The documentation downloads and the related areas shown on the page."""
        documents = self.documentation.select_related("document").defer("document__extracted_text")
        return {
            "documentation_items": [item for item in documents if item.document],
            "related_areas": [
                link.area
                for link in self.area_links.select_related("area")
                .only(*(f"area__{name}" for name in AREA_LINK_FIELDS), "page_id")
                .order_by("area__title")
                if link.area.live
            ],
        }

    def schema_org(self, request=None):
        """schema.org Event as a dict for JSON-LD."""
        from .calendar import event_times

        start, end = event_times(self)
        location = {
            "@type": "Place",
            "name": self.venue or self.city,
            "address": {
                "@type": "PostalAddress",
                "addressLocality": self.city,
                "addressCountry": "DE",
            },
        }
        data = {
            "@context": "https://schema.org",
            "@type": "Event",
            "name": self.heading,
            "startDate": start.isoformat(),
            # iCalendar ends all-day events the day after; schema.org names the last day.
            "endDate": (self.last_day if self.start_time is None else end).isoformat(),
            "eventStatus": "https://schema.org/EventScheduled",
            "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
            "location": location,
            "organizer": {"@type": "Organization", "name": self.organiser},
            "inLanguage": "de",
        }
        if self.get_summary():
            data["description"] = self.get_summary()
        url = self.get_full_url(request)
        if url:
            data["url"] = url
        return data


class EventDocument(Orderable):
    """One download of an event's documentation."""

    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="documentation")
    # PROTECT: deleting the document would change the live page without a revision;
    # Wagtail's delete view shows where it is used and refuses.
    document = models.ForeignKey(
        get_document_model_string(),
        verbose_name="Dokument",
        on_delete=models.PROTECT,
        related_name="+",
    )
    label = models.CharField(
        "Linktext",
        max_length=200,
        blank=True,
        help_text="Z. B. „Dokumentation herunterladen“. Leer lassen für den Titel des Dokuments.",
    )

    panels = [FieldPanel("document"), FieldPanel("label")]

    class Meta(Orderable.Meta):
        verbose_name = "Dokument der Dokumentation"
        verbose_name_plural = "Dokumentation"

    def __str__(self):
        return self.label or str(self.document)


class EventArea(Orderable):
    """An E&C-Gebiet that an event names; the area page lists the event in return."""

    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="area_links")
    area = models.ForeignKey(
        "areas.AreaPage",
        verbose_name="Gebiet",
        on_delete=models.CASCADE,
        related_name="event_links",
    )

    panels = [FieldPanel("area")]

    class Meta(Orderable.Meta):
        verbose_name = "Beteiligtes Gebiet"
        verbose_name_plural = "Beteiligte Gebiete"
        constraints = [
            models.UniqueConstraint(fields=["page", "area"], name="unique_event_area"),
        ]

    def __str__(self):
        return self.area.name_with_town


class EventIndexPage(BasePage):
    """A listing of events: the shared part of Ankündigungen and Rückblick."""

    intro = models.TextField("Einleitung", blank=True, max_length=1000)

    content_panels = [
        *BasePage.content_panels,
        HelpPanel(
            "Diese Übersicht füllt sich von selbst: Legen Sie Veranstaltungen im Ordner "
            "„Veranstaltungen“ an. Bis zu ihrem letzten Tag stehen sie unter den "
            "Ankündigungen, danach im Rückblick – unter derselben Adresse.",
            heading="So kommen Veranstaltungen hierher",
        ),
        FieldPanel("intro"),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1
    type_label = "Übersicht"
    summary_fallback_field = "intro"
    life = None
    query_parameters = ("page",)

    class Meta:
        abstract = True

    def get_context(self, request, *args, **kwargs):
        # The listing is built lazily: its queries run only when its cached rendering
        # ({% fragmentcache %} under ``listing_variant``) is missing.
        context = super().get_context(request, *args, **kwargs)
        context["listing"] = SimpleLazyObject(lambda: self.listing(request))
        self.declare_variant(request)
        context["listing_variant"] = listing_variant(request)
        return context

    def declare_variant(self, request):
        """Tell the caches which variant of the listing ``request`` gets, from cached
        counts (``conference/facts.py``), without building the list."""
        raise NotImplementedError

    def listing(self, request):
        """What the template lists, as a dict (``page_obj`` and, where there are any,
        the filters)."""
        raise NotImplementedError


class AnnouncementIndexPage(EventIndexPage):
    """E&C Ankündigungen: upcoming events, soonest first."""

    life = ANNOUNCEMENT

    class Meta:
        verbose_name = "Übersicht Ankündigungen"
        verbose_name_plural = "Übersichten Ankündigungen"

    def listing(self, request):
        from .listing import announcements

        return announcements(request)

    def listing_stand(self):
        return later_change(self, newest_listed_change(upcoming=True))

    def declare_variant(self, request):
        variants.declare(request, **announcement_variant(request))


class RetrospectiveIndexPage(EventIndexPage):
    """E&C Rückblick: past events, newest first, grouped by year, filterable."""

    life = RETROSPECTIVE
    query_parameters = ("page", "jahr", "art")

    class Meta:
        verbose_name = "Übersicht Rückblick"
        verbose_name_plural = "Übersichten Rückblick"

    def listing(self, request):
        from .listing import retrospectives

        return retrospectives(request)

    def listing_stand(self):
        return later_change(self, newest_listed_change(upcoming=False))

    def declare_variant(self, request):
        variants.declare(request, **retrospective_variant(request))


class EventTipIndexPage(BasePage):
    """Veranstaltungstipps: other organisers' events; past tips drop off by themselves."""

    intro = models.TextField("Einleitung", blank=True, max_length=1000)

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["conference.EventTipPage"]
    max_count = 1
    type_label = "Übersicht"
    query_parameters = ("page",)
    summary_fallback_field = "intro"

    class Meta:
        verbose_name = "Übersicht Veranstaltungstipps"
        verbose_name_plural = "Übersichten Veranstaltungstipps"

    def get_context(self, request, *args, **kwargs):
        from .listing import event_tips

        context = super().get_context(request, *args, **kwargs)
        page_obj = event_tips(self, request)
        context["page_obj"] = page_obj
        variants.declare(request, page=page_obj.number if page_obj.number > 1 else None)
        return context


class EventTipPage(ScheduledPage):
    """An event of another organiser, recommended by the Regiestelle."""

    organiser = models.CharField(
        "Veranstalter", max_length=200, help_text="Wer lädt ein, z. B. „Deutsches Jugendinstitut“."
    )
    external_url = models.URLField(
        "Weitere Informationen (Adresse)",
        blank=True,
        help_text="Link zur Seite des Veranstalters mit Programm und Anmeldung.",
    )
    summary = models.TextField(
        "Kurztext", max_length=1000, help_text="Worum es geht, in zwei bis drei Sätzen."
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("organiser"),
        MultiFieldPanel(ScheduledPage.schedule_panels, heading="Termin und Ort"),
        FieldPanel("summary"),
        FieldPanel("external_url"),
    ]
    search_fields = [
        *ScheduledPage.search_fields,
        index.SearchField("organiser"),
        index.SearchField("summary"),
    ]
    parent_page_types = ["conference.EventTipIndexPage"]
    subpage_types = []
    type_label = "Veranstaltungstipp"
    summary_fallback_field = "summary"
    calendar_uid_prefix = "tipp"

    class Meta:
        verbose_name = "Veranstaltungstipp"
        verbose_name_plural = "Veranstaltungstipps"

    def calendar_description(self):
        parts = [f"Veranstalter: {self.organiser}", self.summary]
        if self.external_url:
            parts.append(self.external_url)
        return "\n\n".join(part for part in parts if part)
