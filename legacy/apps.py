from django.apps import AppConfig


class LegacyConfig(AppConfig):
    name = "legacy"
    verbose_name = "Import der alten Website"
    default_auto_field = "django.db.models.BigAutoField"
