"""Checking a built site as the public will meet it: shared by the browser, HTML and link tests.

The tests check the site built from the seeded registry (built once per session, today
pinned: conftest.py's seeded_site), or, when REGISTRY_CHECK_OUTPUT names a folder, that already built site
(`invoke check` builds the current registry and points the tests at it). Counts of what was
checked and found are added to the JSON file named by REGISTRY_CHECK_REPORT, if set, for
`invoke check` to print.

The tools come from outside Python; CI installs them with `.ci/browser-deps`:
Debian's Chromium (driven by Playwright, never a downloaded browser), a Java runtime and the
Nu Html Checker (npm's vnu-jar, in .ci/node/). Without them, those tests skip and say how to
install them, as the PostgreSQL half of the suite does.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import re
import shutil
import subprocess
import threading
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from conftest import PROJECT
from lxml import html

CHROMIUM = os.environ.get("REGISTRY_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
VNU_JAR = Path(os.environ.get("REGISTRY_VNU_JAR") or PROJECT / ".ci/node/node_modules/vnu-jar/build/dist/vnu.jar")
INSTALL_HINT = ("install the browser and checkers with: sudo .ci/browser-deps "
                "(Debian: chromium, openjdk-17-jre-headless, npm's vnu-jar)")


def browser_missing() -> str | None:
    """Why the browser tests cannot run here, or None."""
    try:
        import axe_playwright_python  # noqa: F401
        import playwright  # noqa: F401
    except ImportError:
        return "browser tests skipped: Playwright is not installed (pip install -e '.[test]')"
    if not os.access(CHROMIUM, os.X_OK):
        return f"browser tests skipped: no Chromium at {CHROMIUM}; {INSTALL_HINT}"
    return None


def vnu_missing() -> str | None:
    """Why the Nu Html Checker cannot run here, or None."""
    if not shutil.which("java"):
        return f"HTML validation skipped: no java; {INSTALL_HINT}"
    if not VNU_JAR.is_file():
        return f"HTML validation skipped: no Nu Html Checker at {VNU_JAR}; {INSTALL_HINT}"
    return None


# -- the site under check --------------------------------------------------------------


def site_for(request, missing: str | None) -> Path:
    """The site under check (conftest.py's checked_site: the site named by
    REGISTRY_CHECK_OUTPUT, else the seeded site, built once per session), or a skip naming
    the tool that is `missing` to check it, before anything is built."""
    if missing:
        pytest.skip(missing)
    return request.getfixturevalue("checked_site")


def html_pages(output: Path) -> list[Path]:
    """Every HTML page the build produced."""
    return sorted(output.rglob("*.html"))


def one_page_of_each_kind(output: Path) -> list[str]:
    """The address of the first page built from each template in each language (home, a
    country, a session, the members on a date, a country's changes... and /fr/ the same)."""
    kinds: dict[str, str] = {}
    for source in html_pages(output):
        path = url_path(output, source)
        parts = [part for part in path.strip("/").split("/") if part]
        language = parts.pop(0) if parts and parts[0] == "fr" else "en"
        kind = "/".join(parts[:-1]) + "/*" if len(parts) > 1 else "".join(parts)
        kinds.setdefault(f"{language}:{kind}", path)
    return sorted(kinds.values())


def pages_in_browser(output: Path) -> list[str]:
    """What the browser visits: every page in English, the registry's own language, and a page
    of each kind in French (the same templates and data, in the other language's words)."""
    everything = [url_path(output, source) for source in html_pages(output)]
    english = [path for path in everything if not path.startswith("/fr/")]
    return english + [path for path in one_page_of_each_kind(output) if path.startswith("/fr/")]


def url_path(output: Path, page: Path) -> str:
    """The address a page is served at: /members/fr/ for members/fr/index.html."""
    relative = page.relative_to(output).as_posix()
    if relative == "index.html":
        return "/"
    if relative.endswith("/index.html"):
        return "/" + relative[: -len("index.html")]
    return "/" + relative


def record(**counts: int) -> None:
    """Add counts to the report that `invoke check` prints (a no-op in a plain test run)."""
    report = os.environ.get("REGISTRY_CHECK_REPORT")
    if not report:
        return
    path = Path(report)
    data = json.loads(path.read_text()) if path.is_file() and path.stat().st_size else {}
    data.update(counts)
    path.write_text(json.dumps(data, indent=2, sort_keys=True))


# -- serving it on 127.0.0.1 ----------------------------------------------------------------


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".atom": "application/atom+xml", ".ics": "text/calendar", ".json": "application/json",
        ".svg": "image/svg+xml", ".js": "text/javascript", ".css": "text/css",
    }

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


