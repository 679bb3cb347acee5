"""Invoke tasks for the public site, in Pelican's conventions.

    invoke start      registry init --seed (safe to repeat), build, then serve
    invoke build      build the site from the registry into output/, atomically
    invoke serve      serve output/ on http://localhost:8000 (--port to choose another)
    invoke livereload rebuild whenever content/, theme/, the settings or the database change, and serve
    invoke publish    build with publishconf.py (absolute links under REGISTRY_SITE_URL, which it requires)
    invoke deploy     publish, then copy the site to REGISTRY_DEPLOY_TARGET with rsync (--dry-run first)
    invoke preview    list the changes the next deploy will publish
    invoke clean      remove output/
    invoke check      build, then check every page in Chromium and with real checkers
    invoke bench      benchmark the build on synthetic registries and the seeded one
    invoke synthetic  make a synthetic registry (small or large) to try the build on

Run them from any folder of the project: the registry is found as `registry where` says (or
set REGISTRY_DATABASE_URL); `invoke -r /path/to/project build` works from anywhere.
"""

import errno
import os
import re
import shlex
import shutil
import sys
import threading
from pathlib import Path

from invoke import task
from invoke.exceptions import Exit

PROJECT = Path(__file__).resolve().parent
SETTINGS = PROJECT / "pelicanconf.py"
PUBLISH_SETTINGS = PROJECT / "publishconf.py"
PYTHON = shlex.quote(sys.executable)


def _settings(settings_file: Path = SETTINGS) -> dict:
    from pelican.settings import read_settings

    return read_settings(str(settings_file))


def _build(c, settings_file: Path) -> None:
    c.run(f"{PYTHON} -m registry.site -s {shlex.quote(str(settings_file))}")


@task
def build(c):
    """Build the site from the registry into output/ (a failed build keeps the old one)."""
    _build(c, SETTINGS)


def _site_url() -> str:
    """The public address, which a published site needs: without it every feed, calendar and
    data link would point at localhost."""
    url = os.environ.get("REGISTRY_SITE_URL", "")
    if not re.fullmatch(r"https?://[^\s/?#]+(/[^\s?#]*)?", url):
        given = f"REGISTRY_SITE_URL is {url!r}, not an http(s) address" if url else "REGISTRY_SITE_URL is not set"
        raise Exit(f"Error: {given}, so the published site would link to the wrong address; nothing was built. "
                   "Set it to the site's public address, e.g. REGISTRY_SITE_URL=https://registry.example.org "
                   "invoke publish", code=1)
    return url.rstrip("/")


@task
def publish(c):
    """Build the site for publishing, with absolute links under REGISTRY_SITE_URL (required)."""
    _site_url()
    _build(c, PUBLISH_SETTINGS)


@task(help={"target": "where to copy the site: an rsync destination such as user@host:/var/www/registry/ "
                      "(default: REGISTRY_DEPLOY_TARGET)",
            "dry-run": "list what would be copied or deleted there, and copy nothing"})
def deploy(c, target=None, dry_run=False):
    """Publish the site, then copy it to the server with rsync, deleting what the site no longer has.

    A real deploy notes which change the published site shows, so that 'invoke preview'
    (registry log --since-publish) lists what the next one will add.
    """
    from registry.reading import snapshot
    from registry.storage import published, rows

    target = target or os.environ.get("REGISTRY_DEPLOY_TARGET", "")
    if not target:
        raise Exit("Error: no deploy target: give --target user@host:/path/ or set REGISTRY_DEPLOY_TARGET; "
                   "nothing was copied", code=1)
    if shutil.which("rsync") is None:
        raise Exit("Error: rsync is not installed (apt-get install rsync); nothing was copied", code=1)
    site_url = _site_url()
    # Read before the build: a change written meanwhile is then listed as unpublished, never the reverse.
    with rows.reading() as reader:
        position = snapshot.position_of(reader)["last_change"]
    _build(c, PUBLISH_SETTINGS)
    output = Path(_settings(PUBLISH_SETTINGS)["OUTPUT_PATH"])
    # -c compares contents, not times: a rebuilt but unchanged page is not copied again.
    flags = "--recursive --links --checksum --delete --itemize-changes" + (" --dry-run" if dry_run else "")
    c.run(f"rsync {flags} {shlex.quote(str(output))}/ {shlex.quote(target)}")
    if dry_run:
        print(f"dry run: nothing was copied to {target}")
        return
    record = published.mark(position, target=target, site_url=site_url)
    print(f"published {site_url} to {target}; noted in {record}")


