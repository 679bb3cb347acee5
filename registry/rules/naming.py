"""The naming authority: which name the registry shows for a country, in which language, on which day.

Reading names (rules/countries.py) accepts whatever publishers write; showing
them follows one convention, as a government's own documents do:

- ``un`` (the default): the United Nations' short names, as the UN
  terminology database (UNTERM) writes them, and the UN Statistics Division's
  M49 list for the places UNTERM does not name (``un_names.csv``, each row
  with its source). "The" is not part of the name ("the Netherlands" is listed
  as Netherlands, under N) but is kept, for sentences, as the row's article.
- ``iso``: ISO 3166-1's English short names, as pycountry ships them.
- ``cldr``: CLDR's everyday English, as Babel ships it, with the few forms
  that read oddly in a list written out (DISPLAY_NAMES).

A code no convention names (the European Union's EU, Kosovo's XK, and Taiwan
in the UN's lists) takes its CLDR name. A country's own preferred form,
recorded by the secretariat, wins over the convention. Names changed over
time (Turkey became Türkiye at the UN on 1 June 2022) are data too
(``name_changes.csv``, each change with its date and source): a listing as of
an earlier day shows the name then in force.

Names in French come from the convention's own French where it has one (ISO
3166's French names, through pycountry), else from CLDR: the UN list shipped
here holds English names only. Preferred forms and former names are English.

Pure functions over shipped data: the registry's setting and preferred forms
are read by reading/naming.py and handed in as a ``Naming``.
"""

import csv
import gettext
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from importlib import resources

import pycountry
from babel import Locale

from registry.rules import terms
from registry.rules.language import LANGUAGES
from registry.rules.language import current as language_in_use

#: Display names where CLDR's English short form reads oddly in a list (the cldr convention).
DISPLAY_NAMES = {
    "CD": "Democratic Republic of the Congo",
    "CG": "Republic of the Congo",
    "MM": "Myanmar",
    "PS": "State of Palestine",
    # CLDR's "St. Martin" is also the name of the whole island (countries.AMBIGUOUS).
    "MF": "Saint Martin (French part)",
}


@dataclass(frozen=True)
class UnName:
    iso2: str
    name: str
    article: str  # "the" where the UN writes "the Netherlands", else ""
    sort_name: str
    source: str


@dataclass(frozen=True)
class NameChange:
    """A country's name until `date`, when the name that followed it took effect."""

    iso2: str
    date: date
    former: str
    source: str


def _rows(filename: str) -> list[dict[str, str]]:
    text = resources.files("registry.rules").joinpath(filename).read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


@cache
def un_names() -> dict[str, UnName]:
    """The UN's short names by code (un_names.csv)."""
    return {r["iso2"]: UnName(r["iso2"], r["name"], r["article"], r["sort_name"], r["source"])
            for r in _rows("un_names.csv")}


@cache
def name_changes() -> dict[str, tuple[NameChange, ...]]:
    """Each country's recorded changes of name, oldest first (name_changes.csv)."""
    found: dict[str, list[NameChange]] = {}
    for r in _rows("name_changes.csv"):
        found.setdefault(r["iso2"], []).append(NameChange(r["iso2"], date.fromisoformat(r["date"]),
                                                          r["former"], r["source"]))
    return {iso2: tuple(sorted(changes, key=lambda c: c.date)) for iso2, changes in found.items()}


@cache
def _cldr(language: str) -> dict[str, str]:
    return dict(Locale(language).territories)


@cache
def _iso_translation(language: str) -> gettext.NullTranslations:
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language], fallback=True)


def _cldr_name(iso2: str, language: str = "en") -> str | None:
    if language == "en" and iso2 in DISPLAY_NAMES:
        return DISPLAY_NAMES[iso2]
    found = _cldr(language).get(iso2)
    return found.replace("\u2019", "'") if found else None


def _iso_name(iso2: str, language: str = "en") -> str | None:
    entry = pycountry.countries.get(alpha_2=iso2)
    if entry is None:
        return None
    return entry.name if language == "en" else _iso_translation(language).gettext(entry.name)


def convention_name(iso2: str, convention: str = "un", language: str = "en") -> str:
    """The name a convention gives a code, else CLDR's, else the code itself."""
    found: str | None = None
    if convention == "iso":
        found = _iso_name(iso2, language)
    elif convention == "un" and language == "en" and iso2 in un_names():
        found = un_names()[iso2].name
    return found or _cldr_name(iso2, language) or _cldr_name(iso2) or iso2


def sort_key(name: str) -> str:
    """How a name is filed in a list: without accents or case, and without a leading "the"
    ("the former Yugoslav Republic of Macedonia" under F)."""
    folded = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    folded = folded.casefold()
    return folded.removeprefix("the ")


@dataclass(frozen=True)
class Naming:
    """The registry's naming: its convention and the preferred forms countries asked for."""

    convention: str = "un"
    preferred: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.convention not in terms.NAME_CONVENTIONS:
            raise ValueError(f"unknown naming convention {self.convention!r}")

    def name(self, iso2: str, lang: str | None = None, on: date | None = None) -> str:
        """The name to show for `iso2` in `lang` (the language in use: rules/language.py);
        with `on`, the name in force that day."""
        lang = lang or language_in_use()
        language = lang if lang in LANGUAGES else "en"
        if language == "en" and on is not None and (former := self.former_on(iso2, on)):
            return former.former
        if language == "en" and iso2 in self.preferred:
            return self.preferred[iso2]
        return convention_name(iso2, self.convention, language)

    def authority(self, iso2: str) -> str:
        """Where today's English name of `iso2` comes from: "preferred" (the country's own form),
        or the convention that names it ("un", "iso", "cldr"; CLDR where the convention has none)."""
        if iso2 in self.preferred:
            return "preferred"
        if self.convention == "un" and iso2 in un_names():
            return "un"
        if self.convention == "iso" and _iso_name(iso2):
            return "iso"
        return "cldr"

    def former_on(self, iso2: str, on: date) -> NameChange | None:
        """The change that had not yet happened on `on` (the name then in force is its former name)."""
        return next((c for c in name_changes().get(iso2, ()) if on < c.date), None)

    def changes(self, iso2: str) -> tuple[NameChange, ...]:
        return name_changes().get(iso2, ())

    def article(self, iso2: str) -> str:
        """ "the" where the country's name takes it in a sentence (the UN's names only)."""
        if iso2 in self.preferred or self.convention != "un" or iso2 not in un_names():
            return ""
        return un_names()[iso2].article

    def sort_key(self, iso2: str, on: date | None = None) -> str:
        return sort_key(self.name(iso2, on=on))


#: The registry's default naming: the UN's short names, no preferred forms.
UN = Naming()
