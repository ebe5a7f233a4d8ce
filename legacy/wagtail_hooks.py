from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views

admin_urls = (
    [
        path("", admin_views.import_start, name="start"),
        path("<str:token>/uebernehmen/", admin_views.import_apply, name="apply"),
    ],
    "legacy_admin",
)


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.may_import(request.user)


@hooks.register("register_admin_urls")
def register_legacy_urls():
    return [path("alte-website/", include(admin_urls))]


@hooks.register("register_settings_menu_item")
def register_import_menu_item():
    return ImportMenuItem(
        "Alte Website importieren",
        reverse("legacy_admin:start"),
        icon_name="download",
        order=900,
    )
