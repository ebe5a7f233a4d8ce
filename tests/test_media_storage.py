"""Media on an S3-compatible bucket (a local moto server started by the test) and the
round trip ``backup`` → ``restore`` into a fresh database and a fresh bucket."""

import io
import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.core.files.images import ImageFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import override_settings
from django.urls import reverse
from PIL import Image as PillowImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Revision

from documents.demo import ensure_collection
from ec_site.media import public_image_name
from ec_site.settings.base import s3_media_storage
from operations.database import pg_dump_command, pg_restore_command, run
from operations.files import BackupError
from tests.factories.documents import DocumentFactory, media_files, pdf_bytes, upload
from tests.factories.home import SectionPageFactory
from tests.s3_servers import S3Server

BASE_DIR = Path(__file__).resolve().parent.parent
STATIC = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
TABLES = {
    "pages": "wagtailcore_page",
    "revisions": "wagtailcore_revision",
    "documents": "documents_customdocument",
    "images": "images_customimage",
}


@pytest.fixture
def s3_server():
    server = S3Server()
    server.server.start()
    yield server
    server.server.stop()


@pytest.fixture
def bucket(s3_server, monkeypatch):
    """A fresh bucket as the default storage, configured through the operator's variables."""
    name = s3_server.create_bucket(f"ec-media-{uuid.uuid4().hex[:8]}")
    for variable, value in s3_server.environment(name).items():
        monkeypatch.setenv(variable, value)
    with override_settings(STORAGES={"default": s3_media_storage(name), "staticfiles": STATIC}):
        yield name


@pytest.mark.s3
def test_health_names_a_bucket_that_does_not_answer(s3_server, monkeypatch, client, db):
    for variable, value in s3_server.environment("gibt-es-nicht").items():
        monkeypatch.setenv(variable, value)
    missing = {"default": s3_media_storage("gibt-es-nicht"), "staticfiles": STATIC}
    with override_settings(STORAGES=missing):
        report = client.get("/health/").json()
    assert report["status"] == "degraded"
    assert report["storage"] == "nicht erreichbar" and report["storage_type"] == "s3"


def png_bytes():
    output = io.BytesIO()
    PillowImage.new("RGB", (320, 200), (11, 79, 108)).save(output, "PNG")
    return output.getvalue()


def counts_here():
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "documents": get_document_model().objects.count(),
        "images": get_image_model().objects.count(),
    }


def counts_in(database_url):
    """The same counts read with plain SQL from another database."""
    if database_url.startswith("sqlite"):
        import sqlite3

        db = sqlite3.connect(database_url.removeprefix("sqlite:///"))
    else:
        import psycopg2

        db = psycopg2.connect(database_url)
    try:
        cursor = db.cursor()
        counts = {}
        for name, table in TABLES.items():
            cursor.execute(f"SELECT COUNT(*) FROM {table}")  # noqa: S608 - fixed names
            counts[name] = cursor.fetchone()[0]
        return counts
    finally:
        db.close()


@pytest.fixture
def fresh_database(tmp_path):
    """A database URL nobody uses: a new file on SQLite, on PostgreSQL a new database whose
    name starts with the test database's, created and dropped here."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'wiederhergestellt.sqlite3'}"
        return
    import psycopg2
    from psycopg2 import sql

    settings = connection.settings_dict
    name = f"ec_storage_restore_{uuid.uuid4().hex[:8]}"
    server = dict(
        host=settings["HOST"] or None,
        port=settings["PORT"] or None,
        user=settings["USER"] or None,
        password=settings["PASSWORD"] or None,
    )
    admin = psycopg2.connect(dbname="postgres", **server)
    admin.autocommit = True
    admin.cursor().execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    user = f"{settings['USER']}{':' + settings['PASSWORD'] if settings['PASSWORD'] else ''}@"
    yield f"postgres://{user}{settings['HOST']}:{settings['PORT']}/{name}"
    admin.cursor().execute(
        sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
    )
    admin.close()


def manage(*arguments, environment):
    """``manage.py`` in a process of its own, as an operator runs it."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "ec_site.settings.test", **environment}
    return subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )


