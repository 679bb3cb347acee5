"""The alliance's aims as recorded: targets and goals, commitments under them, indicators."""

from dataclasses import dataclass

from registry.rules import indicators, terms
from registry.storage.rows import Reader, Row


def targets(reader: Reader) -> list[Row]:
    """Policy targets first, then operational goals, each in its order in the instrument."""
    return sorted(reader.records("target"), key=lambda t: (t.instrument, t.kind != "policy-target", t.number))


def commitments(reader: Reader, country: str | None = None, target: str | None = None) -> list[Row]:
    """Commitments by target, cycle and country; only those of `country` or under `target` if given."""
    found = [c for c in reader.records("commitment")
             if (country is None or c.country == country) and (target is None or c.target == target)]
    return sorted(found, key=lambda c: (c.target, c.cycle, c.country, c.id))


def reporting_counts(reader: Reader) -> dict[str, int]:
    """How many countries have reported under each target."""
    counted: dict[str, set[str]] = {}
    for commitment in reader.records("commitment"):
        counted.setdefault(commitment.target, set()).add(commitment.country)
    return {slug: len(codes) for slug, codes in counted.items()}


@dataclass(frozen=True)
class Measured:
    """An indicator, its recorded values (each with its source) and its target path."""

    indicator: Row
    values: list[Row]  # by year
    points: list[indicators.Point]


def measured(reader: Reader) -> list[Measured]:
    values: dict[str, list[Row]] = {}
    for value in sorted(reader.records("indicator_value"), key=lambda v: v.year):
        values.setdefault(value.indicator, []).append(value)
    return [Measured(i, values.get(i.slug, []),
                     indicators.path({v.year: v.value for v in values.get(i.slug, [])}, i.growth_percent))
            for i in sorted(reader.records("indicator"), key=lambda i: i.slug)]


#: Each kind of target and each status of a commitment, in words.
TARGET_WORDS = {kind: words.capitalize() for kind, words in terms.TARGET_WORDS.items()}
STATUS_WORDS = terms.COMMITMENT_WORDS
