from django.apps import AppConfig


class SiteConfig(AppConfig):
    name = "ec_site"
    label = "ec_site"
    verbose_name = "E&C Website"

    def ready(self):
        from . import (
            checks,  # noqa: F401 - registers the deploy checks
            variants,
        )
        from .content_version import connect_signals

        connect_signals()
        variants.register_query_parameters("p")  # the sitemap's page number
