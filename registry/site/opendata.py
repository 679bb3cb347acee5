"""The open data files: what member countries and others read by program.

JSON is written with sorted keys and "<", ">" and "&" escaped, so that a
file is byte-stable and stays inert even if someone pastes it into a page.
CSV cells that a spreadsheet would read as a formula are neutralised.
"""

import csv
import io
from typing import Any

import orjson

from registry.reading.snapshot import Snapshot
from registry.rules import terms
from registry.rules.standing import Standing
from registry.site import urls

#: The fields of members.json and members.csv, with what each holds.
MEMBER_FIELDS = [
    ("iso2", "ISO 3166-1 alpha-2 code"),
    ("iso3", "ISO 3166-1 alpha-3 code"),
    ("name", "English short name"),
    ("status", "member, or withdrawn for a former member"),
    ("joined", "start of the current (or last) period of membership, ISO date"),
    ("first_joined", "the day the country first joined, ISO date"),
    ("withdrawn", "the day the membership ended, ISO date; empty for members"),
    ("instrument", "slug of the founding instrument the membership rests on"),
    ("kind", "how the last period began: endorsement, accession, re-accession, ..."),
    ("source", "the document that evidences the last joining action"),
    ("latest_report", "cycle of the latest report received, e.g. 2014"),
    ("next_due", "ISO date the next report falls due, for members"),
    ("page", "address of the country's page on this site"),
    ("data", "address of the country's JSON record on this site"),
]

FILES = [
    (urls.MEMBERS_JSON, "JSON", "Every country that is or was a member, one record each."),
    (urls.MEMBERS_CSV, "CSV", "The same records as a spreadsheet-safe table."),
    ("data/members/<iso2>.json", "JSON",
     "One country's full listing: membership history, reporting record, meetings attended."),
    (urls.REGISTRY_JSON, "JSON", "The whole public registry (the export document, public subset)."),
    (urls.REGISTRY_SCHEMA, "JSON Schema", "The schema that registry.json is valid against."),
    (urls.CALENDAR, "iCalendar", "Report due dates and conference sessions."),
    (urls.FEED, "Atom", "The registry's change log, newest first."),
]

#: What registry.json leaves out of the export document: who typed each change
#: and the raw before/after rows are the secretariat's, not the public's.
PRIVATE_CHANGE_FIELDS = ("by", "before", "after")


def dumps(data: Any) -> str:
    """JSON with sorted keys, two-space indents and UTF-8 text: what json.dumps(data,
    sort_keys=True, indent=2, ensure_ascii=False) writes (tests/test_opendata_json.py checks), made
    by orjson, which takes a twentieth of the time on the large registry's registry.json."""
    return _inert(orjson.dumps(data, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS).decode()) + "\n"


def _inert(text: str) -> str:
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def member_records(snap: Snapshot, base: str) -> dict[str, dict[str, Any]]:
    """Each member's record in members.json and members.csv, by ISO code, in the list's order."""
    return {s.iso2: member_record(snap, s, base) for s in snap.standings}


def member_record(snap: Snapshot, s: Standing, base: str) -> dict[str, Any]:
    listed = snap.listings[s.iso2]
    joining = [a for a in listed["history"] if a["instrument"] == s.instrument and a["kind"] != "withdrawal"]
    latest = snap.records[s.iso2].latest_received if s.iso2 in snap.records else None
    return {
        "iso2": s.iso2,
        "iso3": listed["iso3"],
        "name": s.name,
        "status": s.status,
        "joined": s.joined.isoformat(),
        "first_joined": s.first_joined.isoformat(),
        "withdrawn": s.withdrawn.isoformat() if s.withdrawn else None,
        "instrument": s.instrument,
        "kind": s.kind,
        "source": joining[-1]["source"] if joining else "",
        "latest_report": latest.cycle.slug if latest else None,
        "next_due": listed["next_due"]["due"] if listed["next_due"] else None,
        "page": f"{base}/{urls.member(s.iso2)}",
        "data": f"{base}/{urls.member_data(s.iso2)}",
    }


