"""The reporting record: what each member owes in each cycle, and what it has sent.

The rule is cycle.py's; this gathers its inputs (the cycle settings, the
founding instrument's steps and the reports) for all countries or some.
"""

from datetime import date

from registry.reading import naming
from registry.reading.standings import founding_instrument, settings, steps
from registry.rules import cycle
from registry.rules.cycle import Cycle, Record
from registry.storage.rows import Reader, Row, marks


def records(reader: Reader, as_of: date, countries: list[str] | None = None) -> tuple[list[Cycle], list[Record]]:
    """The cycles known on `as_of`, and the record of each country (of `countries`, or of every
    country that had joined by then), by name."""
    alliance = settings(reader)
    founding = founding_instrument(reader)
    known = cycle.cycles(alliance, as_of)
    histories = steps(reader, founding, countries).get(founding, {})
    reports = {(r.country, r.cycle): r for r in reports_of(reader, countries)}
    names = naming.of(reader)
    if countries is None:
        return known, cycle.records(histories, known, reports, as_of, alliance.records_kept_since, names)
    return known, [cycle.record(iso2, histories.get(iso2, []), known, reports, as_of, alliance.records_kept_since,
                                names) for iso2 in countries]


def reports_of(reader: Reader, countries: list[str] | None = None) -> list[Row]:
    if countries is None:
        return reader.records("report")
    if not countries:
        return []
    return reader.records("report", f"country IN ({marks(countries)})", tuple(countries))
