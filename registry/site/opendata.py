"""The open data files: what member countries and others read by program.

Every JSON file is a contract: it names its JSON Schema (`$schema`, published beside it), the
version of its layout, when what it shows last changed and the data's licence; the tests
validate each against its schema. JSON is written with sorted keys and "<", ">" and "&"
escaped, so that a file is byte-stable and stays inert even if someone pastes it into a page.
CSV is written for spreadsheets: UTF-8 with a byte-order mark, and cells that a spreadsheet
would read as a formula are neutralised.
"""

import codecs
import csv
import io
import json
import re
from datetime import datetime
from importlib import resources
from typing import Any

from registry.reading import changes, export, licences, releases
from registry.reading.snapshot import Snapshot
from registry.rules import countries, terms
from registry.rules.cycle import STATUSES
from registry.rules.errors import ContentError
from registry.rules.history import Period
from registry.rules.language import N_
from registry.rules.standing import Standing
from registry.site import feeds, urls
from registry.storage import rows

#: The fields of members.json and members.csv, with what each holds (in English in the files;
#: marked for the catalogue, since the open-data page shows them in its language).
MEMBER_FIELDS = [
    ("iso2", N_("ISO 3166-1 alpha-2 code")),
    ("iso3", N_("ISO 3166-1 alpha-3 code")),
    ("name", N_("English short name")),
    ("status", N_("member, or withdrawn for a former member")),
    ("joined", N_("start of the current (or last) period of membership, ISO date")),
    ("first_joined", N_("the day the country first joined, ISO date")),
    ("withdrawn", N_("the day the membership ended, ISO date; empty for members")),
    ("instrument", N_("slug of the founding instrument the membership rests on")),
    ("kind", N_("how the last period began: endorsement, accession, re-accession, ...")),
    ("source", N_("the document that evidences the last joining action")),
    ("latest_report", N_("cycle of the latest report received, e.g. 2014")),
    ("next_due", N_("ISO date the next report falls due, for members")),
    ("page", N_("address of the country's page on this site")),
    ("data", N_("address of the country's JSON record on this site")),
]

FILES = [
    (urls.MEMBERS_JSON, "JSON", N_("Every country that is or was a member, one record each.")),
    (urls.MEMBERS_SCHEMA, "JSON Schema", N_("The schema that members.json is valid against.")),
    (urls.MEMBERS_CSV, "CSV", N_("The same records as a table that opens in any spreadsheet (UTF-8).")),
    (urls.REPORTING_CSV, "CSV", N_("The reporting record: one row per country that is or was a member, one column "
     "per cycle, each cell the country's status in it.")),
    ("data/members/<iso2>.json", "JSON",
     N_("One country's full listing: membership history, reporting record with notes, meetings attended.")),
    (urls.COUNTRY_SCHEMA, "JSON Schema", N_("The schema that every country's file is valid against.")),
    ("data/members/<iso2>.ics", "iCalendar", N_("One country's report due dates and the alliance's meetings.")),
    (urls.REGISTRY_JSON, "JSON", N_("The whole public registry (the export document, public subset).")),
    (urls.REGISTRY_SCHEMA, "JSON Schema", N_("The schema that registry.json is valid against.")),
    (urls.POPOLO_JSON, "JSON (Popolo)",
     N_("Memberships in the Popolo format: one per unbroken period of membership or participation.")),
    (urls.POPOLO_SCHEMA, "JSON Schema", N_("The schema that popolo.json is valid against.")),
    (urls.CALENDAR, "iCalendar", N_("Report due dates and conference sessions.")),
    (urls.FEED, "Atom", N_("The registry's change log, newest first.")),
    (urls.DATAPACKAGE, "JSON (Data Package)",
     N_("The files above as a Frictionless Data Package: each file's format, schema and licence, "
        "and the latest release.")),
]

