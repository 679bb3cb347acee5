"""Countries: ISO 3166-1 codes from the names that documents actually use.

Treaty offices, ministries and statistical publishers write "Viet Nam",
"Republic of Korea", "Korea, Rep.", "Bolivia (Plurinational State of)",
"St. Vincent and the Grenadines" or "Hong Kong SAR, China". A name is read
in three steps, and the first step that finds anything decides:

1. as written: its words, folded (case, accents, apostrophes, punctuation,
   word order, "the", "of", "and"), with the standard abbreviations read in
   full ("St." Saint, "Rep." Republic, "Dem." Democratic, "PDR", "SAR",
   "U.S.", ...), against every name pycountry (ISO 3166), Babel (CLDR) and
   the alias table (``aliases.csv``, each alias with its source) know;
2. without the words that only state the form ("Republic of", "Kingdom of",
   "Commonwealth of", "Territory of", "Bailiwick of"...), without "Islands"
   after a list of islands ("Wallis and Futuna Islands"), or as two names of
   one country ("Holy See (Vatican City)");
3. with each word written with a full stop ("Trin.", "Barb.", "Isl.") read as
   an abbreviation of one word of a known name.

A name that fits more than one country is an error with the candidates; a
name of only part of a country's territory ("Gaza Strip", "Svalbard") is
refused with the whole, a former country or former name ("Zaire") as such,
and any other name with the closest known names. The registry never guesses.
docs/names.md describes the rules and the names that are refused.
"""

import csv
import difflib
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources

import pycountry
from babel import Locale

from registry.rules import fields, naming
from registry.rules.errors import RegistryError
from registry.rules.naming import DISPLAY_NAMES

#: Codes outside ISO 3166-1 proper that registries of this kind use:
#: Kosovo's user-assigned code and the EU's exceptionally reserved one.
EXTRA_CODES = {"XK": ("XKX", "Kosovo"), "EU": ("EUE", "European Union")}

#: Names that fit more than one country. Asked for, they are refused with
#: the candidates, because either reading is common.
AMBIGUOUS = {
    "Korea": ("KP", "KR"),
    "Virgin Islands": ("VG", "VI"),
    # The island; its French part is MF and its Dutch part SX.
    "Saint Martin": ("MF", "SX"),
    # The island is shared by Indonesia (West Timor) and Timor-Leste.
    "Timor": ("ID", "TL"),
    # Taiwan's formal name, and China's before 1949.
    "Republic of China": ("CN", "TW"),
}

#: Parts of a country's territory that have no code of their own. Asked for,
#: they are refused with the whole. (Parts named in an "A and B" name, such as
#: "Svalbard" or "Tobago", are found from the name itself.)
PARTS = {
    "Gaza Strip": "PS",
    "Gaza": "PS",
    "West Bank": "PS",
    "Zanzibar": "TZ",
    "Mainland Tanzania": "TZ",
    "United Republic of Tanzania: Mainland": "TZ",
    "Ascension": "SH",
    "Ascension Island": "SH",
}

#: Former countries and former names of a state, refused as such (with the
#: withdrawn codes of ISO 3166-3, which pycountry lists): a document that
#: uses them is read by a person, who writes the code of the country meant.
FORMER = {
    "Republic of Vietnam": "South Vietnam, until 1976",
    "Islamic State of Afghanistan": "Afghanistan's name from 1992 to 2002",
    "People's Republic of Angola": "Angola's name from 1975 to 1992",
    "Libyan Arab Jamahiriya": "Libya's name from 1977 to 2011",
    "Socialist People's Libyan Arab Jamahiriya": "Libya's name from 1977 to 2011",
}

#: Standard abbreviations, read in full wherever they occur (with or without
#: a full stop; dotted initials such as "U.S." or "D.P.R." are read as "US",
#: "DPR"). Saint is written St., Ste. and, in Dutch, Sint.
ABBREVIATIONS = {
    "st": "saint",
    "ste": "saint",
    "sint": "saint",
    "rep": "republic",
    "dem": "democratic",
    "pdr": "peoples democratic republic",
    "dpr": "democratic peoples republic",
    "dr": "democratic republic",
    "ur": "united republic",
    "fyr": "former yugoslav republic",
    "tfyr": "former yugoslav republic",
    "rb": "bolivarian republic",  # the World Bank's "Venezuela, RB"
    "us": "united states",
    "usa": "united states america",
    "uk": "united kingdom",
}

