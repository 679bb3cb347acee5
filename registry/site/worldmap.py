"""The world map of members, drawn at build time as SVG paths.

The countries' outlines are Natural Earth's 1:110m admin-0 countries (public domain), as
TopoJSON from the world-atlas package (data/countries-110m.json; data/README.md says where
it comes from). They are decoded and projected here, with the Natural Earth projection, once
per process; a build only decides each country's status. The page needs no JavaScript and
no style attribute: fills are SVG presentation attributes, former members are hatched, and
the legend says in words what each fill means.

Countries are identified by ISO 3166-1 codes (the atlas gives numeric codes). Natural Earth
draws Northern Cyprus and Somaliland apart; ISO 3166 does not, so they are drawn as parts of
Cyprus and Somalia. Antarctica is left out. A member too small for this scale (Malta,
Singapore...) or not a state (the European Union) has no outline: the page lists it in words.
"""

import json
import math
from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import pairwise

import pycountry

from registry.rules import language, naming
from registry.rules.language import N_

WIDTH = 960
PRECISION = 0  # decimals of each coordinate: whole pixels of the 960-pixel map (half the bytes of tenths)

#: Shapes without an ISO numeric code in the atlas, by the atlas's name: the code they are drawn under.
UNCODED = {"Kosovo": "XK", "N. Cyprus": "CY", "Somaliland": "SO"}
LEFT_OUT = ("AQ",)  # Antarctica: no state, and a fifth of the map's height

#: How each status is drawn (SVG presentation attributes), and said in the legend (in English,
#: translated into the language in use as the map is drawn).
STYLES = {
    "member": {"fill": "#1d4f86", "stroke": "#ffffff"},
    "withdrawn": {"fill": "url(#map-hatch)", "stroke": "#a11d1d"},
    "other": {"fill": "#e4e4e4", "stroke": "#8a8a8a"},
}
LEGEND = [
    ("member", N_("Member"), N_("solid dark blue")),
    ("withdrawn", N_("Former member"), N_("red diagonal stripes, red outline")),
    ("other", N_("Not a member"), N_("light grey")),
]
STATUS_WORDS = {"member": N_("member"), "withdrawn": N_("former member"), "other": N_("not a member")}


@dataclass(frozen=True)
class Shape:
    iso2: str
    path: str  # the SVG path's d attribute


@dataclass(frozen=True)
class Country:
    iso2: str
    path: str
    status: str
    title: str  # "France: member"
    fill: str
    stroke: str


@dataclass(frozen=True)
class WorldMap:
    width: int
    height: int
    countries: list[Country]
    legend: list[dict[str, str]]
    unmapped: list[str]  # ISO codes of members and former members with no outline on the map
    member_count: int  # members drawn
    former_count: int  # former members drawn


def natural_earth(longitude: float, latitude: float) -> tuple[float, float]:
    """The Natural Earth projection (Šavrič, Jenny, Patterson and Jenny, 2011), in radians."""
    lam, phi = math.radians(longitude), math.radians(latitude)
    phi2 = phi * phi
    phi4 = phi2 * phi2
    x = lam * (0.8707 - 0.131979 * phi2 + phi4 * (-0.013791 + phi4 * (0.003971 * phi2 - 0.001529 * phi4)))
    y = phi * (1.007226 + phi2 * (0.015085 + phi4 * (-0.044475 + 0.028874 * phi2 - 0.005916 * phi4)))
    return x, y


#: The projected world's extent: x from -X_MAX to X_MAX, y from Y_MIN (south, without
#: Antarctica) to Y_MAX, in the projection's units.
X_MAX = natural_earth(180, 0)[0]
Y_MAX = natural_earth(0, 84)[1]
Y_MIN = natural_earth(0, -57)[1]
SCALE = WIDTH / (2 * X_MAX)
HEIGHT = round((Y_MAX - Y_MIN) * SCALE)


def _point(longitude: float, latitude: float) -> tuple[float, float]:
    x, y = natural_earth(longitude, latitude)
    return round((x + X_MAX) * SCALE, PRECISION), round((Y_MAX - y) * SCALE, PRECISION)


def _arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """The topology's arcs in degrees: quantized, delta-encoded positions decoded."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    decoded = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        decoded.append(points)
    return decoded


def _ring(indexes: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    """A ring's points from its arcs (~i is arc i reversed); each arc starts where the last ended."""
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc[1:] if points else arc)
    return points


