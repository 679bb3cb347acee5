"""Set-based reading for the snapshot: the actions loaded once, derived in memory.

The library's per-item functions (participation.standings per instrument,
listing.country_record per country) each run queries; for a registry with
hundreds of instruments and tens of thousands of actions that is thousands of
queries. Here the actions of the export document are grouped once and the
library's own pure functions (standing.standing_of, standing.growth,
listing.assemble) do the deriving, so the site agrees with `registry status`
and `registry country`; tests/test_bench_smoke.py checks that they do.
"""

from collections import defaultdict
from datetime import date
from operator import itemgetter
from typing import Any

from registry.reading import listing
from registry.rules import standing
from registry.rules.history import Step
from registry.storage.rows import Row


class Actions:
    """The actions of the export document, grouped as the derivations need them."""

    def __init__(self, actions: list[dict[str, Any]]):
        # The document lists actions by instrument, country, date, id.
        self.steps: dict[str, dict[str, list[Step]]] = defaultdict(lambda: defaultdict(list))
        self.of_country: dict[str, list[dict[str, Any]]] = defaultdict(list)
        self.meetings_of: dict[str, set[str]] = defaultdict(set)
        days: dict[str, date] = {}
        for a in actions:
            day = days.get(a["date"])
            if day is None:
                day = days[a["date"]] = date.fromisoformat(a["date"])
            self.steps[a["instrument"]][a["country"]].append(Step(a["kind"], day, a["id"]))
            self.of_country[a["country"]].append((day, a["id"], a))
            if a["meeting"]:
                self.meetings_of[a["instrument"]].add(a["meeting"])
        by_day_and_id = itemgetter(0, 1)
        for rows in self.of_country.values():
            rows.sort(key=by_day_and_id)

    def standings(self, instrument: str, as_of: date) -> list[standing.Standing]:
        """standings.standings(reader, as_of, instrument), from memory."""
        return standing.standings_of(instrument, self.steps.get(instrument, {}), as_of)

    def history(self, iso2: str, as_of: date) -> list[dict[str, Any]]:
        """The `history` of listing.country_record: every action up to `as_of`, oldest first."""
        return [dict(a) for day, _, a in self.of_country.get(iso2, []) if day <= as_of]

    def growth(self, founding: str, today: date) -> list[tuple[date, int]]:
        """standing.growth() of the founding instrument's histories."""
        return standing.growth(list(self.steps.get(founding, {}).values()), today)


def country_record(iso2: str, as_of: date, membership, record, actions: Actions,
                   attended_meetings: list[Row]) -> dict[str, Any]:
    """listing.country_record(session, iso2, as_of), from memory."""
    return listing.assemble(iso2, as_of, membership, actions.history(iso2, as_of), record, attended_meetings)