#: Words that do not tell one country from another. "SAR" and "Special
#: Administrative Region" are the status of Hong Kong and Macao, whose names
#: are unambiguous without it.
NOISE = {"the", "of", "and", "sar"}

#: Words that only state the form of a state or territory: "Republic of
#: Rwanda" is Rwanda. Distinguishing words ("Democratic", "People's",
#: "United", "Islamic"...) are never dropped, so "Democratic Republic of Korea"
#: stays distinct from "Korea". "State" is not among them ("State of Georgia"
#: is not Georgia); a country whose own ISO name is "X, State of" is also
#: known as X.
FORMS = {"republic", "kingdom", "commonwealth", "territory", "bailiwick", "principality", "sultanate"}
_STATE_FORMS = FORMS | {"state"}

#: The word a name that lists islands may add without changing what it
#: names: "Wallis and Futuna Islands" is Wallis and Futuna (but "Samoa
#: Islands" is not Samoa).
_ISLANDS = "islands"

# Marks that change how text looks or reads without being letters.
_INVISIBLE = {"Cf", "Cc", "Co", "Cs", "Cn"}

Key = frozenset[str]


@dataclass(frozen=True)
class Country:
    iso2: str
    iso3: str
    name: str


@dataclass(frozen=True)
class Alias:
    alias: str
    iso2: str
    source: str


@dataclass(frozen=True)
class _Word:
    text: str
    abbreviated: bool  # written with a full stop and not a standard abbreviation


def _load_aliases() -> dict[str, Alias]:
    text = resources.files("registry.rules").joinpath("aliases.csv").read_text(encoding="utf-8")
    rows = [Alias(r["alias"], r["iso2"], r["source"]) for r in csv.DictReader(text.splitlines())]
    return {row.alias: row for row in rows}


#: Names that no rule reaches, each with the publisher or standard that
#: writes it (registry/rules/aliases.csv).
ALIAS_SOURCES = _load_aliases()
ALIASES = {alias: row.iso2 for alias, row in ALIAS_SOURCES.items()}


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"['\u2019\u02bc`]", "", text)
    # "U.S.", "D.P.R.", "U.R.": initials, read as one word.
    text = re.sub(r"(?<!\w)(?:\w\.){2,}", lambda m: m[0].replace(".", "") + " ", text)
    text = re.sub(r"\bspecial administrative region\b", " sar ", text)
    # "Micronesia (country)": a publisher's note that the country is meant.
    return re.sub(r"\(\s*country\s*\)", " ", text)


def _words(text: str) -> list[_Word]:
    """The words of a name as compared, in order."""
    words = []
    for match in re.finditer(r"(\w+)(\.?)", _fold(text).replace("_", " ")):
        word, dot = match[1], bool(match[2])
        if word in ABBREVIATIONS:
            words += [_Word(w, False) for w in ABBREVIATIONS[word].split()]
        elif word not in NOISE:
            words.append(_Word(word, dot and not word.isdigit()))
    return words


def key(text: str) -> Key:
    """The form names are compared in: the set of their words."""
    return frozenset(w.text for w in _words(text))


def _shown_key(text: str) -> str:
    """A name folded for suggesting close names (spelling, not word order)."""
    return " ".join(w.text for w in _words(text))


@cache
def _english_names() -> dict[str, str]:
    return dict(Locale("en").territories)


@cache
def _codes() -> dict[str, Country]:
    countries = {}
    for entry in pycountry.countries:
        countries[entry.alpha_2] = Country(entry.alpha_2, entry.alpha_3, naming.UN.name(entry.alpha_2))
    for iso2, (iso3, _name) in EXTRA_CODES.items():
        countries[iso2] = Country(iso2, iso3, naming.UN.name(iso2))
    return countries


@cache
def _by_iso3() -> dict[str, Country]:
    return {country.iso3: country for country in _codes().values()}


