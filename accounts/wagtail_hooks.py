from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import AdminOnlyMenuItem

from . import admin_views, restricted, views


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("zwei-faktor/", views.overview, name="accounts_overview"),
        path("zwei-faktor/pruefen/", views.verify, name="accounts_verify"),
        path("zwei-faktor/einrichten/", views.enrol, name="accounts_enrol"),
        path("zwei-faktor/codes/", views.recovery_codes, name="accounts_recovery_codes"),
        path("zwei-faktor/entfernen/", views.remove, name="accounts_remove"),
        path("anmeldesicherheit/", admin_views.index, name="accounts_security"),
        path("anmeldesicherheit/entsperren/", admin_views.unlock, name="accounts_unlock"),
        path(
            "anmeldesicherheit/<int:user_id>/zwei-faktor-zuruecksetzen/",
            admin_views.reset_second_factor,
            name="accounts_reset_second_factor",
        ),
    ]


@hooks.register("register_settings_menu_item")
def register_security_menu_item():
    return AdminOnlyMenuItem(
        "Anmeldesicherheit",
        reverse("accounts_security"),
        name="anmeldesicherheit",
        icon_name="lock",
        order=900,
    )


@hooks.register("register_account_menu_item")
def register_second_factor_account_item(request):
    return {
        "url": reverse("accounts_overview"),
        "label": "Zwei-Faktor-Anmeldung",
        "help_text": "Authenticator-App einrichten, Wiederherstellungscodes erneuern.",
    }


# Before Wagtail's own checks (order -1): their login redirect would send a half-signed-in
# moderator to the admin login, which sends anybody signed in straight back.
@hooks.register("on_serve_page", order=-1)
def second_factor_for_restricted_pages(serve):
    def inner(page, request, serve_args, serve_kwargs):
        response = restricted.second_factor_first(request, page.get_view_restrictions)
        return response or serve(page, request, serve_args, serve_kwargs)

    return inner


@hooks.register("before_serve_document", order=-1)
def second_factor_for_restricted_documents(document, request):
    return restricted.second_factor_first(request, document.collection.get_view_restrictions)
