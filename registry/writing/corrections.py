"""Corrections: amending or retracting an entry, always with a reason.

Nothing is overwritten silently: the change log keeps the entry as it was
before, as it is after, who corrected it and why. A correction that would
leave the registry inconsistent is refused and nothing is written.
"""

from collections.abc import Callable
from typing import Any

from sqlmodel import Session, SQLModel

from registry.reading import check
from registry.rules import countries, entries, fields
from registry.rules.errors import RegistryError
from registry.storage import db
from registry.storage.models import (
    Action,
    Attendance,
    Instrument,
    Meeting,
    Report,
)
from registry.storage.rows import Reader
from registry.writing import changelog, meetings


def _optional_country(value: str, field: str) -> str | None:
    return countries.resolve(value, where=field).iso2 if value else None


def _optional_slug(value: str, field: str) -> str | None:
    return fields.slug(value, field) if value else None


def _outcome(value: str, field: str) -> str | None:
    return entries.check("meeting", field, meetings.check_outcome_path(value)) if value else None


#: Each kind of entry: its model, its table's rules (rules/entries.py), the fields that say
#: which entry it is (never corrected: retract the entry and record it again), and where a
#: correction is checked further than the stored value (names resolved, files present).
KINDS: dict[str, tuple[type[SQLModel], tuple[str, ...], dict[str, Callable[..., Any]]]] = {
    "action": (Action, ("id", "instrument", "country"), {"meeting": _optional_slug}),
    "report": (Report, ("id", "country", "cycle"), {}),
    "instrument": (Instrument, ("id", "slug"), {}),
    "meeting": (Meeting, ("id", "slug", "kind", "number"), {"host": _optional_country, "outcome": _outcome}),
    "attendance": (Attendance, ("id", "meeting", "country"), {}),
}


def _check(annotation: Any) -> Callable[..., Any]:
    """How a field no rule names is checked: dates must be past (a record of what happened),
    texts one line."""
    return fields.past_date if entries.is_date_field(annotation) else fields.line


def correctable(kind: str) -> dict[str, Callable[..., Any]]:
    """The fields of a kind of entry that may be corrected, each with its check: the one
    every path uses (rules/entries.py), or else its type's."""
    model, fixed, checks = KINDS[kind]
    rules = entries.RULES[str(model.__tablename__)]
    return {name: checks.get(name) or rules.get(name) or _check(info.annotation)
            for name, info in model.model_fields.items() if name not in fixed}


#: What may be corrected, field by field, and how each new value is checked.
CORRECTABLE: dict[str, tuple[type[SQLModel], dict[str, Callable[..., Any]]]] = {
    kind: (model, correctable(kind)) for kind, (model, _, _) in KINDS.items()
}


def _entry(session: Session, kind: str, entry_id: int) -> SQLModel:
    if kind not in CORRECTABLE:
        raise RegistryError(f"cannot correct a {kind!r}", hint=f"entries are: {', '.join(CORRECTABLE)}")
    model, _ = CORRECTABLE[kind]
    # Ids are positive 32-bit integers on every backend; anything else names no entry.
    row = session.get(model, entry_id) if 0 < entry_id < 2**31 else None
    if row is None:
        raise RegistryError(f"no {kind} with id {entry_id}",
                            hint="'registry log' and 'registry country CODE --json' show entry ids")
    return row


def correct(session: Session, kind: str, entry_id: int, changes: dict[str, str], *,
            reason: str, by: str | None = None) -> SQLModel:
    """Amend fields of an entry; every change is checked, then logged with its reason."""
    why = fields.reason(reason)
    row = _entry(session, kind, entry_id)
    _, allowed = CORRECTABLE[kind]
    if not changes:
        raise RegistryError("nothing to correct", hint="give FIELD=VALUE, e.g. date=2013-01-05")
    before = changelog.snapshot(row)
    for field, value in changes.items():
        if field not in allowed:
            raise RegistryError(
                f"a {kind}'s {field!r} cannot be corrected",
                hint=f"correctable fields: {', '.join(allowed) or 'none (retract it instead)'}",
            )
        setattr(row, field, allowed[field](value, field))
    _refuse_broken_row(session, kind, row)
    session.add(row)
    db.flush(session, f"the correction of {kind} {entry_id}")
    _refuse_inconsistency(session, kind, row)
    described = ", ".join(f"{f}={v!r}" for f, v in changes.items())
    changelog.record(session, what=f"{kind}.correct", row=row, by=by, before=before, reason=why,
                     country=_country_of(row), summary=f"{kind} {entry_id} corrected: {described}")
    return row


def retract(session: Session, kind: str, entry_id: int, *, reason: str,
            by: str | None = None) -> SQLModel:
    """Remove an entry made in error; the change log keeps what it said."""
    why = fields.reason(reason)
    row = _entry(session, kind, entry_id)
    if kind in ("instrument", "meeting"):
        raise RegistryError(
            f"a {kind} cannot be retracted while entries may refer to it",
            hint=f"correct its fields instead with 'registry correct {kind} {entry_id}'",
        )
    before = changelog.snapshot(row)
    session.delete(row)
    db.flush(session, f"the retraction of {kind} {entry_id}")
    _refuse_inconsistency(session, kind, row)
    changelog.record(session, what=f"{kind}.retract", row=row, by=by, before=before,
                     removed=True, reason=why, country=_country_of(row),
                     summary=f"{kind} {entry_id} retracted: {describe(kind, row)}")
    return row


def describe(kind: str, row: Any) -> str:
    """An entry in words, so that a clerk sees what an id stands for before and after a change."""
    if kind == "action":
        return f"{countries.name(row.country)} ({row.country}): {row.kind} of {row.instrument} on {row.date}"
    if kind == "report":
        return f"{countries.name(row.country)} ({row.country}): {row.cycle} report received on {row.received}"
    if kind == "attendance":
        return f"{countries.name(row.country)} ({row.country}) at {row.meeting}"
    if kind == "instrument":
        return f"{row.title} ({row.slug})"
    return f"{row.title} ({row.slug}, {row.starts})"


def _refuse_broken_row(session: Session, kind: str, row: Any) -> None:
    """What the tables' constraints would refuse, told in the registry's words before writing."""
    found = entries.row_problems(str(row.__tablename__), row.model_dump(), f"{kind} {row.id}")
    if found:
        raise found[0]
    if kind == "action" and row.meeting is not None:
        with session.no_autoflush:
            meetings.find(session, row.meeting)



def _country_of(row: SQLModel) -> str | None:
    return getattr(row, "country", None) or getattr(row, "host", None)


def _refuse_inconsistency(session: Session, kind: str, row: Any) -> None:
    db.flush(session, f"the change to {kind} {row.id}")
    reader = Reader.of(session)  # sees what this transaction has written
    if kind == "action":
        found = check.action_problems(reader, row.instrument, row.country)
        found += check.report_problems(reader)
    elif kind == "report":
        found = check.report_problems(reader, row.id)
    elif kind == "instrument":
        found = check.action_problems(reader, row.slug)
    elif kind == "meeting":
        found = check.meeting_problems(reader)
    else:
        found = []
    if found:
        session.rollback()
        raise RegistryError(
            "the correction would leave the registry inconsistent: "
            + "; ".join(str(p) for p in found),
            hint="nothing was changed; correct the related entries first, or choose other values",
        )