#: Each kind of JSON file: its schema (published beside it) and the version of its layout,
#: MAJOR.MINOR. A minor version only adds (a field, a file); anything a reader could trip on
#: (a field removed, renamed, retyped or given a new meaning) takes a major one. docs/data.md
#: states the promise.
CONTRACTS = {
    "members": (urls.MEMBERS_JSON, urls.MEMBERS_SCHEMA, "1.0"),
    "country": ("data/members/<iso2>.json", urls.COUNTRY_SCHEMA, "1.0"),
    "registry": (urls.REGISTRY_JSON, urls.REGISTRY_SCHEMA, export.PUBLIC_VERSION),
    "popolo": (urls.POPOLO_JSON, urls.POPOLO_SCHEMA, "1.0"),
}

#: The tables whose changes a file shows, for its `last_changed` (registry.json shows every
#: change; a country's file, the changes about that country).
REFLECTS = {
    "members": ("action", "report", "instrument", "alliance"),
    "popolo": ("action", "instrument", "alliance"),
}

#: What registry.json leaves out of the export document (reading/export.py, the public document).
PRIVATE_CHANGE_FIELDS = export.PRIVATE_CHANGE_FIELDS
UNPUBLISHED_LISTS = export.UNPUBLISHED_LISTS


def data_files(snap: Snapshot, base: str) -> list[tuple[str, str | bytes]]:
    """Every file under data/, by its address: the JSON files with their schemas, the CSV, and
    each country's JSON and calendar."""
    members = member_records(snap, base)
    participation = changes.last_change_by_country([c for c in snap.changes if c.entity == "action"])
    files: list[tuple[str, str | bytes]] = [
        (urls.REGISTRY_JSON, registry_json(snap, base)),
        (urls.REGISTRY_SCHEMA, dumps(registry_schema(snap))),
        (urls.MEMBERS_JSON, members_json(snap, members, base)),
        (urls.MEMBERS_SCHEMA, dumps(members_schema())),
        (urls.MEMBERS_CSV, members_csv(snap, members)),
        (urls.COUNTRY_SCHEMA, dumps(country_schema(snap))),
        (urls.POPOLO_JSON, dumps(popolo_document(snap, base))),
        (urls.POPOLO_SCHEMA, dumps(popolo_schema())),
    ]
    files += release_files(snap)
    files.append((urls.DATAPACKAGE, dumps(datapackage(snap, base))))
    calendars = feeds.country_calendars(snap, base, participation)
    for iso2 in snap.listings:
        files.append((urls.member_data(iso2), dumps(country_document(snap, iso2, base))))
        files.append((urls.member_calendar(iso2), calendars[iso2]))
    return files


def encoded(name: str, data: str | bytes) -> bytes:
    """A file's bytes as the site writes them: text in UTF-8, and every CSV, whoever made it,
    starting with a byte-order mark: Excel reads a CSV as UTF-8 only when it has one, and
    without it shows "Côte d'Ivoire" as "CÃ´te d'Ivoire"."""
    raw = data if isinstance(data, bytes) else data.encode("utf-8")
    if name.endswith(".csv") and not raw.startswith(codecs.BOM_UTF8):
        raw = codecs.BOM_UTF8 + raw
    return raw


def dumps(data: Any) -> str:
    """JSON as every published file is written (export.public_json; tests/test_opendata_json.py checks)."""
    return export.public_json(data)


def licence(snap: Snapshot) -> dict[str, Any]:
    """The data's licence (the `licence` setting), named and linked."""
    return licences.licence(snap.settings.licence or terms.DEFAULT_LICENCE)


def contract(snap: Snapshot, base: str, kind: str, changed: datetime | None) -> dict[str, Any]:
    """What every JSON file says about itself: its schema, its layout's version, when what it
    shows last changed (the newest change-log entry it reflects) and its licence."""
    _, schema, version = CONTRACTS[kind]
    return {"$schema": f"{base}/{schema}", "version": version,
            "last_changed": rows.json_value(changed) if changed else None, "licence": licence(snap)}


def contract_rows() -> list[dict[str, Any]]:
    """Each kind of JSON file with its schema and version, for the /data/ page."""
    return [{"file": f"/{file}", "path": None if "<" in file else file, "schema": f"/{schema}",
             "schema_path": schema, "version": version}
            for file, schema, version in CONTRACTS.values()]


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


