from django.http import JsonResponse
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