@task
def preview(c):
    """List the changes the next deploy will publish (registry log --since-publish)."""
    c.run(f"{PYTHON} -m registry log --since-publish", pty=False)


@task
def clean(c):
    """Remove the built site."""
    output = Path(_settings()["OUTPUT_PATH"])
    if output.exists():
        shutil.rmtree(output)
        print(f"removed {output}")


def _server(settings: dict, port: int | None = None):
    from pelican.server import ComplexHTTPRequestHandler, RootedHTTPServer

    port = int(port or settings["PORT"])
    RootedHTTPServer.allow_reuse_address = True
    try:
        return RootedHTTPServer(settings["OUTPUT_PATH"], (settings["BIND"], port), ComplexHTTPRequestHandler)
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            raise Exit(f"Error: port {port} is taken (another server is running there): stop it, or choose "
                       f"another port, e.g. --port {port + 1}", code=1) from None
        raise Exit(f"Error: cannot serve on port {port}: {error.strerror}", code=1) from None


PORT_HELP = {"port": "the port to serve on (default 8000)"}


@task(help=PORT_HELP)
def serve(c, port=None):
    """Serve the built site on http://localhost:8000 (or --port) until Ctrl-C."""
    settings = _settings()
    server = _server(settings, port)
    print(f"Serving {settings['OUTPUT_PATH']} at http://localhost:{server.server_address[1]}/ (Ctrl-C stops)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


def _database_file() -> Path | None:
    from sqlalchemy.engine import make_url

    from registry.storage import db

    url = make_url(db.database_url())
    return Path(url.database).resolve() if url.get_backend_name() == "sqlite" and url.database else None


@task(help=PORT_HELP)
def livereload(c, port=None):
    """Serve the site and rebuild it when content/, theme/, the settings or the database change.

    Pelican's own --autoreload does not see the database, so this watches the
    database file (and its write-ahead log) too. Reload the browser to see a rebuild.
    """
    from watchfiles import watch

    settings = _settings()
    watched = [Path(settings["PATH"]), Path(settings["THEME"]), SETTINGS]
    database = _database_file()
    if database:
        watched.append(database.parent)

    def relevant(_change, path: str) -> bool:
        path = Path(path)
        if database and path.parent == database.parent and path.name.startswith(database.name):
            return True
        return path == SETTINGS or any(p in path.parents for p in watched[:2])

    _build(c, SETTINGS)
    server = _server(settings, port)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"Serving at http://localhost:{server.server_address[1]}/; watching {', '.join(map(str, watched))}")
    try:
        for _changes in watch(*[p for p in watched if p.exists()], watch_filter=relevant):
            print("change seen: rebuilding")
            c.run(f"{PYTHON} -m registry.site -s {shlex.quote(str(SETTINGS))}", warn=True)
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()


@task(help=PORT_HELP)
def start(c, port=None):
    """Create and seed the registry if needed, build the site and serve it."""
    c.run(f"{PYTHON} -m registry init --seed")
    build(c)
    serve(c, port)


CHECKS = ["tests/test_links.py", "tests/test_html_valid.py", "tests/test_browser.py"]


