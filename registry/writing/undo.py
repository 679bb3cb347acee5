"""Undo: reverting one logged change by a new, logged change that compensates it.

Nothing is erased from the log: the undone change stays, and the undo is a
change of its own, with who made it and why. A change is undone only while
it is the last one made to its entry, and only when the registry stays
consistent without it (a withdrawal recorded after an accession keeps the
accession from being undone, an entry that refers to an instrument keeps the
instrument).
"""

import json
from typing import Any

from sqlmodel import Session, SQLModel, col, select

from registry.rules import entries, fields
from registry.rules.errors import RegistryError
from registry.storage import db
from registry.storage import models as m
from registry.storage.models import Change
from registry.writing import changelog, corrections, countrynames, releases

MODELS: dict[str, type[SQLModel]] = {
    "action": m.Action, "report": m.Report, "instrument": m.Instrument, "meeting": m.Meeting,
    "attendance": m.Attendance, "alliance": m.Alliance, "decision": m.Decision, "document": m.Document,
    "target": m.Target, "commitment": m.Commitment, "indicator": m.Indicator, "indicator_value": m.IndicatorValue,
    "country_name": m.CountryName,
}


def find(session: Session, change_id: int) -> Change:
    change = session.get(Change, change_id) if 0 < change_id <= entries.LARGEST_ID else None
    if change is None:
        raise RegistryError(f"there is no change {change_id}", hint="'registry log' lists the changes with their ids")
    return change


def undo(session: Session, change_id: int, *, reason: str, by: str | None = None) -> Change:
    """Revert change `change_id`; returns the compensating change, already logged."""
    why = fields.reason(reason)
    change = find(session, change_id)
    if change.entity == "release":
        raise RegistryError(f"change {change_id} ({change.summary}) cannot be undone: {releases.IMMUTABLE}",
                            hint=releases.IMMUTABLE_HINT)
    model = MODELS.get(change.entity)
    if model is None:
        raise RegistryError(f"change {change_id} ({change.summary}) cannot be undone")
    _refuse_later_changes(session, change)
    before = json.loads(change.before) if change.before else None
    after = json.loads(change.after) if change.after else None
    current = session.get(model, change.entity_id) if change.entity_id is not None else None
    _refuse_drift(change, current, after)
    was = changelog.snapshot(current)
    if before is None:  # the change added the entry: remove it
        assert current is not None
        session.delete(current)
        row = current
    elif current is None:  # the change removed the entry: put it back, under its own id
        row = model(**_values(change, before))
        session.add(row)
    else:  # the change amended the entry: set its fields back
        for field, value in _values(change, before).items():
            setattr(current, field, value)
        session.add(current)
        row = current
    db.flush(session, f"undoing change {change_id}")
    if change.entity in ("alliance", "country_name"):
        countrynames.forget(session)  # the names in force may be the ones just set back
    corrections.refuse_inconsistency(session, change.entity, row, doing=f"undoing change {change_id}")
    return changelog.record(
        session, what=f"{change.entity}.undo", row=row, by=by, before=was, removed=before is None,
        reason=why, country=change.country, summary=f"change {change_id} undone ({change.summary})")


def _refuse_later_changes(session: Session, change: Change) -> None:
    later = session.exec(select(Change).where(
        Change.entity == change.entity, Change.entity_id == change.entity_id,
        col(Change.id) > change.id).order_by(col(Change.id))).first()
    if later is not None:
        raise RegistryError(
            f"change {change.id} cannot be undone: change {later.id} ({later.summary}) was made to the same "
            "entry later", hint=f"undo change {later.id} first, or correct the entry instead")


def _refuse_drift(change: Change, current: Any, after: dict[str, Any] | None) -> None:
    """The entry must still read as the change left it, or undoing it would lose what came after."""
    if after is None:
        drifted = current is not None
    else:
        shown = changelog.snapshot(current)
        now = json.loads(shown) if shown is not None else None
        drifted = now is None or any(now.get(k) != v for k, v in after.items())
    if drifted:
        raise RegistryError(f"change {change.id} cannot be undone: the entry no longer reads as it left it",
                            hint="'registry log' shows what changed it since; correct the entry instead")


def _values(change: Change, logged: dict[str, Any]) -> dict[str, Any]:
    """An entry's logged values as the table stores them, held to today's rules."""
    values, problems = entries.cleaned(str(MODELS[change.entity].__tablename__), logged, f"change {change.id}")
    if problems:
        raise RegistryError(f"change {change.id} cannot be undone: {problems[0]}")
    return values
