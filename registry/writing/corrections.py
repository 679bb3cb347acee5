"""Corrections: amending or retracting an entry, always with a reason.

Nothing is overwritten silently: the change log keeps the entry as it was
before, as it is after, who corrected it and why. A correction that would
leave the registry inconsistent is refused and nothing is written.
"""

from collections.abc import Callable
from typing import Any

from sqlmodel import Session, SQLModel, select

from registry.reading import check
from registry.rules import clock, countries, cycle, entries, fields, plausibility
from registry.rules.errors import RegistryError
from registry.storage import db
from registry.storage.models import (
    Action,
    Alliance,
    Attendance,
    Commitment,
    CountryName,
    Decision,
    Document,
    Indicator,
    IndicatorValue,
    Instrument,
    Meeting,
    Report,
    Target,
)
from registry.storage.rows import Reader
from registry.writing import changelog, countrynames, meetings, releases


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
    "decision": (Decision, ("id", "meeting"), {"instrument": _optional_slug}),
    "document": (Document, ("id", "meeting"), {}),
    "target": (Target, ("id", "slug", "instrument"), {}),
    "commitment": (Commitment, ("id", "country", "target"), {}),
    "indicator": (Indicator, ("id", "slug", "target"), {}),
    "indicator-value": (IndicatorValue, ("id", "indicator", "year"), {}),
    "country-name": (CountryName, ("id", "country"), {}),
}
#: Kinds of entry that others refer to: corrected, never retracted.
REFERRED_TO = ("instrument", "meeting", "target", "indicator")


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


#: How clerks name each kind of entry besides its id.
NAMED_BY = {
    "action": "its id",
    "report": "its id, or COUNTRY CYCLE (FR 2016)",
    "instrument": "its id or slug (prague-2009)",
    "meeting": "its id or slug (conference-8)",
    "attendance": "its id, or MEETING COUNTRY (conference-7 FR)",
    "decision": "its id, or MEETING NUMBER (conference-8 2)",
    "document": "its id",
    "target": "its id or slug (identify-victims)",
    "commitment": "its id",
    "indicator": "its id or slug (icse-identified-victims)",
    "indicator-value": "its id, or INDICATOR YEAR (icse-identified-victims 2015)",
    "country-name": "its id or its country (TR)",
}
#: The kinds named by two words, and the two fields the words give.
NAMED_BY_TWO: dict[str, tuple[Any, str, str]] = {
    "report": (Report, "country", "cycle"), "attendance": (Attendance, "meeting", "country"),
    "decision": (Decision, "meeting", "number"), "indicator-value": (IndicatorValue, "indicator", "year"),
}

Key = int | str | list[str] | tuple[str, ...]


def find(session: Session, kind: str, key: Key) -> SQLModel:
    """The entry a clerk names: by its id, or the way NAMED_BY says."""
    if kind == "release":
        raise RegistryError(f"a release cannot be corrected or retracted: {releases.IMMUTABLE}",
                            hint=releases.IMMUTABLE_HINT)
    if kind not in CORRECTABLE:
        raise RegistryError(f"cannot correct or retract {fields.shown(kind)}: it is not a kind of entry",
                            hint=f"entries are: {', '.join(CORRECTABLE)}")
    words = [key] if isinstance(key, int | str) else list(key)
    if len(words) == 1 and _is_id(words[0]):
        # No id has more than ten digits; a longer number names no entry (and int() refuses 5,000 digits).
        word = str(words[0]).strip()
        return _by_id(session, kind, int(word) if len(word) <= 12 else 0, shown=word)
    row = _by_name(session, kind, [str(w) for w in words])
    if row is None:
        raise RegistryError(f"no {kind} {fields.shown(' '.join(map(str, words)))} is recorded",
                            hint=f"name {_a(kind)} by {NAMED_BY[kind]}; 'registry country CODE' shows ids")
    return row


def _is_id(word: int | str) -> bool:
    # ASCII digits only: str.isdigit() also takes superscripts and other scripts' digits.
    return isinstance(word, int) or word.strip().isascii() and word.strip().isdigit()


def _by_id(session: Session, kind: str, entry_id: int, *, shown: str | None = None) -> SQLModel:
    model, _ = CORRECTABLE[kind]
    # Ids are positive 32-bit integers on every backend; anything else names no entry.
    row = session.get(model, entry_id) if 0 < entry_id < 2**31 else None
    if row is None:
        raise RegistryError(f"no {kind} with id {shown or entry_id}",
                            hint="'registry log' and 'registry country CODE' show entry ids")
    return row


def _by_name(session: Session, kind: str, words: list[str]) -> SQLModel | None:
    slugged: dict[str, Any] = {"instrument": Instrument, "meeting": Meeting, "target": Target, "indicator": Indicator}
    if kind in slugged and len(words) == 1 and fields.is_slug(words[0]):
        model = slugged[kind]
        return session.exec(select(model).where(model.slug == words[0])).first()
    if kind == "country-name" and len(words) == 1:
        return session.exec(select(CountryName).where(CountryName.country == _key_value("country", words[0]))).first()
    if kind in NAMED_BY_TWO and len(words) == 2:
        model, first, second = NAMED_BY_TWO[kind]
        values = [_key_value(field, word) for field, word in ((first, words[0]), (second, words[1]))]
        if None not in values:
            return session.exec(select(model).where(getattr(model, first) == values[0],
                                                    getattr(model, second) == values[1])).first()
    raise RegistryError(f"{fields.shown(' '.join(words))} does not name {_a(kind)}",
                        hint=f"name {_a(kind)} by {NAMED_BY[kind]}")


