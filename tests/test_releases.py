"""Releases of the open data: cut with `registry release`, published under /data/releases/ byte
for byte as they were released, compared release by release, never corrected; and the open data
as a Data Package.

One registry for the module (the seeded one, today pinned): a release, then an accession, a
correction and a retraction, a second release, the site built; then a correction after the
second release and the site built again. The refusals run on both backends.
"""

import csv
import hashlib
import io
import json
import sqlite3
from datetime import date
from pathlib import Path

import jsonschema
import pytest
from conftest import TODAY, assert_refused, copy_content, copy_registry, export, site_build, site_env
from lxml import html
from typer.testing import CliRunner

from registry.cli import app
from registry.reading import releases
from registry.rules import entries
from registry.rules.errors import ContentError
from registry.site import opendata
from registry.storage import db

SOURCE = "note verbale of 2 March 2015 <b>&</b>"


def run(folder: Path, *args: str) -> str:
    """`registry ARGS` on the module's registry; returns what it printed."""
    result = CliRunner().invoke(app, list(args), env=site_env(folder), prog_name="registry")
    assert result.exit_code == 0, (args, result.output)
    return result.stdout


def action_id(folder: Path, country: str) -> int:
    doc = json.loads(run(folder, "export"))
    return next(a["id"] for a in doc["actions"] if a["country"] == country)


def stored(folder: Path) -> dict[int, bytes]:
    """Each release's document as the registry holds it."""
    with sqlite3.connect(folder / "registry.db") as connection:
        return {n: text.encode("utf-8") for n, text in connection.execute("SELECT number, document FROM release")}


def release_files(output: Path) -> dict[str, bytes]:
    return {p.relative_to(output).as_posix(): p.read_bytes()
            for p in sorted((output / "data" / "releases").rglob("*")) if p.is_file() and p.suffix == ".json"}


@pytest.fixture(scope="module")
def released(tmp_path_factory, seeded_template):
    """The folder of a registry with two releases, its site built (output/), and the release files
    as they were before a correction made after the second release and a second build."""
    folder = tmp_path_factory.mktemp("released")
    copy_content(folder)
    copy_registry(seeded_template(TODAY, "secretariat-test"), folder / "registry.db")
    run(folder, "join", "CA", "--date", "2015-03-02", "--source", "letter of 2 March 2015", "--yes")
    run(folder, "release", "--note", "the founding record and Canada")
    run(folder, "join", "CL", "--date", "2015-03-02", "--source", SOURCE, "--yes")
    run(folder, "correct", "action", str(action_id(folder, "FR")), "note=endorsed in Brussels",
        "--reason", "the note was missing", "--yes")
    run(folder, "retract", "action", str(action_id(folder, "CA")), "--reason", "entered in error", "--yes")
    run(folder, "release", "--note", "Chile joins; Canada's entry withdrawn")
    site_build(folder, env=site_env(folder))
    first = {"files": release_files(folder / "output"), "stored": stored(folder),
             "registry": (folder / "output" / "data" / "registry.json").read_bytes()}
    run(folder, "correct", "action", str(action_id(folder, "CL")), "source=note verbale of 3 March 2015",
        "--reason", "misdated", "--yes")
    site_build(folder, env=site_env(folder))
    db.get_engine(site_env(folder)["REGISTRY_DATABASE_URL"]).dispose()
    return folder, first


def page(output: Path, path: str):
    return html.parse(str(output / path / "index.html"))


def words(element) -> str:
    return " ".join(element.text_content().split())


# -- the files ---------------------------------------------------------------------------------------


def test_each_release_is_published_as_the_registry_stored_it(released):
    folder, first = released
    output = folder / "output"
    assert sorted(first["stored"]) == [1, 2]
    for number, text in first["stored"].items():
        assert (output / f"data/releases/{number}/registry.json").read_bytes() == text
    one, two = (json.loads(first["stored"][n]) for n in (1, 2))
    assert {a["country"] for a in one["actions"]} >= {"CA"} and "CL" not in {a["country"] for a in one["actions"]}
    assert "CL" in {a["country"] for a in two["actions"]} and "CA" not in {a["country"] for a in two["actions"]}
    # the public document: no releases, no private change fields, inert in a page
    assert "releases" not in two and all("by" not in c and "before" not in c for c in two["changes"])
    assert "<b>" not in first["stored"][2].decode() and SOURCE in {a["source"] for a in two["actions"]}


def test_a_release_never_changes_after_a_correction_and_a_rebuild(released):
    folder, first = released
    output = folder / "output"
    assert release_files(output) == first["files"]
    assert stored(folder) == first["stored"]
    live = json.loads((output / "data/registry.json").read_bytes())
    assert (output / "data/registry.json").read_bytes() != first["registry"]
    assert next(a for a in live["actions"] if a["country"] == "CL")["source"] == "note verbale of 3 March 2015"


