#!/usr/bin/env python
"""Benchmark harness: `make bench`.

Builds a realistic volume on a fresh PostgreSQL database, serves the site with gunicorn
(production settings, DEBUG off, 2 sync workers), drives it with wrk (8 connections) on
127.0.0.1 in three modes: "cold" (page cache and fragment cache off: every listing body
and route built on each request, as bakerydemo does), "uncached" (page cache off,
listing fragments and routed pages cached) and "cached" (the anonymous page cache on).
It measures each page right after a publish (every cache renewed) and prints one
Markdown table. A static file served by whitenoise through the same gunicorn is the
yardstick; with BENCH_BAKERYDEMO (a bakerydemo checkout, bench/anchor.py) the cold mode
is also set against bakerydemo's pages measured in the same run. Bounded in time; drops
its database and temporary folders at the end.

Environment: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/ec_bench),
BENCH_DURATION (seconds per URL, mode and round, default 3), BENCH_ROUNDS (default 3),
BENCH_PORT (default 8199), BENCH_SMALL=1 for a quick run with a tenth of the volume."""

import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

BASE_DIR = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/ec_bench")
DURATION = int(os.environ.get("BENCH_DURATION", "3"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
PORT = int(os.environ.get("BENCH_PORT", "8199"))
CONNECTIONS = 8
THREADS = 2


def log(message):
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def database_admin(sql, url=None):
    """``sql`` on the maintenance database of the server of ``url`` (default: the bench's)."""
    import psycopg2

    parts = urlparse(url or DATABASE_URL)
    connection = psycopg2.connect(
        host=parts.hostname,
        port=parts.port or 5432,
        user=parts.username or "postgres",
        password=parts.password or None,
        dbname="postgres",
    )
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(sql)
    connection.close()


def database_name():
    return urlparse(DATABASE_URL).path.lstrip("/")


MODES = {
    # mode: (page cache, fragment cache)
    "cold": (False, False),
    "uncached": (False, True),
    "cached": (True, True),
}


def environment(tmp, page_cache, fragments=True):
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="ec_site.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        DATABASE_URL=DATABASE_URL,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="0",
        SECURE_PROXY_SSL_HEADER="0",
        SECURE_HSTS_SECONDS="0",
        MEDIA_ROOT=str(tmp / "media"),
        STATIC_ROOT=str(tmp / "static"),
        PAGE_CACHE_ENABLED="1" if page_cache else "0",
        FRAGMENT_CACHE_ENABLED="1" if fragments else "0",
        LOG_LEVEL="ERROR",
        EC_VAR_DIR=str(tmp),
    )
    if os.environ.get("BENCH_REDIS_URL"):
        env["REDIS_URL"] = os.environ["BENCH_REDIS_URL"]
    else:
        env.pop("REDIS_URL", None)
    return env


def manage(env, *args):
    subprocess.run([PYTHON, "manage.py", *args], cwd=BASE_DIR, env=env, check=True)


GUNICORN_CONFIG = BASE_DIR / "deploy" / "gunicorn.conf.py"


def start_gunicorn(env):
    """gunicorn with the production config file, 2 workers (the numbers in bench/README.md)."""
    process = subprocess.Popen(
        [
            str(Path(PYTHON).with_name("gunicorn")),
            "--config",
            str(GUNICORN_CONFIG),
            "--access-logfile",
            "/dev/null",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--log-level",
            "warning",
        ],
        cwd=BASE_DIR,
        env=env,
        start_new_session=True,
    )
    return wait_for(f"http://127.0.0.1:{PORT}/health/", process, "gunicorn")


def wait_for(url, process, name, timeout=60):
    """``process`` once ``url`` answers; stopped and an error after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=5)
            return process
        except OSError:
            time.sleep(0.5)
    stop(process)
    raise RuntimeError(f"{name} did not start")


def stop(process):
    if process and process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def parse_duration_ms(text):
    value, unit = re.match(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def wrk(url, duration):
    result = subprocess.run(
        ["wrk", f"-t{THREADS}", f"-c{CONNECTIONS}", f"-d{duration}s", "--latency", url],
        capture_output=True,
        text=True,
        timeout=duration + 60,
    )
    out = result.stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50 = parse_duration_ms(re.search(r"\s50%\s+(\S+)", out).group(1))
    p99 = parse_duration_ms(re.search(r"\s99%\s+(\S+)", out).group(1))
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    return {"rate": rate, "p50": p50, "p99": p99, "errors": int(non_2xx.group(1)) if non_2xx else 0}


def measure_all(pages, mode):
    """Every URL ``ROUNDS`` times, round-robin, after a one-second warm-up each; the
    run with the median rate per URL. On shared cores a busy neighbour slows whatever
    runs at that moment: taking turns spreads that over all URLs, the median drops it."""
    runs = {label: [] for label, *_ in pages}
    for _label, path, *_ in pages:
        wrk(f"http://127.0.0.1:{PORT}{path}", 1)
    for round_number in range(1, ROUNDS + 1):
        log(f"{mode}: round {round_number} of {ROUNDS}")
        for label, path, *_ in pages:
            runs[label].append(wrk(f"http://127.0.0.1:{PORT}{path}", DURATION))
    return {
        label: sorted(measured, key=lambda run: run["rate"])[len(measured) // 2]
        for label, measured in runs.items()
    }


STATIC_LABEL = "Statische Datei (whitenoise)"
HEADER = [
    "page",
    "SQL queries uncached / cold / after a publish",
    "bytes",
    "ms after a publish",
    *[f"{column} {mode}" for mode in MODES for column in ("req/s", "p50 ms", "p99 ms")],
    "uncached / static",
    "cached / static",
]

# Which bakerydemo page each page type is set against (bench/anchor.py).
ANCHOR_OF = {
    "Startseite": "home",
    "Rubrikseite": "blog_post",
    "Rückblick": "blog_index",
    "Ankündigungen": "blog_index",
    "Veranstaltungsseite": "blog_post",
    "Gebietslisten": "blog_index",
    "Land-Seite": "blog_index",
    "Gebietsseite": "blog_post",
    "Suche": "search",
}


PDF_LABEL = "PDF-Download"


def measure_behind_nginx(tmp, pages):
    """The PDF download handed to nginx (X-Accel-Redirect, deploy/nginx/ec-site.conf) against
    a static file nginx sends itself: how far downloads are off the workers."""
    sys.path.insert(0, str(BASE_DIR))
    from bench.nginx import ACCEL_PREFIX, LocalNginx, installed

    if not installed():
        log("nginx is missing (make nginx-deps): no download rows behind nginx")
        return {}
    paths = {label: path for label, path, *_ in pages}
    env = environment(tmp, page_cache=False)
    env["DOCUMENTS_ACCEL_REDIRECT_PREFIX"] = ACCEL_PREFIX
    process = start_gunicorn(env)
    nginx = LocalNginx(tmp / "nginx", [PORT], tmp, PORT + 1, PORT + 2).start()
    try:
        time.sleep(1)
        base = f"https://127.0.0.1:{PORT + 2}"
        log("downloads behind nginx")
        return {
            "PDF über nginx (X-Accel-Redirect)": wrk(base + paths[PDF_LABEL], DURATION),
            "Statische Datei (nginx)": wrk(base + paths[STATIC_LABEL], DURATION),
        }
    finally:
        nginx.stop()
        stop(process)


def print_download_table(results, behind_nginx):
    if not behind_nginx:
        return
    static = behind_nginx["Statische Datei (nginx)"]["rate"]
    rows = {
        "PDF über gunicorn (der Worker streamt)": results[(PDF_LABEL, "uncached")],
        **behind_nginx,
    }
    print("\nDownloads off the workers (one gunicorn, 2 workers, behind nginx with TLS):\n")
    print(table_row(["download", "req/s", "p50 ms", "p99 ms", "/ static (nginx)"]))
    print(table_row(["---", "---:", "---:", "---:", "---:"]))
    for label, run in rows.items():
        cells = [f"{run['rate']:.0f}", f"{run['p50']:.1f}", f"{run['p99']:.1f}"]
        print(table_row([label, *cells, f"{run['rate'] / static:.3f}"]))


def print_page_table(pages, results, after_publish_ms):
    # Each mode against the static file measured in the same server run.
    static = {mode: results[(STATIC_LABEL, mode)]["rate"] for mode in MODES}
    print(table_row(HEADER))
    print(table_row(["---"] + ["---:"] * (len(HEADER) - 1)))
    for label, _path, queries, size in pages:
        runs = [results[(label, mode)] for mode in MODES]
        errors = " (errors!)" if any(run["errors"] for run in runs) else ""
        measured = [
            f"{run[key]:.{0 if key == 'rate' else 1}f}"
            for run in runs
            for key in ("rate", "p50", "p99")
        ]
        ratios = [
            f"{results[(label, mode)]['rate'] / static[mode]:.2f}"
            for mode in ("uncached", "cached")
        ]
        cells = [f"{label}{errors}", queries, size, f"{after_publish_ms[label]:.1f}"]
        print(table_row([*cells, *measured, *ratios]))


def measure_anchor_if_asked():
    """bakerydemo's pages in the same run (BENCH_BAKERYDEMO names a checkout), or None."""
    if not os.environ.get("BENCH_BAKERYDEMO"):
        log("BENCH_BAKERYDEMO is not set: no bakerydemo anchor in this run")
        return None
    sys.path.insert(0, str(BASE_DIR))
    from bench.anchor import measure_anchor

    return measure_anchor(DURATION, ROUNDS)


def print_anchor_table(pages, results, anchor):
    if not anchor:
        return
    print("\nCold mode (page and fragment cache off) against bakerydemo in the same run:\n")
    print(table_row(["page", "req/s cold", "bakerydemo page", "req/s bakerydemo", "× bakerydemo"]))
    print(table_row(["---", "---:", "---", "---:", "---:"]))
    for label, *_ in pages:
        if label not in ANCHOR_OF:
            continue
        ours = results[(label, "cold")]["rate"]
        theirs = anchor[ANCHOR_OF[label]]["rate"]
        row = [label, f"{ours:.0f}", ANCHOR_OF[label], f"{theirs:.0f}", f"{ours / theirs:.1f}"]
        print(table_row(row))


def table_row(cells):
    return "| " + " | ".join(str(cell) for cell in cells) + " |"


def main():
    if shutil.which("wrk") is None:
        sys.exit("wrk is missing: apt-get install -y wrk (make bench does this)")
    tmp = Path(tempfile.mkdtemp(prefix="ec-bench-"))
    name = database_name()
    started = time.monotonic()
    process = None
    try:
        database_admin(f'DROP DATABASE IF EXISTS "{name}"')
        database_admin(f'CREATE DATABASE "{name}"')
        env = environment(tmp, page_cache=False)
        log("migrate")
        manage(env, "migrate", "--noinput", "-v", "0")
        manage(env, "collectstatic", "--noinput", "-v", "0")
        log("build volume")
        subprocess.run(
            [PYTHON, "bench/volume.py", str(tmp / "pages.tsv")], cwd=BASE_DIR, env=env, check=True
        )
        pages = [line.split("\t") for line in (tmp / "pages.tsv").read_text().splitlines()]

        results = {}
        after_publish_ms = {}
        for mode, (page_cache, fragments) in MODES.items():
            env = environment(tmp, page_cache, fragments)
            process = start_gunicorn(env)
            try:
                for label, run in measure_all(pages, mode).items():
                    results[(label, mode)] = run
                if mode == "uncached":
                    log("after a publish: each page with every cache renewed")
                    cold_file = tmp / "cold.json"
                    subprocess.run(
                        [PYTHON, "bench/cold.py", str(PORT), str(tmp / "pages.tsv"), cold_file],
                        cwd=BASE_DIR,
                        env=env,
                        check=True,
                    )
                    after_publish_ms = json.loads(cold_file.read_text())
            finally:
                stop(process)
                process = None
            if mode == "cold":
                # Right after our cold run, so that both meet the same load on shared cores.
                anchor = measure_anchor_if_asked()

        behind_nginx = measure_behind_nginx(tmp, pages)

        elapsed = time.monotonic() - started
        print(
            f"\n{len(pages)} URLs, wrk {THREADS} threads / {CONNECTIONS} connections, "
            f"median of {ROUNDS} runs of {DURATION} s each, gunicorn 2 sync workers, PostgreSQL; "
            f"run took {elapsed:.0f} s.\n"
        )
        print_page_table(pages, results, after_publish_ms)
        print_anchor_table(pages, results, anchor)
        print_download_table(results, behind_nginx)
    finally:
        stop(process)
        try:
            database_admin(f'DROP DATABASE IF EXISTS "{name}"')
        except Exception as error:  # noqa: BLE001
            log(f"could not drop {name}: {error}")
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
