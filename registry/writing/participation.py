"""Participation: countries joining and leaving instruments, and who is in.

Membership of the alliance is participation in its founding instrument, so
the same functions answer "who endorsed the Prague declaration" and "who
was a member of the alliance on 1 January 2013".
"""

from datetime import date

from sqlmodel import Session, col, select

from registry.rules import countries, entries, fields, history, plausibility
from registry.rules.errors import RegistryError
from registry.rules.history import Step
from registry.storage.models import EVIDENCE, JOINING_ACTIONS, Action
from registry.writing import alliance, changelog, countrynames, instruments, meetings


def step(action: Action) -> Step:
    return Step(action.kind, action.date, action.id or 0)


def actions_of(session: Session, instrument: str, country: str | None = None) -> list[Action]:
    query = select(Action).where(Action.instrument == instrument)
    if country:
        query = query.where(Action.country == country)
    return list(session.exec(query.order_by(col(Action.country), col(Action.date), col(Action.id))))


def join(
    session: Session,
    country: str,
    *,
    on: str | date,
    instrument: str | None = None,
    kind: str | None = None,
    evidence: str = "notification",
    meeting: str | None = None,
    source: str = "",
    note: str = "",
    written_as: str | None = None,
    by: str | None = None,
    where: str | None = None,
) -> Action:
    """Record that a country joined an instrument (the founding one by default).

    `written_as` is the country's name as the source document writes it; by default, the
    name `country` gives, unless that is a code."""
    iso2 = countries.resolve(country, where=where).iso2
    name = countrynames.name(session, iso2)
    slug = instrument or alliance.founding_instrument(session)
    found = instruments.find(session, slug, where=where)
    day = fields.past_date(on, "date", where=where)
    if day < found.adopted:
        raise RegistryError(
            f"{name} cannot join {slug} on {day}: "
            f"the instrument was adopted on {found.adopted}",
            where=where,
            hint="check the date",
        )
    earlier = actions_of(session, slug, iso2)
    steps = [step(a) for a in earlier]
    if history.participating_on(steps, day) or _joins_later(steps, day):
        raise RegistryError(
            f"{name} ({iso2}) already participates in {slug} on {day}",
            where=where,
            hint=f"'registry country {iso2}' shows its history; withdraw it first, "
            "or correct the existing entry",
        )
    if kind is None:
        kind = "re-accession" if earlier else "accession"
    action = _new_action(
        session, iso2, slug, kind, day, evidence, meeting, source, note, where=where
    )
    action.written_as = _written_as(country, written_as, where)
    history.require_coherent(steps + [step(action)], where=where or iso2)
    _save(session, action, by, f"{name} ({iso2}): {kind} to {slug} on {day}", where=where)
    return action


def withdraw(
    session: Session,
    country: str,
    *,
    on: str | date,
    instrument: str | None = None,
    evidence: str = "notification",
    source: str = "",
    note: str = "",
    written_as: str | None = None,
    by: str | None = None,
) -> Action:
    """Record that a country left an instrument (the founding one by default); `written_as`
    as for join()."""
    iso2 = countries.resolve(country).iso2
    name = countrynames.name(session, iso2)
    slug = instrument or alliance.founding_instrument(session)
    instruments.find(session, slug)
    day = fields.past_date(on, "date")
    steps = [step(a) for a in actions_of(session, slug, iso2)]
    current = history.standing(steps, day)
    if current is None or current.ended is not None:
        raise RegistryError(
            f"{name} ({iso2}) does not participate in {slug} on {day}",
            hint=f"'registry country {iso2}' shows its history",
        )
    if day <= current.began:
        raise RegistryError(
            f"the withdrawal on {day} is not after {name} joined on {current.began}",
            hint="a withdrawal must come after the accession it ends",
        )
    action = _new_action(session, iso2, slug, "withdrawal", day, evidence, None, source, note)
    action.written_as = _written_as(country, written_as, None)
    history.require_coherent(steps + [step(action)], where=iso2)
    _save(session, action, by, f"{name} ({iso2}): withdrawal from {slug} on {day}")
    return action


def _written_as(given: str, written_as: str | None, where: str | None) -> str:
    """The name the source document writes: as given, else the name the clerk typed (a code
    such as FR is not a name a document writes)."""
    if written_as is None:
        written_as = "" if countries.is_code(given) else given.strip()
    return entries.check("action", "written_as", written_as, where=where or "--written-as")


def _joins_later(steps: list[Step], day: date) -> bool:
    return any(s.date > day for s in steps)


def _new_action(session, iso2, slug, kind, day, evidence, meeting, source, note, *, where=None):
    if kind not in JOINING_ACTIONS + ("withdrawal",):
        raise RegistryError(
            f"unknown kind of action {fields.shown(kind)}", where=where,
            hint=f"kinds are: {', '.join(JOINING_ACTIONS)}",
        )
    if evidence not in EVIDENCE:
        raise RegistryError(
            f"unknown evidence {fields.shown(evidence)}", where=where, hint=f"use one of: {', '.join(EVIDENCE)}"
        )
    if meeting is not None:
        meetings.find(session, meeting, where=where)
    return Action(
        instrument=slug,
        country=iso2,
        kind=kind,
        date=day,
        evidence=evidence,
        meeting=meeting,
        source=fields.text(source, "source", where=where),
        note=fields.text(note, "note", where=where),
    )


def _save(session: Session, action: Action, by: str | None, summary: str, *, where: str | None = None) -> None:
    name = countrynames.name(session, action.country)
    what = f"{where}: the date" if where else f"the date of {name}'s {action.kind}"
    for warning in plausibility.due_date_warnings(action.date, alliance.get(session), what):
        changelog.warn(session, warning)
    session.add(action)
    session.flush()
    changelog.record(session, what=f"action.{action.kind}", row=action, by=by, summary=summary)