def _key_value(field: str, word: str) -> Any:
    """One word of a natural key as the table holds it: a country as its code, a number as a number."""
    word = word.strip()
    if field == "country":
        return countries.resolve(word).iso2
    if field in ("number", "year"):
        return int(word) if word.isascii() and word.isdigit() and len(word) <= 6 else None
    return word if field == "cycle" or fields.is_slug(word) else None


def key_words(kind: str, words: list[str]) -> int:
    """How many of `words` name the entry: one (an id or a slug), or two (COUNTRY CYCLE,
    MEETING COUNTRY) for the kinds NAMED_BY names that way."""
    two = kind in NAMED_BY_TWO and bool(words) and not _is_id(words[0])
    return 2 if two else 1


def _a(kind: str) -> str:
    return f"an {kind}" if kind[0] in "aeiou" else f"a {kind}"


def correct(session: Session, kind: str, key: Key, changes: dict[str, str], *,
            reason: str, by: str | None = None) -> SQLModel:
    """Amend fields of an entry; every change is checked, then logged with its reason."""
    why = fields.reason(reason)
    row = find(session, kind, key)
    entry_id = getattr(row, "id", None)
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
    _warn(session, kind, row, changes)
    session.add(row)
    db.flush(session, f"the correction of {kind} {entry_id}")
    refuse_inconsistency(session, kind, row)
    described = ", ".join(f"{f} {_shown(getattr(row, f))}" for f in changes)
    changelog.record(session, what=f"{kind}.correct", row=row, by=by, before=before, reason=why,
                     country=_country_of(row),
                     summary=f"{kind} {entry_id} ({describe(kind, row, _names(session))}) corrected: {described}")
    return row


def _names(session: Session) -> Callable[[str], str]:
    return countrynames.naming(session).name


def _shown(value: Any) -> str:
    return "now empty" if value in ("", None) else f"now {value}"


def retract(session: Session, kind: str, key: Key, *, reason: str,
            by: str | None = None) -> SQLModel:
    """Remove an entry made in error; the change log keeps what it said."""
    why = fields.reason(reason)
    row = find(session, kind, key)
    entry_id = getattr(row, "id", None)
    if kind in REFERRED_TO:
        raise RegistryError(
            f"a {kind} cannot be retracted while entries may refer to it",
            hint=f"correct its fields instead with 'registry correct {kind} {entry_id}'",
        )
    before = changelog.snapshot(row)
    session.delete(row)
    db.flush(session, f"the retraction of {kind} {entry_id}")
    refuse_inconsistency(session, kind, row, doing="the retraction")
    changelog.record(session, what=f"{kind}.retract", row=row, by=by, before=before,
                     removed=True, reason=why, country=_country_of(row),
                     summary=f"{kind} {entry_id} retracted: {describe(kind, row, _names(session))}")
    return row


def describe(kind: str, row: Any, name: Callable[[str], str] = countries.name) -> str:
    """An entry in words, so that a clerk sees what an id stands for before and after a change;
    countries named by `name` (the registry's naming, where a session is at hand)."""
    if kind == "action":
        return f"{name(row.country)} ({row.country}): {row.kind} of {row.instrument} on {row.date}"
    if kind == "report":
        return f"{name(row.country)} ({row.country}): {row.cycle} report received on {row.received}"
    if kind == "attendance":
        return f"{name(row.country)} ({row.country}) at {row.meeting}, as {row.role}"
    if kind in ("instrument", "target", "indicator"):
        return f"{row.title} ({row.slug})"
    if kind == "decision":
        return f"decision {row.number} of {row.meeting}: {row.title}"
    if kind == "document":
        return f"{row.kind} document of {row.meeting}: {row.title}"
    if kind == "commitment":
        return f"{name(row.country)} ({row.country}) under {row.target} in the {row.cycle} cycle"
    if kind == "indicator-value":
        return f"{row.indicator} in {row.year}: {row.value:g}"
    if kind == "country-name":
        return f"the preferred name of {row.country}: {row.name}"
    return f"{row.title} ({row.slug}, {row.starts})"


def _warn(session: Session, kind: str, row: Any, changes: dict[str, str]) -> None:
    """The plausible mistakes a first entry is warned of, warned of when corrected too."""
    settings = session.get(Alliance, 1)
    if settings is None:
        return
    if kind == "report" and "received" in changes:
        with session.no_autoflush:
            found = cycle.find(settings, row.cycle, until=max(row.received, clock.today()))
        warnings = plausibility.report_warnings(row.received, found, settings)
    elif kind == "action" and "date" in changes:
        warnings = plausibility.due_date_warnings(row.date, settings, "the corrected date")
    else:
        warnings = []
    for warning in warnings:
        changelog.warn(session, f"{describe(kind, row, _names(session))}: {warning}")


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


def refuse_inconsistency(session: Session, kind: str, row: Any, *, doing: str = "the correction") -> None:
    """Refuse a change that the registry's consistency checks would find fault with; `kind` is
    the entry's table (a setting's is "alliance")."""
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
    elif kind == "alliance":  # the cycles and the founding instrument must still account for every report
        found = check.report_problems(reader)
    else:
        found = []
    if found:
        session.rollback()
        raise RegistryError(
            f"{doing} would leave the registry inconsistent: "
            + "; ".join(str(p) for p in found),
            hint="nothing was changed; correct the related entries first, or choose other values",
        )
