"""What the "Dokumentationen" page lists: public documents of a collection and its
children, filtered and paginated, with the pages that use each one. A constant number
of queries, however many documents or pages there are."""

from django import forms
from django.apps import apps
from django.core.paginator import Paginator
from django.db.models import F, IntegerField, Max, OuterRef, Q, Subquery
from django.db.models.functions import Cast, Coalesce, ExtractYear
from wagtail.documents import get_document_model

from .public import pages_using, public_documents

PER_PAGE = 20


class DocumentFilterForm(forms.Form):
    q = forms.CharField(
        label="Suchbegriff",
        required=False,
        max_length=100,
        error_messages={
            "max_length": "Der Suchbegriff ist länger als 100 Zeichen; er wird nicht beachtet."
        },
    )
    jahr = forms.TypedChoiceField(
        label="Jahr",
        required=False,
        coerce=int,
        empty_value=None,
        error_messages={
            "invalid_choice": "Für dieses Jahr gibt es keine Dokumente. "
            "Es werden alle Jahre gezeigt."
        },
    )

    def __init__(self, data, years):
        super().__init__(data)
        self.fields["jahr"].choices = [("", "Alle Jahre")] + [(y, str(y)) for y in years]

    def active_filters(self):
        """The filters that are set and valid; an invalid one does not void the other."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}

    def filter(self, documents):
        filters = self.active_filters()
        query = filters.get("q", "").strip()
        if query:
            documents = documents.filter(
                Q(title__icontains=query)
                | Q(description__icontains=query)
                | Q(publisher__icontains=query)
            )
        if "jahr" in filters:
            documents = documents.filter(listing_year=filters["jahr"])
        return documents


def with_listing_year(documents):
    """``listing_year``: the document's own year, else the year of the first event whose
    documentation lists it (a documentation PDF uploaded without its year)."""
    EventDocument = apps.get_model("conference", "EventDocument")
    event_year = (
        EventDocument.objects.filter(document_id=OuterRef("pk"))
        .order_by("page__start_date")
        # An integer in SQL too (PostgreSQL's EXTRACT gives a numeric), for raw queries.
        .annotate(event_year=Cast(ExtractYear("page__start_date"), IntegerField()))
        .values("event_year")[:1]
    )
    return documents.annotate(listing_year=Coalesce("year", Subquery(event_year)))


def document_listing(collection, params, request=None):
    """Context for the page: filter form, the page of documents, their usages."""
    if collection is None:  # the chosen collection was deleted
        documents = with_listing_year(get_document_model().objects.none())
    else:
        documents = with_listing_year(public_documents(collection))
    # One query for the years of the filter and the newest document („Stand:“).
    per_year = list(
        documents.order_by("-listing_year")
        .values("listing_year")
        .annotate(newest=Max("created_at"))
        .values_list("listing_year", "newest")
    )
    years = [year for year, _newest in per_year if year is not None]
    newest = max((newest for _year, newest in per_year if newest), default=None)
    form = DocumentFilterForm(params, years)
    documents = form.filter(documents).order_by(
        F("listing_year").desc(nulls_last=True), "title", "pk"
    )
    page_obj = Paginator(documents, PER_PAGE).get_page(params.get("page"))
    usages = pages_using(list(page_obj.object_list))
    for document in page_obj.object_list:
        document.used_on = usages.get(document.pk, [])
    extra_query = params.copy()
    extra_query.pop("page", None)
    return {
        "filter_form": form,
        "page_obj": page_obj,
        "documents": page_obj.object_list,
        "extra_query": extra_query.urlencode(),
        "is_filtered": bool(form.active_filters()),
        "newest_document": newest,
    }
