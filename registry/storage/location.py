"""Where the registry is, and what can go wrong opening it, in the words the secretariat sees.

Shared by the ORM's sessions (db.py) and plain reading (rows.py), so that
both paths give the same advice.
"""

import os
import re
from pathlib import Path

from registry.rules.errors import RegistryError

DEFAULT_URL = "sqlite:///registry.db"


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


def content_dir() -> Path:
    """The site's content folder (REGISTRY_CONTENT_DIR, or content/ here), where prose and outcome documents live."""
    return Path(os.environ.get("REGISTRY_CONTENT_DIR", "content"))


def database_url() -> str:
    """The database named by REGISTRY_DATABASE_URL, or registry.storage.db here."""
    return os.environ.get("REGISTRY_DATABASE_URL") or DEFAULT_URL


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