def test_each_release_is_valid_against_the_schema_beside_it(released):
    folder, _ = released
    for number in (1, 2):
        base = folder / "output" / "data" / "releases" / str(number)
        for name in ("registry.json", "changes.json"):
            document = json.loads((base / name).read_text(encoding="utf-8"))
            schema = json.loads((base / document["$schema"]).read_text(encoding="utf-8"))
            jsonschema.Draft202012Validator.check_schema(schema)
            jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(document)
            assert document["version"] == schema["properties"]["version"]["const"]


def test_changes_json_lists_what_was_added_changed_and_removed_with_before_and_after(released):
    folder, _ = released
    changes = json.loads((folder / "output/data/releases/2/changes.json").read_text(encoding="utf-8"))
    assert (changes["release"], changes["previous"]) == (2, 1)
    actions = changes["lists"]["actions"]
    assert [a["country"] for a in actions["added"]] == ["CL"]
    assert [a["country"] for a in actions["removed"]] == ["CA"]
    [corrected] = actions["changed"]
    assert corrected["fields"] == ["note"] and corrected["after"]["note"] == "endorsed in Brussels"
    assert corrected["before"]["note"].startswith("Founding member") and corrected["before"]["country"] == "FR"
    assert not changes["lists"]["instruments"]["added"] and "alliance" in changes["lists"]
    first = json.loads((folder / "output/data/releases/1/changes.json").read_text(encoding="utf-8"))
    assert first["previous"] is None and len(first["lists"]["actions"]["added"]) == 83


def test_differences_compare_two_documents_entry_by_entry_by_id():
    before = {"alliance": {"id": 1, "name": "A"}, "actions": [{"id": 1, "x": 1}, {"id": 2, "x": 2}], "format": "f"}
    after = {"alliance": {"id": 1, "name": "B"}, "actions": [{"id": 2, "x": 3}, {"id": 3, "x": 3}], "reports": [],
             "format": "f"}
    found = releases.differences(before, after)
    assert found["actions"] == {"added": [{"id": 3, "x": 3}], "removed": [{"id": 1, "x": 1}],
                                "changed": [{"id": 2, "fields": ["x"], "before": {"id": 2, "x": 2},
                                             "after": {"id": 2, "x": 3}}]}
    assert found["alliance"]["changed"][0]["fields"] == ["name"]
    assert found["reports"] == {"added": [], "changed": [], "removed": []}
    assert releases.counts(found) == {"added": 1, "changed": 2, "removed": 1}
    assert releases.differences(None, after)["actions"]["added"] == after["actions"]


# -- the pages ---------------------------------------------------------------------------------------


def test_the_releases_page_lists_every_release_newest_first_with_what_changed(released):
    folder, _ = released
    rows = page(folder / "output", "data/releases").xpath("//table/tbody/tr")
    assert [words(r.xpath("th")[0]) for r in rows] == ["Release 2", "Release 1"]
    assert "Chile joins; Canada's entry withdrawn" in words(rows[0])
    assert [words(td) for td in rows[0].xpath("td")][2:] == ["1", "1", "1"]  # added, changed, removed


def test_a_release_page_says_what_changed_in_words_and_how_to_cite_it(released):
    folder, _ = released
    doc = page(folder / "output", "data/releases/2")
    text = words(doc.xpath("//main")[0])
    assert "What changed since release 1" in text
    told = [words(li) for li in doc.xpath('//ol[@class="changes"]/li')]
    assert any("Chile joined" in t for t in told) and any("Retraction" in t for t in told)
    assert not any("Release 1 of the open data was published" in t for t in told)
    [citation] = doc.xpath('//p[@class="citation"]')
    assert "release 2 of the open data" in words(citation)
    assert words(citation).endswith("/data/releases/2/registry.json") and "://" in words(citation)
    digest = doc.xpath('//code[@class="digest"]/text()')[0]
    assert digest == hashlib.sha256((folder / "output/data/releases/2/registry.json").read_bytes()).hexdigest()
    for link in doc.xpath('//ul[@class="release-files"]//a/@href'):
        assert (folder / "output/data/releases/2" / link).is_file(), link


def test_the_open_data_page_links_the_releases_and_the_quality_page(released):
    folder, _ = released
    links = page(folder / "output", "data").xpath('//ul[@class="data-links"]//a/@href')
    assert {"../data/releases/", "../data/quality/", "../data/datapackage.json", "../data/releases/2/"} <= set(links)


# -- the data package ------------------------------------------------------------------------------

#: The Table Schema types (https://datapackage.org/standard/table-schema/).
TABLE_TYPES = {"string", "number", "integer", "boolean", "object", "array", "date", "time", "datetime", "year",
               "yearmonth", "duration", "geopoint", "geojson", "list", "any"}


