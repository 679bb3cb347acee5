"""Where countries stand in an instrument: the rule (rules/standing.py) fed from the registry.

`steps()` is the one place participation is read: for one instrument or all,
for some countries or all. `registry status`, a country's listing, the
reporting record and the site all take their steps from it.
"""

from datetime import date
from operator import itemgetter

from registry.reading import naming
from registry.rules import fields
from registry.rules.errors import RegistryError
from registry.rules.history import Step
from registry.rules.standing import Standing, no_instrument, standings_of
from registry.storage.location import no_settings
from registry.storage.rows import Reader, Row, day, marks

_BY_INSTRUMENT_COUNTRY_DATE = itemgetter("instrument", "country", "date", "id")
#: Each country's steps in each instrument: steps[instrument][country], in date order.
Steps = dict[str, dict[str, list[Step]]]


def standings(reader: Reader, as_of: date, instrument: str | None = None) -> list[Standing]:
    """Every country that had joined `instrument` (the founding one by default) by `as_of`, by name."""
    slug = instrument or founding_instrument(reader)
    # What cannot be a slug names no instrument, and is not asked (PostgreSQL refuses a NUL).
    if not fields.is_slug(slug) or reader.value("SELECT 1 FROM instrument WHERE slug = ?", (slug,)) is None:
        raise no_instrument(slug)
    return standings_of(slug, steps(reader, slug).get(slug, {}), as_of, naming.of(reader))


def steps(reader: Reader, instrument: str | None = None, countries: list[str] | None = None) -> Steps:
    """Each country's steps in each instrument (or in `instrument`), of `countries` (or of all)."""
    clauses: list[str] = []
    params: tuple[object, ...] = ()
    if instrument is not None:
        clauses.append("instrument = ?")
        params += (instrument,)
    if countries is not None:
        if not countries:
            return {}
        clauses.append(f"country IN ({marks(countries)})")
        params += tuple(countries)
    found: Steps = {}
    days: dict[str, date] = {}
    # The rows as `registry export` reads them, so that a build reads the actions once.
    for a in sorted(reader.table("action", " AND ".join(clauses), params), key=_BY_INSTRUMENT_COUNTRY_DATE):
        when = days.get(a["date"])
        if when is None:
            when = days[a["date"]] = day(a["date"])
        found.setdefault(a["instrument"], {}).setdefault(a["country"], []).append(Step(a["kind"], when, a["id"]))
    return found


def settings(reader: Reader) -> Row:
    """The alliance's settings: the one row of the alliance table."""
    found = reader.records("alliance")
    if not found:
        raise no_settings()
    return found[0]


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
