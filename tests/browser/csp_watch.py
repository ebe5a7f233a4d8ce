"""Content-Security-Policy violations seen by the browser, for every page the suite visits.

Each browser context gets a listener for ``securitypolicyviolation`` events in every frame
(an init script reporting through an exposed binding) and for Chromium's console errors
about the policy. Violations on public pages fail the test (``new_context`` in
conftest.py); those under /admin/ (the editors' policy, also page previews) are reported
in the summary at the end of the run."""

import contextlib
from dataclasses import dataclass, field
from urllib.parse import urlsplit

BINDING = "__ecCspViolation"
LISTENER_JS = f"""
document.addEventListener('securitypolicyviolation', (event) => {{
    if (typeof window.{BINDING} !== 'function') return;
    window.{BINDING}({{
        document: event.documentURI,
        directive: event.effectiveDirective,
        blocked: event.blockedURI,
        source: event.sourceFile,
        line: event.lineNumber,
        sample: event.sample,
        disposition: event.disposition,
    }});
}}, true);
"""
CONSOLE_MARKERS = ("Content Security Policy", "Content-Security-Policy")


def is_admin_url(url):
    return urlsplit(url or "").path.startswith("/admin/")


@dataclass
class Violation:
    page: str
    document: str
    what: str

    @property
    def is_admin(self):
        return is_admin_url(self.page) or is_admin_url(self.document)

    def __str__(self):
        where = self.document if self.document == self.page else f"{self.document} in {self.page}"
        return f"{where}: {self.what}"


@dataclass
class Watcher:
    violations: list = field(default_factory=list)

    def watch(self, context):
        context.expose_binding(BINDING, self._on_event)
        context.add_init_script(LISTENER_JS)
        context.on("console", self._on_console)
        return context

    def _on_event(self, source, data):
        page = source.get("page")
        self.violations.append(
            Violation(
                page=page.url if page else "",
                document=data.get("document") or "",
                what=(
                    f"{data.get('disposition')} {data.get('directive')} blockiert "
                    f"{data.get('blocked') or '?'} ({data.get('source') or ''}:"
                    f"{data.get('line') or ''}) {data.get('sample') or ''}"
                ).strip(),
            )
        )

    def _on_console(self, message):
        if message.type != "error" or not any(m in message.text for m in CONSOLE_MARKERS):
            return
        page_url = message.page.url if message.page else ""
        document = (message.location or {}).get("url") or page_url
        self.violations.append(Violation(page_url, document, "Konsole: " + message.text[:300]))

    def flush(self, context):
        """Let the events of the context's open pages arrive before they are read."""
        for page in context.pages:
            # A page that crashed or navigated away has nothing to add.
            with contextlib.suppress(Exception):
                page.evaluate("0")

    def take(self):
        """The violations seen so far (they are then forgotten): (public, admin)."""
        taken, self.violations = self.violations, []
        return [v for v in taken if not v.is_admin], [v for v in taken if v.is_admin]
