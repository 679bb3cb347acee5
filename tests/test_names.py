"""Country names as statistical publishers write them (docs/names.md).

The unit tests name the patterns: abbreviations, formal names, publishers'
standard names, and the names that are refused with the candidates or with
the whole they are part of. The last test runs the shared scorer, which
imports six publishers' lists (UN M49, UNTERM, World Bank, FAO, CIA Factbook,
Our World in Data) through the registry's own import command.
"""

import csv
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from registry.rules import countries
from registry.rules.errors import RegistryError

PROJECT = Path(__file__).resolve().parents[1]
NAMES = PROJECT.parent / "shared" / "names"
SCORER = NAMES / "score.py"
RIGHT_AT_LEAST = 0.988


@pytest.mark.parametrize("written, iso2", [
    # World Bank: "X, Rep.", "X, Dem. Rep.", "X, Fed. Sts.", "PDR", "SAR", "RB"
    ("Korea, Rep.", "KR"), ("Congo, Dem. Rep.", "CD"), ("Congo, Rep.", "CG"), ("Egypt, Arab Rep.", "EG"),
    ("Micronesia, Fed. Sts.", "FM"), ("Somalia, Fed. Rep.", "SO"), ("Iran, Islamic Rep.", "IR"),
    ("Yemen, Rep.", "YE"), ("Korea, Dem. People's Rep.", "KP"), ("Lao PDR", "LA"),
    ("Hong Kong SAR, China", "HK"), ("Macao SAR, China", "MO"), ("Venezuela, RB", "VE"),
    ("St. Vincent and the Grenadines", "VC"), ("St. Martin (French part)", "MF"), ("Bahamas, The", "BS"),
    ("West Bank and Gaza", "PS"),
    # UN M49 and UNTERM
    ("Congo", "CG"), ("Congo (the)", "CG"), ("Saint Helena", "SH"), ("Wallis and Futuna Islands", "WF"),
    ("Svalbard and Jan Mayen Islands", "SJ"), ("China, Hong Kong Special Administrative Region", "HK"),
    ("United States Virgin Islands", "VI"), ("the Republic of Rwanda", "RW"), ("the State of Libya", "LY"),
    ("Netherlands (Kingdom of the)", "NL"),
    # FAO and others
    ("Palestine", "PS"), ("Occupied Palestinian Territory", "PS"), ("China, mainland", "CN"),
    ("Dem. Rep. of the Congo", "CD"), ("Democratic Republic of Congo", "CD"), ("DR Congo", "CD"),
    ("Republic of Congo", "CG"), ("Republic of Rwanda", "RW"), ("Republic of Kosovo", "XK"),
    ("Commonwealth of Australia", "AU"), ("Bailiwick of Jersey", "JE"), ("the Kingdom of Swaziland", "SZ"),
    ("Virgin Islands (US)", "VI"), ("Holy See (Vatican City)", "VA"), ("Micronesia (country)", "FM"),
    ("China, Taiwan Province of", "TW"), ("Macedonia, FYR", "MK"), ("D.P.R. of Korea", "KP"),
    ("U.R. Tanzania", "TZ"),
    # abbreviations written with a full stop
    ("Trin. & Tobago", "TT"), ("Antigua & Barb.", "AG"), ("St.Vin. & Gren.", "VC"), ("Falkland Is.", "FK"),
    ("Heard and McDonald Isl.", "HM"), ("Svalbard & Jan Mayen Isl.", "SJ"), ("Br.Virgin Is.", "VG"),
    ("U.S. Virgin Is.", "VI"), ("Eq. Guinea", "GQ"), ("Central African Rep.", "CF"), ("Bsnia.&Hrzgvna.", "BA"),
])
def test_publishers_names_resolve(written, iso2):
    assert countries.resolve(written).iso2 == iso2


@pytest.mark.parametrize("written, candidates", [
    ("Korea", ["KP", "KR"]), ("Virgin Islands", ["VG", "VI"]), ("Virgin Is.", ["VG", "VI"]),
    ("Saint Martin", ["MF", "SX"]), ("St. Martin", ["MF", "SX"]), ("Timor", ["ID", "TL"]),
    ("Republic of China", ["CN", "TW"]),
])
def test_ambiguous_names_are_refused_with_the_choices(written, candidates):
    with pytest.raises(RegistryError) as raised:
        countries.resolve(written, where="row 2")
    message = str(raised.value)
    assert message.startswith("row 2:") and "could mean more than one country" in message
    assert "write the ISO code of the one you mean" in message
    assert re.findall(r"\(([A-Z]{2})\)", message) == candidates


