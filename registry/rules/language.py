"""The language the public reads: English, the registry's own, or French.

What the site says is written in English and translated through gettext
message catalogues (``registry/locale/<language>/LC_MESSAGES/messages.po``,
read with Babel; ``invoke translations`` brings them up to date with the
code and the theme). Dates and numbers are written by Babel for each
language. The language is the one the work in hand is being done in
(`use`), so that a page, the sentences of the change log and the names of
countries in it are all in one language without passing it everywhere; the
command line is always English.

Strings defined ahead of their use (a vocabulary's words) are marked with
`N_` so that the catalogue holds them, and translated with `gettext` where
they are shown.
"""

import io
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime
from functools import cache
from importlib import resources

from babel.dates import format_date, format_datetime
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from babel.support import NullTranslations, Translations

#: The languages of the public site; the first is the registry's own, at the site's root.
LANGUAGES = ("en", "fr")
DEFAULT = LANGUAGES[0]
#: Each language named in itself, for the language switch.
AUTONYMS = {"en": "English", "fr": "Français"}
#: Babel's locale for each language (the date patterns below are the site's own: "5 December 2012").
LOCALES = {"en": "en", "fr": "fr_FR"}

_current: ContextVar[str] = ContextVar("language", default=DEFAULT)


@contextmanager
def use(language: str) -> Iterator[None]:
    """Do the work inside in `language`."""
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}; known: {', '.join(LANGUAGES)}")
    token = _current.set(language)
    try:
        yield
    finally:
        _current.reset(token)


def current() -> str:
    return _current.get()


def N_(message: str) -> str:
    """Mark `message` for the catalogue; it is translated where it is shown."""
    return message


@cache
def translations(language: str) -> NullTranslations:
    """The catalogue of `language`, read from its .po file (compiled in memory: no binary
    files to keep in step with their sources). English is the source: no catalogue."""
    if language == DEFAULT:
        return NullTranslations()
    source = resources.files("registry") / "locale" / language / "LC_MESSAGES" / "messages.po"
    with source.open("rb") as po:
        catalog = read_po(po, locale=language)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)  # fuzzy entries are left out, as msgfmt does
    compiled.seek(0)
    return Translations(compiled)


def gettext(message: str) -> str:
    return translations(current()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return translations(current()).ngettext(singular, plural, n)


_ = gettext


def word(table: dict[str, str], key: object) -> str:
    """`key` in words from `table` (English words marked with N_), in the language in use; a key
    the table lacks, as words ("note-verbale": "note verbale")."""
    found = table.get(str(key))
    return gettext(found) if found else str(key).replace("-", " ")


def _ordinal_first(written: str, day: date, language: str | None = None) -> str:
    """French writes the first of a month as an ordinal: "1er juillet 2016"."""
    return f"1er{written[1:]}" if (language or current()) == "fr" and day.day == 1 else written


def long_date(day: date | None) -> str:
    """"5 December 2012", "5 décembre 2012", "1er juillet 2016"."""
    return _long_date(day, current()) if day else ""


@cache
def _long_date(day: date, language: str) -> str:
    # A site names the same days on thousands of pages; Babel takes microseconds for each.
    return _ordinal_first(format_date(day, "d MMMM y", locale=LOCALES[language]), day, language)


def short_date(day: date | None) -> str:
    """"5 Dec 2012", "5 déc. 2012": for tables that must stay narrow."""
    return format_date(day, "d MMM y", locale=LOCALES[current()]) if day else ""


def day_and_month(day: date) -> str:
    """"30 June", "30 juin": the first of two dates in one year."""
    return _ordinal_first(format_date(day, "d MMMM", locale=LOCALES[current()]), day)


def month_and_year(day: date) -> str:
    """"December 2026", "décembre 2026"."""
    return format_date(day, "MMMM y", locale=LOCALES[current()])


def long_time(moment: datetime | None) -> str:
    """"1 December 2026, 14:05 UTC"."""
    if not moment:
        return ""
    return format_datetime(moment, "d MMMM y, HH:mm", locale=LOCALES[current()]) + " UTC"


def number(value: int | float) -> str:
    """"1,234" in English, "1 234" in French."""
    return format_decimal(value, locale=LOCALES[current()])
