"""The areas of the Gebietslisten: filtered, sorted and grouped by Bundesland.

One query for the areas, whatever their number: only the listed fields are read, as
plain rows rather than pages (building 400 page objects cost more than rendering the
table), and URLs are built from the index URL and the slug (areas are children of the
index)."""

from dataclasses import dataclass, field

from django.db.models import Q

from home.german import collation_key
from home.privacy import public

from .choices import Bundesland, Gebietsart, Programm
from .models import AreaPage, programme_labels

LIST_FIELDS = (
    "title",
    "slug",
    "area_key",
    "municipality",
    "district",
    "bundesland",
    "kind",
    "admission_year",
    "soziale_stadt_status",
    "los",
    "kuq",
)
KIND_LABELS = dict(Gebietsart.choices)
LAND_ORDER = {value: position for position, value in enumerate(Bundesland.values)}


def sort_key(area):
    return (
        LAND_ORDER[area.bundesland],
        collation_key(area.municipality),
        collation_key(area.title),
    )


def filtered_areas(index, filters, land=None):
    """Live, public areas under ``index`` matching the filter values of
    ``AreaFilterForm.filters()`` and, on a Land page, that Land."""
    if index.pk is None:
        return AreaPage.objects.none()
    areas = public(AreaPage.objects.child_of(index).live())
    land = land or filters.get("bundesland")
    if land:
        areas = areas.filter(bundesland=land)
    if filters.get("art"):
        areas = areas.filter(kind=filters["art"])
    programme = filters.get("programm")
    if programme == Programm.SOZIALE_STADT:
        areas = areas.filter(admission_year__isnull=False)
    elif programme == Programm.LOS:
        areas = areas.filter(los=True)
    elif programme == Programm.KUQ:
        areas = areas.filter(kuq=True)
    text = filters.get("q")
    if text:
        areas = areas.filter(Q(title__icontains=text) | Q(municipality__icontains=text))
    return areas


@dataclass(frozen=True, slots=True)
class ListedArea:
    """One row of the Gebietslisten."""

    title: str
    slug: str
    area_key: str
    municipality: str
    district: str
    bundesland: str
    kind: str
    admission_year: int | None
    soziale_stadt_status: str
    los: bool
    kuq: bool

    @property
    def kind_label(self):
        return KIND_LABELS.get(self.kind, self.kind)

    @property
    def programmes(self):
        return programme_labels(self.admission_year, self.soziale_stadt_status, self.los, self.kuq)


def listed_areas(index, filters, land=None):
    """The filtered areas as a sorted list of ``ListedArea`` rows."""
    rows = filtered_areas(index, filters, land).order_by().values_list(*LIST_FIELDS)
    return sorted((ListedArea(*row) for row in rows), key=sort_key)


@dataclass
class LandGroup:
    land: Bundesland
    areas: list = field(default_factory=list)

    @property
    def anchor(self):
        return f"land-{self.land.value}"


def group_by_land(sorted_areas):
    groups = []
    for area in sorted_areas:
        if not groups or groups[-1].land != area.bundesland:
            groups.append(LandGroup(Bundesland(area.bundesland)))
        groups[-1].areas.append(area)
    return groups
