"""The rules for every field of every kind of entry: one set, on every path that writes.

Commands, the CSV import, corrections, restore, the seed and settings all
check a value with the rule named here for its table and field, so that a
value one path refuses, every path refuses; `registry check` applies the same
rules to what is stored. A field not named here is checked by its type
(writing/corrections.py). Each rule takes the value and the field's name and
returns the value as stored, or raises a RegistryError saying what is wrong.
"""

import re
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from registry.rules import countries, fields, terms
from registry.rules.errors import RegistryError

Rule = Callable[..., Any]
#: Ids are positive and fit a 32-bit integer, which every backend holds.
LARGEST_ID = 2**31 - 1
#: The longest release document a registry keeps (PostgreSQL keeps a text of up to 1 GB).
MAX_RELEASED_DOCUMENT = 500_000_000


def choice(options: tuple[str, ...]) -> Rule:
    def one_of(value: Any, field: str, *, where: str | None = None) -> str:
        if not isinstance(value, str) or value not in options:
            raise RegistryError(f"{field} {fields.shown(value)} is not one of: {', '.join(options)}", where=where)
        return value

    return one_of


def whole_number(least: int, most: int, *, optional: bool = False) -> Rule:
    def number(value: Any, field: str, *, where: str | None = None) -> int | None:
        if value is None and optional:
            return None
        # Digits 0-9 only: int() also reads other scripts' digits, and str.isdigit() superscripts.
        if isinstance(value, str) and re.fullmatch(r"\s*[0-9]{1,12}\s*", value, re.ASCII):
            value = int(value)
        if not isinstance(value, int) or isinstance(value, bool) or not least <= value <= most:
            raise RegistryError(f"{field} {fields.shown(value)} is not a whole number from {least} to {most}",
                                where=where)
        return value

    return number


def optional(rule: Rule) -> Rule:
    def maybe(value: Any, field: str, *, where: str | None = None) -> Any:
        return None if value is None or value == "" else rule(value, field, where=where)

    return maybe


def iso2(value: Any, field: str, *, where: str | None = None) -> str:
    """A stored country: an ISO 3166-1 alpha-2 code the registry knows (commands resolve names first)."""
    if not isinstance(value, str):
        raise RegistryError(f"{field} {fields.shown(value)} is not a country code", where=where)
    try:
        return countries.get(value).iso2
    except KeyError:
        raise RegistryError(f"{field} {fields.shown(value)} is not a known ISO 3166-1 country code", where=where,
                            hint="'registry countries NAME' finds the code") from None


def required_line(value: Any, field: str, *, where: str | None = None) -> str:
    return fields.line(value, field, where=where, required=True)


def required_text(value: Any, field: str, *, where: str | None = None) -> str:
    """A text of one or more paragraphs that must say something."""
    return fields.text(value, field, where=where, required=True)


def number(least: float, most: float) -> Rule:
    """A decimal number in a range, written with a point (12.5), not in words or with separators."""
    def decimal(value: Any, field: str, *, where: str | None = None) -> float:
        if isinstance(value, str) and re.fullmatch(r"\s*-?[0-9]{1,16}(?:\.[0-9]{1,6})?\s*", value, re.ASCII):
            value = float(value)
        if isinstance(value, bool) or not isinstance(value, int | float) or not least <= value <= most:
            raise RegistryError(f"{field} {fields.shown(value)} is not a number from {least:g} to {most:g}",
                                where=where, hint="write digits with a decimal point, e.g. 1250 or 12.5")
        return float(value)

    return decimal


def person(value: Any, field: str, *, where: str | None = None) -> str:
    """Who made a change, as the log, the feeds and the pages show it: one line that says
    something, without invisible marks that would make one name read as another."""
    return fields.refuse_invisible(required_line(value, field, where=where), field, where=where)


