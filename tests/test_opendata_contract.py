"""The open data as a contract: every JSON file names its schema, its layout's version, when
what it shows last changed and its licence, and is valid against the schema published beside
it; every CSV opens in a spreadsheet with its accents and without running a formula; each
country has a calendar; memberships are published in the Popolo format.

The seeded site (conftest.py) is read by the first tests; the others build a site from a
registry written to as the secretariat would.
"""

import csv
import hashlib
import io
import json
from datetime import date, datetime
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import icalendar
import jsonschema
import pytest
from conftest import TODAY, copy_content
from lxml import html

from registry.reading import export, licences, periods, releases
from registry.rules import countries
from registry.rules.history import Step
from registry.site import opendata, urls

BOM = b"\xef\xbb\xbf"
FORMULA = '=HYPERLINK("http://evil.example/","open me")'
HOSTILE = '<script>alert(1)</script>; "quoted", \\back\\slash'
IVORY_COAST = "Note verbale of Côte d'Ivoire, 3 March 2015"

#: The fields of Popolo's organization and membership (https://www.popoloproject.com/specs/,
#: schemas/organization.json and schemas/membership.json): popolo.json uses no other.
POPOLO_ORGANIZATION = {"id", "name", "other_names", "identifiers", "classification", "parent_id", "area_id",
                       "founding_date", "dissolution_date", "image", "contact_details", "links", "memberships",
                       "posts", "created_at", "updated_at", "sources"}
POPOLO_MEMBERSHIP = {"id", "label", "role", "member", "person_id", "organization_id", "post_id", "on_behalf_of_id",
                     "area_id", "start_date", "end_date", "contact_details", "links", "created_at", "updated_at",
                     "sources"}

#: Each schema's shape (what it requires and allows, not its descriptions) when its version was
#: published. A schema whose shape changes is a new version of the contract: see
#: test_a_schema_changes_only_with_its_version.
SHAPES = {
    "data/members.schema.json": ("1.0", "45e0923b2f158d78"),
    "data/members/country.schema.json": ("1.0", "8f351322b5a470ee"),
    "data/registry.schema.json": ("1.0", "3b009c9ba13e3d07"),
    "data/popolo.schema.json": ("1.0", "6cb74049ef98688f"),
    # the seeded site's one release: its files' schemas, published beside them
    "data/releases/1/registry.schema.json": ("1.0", "a8eb151b8052730c"),
    "data/releases/1/changes.schema.json": ("1.0", "d608bd2e1f988a0a"),
}
#: The Data Package descriptor follows the Frictionless standard, not this contract (test_releases.py).
DATAPACKAGE = "data/datapackage.json"


# -- helpers ----------------------------------------------------------------------------------


def json_files(output: Path) -> dict[str, object]:
    """Every JSON file of the open data that keeps the data contract, by its address."""
    return {p.relative_to(output).as_posix(): json.loads(p.read_text(encoding="utf-8"))
            for p in sorted((output / "data").rglob("*.json")) if p.relative_to(output).as_posix() != DATAPACKAGE}


def schema_address(name: str, document: dict) -> str:
    """The address of the schema a file names: absolute, or (a release's files) relative to the file."""
    return urlsplit(urljoin("/" + name, document["$schema"])).path.lstrip("/")


def schema_of(documents: dict[str, object], name: str, document: dict) -> dict:
    """The schema a file names, which must be published beside it."""
    address = schema_address(name, document)
    assert Path(address).parent == Path(name).parent, f"{name}: its schema {address} is not beside it"
    assert address in documents, f"{name}: its schema {address} is not published"
    return documents[address]


def validate(document: object, schema: dict) -> None:
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(document)


def shape(node: object) -> object:
    """A schema without its words (titles, descriptions, comments): what it requires and allows."""
    if isinstance(node, dict):
        return {k: shape(v) for k, v in node.items() if k not in ("description", "title", "$comment")}
    if isinstance(node, list):
        return [shape(v) for v in node]
    return node


def fingerprint(schema: dict) -> str:
    return hashlib.sha256(json.dumps(shape(schema), sort_keys=True).encode()).hexdigest()[:16]


