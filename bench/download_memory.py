"""Memory use of a large document download through the serve view.

    .venv/bin/python bench/download_memory.py            # 200 MB
    .venv/bin/python bench/download_memory.py --mb 500

Creates a throwaway database and media folder (test settings), writes a document file
of the given size, downloads it through ``/dokumente/<id>/`` with Django's test client
(full download, then a Range request for the last 10 MB) and reports how much memory
the process needed: the tracemalloc peak of Python allocations while streaming and the
growth of the peak RSS. Streaming keeps both at a few hundred KB however big the file;
a view that read the file into memory would need its full size. Not part of the tests.
"""

import argparse
import hashlib
import os
import resource
import shutil
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ec_site.settings.test")
os.environ.pop("DATABASE_URL", None)  # always the throwaway SQLite database

CHUNK = 1024 * 1024


def peak_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def write_big_pdf(path, size):
    """A file that starts and ends like a PDF; the middle is filler."""
    sha1 = hashlib.sha1()
    head, tail = b"%PDF-1.4\n%", b"\n%%EOF\n"
    with open(path, "wb") as file:
        for data in (head,):
            file.write(data)
            sha1.update(data)
        remaining = size - len(head) - len(tail)
        block = b"0" * CHUNK
        while remaining > 0:
            data = block[: min(CHUNK, remaining)]
            file.write(data)
            sha1.update(data)
            remaining -= len(data)
        file.write(tail)
        sha1.update(tail)
    return sha1.hexdigest()


def measure(client, url, headers=None):
    tracemalloc.start()
    started = time.monotonic()
    response = client.get(url, headers=headers or {})
    received = 0
    for chunk in response.streaming_content:
        received += len(chunk)
    response.close()
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return response, received, peak, time.monotonic() - started


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=int, default=200, help="Dateigröße in MB (Standard: 200)")
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.test.utils import get_runner, setup_test_environment

    setup_test_environment()
    runner = get_runner(settings)(verbosity=0, interactive=False)
    old_config = runner.setup_databases()
    try:
        from django.test import Client
        from wagtail.documents import get_document_model

        Document = get_document_model()
        size = args.mb * 1024 * 1024
        folder = Path(settings.MEDIA_ROOT) / "documents"
        folder.mkdir(parents=True, exist_ok=True)
        file_hash = write_big_pdf(folder / "gross.pdf", size)
        document = Document.objects.create(
            title="Große Dokumentation",
            file="documents/gross.pdf",
            file_size=size,
            file_hash=file_hash,
        )
        client = Client()
        rss_before = peak_rss_mb()

        response, received, peak, seconds = measure(client, document.url)
        assert response.status_code == 200 and received == size, (response, received)
        print(f"Datei: {size / 1024 / 1024:.0f} MB, Status {response.status_code}")
        print(f"  empfangen: {received / 1024 / 1024:.0f} MB in {seconds:.1f} s")
        print(f"  tracemalloc-Spitze beim Streamen: {peak / 1024:.0f} KB")

        last = 10 * 1024 * 1024
        response, received, peak, _seconds = measure(
            client, document.url, {"range": f"bytes=-{last}"}
        )
        assert response.status_code == 206 and received == last, (response, received)
        print(f"Range-Anfrage (letzte 10 MB): Status {response.status_code}")
        print(f"  tracemalloc-Spitze: {peak / 1024:.0f} KB")

        growth = peak_rss_mb() - rss_before
        print(f"Wachstum des RSS-Spitzenwerts während beider Downloads: {growth:.1f} MB")
        print("Ergebnis: Speicher bleibt flach." if growth < 50 else "Ergebnis: ZU VIEL SPEICHER!")
        return 0 if growth < 50 else 1
    finally:
        runner.teardown_databases(old_config)
        shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
