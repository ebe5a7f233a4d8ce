from django.core.management.base import BaseCommand

from legacy.admin_views import KEEP_PREVIEWS, remove_stale_uploads


class Command(BaseCommand):
    help = (
        "Löscht hochgeladene ZIP-Dateien von Import-Vorschauen, die nicht übernommen wurden "
        f"und älter als {KEEP_PREVIEWS.days} Tag sind (für den täglichen Lauf)."
    )

    def handle(self, *args, **options):
        removed = remove_stale_uploads()
        self.stdout.write(f"{removed} alte Vorschau-ZIP-Datei(en) gelöscht.")
