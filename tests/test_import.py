"""Bulk import from CSV: all rows checked first, all or nothing."""

import pytest
from conftest import assert_refused, export


def write(tmp_path, text, name="accessions.csv", encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return str(path)


GOOD = """country,joined,source,note
Bolivia (Plurinational State of),2015-05-04,letter of 4 May 2015,
Côte d'Ivoire,2016-02-01,,first in West Africa after Ghana and Nigeria
PER,2017-03-03,,
"""


def test_import_adds_every_row(seeded, tmp_path):
    result = seeded("import", write(tmp_path, GOOD))
    assert result.exit_code == 0, result.stderr
    assert "Added 3 accessions" in result.stdout
    members = {m["iso2"]: m["joined"] for m in seeded("status --json").json()}
    assert (members["BO"], members["CI"], members["PE"]) == ("2015-05-04", "2016-02-01", "2017-03-03")
    assert len(members) == 51
    assert len([c for c in seeded("log --json").json() if c["what"] == "action.accession"]) == 3


def test_dry_run_shows_and_writes_nothing(seeded, tmp_path):
    before = export(seeded)
    result = seeded("import", write(tmp_path, GOOD), "--dry-run", "--json")
    assert result.exit_code == 0
    assert [a["iso2"] for a in result.json()["accessions"]] == ["BO", "CI", "PE"]
    assert result.json()["dry_run"] is True
    assert export(seeded) == before


def test_every_bad_row_is_reported_and_nothing_written(seeded, tmp_path):
    bad = """country,joined
Bolivia,2015-05-04
Atlantis,2015-05-04
Peru,2015-02-30
France,2015-01-01
Korea,2015-01-01
Chile,
Chile,2099-01-01
"""
    result = assert_refused(seeded, "import", write(tmp_path, bad))
    lines = result.stderr
    assert "6 problems" in lines
    assert "row 3" in lines and "unknown country 'Atlantis'" in lines
    assert "row 4" in lines and "not a real date" in lines
    assert "row 5" in lines and "already participates" in lines
    assert "row 6" in lines and "more than one country" in lines
    assert "row 7" in lines and "missing" in lines
    assert "row 8" in lines and "in the future" in lines
    assert "row 2" not in lines


def test_the_same_country_twice_in_one_file(seeded, tmp_path):
    twice = "country,joined\nBolivia,2015-05-04\nBO,2016-01-01\n"
    result = assert_refused(seeded, "import", write(tmp_path, twice))
    assert "row 3" in result.stderr and "already participates" in result.stderr


def test_import_into_another_instrument(seeded, tmp_path):
    seeded("instrument add lanzarote-2007 --title Lanzarote --adopted 2007-10-25 --kind convention")
    rows = "country,joined,kind\nFR,2010-09-27,signature\nDE,2011-10-25,signature\n"
    assert seeded("import", write(tmp_path, rows), "--instrument", "lanzarote-2007").exit_code == 0
    assert len(seeded("status --instrument lanzarote-2007 --json").json()) == 2
    per_row = "country,joined,instrument\nIT,2010-09-27,prague-2009\n"
    assert_refused(seeded, "import", write(tmp_path, per_row, "b.csv"), says=("already participates",))


def test_import_into_a_registry_made_without_seed(fresh_db, tmp_path):
    fresh_db("instrument add charter-2020 --title Charter --adopted 2020-01-01")
    rows = "country,joined\nFR,2020-02-01\nViet Nam,2020-03-01\n"
    assert fresh_db("import", write(tmp_path, rows), "--instrument", "charter-2020").exit_code == 0
    assert_refused(fresh_db, "import", write(tmp_path, "country,joined\nDE,2020-02-01\n", "c.csv"),
                   says=("no founding instrument",))


def test_a_spreadsheet_bom_is_accepted(seeded, tmp_path):
    path = write(tmp_path, "\ufeffcountry,joined\r\nBolivia,2015-05-04\r\n")
    assert seeded("import", path).exit_code == 0


@pytest.mark.parametrize("content, encoding, says", [
    ("country,joined\nPérou,2015-05-04\n", "latin-1", ("not UTF-8", "CSV UTF-8")),
    ('country,joined\n"Bolivia,2015-05-04\n', "utf-8", ("not valid CSV",)),
    ("nation,date\nBolivia,2015-05-04\n", "utf-8", ("missing columns country, joined", "unknown columns")),
    ("country,joined\nBolivia,2015-05-04,extra\n", "utf-8", ("row 2", "3 cells")),
    ("", "utf-8", ("is empty",)),
    ("country,joined\n", "utf-8", ("no rows",)),
    ("country,joined\nBolivia,2015-05-04\n", "utf-16", ("not UTF-8",)),
    ("country,joined\nBoli\x00via,2015-05-04\n", "utf-8", ("row 2",)),
    ("country;joined\nBolivia;2015-05-04\n", "utf-8", ("missing columns",)),
    ("country,joined\n=HYPERLINK(\"http://x\"),2015-05-04\n", "utf-8", ("unknown country",)),
])
def test_broken_files(seeded, tmp_path, content, encoding, says):
    assert_refused(seeded, "import", write(tmp_path, content, encoding=encoding), says=says)


def test_a_missing_file(seeded, tmp_path):
    assert_refused(seeded, "import", str(tmp_path / "nope.csv"), says=("cannot read",))
