from django.conf import settings
from django.db import models
from django.db.models import Q
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PageViewRestriction
from wagtail.search import index

from ec_site.content_version import cached
from ec_site.fragments import get_fragment, listing_variant, set_fragment

from .blocks import RICH_TEXT_FEATURES, BodyBlock, RelatedMaterialBlock
from .descriptions import first_paragraph, shorten


def restricted_page_paths():
    return cached(
        "restricted-page-paths",
        lambda: list(PageViewRestriction.objects.values_list("page__path", flat=True)),
    )


class BasePage(Page):
    """What every page type of the site shares: how it is listed (title, summary) and
    searched. Each concrete page type has its template ``<app>/<model>.html``; next to it
    ``..._card.html`` (an entry in a listing) and ``..._search.html`` (a search hit) where
    it shows more than the defaults ``includes/card.html`` and ``includes/search_hit.html``."""

    listing_title = models.CharField(
        "Titel in Übersichten",
        max_length=255,
        blank=True,
        help_text="Kürzerer Titel für Listen und Teaser. Leer lassen für den Seitentitel.",
    )
    listing_summary = models.TextField(
        "Kurzbeschreibung",
        blank=True,
        max_length=600,
        help_text="Zwei bis drei Sätze für Übersichten, Suchergebnisse und Suchmaschinen.",
    )

    search_fields = [
        *Page.search_fields,
        index.SearchField("listing_summary"),
        index.AutocompleteField("listing_title"),
    ]

    promote_panels = [
        *Page.promote_panels,
        MultiFieldPanel(
            [
                FieldPanel("listing_title"),
                FieldPanel("listing_summary"),
            ],
            heading="Darstellung in Übersichten",
        ),
    ]

    # A label for search results and listings ("Seite", "Rückblick", ...).
    type_label = "Seite"
    # The query parameters the page reads (filters, page number). Each page declares the
    # variant it rendered (``ec_site.variants.declare``); other parameters are ignored by
    # the caches.
    query_parameters = ()

    class Meta:
        abstract = True

    def get_view_restrictions(self):
        # Most pages have no restriction on themselves or an ancestor. A cached list of
        # restricted tree paths says so without the two queries Wagtail makes per page
        # (``none()`` runs no query, whatever its callers chain: order_by, exists, iterate).
        # The list is renewed with the content version by every save and delete of a
        # restriction, as Wagtail's privacy dialog makes them (tests/test_page_cache.py).
        if not self.alias_of_id and not any(
            self.path.startswith(path) for path in restricted_page_paths()
        ):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()

    def get_listing_title(self):
        return self.listing_title or self.title

    # The field whose text stands in for a summary the editor left empty ("intro").
    summary_fallback_field = None

    def get_summary(self):
        fallback = getattr(self, self.summary_fallback_field) if self.summary_fallback_field else ""
        return self.listing_summary or self.search_description or fallback

    # Whether search engines and link previews need the editor's own words here: then a
    # preview without them renders an empty meta description, which Wagtail's checker
    # („Prüfungen“, rule empty-meta-description) reports to the editor.
    description_matters = True

    def has_written_description(self):
        return bool(self.get_summary())

    def get_meta_description(self):
        """The editor's search description, else the summary, else the first paragraph,
        in at most 160 characters (``home/descriptions.py``)."""
        return shorten(self.search_description or self.get_summary() or first_paragraph(self))

    def get_type_label(self):
        return self.type_label

    @classmethod
    def search_type_filters(cls):
        """The type labels under which the site search can filter this page type, each
        with a ``Q`` on this model that selects its pages for that label. A page type
        whose label depends on the page (an event is an "Ankündigung" before its date and
        a "Rückblick" after it) overrides this and returns one entry per label."""
        return {cls.type_label: Q()}

    def get_search_date(self):
        """The date shown with a search hit: when the page was last published. Page
        types with a date of their own (events) return that instead."""
        return self.last_published_at

    # A page type shows in listings and search results through its own
    # ``<model>_card.html`` / ``<model>_search.html`` if it has one, else the default.
    @property
    def listing_card_template(self):
        return [self.get_template_name_for("card"), "includes/card.html"]

    @property
    def search_result_template(self):
        return [self.get_template_name_for("search"), "includes/search_hit.html"]

    @classmethod
    def get_template_name_for(cls, variant):
        return cls.template.removesuffix(".html") + f"_{variant}.html"


RELATED_MATERIAL_HEADING = (
    "Weitere Informationen zur Programmatik sowie Materialien zum Nachlesen und zum Download"
)


def related_material_field():
    return StreamField(
        RelatedMaterialBlock(),
        verbose_name="Weitere Informationen und Materialien",
        blank=True,
        help_text=f"Links und Dokumente im Kasten „{RELATED_MATERIAL_HEADING}“ unter dem Inhalt. "
        "Leer lassen, wenn die Seite keinen Kasten braucht.",
    )


