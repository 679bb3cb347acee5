"""Invoke tasks for the public site, in Pelican's conventions.

    invoke start      registry init --seed (safe to repeat), build, then serve
    invoke build      build the site from the registry into output/, atomically
    invoke serve      serve output/ on http://localhost:8000
    invoke livereload rebuild whenever content/, theme/, the settings or the database change, and serve
    invoke publish    build with publishconf.py (absolute links under REGISTRY_SITE_URL)
    invoke clean      remove output/
    invoke check      build, then check every page in Chromium and with real checkers
    invoke bench      benchmark the build on synthetic registries and the seeded one
    invoke synthetic  make a synthetic registry (small or large) to try the build on

Run them from the folder that holds the registry (or set REGISTRY_DATABASE_URL);
`invoke -r /path/to/project build` works from anywhere.
"""

import shlex
import shutil
import sys
import threading
from pathlib import Path

from invoke import task

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


@task
def publish(c):
    """Build the site for publishing, with absolute links under REGISTRY_SITE_URL."""
    _build(c, PUBLISH_SETTINGS)


@task
def clean(c):
    """Remove the built site."""
    output = Path(_settings()["OUTPUT_PATH"])
    if output.exists():
        shutil.rmtree(output)
        print(f"removed {output}")


def _server(settings: dict):
    from pelican.server import ComplexHTTPRequestHandler, RootedHTTPServer

    RootedHTTPServer.allow_reuse_address = True
    return RootedHTTPServer(settings["OUTPUT_PATH"], (settings["BIND"], settings["PORT"]),
                            ComplexHTTPRequestHandler)


@task
def serve(c):
    """Serve the built site on http://localhost:8000 until Ctrl-C."""
    settings = _settings()
    server = _server(settings)
    print(f"Serving {settings['OUTPUT_PATH']} at http://localhost:{settings['PORT']}/ (Ctrl-C stops)")
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


@task
def livereload(c):
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
    server = _server(settings)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"Serving at http://localhost:{settings['PORT']}/; watching {', '.join(map(str, watched))}")
    try:
        for _changes in watch(*[p for p in watched if p.exists()], watch_filter=relevant):
            print("change seen: rebuilding")
            c.run(f"{PYTHON} -m registry.site -s {shlex.quote(str(SETTINGS))}", warn=True)
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()


@task
def start(c):
    """Create and seed the registry if needed, build the site and serve it."""
    c.run(f"{PYTHON} -m registry init --seed")
    build(c)
    serve(c)


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

    from invoke.exceptions import Exit

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
