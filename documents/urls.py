"""Mounted at ``/dokumente/`` in place of ``wagtail.documents.urls``.

``wagtaildocs_serve`` keeps Wagtail's name and arguments (id, file name) so that
Wagtail's own links still resolve; they redirect to the stable ``documents:serve``."""

from django.urls import include, path, re_path
from wagtail.documents.views.serve import authenticate_with_password

from accounts.throttling import COLLECTION_PASSWORD, throttled_password_form

from . import views

document_patterns = [
    path("<int:document_id>/", views.serve, name="serve"),
    path("<int:document_id>/untertitel/", views.captions, name="captions"),
    path("<int:document_id>/vorschaubild/", views.poster, name="poster"),
]

urlpatterns = [
    path("", include((document_patterns, "documents"))),
    re_path(r"^(\d+)/(.+)$", views.serve, name="wagtaildocs_serve"),
    path(
        "authenticate_with_password/<int:restriction_id>/",
        throttled_password_form(authenticate_with_password, COLLECTION_PASSWORD),
        name="wagtaildocs_authenticate_with_password",
    ),
]
