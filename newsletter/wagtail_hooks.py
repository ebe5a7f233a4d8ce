from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem

from . import admin_views
from .models import NewsletterIssuePage

admin_urls = (
    [
        path("abonnements/", admin_views.subscriber_list, name="subscribers"),
        path("abonnements/export.csv", admin_views.subscriber_export, name="export"),
        path("abonnements/<int:pk>/", admin_views.subscriber_detail, name="subscriber"),
        path(
            "abonnements/<int:pk>/nachweis.csv", admin_views.consent_export, name="consent_export"
        ),
        path("abonnements/<int:pk>/loeschen/", admin_views.subscriber_erase, name="erase"),
        path("versand/<int:page_id>/", admin_views.send_issue, name="send"),
        path("testversand/<int:page_id>/", admin_views.test_mail, name="test_mail"),
    ],
    "newsletter_admin",
)


class SubscriberMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("newsletter.view_subscriber")


@hooks.register("register_admin_urls")
def register_newsletter_urls():
    return [path("newsletter/", include(admin_urls))]


@hooks.register("register_admin_menu_item")
def register_subscriber_menu_item():
    return SubscriberMenuItem(
        "Newsletter-Abonnements",
        reverse("newsletter_admin:subscribers"),
        icon_name="mail",
        order=360,
    )


@hooks.register("register_page_header_buttons")
def issue_buttons(page, user, view_name=None, next_url=None):
    if not isinstance(page.specific_deferred, NewsletterIssuePage):
        return
    if page.permissions_for_user(user).can_edit():
        yield PageMenuItem(
            "Testversand",
            reverse("newsletter_admin:test_mail", args=[page.pk]),
            icon_name="mail",
            priority=80,
            page=page,
        )
    if admin_views.may_send(user):
        yield PageMenuItem(
            "Newsletter versenden",
            reverse("newsletter_admin:send", args=[page.pk]),
            icon_name="mail",
            priority=81,
            page=page,
        )