def members_json(snap: Snapshot, records: dict[str, dict[str, Any]]) -> str:
    """members.json, from member_records()."""
    return dumps({
        "alliance": snap.settings.name,
        "as_of": snap.today.isoformat(),
        "data_as_of": snap.data_as_of.isoformat() if snap.data_as_of else None,
        "members": [records[s.iso2] for s in snap.standings],
    })


def safe_cell(value: Any) -> str:
    """A cell a spreadsheet shows as text: formulas (= + - @, tab, CR) are quoted."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def members_csv(snap: Snapshot, records: dict[str, dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([name for name, _ in MEMBER_FIELDS])
    for record in (records[s.iso2] for s in snap.standings):
        writer.writerow([safe_cell(record[name]) for name, _ in MEMBER_FIELDS])
    return out.getvalue()


def country_json(snap: Snapshot, iso2: str, base: str) -> str:
    """A country's listing (`registry country XX --json`) with its page's address."""
    return dumps(dict(snap.listings[iso2], page=f"{base}/{urls.member(iso2)}"))


def registry_json(snap: Snapshot) -> str:
    return dumps(registry_document(snap))


def registry_document(snap: Snapshot) -> dict[str, Any]:
    """The export document without the secretariat's private fields."""
    doc = dict(snap.document)
    doc["changes"] = [public_change(change) for change in doc["changes"]]
    return doc


def public_change(change: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in change.items() if k not in PRIVATE_CHANGE_FIELDS}


_DATE = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
_TEXT = {"type": "string"}
_ID = {"type": "integer", "minimum": 1}
_ISO2 = {"type": "string", "pattern": "^[A-Z]{2}$"}
_SLUG = {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"}


#: What each column of the export document holds, where its type alone does not say it all.
_KNOWN: dict[str, dict[str, Any]] = {
    "slug": _SLUG, "instrument": _SLUG, "meeting": _SLUG, "founding_instrument": _SLUG,
    "country": _ISO2, "host": _ISO2,
}
_CHOICES: dict[tuple[str, str], tuple[str, ...]] = {
    ("instruments", "kind"): terms.INSTRUMENT_KINDS,
    ("actions", "kind"): terms.ACTIONS, ("actions", "evidence"): terms.EVIDENCE,
    ("meetings", "kind"): terms.MEETING_KINDS, ("meetings", "status"): terms.MEETING_STATUSES,
}
_KINDS = {"text": _TEXT, "integer": {"type": "integer"}, "date": _DATE,
          "datetime": {"type": "string", "format": "date-time"}}


def _column(table: str, name: str, kind: str, nullable: bool) -> dict[str, Any]:
    if name == "id":
        return {"const": 1} if table == "alliance" else _ID
    if (table, name) in _CHOICES:
        schema: dict[str, Any] = {"enum": list(_CHOICES[table, name])}
    else:
        schema = _KNOWN.get(name, _KINDS[kind])
    return {"anyOf": [schema, {"type": "null"}]} if nullable else schema


def _row(table: str, columns: list[tuple[str, str, bool]], leave_out: tuple[str, ...] = ()) -> dict[str, Any]:
    properties = {name: _column(table, name, kind, nullable)
                  for name, kind, nullable in columns if name not in leave_out}
    return {"type": "object", "required": sorted(properties), "properties": properties,
            "additionalProperties": False}


def registry_schema(snap: Snapshot) -> dict[str, Any]:
    """The JSON Schema of registry.json, made from the registry's own columns, so that a new
    column is described the day it is added."""
    lists = {name: {"type": "array", "items": _row(name, columns,
                                                   PRIVATE_CHANGE_FIELDS if name == "changes" else ())}
             for name, columns in snap.columns.items() if name != "alliance"}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "registry.schema.json",
        "title": "Public registry of the alliance",
        "description": "The `registry export` document without the change log's by/before/after fields.",
        "type": "object",
        "required": ["format", "format_version", "schema_revision", "alliance", *sorted(lists)],
        "properties": {
            "format": {"const": "alliance-registry"},
            "format_version": {"const": 1},
            "schema_revision": _TEXT,
            "alliance": _row("alliance", snap.columns["alliance"]),
            **lists,
        },
        "additionalProperties": False,
    }


def schema_json(snap: Snapshot) -> str:
    return dumps(registry_schema(snap))
