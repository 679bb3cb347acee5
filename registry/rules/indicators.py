"""An indicator's target path: where its values should be if the goal's yearly growth is met.

The path starts from the first recorded value and grows by the goal's percentage each
year ("at least 10% more each year"); a year's value is on track when it reaches the path.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Point:
    year: int
    value: float | None  # None for a year with no recorded value
    path: float | None  # None when there is no growth target or no first value yet

    @property
    def on_track(self) -> bool | None:
        if self.value is None or self.path is None:
            return None
        return self.value >= self.path


def path(values: dict[int, float], growth_percent: float | None, until: int | None = None) -> list[Point]:
    """Each year from the first recorded one to `until` (or the last recorded), with its value
    and where the path says it should be."""
    if not values:
        return []
    first = min(values)
    last = max(until or max(values), max(values))
    rate = None if growth_percent is None else 1 + growth_percent / 100
    return [Point(year, values.get(year), None if rate is None else values[first] * rate ** (year - first))
            for year in range(first, last + 1)]