def members_json(snap: Snapshot, records: dict[str, dict[str, Any]], base: str) -> str:
    """members.json, from member_records()."""
    return dumps({
        **contract(snap, base, "members", changes.newest(snap.changes, REFLECTS["members"])),
        "alliance": snap.settings.name,
        "as_of": snap.today.isoformat(),
        "data_as_of": rows.json_value(snap.data_as_of) if snap.data_as_of else None,
        "members": [records[s.iso2] for s in snap.standings],
    })


def safe_cell(value: Any) -> str:
    """A cell a spreadsheet shows as text: formulas (= + - @, tab, CR) are quoted."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def csv_text(rows: list[list[Any]]) -> str:
    """A CSV for spreadsheets: CRLF line ends, every cell through safe_cell(). (encoded() adds
    the byte-order mark when the file is written.)"""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    return out.getvalue()


def members_csv(snap: Snapshot, records: dict[str, dict[str, Any]]) -> str:
    names = [name for name, _ in MEMBER_FIELDS]
    return csv_text([names, *([records[s.iso2][name] for name in names] for s in snap.standings)])


def country_document(snap: Snapshot, iso2: str, base: str) -> dict[str, Any]:
    """A country's listing (`registry country XX --json`) and the addresses of its page and calendar."""
    return {
        **contract(snap, base, "country", snap.changed.get(iso2)),
        **snap.listings[iso2],
        "page": f"{base}/{urls.member(iso2)}",
        "calendar": f"{base}/{urls.member_calendar(iso2)}",
    }


def registry_json(snap: Snapshot, base: str) -> str:
    return dumps({**contract(snap, base, "registry", snap.data_as_of), **registry_document(snap)})


def registry_document(snap: Snapshot) -> dict[str, Any]:
    """The public document (export.public_document): what every release holds too."""
    return export.public_document(snap.document)


# -- Popolo ------------------------------------------------------------------------------------

#: Popolo identifiers: the alliance, each instrument by slug, each country by ISO code.
ALLIANCE_ID = "alliance"


def _instrument_id(slug: str) -> str:
    return f"instrument/{slug}"


def _country_id(iso2: str) -> str:
    return f"country/{iso2}"


def popolo_document(snap: Snapshot, base: str) -> dict[str, Any]:
    """data/popolo.json: the alliance and each instrument as organizations, the countries that
    take part as organizations too, and a membership for each unbroken period of membership of
    the alliance or participation in an instrument, as reading.periods derives them."""
    spans = snap.periods
    founding = snap.settings.founding_instrument
    taking_part = sorted({iso2 for by_country in spans.values() for iso2 in by_country},
                         key=lambda iso2: (snap.naming.sort_key(iso2), iso2))
    rank = {iso2: n for n, iso2 in enumerate(taking_part)}
    memberships = _memberships(ALLIANCE_ID, "member", spans.get(founding, {}), rank)
    for instrument in snap.instruments:
        memberships += _memberships(_instrument_id(instrument.slug), "participant",
                                    spans.get(instrument.slug, {}), rank)
    return {
        **contract(snap, base, "popolo", changes.newest(snap.changes, REFLECTS["popolo"])),
        "organizations": [_alliance_organization(snap, base)]
        + [_instrument_organization(i, base) for i in snap.instruments]
        + [_country_organization(snap, iso2, base) for iso2 in taking_part],
        "memberships": memberships,
    }


def _alliance_organization(snap: Snapshot, base: str) -> dict[str, Any]:
    found: dict[str, Any] = {"id": ALLIANCE_ID, "name": snap.settings.name, "classification": "alliance",
                             "links": [{"url": f"{base}/", "note": "the alliance's registry"}]}
    if snap.settings.short_name:
        found["other_names"] = [{"name": snap.settings.short_name, "note": "short name"}]
    founding = snap.instrument_by_slug.get(snap.settings.founding_instrument or "")
    if founding is not None:
        found["founding_date"] = founding.adopted.isoformat()
    return found


