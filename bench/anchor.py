#!/usr/bin/env python
"""Same-machine anchor for `make bench`: Wagtail's bakerydemo, measured like our pages.

Issue 18 asks for at least 3x bakerydemo's requests/s per page type with our page and
fragment caches off, side by side on one machine. With ``BENCH_BAKERYDEMO`` naming a
bakerydemo checkout (`git clone https://github.com/wagtail/bakerydemo`), this module
installs bakerydemo's own requirements into ``$BENCH_BAKERYDEMO/.venv-bench`` (reused
while its requirements files and Python stay the same), loads its demo data into a
fresh PostgreSQL database, serves it with gunicorn (2 sync workers, its production
settings, DEBUG off) and measures home, blog index, one blog post and a search with
``wrk -t2 -c8`` the way bench/run.py does: a 1 s warm-up per URL, then ``rounds`` rounds
taking turns, the run with the median rate per URL. Without the variable it returns None.

Fairness: bakerydemo's production settings run without Redis here (REDIS_URL unset: its
own fallback, Django's local-memory cache; bakerydemo caches no whole pages), without
Elasticsearch (its database search backend) and without the HTTPS redirect and HSTS.
Its one template fragment cache, ``{% wagtailcache %}`` around the blog index's post
list, is switched off with a dummy ``template_fragments`` cache, as our fragments are
off in the comparison. Media and collected static files go to a temporary folder.

Environment: BENCH_BAKERYDEMO (the checkout), BENCH_BAKERYDEMO_PYTHON (interpreter for
its virtualenv; default: the version in its .python-version, e.g. python3.12, as its
Django needs it), BENCH_ANCHOR_DATABASE_URL (default
postgres://postgres@127.0.0.1:5432/ec_bench_anchor), BENCH_DURATION and BENCH_ROUNDS
for the command line (default 3 and 3, as bench/run.py)."""

import hashlib
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

BASE_DIR = Path(__file__).resolve().parent.parent
DATABASE_URL = os.environ.get(
    "BENCH_ANCHOR_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/ec_bench_anchor"
)
VENV_NAME = ".venv-bench"
EXTRA_PACKAGES = ["gunicorn"]

# Our page types against bakerydemo's (issue 18): start page / home, Rückblick listing /
# blog index, event and area page / blog post, search / search with hits.
PAGES = [
    ("home", "/"),
    ("blog_index", "/blog/"),
    ("blog_post", "/blog/wild-yeast/"),
    ("search", "/search/?q=bread"),
]

SETTINGS = '''"""bakerydemo's production settings for the bench anchor (bench/anchor.py)."""
import os

from bakerydemo.settings.production import *  # noqa: F403

# The blog index wraps its post list in {% wagtailcache %} (a template fragment cache);
# a dummy "template_fragments" cache switches that off, as our fragments are off in the
# comparison. The default cache stays bakerydemo's own fallback (local memory).
CACHES = {
    **CACHES,  # noqa: F405
    "template_fragments": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
}
MEDIA_ROOT = os.environ["ANCHOR_MEDIA_ROOT"]
STATIC_ROOT = os.environ["ANCHOR_STATIC_ROOT"]
'''

COUNT_QUERIES = """import json, sys
import django

django.setup()
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

client = Client()
counts = {}
for label, path in json.loads(sys.argv[1]):
    client.get(path)  # warm: site root paths, renditions
    with CaptureQueriesContext(connection) as queries:
        status = client.get(path).status_code
    counts[label] = len(queries) if status == 200 else None
print(json.dumps(counts))
"""


def log(message):
    print(f"[anchor] {message}", file=sys.stderr, flush=True)


def requirement_files(checkout):
    files = [checkout / "requirements.txt"]
    files += sorted((checkout / "requirements").glob("*.txt"))
    return [path for path in files if path.is_file()]