class HomePage(BasePage):
    """The start page; the site has exactly one."""

    default_heading = "E&C – Entwicklung und Chancen junger Menschen in sozialen Brennpunkten"

    heading = models.CharField(
        "Hauptüberschrift",
        max_length=200,
        blank=True,
        help_text=f"Die Überschrift über der Einleitung. Leer lassen für „{default_heading}“. "
        "Der Seitentitel (z. B. „Start“) erscheint nur im Admin und in der Brotkrumennavigation.",
    )
    intro = RichTextField("Einleitung", features=RICH_TEXT_FEATURES, blank=True)
    body = StreamField(BodyBlock(), verbose_name="Inhalt", blank=True)
    related_material = related_material_field()

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("heading"),
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("related_material"),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1
    type_label = "Startseite"

    @classmethod
    def search_type_filters(cls):
        # The one start page is filtered with the content pages, not as a type of its own.
        return {SectionPage.type_label: Q()}

    class Meta:
        verbose_name = "Startseite"
        verbose_name_plural = "Startseiten"

    @property
    def main_heading(self):
        return self.heading or self.default_heading

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["listing_variant"] = listing_variant(request)
        return context

    def route(self, request, path_components):
        # Look the page up by its full path in one go instead of walking the tree with two
        # queries per level; for a sub-route (a Land page of the Gebietslisten) the parent
        # path finds the page that resolves it. Other paths take Wagtail's walk below.
        if not path_components:
            return super().route(request, path_components)
        editor = settings.SESSION_COOKIE_NAME in request.COOKIES
        key = [f"{self.locale_id}:{self.url_path}{'/'.join(path_components)}/"]
        # Visitors are routed from the fragment cache, kept until the next publish; editors
        # see the database as it is, draft markers included.
        found = None if editor else get_fragment("route", key)
        if found is not None:
            return found[0].route(request, found[1])
        found = self._find(path_components)
        if found is None:
            return super().route(request, path_components)
        result = found[0].route(request, found[1])  # Http404 leaves nothing cached
        if not editor:
            set_fragment("route", key, found)
        return result

    def _find(self, path_components):
        """(specific page, remaining path components) for a path below this page."""
        for depth in (len(path_components), len(path_components) - 1):
            if depth < 1:
                break
            url_path = self.url_path + "/".join(path_components[:depth]) + "/"
            page = Page.objects.filter(url_path=url_path, locale_id=self.locale_id).first()
            if page is not None and page.path.startswith(self.path):
                return page.specific, path_components[depth:]
        return None


class SectionPage(BasePage):
    """A content page: Basisinfo, Regiestelle, Programm, the legal pages and the like."""

    intro = models.TextField(
        "Einleitung",
        blank=True,
        max_length=1000,
        help_text="Ein hervorgehobener Absatz über dem Inhalt.",
    )
    body = StreamField(BodyBlock(), verbose_name="Inhalt", blank=True)
    related_material = related_material_field()

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("related_material"),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["home.HomePage", "home.SectionPage"]
    subpage_types = ["home.SectionPage", "documents.DocumentListPage"]
    summary_fallback_field = "intro"

    class Meta:
        verbose_name = "Inhaltsseite"
        verbose_name_plural = "Inhaltsseiten"


@register_setting(icon="site")
class FooterSettings(ClusterableModel, BaseSiteSetting):
    """Partner links and the legal pages in the footer of every page."""

    imprint_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="Impressum",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="Datenschutzerklärung",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accessibility_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="Erklärung zur Barrierefreiheit",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    contact_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="Kontakt",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Die Seite, auf die der Link „Kontakt“ in der Fußzeile führt.",
    )

    panels = [
        InlinePanel("partner_links", heading="Partner-Links", label="Partner"),
        MultiFieldPanel(
            [
                PageChooserPanel("imprint_page"),
                PageChooserPanel("privacy_page"),
                PageChooserPanel("accessibility_page"),
                PageChooserPanel("contact_page"),
            ],
            heading="Kontakt und rechtliche Seiten",
        ),
    ]

    class Meta:
        verbose_name = "Fußzeile"
        verbose_name_plural = "Fußzeilen"

    @classmethod
    def for_footer(cls, site):
        """The settings with their legal pages and partner links in two queries."""
        queryset = cls.objects.select_related(
            "imprint_page", "privacy_page", "accessibility_page", "contact_page"
        ).prefetch_related("partner_links")
        # Not created on a read: an empty footer needs no row.
        return queryset.filter(site=site).first() or cls(site=site)


class PartnerLink(Orderable):
    settings = ParentalKey(FooterSettings, on_delete=models.CASCADE, related_name="partner_links")
    name = models.CharField("Name", max_length=120)
    url = models.URLField("Adresse")
    description = models.CharField(
        "Beschreibung", max_length=200, blank=True, help_text="Z. B. der ausgeschriebene Name."
    )

    panels = [FieldPanel("name"), FieldPanel("url"), FieldPanel("description")]

    class Meta(Orderable.Meta):
        verbose_name = "Partner-Link"
        verbose_name_plural = "Partner-Links"

    def __str__(self):
        return self.name
