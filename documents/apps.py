from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = "Dokumente"

    def ready(self):
        from wagtail.documents import get_document_model
        from wagtail.permissions import register_permission_policy

        from . import approval  # noqa: F401  (signal receivers)
        from .permissions import library_permission_policy

        # Registered for the exact class, so it wins over the policy that
        # wagtail.documents registers for the document model in its own ready().
        register_permission_policy(
            get_document_model(), library_permission_policy(), exact_class=True
        )
