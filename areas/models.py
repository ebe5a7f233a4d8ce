"""E&C areas (Gebiete): one page per area under one Gebietslisten index page."""

from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import IntegrityError, models, transaction
from django.utils.functional import SimpleLazyObject
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import StreamField
from wagtail.search import index

from ec_site.content_version import cached
from ec_site.fragments import listing_variant
from home.blocks import BodyBlock
from home.models import BasePage
from home.privacy import public
from home.stand import newest_change

from .choices import (
    BUNDESLAND_ABBREVIATIONS,
    FIRST_ADMISSION_YEAR,
    LAST_ADMISSION_YEAR,
    Bundesland,
    Gebietsart,
    SozialeStadtStatus,
    programme_errors,
)

# Routes of the index page that an area's slug must never shadow.
LAND_PATTERN = "|".join(Bundesland.values)
RESERVED_SLUGS = {*Bundesland.values, "csv"}

# How often a save takes the next free area key when a parallel save took the one it had.
KEY_ATTEMPTS = 5
LAND_ABBREVIATIONS = {land: abbreviation for abbreviation, land in BUNDESLAND_ABBREVIATIONS.items()}
AREA_KEY_VALIDATOR = RegexValidator(
    r"^[A-Za-z0-9][A-Za-z0-9_-]*$",
    "Nur Buchstaben ohne Umlaute, Ziffern, Bindestrich und Unterstrich, z. B. „BE-001“.",
)


