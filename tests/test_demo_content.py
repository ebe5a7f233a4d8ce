from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.models import Page, Revision

from home.models import FooterSettings, HomePage


def snapshot():
    pages = list(
        Page.objects.order_by("path").values_list(
            "path", "slug", "title", "live", "last_published_at", "latest_revision_id"
        )
    )
    return pages, Revision.objects.count(), FooterSettings.objects.get().partner_links.count()


@pytest.mark.django_db
def test_demo_command_builds_the_page_tree_and_is_idempotent(client):
    call_command("load_demo_content", stdout=StringIO())
    first = snapshot()
    call_command("load_demo_content", stdout=StringIO())
    assert snapshot() == first

    home = HomePage.objects.get()
    slugs = set(Page.objects.descendant_of(home).values_list("slug", flat=True))
    assert {"basisinfo", "regiestelle", "programm", "impressum", "datenschutz"} <= slugs
    assert {"ankuendigungen", "rueckblick", "veranstaltungstipps", "gebietslisten"} <= slugs
    assert {"barrierefreiheit"} <= slugs
    for page in Page.objects.descendant_of(home, inclusive=True).live():
        assert client.get(page.url).status_code == 200, page.url
    assert client.get("/basisinfo/regiestelle/").content.decode().count("Stiftung SPI") >= 1


@pytest.mark.django_db
def test_demo_command_keeps_editor_changes():
    call_command("load_demo_content", stdout=StringIO())
    page = Page.objects.get(slug="regiestelle").specific
    page.title = "Regiestelle E&C"
    page.save_revision().publish()
    call_command("load_demo_content", stdout=StringIO())
    assert Page.objects.get(slug="regiestelle").title == "Regiestelle E&C"


@pytest.mark.django_db
def test_make_run_gives_the_demo_site_the_address_it_serves(client):
    from django.core.management import CommandError
    from wagtail.models import Site

    call_command("load_demo_content", "--adresse", "127.0.0.1:8123", stdout=StringIO())
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("127.0.0.1", 8123)
    assert 'href="http://127.0.0.1:8123/"' in client.get("/").content.decode()  # canonical

    # A site an editor named (the real host) is left alone.
    Site.objects.filter(pk=site.pk).update(hostname="www.e-und-c.de", port=443)
    call_command("load_demo_content", "--adresse", "127.0.0.1:8000", stdout=StringIO())
    assert Site.objects.get(pk=site.pk).hostname == "www.e-und-c.de"

    with pytest.raises(CommandError, match="keine Adresse der Form Host:Port"):
        call_command("load_demo_content", "--adresse", "localhost", stdout=StringIO())