@pytest.mark.parametrize("written, whole", [
    ("Gaza Strip", "PS"), ("West Bank", "PS"), ("Svalbard", "SJ"), ("Tobago", "TT"),
    ("U.R. of Tanzania: Mainland", "TZ"), ("Ascension", "SH"),
])
def test_parts_of_a_territory_are_refused_with_the_whole(written, whole):
    with pytest.raises(RegistryError) as raised:
        countries.resolve(written)
    message = str(raised.value)
    assert "is only part of a country or territory" in message and f"({whole})" in message


@pytest.mark.parametrize("written", [
    "Zaire", "Yugoslavia", "USSR", "Republic of Vietnam", "People's Republic of Angola",
    "Islamic State of Afghanistan", "Socialist People's Libyan Arab Jamahiriya",
])
def test_historical_names_are_refused_as_such(written):
    with pytest.raises(RegistryError) as raised:
        countries.resolve(written)
    assert "is a historical name" in str(raised.value)


@pytest.mark.parametrize("written", [
    # misspelt, cut short, or naming something else than a country
    "Autralia", "Guadaloupe", "United Arab Em", "Northern Mariana", "State of Georgia", "Georgia (US)",
    "Samoa Islands", "Micronesia (region)", "Pacific Islands (Palau)", "Congo, Dem.", "Republic", "St.",
])
def test_nothing_else_is_guessed(written):
    with pytest.raises(RegistryError):
        countries.resolve(written)


def test_every_alias_has_a_source_and_is_needed():
    """Aliases are what no rule reaches: each resolves only because it is listed."""
    with (PROJECT / "registry" / "rules" / "aliases.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == ["alias", "iso2", "source"]
    assert all(len(row) == 3 for row in rows), "a row of aliases.csv has more or fewer than three fields"
    assert len(rows) - 1 == len(countries.ALIAS_SOURCES), "an alias is listed twice"
    without = countries._build(aliases=False)
    for alias, row in countries.ALIAS_SOURCES.items():
        assert row.source.strip(), f"{alias!r} has no source"
        assert countries.resolve(alias).iso2 == row.iso2
        assert not countries._match(alias, without), f"{alias!r} is reached by the rules: no alias needed"


def _scorer_missing() -> str | None:
    """Why the shared scorer cannot run against this checkout, if it cannot."""
    if not SCORER.is_file():
        return f"the shared name lists are not here ({SCORER} is missing; CI clones the project alone)"
    if not [p for p in NAMES.glob("*.csv") if p.name != "skipped.csv"]:
        return f"no name lists beside {SCORER}"
    venv = PROJECT / ".venv" / "bin"
    if not ((venv / "registry").exists() or (venv / "python").exists()):
        return f"the scorer runs {venv / 'registry'}, which is missing"
    return None


@pytest.mark.skipif(_scorer_missing() is not None, reason=_scorer_missing() or "")
def test_the_shared_name_lists_score_no_wrong_and_enough_right():
    environment = {k: v for k, v in os.environ.items() if not k.startswith("REGISTRY_")}
    done = subprocess.run([sys.executable, str(SCORER), str(PROJECT)], capture_output=True, text=True,
                          env=environment, timeout=1200)
    report = done.stdout + done.stderr
    assert done.returncode == 0, report
    total = re.search(r"^total\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*$", done.stdout, re.MULTILINE)
    assert total, report
    rows, right, refused, wrong = map(int, total.groups())
    assert wrong == 0, report
    assert right + refused == rows
    assert right >= RIGHT_AT_LEAST * rows, report
    assert rows == sum(_rows(p) for p in NAMES.glob("*.csv") if p.name != "skipped.csv"), "a list went unscored"


def _rows(path: Path) -> int:
    with path.open(encoding="utf-8", newline="") as f:
        return sum(1 for _ in csv.DictReader(f))


def test_every_alias_is_listed_in_the_documentation():
    documented = (PROJECT / "docs" / "names.md").read_text(encoding="utf-8")
    for alias, row in countries.ALIAS_SOURCES.items():
        assert f"| {alias} | {row.iso2} | {row.source} |" in documented, f"docs/names.md does not list {alias!r}"