class AreaIndexPage(RoutablePageMixin, BasePage):
    """The Gebietslisten: every area grouped by Bundesland, one page per Land
    (``/gebietslisten/berlin/``) and a CSV export of each list as filtered."""

    intro = models.TextField(
        "Einleitung",
        blank=True,
        max_length=1000,
        help_text="Ein hervorgehobener Absatz über der Liste.",
    )
    body = StreamField(
        BodyBlock(),
        verbose_name="Inhalt",
        blank=True,
        help_text="Erscheint unter der Einleitung, über den Filtern.",
    )

    content_panels = [*BasePage.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*BasePage.search_fields, index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["areas.AreaPage"]
    max_count = 1
    type_label = "Gebietslisten"
    query_parameters = ("q", "bundesland", "art", "programm")
    summary_fallback_field = "intro"

    class Meta:
        verbose_name = "Gebietslisten"
        verbose_name_plural = "Gebietslisten"

    def get_sitemap_urls(self, request=None):
        """The list and the page of every Land that has areas."""
        urls = super().get_sitemap_urls(request)
        lands = set(
            public(AreaPage.objects.child_of(self).live()).values_list("bundesland", flat=True)
        )
        return urls + [
            {"location": f"{urls[0]['location']}{land}/", "lastmod": urls[0]["lastmod"]}
            for land in Bundesland.values
            if land in lands
        ]

    def listing_stand(self, land=None):
        """The newest change of the areas listed (of ``land`` on a Land page), kept until
        the content changes (the key is this page and a ``Bundesland`` member)."""
        from .listing import filtered_areas

        def newest():
            return (newest_change(self, filtered_areas(self, {}, land)),)

        land_key = land.value if land else "alle"
        return cached(f"areas-stand:{self.pk}:{land_key}", newest)[0]

    # The views import this module, hence the imports inside the routes.
    @path("")
    def all_areas(self, request):
        from .views import area_list

        return area_list(self, request, land=None)

    @re_path(rf"^(?P<land>{LAND_PATTERN})/$", name="land")
    def land_areas(self, request, land):
        from .views import area_list

        return area_list(self, request, land=Bundesland(land))

    # Wagtail serves only paths of slugs with a trailing slash, so no "export.csv";
    # the file name comes with the Content-Disposition header.
    @path("csv/", name="export")
    def export_all(self, request):
        from .views import area_export

        return area_export(self, request, land=None)

    @re_path(rf"^(?P<land>{LAND_PATTERN})/csv/$", name="land_export")
    def export_land(self, request, land):
        from .views import area_export

        return area_export(self, request, land=Bundesland(land))


class AreaPage(BasePage):
    """An E&C-Gebiet: a district of the Soziale Stadt or a structurally weak rural region."""

    area_key = models.CharField(
        "Gebiets-ID",
        max_length=20,
        unique=True,
        null=True,
        blank=True,
        validators=[AREA_KEY_VALIDATOR],
        help_text=(
            "Dauerhafter Schlüssel für den CSV-Import, z. B. „BE-001“. Leer lassen, um eine "
            "neue zu vergeben; eine vergebene ID nicht mehr ändern."
        ),
    )
    municipality = models.CharField(
        "Kommune", max_length=120, help_text="Stadt, Gemeinde oder Landkreis."
    )
    district = models.CharField("Stadtteil / Bezirk", max_length=120, blank=True)
    bundesland = models.CharField(
        "Bundesland", max_length=30, choices=Bundesland.choices, db_index=True
    )
    kind = models.CharField("Gebietsart", max_length=30, choices=Gebietsart.choices)
    admission_year = models.PositiveSmallIntegerField(
        "Aufnahme in die Soziale Stadt",
        null=True,
        blank=True,
        validators=[
            MinValueValidator(FIRST_ADMISSION_YEAR, f"Frühestens {FIRST_ADMISSION_YEAR}."),
            MaxValueValidator(LAST_ADMISSION_YEAR, f"Spätestens {LAST_ADMISSION_YEAR}."),
        ],
        help_text="Jahr der Aufnahme in das Bund-Länder-Programm „Soziale Stadt“.",
    )
    soziale_stadt_status = models.CharField(
        "Status in der Sozialen Stadt",
        max_length=20,
        choices=SozialeStadtStatus.choices,
        blank=True,
    )
    los = models.BooleanField("Teilnahme an LOS", default=False)
    kuq = models.BooleanField("Teilnahme an KuQ", default=False)
    jugendamt = models.CharField("Zuständiges Jugendamt", max_length=200, blank=True)
    description = models.TextField("Beschreibung", blank=True, max_length=5000)
    contact_organisation = models.CharField(
        "Organisation", max_length=200, blank=True, help_text="Z. B. das Quartiersmanagement."
    )
    contact_email = models.EmailField("E-Mail", blank=True)
    contact_phone = models.CharField("Telefon", max_length=50, blank=True)
    contact_url = models.URLField("Webadresse", blank=True)

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("area_key"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("municipality"), FieldPanel("district")]),
                FieldPanel("bundesland"),
                FieldPanel("kind"),
            ],
            heading="Lage und Art",
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("admission_year"), FieldPanel("soziale_stadt_status")]),
                FieldRowPanel([FieldPanel("los"), FieldPanel("kuq")]),
                FieldPanel("jugendamt"),
            ],
            heading="Programme",
        ),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldPanel("contact_organisation"),
                FieldRowPanel([FieldPanel("contact_email"), FieldPanel("contact_phone")]),
                FieldPanel("contact_url"),
            ],
            heading="Ansprechperson vor Ort",
        ),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("municipality"),
        index.SearchField("district"),
        index.SearchField("get_bundesland_display"),
        index.SearchField("jugendamt"),
        index.SearchField("description"),
        index.SearchField("contact_organisation"),
        index.AutocompleteField("municipality"),
        index.FilterField("bundesland"),
        index.FilterField("kind"),
    ]

    parent_page_types = ["areas.AreaIndexPage"]
    subpage_types = []
    exclude_fields_in_copy = ["area_key"]
    type_label = "Gebiet"

    class Meta:
        verbose_name = "E&C-Gebiet"
        verbose_name_plural = "E&C-Gebiete"

    def clean(self):
        super().clean()
        errors = programme_errors(self.kind, self.admission_year, self.soziale_stadt_status)
        if self.slug in RESERVED_SLUGS:
            errors["slug"] = (
                f"Die Kurzadresse „{self.slug}“ ist für die Liste eines Bundeslandes "
                "reserviert. Bitte wählen Sie eine andere."
            )
        if errors:
            raise ValidationError(errors)
        if self.area_key:
            self.area_key = self.area_key.upper()  # as the import does: "be-001" is "BE-001"
        elif self.bundesland:
            self.area_key = self.next_area_key(self.bundesland)
            self._area_key_assigned = True

    def save(self, *args, **kwargs):
        if not (
            getattr(self, "_area_key_assigned", False) or (self.bundesland and not self.area_key)
        ):
            return super().save(*args, **kwargs)
        adding = self._state.adding
        for attempt in range(1, KEY_ATTEMPTS + 1):
            # Another area may have taken the key since this one was validated.
            self.area_key = self.next_area_key(self.bundesland)
            try:
                with transaction.atomic():
                    result = super().save(*args, **kwargs)
            except IntegrityError:
                if attempt == KEY_ATTEMPTS:
                    raise
                if adding:  # the insert was rolled back: insert again
                    self.id = self.page_ptr_id = None
                continue
            self._area_key_assigned = False
            return result

    @classmethod
    def next_area_key(cls, bundesland):
        """The next free key of a Land: "BE-005" after "BE-004"."""
        prefix = LAND_ABBREVIATIONS[bundesland] + "-"
        keys = cls.objects.filter(area_key__startswith=prefix).values_list("area_key", flat=True)
        numbers = [int(key[len(prefix) :]) for key in keys if key[len(prefix) :].isdigit()]
        return f"{prefix}{max(numbers, default=0) + 1:03d}"

    def land_url(self, request=None):
        """The page of the area's Land below the Gebietslisten, e.g. ``/gebietslisten/berlin/``."""
        # Areas are children of the Gebietslisten: its URL is this page's without the slug.
        own_url = self.get_url(request) if self.path else None
        if own_url and self.bundesland:
            return f"{own_url.removesuffix(f'{self.slug}/')}{self.bundesland}/"
        return None

    def get_breadcrumb_steps(self, request):
        """Between the Gebietslisten and the area: its Land."""
        url = self.land_url(request)
        if url is None:
            return []
        return [{"title": self.get_bundesland_display(), "url": url, "path": ""}]

    def with_town(self, name):
        """``name`` with the municipality, so that two „Nordstadt“ can be told apart."""
        if not self.municipality or self.municipality in name:
            return name
        return f"{name} ({self.municipality})"

    @property
    def name_with_town(self):
        return self.with_town(self.title)

    def get_admin_display_title(self):
        # Choosers and the page explorer show „Nordstadt (Dortmund)“.
        return self.with_town(super().get_admin_display_title())

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        land_url = self.land_url(request)
        if land_url:
            context["land_url"] = land_url
        # Read only when the cached rendering of the event list is missing.
        context["related_events"] = SimpleLazyObject(self.related_events)
        context["listing_variant"] = listing_variant(request)
        return context

    def related_events(self):
        """Live, public events that name this area, newest first."""
        EventPage = apps.get_model("conference", "EventPage")
        return list(
            public(EventPage.objects.live())
            .filter(area_links__area=self)
            .order_by("-start_date")
            .only(
                "id",
                "title",
                "url_path",
                "path",
                "depth",
                "start_date",
                "end_date",
                "city",
                "venue",
            )
        )

    @property
    def location(self):
        """ "Neukölln, Berlin" – district and municipality as one line."""
        return ", ".join(part for part in (self.district, self.municipality) if part)

    @property
    def full_location(self):
        """The location with the Land, unless the municipality is the Land (Berlin)."""
        land = self.get_bundesland_display()
        return self.location if self.municipality == land else f"{self.location} ({land})"

    @property
    def programmes(self):
        """Short labels of the programmes the area takes part in."""
        return programme_labels(self.admission_year, self.soziale_stadt_status, self.los, self.kuq)

    def get_summary(self):
        summary = super().get_summary()
        if summary:
            return summary
        land = self.get_bundesland_display()
        where = self.municipality if self.municipality == land else f"{self.municipality} ({land})"
        return f"{self.get_kind_display()} in {where}."

    def has_contact(self):
        return any(
            (self.contact_organisation, self.contact_email, self.contact_phone, self.contact_url)
        )


def programme_labels(admission_year, soziale_stadt_status, los, kuq):
    """Short labels of the programmes an area takes part in („Soziale Stadt seit 1999
    (ruht)“, „LOS“, „KuQ“)."""
    labels = []
    if admission_year:
        label = f"Soziale Stadt seit {admission_year}"
        if soziale_stadt_status == SozialeStadtStatus.RUHEND:
            label += " (ruht)"
        elif soziale_stadt_status == SozialeStadtStatus.BEENDET:
            label += " (beendet)"
        labels.append(label)
    if los:
        labels.append("LOS")
    if kuq:
        labels.append("KuQ")
    return labels