def _instrument_organization(instrument, base: str) -> dict[str, Any]:
    return {"id": _instrument_id(instrument.slug), "name": instrument.title, "classification": instrument.kind,
            "founding_date": instrument.adopted.isoformat(),
            "links": [{"url": f"{base}/{urls.instrument(instrument.slug)}", "note": "the instrument's page"}]}


def _country_organization(snap: Snapshot, iso2: str, base: str) -> dict[str, Any]:
    country = countries.get(iso2)
    codes = [{"identifier": country.iso2, "scheme": "ISO 3166-1 alpha-2"},
             {"identifier": country.iso3, "scheme": "ISO 3166-1 alpha-3"}]
    # A country that took part only in other instruments has no page of its own.
    links = [{"url": f"{base}/{urls.member(iso2)}", "note": "the country's page"}] if snap.has_page(iso2) else []
    return {"id": _country_id(iso2), "name": snap.naming.name(iso2), "classification": "country",
            "identifiers": codes, "links": links}


def _memberships(organization: str, role: str, by_country: dict[str, list[Period]],
                 rank: dict[str, int]) -> list[dict[str, Any]]:
    """An organization's memberships, by country (in `rank`'s order), oldest first."""
    return [
        {"id": f"{organization}/{iso2}/{period.began.isoformat()}", "organization_id": organization,
         "member": {"@type": "Organization", "id": _country_id(iso2)}, "role": role,
         "start_date": period.began.isoformat(), "end_date": period.ended.isoformat() if period.ended else None}
        for iso2 in sorted(by_country, key=rank.__getitem__) for period in by_country[iso2]
    ]


# -- schemas -----------------------------------------------------------------------------------

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
    ("attendance", "role"): terms.ATTENDANCE_ROLES, ("decisions", "kind"): terms.DECISION_KINDS,
    ("documents", "kind"): terms.DOCUMENT_KINDS, ("targets", "kind"): terms.TARGET_KINDS,
    ("commitments", "status"): terms.COMMITMENT_STATUSES,
}
_KINDS = {"text": _TEXT, "integer": {"type": "integer"}, "number": {"type": "number"}, "date": _DATE,
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
             for name, columns in snap.columns.items() if name != "alliance" and name not in UNPUBLISHED_LISTS}
    return _with_contract("registry", {
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
    })


def members_schema() -> dict[str, Any]:
    return _with_contract("members", _shipped("members.schema.json"))


def country_schema(snap: Snapshot) -> dict[str, Any]:
    """The schema of a country's file: as shipped, its history's rows made from the registry's
    columns like registry.json's actions, so that the two never disagree."""
    schema = _shipped("country.schema.json")
    schema["$defs"]["action"] = _row("actions", snap.columns["actions"])
    return _with_contract("country", schema)


def popolo_schema() -> dict[str, Any]:
    return _with_contract("popolo", _shipped("popolo.schema.json"))


def _shipped(name: str) -> dict[str, Any]:
    """A schema shipped with the site (registry/site/schemas/), without the contract's fields."""
    return json.loads(resources.files("registry.site").joinpath("schemas").joinpath(name).read_text("utf-8"))


_META_SCHEMA = "https://json-schema.org/draft/2020-12/schema"
_LICENCE = {
    "description": "The licence of the data: its SPDX identifier, name and address.",
    "type": "object", "required": ["id", "name", "url"],
    "properties": {"id": _TEXT, "name": _TEXT, "url": {"type": "string", "format": "uri"}},
    "additionalProperties": False,
}


def _with_contract(kind: str, schema: dict[str, Any]) -> dict[str, Any]:
    """A file's schema, with the fields every JSON file carries (contract()), the meta-schema and its name."""
    _, address, version = CONTRACTS[kind]
    fields = {
        "$schema": {"description": "The address of this schema.", "type": "string", "format": "uri",
                    "pattern": f"/{re.escape(address)}$"},
        "version": {"description": "The version of the file's layout, MAJOR.MINOR.", "const": version},
        "last_changed": {"description": "The time of the newest change to the registry that the file shows.",
                         "anyOf": [{"type": "string", "format": "date-time"}, {"type": "null"}]},
        "licence": _LICENCE,
    }
    return {"$schema": _META_SCHEMA, "$id": address.rsplit("/", 1)[1], **schema,
            "required": [*fields, *schema["required"]], "properties": {**fields, **schema["properties"]}}


