from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail import views as wagtail_views
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap

from accounts.throttling import PAGE_PASSWORD, throttled_password_form
from documents import urls as document_urls
from search import views as search_views

from . import media, views
from .csp_report import csp_report

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("dokumente/", include(document_urls)),
    path("suche/", search_views.search, name="search"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", views.RobotsView.as_view(), name="robots"),
    path("health/", views.health, name="health"),
    path("csp-report/", csp_report, name="csp-report"),
    path("newsletter/", include("newsletter.urls")),
    path(
        settings.MEDIA_URL.lstrip("/") + "images/<path:path>",
        media.rendition_image,
        name="rendition_image",
    ),
    path("", include("conference.urls")),
    # Wagtail's page-password form, with login throttling (accounts/throttling.py).
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        throttled_password_form(wagtail_views.authenticate_with_password, PAGE_PASSWORD),
        name="wagtailcore_authenticate_with_password",
    ),
]

urlpatterns += [path("", include(wagtail_urls))]

handler400 = "ec_site.views.bad_request"
