from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.shortcuts import render
from wagtail.models import Page

MAX_QUERY_LENGTH = 200


def search(request):
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    results = Page.objects.none()
    if query:
        results = Page.objects.live().public().specific().search(query)
    page_obj = Paginator(results, 10).get_page(request.GET.get("page"))
    response = render(
        request,
        "search/search.html",
        {
            "search_query": query,
            "page_obj": page_obj,
            "results": page_obj.object_list,
            "extra_query": urlencode({"q": query}),
        },
    )
    response["Cache-Control"] = "private, no-cache"
    return response
