"""Countries: ISO 3166-1 codes from the names that documents actually use.

Treaty offices and ministries write "Viet Nam", "Republic of Korea",
"Bolivia (Plurinational State of)" or "the Philippines". Names are matched
against pycountry's ISO 3166 data and Babel's English territory names (CLDR),
plus a small alias table for the names neither knows. A name that matches
nothing, or more than one country, is an error with suggestions: the
registry never guesses which country was meant.
"""

import difflib
import re
import unicodedata
from dataclasses import dataclass
from functools import cache

import pycountry
from babel import Locale

from registry.rules import fields
from registry.rules.errors import RegistryError

#: Codes outside ISO 3166-1 proper that registries of this kind use:
#: Kosovo's user-assigned code and the EU's exceptionally reserved one.
EXTRA_CODES = {"XK": ("XKX", "Kosovo"), "EU": ("EUE", "European Union")}

#: Former, short or popular names that neither pycountry nor CLDR lists.
ALIASES = {
    "Turkey": "TR",
    "Republic of Turkey": "TR",
    "Swaziland": "SZ",
    "Macedonia": "MK",
    "Former Yugoslav Republic of Macedonia": "MK",
    "Burma": "MM",
    "Ivory Coast": "CI",
    "Cape Verde": "CV",
    "East Timor": "TL",
    "Vatican": "VA",
    "Holy See": "VA",
    "Great Britain": "GB",
    "Britain": "GB",
    "UK": "GB",
    "USA": "US",
    "Holland": "NL",
    "Republic of Moldova": "MD",
    "Russia": "RU",
}

#: Names that fit more than one country. Asked for, they are refused with
#: the candidates, because either reading is common.
AMBIGUOUS = {
    "Korea": ("KR", "KP"),
    "Congo": ("CG", "CD"),
}

#: Display names where CLDR's English short form reads oddly in a list.
DISPLAY_NAMES = {
    "CD": "Democratic Republic of the Congo",
    "CG": "Republic of the Congo",
    "MM": "Myanmar",
    "PS": "State of Palestine",
}

# Marks that change how text looks or reads without being letters.
_INVISIBLE = {"Cf", "Cc", "Co", "Cs", "Cn"}


@dataclass(frozen=True)
class Country:
    iso2: str
    iso3: str
    name: str


def key(text: str) -> str:
    """Fold a name to the form that names are compared in."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"['\u2019\u02bc`]", "", text)
    text = text.replace("&", " and ")
    # "Bolivia (Plurinational State of)" and "Bolivia, Plurinational State of"
    # both mean "Plurinational State of Bolivia".
    if match := re.fullmatch(r"\s*(.+?)\s*\((.+)\)\s*", text):
        text = f"{match[2]} {match[1]}"
    elif match := re.fullmatch(r"\s*([^,]+),\s*(.+)", text):
        text = f"{match[2]} {match[1]}"
    text = re.sub(r"[^\w\s]", " ", text)
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(r"^the ", "", text)


@cache
def _english_names() -> dict[str, str]:
    return dict(Locale("en").territories)


@cache
def _codes() -> dict[str, Country]:
    names = _english_names()
    countries = {}
    for entry in pycountry.countries:
        iso2 = entry.alpha_2
        countries[iso2] = Country(iso2, entry.alpha_3, display_name(iso2, names, entry.name))
    for iso2, (iso3, name) in EXTRA_CODES.items():
        countries[iso2] = Country(iso2, iso3, names.get(iso2, name))
    return countries


def display_name(iso2: str, names: dict[str, str], fallback: str) -> str:
    if iso2 in DISPLAY_NAMES:
        return DISPLAY_NAMES[iso2]
    return names.get(iso2, fallback).replace("\u2019", "'")


@cache
def _index() -> dict[str, set[str]]:
    """Every known name's key, with the codes it may stand for."""
    index: dict[str, set[str]] = {}

    def add(name: str | None, iso2: str) -> None:
        if name:
            index.setdefault(key(name), set()).add(iso2)

    english = _english_names()
    for entry in pycountry.countries:
        for attribute in ("name", "official_name", "common_name"):
            add(getattr(entry, attribute, None), entry.alpha_2)
        add(english.get(entry.alpha_2), entry.alpha_2)
    for iso2, (_iso3, name) in EXTRA_CODES.items():
        add(name, iso2)
    for iso2, name in DISPLAY_NAMES.items():
        add(name, iso2)
    for name, iso2 in ALIASES.items():
        add(name, iso2)
    for name, codes in AMBIGUOUS.items():
        index[key(name)] = set(codes)
    return index


def get(iso2: str) -> Country:
    """The country with this alpha-2 code, which must be known."""
    return _codes()[iso2]


def name(iso2: str) -> str:
    """The English name to show for a code; the code itself if unknown."""
    country = _codes().get(iso2)
    return country.name if country else iso2


def all_countries() -> list[Country]:
    return sorted(_codes().values(), key=lambda c: c.iso2)


def resolve(text: str, *, where: str | None = None) -> Country:
    """The one country a code or name stands for, or a RegistryError."""
    if not isinstance(text, str) or not text.strip():
        raise RegistryError(
            "no country given", where=where, hint="give an ISO 3166-1 code such as FR, or a name"
        )
    _refuse_invisible(text, where)
    cleaned = unicodedata.normalize("NFC", text).strip()
    codes = _codes()
    if re.fullmatch(r"[A-Za-z]{2}", cleaned) and cleaned.upper() in codes:
        return codes[cleaned.upper()]
    if re.fullmatch(r"[A-Za-z]{3}", cleaned):
        for country in codes.values():
            if country.iso3 == cleaned.upper():
                return country
    matches = _index().get(key(cleaned), set())
    if len(matches) == 1:
        return codes[next(iter(matches))]
    if matches:
        options = ", ".join(f"{codes[c].name} ({c})" for c in sorted(matches))
        raise RegistryError(
            f"{fields.shown(text)} could mean more than one country: {options}",
            where=where,
            hint="write the ISO code of the one you mean",
        )
    raise RegistryError(
        f"unknown country {fields.shown(text)}", where=where, hint=_suggestion(cleaned)
    )


def _refuse_invisible(text: str, where: str | None) -> None:
    for char in text:
        if unicodedata.category(char) in _INVISIBLE and char not in "\t":
            what = unicodedata.name(char, "a control character" if unicodedata.category(char) == "Cc" else "unnamed")
            raise RegistryError(
                f"the country {fields.shown(text)} contains an invisible character U+{ord(char):04X} ({what})",
                where=where,
                hint="retype the name or use its ISO code",
            )


def _suggestion(text: str) -> str:
    index = _index()
    close = difflib.get_close_matches(key(text), index, n=4, cutoff=0.75)
    codes = _codes()
    candidates = sorted({c for k in close for c in index[k]})
    if not candidates:
        return "use an ISO 3166-1 code such as FR or FRA; 'registry countries' lists them"
    listed = ", ".join(f"{codes[c].name} ({c})" for c in candidates)
    return f"did you mean {listed}?"
