"""The site's URLs plus uploaded images, which the project only serves with DEBUG on
(in production the web server serves them)."""

from django.conf import settings
from django.urls import re_path
from django.views.static import serve

from ec_site.urls import urlpatterns as site_urlpatterns

urlpatterns = [
    re_path(r"^media/(?P<path>images/.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    *site_urlpatterns,
]
