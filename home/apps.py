from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = "Startseite und Rubriken"

    def ready(self):
        from .slugs import register

        register()
