from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = "Dokumente"

    def ready(self):
        from django.db.models.signals import pre_save
        from wagtail.documents import get_document_model

        from .collections import file_by_year

        pre_save.connect(file_by_year, sender=get_document_model(), dispatch_uid="file_by_year")
