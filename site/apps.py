from django.apps import AppConfig


class SiteConfig(AppConfig):
    name = "ec_site"
    label = "ec_site"
    verbose_name = "E&C Website"

    def ready(self):
        from .content_version import connect_signals

        connect_signals()