# -- releases --------------------------------------------------------------------------------------

#: Schemas of registry.json's earlier layout versions, kept as they were published
#: (schemas/registry-<version>.schema.json): a release is valid against the schema of its version.
FROZEN_SCHEMA = "registry-{version}.schema.json"


def release_files(snap: Snapshot) -> list[tuple[str, str | bytes]]:
    """Each release's registry.json (the stored bytes, exactly), changes.json, and the schema of each."""
    files: list[tuple[str, str | bytes]] = []
    for release in snap.releases:
        number = release.number
        files += [
            (urls.release_file(number, "registry.json"), release.text.encode("utf-8")),
            (urls.release_file(number, releases.SCHEMA), dumps(release_schema(snap, release))),
            (urls.release_file(number, "changes.json"), dumps(release.changes_document())),
            (urls.release_file(number, releases.CHANGES_SCHEMA), dumps(changes_schema())),
        ]
    return files


def release_schema(snap: Snapshot, release: releases.Release) -> dict[str, Any]:
    """The schema of registry.json in the release's layout version: today's when the version is
    today's (a schema changes only with its version), else the one kept when that version was
    superseded; published beside the release, which names it relative to itself."""
    version = release.document.get("version")
    if version == export.PUBLIC_VERSION:
        schema = registry_schema(snap)
    else:
        name = FROZEN_SCHEMA.format(version=version)
        frozen = resources.files("registry.site").joinpath("schemas").joinpath(name)
        if not frozen.is_file():
            raise ContentError(f"release {release.number} has registry.json version {version}, whose schema "
                               "is not kept", hint=f"keep it as registry/site/schemas/{name}")
        schema = json.loads(frozen.read_text("utf-8"))
    return _beside_release(schema, releases.SCHEMA)


def changes_schema() -> dict[str, Any]:
    return _beside_release(_with_fields(_shipped(releases.CHANGES_SCHEMA), releases.CHANGES_VERSION),
                           releases.CHANGES_SCHEMA)


def _with_fields(schema: dict[str, Any], version: str) -> dict[str, Any]:
    """A release file's schema with the fields every JSON file carries (contract())."""
    fields = {
        "$schema": {},
        "version": {"description": "The version of the file's layout, MAJOR.MINOR.", "const": version},
        "last_changed": {"description": "The time of the newest change to the registry that the release includes.",
                         "anyOf": [{"type": "string", "format": "date-time"}, {"type": "null"}]},
        "licence": _LICENCE,
    }
    return {"$schema": _META_SCHEMA, **schema, "required": [*fields, *schema["required"]],
            "properties": {**fields, **schema["properties"]}}


def _beside_release(schema: dict[str, Any], name: str) -> dict[str, Any]:
    """A schema as published beside a release's file, which names it by `name`, relative to itself."""
    named = {"description": "The address of this schema, relative to the file: it is published beside it.",
             "const": name}
    return {**schema, "$id": name, "properties": {**schema["properties"], "$schema": named}}


# -- the data package --------------------------------------------------------------------------------

#: The Frictionless Data Package profile data/datapackage.json follows (https://datapackage.org/).
DATA_PACKAGE_PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
#: The JSON files of the package: name, file and its schema, relative to data/.
_JSON_RESOURCES = [
    ("registry", urls.REGISTRY_JSON, urls.REGISTRY_SCHEMA),
    ("members", urls.MEMBERS_JSON, urls.MEMBERS_SCHEMA),
    ("popolo", urls.POPOLO_JSON, urls.POPOLO_SCHEMA),
]
_MEMBER_TYPES = {"joined": "date", "first_joined": "date", "withdrawn": "date", "next_due": "date"}