def find_python(checkout):
    """An interpreter for bakerydemo: its .python-version asks for a newer Python than
    ours (its Django 6.0 needs 3.12); run in the checkout, so pyenv honours that file."""
    wanted = ""
    version_file = checkout / ".python-version"
    if version_file.is_file():
        wanted = ".".join(version_file.read_text().split()[0].split(".")[:2])
    candidates = [os.environ.get("BENCH_BAKERYDEMO_PYTHON"), f"python{wanted}" if wanted else None]
    candidates += ["python3", sys.executable]
    for candidate in filter(None, candidates):
        try:
            out = subprocess.run(
                [candidate, "-c", "import sys; print(sys.executable, *sys.version_info[:2])"],
                cwd=checkout,
                capture_output=True,
                text=True,
                timeout=30,
            )
        except OSError:
            continue
        if out.returncode:
            continue
        executable, major, minor = out.stdout.split()
        if not wanted or (int(major), int(minor)) >= tuple(int(p) for p in wanted.split(".")):
            return executable, f"{major}.{minor}"
    raise RuntimeError(f"no Python {wanted} for bakerydemo (set BENCH_BAKERYDEMO_PYTHON)")


def ensure_venv(checkout):
    """bakerydemo's requirements (and gunicorn) in their own virtualenv, rebuilt only when
    a requirements file or the interpreter changes."""
    python, version = find_python(checkout)
    digest = hashlib.sha256(f"{version} {' '.join(EXTRA_PACKAGES)}".encode())
    for path in requirement_files(checkout):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    key = digest.hexdigest()
    venv = checkout / VENV_NAME
    stamp = venv / ".requirements-sha256"
    if stamp.is_file() and stamp.read_text().strip() == key:
        log(f"reusing {venv} (Python {version})")
        return venv
    log(f"installing bakerydemo's requirements into {venv} (Python {version}, a few minutes)")
    shutil.rmtree(venv, ignore_errors=True)
    subprocess.run([python, "-m", "venv", str(venv)], check=True)
    pip_log = venv / "pip.log"
    with pip_log.open("w") as out:
        result = subprocess.run(
            [str(venv / "bin" / "python"), "-m", "pip", "install", "-r", "requirements.txt"]
            + EXTRA_PACKAGES,
            cwd=checkout,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    if result.returncode:
        tail = "\n".join(pip_log.read_text().splitlines()[-15:])
        raise RuntimeError(f"pip install failed (full log: {pip_log}):\n{tail}")
    stamp.write_text(key + "\n")
    return venv


def load():
    """The 1-minute load average: on 2 shared cores a neighbour's job shows here."""
    return f"{os.getloadavg()[0]:.1f}"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def environment(tmp):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("REDIS", "ELASTICSEARCH", "AWS_", "GS_", "CSP_", "FRONTEND_CACHE"))
        and key not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE", "PYTHONPATH", "VIRTUAL_ENV")
    }
    env.update(
        PYTHONPATH=str(tmp),
        DJANGO_SETTINGS_MODULE="ec_anchor_settings",
        DATABASE_URL=DATABASE_URL,
        DJANGO_SECRET_KEY=hashlib.sha256(os.urandom(32)).hexdigest(),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        SECURE_SSL_REDIRECT="false",
        SECURE_HSTS_SECONDS="0",
        DJANGO_LOG_LEVEL="WARNING",
        ANCHOR_MEDIA_ROOT=str(tmp / "media"),
        ANCHOR_STATIC_ROOT=str(tmp / "static"),
    )
    return env


