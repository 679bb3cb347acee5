"""The founding record that `registry init --seed` loads, checked against DOMAIN.md."""

from conftest import export

# The 48 countries of the launch declaration (Brussels, 5 December 2012), as ISO codes.
EU_27 = "AT BE BG CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE GB".split()
OUTSIDE_EU = "AL AU KH HR GE GH JP MD ME NZ NG NO PH RS KR CH TH TR UA US VN".split()


def test_48_founding_members_joined_on_launch_day(seeded):
    members = seeded("status", "--json").json()
    assert sorted(m["iso2"] for m in members) == sorted(EU_27 + OUTSIDE_EU)
    assert len(members) == 48
    assert {m["joined"] for m in members} == {"2012-12-05"}
    assert {m["status"] for m in members} == {"member"}
    assert {m["withdrawn"] for m in members} == {None}


def test_nobody_was_a_member_the_day_before_the_launch(seeded):
    assert seeded("status", "--as-of", "2012-12-04", "--json").json() == []
    assert len(seeded("status", "--as-of", "2012-12-05", "--json").json()) == 48


def test_four_instruments_with_their_dates(seeded):
    instruments = {i["slug"]: i for i in seeded("instrument", "list", "--json").json()}
    assert {slug: i["adopted"] for slug, i in instruments.items()} == {
        "prague-2009": "2009-04-20",
        "eu-us-joint-statement-2012": "2012-06-21",
        "eu-us-joint-declaration-2012": "2012-11-20",
        "global-alliance-launch-2012": "2012-12-05",
    }
    assert instruments["global-alliance-launch-2012"]["place"] == "Brussels"


def test_prague_declaration_records_how_each_country_took_part(seeded):
    prague = {s["iso2"]: s for s in seeded("status", "--instrument", "prague-2009", "--json").json()}
    assert prague["CH"]["kind"] == "principles"
    assert prague["NO"]["kind"] == "endorsement"
    assert prague["FR"]["kind"] == "endorsement"
    assert "HR" not in prague  # Croatia joined the EU only in 2013


def test_biennial_cycle_from_the_launch_declaration(seeded, monkeypatch):
    monkeypatch.setenv("REGISTRY_TODAY", "2019-01-01")
    cycles = seeded("report", "cycles", "--json").json()
    assert [(c["cycle"], c["kind"], c["due"]) for c in cycles] == [
        ("2013", "announcement", "2013-04-01"),
        ("2014", "implementation", "2014-07-01"),
        ("2016", "implementation", "2016-07-01"),
        ("2018", "implementation", "2018-07-01"),
        ("2020", "implementation", "2020-07-01"),
    ]
    assert cycles[1]["conference_by"] == "2014-12-31"
    assert cycles[2]["conference_by"] == "2016-12-31"


def test_meetings_named_by_the_documents(seeded):
    meetings = {m["slug"]: m for m in seeded("session", "list", "--json").json()}
    assert meetings["brussels-launch-2012"]["starts"] == "2012-12-05"
    assert meetings["brussels-launch-2012"]["host"] == "BE"
    assert meetings["prague-2009"]["city"] == "Prague"
    assert meetings["eu-us-summit-2010"]["starts"] == "2010-11-20"
    attended = {a["country"]: a["role"] for a in meetings["eu-us-jha-2012"]["attendance"]}
    assert attended == {"CY": "delegation", "DK": "delegation", "EU": "organisation", "US": "delegation"}
    assert all(m["status"] == "held" for m in meetings.values())


def test_seeding_twice_changes_nothing_and_says_so(seeded):
    before = export(seeded)
    again = seeded("init", "--seed")
    assert again.exit_code == 0
    assert "nothing changed" in again.stdout
    assert export(seeded) == before


def test_seed_keeps_what_the_secretariat_already_entered(fresh_db):
    fresh_db("instrument add global-alliance-launch-2012 --title Launch --adopted 2012-12-05")
    fresh_db("settings set founding-instrument global-alliance-launch-2012")
    fresh_db("join FR --date 2012-12-05 --kind endorsement --note 'entered by hand'")
    assert fresh_db("init", "--seed").exit_code == 0
    record = fresh_db("country FR --json").json()
    launch = [a for a in record["history"] if a["instrument"] == "global-alliance-launch-2012"]
    assert [a["note"] for a in launch] == ["entered by hand"]
    assert len(fresh_db("status", "--json").json()) == 48


def test_every_seeded_write_is_in_the_change_log(seeded):
    log = seeded("log", "--json").json()
    assert len([c for c in log if c["what"] == "action.endorsement"]) >= 48
    assert {c["by"] for c in log} == {"secretariat-test"}
