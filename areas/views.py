"""The public views of the Gebietslisten (routes of ``AreaIndexPage``)."""

from django.http import HttpResponse
from django.utils.functional import SimpleLazyObject

from ec_site import variants
from ec_site.fragments import listing_variant
from home import navigation

from .choices import Bundesland
from .columns import FIELDS
from .export import areas_as_csv
from .forms import AreaFilterForm
from .listing import filtered_areas, group_by_land, listed_areas, sort_key


def area_list(index, request, land=None):
    form = AreaFilterForm(request.GET or None, land=land)
    filters = form.filters()
    declare_variant(request, filters)
    query = request.GET.urlencode()
    export_name = "land_export" if land else "export"
    export_url = index.get_url(request) + index.reverse_subpage(
        export_name, args=[land.value] if land else None
    )

    def listing():
        areas = listed_areas(index, filters, land)
        return {"groups": group_by_land(areas), "area_count": len(areas)}

    return index.render(
        request,
        context_overrides={
            "form": form,
            "land": land,
            # The areas are read only when the list's cached rendering is missing.
            "listing": SimpleLazyObject(listing),
            "listing_variant": listing_variant(request),
            "index_url": index.get_url(request),
            "export_url": f"{export_url}?{query}" if query else export_url,
            "all_lands": Bundesland,
            "is_filtered": bool(filters),
            # A Land page's breadcrumbs end with the Land, below the index.
            "land_breadcrumbs": navigation.trail(index, request)["breadcrumbs"] if land else None,
            # Called by the template only when its cached rendering is missing.
            "listing_stand": lambda: index.listing_stand(land),
        },
    )


def declare_variant(request, filters):
    """The choice filters are the cacheable variants; a text filter (``q``) can be any
    text, so a list filtered by it is rendered but never stored."""
    variants.declare(request, **{name: value for name, value in filters.items() if name != "q"})


def area_export(index, request, land=None):
    filters = AreaFilterForm(request.GET or None, land=land).filters()
    declare_variant(request, filters)
    areas = sorted(filtered_areas(index, filters, land).only(*FIELDS), key=sort_key)
    filename = f"gebiete-{land.value}.csv" if land else "gebiete.csv"
    response = HttpResponse(areas_as_csv(areas), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
