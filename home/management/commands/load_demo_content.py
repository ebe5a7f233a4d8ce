from importlib import import_module
from importlib.util import find_spec

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.models import Site

# Each app that brings demo content has a module ``<app>.demo`` with ``build(stdout)``.
# The order matters: pages first, then documents, then what links to them.
DEMO_APPS = ["home", "legal", "documents", "conference", "areas", "search", "newsletter"]


class Command(BaseCommand):
    help = (
        "Legt die Demo-Inhalte an (Seitenbaum, Veranstaltungen, Dokumente, Gebiete). "
        "Idempotent: vorhandene Inhalte bleiben unverändert."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--adresse",
            help="Host und Port, unter denen die Demo läuft (z. B. 127.0.0.1:8000): die Website "
            "der Demo bekommt sie, damit kanonische Links, Feeds, Kalender und Mails dieselbe "
            "Adresse nennen. Eine Website mit einem anderen Hostnamen bleibt unverändert.",
        )

    def handle(self, *args, adresse=None, **options):
        if adresse:
            self.set_demo_address(adresse)
        with transaction.atomic():
            for app in DEMO_APPS:
                if find_spec(f"{app}.demo") is None:
                    continue
                import_module(f"{app}.demo").build(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo-Inhalte sind vollständig."))

    # Host names the demo's site record may have: only these are moved to the served address.
    DEMO_HOSTNAMES = {"localhost", "127.0.0.1"}

    def set_demo_address(self, address):
        hostname, _, port = address.rpartition(":")
        if not hostname or not port.isdigit():
            raise CommandError(f"„{address}“ ist keine Adresse der Form Host:Port.")
        site = Site.objects.filter(is_default_site=True).first()
        if site is None or site.hostname not in self.DEMO_HOSTNAMES:
            return
        if (site.hostname, site.port) != (hostname, int(port)):
            site.hostname, site.port = hostname, int(port)
            site.save()
        self.stdout.write(f"Adresse der Website: http://{hostname}:{port}/")
