"""The canonical JSON document: export, restore, export again gives the same bytes."""

import json

import pytest
from conftest import assert_refused, export

from registry.reading import export as exporting
from registry.writing import restore


@pytest.fixture
def busy(seeded, tmp_path):
    """A seeded registry with a little of everything in it."""
    for args in [
        "join BO --date 2015-05-04 --source 'letter' --note '<b>bold</b> & \"quotes\"'",
        "withdraw GB --date 2020-01-31",
        "session schedule --number 1 --starts 2014-12-10 --city Washington --host US",
        "session attend conference-1 FR DE",
        "report record FR --cycle 2014 --received 2014-06-30 --url https://example.org/fr",
        "settings set contact registry@example.org",
        "session decide conference-1 --kind declaration --title 'Washington declaration'",
        "session document conference-1 --kind agenda --title Agenda --date 2014-11-20",
        "commitment add FR --target identify-victims --cycle 2014 --text 'A victim identification unit'",
        "indicator record icse-identified-victims --year 2014 --value 1150 --source 'INTERPOL'",
        "country-name set TR 'Republic of Türkiye' --reason 'its note verbale'",
        "release --note 'the record after the first session'",
    ]:
        assert seeded(args).exit_code == 0, (args, seeded(args).stderr)
    entry = seeded("country BO --json").json()["history"][-1]["id"]
    seeded("correct", "action", str(entry), "note=corrected", "--reason", "typo")
    return seeded


def test_round_trip_is_byte_identical(busy, tmp_path, monkeypatch):
    first = export(busy)
    (tmp_path / "registry.json").write_text(first, encoding="utf-8")
    monkeypatch.setenv("REGISTRY_DATABASE_URL", f"sqlite:///{tmp_path / 'copy.db'}")
    restored = busy("restore", str(tmp_path / "registry.json"))
    assert restored.exit_code == 0, restored.stderr
    assert export(busy) == first
    assert busy("check").exit_code == 0


def test_the_document_is_canonical(busy):
    text = export(busy)
    doc = json.loads(text)
    assert text == json.dumps(doc, sort_keys=True, indent=2, ensure_ascii=False) + "\n"
    assert doc["format"] == "alliance-registry" and doc["format_version"] == 1
    assert set(doc) >= {"alliance", "instruments", "meetings", "actions", "attendance", "reports", "changes"}
    assert doc["alliance"]["founding_instrument"] == "global-alliance-launch-2012"
    launch = [a for a in doc["actions"] if a["instrument"] == "global-alliance-launch-2012"]
    assert len([a for a in launch if a["date"] == "2012-12-05"]) == 48
    keys = [(a["instrument"], a["country"], a["date"]) for a in doc["actions"]]
    assert keys == sorted(keys)


def test_export_to_a_file(busy, tmp_path):
    assert busy("export", "--output", str(tmp_path / "out.json")).exit_code == 0
    assert (tmp_path / "out.json").read_text(encoding="utf-8") == export(busy)


def test_restore_refuses_a_registry_that_is_not_empty(busy, tmp_path):
    (tmp_path / "registry.json").write_text(export(busy), encoding="utf-8")
    assert_refused(busy, "restore", str(tmp_path / "registry.json"), says=("not empty",))


@pytest.mark.parametrize("content, says", [
    ("{not json", ("not JSON", "line 1")),
    ('{"format": "something-else"}', ("not a registry export",)),
    ('{"format": "alliance-registry", "format_version": 99}', ("format version 99",)),
])
def test_restore_refuses_what_is_not_an_export(cli, tmp_path, content, says):
    (tmp_path / "doc.json").write_text(content, encoding="utf-8")
    result = cli("restore", str(tmp_path / "doc.json"))
    assert result.exit_code == 1
    for fragment in says:
        assert fragment in result.stderr


def test_restore_checks_the_rows_and_writes_nothing_on_error(busy, tmp_path, monkeypatch):
    original = export(busy)
    doc = json.loads(original)
    doc["actions"][0]["date"] = "not a date"
    doc["reports"][0]["country"] = "ZZ"
    (tmp_path / "bad.json").write_text(json.dumps(doc), encoding="utf-8")
    monkeypatch.setenv("REGISTRY_DATABASE_URL", f"sqlite:///{tmp_path / 'copy.db'}")
    result = busy("restore", str(tmp_path / "bad.json"))
    assert result.exit_code == 1
    assert "actions[0].date" in result.stderr
    doc = json.loads(original)
    doc["reports"][0]["country"] = "ZZ"
    (tmp_path / "bad.json").write_text(json.dumps(doc), encoding="utf-8")
    result = busy("restore", str(tmp_path / "bad.json"))
    assert result.exit_code == 1 and "country 'ZZ' is not a known ISO 3166-1 country code" in result.stderr
    assert json.loads(export(busy))["actions"] == []


def test_the_document_writes_rows_as_the_models_serialise_them(busy, registry_url):
    # Rows are read as plain columns for speed; documents must keep the form
    # that Pydantic gives, so that exports written before still compare equal.
    from sqlmodel import select

    from registry.storage import db, rows
    from registry.storage.models import Alliance

    with db.reading(registry_url) as session:
        doc = exporting.document(session)
        for name, model in restore.models().items():
            by_id = {row["id"]: row for row in doc[name]}
            for row in session.exec(select(model)):
                assert by_id[row.id] == row.model_dump(mode="json"), (name, row.id)
        assert doc["alliance"] == session.get(Alliance, 1).model_dump(mode="json")
    # The plain reader (the driver alone, no ORM, on SQLite) reads the same document.
    with rows.reading(registry_url) as reader:
        assert exporting.document(reader) == doc