def test_the_data_package_describes_every_file_and_the_latest_release(released):
    """Checked against the Data Package standard's required fields (no small validator runs on
    Python 3.11: check-datapackage needs 3.12, frictionless brings some twenty packages)."""
    folder, _ = released
    data = folder / "output" / "data"
    package = json.loads((data / "datapackage.json").read_text(encoding="utf-8"))
    assert package["$schema"] == "https://datapackage.org/profiles/2.0/datapackage.json"
    assert package["version"] == "2" and package["name"] == "global-alliance-registry"
    assert package["licenses"] and all(set(lic) >= {"name", "path"} for lic in package["licenses"])
    names = [r["name"] for r in package["resources"]]
    assert len(set(names)) == len(names) and "release-2" in names
    for resource in package["resources"]:
        assert {"name", "path", "format", "mediatype"} <= set(resource), resource["name"]
        assert not resource["path"].startswith(("/", ".", "~")) and (data / resource["path"]).is_file()
        if resource["format"] == "json":
            schema = json.loads((data / resource["schema"]).read_text(encoding="utf-8"))
            document = json.loads((data / resource["path"]).read_text(encoding="utf-8"))
            jsonschema.Draft202012Validator(schema).validate(document)
        else:
            _check_table(data / resource["path"], resource["schema"])
    release = next(r for r in package["resources"] if r["name"] == "release-2")
    assert release["hash"] == "sha256:" + hashlib.sha256((data / release["path"]).read_bytes()).hexdigest()


def _check_table(path: Path, schema: dict) -> None:
    """A CSV against its Table Schema: its header is the fields, each value of its field's type."""
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))
    fields = schema["fields"]
    assert rows[0] == [f["name"] for f in fields], path.name
    assert all(f["type"] in TABLE_TYPES for f in fields)
    for row in rows[1:]:
        for field, value in zip(fields, row, strict=True):
            if value in schema["missingValues"]:
                continue
            if field["type"] == "date":
                date.fromisoformat(value)
            if "enum" in field.get("constraints", {}):
                assert value in field["constraints"]["enum"], (path.name, field["name"], value)
    keys = [tuple(row[[f["name"] for f in fields].index(k)] for k in schema["primaryKey"]) for row in rows[1:]]
    assert len(set(keys)) == len(keys)


# -- refusals, on both backends ------------------------------------------------------------------------


def test_a_release_needs_a_note_and_a_change_since_the_last_one(seeded):
    assert_refused(seeded, "release", "--dry-run", says=("a release needs a note",))
    assert_refused(seeded, "release", "--note", "  ", says=("a release needs a note",))
    dry = seeded("release", "--note", "first", "--dry-run")
    assert dry.exit_code == 0 and "release 1 of the public data cut: first" in dry.stdout
    assert seeded("release", "list", "--json").json() == []
    doc = json.loads(export(seeded))
    entries = sum(len(v) for k, v in doc.items() if isinstance(v, list) and k not in ("changes", "releases")) + 1
    assert seeded("release", "--note", "first").exit_code == 0
    assert_refused(seeded, "release", "--note", "again", says=("nothing has changed since release 1",))
    assert seeded("join", "CL", "--date", "2015-03-02", "--yes").exit_code == 0
    made = seeded("release", "--note", "Chile", "--json").json()
    assert made["number"] == 2 and made["note"] == "Chile"
    listed = seeded("release", "list", "--json").json()
    assert [(r["number"], r["added"], r["note"]) for r in listed] == [(1, entries, "first"), (2, 1, "Chile")]


def test_a_release_is_never_corrected_retracted_or_undone(seeded):
    assert seeded("release", "--note", "first").exit_code == 0
    change = seeded("log", "--json").json()[0]
    assert change["what"] == "release.add" and "document" not in (change.get("after") or "")
    assert_refused(seeded, "correct", "release", "1", "note=x", "--reason", "typo", "--yes",
                   says=("a release cannot be corrected",))
    assert_refused(seeded, "retract", "release", "1", "--reason", "typo", "--yes",
                   says=("a release cannot be corrected or retracted",))
    assert_refused(seeded, "undo", str(change["id"]), "--reason", "typo", "--yes", says=("cannot be undone",))


def test_the_first_release_is_of_whatever_the_registry_holds_even_without_a_logged_change(fresh_db):
    made = fresh_db("release", "--note", "the registry as set up", "--json").json()
    assert made["number"] == 1 and made["last_change"] is None
    assert_refused(fresh_db, "release", "--note", "again", says=("nothing has changed since release 1",))


def test_a_large_registrys_release_is_within_the_rules_that_check_applies():
    document = "x" * 25_000_000  # a registry of 67,000 actions releases some 21 million characters
    assert entries.check("release", "document", document) == document


def test_a_release_of_a_superseded_layout_needs_that_layouts_schema_kept():
    older = releases.Release(1, None, "", None, json.dumps({"version": "0.9"}), None)  # type: ignore[arg-type]
    with pytest.raises(ContentError, match="registry-0.9.schema.json"):
        opendata.release_schema(None, older)  # type: ignore[arg-type]