@pytest.mark.s3
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_media_in_the_bucket_survive_backup_and_restore(
    s3_server, bucket, fresh_database, superuser_client, settings, tmp_path
):
    # Uploads: a document through the admin, an image and a second document by the models.
    collection = ensure_collection("Dokumentationen")
    pdf = pdf_bytes("Bilanzkonferenz", pages=2)
    response = superuser_client.post(
        reverse("wagtaildocs:add"),
        {"title": "Bilanz", "file": upload("bilanz.pdf", pdf), "collection": collection.pk},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    document = get_document_model().objects.get(title="Bilanz")
    assert document.page_count == 2  # read from the upload
    DocumentFactory(title="Programmtext", collection=collection)
    image = get_image_model().objects.create(
        title="Stadtteil", file=ImageFile(io.BytesIO(png_bytes()), name="stadtteil.png")
    )
    rendition = image.get_rendition("fill-100x80")
    SectionPageFactory(title="Programm")

    stored = s3_server.hashes(bucket)
    assert document.file.name in stored
    assert image.file.name in stored and rendition.file.name in stored
    assert media_files() == set()  # nothing on the local disk

    # The site serves both from the bucket, on its own address.
    download = superuser_client.get(f"/dokumente/{document.pk}/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == pdf
    part = superuser_client.get(f"/dokumente/{document.pk}/", HTTP_RANGE="bytes=0-99")
    assert part.status_code == 206
    assert b"".join(part.streaming_content) == pdf[:100]
    assert rendition.url.startswith("/media/images/")
    picture = superuser_client.get(rendition.url)
    assert picture.status_code == 200 and picture["Content-Type"] == "image/png"
    assert PillowImage.open(io.BytesIO(b"".join(picture.streaming_content))).size == (100, 80)
    assert superuser_client.get(f"/media/images/../{document.file.name}").status_code == 404

    health = superuser_client.get("/health/").json()
    assert health["storage"] == "ok" and health["storage_type"] == "s3"

    # Backup, then restore into a fresh database and a fresh bucket.
    backup = tmp_path / "sicherung"
    call_command("backup", str(backup), stdout=io.StringIO())
    manifest = json.loads((backup / "manifest.json").read_text())
    assert manifest["missing"] == []
    assert {name: entry["sha256"] for name, entry in manifest["files"].items()} == stored

    restored_bucket = s3_server.create_bucket(f"ec-restored-{uuid.uuid4().hex[:8]}")
    target = {
        **s3_server.environment(restored_bucket),
        "DATABASE_URL": fresh_database,
        "MEDIA_ROOT": str(tmp_path / "leer"),
    }
    restored = manage("restore", str(backup), environment=target)
    assert restored.returncode == 0, restored.stderr
    assert counts_in(fresh_database) == counts_here()
    assert s3_server.hashes(restored_bucket) == stored
    assert not (tmp_path / "leer").exists() or not any((tmp_path / "leer").iterdir())

    # A second restore finds a database that is no longer empty and changes nothing.
    again = manage("restore", str(backup), environment=target)
    assert again.returncode != 0
    assert "Die Zieldatenbank ist nicht leer" in again.stderr
    assert "Traceback" not in again.stderr


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_restore_refuses_a_damaged_backup_and_changes_nothing(tmp_path):
    DocumentFactory(title="Rückblick")
    backup = tmp_path / "sicherung"
    call_command("backup", str(backup), stdout=io.StringIO())
    manifest = json.loads((backup / "manifest.json").read_text())
    damaged = backup / "media" / next(iter(manifest["files"]))
    damaged.write_bytes(damaged.read_bytes() + b"x")
    with pytest.raises(CommandError, match="Die Sicherung ist beschädigt: 1 Datei"):
        call_command("restore", str(backup), "--force")
    assert get_document_model().objects.filter(title="Rückblick").exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_restore_refuses_a_database_that_is_not_empty(tmp_path):
    DocumentFactory(title="Rückblick")
    backup = tmp_path / "sicherung"
    call_command("backup", str(backup), stdout=io.StringIO())
    with pytest.raises(CommandError, match="Die Zieldatenbank ist nicht leer"):
        call_command("restore", str(backup))


def test_backup_refuses_a_folder_that_is_not_empty(tmp_path, db):
    (tmp_path / "alt.txt").write_text("alte Sicherung")
    with pytest.raises(CommandError, match="existiert bereits und ist nicht leer"):
        call_command("backup", str(tmp_path))


def test_restore_names_a_folder_without_backup(tmp_path, db):
    with pytest.raises(CommandError, match="keine Sicherung"):
        call_command("restore", str(tmp_path))


@pytest.mark.parametrize(
    ("path", "name"),
    [
        ("dokument.fill-100x80.png", "images/dokument.fill-100x80.png"),
        ("a/b.png", "images/a/b.png"),
        ("../documents/geheim.pdf", None),
        ("a/../../documents/geheim.pdf", None),
        ("./b.png", None),
        ("a//b.png", None),
        ("a\\..\\b.png", None),
    ],
)
def test_only_renditions_are_public(path, name):
    assert public_image_name(path) == name


def test_rendition_images_come_from_local_media_too(db, settings):
    image = get_image_model().objects.create(
        title="Stadtteil", file=ImageFile(io.BytesIO(png_bytes()), name="stadtteil.png")
    )
    rendition = image.get_rendition("width-50")
    from django.test import Client

    response = Client().get(rendition.url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=3600"
    assert Client().get("/media/images/fehlt.png").status_code == 404
    (Path(settings.MEDIA_ROOT) / "images" / "ordner").mkdir()
    assert Client().get("/media/images/ordner").status_code == 404
    assert Client().get(f"/media/{image.file.name}").status_code == 404  # originals stay off


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_restore_with_force_brings_back_what_was_deleted(tmp_path):
    document = DocumentFactory(title="Rückblick")
    name = document.file.name
    with document.file.open("rb") as file:
        content = file.read()
    backup = tmp_path / "sicherung"
    call_command("backup", str(backup), stdout=io.StringIO())
    document.file.delete(save=False)
    document.delete()

    output = io.StringIO()
    call_command("restore", str(backup), "--force", stdout=output)
    assert "Wiederhergestellt" in output.getvalue()
    restored = get_document_model().objects.get(title="Rückblick")
    assert restored.file.name == name
    with restored.file.open("rb") as file:
        assert file.read() == content


def test_postgresql_programs_get_the_connection_of_the_settings():
    database = {"NAME": "ec", "HOST": "db.intern", "PORT": 5433, "USER": "ec", "PASSWORD": "x"}
    dump = pg_dump_command(database, "/srv/sicherung/database.dump", "00000003-1")
    assert dump[:4] == ["pg_dump", "--host=db.intern", "--port=5433", "--username=ec"]
    assert "--snapshot=00000003-1" in dump and dump[-1] == "--dbname=ec"
    assert "--clean" not in pg_restore_command(database, "d.dump")
    forced = pg_restore_command({"NAME": "ec"}, "d.dump", force=True)
    assert forced[:2] == ["pg_restore", "--no-owner"] and "--clean" in forced
    assert forced[-2:] == ["--dbname=ec", "d.dump"]


def test_a_missing_or_failing_program_is_a_german_message():
    with pytest.raises(BackupError, match="Das Programm „pg_dump_fehlt“ fehlt"):
        run(["pg_dump_fehlt"])
    with pytest.raises(BackupError, match="ls ist gescheitert: .*gibt-es-nicht"):
        run(["ls", "/gibt-es-nicht"], password="geheim")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_restore_refuses_a_backup_of_another_kind_of_database(tmp_path):
    backup = tmp_path / "sicherung"
    call_command("backup", str(backup), stdout=io.StringIO())
    manifest = json.loads((backup / "manifest.json").read_text())
    manifest["database"]["vendor"] = "oracle"
    (backup / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(CommandError, match="Die Sicherung stammt aus einer Datenbank „oracle“"):
        call_command("restore", str(backup), "--force")
