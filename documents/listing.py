"""What the "Dokumentationen" page lists: public documents of a collection and its
children, filtered and paginated, with the pages that use each one. A constant number
of queries, however many documents or pages there are."""

from collections import defaultdict

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db.models import Exists, F, OuterRef, Q
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, Page, ReferenceIndex

PER_PAGE = 20


def public_collection_ids(collection):
    """``collection`` and its descendants, without those under a view restriction
    (a restriction covers the collection it is set on and all collections below it)."""
    if collection is None:
        return []
    # One query: the collections below ``collection`` and every restricted collection
    # (a restriction may also sit on an ancestor of ``collection``).
    rows = Collection.objects.filter(
        Q(path__startswith=collection.path) | Q(view_restrictions__isnull=False)
    ).values_list(
        "pk", "path", Exists(CollectionViewRestriction.objects.filter(collection=OuterRef("pk")))
    )
    rows = set(rows)
    restricted_paths = [path for _pk, path, restricted in rows if restricted]
    return sorted(
        pk
        for pk, path, _restricted in rows
        if path.startswith(collection.path)
        and not any(path.startswith(restricted) for restricted in restricted_paths)
    )


def public_documents(collection):
    Document = get_document_model()
    return Document.objects.filter(collection_id__in=public_collection_ids(collection))


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
            documents = documents.filter(year=filters["jahr"])
        return documents


def pages_using(documents, request=None):
    """``{document_id: [page, ...]}``: live, public pages that link to the documents,
    from Wagtail's reference index (StreamField blocks, rich text, chooser fields and
    the orderables of a page)."""
    if not documents:
        return {}
    Document = get_document_model()
    references = ReferenceIndex.objects.filter(
        to_content_type=ContentType.objects.get_for_model(Document),
        to_object_id__in=[str(document.pk) for document in documents],
        base_content_type=ContentType.objects.get_for_model(Page),
    ).values_list("to_object_id", "object_id")
    page_ids_by_document = defaultdict(set)
    for document_id, page_id in references:
        page_ids_by_document[int(document_id)].add(int(page_id))
    all_ids = set().union(*page_ids_by_document.values()) if page_ids_by_document else set()
    pages = {
        page.pk: page
        for page in Page.objects.live().public().filter(pk__in=all_ids).order_by("title")
    }
    return {
        document_id: sorted(
            (pages[pk] for pk in page_ids if pk in pages), key=lambda page: page.title
        )
        for document_id, page_ids in page_ids_by_document.items()
    }


def document_listing(collection, params, request=None):
    """Context for the page: filter form, the page of documents, their usages."""
    documents = public_documents(collection)
    years = documents.exclude(year=None).order_by("-year").values_list("year", flat=True).distinct()
    form = DocumentFilterForm(params, list(years))
    documents = form.filter(documents).order_by(F("year").desc(nulls_last=True), "title", "pk")
    page_obj = Paginator(documents, PER_PAGE).get_page(params.get("page"))
    usages = pages_using(list(page_obj.object_list), request)
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
    }
