"""Where countries stand in an instrument on a date, derived from their actions.

Membership of the alliance is participation in its founding instrument, so
the same rule answers "who endorsed the Prague declaration" and "who was a
member on 1 January 2013". The rule itself (`standing_of`, `growth`) is
pure; `standings()` adds the one read it needs, in plain SQL (rows.py), so
that `registry status` answers without loading the ORM.
"""

from datetime import date
from typing import NamedTuple

from registry import countries, history
from registry.errors import RegistryError
from registry.history import Step
from registry.rows import Reader, day, marks, no_settings


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
    return standings_of(slug, steps(reader, slug), as_of)


def standings_of(instrument: str, steps_by_country: dict[str, list[Step]], as_of: date) -> list[Standing]:
    """standings(), from each country's steps in the instrument; a pure function."""
    found = (standing_of(iso2, instrument, steps, as_of) for iso2, steps in steps_by_country.items())
    return sorted((s for s in found if s), key=lambda s: (s.name, s.iso2))


def steps(reader: Reader, instrument: str, countries: list[str] | None = None) -> dict[str, list[Step]]:
    """Each country's steps (of `countries`, or of all) in an instrument, in date order."""
    where, params = "instrument = ?", (instrument,)
    if countries is not None:
        if not countries:
            return {}
        where += f" AND country IN ({marks(countries)})"
        params += tuple(countries)
    found: dict[str, list[Step]] = {}
    for iso2, kind, on, number in reader.rows(f"SELECT country, kind, date, id FROM action WHERE {where} "
                                              "ORDER BY country, date, id", params):
        found.setdefault(iso2, []).append(Step(kind, day(on), number))
    return found


def founding_instrument(reader: Reader) -> str:
    """The instrument whose participants are the alliance's members."""
    found = reader.rows("SELECT founding_instrument FROM alliance WHERE id = 1")
    if not found:
        raise no_settings()
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
