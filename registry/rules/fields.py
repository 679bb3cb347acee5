"""Checks for the values a user types: dates, texts, links, slugs.

Each returns the cleaned value or raises a RegistryError naming the field.
Texts are stored exactly as given (escaping is each output's job), but
characters that no document contains are refused: control characters (a
terminal obeys them), lone surrogates (what Python makes of bytes that are
not UTF-8) and noncharacters (which no feed or page may carry).
"""

import re
import unicodedata
from datetime import date
from urllib.parse import urlsplit

from registry.rules import clock
from registry.rules.errors import RegistryError

MAX_TEXT = 10_000
MAX_LINE = 500
#: The dates the registry holds: any a page, a feed or a calendar can show.
FIRST_DAY, LAST_DAY = date(1900, 1, 1), date(2199, 12, 31)


def shown(value: object, most: int = 60) -> str:
    """A value as an error message quotes it: escaped, and cut short if long."""
    text = repr(value)
    if len(text) <= most:
        return text
    size = f" ({len(value)} characters)" if isinstance(value, str) else ""
    return f"{text[:most]}...{size}"


def parse_date(value: str | date | None, field: str, *, where: str | None = None) -> date:
    if isinstance(value, date):
        text = value.isoformat()
    elif isinstance(value, str) or value is None:
        text = (value or "").strip()
    else:
        raise RegistryError(f"{field} {shown(value)} is not a date", where=where, hint="give a date as YYYY-MM-DD")
    if not text:
        raise RegistryError(f"{field} is missing", where=where, hint="give a date as YYYY-MM-DD")
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
        raise RegistryError(
            f"{field} {shown(value)} is not a date in the form YYYY-MM-DD",
            where=where,
            hint="write ISO 8601 dates, e.g. 2012-12-05",
        )
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise RegistryError(
            f"{field} {shown(value)} is not a real date", where=where, hint="check the month and day"
        ) from None
    if not FIRST_DAY <= day <= LAST_DAY:
        raise RegistryError(f"{field} {day} is outside the years the registry holds",
                            where=where, hint=f"give a date from {FIRST_DAY} to {LAST_DAY}")
    return day


def past_date(value: str | date | None, field: str, *, where: str | None = None) -> date:
    """A date of something that has already happened: not after today."""
    day = parse_date(value, field, where=where)
    if day > clock.today():
        raise RegistryError(
            f"{field} {day} is in the future",
            where=where,
            hint="record events once they have happened",
        )
    return day


#: What no text holds: control characters (category Cc) but the newline and the tab, lone
#: surrogates (Cs), and noncharacters (U+FDD0 to U+FDEF, and the last two of every plane).
_NOT_TEXT = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef"
    + "".join(chr(plane * 0x10000 + 0xFFFE) + chr(plane * 0x10000 + 0xFFFF) for plane in range(17))
    + "]"
)


def text(value: str | None, field: str, *, where: str | None = None, limit: int = MAX_TEXT,
         required: bool = False) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise RegistryError(f"{field} {shown(value)} is not a text", where=where)
    if required and not value.strip():
        raise RegistryError(f"{field} is empty", where=where, hint=f"give a {field}")
    if len(value) > limit:
        raise RegistryError(
            f"{field} is {len(value)} characters long; the limit is {limit}",
            where=where,
            hint="shorten it, or link to a document that holds the full text",
        )
    found = _NOT_TEXT.search(value)
    if found:
        char = found.group()
        kind = unicodedata.category(char)
        if kind == "Cc":
            raise RegistryError(
                f"{field} contains the control character U+{ord(char):04X}",
                where=where,
                hint="remove it; it is not part of any document",
            )
        if kind == "Cs":
            raise RegistryError(
                f"{field} is not UTF-8 text: it holds the lone surrogate U+{ord(char):04X}",
                where=where,
                hint="the value came from bytes in another encoding; retype it, or convert it to UTF-8",
            )
        raise RegistryError(
            f"{field} contains the noncharacter U+{ord(char):04X}",
            where=where,
            hint="remove it; it is not part of any document",
        )
    return value


def refuse_invisible(value: str, field: str, *, where: str | None = None) -> str:
    """Refuse marks that change how a text reads without showing (bidirectional overrides,
    zero-width characters): in a name, they make one name read as another."""
    for char in value:
        if unicodedata.category(char) == "Cf":
            raise RegistryError(
                f"{field} contains the invisible character U+{ord(char):04X} "
                f"({unicodedata.name(char, 'unnamed')})",
                where=where,
                hint="retype it without the invisible mark",
            )
    return value


def line(value: str | None, field: str, *, where: str | None = None, limit: int = MAX_LINE,
         required: bool = False) -> str:
    """A one-line text such as a title or a place."""
    checked = text(value, field, where=where, limit=limit, required=required)
    if "\n" in checked:
        raise RegistryError(f"{field} must be one line", where=where)
    return checked


#: A slug: lower-case letters and digits in words joined by single hyphens, at most 100 characters.
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def slug(value: str | None, field: str = "slug", *, where: str | None = None) -> str:
    if not isinstance(value, str | None):
        raise RegistryError(f"{field} {shown(value)} is not a slug", where=where,
                            hint="use lower-case letters, digits and single hyphens, e.g. prague-2009")
    value = (value or "").strip()
    if not is_slug(value):
        raise RegistryError(
            f"{field} {shown(value)} is not a slug",
            where=where,
            hint="use lower-case letters, digits and single hyphens, e.g. prague-2009",
        )
    return value


def is_slug(value: object) -> bool:
    """Whether `value` is a slug as stored (a value a slug can name)."""
    return isinstance(value, str) and len(value) <= 100 and _SLUG.fullmatch(value) is not None


def url(value: str | None, field: str = "url", *, where: str | None = None) -> str:
    if not isinstance(value, str | None):
        raise RegistryError(f"{field} {shown(value)} is not a web address", where=where,
                            hint="give a full http:// or https:// link")
    value = (value or "").strip()
    if not value:
        return ""
    try:
        parts = urlsplit(value)
    except ValueError:  # e.g. an unclosed [ of an IPv6 address
        parts = urlsplit("")
    if parts.scheme not in ("http", "https") or not parts.netloc or any(c.isspace() for c in value) \
            or any(unicodedata.category(c) in ("Cc", "Cf", "Cs") for c in value):
        raise RegistryError(
            f"{field} {shown(value)} is not a web address",
            where=where,
            hint="give a full http:// or https:// link",
        )
    return line(value, field, where=where, limit=2000)


def reason(value: str | None) -> str:
    value = text(value, "reason", limit=MAX_LINE)
    if not value.strip():
        raise RegistryError(
            "a reason is required: it is published in the change log",
            hint="say why with --reason, e.g. --reason 'date misread from the letter'",
        )
    return value
