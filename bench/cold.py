#!/usr/bin/env python
"""Latency of each page right after a publish: the content version is renewed before
every request, so the page, its fragments, navigation and route are all built anew
(the worst case a visitor meets). Median of ``ROUNDS`` requests per URL, one at a time.

Run by bench/run.py against its gunicorn (page cache off); writes JSON {label: ms}."""

import json
import os
import statistics
import sys
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ec_site.settings.production")

import django  # noqa: E402

django.setup()

from ec_site.content_version import renew_content_version  # noqa: E402

ROUNDS = 7


def main(port, pages_file, out):
    latencies = {}
    for line in Path(pages_file).read_text().splitlines():
        label, path, *_ = line.split("\t")
        times = []
        for _ in range(ROUNDS):
            renew_content_version()
            started = time.perf_counter()
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=30) as response:
                response.read()
            times.append((time.perf_counter() - started) * 1000)
        latencies[label] = statistics.median(times)
    Path(out).write_text(json.dumps(latencies))


if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2], sys.argv[3])
