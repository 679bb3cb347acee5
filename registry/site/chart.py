"""The membership growth chart, drawn at build time as SVG geometry.

The template only prints the numbers computed here, so the chart needs no
JavaScript, no external library and no style attributes (the CSP forbids
them); the same points are given as a table for readers who cannot see it. Its summary is
written in the language in use (rules/language.py).
"""

from dataclasses import dataclass
from datetime import date

from registry.rules import language

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 48, 16, 16, 36


@dataclass(frozen=True)
class Tick:
    position: float
    label: str


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    path: str  # a step line: the count holds until the next change
    area: str  # the same line closed down to the axis
    x_ticks: list[Tick]
    y_ticks: list[Tick]
    points: list[tuple[float, float, date, int]]  # x, y, day, count
    baseline: float
    left: int
    right: float
    summary: str


def growth_chart(points: list[tuple[date, int]], until: date) -> Chart | None:
    """A step chart of the member count from the first change to `until`."""
    if not points:
        return None
    first = points[0][0]
    last = max(until, points[-1][0])
    start_year, end_year = first.year, last.year + 1
    span = (date(end_year, 1, 1) - date(start_year, 1, 1)).days
    top_count = _nice_ceiling(max(count for _, count in points))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(day: date) -> float:
        return round(LEFT + plot_w * (day - date(start_year, 1, 1)).days / span, 1)

    def y(count: int) -> float:
        return round(TOP + plot_h * (1 - count / top_count), 1)

    baseline = y(0)
    commands = [f"M{x(first)} {baseline}"]
    for day, count in points:
        commands += [f"H{x(day)}", f"V{y(count)}"]
    commands.append(f"H{x(last)}")
    line = " ".join(commands)
    years = range(start_year, end_year + 1)
    step = max(1, len(years) // 8)
    return Chart(
        width=WIDTH,
        height=HEIGHT,
        path=line,
        area=f"{line} V{baseline} Z",
        x_ticks=[Tick(x(date(year, 1, 1)), str(year)) for year in years[::step]],
        y_ticks=[Tick(y(v), str(v)) for v in range(0, top_count + 1, max(1, top_count // 4))],
        points=[(x(day), y(count), day, count) for day, count in points],
        baseline=baseline,
        left=LEFT,
        right=WIDTH - RIGHT,
        summary=_summary(points, last),
    )


def _nice_ceiling(value: int) -> int:
    """The smallest multiple of 20 (at least 20) not below `value`, for round ticks."""
    return max(20, -(-value // 20) * 20)


def _summary(points: list[tuple[date, int]], last: date) -> str:
    """The chart in words: "12 members on 5 December 2012; 40 members after 28 later changes,
    to 1 December 2026."."""
    first_day, first_count = points[0]
    final, changes = points[-1][1], len(points) - 1
    start = language.ngettext("%(count)s member on %(day)s", "%(count)s members on %(day)s", first_count) % {
        "count": first_count, "day": language.long_date(first_day)}
    if not changes:
        return language.gettext("%(start)s, unchanged to %(day)s.") % {
            "start": start, "day": language.long_date(last)}
    after = language.ngettext("%(count)s later change", "%(count)s later changes", changes) % {"count": changes}
    end = language.ngettext("%(count)s member after %(changes)s", "%(count)s members after %(changes)s", final) % {
        "count": final, "changes": after}
    return language.gettext("%(start)s; %(end)s, to %(day)s.") % {
        "start": start, "end": end, "day": language.long_date(last)}