def csv_rows(path: Path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith(BOM), f"{path.name} has no byte-order mark: Excel would not read it as UTF-8"
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


# -- the seeded site ----------------------------------------------------------------------------


def test_every_json_file_names_its_schema_and_is_valid_against_it(seeded_site):
    documents = json_files(seeded_site)
    schemas = {name for name in documents if name.endswith(".schema.json")}
    assert schemas == set(SHAPES)
    data = {name: doc for name, doc in documents.items() if name not in schemas}
    assert {"data/members.json", "data/registry.json", "data/popolo.json", "data/members/fr.json"} <= set(data)
    for name in schemas:
        jsonschema.Draft202012Validator.check_schema(documents[name])
    for name, document in data.items():
        validate(document, schema_of(documents, name, document))


def test_every_json_file_carries_its_version_last_change_and_licence(seeded_site):
    documents = json_files(seeded_site)
    log = documents["data/registry.json"]["changes"]  # oldest first
    versions = {schema: version for _, schema, version in opendata.CONTRACTS.values()}
    versions |= {"data/releases/1/registry.schema.json": export.PUBLIC_VERSION,
                 "data/releases/1/changes.schema.json": releases.CHANGES_VERSION}
    for name, document in documents.items():
        if name.endswith(".schema.json"):
            continue
        assert document["version"] == versions[schema_address(name, document)], name
        assert document["licence"] == {"id": "CC-BY-4.0", "name": "Creative Commons Attribution 4.0 International",
                                       "url": "https://creativecommons.org/licenses/by/4.0/"}, name
        assert document["last_changed"] is not None, name
    # the newest change the file shows: all of them, those about the country, those of its tables
    newest = max(c["at"] for c in log)
    assert documents["data/registry.json"]["last_changed"] == documents["data/members.json"]["data_as_of"]
    assert _moment(documents["data/registry.json"]["last_changed"]) == _moment(newest)
    for iso2 in ("FR", "US", "GB"):
        about = max(c["at"] for c in log if c["country"] == iso2)
        assert _moment(documents[urls.member_data(iso2)]["last_changed"]) == _moment(about), iso2
    shown = max(c["at"] for c in log if c["entity"] in ("action", "instrument", "alliance"))
    assert _moment(documents["data/popolo.json"]["last_changed"]) == _moment(shown)


def _moment(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def test_a_schema_changes_only_with_its_version(seeded_site):
    """The schemas are the published contract. When one changes shape, its file's layout has a
    new version: raise it in opendata.CONTRACTS (minor when the change only adds, major
    otherwise; registry.json's is export.PUBLIC_VERSION, which its releases carry: keep the
    superseded version's schema as registry/site/schemas/registry-<version>.schema.json, so that
    its releases stay published with it), say what changed in docs/data.md, and record the new
    fingerprint in SHAPES. (A
    version never published, the first one while it is being built, may take a new fingerprint
    as it is.)"""
    documents = json_files(seeded_site)
    found = {name: (documents[name]["properties"]["version"]["const"], fingerprint(documents[name]))
             for name in SHAPES}
    assert found == SHAPES


def test_the_country_file_keeps_every_note_and_links_its_page_and_calendar(seeded_site):
    documents = json_files(seeded_site)
    registry = documents["data/registry.json"]
    for iso2 in ("FR", "GB", "US"):
        listing = documents[urls.member_data(iso2)]
        actions = [a for a in registry["actions"] if a["country"] == iso2]
        assert sorted(a["note"] for a in listing["history"]) == sorted(a["note"] for a in actions)
        assert listing["page"].endswith(f"/{urls.member(iso2)}")
        assert listing["calendar"].endswith(f"/{urls.member_calendar(iso2)}")
        assert (seeded_site / urls.member_calendar(iso2)).is_file()
        assert all("note" in report for report in listing["reports"])


def test_each_country_has_a_calendar_of_its_reports_and_the_alliances_meetings(seeded_site):
    alliance = icalendar.Calendar.from_ical((seeded_site / urls.CALENDAR).read_bytes())
    meetings = {str(e["UID"]): e for e in alliance.walk("VEVENT") if str(e["UID"]).startswith("session-")}
    listings = sorted((seeded_site / "data/members").glob("*.json"))
    calendars = sorted((seeded_site / "data/members").glob("*.ics"))
    assert [p.stem for p in calendars] == [p.stem for p in listings if p.stem != "country.schema"]
    france = json.loads((seeded_site / urls.member_data("FR")).read_text(encoding="utf-8"))
    calendar = icalendar.Calendar.from_ical((seeded_site / urls.member_calendar("FR")).read_bytes())
    events = calendar.walk("VEVENT")
    uids = [str(e["UID"]) for e in events]
    assert len(uids) == len(set(uids))
    owed = [r for r in france["reports"] if r["status"] != "not-owed"]
    reports = [e for e in events if str(e["UID"]).startswith("report-")]
    assert [(e.decoded("DTSTART").isoformat(), str(e["SUMMARY"])) for e in reports] == [
        (r["due"], f"France: {_title(r)}") for r in owed]
    # the meetings are the alliance calendar's own events, so a subscriber to both sees each once
    ours = {str(e["UID"]): e for e in events if str(e["UID"]).startswith("session-")}
    assert ours.keys() == meetings.keys() and ours
    assert all(ours[uid].to_ical() == meetings[uid].to_ical() for uid in ours)
    country_page = html.parse(str(seeded_site / urls.member("FR") / "index.html"))
    assert country_page.xpath('//a[.="fr.ics"]/@href') == [f"../../{urls.member_calendar('FR')}"]


def _title(report: dict) -> str:
    day = date.fromisoformat(report["due"])
    if report["kind"] == "announcement":
        return f"Announcement of efforts, due {day:%-d %B %Y}"
    return f"Implementation report {report['cycle']}, due {day:%-d %B %Y}"


def test_popolo_memberships_use_popolos_fields_and_match_the_registry(seeded_site):
    popolo = json_files(seeded_site)["data/popolo.json"]
    organizations = {o["id"]: o for o in popolo["organizations"]}
    assert all(set(o) <= POPOLO_ORGANIZATION for o in popolo["organizations"])
    assert all(set(m) <= POPOLO_MEMBERSHIP for m in popolo["memberships"])
    assert organizations["alliance"]["classification"] == "alliance"
    assert all(m["organization_id"] in organizations and m["member"]["id"] in organizations
               for m in popolo["memberships"])
    members = json.loads((seeded_site / urls.MEMBERS_JSON).read_text(encoding="utf-8"))["members"]
    alliance = [m for m in popolo["memberships"] if m["organization_id"] == "alliance"]
    assert sorted((m["member"]["id"], m["start_date"], m["end_date"]) for m in alliance) == sorted(
        (f"country/{m['iso2']}", m["joined"], m["withdrawn"]) for m in members)
    founding = f"instrument/{json_files(seeded_site)['data/registry.json']['alliance']['founding_instrument']}"
    assert sorted((m["member"]["id"], m["start_date"]) for m in popolo["memberships"]
                  if m["organization_id"] == founding) == sorted((m["member"]["id"], m["start_date"]) for m in alliance)


def test_the_data_page_lists_every_file_and_states_the_licence_and_the_contract(seeded_site):
    doc = html.parse(str(seeded_site / "data" / "index.html"))
    files = doc.xpath('//table[contains(@class, "data-files")]')[0]
    listed = [" ".join(c.text_content().split()) for c in files.xpath("tbody/tr/th")]
    for address in (urls.POPOLO_JSON, urls.POPOLO_SCHEMA, urls.MEMBERS_SCHEMA, urls.COUNTRY_SCHEMA,
                    "data/members/<iso2>.ics", urls.MEMBERS_CSV):
        assert f"/{address}" in listed, address
    assert doc.xpath('//a[@rel="license"]/@href') == ["https://creativecommons.org/licenses/by/4.0/"]
    assert doc.xpath('//a[@rel="license"]/text()') == ["Creative Commons Attribution 4.0 International"]
    assert doc.xpath('//h2[@id="contract"]')
    # narrow screens: the tables become labelled cards (theme/static/css/site.css, table.stack)
    assert all("stack" in t.get("class") for t in doc.xpath("//main//table"))
    assert all(td.get("data-label") for td in doc.xpath("//main//table//td"))


# -- written to, then built --------------------------------------------------------------------


@pytest.fixture
def secretariat(seeded, tmp_path, monkeypatch):
    monkeypatch.setenv("REGISTRY_TODAY", TODAY)
    copy_content(tmp_path)
    return seeded


def test_a_written_registry_keeps_the_contract(secretariat, build_site, tmp_path):
    for command in [
        ("settings", "set", "licence", "CC0-1.0", "--reason", "public domain"),
        ("join", "CI", "--date", "2015-03-03", "--source", IVORY_COAST, "--yes"),
        ("join", "CA", "--date", "2015-03-02", "--source", FORMULA, "--note", HOSTILE, "--yes"),
        ("report", "record", "FR", "--cycle", "2024", "--received", "2024-06-30", "--note", HOSTILE, "--yes"),
        ("withdraw", "GB", "--date", "2020-01-31", "--yes"),
        ("join", "GB", "--date", "2022-03-01", "--yes"),
        ("session", "schedule", "--kind", "meeting", "--slug", "hostile-2016", "--title", HOSTILE,
         "--city", FORMULA, "--starts", "2016-03-01", "--yes"),
    ]:
        result = secretariat(*command)
        assert result.exit_code == 0, (command, result.stderr)
    build_site()
    output = tmp_path / "output"
    documents = json_files(output)

    # every file still valid, under the new licence
    cc0 = {"id": "CC0-1.0", "name": "Creative Commons Zero v1.0 Universal",
           "url": "https://creativecommons.org/publicdomain/zero/1.0/"}
    for name, document in documents.items():
        if not name.endswith(".schema.json"):
            validate(document, schema_of(documents, name, document))
            assert document["licence"] == cc0, name
    data_page = html.parse(str(output / "data" / "index.html"))
    assert data_page.xpath('//a[@rel="license"]/@href') == [cc0["url"]]

    # the report's note is in the country's file, exactly as given, and inert
    france = documents[urls.member_data("FR")]
    assert next(r for r in france["reports"] if r["cycle"] == "2024")["note"] == HOSTILE
    assert "<script>" not in (output / urls.member_data("FR")).read_text(encoding="utf-8")

    # CSV: a byte-order mark, the accents back, formulas shown as text; every CSV of the site
    rows = {r["iso2"]: r for r in csv_rows(output / urls.MEMBERS_CSV)}
    assert rows["CI"]["source"] == IVORY_COAST
    assert rows["CI"]["name"] == countries.name("CI") == documents[urls.MEMBERS_JSON]["members"][
        [m["iso2"] for m in documents[urls.MEMBERS_JSON]["members"]].index("CI")]["name"]
    assert rows["CA"]["source"] == "'" + FORMULA
    for path in output.rglob("*.csv"):
        assert not [c for r in csv_rows(path) for c in r.values() if c[:1] in ("=", "+", "-", "@")], path.name

    # Popolo: one membership per unbroken period
    gb = [m for m in documents[urls.POPOLO_JSON]["memberships"]
          if m["organization_id"] == "alliance" and m["member"]["id"] == "country/GB"]
    assert [(m["start_date"], m["end_date"]) for m in gb] == [("2012-12-05", "2020-01-31"), ("2022-03-01", None)]

    # a country's calendar: the meeting escaped as in the alliance's, its title back exactly
    calendar = icalendar.Calendar.from_ical((output / urls.member_calendar("CI")).read_bytes())
    hostile = [e for e in calendar.walk("VEVENT") if str(e["UID"]).startswith("session-hostile-2016@")]
    assert len(hostile) == 1 and str(hostile[0]["SUMMARY"]) == HOSTILE and str(hostile[0]["LOCATION"]) == FORMULA
    assert [str(e["SUMMARY"]) for e in calendar.walk("VEVENT") if str(e["UID"]).startswith("report-")][0].startswith(
        f"{countries.name('CI')}: ")


# -- the parts, without a site -------------------------------------------------------------------


def test_licences_are_named_and_linked_and_others_link_to_the_spdx_list():
    assert licences.licence("ODbL-1.0") == {"id": "ODbL-1.0", "name": "Open Data Commons Open Database License v1.0",
                                            "url": "https://opendatacommons.org/licenses/odbl/1-0/"}
    assert set(licences.KNOWN) == {"CC-BY-4.0", "CC-BY-SA-4.0", "CC0-1.0", "ODbL-1.0", "OGL-UK-3.0"}
    assert licences.licence("MIT") == {"id": "MIT", "name": "MIT", "url": "https://spdx.org/licenses/MIT.html"}
    assert licences.licence('x"/../y')["url"] == "https://spdx.org/licenses/x%22%2F..%2Fy.html"


def test_periods_follow_the_history_rules():
    steps = {"launch": {
        "GB": [Step("re-accession", date(2022, 3, 1), 3), Step("endorsement", date(2012, 12, 5), 1),
               Step("withdrawal", date(2020, 1, 31), 2)],
        "FR": [Step("accession", date(2030, 1, 1), 4)],
    }}
    found = periods.periods(steps, date(2025, 6, 1))
    assert [(p.began.isoformat(), p.ended and p.ended.isoformat(), p.kind) for p in found["launch"]["GB"]] == [
        ("2012-12-05", "2020-01-31", "endorsement"), ("2022-03-01", None, "re-accession")]
    assert "FR" not in found["launch"]  # not yet in force


def test_every_csv_written_gets_one_byte_order_mark_and_nothing_else_does():
    text = opendata.csv_text([["name", "source"], ["Côte d'Ivoire", FORMULA]])
    written = opendata.encoded("data/members.csv", text)
    assert written.startswith(BOM) and not written[3:].startswith(BOM)
    assert opendata.encoded("data/members.csv", written) == written  # bytes are written as they are
    assert opendata.encoded("data/other.csv", BOM.decode("utf-8") + text) == written
    assert opendata.encoded("data/members.json", "{}") == b"{}"
    rows = list(csv.reader(io.StringIO(written.decode("utf-8-sig"), newline="")))
    assert rows == [["name", "source"], ["Côte d'Ivoire", "'" + FORMULA]]
    # read the way Excel would without the mark, the accent would be lost: hence the mark
    assert written[3:].decode("cp1252") != text