def outcome_path(value: Any, field: str, *, where: str | None = None) -> str:
    """Where a session's outcome document is, in content/: sessions/NAME.md."""
    text = fields.line(value, field, where=where)
    parts = text.split("/")
    if len(parts) != 2 or parts[0] != "sessions" or not text.endswith(".md") or parts[1] in (".md", "..md"):
        raise RegistryError(f"{field} {fields.shown(text)} is not a Markdown file in sessions/", where=where,
                            hint="give a path such as sessions/conference-1.md")
    return text


def cycle_slug(value: Any, field: str, *, where: str | None = None) -> str:
    """A reporting cycle: the year its report falls due, or report-YEAR when the one-off
    announcement is due the same year (rules/cycle.py)."""
    text = fields.line(value, field, where=where)
    if not re.fullmatch(r"(?:report-)?[0-9]{4}", text):
        raise RegistryError(f"{field} {fields.shown(text)} is not a reporting cycle (a year such as 2016)",
                            where=where)
    return text


def long_text(value: Any, field: str, *, where: str | None = None) -> str:
    """A text the registry writes itself (the change log's copies of rows)."""
    return fields.text(value, field, where=where, limit=1_000_000)


def released_document(value: Any, field: str, *, where: str | None = None) -> str:
    """A release's document: the whole public registry, serialised by the registry itself from
    values each held to its own rule, as long as the registry is (a large one's is tens of
    millions of characters). Only its type and length are checked: a character scan of every
    release would cost `registry check` and each site build about a second per large release."""
    if not isinstance(value, str) or not value or len(value) > MAX_RELEASED_DOCUMENT:
        raise RegistryError(f"{field} is not a released document of at most {MAX_RELEASED_DOCUMENT:,} characters",
                            where=where)
    return value


def licence(value: Any, field: str, *, where: str | None = None) -> str:
    """The open data's licence: an SPDX identifier such as CC-BY-4.0 or CC0-1.0."""
    text = required_line(value, field, where=where)
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9.+-]{1,63}", text):
        raise RegistryError(f"{field} {fields.shown(text)} is not an SPDX licence identifier", where=where,
                            hint="e.g. CC-BY-4.0 or CC0-1.0 (https://spdx.org/licenses/)")
    return text


_ID = whole_number(1, LARGEST_ID)
_SLUG = fields.slug

