"""Where countries stand in an instrument on a date, derived from their actions.

Membership of the alliance is participation in its founding instrument, so
the same rule answers "who endorsed the Prague declaration" and "who was a
member on 1 January 2013". The rule itself (`standing_of`, `growth`) is
pure; `standings()` adds the one read it needs, in plain SQL (rows.py), so
that `registry status` answers without loading the ORM.
"""

from datetime import date
from itertools import groupby
from typing import NamedTuple

from registry import countries, history
from registry.errors import RegistryError
from registry.history import Step
from registry.rows import Reader, day


class Standing(NamedTuple):
    """Where one country stands in one instrument on a given date.

    A named tuple: the site keeps tens of thousands of them between builds (patch.py),
    and tuples are the cheapest objects to store and load.
    """

    iso2: str
    name: str
    instrument: str
    status: str  # "member" or "withdrawn"
    joined: date  # start of the latest period of participation
    withdrawn: date | None
    first_joined: date
    kind: str  # how the latest period began: endorsement, accession, ...


def standing_of(iso2: str, instrument: str, steps: list[Step], as_of: date) -> Standing | None:
    """The standing of one country, from its steps in one instrument; None if it had not joined."""
    spans = history.periods(steps)
    current = history.standing_in(spans, as_of)
    if current is None:
        return None
    return Standing(
        iso2=iso2,
        name=countries.name(iso2),
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


def standings(reader: Reader, as_of: date, instrument: str | None = None) -> list[Standing]:
    """Every country that had joined `instrument` (the founding one by default) by `as_of`, by name."""
    slug = instrument or founding_instrument(reader)
    if reader.value("SELECT 1 FROM instrument WHERE slug = ?", (slug,)) is None:
        raise no_instrument(slug)
    actions = reader.rows("SELECT country, kind, date, id FROM action WHERE instrument = ? "
                          "ORDER BY country, date, id", (slug,))
    found = []
    for iso2, rows in groupby(actions, key=lambda row: row[0]):
        standing = standing_of(iso2, slug, [Step(kind, day(on), id) for _, kind, on, id in rows], as_of)
        if standing:
            found.append(standing)
    return sorted(found, key=lambda s: (s.name, s.iso2))


def founding_instrument(reader: Reader) -> str:
    """The instrument whose participants are the alliance's members."""
    found = reader.rows("SELECT founding_instrument FROM alliance WHERE id = 1")
    if not found:
        # Only a registry made by an interrupted `init` lacks the row.
        raise RegistryError("the registry has no settings", hint="run 'registry init' again")
    if not found[0][0]:
        raise RegistryError(
            "the registry has no founding instrument, so it cannot tell who is a member",
            hint="name one with 'registry settings set founding-instrument SLUG', "
            "or load the founding record with 'registry init --seed'",
        )
    return found[0][0]


def no_instrument(slug: str, where: str | None = None) -> RegistryError:
    return RegistryError(
        f"no instrument {slug!r}",
        where=where,
        hint="'registry instrument list' shows the instruments; add one with 'registry instrument add'",
    )
