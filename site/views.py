from django.http import HttpResponseBadRequest, JsonResponse
from django.template.loader import render_to_string
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.generic import TemplateView

from .health import health_report


@never_cache
@require_GET
def health(request):
    """The state of the database, the cache and the file storage (``ec_site/health.py``)."""
    status, report = health_report()
    return JsonResponse(report, status=status)


class RobotsView(TemplateView):
    template_name = "robots.txt"
    content_type = "text/plain; charset=utf-8"


def bad_request(request, exception=None):
    """The German 400 page (a body over DATA_UPLOAD_MAX_MEMORY_SIZE, a host not allowed).
    Rendered without the request: its context processors would ask for the very host that
    may have caused the 400 (DisallowedHost)."""
    return HttpResponseBadRequest(render_to_string("400.html"))
