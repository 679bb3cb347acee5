"""Each country's periods of participation in each instrument, as the history rules derive them.

The site publishes them as Popolo memberships (data/popolo.json): one per unbroken period,
from the day a country joined to the day it withdrew. They are worked out here, by
rules.history, from the actions as `registry export` writes them, so that a site build takes
them from the one snapshot it read and never decides membership itself.
"""

from datetime import date
from typing import Any

from registry.rules import history
from registry.rules.history import Period, Step

#: periods[instrument][country]: the periods, oldest first.
Periods = dict[str, dict[str, list[Period]]]


def periods(actions: list[dict[str, Any]], as_of: date) -> Periods:
    """The periods of participation up to `as_of` (later actions are not yet in force), by
    instrument and country, from action rows (`instrument`, `country`, `kind`, `date`, `id`)."""
    up_to = as_of.isoformat()
    steps: dict[str, dict[str, list[Step]]] = {}
    days: dict[str, date] = {}  # a large registry's 67,000 actions fall on a few thousand days
    for a in actions:  # in any order: history.periods() puts each country's steps in order
        if a["date"] <= up_to:
            when = days.get(a["date"]) or days.setdefault(a["date"], date.fromisoformat(a["date"]))
            steps.setdefault(a["instrument"], {}).setdefault(a["country"], []).append(Step(a["kind"], when, a["id"]))
    return {instrument: {country: history.periods(found) for country, found in by_country.items()}
            for instrument, by_country in steps.items()}
