"""The import in the admin: ZIP checks, dry-run preview, apply; only Moderation and
administrators; the import metadata in the event editor."""

import io
import os
import stat
import time
import zipfile

import pytest
from django.contrib.auth.models import Group, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from wagtail.contrib.redirects.models import Redirect

from conference.models import EventPage
from legacy.models import ImportedPage
from legacy.zipcheck import ZipProblem, check_zip, unpack_zip
from tests.factories.conference import event_folder
from tests.factories.legacy import SEED_PAGE, seed_mirror, zip_of
from tests.login import log_in

START = "legacy_admin:start"


def make_user(name, group=None, **extra):
    user = User.objects.create_user(name, f"{name}@example.org", "pw", **extra)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


def zip_bytes(members):
    """A ZIP from (ZipInfo or name, data) pairs."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for info, data in members:
            archive.writestr(info, data)
    return buffer.getvalue()


def check(data):
    return check_zip(io.BytesIO(data), len(data))


@pytest.fixture
def uploads(settings, tmp_path):
    settings.LEGACY_UPLOAD_DIR = str(tmp_path / "uploads")
    return tmp_path / "uploads"


@pytest.fixture
def moderator_client(client, db):
    log_in(client, make_user("moderatorin", "Moderation"))
    return client


@pytest.fixture
def seed_zip(tmp_path):
    return zip_of(seed_mirror(tmp_path / "kopie"))


# ZIP checks -------------------------------------------------------------------


def test_a_good_zip_unpacks_below_its_folder(tmp_path, seed_zip):
    root = unpack_zip(io.BytesIO(seed_zip), len(seed_zip), tmp_path / "out")
    assert (root / SEED_PAGE).is_file()
    assert (root / "pdf/doku_qm_2006.pdf").is_file()


def test_a_zip_of_one_folder_has_that_folder_as_root(tmp_path):
    data = zip_bytes([("kopie/seiten/a.html", b"<p>x</p>")])
    root = unpack_zip(io.BytesIO(data), len(data), tmp_path / "out")
    assert root == tmp_path / "out" / "kopie"


@pytest.mark.parametrize(
    "name", ["../boese.html", "seiten/../../boese.html", "/etc/boese.html", "C:/boese.html"]
)
def test_paths_outside_the_folder_are_refused(name, tmp_path):
    data = zip_bytes([(name, b"x")])
    with pytest.raises(ZipProblem, match="außerhalb des Ordners"):
        unpack_zip(io.BytesIO(data), len(data), tmp_path / "out")
    assert not (tmp_path / "boese.html").exists()


def test_links_are_refused():
    link = zipfile.ZipInfo("seiten/link.html")
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    with pytest.raises(ZipProblem, match="Link"):
        check(zip_bytes([(link, "/etc/passwd")]))


def test_too_many_files(settings):
    settings.LEGACY_ZIP_MAX_FILES = 2
    with pytest.raises(ZipProblem, match="3 Dateien. Erlaubt sind 2"):
        check(zip_bytes([(f"{n}.html", b"x") for n in range(3)]))


def test_too_large_when_unpacked(settings):
    settings.LEGACY_ZIP_MAX_UNPACKED_BYTES = 1000
    # compresses to almost nothing: the header's sizes count, not the ZIP's
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("bombe.html", b"0" * 100_000)
    with pytest.raises(ZipProblem, match="Entpackt wäre der Inhalt"):
        check(buffer.getvalue())


def test_too_large_zip(settings):
    settings.LEGACY_ZIP_MAX_BYTES = 10
    with pytest.raises(ZipProblem, match="zu groß"):
        check(zip_bytes([("a.html", b"<p>Hallo Welt</p>")]))


def test_not_a_zip():
    with pytest.raises(ZipProblem, match="keine lesbare ZIP-Datei"):
        check(b"PK\x03\x04 kaputt")


# Admin views ------------------------------------------------------------------


def test_editors_may_not_import(client, db):
    client.force_login(make_user("redakteur", "Redaktion"))
    # Wagtail answers a refused admin view with a redirect to the dashboard and a message
    response = client.get(reverse(START))
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert "alte-website" not in client.get("/admin/").text


def test_moderation_sees_the_form_and_the_menu_item(moderator_client):
    response = moderator_client.get(reverse(START))
    assert response.status_code == 200
    assert "ZIP-Datei der alten Website" in response.text
    assert "/admin/alte-website/" in moderator_client.get("/admin/").text


def test_preview_then_apply(moderator_client, uploads, seed_zip):
    event_folder()
    upload = SimpleUploadedFile("kopie.zip", seed_zip, content_type="application/zip")
    response = moderator_client.post(reverse(START), {"archive": upload, "publish": "on"})
    assert response.status_code == 200
    assert "Vorschau des Imports" in response.text
    assert "1 angelegt" in response.text
    assert "wird als Dokument übernommen" in response.text
    assert not EventPage.objects.exists()
    assert not Redirect.objects.exists()
    token = response.context["token"]
    assert (uploads / f"{token}.zip").is_file()

    response = moderator_client.post(reverse("legacy_admin:apply", args=[token]))
    assert response.status_code == 200
    assert "Import abgeschlossen" in response.text
    page = ImportedPage.objects.get().page
    assert page.live
    assert reverse("wagtailadmin_pages:edit", args=[page.pk]) in response.text
    assert not (uploads / f"{token}.zip").exists()
    # a second apply of the same preview does nothing
    response = moderator_client.post(reverse("legacy_admin:apply", args=[token]))
    assert response.status_code == 302
    assert EventPage.objects.count() == 1


def test_refused_zip_is_a_german_message(moderator_client, uploads):
    data = zip_bytes([("../boese.html", b"x")])
    upload = SimpleUploadedFile("kopie.zip", data, content_type="application/zip")
    response = moderator_client.post(reverse(START), {"archive": upload})
    assert response.status_code == 200
    assert "außerhalb des Ordners" in response.text
    assert not any(uploads.glob("*.zip")) if uploads.exists() else True


def test_not_a_zip_file_name(moderator_client, uploads):
    upload = SimpleUploadedFile("kopie.html", b"<p>x</p>", content_type="text/html")
    response = moderator_client.post(reverse(START), {"archive": upload})
    assert "Bitte laden Sie eine ZIP-Datei (.zip) hoch." in response.text


def test_apply_with_an_unknown_token(moderator_client, uploads):
    response = moderator_client.post(reverse("legacy_admin:apply", args=["0" * 32]))
    assert response.status_code == 302
    assert response["Location"] == reverse(START)


def test_editor_shows_the_import_metadata(superuser_client, tmp_path):
    from legacy.importer import import_legacy

    event_folder()
    import_legacy(seed_mirror(tmp_path / "kopie"))
    page = ImportedPage.objects.get().page
    response = superuser_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    assert "Import aus der alten Website" in response.text
    assert "/" + SEED_PAGE in response.text
    assert "18. September 2000" in response.text


def test_damaged_zip_is_refused_while_unpacking(tmp_path):
    data = bytearray(zip_bytes([("seiten/a.html", b"<p>" + b"Hallo Welt " * 50 + b"</p>")]))
    data[40] ^= 0xFF  # inside the stored data: the CRC no longer matches
    with pytest.raises(ZipProblem, match="beschädigt"):
        unpack_zip(io.BytesIO(bytes(data)), len(data), tmp_path / "out")


def age(path, hours):
    then = time.time() - hours * 3600
    os.utime(path, (then, then))


def kept_zip(folder, name, hours):
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.zip"
    path.write_bytes(b"PK\x05\x06" + b"\0" * 18)
    age(path, hours)
    return path


def test_a_new_preview_deletes_abandoned_zips_older_than_a_day(moderator_client, uploads, seed_zip):
    abandoned = kept_zip(uploads, "a" * 32, hours=25)
    recent = kept_zip(uploads, "b" * 32, hours=23)
    upload = SimpleUploadedFile("kopie.zip", seed_zip, content_type="application/zip")
    response = moderator_client.post(reverse(START), {"archive": upload})
    assert response.status_code == 200
    token = response.context["token"]
    assert not abandoned.exists()
    assert recent.exists()
    assert (uploads / f"{token}.zip").is_file()


def test_the_daily_command_deletes_abandoned_zips(uploads):
    abandoned = [kept_zip(uploads, f"{n:032x}", hours=24 + n) for n in range(1, 3)]
    recent = kept_zip(uploads, "c" * 32, hours=1)
    other = uploads / "notiz.txt"
    other.write_text("kein ZIP")
    age(other, 48)
    out = io.StringIO()
    call_command("legacy_cleanup", stdout=out)
    assert out.getvalue().strip() == "2 alte Vorschau-ZIP-Datei(en) gelöscht."
    assert not any(path.exists() for path in abandoned)
    assert recent.exists() and other.exists()
    out = io.StringIO()
    call_command("legacy_cleanup", stdout=out)
    assert out.getvalue().startswith("0 ")


def test_applying_a_preview_whose_zip_was_deleted_asks_for_a_new_upload(
    moderator_client, uploads, seed_zip
):
    upload = SimpleUploadedFile("kopie.zip", seed_zip, content_type="application/zip")
    token = moderator_client.post(reverse(START), {"archive": upload}).context["token"]
    age(uploads / f"{token}.zip", 25)
    call_command("legacy_cleanup", stdout=io.StringIO())
    response = moderator_client.post(reverse("legacy_admin:apply", args=[token]), follow=True)
    assert "Die hochgeladene Datei ist nicht mehr da. Bitte laden Sie die ZIP-Datei neu hoch." in (
        response.text
    )
    assert not EventPage.objects.exists()