def start_gunicorn(venv, checkout, env, port):
    from bench.run import wait_for

    process = subprocess.Popen(
        [
            str(venv / "bin" / "gunicorn"),
            "bakerydemo.wsgi:application",
            "--workers",
            "2",
            "--worker-class",
            "sync",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=checkout,
        env=env,
        start_new_session=True,
    )
    return wait_for(f"http://127.0.0.1:{port}/", process, "bakerydemo's gunicorn")


def run_anchor(checkout, duration, rounds):
    sys.path.insert(0, str(BASE_DIR))
    from bench.run import database_admin, stop, wrk

    venv = ensure_venv(checkout)
    python = str(venv / "bin" / "python")
    tmp = Path(tempfile.mkdtemp(prefix="ec-anchor-"))
    name = urlparse(DATABASE_URL).path.lstrip("/")
    process = None
    try:
        (tmp / "ec_anchor_settings.py").write_text(SETTINGS)
        env = environment(tmp)
        database_admin(f'DROP DATABASE IF EXISTS "{name}"', DATABASE_URL)
        database_admin(f'CREATE DATABASE "{name}"', DATABASE_URL)
        log("bakerydemo: migrate, load_initial_data, collectstatic")
        for command in (
            ["migrate", "--noinput", "-v", "0"],
            ["load_initial_data"],
            ["collectstatic", "--noinput", "-v", "0"],
        ):
            subprocess.run(
                [python, "manage.py", *command],
                cwd=checkout,
                env=env,
                check=True,
                stdout=subprocess.DEVNULL,
            )
        counted = subprocess.run(
            [python, "-c", COUNT_QUERIES, json.dumps(PAGES)],
            cwd=checkout,
            env=env,
            capture_output=True,
            text=True,
        )
        queries = json.loads(counted.stdout.splitlines()[-1]) if counted.returncode == 0 else {}
        if counted.returncode:
            log(f"query count failed: {counted.stderr.strip().splitlines()[-1:]}")

        port = free_port()
        process = start_gunicorn(venv, checkout, env, port)
        base = f"http://127.0.0.1:{port}"
        for _label, path in PAGES:
            with urllib.request.urlopen(base + path, timeout=30) as response:
                if response.status != 200:
                    raise RuntimeError(f"{path} answered {response.status}")
            wrk(base + path, 1)
        runs = {label: [] for label, _path in PAGES}
        for round_number in range(1, rounds + 1):
            log(f"bakerydemo: round {round_number} of {rounds} (load {load()})")
            for label, path in PAGES:
                runs[label].append(wrk(base + path, duration))
        results = {}
        for label, measured in runs.items():
            median = sorted(measured, key=lambda run: run["rate"])[len(measured) // 2]
            results[label] = {
                "rate": median["rate"],
                "p50": median["p50"],
                "p99": median["p99"],
                "errors": median["errors"],
                "queries": queries.get(label),
            }
        log(f"bakerydemo: measured (load {load()})")
        return results
    finally:
        stop(process)
        try:
            database_admin(f'DROP DATABASE IF EXISTS "{name}"', DATABASE_URL)
        except Exception as error:  # noqa: BLE001
            log(f"could not drop {name}: {error}")
        shutil.rmtree(tmp, ignore_errors=True)


def measure_anchor(duration: int, rounds: int) -> dict | None:
    """bakerydemo's home, blog index, blog post and search: {label: {rate, p50, p99,
    errors, queries}}, or None (logged) without BENCH_BAKERYDEMO or when it fails."""
    checkout = os.environ.get("BENCH_BAKERYDEMO")
    if not checkout:
        log("BENCH_BAKERYDEMO is not set: no bakerydemo anchor")
        return None
    checkout = Path(checkout).resolve()
    if not (checkout / "manage.py").is_file() or not (checkout / "requirements.txt").is_file():
        log(f"BENCH_BAKERYDEMO={checkout} is not a bakerydemo checkout: no anchor")
        return None
    if shutil.which("wrk") is None:
        log("wrk is missing (apt-get install -y wrk): no bakerydemo anchor")
        return None
    started = time.monotonic()
    try:
        results = run_anchor(checkout, duration, rounds)
    except Exception as error:  # noqa: BLE001
        log(f"bakerydemo anchor failed: {error}")
        return None
    log(f"bakerydemo anchor took {time.monotonic() - started:.0f} s")
    return results


LABELS = {
    "home": "home `/`",
    "blog_index": "blog index `/blog/`",
    "blog_post": "blog post `/blog/wild-yeast/`",
    "search": "search `/search/?q=bread`",
}


def print_table(results, duration, rounds):
    print(
        f"\nbakerydemo on this machine: wrk 2 threads / 8 connections, median of {rounds} runs "
        f"of {duration} s each, gunicorn 2 sync workers, PostgreSQL, no fragment cache.\n"
    )
    print("| bakerydemo page | SQL queries | req/s | p50 ms | p99 ms |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for label, run in results.items():
        errors = " (errors!)" if run["errors"] else ""
        queries = "?" if run["queries"] is None else run["queries"]
        print(
            f"| {LABELS[label]}{errors} | {queries} | {run['rate']:.0f} | "
            f"{run['p50']:.1f} | {run['p99']:.1f} |"
        )


def main():
    duration = int(os.environ.get("BENCH_DURATION", "3"))
    rounds = int(os.environ.get("BENCH_ROUNDS", "3"))
    results = measure_anchor(duration, rounds)
    if results is None:
        sys.exit(1)
    print_table(results, duration, rounds)


if __name__ == "__main__":
    main()
