"""Newsletter sending: mails per second and the worker's memory at growing list sizes.

    .venv/bin/python bench/newsletter_send.py                    # 1,000 and 10,000 subscribers
    .venv/bin/python bench/newsletter_send.py --counts 500,5000
    DATABASE_URL=postgres://… .venv/bin/python bench/newsletter_send.py   # on PostgreSQL

Creates a throwaway database (test settings; ``test_<name>`` on the server of
``DATABASE_URL``, SQLite otherwise), confirmed subscribers and one issue, starts a local
SMTP sink in its own process (aiosmtpd's ``Sink`` handler, which discards every mail),
and sends the issue with ``newsletter.sending`` as the worker does (batches, one SMTP
connection per batch, no rate limit). Prints a Markdown row per list size: mails per
second, the tracemalloc peak and the growth of the peak RSS while sending. Memory must
stay flat as the list grows; the script exits 1 if the peak of the largest list is more
than 1.5 times that of the smallest. Not part of the tests; ``make bench`` runs it.
"""

import argparse
import os
import resource
import socket
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ec_site.settings.test")


def peak_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_sink(port):
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "aiosmtpd",
            "-n",
            "-l",
            f"127.0.0.1:{port}",
            "-c",
            "aiosmtpd.handlers.Sink",
        ],
    )
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return process
        except OSError:
            time.sleep(0.1)
    process.kill()
    sys.exit("SMTP sink did not start")


def make_issue(number):
    from home.models import HomePage
    from newsletter.models import NewsletterIndexPage, NewsletterIssuePage

    home = HomePage.objects.get()
    index = NewsletterIndexPage.objects.first()
    if index is None:
        index = NewsletterIndexPage(title="Newsletter", slug="newsletter")
        home.add_child(instance=index)
    issue = NewsletterIssuePage(
        title=f"Benchmark-Ausgabe {number}",
        slug=f"benchmark-{number}",
        intro="Eine Ausgabe für den Benchmark.",
        body=[
            {"type": "heading", "value": {"text": "Aus der Regiestelle", "level": "h2"}},
            {"type": "paragraph", "value": "<p>" + "Ein Absatz mit Text. " * 40 + "</p>"},
        ],
    )
    index.add_child(instance=issue)
    issue.save_revision().publish()
    return issue


def measure(count, number):
    from django.utils import timezone

    from newsletter import sending
    from newsletter.models import Subscriber

    Subscriber.objects.all().delete()
    now = timezone.now()
    Subscriber.objects.bulk_create(
        (
            Subscriber(
                email=f"leser{n}@example.org",
                status=Subscriber.Status.CONFIRMED,
                confirmed_at=now,
            )
            for n in range(count)
        ),
        batch_size=2000,
    )
    started = sending.start(make_issue(number))
    rss_before = peak_rss_mb()
    tracemalloc.start()
    began = time.monotonic()
    counts = sending.run(started.pk)
    seconds = time.monotonic() - began
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    sent = counts[sending.Status.SENT]
    assert sent == count, counts
    return {
        "count": count,
        "rate": sent / seconds,
        "peak_kb": peak / 1024,
        "rss_growth": peak_rss_mb() - rss_before,
        "seconds": seconds,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--counts", default="1000,10000", help="Listengrößen, kommagetrennt")
    args = parser.parse_args()
    counts = [int(value) for value in args.counts.split(",")]

    import django

    django.setup()
    from django.conf import settings
    from django.test.utils import get_runner, override_settings, setup_test_environment

    setup_test_environment()
    runner = get_runner(settings)(verbosity=0, interactive=False)
    old_config = runner.setup_databases()
    port = free_port()
    sink = start_sink(port)
    try:
        smtp = {
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": port,
            "NEWSLETTER_MAILS_PER_MINUTE": 0,
            "NEWSLETTER_BATCH_SIZE": 200,
        }
        with override_settings(**smtp):
            rows = [measure(count, number) for number, count in enumerate(counts)]
    finally:
        sink.terminate()
        sink.wait(10)
        runner.teardown_databases(old_config)

    print(
        "\n| Newsletter-Versand | Abonnent*innen | Mails/s | s | tracemalloc-Spitze KB "
        "| RSS-Zuwachs MB |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for row in rows:
        print(
            f"| an SMTP-Senke | {row['count']} | {row['rate']:.0f} | {row['seconds']:.1f} | "
            f"{row['peak_kb']:.0f} | {row['rss_growth']:.1f} |"
        )
    flat = rows[-1]["peak_kb"] <= 1.5 * rows[0]["peak_kb"]
    print("\nErgebnis: Speicher bleibt flach." if flat else "\nErgebnis: SPEICHER WÄCHST!")
    return 0 if flat else 1


if __name__ == "__main__":
    sys.exit(main())
