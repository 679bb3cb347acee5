"""Where countries stand in an instrument: the rule (rules/standing.py) fed from the registry.

One read per question, in plain SQL on the reader, so that `registry status`
answers without loading the ORM.
"""

from datetime import date

from registry.rules.errors import RegistryError
from registry.rules.history import Step
from registry.rules.standing import Standing, no_instrument, standings_of
from registry.storage.location import no_settings
from registry.storage.rows import Reader, day, marks


def standings(reader: Reader, as_of: date, instrument: str | None = None) -> list[Standing]:
    """Every country that had joined `instrument` (the founding one by default) by `as_of`, by name."""
    slug = instrument or founding_instrument(reader)
    if reader.value("SELECT 1 FROM instrument WHERE slug = ?", (slug,)) is None:
        raise no_instrument(slug)
    return standings_of(slug, steps(reader, slug), as_of)



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
