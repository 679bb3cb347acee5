"""Plausible mistakes: values the rules allow but a careful clerk would look at twice.

A warning never refuses: the command shows it and asks the clerk to confirm
(or to add --yes), so that a report recorded for the wrong cycle, or a due
date typed where the date of receipt belongs, is caught before it is published.
"""

from datetime import date, timedelta

from registry.rules.cycle import Cycle, CycleSettings, cycles

#: How far from its due date a report is still plausibly for that cycle.
EARLY = timedelta(days=365)


def report_warnings(received: date, cycle: Cycle, settings: CycleSettings) -> list[str]:
    """What looks wrong about a report received on `received` for `cycle`."""
    found = []
    if received < cycle.due - EARLY:
        found.append(f"it was received on {received}, more than a year before the {cycle.slug} report "
                     f"was due ({cycle.due}): is {cycle.slug} the right cycle?")
    late = timedelta(days=365 * settings.report_interval_years)
    if received > cycle.due + late:
        found.append(f"it was received on {received}, more than {settings.report_interval_years} years after "
                     f"the {cycle.slug} report was due ({cycle.due}): is {cycle.slug} the right cycle?")
    found += due_date_warnings(received, settings, "the date of receipt")
    return found


def due_date_warnings(day: date, settings: CycleSettings, what: str) -> list[str]:
    """A date that falls on a due date is often the due date typed in place of the real one."""
    for known in cycles(settings, day):
        if known.due == day:
            return [f"{what}, {day}, is the day the {known.slug} report was due: "
                    "is it the date on the document, not the due date?"]
    return []
