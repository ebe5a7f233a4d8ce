from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished, post_page_move

from .navigation import renew_shell_version


def register():
    from .models import FooterSettings, PartnerLink

    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(renew_shell_version, dispatch_uid=f"ec-shell-{signal!r}")
    # Page deletions: post_delete fires for the concrete model and for wagtailcore.Page.
    from wagtail.models import Page

    post_delete.connect(renew_shell_version, sender=Page, dispatch_uid="ec-shell-page-delete")
    for model in (FooterSettings, PartnerLink):
        post_save.connect(renew_shell_version, sender=model, dispatch_uid=f"ec-shell-save-{model}")
        post_delete.connect(renew_shell_version, sender=model, dispatch_uid=f"ec-shell-del-{model}")
