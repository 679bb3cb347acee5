"""Reports and the reporting record: who owes what, and what is overdue."""

import pytest
from conftest import assert_refused


@pytest.fixture
def tracked(seeded, monkeypatch):
    """The seeded registry on 1 March 2017, keeping the reporting record since 2014."""
    monkeypatch.setenv("REGISTRY_TODAY", "2017-03-01")
    assert seeded("settings set records-kept-since 2014-01-01 --reason 'records kept from 2014'").exit_code == 0
    return seeded


def statuses(cli, iso2, as_of=None):
    args = ["country", iso2, "--json"] + (["--as-of", as_of] if as_of else [])
    return {r["cycle"]: r["status"] for r in cli(*args).json()["reports"]}


def test_each_status_on_the_country_record(tracked):
    url = "https://example.org/fr.pdf"
    assert tracked(f"report record FR --cycle 2014 --received 2014-06-30 --url {url}").exit_code == 0
    assert tracked("report record FR --cycle 2016 --received 2016-09-01").exit_code == 0
    tracked("join BO --date 2015-01-10")
    tracked("join PE --date 2016-08-01")
    fr, bo, pe = statuses(tracked, "FR"), statuses(tracked, "BO"), statuses(tracked, "PE")
    assert fr == {"2013": "no-record", "2014": "received", "2016": "received-late",
                  "2018": "not-yet-due"}
    assert bo == {"2013": "not-owed", "2014": "not-owed", "2016": "overdue", "2018": "not-yet-due"}
    assert pe == {"2013": "not-owed", "2014": "not-owed", "2016": "not-owed", "2018": "not-yet-due"}
    assert statuses(tracked, "DE")["2014"] == "overdue"


def test_status_on_an_earlier_date(tracked):
    tracked("report record FR --cycle 2016 --received 2016-09-01")
    assert statuses(tracked, "FR", "2016-08-01")["2016"] == "overdue"
    assert statuses(tracked, "FR", "2016-06-01")["2016"] == "not-yet-due"
    assert statuses(tracked, "FR", "2016-09-01")["2016"] == "received-late"


def test_without_a_reporting_record_nothing_is_called_overdue(seeded, monkeypatch):
    # A registry set up today knows nothing of the reports sent before it.
    seeded_on = seeded("settings show --json").json()["records-kept-since"]
    assert seeded_on is not None
    assert "overdue" not in set(statuses(seeded, "JP").values())


def test_next_due_and_overdue_lists(tracked):
    record = tracked("country DE --json").json()
    assert record["next_due"] == {"cycle": "2018", "due": "2018-07-01", "kind": "implementation"}
    overdue = tracked("report list --overdue --json").json()
    assert len(overdue) == 48
    tracked("report record DE --cycle 2014 --received 2014-07-01 --yes")  # on the due date: a warning
    tracked("report record DE --cycle 2016 --received 2016-07-01 --yes")
    assert "DE" not in {r["iso2"] for r in tracked("report list --overdue --json").json()}


def test_matrix_for_people(tracked):
    result = tracked("report list")
    assert "overdue" in result.stdout and "not yet due" in result.stdout


@pytest.mark.parametrize("args, says", [
    ("report record PE --cycle 2016 --received 2016-09-01", ("does not owe", "not a member on 2016-07-01")),
    ("report record FR --cycle 2015 --received 2015-01-01", ("no reporting cycle '2015'", "2014, 2016")),
    ("report record FR --cycle 2014 --received 2030-01-01", ("in the future",)),
    ("report record FR --cycle 2014 --received 2012-01-01", ("before France joined",)),
    ("report record FR --cycle 2014 --received 2014-06-30 --url javascript:alert(1)", ("not a web address",)),
    ("report record Narnia --cycle 2014 --received 2014-06-30", ("unknown country",)),
])
def test_report_rules(tracked, args, says):
    tracked("join PE --date 2016-08-01")
    assert_refused(tracked, args, says=says)


def test_a_report_is_received_once_per_cycle(tracked):
    tracked("report record FR --cycle 2014 --received 2014-06-30")
    assert_refused(tracked, "report record FR --cycle 2014 --received 2014-07-02",
                   says=("already recorded", "registry correct report"))


def test_a_new_member_may_report_early_for_the_next_cycle(tracked):
    tracked("join PE --date 2016-08-01")
    # More than a year before the due date: allowed, once the clerk confirms it is not a mistake.
    assert_refused(tracked, "report record PE --cycle 2018 --received 2017-02-01",
                   says=("more than a year before the 2018 report was due", "--yes"))
    early = tracked("report record PE --cycle 2018 --received 2017-02-01 --yes")
    assert early.exit_code == 0 and "Warning (accepted)" in early.stderr
    assert statuses(tracked, "PE")["2018"] == "received"


def test_settings_that_would_orphan_reports_are_refused(tracked):
    tracked("report record FR --cycle 2016 --received 2016-06-01")
    assert_refused(tracked, "settings set first-report-due 2015-07-01", says=("no reporting cycle '2016'",))
    tracked("report record JP --cycle 2016 --received 2016-06-01")  # Japan is not in the Prague declaration
    assert_refused(tracked, "settings set founding-instrument prague-2009", says=("JP was not a member",))
    assert_refused(tracked, "settings set report-interval-years eleven", says=("whole number",))
    assert_refused(tracked, "settings set colour blue", says=("unknown setting",))
