from importlib import import_module
from importlib.util import find_spec

from django.core.management.base import BaseCommand
from django.db import transaction

# Each app that brings demo content has a module ``<app>.demo`` with ``build(stdout)``.
# The order matters: pages first, then documents, then what links to them.
DEMO_APPS = ["home", "legal", "documents", "conference", "areas", "search", "newsletter"]


class Command(BaseCommand):
    help = (
        "Legt die Demo-Inhalte an (Seitenbaum, Veranstaltungen, Dokumente, Gebiete). "
        "Idempotent: vorhandene Inhalte bleiben unverändert."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            for app in DEMO_APPS:
                if find_spec(f"{app}.demo") is None:
                    continue
                import_module(f"{app}.demo").build(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo-Inhalte sind vollständig."))
