"""Each country's periods of participation in each instrument, as the history rules derive them.

The site publishes them as Popolo memberships (data/popolo.json): one per unbroken period,
from the day a country joined to the day it withdrew. They are worked out here, by
rules.history, from the steps the snapshot read (reading/standings.py), so that a site build
never reads or decides participation a second way.
"""

from datetime import date

from registry.rules import history
from registry.rules.history import Period, Step

#: periods[instrument][country]: the periods, oldest first.
Periods = dict[str, dict[str, list[Period]]]


def periods(every_step: dict[str, dict[str, list[Step]]], as_of: date) -> Periods:
    """The periods of participation up to `as_of` (later actions are not yet in force), by
    instrument and country, from each instrument's steps by country (standings.steps)."""
    found: Periods = {}
    for instrument, by_country in every_step.items():
        for country, steps in by_country.items():
            done = [step for step in steps if step.date <= as_of]
            if done:
                found.setdefault(instrument, {})[country] = history.periods(done)
    return found