@task
def check(c):
    """Build the site from the registry, then check every page in Chromium and with real checkers.

    axe-core (WCAG 2.2 A and AA), the Nu Html Checker, every link, fragment and asset, the
    data files, the CSP, keyboard focus, layout at 320 and 1280 px, no request elsewhere.
    Prints the counts; exits non-zero if anything failed. Tools: .ci/browser-deps.
    """
    import json
    import tempfile

    _build(c, SETTINGS)
    output = Path(_settings()["OUTPUT_PATH"]).resolve()
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "counts.json"
        env = {"REGISTRY_CHECK_OUTPUT": str(output), "REGISTRY_CHECK_REPORT": str(report)}
        tests = " ".join(shlex.quote(str(PROJECT / t)) for t in CHECKS)
        result = c.run(f"{PYTHON} -m pytest -q -rfEs -p no:cacheprovider --rootdir {shlex.quote(str(PROJECT))} "
                       f"--basetemp {shlex.quote(str(Path(folder) / 'tmp'))} {tests}",
                       env=env, warn=True, pty=False)
        counts = json.loads(report.read_text()) if report.is_file() else {}
    n = lambda name: counts.get(name, "not run")  # noqa: E731
    print(f"\nchecked {output}")
    print(f"pages checked: {n('pages_checked')} (in the browser: {n('pages_in_browser')}), "
          f"links checked: {n('links_checked')}, files validated: {n('files_validated')}, "
          f"focus stops: {n('focus_stops_checked')}")
    print(f"axe violations: {n('axe_violations')}, HTML errors: {n('html_errors')}, "
          f"broken links: {n('broken_links')}, pages scrolling sideways: {n('pages_scrolling_sideways')}")
    if result.failed:
        raise Exit(f"site check failed (pytest exit {result.exited}): see the failures above", code=1)
    if any(name not in counts for name in ("pages_checked", "pages_in_browser", "files_validated")):
        raise Exit("site check incomplete: some checks were skipped (see above); "
                   "install Chromium, Java and the Nu Html Checker with: sudo .ci/browser-deps", code=1)
    print("site check passed")


@task(help={"sizes": "comma-separated: small, large (synthetic), seeded (default all three)",
            "runs": "runs per figure (median, min, max; default 3)"})
def bench(c, sizes="small,large,seeded", runs=3):
    """Benchmark the site build (cold, nothing changed, each kind of write); writes benchmarks/results.json.

    Never touches the real registry: every registry is made in a temporary folder.
    docs/performance.md explains the figures.
    """
    c.run(f"{PYTHON} {shlex.quote(str(PROJECT / 'benchmarks' / 'bench.py'))} --sizes {shlex.quote(sizes)} "
          f"--runs {int(runs)}")


@task(help={"size": "small or large", "database": "the SQLite file to create (must not exist)",
            "content": "the content folder to write (default: content/ beside the database)"})
def synthetic(c, database, size="small", content=None):
    """Make a synthetic registry (large: 200 countries, 600 instruments, about 67,000 actions).

    Never the real registry: the database file must not exist yet.
    """
    command = (f"{PYTHON} {shlex.quote(str(PROJECT / 'benchmarks' / 'synthetic.py'))} "
               f"--size {shlex.quote(size)} --database {shlex.quote(str(database))}")
    if content:
        command += f" --content {shlex.quote(str(content))}"
    c.run(command)


@task
def docs(c):
    """Regenerate docs/cli.md, the reference of every command and option, from the registry's Typer app."""
    c.run(f"{PYTHON} -m typer registry.cli utils docs --name registry "
          f"--output {shlex.quote(str(PROJECT / 'docs' / 'cli.md'))}")


@task
def translations(c):
    """Bring the catalogues up to date with the code and the theme: every message the site asks
    to translate goes to registry/locale/messages.pot and, untranslated, into each language's
    messages.po, for a translator (tests/test_translations.py fails until each has its French)."""
    from registry.site import catalogue

    for code, missing in catalogue.update().items():
        where = catalogue.catalogue_of(code).relative_to(PROJECT)
        print(f"{where}: " + (f"{missing} messages to translate" if missing else "every message translated"))
