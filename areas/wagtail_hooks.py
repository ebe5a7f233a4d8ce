from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.may_import(request.user, admin_views.area_index())


@hooks.register("register_admin_urls")
def register_import_urls():
    return [
        path("gebiete/import/", admin_views.upload, name="areas_import"),
        path("gebiete/import/<str:token>/", admin_views.preview, name="areas_import_preview"),
    ]


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return ImportMenuItem(
        "Gebiete importieren", reverse("areas_import"), icon_name="upload", order=350
    )
