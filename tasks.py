"""Invoke tasks for the public site, in Pelican's conventions.

    invoke start      registry init --seed (safe to repeat), build, then serve
    invoke build      build the site from the registry into output/, atomically
    invoke serve      serve output/ on http://localhost:8000
    invoke livereload rebuild whenever content/, theme/, the settings or the database change, and serve
    invoke publish    build with publishconf.py (absolute links under REGISTRY_SITE_URL)
    invoke clean      remove output/

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

    from registry import db

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
