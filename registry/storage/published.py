"""What was last published: the change log's position when `invoke deploy` last copied the site.

Kept in `.published.json` beside the registry's file (registry.db at the top of the project), so that
`registry log --since-publish` can list what the next publish will add. It is a
note about the registry, not part of it: losing it loses nothing but that list.
"""

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from registry.storage import files, location

RECORD = ".published.json"


def record_path() -> Path:
    """Beside the registry the commands use, when it is a file (registry.db at the project's top,
    usually), so that every folder that finds the registry finds its record, and a scratch
    registry never overwrites the project's; for a server database, at the project's top, else here."""
    path = location.sqlite_path(location.database_url())
    if path is not None:
        return Path(path).resolve().parent / RECORD
    return (location.project_root() or Path.cwd()) / RECORD


def last() -> dict[str, Any] | None:
    """The last publish: {"last_change": id, "at": ISO time, "target": where, "site_url": url}, or None."""
    try:
        found = json.loads(record_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return found if isinstance(found, dict) and isinstance(found.get("last_change"), int | None) else None


def mark(last_change: int | None, *, target: str, site_url: str) -> Path:
    """Note that the site, as of change `last_change`, was published to `target`."""
    path = record_path()
    files.replace(path, json.dumps({"last_change": last_change, "at": datetime.now(UTC).isoformat(timespec="seconds"),
                                    "target": target, "site_url": site_url}, indent=2) + "\n")
    return path
