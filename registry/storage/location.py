"""Where the registry is, and what can go wrong opening it, in the words the secretariat sees.

Shared by the ORM's sessions (db.py) and plain reading (rows.py), so that
both paths give the same advice.
"""

import os
import re
from pathlib import Path

from registry.rules.errors import RegistryError

#: The registry's file, at the top of a project: the folder that holds pelicanconf.py.
REGISTRY_FILE = "registry.db"
PROJECT_MARKER = "pelicanconf.py"


def _revisions() -> tuple[set[str], str]:
    """The newest revision in migrations/versions/: the one no other revision follows.

    Read from the files themselves (without loading Alembic), so that a new
    migration is the only change a new column needs here.
    """
    found, followed = set(), set()
    for path in (Path(__file__).parent / "migrations" / "versions").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        revision = re.search(r"^revision\b[^=]*=\s*['\"]([^'\"]+)", text, re.M)
        parent = re.search(r"^down_revision\b[^=]*=\s*['\"]([^'\"]+)", text, re.M)
        if revision:
            found.add(revision.group(1))
        if parent:
            followed.add(parent.group(1))
    heads = sorted(found - followed)
    if len(heads) != 1:
        raise RuntimeError(f"the migrations must have one head, not {heads}")
    return found, heads[0]


#: Every schema revision this software knows, and the newest (tests/test_migrations.py checks
#: it against Alembic's own reading).
REVISIONS, HEAD_REVISION = _revisions()
#: How long a command waits for another that holds the registry, in seconds.
BUSY_TIMEOUT = 60


def project_root(start: Path | None = None) -> Path | None:
    """The project the current folder is in: the nearest folder above it with pelicanconf.py."""
    here = (start or Path.cwd()).resolve()
    return next((folder for folder in (here, *here.parents) if (folder / PROJECT_MARKER).is_file()), None)


def content_dir() -> Path:
    """The site's content folder, where prose and outcome documents live: REGISTRY_CONTENT_DIR,
    else the project's content/, else content/ here."""
    if os.environ.get("REGISTRY_CONTENT_DIR"):
        return Path(os.environ["REGISTRY_CONTENT_DIR"])
    root = project_root()
    return root / "content" if root else Path("content")


def database_url() -> str:
    """The registry the commands use (see found())."""
    return found()[0]


def found() -> tuple[str, str]:
    """The registry's URL and how it was found, the way git finds a repository: the URL in
    REGISTRY_DATABASE_URL; else the nearest registry.db in this folder or above it, up to the
    project's top folder; else the project's registry.db (to be created there); else
    registry.db here, when no project is above this folder."""
    if os.environ.get("REGISTRY_DATABASE_URL"):
        return os.environ["REGISTRY_DATABASE_URL"], "set by REGISTRY_DATABASE_URL"
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        if (folder / REGISTRY_FILE).is_file():
            return _url(folder / REGISTRY_FILE), f"the nearest registry at or above {here}"
        if (folder / PROJECT_MARKER).is_file():
            return _url(folder / REGISTRY_FILE), f"the registry of the project at {folder} (not created yet)"
    return _url(here / REGISTRY_FILE), "this folder's registry (no project or registry above it; not created yet)"


def _url(path: Path) -> str:
    return f"sqlite:///{path}"


def refuse_second_registry(url: str) -> None:
    """`registry init` must not start a second registry inside a project that has one: the
    commands would find one or the other depending on where the clerk stands."""
    path = sqlite_path(url)
    if path is None or Path(path).exists():
        return
    target = Path(path).resolve()
    root = project_root(target.parent)
    if root is not None and (root / REGISTRY_FILE).is_file() and (root / REGISTRY_FILE).resolve() != target:
        raise RegistryError(
            f"the project at {root} already has a registry ({root / REGISTRY_FILE}); a second one at {target} "
            + ("would be found instead of it from some folders" if target.name == REGISTRY_FILE
               else "would split the project's records between two registries"),
            hint="use the project's registry ('registry where' shows which one a command uses), or make a "
                 "scratch registry outside the project, e.g. REGISTRY_DATABASE_URL=sqlite:////tmp/scratch.db",
        )


def sqlite_path(url: str) -> str | None:
    """The file a plain `sqlite:///path` URL names; None for any other URL (left to SQLAlchemy)."""
    prefix = "sqlite:///"
    if not url.startswith(prefix) or "?" in url or "%" in url:
        return None
    path = url[len(prefix):]
    return None if not path or path == ":memory:" or path.startswith("file:") else path


def require_schema(url: str, current: str | None) -> None:
    """Refuse to work on a database that `registry init` has not set up, or not brought up to date."""
    if current is None:
        raise no_registry(url)
    if current not in REVISIONS:
        raise newer_schema(current)
    if current != HEAD_REVISION:
        raise RegistryError(
            f"the registry's schema is at revision {current}, not the newest ({HEAD_REVISION})",
            hint="bring it up to date with 'registry init', which applies pending migrations",
        )


def newer_schema(current: str) -> RegistryError:
    return RegistryError(
        f"the registry's schema is at revision {current}, which this version of the registry software "
        f"does not know (its newest is {HEAD_REVISION}): a newer version made or changed it",
        hint="use that newer version (pip install -U), or restore a backup made with this one; nothing was changed",
    )


def no_settings() -> RegistryError:
    """The settings row is missing: only a registry made by an interrupted `init` lacks it."""
    return RegistryError("the registry has no settings", hint="run 'registry init' again")


def no_registry(url: str) -> RegistryError:
    return RegistryError(
        f"no registry at {url}",
        hint="create it with 'registry init' (add --seed for the founding record)",
    )


def cannot_open(url: str, message: str) -> RegistryError:
    return RegistryError(
        f"cannot open the registry at {url}: {message}",
        hint="check REGISTRY_DATABASE_URL, or run 'registry init' to create it",
    )


def translated(url: str, message: str) -> RegistryError:
    """A driver's error as the message the secretariat sees."""
    if "not a database" in message or "malformed" in message:
        return RegistryError(
            f"the registry at {url} is damaged or is not a registry ({message}); nothing was written to it",
            hint="restore the last backup (a copy of the file, or 'registry restore' of an export into a new "
            "registry), and keep the damaged file for inspection",
        )
    if "readonly" in message or "read-only" in message:
        return RegistryError(f"the registry at {url} cannot be written here ({message})",
                             hint="check the file's and its folder's permissions, or work on a copy")
    if "disk is full" in message or "No space" in message:
        return RegistryError(f"the registry at {url} cannot grow: the disk is full",
                             hint="free some space; nothing was written")
    if "locked" in message or "busy" in message:
        return RegistryError(
            f"the registry is busy: another command has held it for over {BUSY_TIMEOUT} seconds",
            hint="try again when the other command has finished",
        )
    return cannot_open(url, message)
