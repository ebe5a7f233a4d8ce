from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap

from documents import urls as document_urls
from search import views as search_views

from . import views
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
    path("", include("conference.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(
        settings.MEDIA_URL + "images/", document_root=settings.MEDIA_ROOT / "images"
    )

urlpatterns += [path("", include(wagtail_urls))]

handler400 = "ec_site.views.bad_request"