def _own_names(aliases: bool = True) -> Iterator[tuple[str, str]]:
    """Every (name, code) pair the registry knows a country by."""
    english = _english_names()
    for entry in pycountry.countries:
        for attribute in ("name", "official_name", "common_name"):
            if name := getattr(entry, attribute, None):
                yield name, entry.alpha_2
        if name := english.get(entry.alpha_2):
            yield name, entry.alpha_2
    for iso2, (_iso3, name) in EXTRA_CODES.items():
        yield name, iso2
    for iso2, name in DISPLAY_NAMES.items():
        yield name, iso2
    for iso2, un in naming.un_names().items():
        yield un.name, iso2
    for iso2, changes in naming.name_changes().items():
        yield from ((change.former, iso2) for change in changes)
    if aliases:
        yield from ((alias, iso2) for alias, iso2 in ALIASES.items())


@dataclass(frozen=True)
class _Index:
    names: dict[Key, frozenset[str]]  # every known name's key, with the codes it may stand for
    parts: dict[Key, str]  # parts of a territory, with the code of the whole
    former: dict[Key, str]  # former countries and names, with what they were
    spelled: dict[str, frozenset[str]]  # names as spelled, for suggestions


def _build(aliases: bool = True) -> _Index:
    found: dict[Key, set[str]] = {}
    spelled: dict[str, set[str]] = {}
    for name, iso2 in _own_names(aliases):
        found.setdefault(key(name), set()).add(iso2)
        spelled.setdefault(_shown_key(name), set()).add(iso2)
    # ISO's "Palestine, State of" is also Palestine, unless the bare name is shared:
    # "Korea, Republic of" is not Korea, because of the Democratic People's Republic of Korea.
    for entry in pycountry.countries:
        if form := re.fullmatch(r"(.+), (?:the )?(\w+) of", entry.name):
            base = key(form[1])
            if form[2].casefold() in _STATE_FORMS and not any(
                base <= k and codes != {entry.alpha_2} for k, codes in found.items()
            ):
                found.setdefault(base, set()).add(entry.alpha_2)
    for name, codes in AMBIGUOUS.items():
        found[key(name)] = set(codes)
    parts = {key(name): iso2 for name, iso2 in PARTS.items()}
    # "Svalbard" is part of "Svalbard and Jan Mayen", "Tobago" of "Trinidad and Tobago".
    for entry in pycountry.countries:
        halves = re.split(r",| and ", entry.name)
        if " and " in entry.name:
            for half in halves:
                part = key(half)
                if part and part not in found:
                    parts.setdefault(part, entry.alpha_2)
    former = {key(name): note for name, note in FORMER.items()}
    for entry in pycountry.historic_countries:
        note = f"ISO 3166-3 {entry.alpha_4}, withdrawn {entry.withdrawal_date}"
        for name in {entry.name, entry.name.split(",")[0]}:
            former.setdefault(key(name), note)
    return _Index(
        {k: frozenset(v) for k, v in found.items()},
        parts,
        {k: v for k, v in former.items() if k not in found},
        {k: frozenset(v) for k, v in spelled.items()},
    )


@cache
def _index() -> _Index:
    return _build()


def get(iso2: str) -> Country:
    """The country with this alpha-2 code, which must be known."""
    return _codes()[iso2]


def name(iso2: str, lang: str = "en") -> str:
    """The name to show for a code where no registry says otherwise: the UN's short name
    (rules/naming.py), in English or French; the code itself if unknown. Where a registry is
    at hand, its own naming (reading/naming.py) takes its setting and preferred forms into account."""
    return naming.UN.name(iso2, lang) if iso2 in _codes() else iso2


def is_code(text: str) -> bool:
    """Whether `text` is an ISO 3166-1 alpha-2 or alpha-3 code the registry knows ("FR", "fra"),
    rather than a name."""
    cleaned = text.strip().upper() if isinstance(text, str) else ""
    return (len(cleaned) == 2 and cleaned in _codes()) or (len(cleaned) == 3 and cleaned in _by_iso3())


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
    if re.fullmatch(r"[A-Za-z]{3}", cleaned) and cleaned.upper() in _by_iso3():
        return _by_iso3()[cleaned.upper()]
    index = _index()
    matches = _match(cleaned, index)
    if len(matches) == 1:
        return codes[next(iter(matches))]
    if matches:
        raise RegistryError(
            f"{fields.shown(text)} could mean more than one country: {_listed(matches)}",
            where=where,
            hint="write the ISO code of the one you mean",
        )
    if note := index.former.get(key(cleaned)):
        raise RegistryError(
            f"{fields.shown(text)} is a historical name ({note})",
            where=where,
            hint="write the ISO code of the country meant today",
        )
    whole = _part_of(cleaned, index)
    if whole:
        raise RegistryError(
            f"{fields.shown(text)} is only part of a country or territory: {_listed([whole])}",
            where=where,
            hint="write the ISO code if the whole is meant",
        )
    raise RegistryError(
        f"unknown country {fields.shown(text)}", where=where, hint=_suggestion(cleaned)
    )


