"""Corrections: amend or retract with a reason; the log keeps before and after."""

import pytest
from conftest import assert_refused


def entry_of(cli, iso2, instrument="global-alliance-launch-2012"):
    history = cli("country", iso2, "--json").json()["history"]
    return [a for a in history if a["instrument"] == instrument][-1]


def test_correcting_a_date_keeps_the_old_value_in_the_log(seeded):
    seeded("join BO --date 2015-05-04")
    entry = entry_of(seeded, "BO")
    result = seeded("correct", "action", str(entry["id"]), "date=2015-05-14",
                    "--reason", "date misread from the letter", "--by", "registrar")
    assert result.exit_code == 0, result.stderr
    assert entry_of(seeded, "BO")["date"] == "2015-05-14"
    latest = seeded("log --country BO --json").json()[0]
    assert latest["what"] == "action.correct"
    assert latest["by"] == "registrar"
    assert latest["reason"] == "date misread from the letter"
    assert latest["before"]["date"] == "2015-05-04"
    assert latest["after"]["date"] == "2015-05-14"


def test_retracting_an_entry_made_in_error(seeded):
    seeded("join BO --date 2015-05-04")
    entry = entry_of(seeded, "BO")
    assert seeded("retract", "action", str(entry["id"]), "--reason", "wrong country").exit_code == 0
    assert "BO" not in {m["iso2"] for m in seeded("status --json").json()}
    latest = seeded("log --country BO --json").json()[0]
    assert latest["what"] == "action.retract"
    assert latest["before"]["country"] == "BO" and latest["after"] is None


def test_a_correction_without_a_reason_is_refused(seeded):
    entry = entry_of(seeded, "FR")
    assert_refused(seeded, "correct", "action", str(entry["id"]), "note=x", "--reason", " ",
                   says=("a reason is required",))
    missing = seeded("correct", "action", str(entry["id"]), "note=x")
    assert missing.exit_code == 2 and "--reason" in missing.stderr


@pytest.mark.parametrize("assignment, says", [
    ("date=2012-12-01", ("inconsistent", "before the instrument was adopted")),
    ("kind=withdrawal", ("inconsistent", "without participating")),
    ("country=DE", ("cannot be corrected",)),
    ("date=someday", ("not a date",)),
    ("evidence=rumour", ("not one of",)),
    ("date", ("not FIELD=VALUE",)),
])
def test_corrections_that_would_break_the_registry_are_refused(seeded, assignment, says):
    entry = entry_of(seeded, "FR")
    assert_refused(seeded, "correct", "action", str(entry["id"]), assignment, "--reason", "test",
                   says=says)


def test_a_correction_that_orphans_a_report_is_refused(seeded, monkeypatch):
    seeded("join BO --date 2015-05-04")
    seeded("report record BO --cycle 2016 --received 2016-06-01")
    entry = entry_of(seeded, "BO")
    assert_refused(seeded, "correct", "action", str(entry["id"]), "date=2016-08-01",
                   "--reason", "test", says=("did not owe this report",))


def test_unknown_entries(seeded):
    assert_refused(seeded, "correct action 99999 note=x --reason test", says=("no action with id 99999",))
    assert_refused(seeded, "correct member 1 note=x --reason test", says=("cannot correct",))
    assert_refused(seeded, "retract instrument 1 --reason test", says=("cannot be retracted",))


def test_correcting_an_instrument_and_a_session(seeded):
    instrument = {i["slug"]: i for i in seeded("instrument list --json").json()}["prague-2009"]
    assert seeded("correct", "instrument", str(instrument["id"]), "place=Praha",
                  "--reason", "local name").exit_code == 0
    meeting = {m["slug"]: m for m in seeded("session list --json").json()}["eu-us-jha-2012"]
    assert seeded("correct", "meeting", str(meeting["id"]), "city=Copenhagen",
                  "--reason", "found in the minutes").exit_code == 0
    assert {m["slug"]: m for m in seeded("session list --json").json()}["eu-us-jha-2012"]["city"] == "Copenhagen"


def test_log_filters_by_country_and_reads_for_people(seeded):
    seeded("join BO --date 2015-05-04 --by alice")
    only_bo = seeded("log --country Bolivia --json").json()
    assert [c["country"] for c in only_bo] == ["BO"]
    assert only_bo[0]["by"] == "alice"
    table = seeded("log --limit 1")
    assert "alice" in table.stdout and "Bolivia" in table.stdout
