"""The change log: every write, who made it, before and after, and why.

Entries are only ever added. They are what `registry log` shows, what the
site's change feed publishes, and where "data as of" comes from.
"""

import getpass
import json
import os

from sqlmodel import Session, SQLModel

from registry.rules import clock
from registry.storage.models import Change


def current_user() -> str:
    """Who is writing, when --by does not say: REGISTRY_USER or the OS user."""
    try:
        return os.environ.get("REGISTRY_USER") or getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def snapshot(row: SQLModel | None) -> str | None:
    if row is None:
        return None
    return json.dumps(row.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)


def record(
    session: Session,
    *,
    what: str,
    row: SQLModel,
    by: str | None,
    summary: str,
    before: str | None = None,
    removed: bool = False,
    reason: str = "",
    country: str | None = None,
) -> Change:
    """Log a write to `row`; call after the row is flushed so it has an id."""
    entry = Change(
        at=clock.now(),
        by=by or current_user(),
        what=what,
        entity=str(row.__tablename__),
        entity_id=getattr(row, "id", None),
        country=country if country is not None else getattr(row, "country", None),
        summary=summary,
        before=before,
        after=None if removed else snapshot(row),
        reason=reason,
    )
    session.add(entry)
    return entry