def _split(ring: list[tuple[float, float]]) -> list[list[tuple[float, float]]]:
    """A ring that crosses the 180th meridian (Russia's far east, Fiji), as one ring each side
    of it: drawn flat, it would otherwise run across the whole map."""
    if all(abs(a[0] - b[0]) <= 180 for a, b in pairwise(ring)):
        return [ring]
    unwrapped = [(lon + 360 if lon < 0 else lon, lat) for lon, lat in ring]
    east = _clip(unwrapped, keep_west=True)
    west = [(lon - 360, lat) for lon, lat in _clip(unwrapped, keep_west=False)]
    return [part for part in (east, west) if len(part) >= 3]


def _clip(ring: list[tuple[float, float]], *, keep_west: bool) -> list[tuple[float, float]]:
    """The part of a ring west (or east) of longitude 180 (Sutherland and Hodgman's clipping)."""
    def inside(point: tuple[float, float]) -> bool:
        return point[0] <= 180 if keep_west else point[0] >= 180

    kept: list[tuple[float, float]] = []
    for here, after in zip(ring, ring[1:] + ring[:1], strict=True):
        if inside(here):
            kept.append(here)
        if inside(here) != inside(after):
            share = (180 - here[0]) / (after[0] - here[0])
            kept.append((180.0, here[1] + share * (after[1] - here[1])))
    return kept


def _path(rings: list[list[tuple[float, float]]]) -> str:
    """Rings as one SVG path, in relative moves (shorter), repeated points dropped."""
    commands = []
    here = (0.0, 0.0)
    for ring in rings:
        projected = [_point(*p) for p in ring]
        kept = [p for i, p in enumerate(projected) if i == 0 or p != projected[i - 1]]
        if len(kept) < 3:
            continue
        steps = []
        for point in kept:
            steps.append(f"{_number(point[0] - here[0])} {_number(point[1] - here[1])}")
            here = point
        commands.append("m" + " ".join(steps) + "z")
        here = kept[0]  # after z, the pen is back at the ring's start
    return "".join(commands)


def _number(value: float) -> str:
    text = f"{round(value, PRECISION):.{PRECISION}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _iso2(geometry: dict) -> str | None:
    if geometry.get("id") is None:
        return UNCODED.get(geometry.get("properties", {}).get("name", ""))
    found = pycountry.countries.get(numeric=geometry["id"])
    return found.alpha_2 if found else None


@cache
def shapes() -> tuple[Shape, ...]:
    """Every country's outline, by ISO code, in the order of the codes."""
    topology = json.loads(resources.files("registry.site").joinpath("data/countries-110m.json").read_text())
    arcs = _arcs(topology)
    rings: dict[str, list[list[tuple[float, float]]]] = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        iso2 = _iso2(geometry)
        if iso2 is None or iso2 in LEFT_OUT:
            continue
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        rings.setdefault(iso2, []).extend(part for polygon in polygons for ring in polygon
                                          for part in _split(_ring(ring, arcs)))
    return tuple(Shape(iso2, _path(rings[iso2])) for iso2 in sorted(rings))


def world_map(statuses: dict[str, str], name) -> WorldMap:
    """The map of `statuses` ("member" or "withdrawn", by ISO code; any other country is
    drawn as not a member), each country titled in words by `name` (an ISO code's name), in
    the language in use."""
    drawn = [shape for shape in shapes() if shape.path]
    words = {status: language.gettext(said) for status, said in STATUS_WORDS.items()}
    titled = language.gettext("%(country)s: %(status)s")
    countries = [
        Country(shape.iso2, shape.path, status, titled % {"country": name(shape.iso2), "status": words[status]},
                **STYLES[status])
        for shape in drawn
        for status in [statuses.get(shape.iso2, "other")]
    ]
    mapped = {shape.iso2 for shape in drawn}
    return WorldMap(
        width=WIDTH, height=HEIGHT, countries=countries,
        legend=[{"status": status, "label": language.gettext(label), "look": language.gettext(look), **STYLES[status]}
                for status, label, look in LEGEND],
        unmapped=sorted((iso2 for iso2 in statuses if iso2 not in mapped),
                        key=lambda iso2: naming.sort_key(name(iso2))),  # "Émirats" under E
        member_count=sum(1 for c in countries if c.status == "member"),
        former_count=sum(1 for c in countries if c.status == "withdrawn"),
    )