def datapackage(snap: Snapshot, base: str) -> dict[str, Any]:
    """data/datapackage.json: the open data as a Frictionless Data Package, paths relative to
    data/; its version is the number of the latest release, which it lists as a resource."""
    chosen = licence(snap)
    package: dict[str, Any] = {
        "$schema": DATA_PACKAGE_PROFILE,
        "name": _package_name(snap),
        "title": f"{snap.settings.name}: public registry",
        "description": "Members, instruments, reports and conference sessions of the alliance, as kept by its "
                       "secretariat. Every JSON file names its JSON Schema; the CSV files are described here.",
        "created": rows.json_value(snap.data_as_of) if snap.data_as_of else None,
        "licenses": [{"name": chosen["id"], "path": chosen["url"], "title": chosen["name"]}],
        "resources": [*_json_resources(), _members_table(), _reporting_table(snap), *_latest_release(snap)],
    }
    if base.startswith(("http://", "https://")):
        package["homepage"] = f"{base}/{urls.DATA}"
    if snap.releases:
        package["version"] = str(snap.releases[-1].number)
    return {key: value for key, value in package.items() if value is not None}


def _package_name(snap: Snapshot) -> str:
    words = re.findall(r"[a-z0-9]+", (snap.settings.short_name or snap.settings.name).lower())
    return "-".join([*words, "registry"])


def _in_data(address: str) -> str:
    return address.removeprefix(urls.DATA)


def _described(address: str) -> str:
    return next(what for path, _, what in FILES if path == address)


def _json_resources() -> list[dict[str, Any]]:
    return [{"name": name, "path": _in_data(path), "format": "json", "mediatype": "application/json",
             "encoding": "utf-8", "description": _described(path), "schema": _in_data(schema)}
            for name, path, schema in _JSON_RESOURCES]


def _table(name: str, address: str, description: str, fields: list[dict[str, Any]]) -> dict[str, Any]:
    return {"name": name, "type": "table", "path": _in_data(address), "format": "csv", "mediatype": "text/csv",
            "encoding": "utf-8", "description": description,
            "dialect": {"header": True, "delimiter": ",", "lineTerminator": "\r\n"},
            "schema": {"fields": fields, "primaryKey": ["iso2"], "missingValues": [""]}}


def _members_table() -> dict[str, Any]:
    statuses = {"status": {"constraints": {"enum": ["member", "withdrawn"]}}}
    fields: list[dict[str, Any]] = [
        {"name": name, "type": _MEMBER_TYPES.get(name, "string"), "description": meaning, **statuses.get(name, {})}
        for name, meaning in MEMBER_FIELDS]
    return _table("members-table", urls.MEMBERS_CSV, _described(urls.MEMBERS_CSV), fields)


def _reporting_table(snap: Snapshot) -> dict[str, Any]:
    cycles: list[dict[str, Any]] = [{"name": c.slug, "type": "string", "description": f"status in the cycle: {c.title}",
               "constraints": {"enum": list(STATUSES)}} for c in snap.cycles]
    fields: list[dict[str, Any]] = [{"name": "iso2", "type": "string", "description": "ISO 3166-1 alpha-2 code"},
              {"name": "name", "type": "string", "description": "English short name"}, *cycles]
    return _table("reporting", urls.REPORTING_CSV, _described(urls.REPORTING_CSV), fields)


def _latest_release(snap: Snapshot) -> list[dict[str, Any]]:
    if not snap.releases:
        return []
    latest = snap.releases[-1]
    return [{"name": f"release-{latest.number}", "path": _in_data(urls.release_file(latest.number, "registry.json")),
             "format": "json", "mediatype": "application/json", "encoding": "utf-8",
             "description": f"Release {latest.number} of the public registry, as released on "
                            f"{latest.released_at:%Y-%m-%d}; it never changes.",
             "schema": _in_data(urls.release_file(latest.number, releases.SCHEMA)),
             "hash": f"sha256:{latest.digest}", "bytes": len(latest.text.encode("utf-8"))}]
