"""Joining and leaving: the rules the registry enforces, driven through the CLI."""

import pytest
from conftest import assert_refused


def test_accession_after_the_launch(seeded):
    result = seeded("join", "Viet Nam", "--date", "2013-03-01")
    assert result.exit_code == 1  # Vietnam is a founding member already
    joined = seeded("join", "Bolivia (Plurinational State of)", "--date", "2015-05-04",
                    "--source", "letter of 4 May 2015")
    assert joined.exit_code == 0, joined.stderr
    assert "Bolivia (Plurinational State of) (BO), accession" in joined.stdout  # the UN's short name
    members = {m["iso2"]: m for m in seeded("status --json").json()}
    assert members["BO"]["joined"] == "2015-05-04"
    assert len(members) == 49
    assert len(seeded("status --as-of 2015-05-03 --json").json()) == 48


def test_withdrawal_and_re_accession_keep_the_whole_history(seeded):
    assert seeded("withdraw GB --date 2020-01-31 --source 'notification'").exit_code == 0
    on_the_day = {m["iso2"]: m for m in seeded("status --as-of 2020-01-31 --json").json()}
    assert on_the_day["GB"]["status"] == "withdrawn"
    assert on_the_day["GB"]["withdrawn"] == "2020-01-31"
    day_before = {m["iso2"]: m for m in seeded("status --as-of 2020-01-30 --json").json()}
    assert day_before["GB"]["status"] == "member"

    rejoined = seeded("join GB --date 2022-03-01")
    assert rejoined.exit_code == 0
    assert "re-accession" in rejoined.stdout
    gb = {m["iso2"]: m for m in seeded("status --json").json()}["GB"]
    assert (gb["status"], gb["joined"], gb["first_joined"], gb["withdrawn"]) == (
        "member", "2022-03-01", "2012-12-05", None)
    kinds = [a["kind"] for a in seeded("country GB --json").json()["history"]
             if a["instrument"] == "global-alliance-launch-2012"]
    assert kinds == ["endorsement", "withdrawal", "re-accession"]


def test_other_instruments_have_their_own_participants(seeded):
    assert seeded("instrument add lanzarote-2007 --title 'Lanzarote Convention' "
                  "--adopted 2007-10-25 --kind convention").exit_code == 0
    assert seeded("join FR --date 2010-09-27 --instrument lanzarote-2007 --kind signature").exit_code == 0
    lanzarote = seeded("status --instrument lanzarote-2007 --json").json()
    assert [(s["iso2"], s["kind"]) for s in lanzarote] == [("FR", "signature")]
    assert len(seeded("status --json").json()) == 48


@pytest.mark.parametrize("args, says", [
    (("join", "Atlantis", "--date", "2015-01-01"), ("unknown country 'Atlantis'",)),
    (("join", "Korea", "--date", "2015-01-01"), ("more than one country", "KP", "KR")),
    (("join", "BO", "--date", "2015-02-30"), ("not a real date",)),
    (("join", "BO", "--date", "01/02/2015"), ("YYYY-MM-DD",)),
    (("join", "BO", "--date", "2099-01-01"), ("in the future",)),
    (("join", "BO", "--date", "2012-12-04"), ("adopted on 2012-12-05",)),
    (("join", "FR", "--date", "2015-01-01"), ("already participates",)),
    (("join", "BO", "--date", "2015-01-01", "--instrument", "nope"), ("no instrument 'nope'",)),
    (("join", "BO", "--date", "2015-01-01", "--kind", "annexation"), ("unknown kind",)),
    (("join", "BO", "--date", "2015-01-01", "--meeting", "nope"), ("no meeting 'nope'",)),
    (("withdraw", "BO", "--date", "2015-01-01"), ("does not participate",)),
    (("withdraw", "FR", "--date", "2012-12-05"), ("not after",)),
    (("withdraw", "FR", "--date", "2011-01-01"), ("does not participate",)),
])
def test_rules_refuse_bad_writes(seeded, args, says):
    assert_refused(seeded, *args, says=says)


def test_withdrawal_before_a_later_rejoin_is_refused(seeded):
    seeded("withdraw NO --date 2016-01-01")
    seeded("join NO --date 2018-01-01")
    assert_refused(seeded, "join", "NO", "--date", "2017-01-01", says=("already participates",))


def test_commands_on_a_missing_registry_say_how_to_create_it(cli):
    result = cli("status")
    assert result.exit_code == 1
    assert "no registry" in result.stderr and "registry init" in result.stderr


def test_unseeded_registry_asks_for_a_founding_instrument(fresh_db):
    result = fresh_db("join FR --date 2015-01-01")
    assert result.exit_code == 1
    assert "no founding instrument" in result.stderr


def test_text_fields_are_stored_exactly_as_given(seeded):
    tricky = "<script>alert(1)</script> \"quoted\" 'single' =HYPERLINK(\"x\") \u202eevil"
    formula = "=cmd|' /C calc'!A0"
    assert seeded("join", "BO", "--date", "2015-01-01", "--note", tricky, "--source", formula).exit_code == 0
    history = seeded("country BO --json").json()["history"]
    assert history[-1]["note"] == tricky
    assert history[-1]["source"] == "=cmd|' /C calc'!A0"


def test_status_table_for_people(seeded):
    result = seeded("status --as-of 2013-01-01")
    assert "48 members" in result.stdout
    assert "Albania" in result.stdout


def test_a_command_on_a_missing_registry_creates_no_file(cli, backend, tmp_path):
    assert cli("status").exit_code == 1
    if backend == "sqlite":
        assert not (tmp_path / "registry.db").exists()


def test_listings_print_registry_text_as_it_is_aligned_in_columns(seeded):
    # Cells are plain text: a source that looks like terminal markup is shown, not obeyed.
    seeded("join", "BO", "--date", "2015-05-04", "--source", "[red]letter[/red] of 4 May", "--evidence", "letter")
    shown = seeded("country", "BO").stdout
    assert "[red]letter[/red] of 4 May" in shown
    header, rule, *rows = shown.split("Participation history\n", 1)[1].splitlines()
    assert header.split() == ["entry", "instrument", "action", "date", "evidence", "source"]
    # Every column starts where its header does.
    starts = [header.index(name) for name in ("instrument", "action", "date")]
    row = next(r for r in rows if "accession" in r)
    assert [row[s - 1] for s in starts] == [" ", " ", " "] and row[starts[2]:starts[2] + 10] == "2015-05-04"
    assert set(rule.replace(" ", "")) == {"─"}
