"""Where countries stand in an instrument on a date, derived from their actions.

Membership of the alliance is participation in its founding instrument, so
the same rule answers "who endorsed the Prague declaration" and "who was a
member on 1 January 2013". Pure functions: reading/standings.py gathers
their input from the registry.
"""

from datetime import date
from typing import NamedTuple

from registry.rules import fields, history, naming
from registry.rules.errors import RegistryError
from registry.rules.history import Step


class Standing(NamedTuple):
    """Where one country stands in one instrument on a given date."""

    iso2: str
    name: str
    instrument: str
    status: str  # "member" or "withdrawn"
    joined: date  # start of the latest period of participation
    withdrawn: date | None
    first_joined: date
    kind: str  # how the latest period began: endorsement, accession, ...


def standing_of(iso2: str, instrument: str, steps: list[Step], as_of: date,
                names: naming.Naming = naming.UN) -> Standing | None:
    """The standing of one country, from its steps in one instrument; None if it had not joined.
    The country is named as `names` names it on `as_of`."""
    spans = history.periods(steps)
    current = history.standing_in(spans, as_of)
    if current is None:
        return None
    return Standing(
        iso2=iso2,
        name=names.name(iso2, on=as_of),
        instrument=instrument,
        status="member" if current.ended is None else "withdrawn",
        joined=current.began,
        withdrawn=current.ended,
        first_joined=spans[0].began,
        kind=current.kind,
    )


def growth(histories: list[list[Step]], until: date) -> list[tuple[date, int]]:
    """How many participate after each day the count changed, up to `until`.

    `histories` holds one list of steps per country.
    """
    spans = [history.periods(steps) for steps in histories]
    days = sorted({s.date for steps in histories for s in steps if s.date <= until})
    points: list[tuple[date, int]] = []
    for on in days:
        count = sum(any(p.covers(on) for p in country) for country in spans)
        if not points or points[-1][1] != count:
            points.append((on, count))
    return points


def standings_of(instrument: str, steps_by_country: dict[str, list[Step]], as_of: date,
                 names: naming.Naming = naming.UN) -> list[Standing]:
    """standings(), from each country's steps in the instrument, filed by name; a pure function."""
    found = (standing_of(iso2, instrument, steps, as_of, names) for iso2, steps in steps_by_country.items())
    return sorted((s for s in found if s), key=lambda s: (naming.sort_key(s.name), s.iso2))


def no_instrument(slug: str, where: str | None = None) -> RegistryError:
    return RegistryError(
        f"no instrument {fields.shown(slug)}",
        where=where,
        hint="'registry instrument list' shows the instruments; add one with 'registry instrument add'",
    )