def _listed(found: Iterable[str]) -> str:
    codes = _codes()
    return ", ".join(f"{codes[c].name} ({c})" for c in sorted(found))


def _match(text: str, index: _Index) -> frozenset[str]:
    """The codes a name may stand for, from the first step that finds any."""
    words = _words(text)
    whole = frozenset(w.text for w in words)
    if not whole:
        return frozenset()
    # 1. As written.
    if whole in index.names:
        return index.names[whole]
    if whole in index.former:
        return frozenset()
    # 2. Without the words that only state the form, or a trailing "Islands".
    found: set[str] = set()
    for variant in _variants(whole, _lists(text)):
        found |= index.names.get(variant, frozenset())
    if found:
        return frozenset(found)
    if same := _restated(text, index):
        return same
    # 3. Words written with a full stop, as abbreviations of a known name's words.
    if any(w.abbreviated for w in words):
        return _abbreviated(words, index, _lists(text))
    return frozenset()


def _lists(text: str) -> bool:
    """Whether a name lists more than one place ("Wallis and Futuna")."""
    return bool(re.search(r"&|\band\b", text, re.IGNORECASE))


def _variants(words: Key, lists: bool) -> list[Key]:
    variants = []
    if words & FORMS:
        variants.append(words - FORMS)
    if _ISLANDS in words and lists:
        variants.append(words - {_ISLANDS})
        if words & FORMS:
            variants.append(words - FORMS - {_ISLANDS})
    return [v for v in variants if v]


def _restated(text: str, index: _Index) -> frozenset[str]:
    """ "Holy See (Vatican City)": two names of one country, the second in parentheses."""
    if match := re.fullmatch(r"(.+?)\s*\((.+)\)", text):
        first, second = (_match(part, index) for part in (match[1], match[2]))
        if len(first) == 1 and first == second:
            return first
    return frozenset()


def _abbreviated(words: list[_Word], index: _Index, lists: bool) -> frozenset[str]:
    """Codes of the known names whose words the abbreviated name covers exactly.

    Each abbreviation must stand for at least one word of the name (its first
    letter, then its other letters in order: "Trin." Trinidad, "Hrzgvna."
    Herzegovina); every other word must be in the name as written, and every
    word of the name must be accounted for. In a name that lists places, an
    abbreviation of "Islands" may stand for nothing ("Svalbard & Jan Mayen Isl.").
    """
    plain = frozenset(w.text for w in words if not w.abbreviated)
    short = {w.text for w in words if w.abbreviated}
    spare = {a for a in short if lists and len(a) > 1 and _abbreviates(a, _ISLANDS)}
    found: set[str] = set()
    for known, codes in index.names.items():
        if not plain <= known:
            continue
        rest = known - plain
        stands = all(a in spare or any(_abbreviates(a, w) for w in rest) for a in short)
        if stands and all(any(_abbreviates(a, w) for a in short) for w in rest):
            found |= codes
    return frozenset(found)


def _abbreviates(short: str, word: str) -> bool:
    if not word.startswith(short[0]) or len(short) > len(word):
        return False
    letters = iter(word[1:])
    return all(c in letters for c in short[1:])


def _part_of(text: str, index: _Index) -> str | None:
    whole = key(text)
    for variant in (whole, *_variants(whole, _lists(text))):
        if variant in index.parts:
            return index.parts[variant]
    return None


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
    spelled = _index().spelled
    close = difflib.get_close_matches(_shown_key(text), spelled, n=4, cutoff=0.75)
    candidates = sorted({c for k in close for c in spelled[k]})
    if not candidates:
        return "use an ISO 3166-1 code such as FR or FRA; 'registry countries' lists them"
    return f"did you mean {_listed(candidates)}?"
