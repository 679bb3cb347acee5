"""An indicator's chart: its recorded values against the goal's target path, as SVG geometry.

Drawn like the growth chart (chart.py): the template prints the numbers computed here, so the
chart needs no JavaScript, no library and no style attribute, and the page gives the same
figures as a table. The values are a solid line with dots, the path a dashed line: told
apart by their shape and by the legend's words, not by colour alone. Figures and the summary
are written in the language in use (rules/language.py).
"""

import math
from dataclasses import dataclass
from functools import reduce

from registry.rules import language
from registry.rules.indicators import Point
from registry.site.chart import HEIGHT, WIDTH, Tick

LEFT, RIGHT, TOP, BOTTOM = 64, 16, 16, 36


@dataclass(frozen=True)
class IndicatorChart:
    width: int
    height: int
    values: str  # the recorded values as a line
    path: str  # the target path as a line
    dots: list[tuple[float, float]]  # x, y of each recorded value
    x_ticks: list[Tick]
    y_ticks: list[Tick]
    baseline: float
    left: int
    right: float
    summary: str


def figure(value: float | None) -> str:
    """A value as the page writes it, in the language in use: thousands separated, a decimal
    only where there is one ("1,234.5"; "1 234,5" in French)."""
    if value is None:
        return ""
    return language.number(round(value, 1))


def indicator_chart(points: list[Point], title: str, unit: str, growth_percent: float | None) -> IndicatorChart | None:
    """The chart of an indicator's points (rules/indicators.path), or None with no value yet."""
    recorded = [p for p in points if p.value is not None]
    if not recorded:
        return None
    first, last = points[0].year, points[-1].year
    top = _nice_ceiling(max(v for p in points for v in (p.value, p.path) if v is not None))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(year: int) -> float:
        # One year alone stands in the middle; otherwise the years span the plot.
        return round(LEFT + (plot_w / 2 if first == last else plot_w * (year - first) / (last - first)), 1)

    def y(value: float) -> float:
        return round(TOP + plot_h * (1 - value / top), 1)

    step = max(1, math.ceil((last - first + 1) / 8))
    return IndicatorChart(
        width=WIDTH,
        height=HEIGHT,
        # The recorded values are joined across a year with none; the dots mark what was recorded.
        values=_line([(x(p.year), y(p.value)) for p in recorded if p.value is not None]),
        path=_line([(x(p.year), y(p.path)) if p.path is not None else None for p in points]),
        dots=[(x(p.year), y(p.value)) for p in recorded if p.value is not None],
        x_ticks=[Tick(x(year), str(year)) for year in range(first, last + 1, step)],
        y_ticks=[Tick(y(top * i / 4), figure(top * i / 4)) for i in range(5)],
        baseline=y(0),
        left=LEFT,
        right=WIDTH - RIGHT,
        summary=_summary(points, recorded, title, unit, growth_percent),
    )


def _line(points: list[tuple[float, float] | None]) -> str:
    """An SVG path through the points, lifted over the gaps (None)."""
    commands, drawing = [], False
    for point in points:
        if point is None:
            drawing = False
            continue
        commands.append(f"{'L' if drawing else 'M'}{point[0]} {point[1]}")
        drawing = True
    return " ".join(commands)


def _nice_ceiling(value: float) -> float:
    """The smallest round number (1, 2, 2.5 or 5 times a power of ten, times 4) not below `value`,
    so that the four steps of the axis are round too."""
    if value <= 0:
        return 4
    power = 10 ** math.floor(math.log10(value / 4))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power * 4 >= value)
    return step * 4


def _summary(points: list[Point], recorded: list[Point], title: str, unit: str, growth_percent: float | None) -> str:
    """The chart in words: "Reports received, recorded each year: 2020: 12; 2021: 15. The target
    path grows 5% a year from the 2020 value, to 14 in 2022; 1 of 2 recorded years reach it."."""
    each = language.gettext("%(year)s: %(value)s")
    values = reduce(lambda listed, item: language.gettext("%(list)s; %(item)s") % {"list": listed, "item": item},
                    [each % {"year": p.year, "value": figure(p.value)} for p in recorded])
    if unit:
        text = language.gettext("%(title)s, %(unit)s recorded each year: %(values)s.") % {
            "title": title, "unit": unit, "values": values}
    else:
        text = language.gettext("%(title)s, recorded each year: %(values)s.") % {"title": title, "values": values}
    if growth_percent is None:
        return text
    on_track = [p for p in recorded if p.on_track]
    path = language.ngettext(
        "The target path grows %(percent)s%% a year from the %(first)s value, to %(value)s in %(last)s; "
        "%(count)s of %(total)s recorded year reaches it.",
        "The target path grows %(percent)s%% a year from the %(first)s value, to %(value)s in %(last)s; "
        "%(count)s of %(total)s recorded years reach it.", len(recorded)) % {
        "percent": figure(growth_percent), "first": points[0].year, "value": figure(points[-1].path),
        "last": points[-1].year, "count": len(on_track), "total": len(recorded)}
    return f"{text} {path}"
