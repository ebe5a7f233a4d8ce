from django.apps import AppConfig


class AreasConfig(AppConfig):
    name = "areas"
    verbose_name = "E&C-Gebiete"