RULES: dict[str, dict[str, Rule]] = {
    "alliance": {
        "id": whole_number(1, 1), "name": required_line, "short_name": fields.line,
        "founding_instrument": optional(_SLUG), "announcement_due": optional(fields.parse_date),
        "first_report_due": optional(fields.parse_date), "report_interval_years": whole_number(1, 10),
        "first_conference_by": optional(fields.parse_date), "conference_interval_years": whole_number(1, 10),
        "records_kept_since": optional(fields.parse_date), "contact": fields.line, "licence": licence,
        "name_convention": choice(terms.NAME_CONVENTIONS),
    },
    "instrument": {
        "id": _ID, "slug": _SLUG, "title": required_line, "kind": choice(terms.INSTRUMENT_KINDS),
        "adopted": fields.past_date, "place": fields.line, "issuer": fields.line, "citation": fields.text,
    },
    "action": {
        "id": _ID, "instrument": _SLUG, "country": iso2, "kind": choice(terms.ACTIONS),
        "date": fields.past_date, "evidence": choice(terms.EVIDENCE), "meeting": optional(_SLUG),
        "source": fields.text, "note": fields.text, "written_as": fields.line,
    },
    "meeting": {
        "id": _ID, "slug": _SLUG, "kind": choice(terms.MEETING_KINDS), "number": whole_number(1, 9999, optional=True),
        "title": required_line, "starts": fields.parse_date, "ends": fields.parse_date, "city": fields.line,
        "host": optional(iso2), "status": choice(terms.MEETING_STATUSES), "outcome": optional(outcome_path),
        "note": fields.text,
    },
    "attendance": {"id": _ID, "meeting": _SLUG, "country": iso2, "role": choice(terms.ATTENDANCE_ROLES),
                   "source": fields.text},
    "report": {
        "id": _ID, "country": iso2, "cycle": cycle_slug, "received": fields.past_date, "url": fields.url,
        "source": fields.text, "note": fields.text,
    },
    "decision": {
        "id": _ID, "meeting": _SLUG, "number": whole_number(1, 9999), "kind": choice(terms.DECISION_KINDS),
        "title": required_line, "text": fields.text, "instrument": optional(_SLUG), "source": fields.text,
    },
    "document": {
        "id": _ID, "meeting": _SLUG, "kind": choice(terms.DOCUMENT_KINDS), "title": required_line,
        "dated": optional(fields.past_date), "url": fields.url,
    },
    "target": {
        "id": _ID, "slug": _SLUG, "instrument": _SLUG, "kind": choice(terms.TARGET_KINDS),
        "number": whole_number(1, 999), "title": required_line, "text": fields.text, "source": fields.text,
    },
    "commitment": {
        "id": _ID, "country": iso2, "target": _SLUG, "cycle": cycle_slug, "text": required_text,
        "status": choice(terms.COMMITMENT_STATUSES), "source": fields.text,
    },
    "indicator": {
        "id": _ID, "slug": _SLUG, "target": _SLUG, "title": required_line, "unit": fields.line,
        "growth_percent": optional(number(-100, 1000)), "source": fields.text,
    },
    "indicator_value": {
        "id": _ID, "indicator": _SLUG, "year": whole_number(1900, 2199), "value": number(-1e15, 1e15),
        "source": required_text,
    },
    "country_name": {"id": _ID, "country": iso2, "name": required_line, "reason": fields.text, "source": fields.text},
    "release": {  # released_at, like a change's time, is the registry's own clock
        "id": _ID, "number": whole_number(1, 99999), "note": fields.text,
        "last_change": whole_number(1, LARGEST_ID, optional=True), "document": released_document,
    },
    "change": {
        "id": _ID, "by": person, "what": required_line, "entity": required_line,
        "entity_id": whole_number(1, LARGEST_ID, optional=True), "country": optional(iso2),
        "summary": fields.text, "reason": fields.text, "before": optional(long_text), "after": optional(long_text),
    },
}


def check(table: str, field: str, value: Any, *, where: str | None = None) -> Any:
    """The value as stored, if the rule for `table`.`field` allows it."""
    rule = RULES[table].get(field)
    return rule(value, field, where=where) if rule else value


def problems(table: str, row: Mapping[str, Any], where: str) -> list[RegistryError]:
    """What the rules refuse in one row (a dict of field values); `where` names the row."""
    return cleaned(table, row, where)[1]


def row_problems(table: str, row: Mapping[str, Any], where: str) -> list[RegistryError]:
    """What the rules refuse in a row as a whole, whose fields are each allowed: a meeting
    ends on or after its start, and a conference session, and only one, has a number."""
    if table != "meeting":
        return []
    found = []
    starts, ends = row.get("starts"), row.get("ends")
    if starts is not None and ends is not None and str(ends) < str(starts):  # ISO dates order as text
        found.append(RegistryError(f"ends on {ends}, before it starts on {starts}", where=where,
                                   hint="correct both dates at once, e.g. starts=2014-12-10 ends=2014-12-11"))
    if "kind" in row and "number" in row and (row["kind"] == "conference") != (row["number"] is not None):
        found.append(RegistryError("a conference session has a number, and no other meeting has one", where=where))
    return found


def cleaned(table: str, row: Mapping[str, Any], where: str) -> tuple[dict[str, Any], list[RegistryError]]:
    """One row (a dict of field values) as the rules store it, and what they refuse in it;
    fields no rule names are kept as they are."""
    values = dict(row)
    found = []
    for field, rule in RULES[table].items():
        if field in row:
            try:
                value = rule(row[field], field, where=f"{where}.{field}")
            except RegistryError as error:
                found.append(error)
                continue
            if row[field] is not None:  # a null stays null: the table says whether it may be
                values[field] = value
    return values, found or row_problems(table, values, where)


def is_date_field(annotation: Any) -> bool:
    return annotation in (date, date | None)