@contextmanager
def served(output: Path):
    """Serve `output` on 127.0.0.1 on a free port, in a thread; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(output))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


# -- links ---------------------------------------------------------------------------------

_CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)""")


def target_file(output: Path, path: str) -> Path | None:
    """The file a server would send for the URL path, or None."""
    target = (output / unquote(path).lstrip("/")).resolve()
    if output.resolve() != target and output.resolve() not in target.parents:
        return None
    if path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target if target.is_file() else None


@functools.lru_cache(maxsize=None)
def _ids(page: Path) -> frozenset[str]:
    doc = html.parse(str(page))
    return frozenset(doc.xpath("//@id") + doc.xpath("//a/@name"))


def link_problems(output: Path) -> tuple[int, list[str]]:
    """(references checked, problems): every link, fragment and asset of every page and stylesheet.

    A page's relative links are resolved against the address it is served at, as a browser
    does. Links to other sites are allowed only as <a href> (a reader may follow them); an
    asset loaded from elsewhere, or a path that leaves the site, is a problem.
    """
    _ids.cache_clear()
    checked, problems = 0, []
    for page in html_pages(output):
        base = url_path(output, page)
        doc = html.parse(str(page))
        for element, attribute, link, _pos in doc.getroot().iterlinks():
            checked += 1
            where = f"{page.relative_to(output)}: <{element.tag} {attribute}={link!r}>"
            parts = urlsplit(link)
            if parts.scheme in ("mailto", "tel"):
                continue
            if parts.scheme or parts.netloc:
                if element.tag != "a" or parts.scheme not in ("http", "https"):
                    problems.append(f"{where}: loads from another site")
                continue
            if not link.strip():
                problems.append(f"{where}: empty link")
                continue
            resolved = urlsplit(urljoin("http://site" + base, link))
            target = target_file(output, resolved.path)
            if target is None:
                problems.append(f"{where}: no such file ({resolved.path})")
                continue
            if parts.fragment or link.endswith("#"):
                if target.suffix != ".html":
                    problems.append(f"{where}: fragment on a file that is not a page")
                elif unquote(parts.fragment) not in _ids(target):
                    problems.append(f"{where}: no id {parts.fragment!r} in {target.relative_to(output)}")
    for sheet in sorted(output.rglob("*.css")):
        for link in _CSS_URL.findall(sheet.read_text()):
            checked += 1
            if link.startswith("data:") or link.startswith("#"):
                continue
            parts = urlsplit(link)
            where = f"{sheet.relative_to(output)}: url({link})"
            if parts.scheme or parts.netloc:
                problems.append(f"{where}: loads from another site")
                continue
            resolved = urljoin("http://site/" + sheet.relative_to(output).as_posix(), link)
            if target_file(output, urlsplit(resolved).path) is None:
                problems.append(f"{where}: no such file")
    return checked, problems


# -- the Nu Html Checker ---------------------------------------------------------------------


def vnu_errors(output: Path, files: list[Path] | None = None) -> tuple[int, list[str]]:
    """(files checked, errors): one run of the Nu Html Checker over every page and stylesheet,
    or over the `files` of the site given."""
    files = files if files is not None else html_pages(output) + sorted(output.rglob("*.css"))
    result = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--errors-only", "--also-check-css", "--format", "json", *map(str, files)],
        capture_output=True, text=True, timeout=300,
    )
    try:
        messages = json.loads(result.stdout or result.stderr)["messages"]
    except (ValueError, KeyError):
        raise AssertionError(f"the Nu Html Checker did not answer in JSON: {result.stderr[:2000]}") from None
    errors = []
    for message in messages:
        if message.get("type") == "error" or message.get("subType") == "fatal":
            name = unquote(urlsplit(message.get("url", "")).path)
            try:
                name = Path(name).resolve().relative_to(output.resolve()).as_posix()
            except ValueError:
                pass
            errors.append(f"{name}:{message.get('lastLine', '?')}: {message.get('message')}"
                          f" [{message.get('extract', '').strip()[:80]}]")
    return len(files), errors
