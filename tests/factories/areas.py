"""Factories for the Gebietslisten and the area pages."""

import factory
import wagtail_factories

from areas.choices import Bundesland, Gebietsart, SozialeStadtStatus
from areas.models import AreaIndexPage, AreaPage

from .home import PublishedPageMixin, start_page


class AreaIndexPageFactory(PublishedPageMixin, wagtail_factories.PageFactory):
    title = "Gebietslisten"
    slug = "gebietslisten"
    intro = "Alle E&C-Gebiete."
    show_in_menus = True
    parent = factory.LazyFunction(start_page)

    class Meta:
        model = AreaIndexPage


def area_index():
    return AreaIndexPage.objects.first() or AreaIndexPageFactory()


class AreaPageFactory(PublishedPageMixin, wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Gebiet {n}")
    slug = factory.Sequence(lambda n: f"gebiet-{n}")
    area_key = factory.Sequence(lambda n: f"T-{n:04d}")
    municipality = "Berlin"
    district = "Neukölln"
    bundesland = Bundesland.BERLIN
    kind = Gebietsart.SOZIALE_STADT
    admission_year = 1999
    soziale_stadt_status = SozialeStadtStatus.AKTIV
    los = True
    kuq = False
    jugendamt = "Jugendamt Neukölln"
    description = "Ein Quartier mit vielen jungen Menschen."
    contact_organisation = "Quartiersmanagement"
    contact_email = "qm@example.org"
    contact_phone = "030 555 01"
    contact_url = "https://example.org/qm/"
    parent = factory.LazyFunction(area_index)

    class Meta:
        model = AreaPage


def rural_area(**kwargs):
    return AreaPageFactory(
        kind=Gebietsart.LAENDLICHE_REGION,
        admission_year=None,
        soziale_stadt_status="",
        **kwargs,
    )
