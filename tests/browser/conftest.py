"""Fixtures of the real-browser suite: a live server with the demo content, Debian's
Chromium driven by Playwright (sync API), and the catalogue of URLs to visit.

The server is `manage.py runserver` in a subprocess on a throwaway SQLite database
(migrate + load_demo_content), so the suite sees exactly what a visitor of the demo
sees and covers every page type that exists once the apps are merged."""

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from .csp_watch import Watcher
from .server_setup import EDITOR, MODERATOR, PASSWORD

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("EC_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",  # containers often have a tiny /dev/shm
]
SETUP_TIMEOUT = 300  # migrate + demo content on a slow, shared machine
START_TIMEOUT = 60
SCREENSHOT_DIR = Path(os.environ.get("EC_SCREENSHOT_DIR", ROOT / "var" / "screenshots"))
BROWSER_DIR = Path(__file__).parent


@pytest.hookimpl(tryfirst=True)  # before `-m "not browser"` deselects
def pytest_collection_modifyitems(config, items):
    for item in items:
        if BROWSER_DIR in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)


def _free_port():
    """EC_BROWSER_PORT if set (it must be free), else a port the OS hands out."""
    wanted = int(os.environ.get("EC_BROWSER_PORT", "0"))
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", wanted))
        except OSError as error:
            raise RuntimeError(f"Port {wanted} ist belegt: {error}") from error
        return sock.getsockname()[1]


def _wait_for(url, process, log_path, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            break
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.3)
    log = log_path.read_text(errors="replace")[-4000:] if log_path.exists() else ""
    raise RuntimeError(f"Der Testserver ist unter {url} nicht erreichbar.\n{log}")


class LiveSite:
    def __init__(self, base_url, inventory, mail_dir):
        self.base_url = base_url
        self.inventory = inventory
        self.mail_dir = Path(mail_dir)
        self.host = base_url.split("//", 1)[1]

    def url(self, path):
        return self.base_url + path

    def mails(self):
        return sorted(self.mail_dir.glob("*.log"))


@pytest.fixture(scope="session")
def live_site():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} fehlt: `make browser-deps` installiert Debians Chromium.")
    workdir = Path(tempfile.mkdtemp(prefix="ec-browser-"))
    mail_dir = workdir / "mail"
    mail_dir.mkdir()
    port = _free_port()
    base_url = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.browser.settings",
        "DATABASE_URL": f"sqlite:///{workdir / 'db.sqlite3'}",
        "EC_VAR_DIR": str(workdir),
        "MEDIA_ROOT": str(workdir / "media"),
        "EC_BROWSER_MAIL_DIR": str(mail_dir),
        "WAGTAILADMIN_BASE_URL": base_url,
        "PYTHONPATH": str(ROOT),
    }
    inventory_path = workdir / "inventory.json"
    subprocess.run(
        [sys.executable, "-m", "tests.browser.server_setup", str(inventory_path)],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=SETUP_TIMEOUT,
    )
    log_path = workdir / "server.log"
    with open(log_path, "wb") as log:
        server = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        _wait_for(base_url + "/health/", server, log_path, START_TIMEOUT)
        inventory = json.loads(inventory_path.read_text(encoding="utf-8"))
        yield LiveSite(base_url, inventory, mail_dir)
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=10)
        shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture(scope="session")
def playwright_instance():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(playwright_instance):
    browser = playwright_instance.chromium.launch(
        executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True, timeout=60_000
    )
    yield browser
    browser.close()


# CSP violations on /admin/ pages over the whole run, shown in the summary.
ADMIN_CSP_VIOLATIONS = []


def fail_on_public_csp_violations(watcher, contexts):
    for context in contexts:
        watcher.flush(context)
    public, admin = watcher.take()
    ADMIN_CSP_VIOLATIONS.extend(admin)
    if public:
        pytest.fail(
            "CSP-Verstöße auf öffentlichen Seiten:\n" + "\n".join(map(str, public)),
            pytrace=False,
        )


def pytest_terminal_summary(terminalreporter):
    if ADMIN_CSP_VIOLATIONS:
        terminalreporter.section("CSP-Verstöße im Admin (gemeldet, nicht fatal)")
        for line in sorted({str(v) for v in ADMIN_CSP_VIOLATIONS}):
            terminalreporter.write_line(line)


@pytest.fixture
def csp_watcher():
    """Collects the CSP violations of the test's browser contexts (tests/browser/csp_watch.py);
    a test that provokes violations on purpose takes them with ``csp_watcher.take()``."""
    return Watcher()


@pytest.fixture
def new_context(browser, live_site, csp_watcher):
    """Make fresh browser contexts (own cookies), German, closed after the test. Any CSP
    violation on a public page fails the test."""
    contexts = []

    def make(width=1280, height=900, **kwargs):
        context = browser.new_context(
            viewport={"width": width, "height": height},
            locale="de-DE",
            base_url=live_site.base_url,
            **kwargs,
        )
        context.set_default_timeout(15_000)
        csp_watcher.watch(context)
        contexts.append(context)
        return context

    yield make
    try:
        fail_on_public_csp_violations(csp_watcher, contexts)
    finally:
        for context in contexts:
            context.close()


@pytest.fixture
def page(new_context):
    return new_context().new_page()


def login(page, username):
    page.goto("/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url("**/admin/")


@pytest.fixture
def editor_page(new_context):
    page = new_context(accept_downloads=True).new_page()
    login(page, EDITOR[0])
    return page


@pytest.fixture
def moderator_page(new_context):
    page = new_context().new_page()
    login(page, MODERATOR[0])
    return page


# Finds the GET forms of a page that are not the site search: the filters of listings.
# Returns, per form, the URL with the first real choice of every select applied.
FILTER_URLS_JS = """
() => Array.from(document.querySelectorAll('main form'))
  .filter(f => (f.method || 'get').toLowerCase() === 'get' && f.getAttribute('role') !== 'search')
  .map(f => {
    const params = new URLSearchParams();
    f.querySelectorAll('select[name]').forEach(s => {
      const option = Array.from(s.options).find(o => o.value !== '');
      if (option) params.set(s.name, option.value);
    });
    const action = new URL(f.getAttribute('action') || location.pathname, location.href);
    return action.pathname + '?' + params.toString();
  })
"""


@pytest.fixture(scope="session")
def catalogue(live_site, browser):
    """Every URL the visitor checks run on: one page per page type, each listing's
    filtered and second page, search results, an empty search and the 404 page."""
    entries = [(entry["type"], entry["url"]) for entry in live_site.inventory["pages"]]
    watcher = Watcher()
    context = watcher.watch(browser.new_context(base_url=live_site.base_url))
    page = context.new_page()
    extra = []
    try:
        for page_type, url in entries:
            page.goto(url)
            for filtered in page.evaluate(FILTER_URLS_JS):
                extra.append((f"{page_type} (gefiltert)", filtered))
            next_link = page.locator("a[rel=next]").first
            if next_link.count():
                extra.append(
                    (f"{page_type} (Seite 2)", next_link.evaluate("a => a.pathname + a.search"))
                )
        fail_on_public_csp_violations(watcher, [context])
    finally:
        context.close()
    extra += [
        ("suche (Treffer)", "/suche/?q=Jugend"),
        ("suche (keine Treffer)", "/suche/?q=Zyxwvuts"),
        ("404", "/diese-seite-gibt-es-nicht/"),
    ]
    seen = set()
    result = []
    for name, url in entries + extra:
        if url not in seen:
            seen.add(url)
            result.append((name, url))
    return result
