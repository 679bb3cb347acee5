"""The change log: every write, who made it, before and after, and why.

Entries are only ever added. They are what `registry log` shows, what the
site's change feed publishes, and where "data as of" comes from.
"""

import getpass
import json
import os

from sqlmodel import Session, SQLModel

from registry.rules import clock, entries
from registry.rules.errors import RegistryError
from registry.storage.models import Change


def current_user() -> str:
    """Who is writing, when --by does not say: REGISTRY_USER or the OS user."""
    try:
        return os.environ.get("REGISTRY_USER") or getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def author(by: str | None) -> str:
    """Who makes a change: `by` (--by) if given, else the current user; checked by the rule
    for the log's `by` (rules/entries.py), so that the log never shows a control character,
    an escape sequence or an empty name."""
    name = current_user() if by is None else by
    try:
        return str(entries.check("change", "by", name))
    except RegistryError as error:
        given = "--by" if by is not None else "REGISTRY_USER (or the system's user name)"
        raise RegistryError(
            f"who makes the change, as {given} says, is refused: {error.message}",
            hint="give a name in one line of plain text, e.g. --by 'J. Smith'",
        ) from None


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
        by=author(by),
        what=what,
        entity=str(row.__tablename__),
        entity_id=getattr(row, "id", None),
        country=country if country is not None else getattr(row, "country", None),
        summary=entries.check("change", "summary", summary),
        before=before,
        after=None if removed else snapshot(row),
        reason=entries.check("change", "reason", reason),
    )
    session.add(entry)
    session.info.setdefault("changes", []).append(entry)
    return entry


def written(session: Session) -> list[Change]:
    """The changes this session has logged: what a dry run shows, and what it would commit."""
    return list(session.info.get("changes", []))


def warn(session: Session, message: str) -> None:
    """Note a plausible mistake (rules/plausibility.py): the command asks before it commits."""
    session.info.setdefault("warnings", []).append(message)


def warnings(session: Session) -> list[str]:
    return list(session.info.get("warnings", []))
