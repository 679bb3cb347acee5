"""What sessions decided, and the alliance's aims as data: targets and goals, commitments,
indicators; from the founding record and through every command that writes them."""

from conftest import assert_refused


def test_the_founding_record_has_the_outcomes_and_aims_of_its_documents(seeded):
    launch = seeded("session show brussels-launch-2012 --json").json()
    roles = {a["country"]: a["role"] for a in launch["attendance"]}
    assert len(roles) == 49 and roles.pop("EU") == "organisation" and set(roles.values()) == {"delegation"}
    assert all("Declaration on the Launch" in a["source"] for a in launch["attendance"] if a["country"] != "EU")
    [declaration] = launch["decisions"]
    assert (declaration["kind"], declaration["instrument"]) == ("declaration", "global-alliance-launch-2012")
    decided = {m["slug"]: seeded(f"session show {m['slug']} --json").json()["decisions"]
               for m in seeded("session list --json").json()}
    assert all(len(found) == 1 and found[0]["source"] for found in decided.values())
    targets = seeded("target list --json").json()
    assert [t["kind"] for t in targets] == ["policy-target"] * 4 + ["operational-goal"] * 7
    assert all(t["source"].startswith("Declaration on the Launch") for t in targets)
    [icse] = seeded("indicator list --json").json()
    assert (icse["target"], icse["growth_percent"], icse["values"]) == ("icse-victims", 10.0, [])


def test_a_session_records_its_decisions_and_documents(seeded):
    seeded("session schedule --number 1 --starts 2014-12-10 --ends 2014-12-11 --city Washington --host US")
    first = seeded("session decide conference-1 --kind declaration --title 'Washington declaration' "
                   "--text 'The members **agree**.' --source 'conference report, p. 3'")
    assert first.exit_code == 0 and "Recorded declaration 1 of conference-1" in first.stdout
    assert "Recorded decision 2 of conference-1" in seeded("session decide conference-1 --title 'Next host'").stdout
    seeded("session document conference-1 --kind agenda --title Agenda --date 2014-11-20 "
           "--url https://example.org/agenda.pdf")
    shown = seeded("session show conference-1 --json").json()
    assert [(d["number"], d["title"]) for d in shown["decisions"]] == [(1, "Washington declaration"), (2, "Next host")]
    assert shown["documents"][0]["dated"] == "2014-11-20"
    assert_refused(seeded, "session decide conference-1 --number 1 --title Again", says=("already has a decision 1",))
    assert_refused(seeded, "session decide conference-1 --kind edict --title X", says=("kind 'edict' is not one of",))
    assert_refused(seeded, "session decide conference-1 --title X --instrument nowhere", says=("nowhere",))
    assert_refused(seeded, "session document conference-1 --title '' ", says=("title is empty",))
    assert_refused(seeded, "session document conference-1 --title X --url javascript:alert(1)",
                   says=("not a web address",))
    seeded("correct decision conference-1 2 'title=Host of the second conference' --reason 'official title'")
    assert seeded("session show conference-1 --json").json()["decisions"][1]["title"] == \
        "Host of the second conference"
    assert seeded("retract decision conference-1 2 --reason 'recorded twice'").exit_code == 0


def test_commitments_are_recorded_under_targets(seeded):
    made = seeded("commitment add FR --target identify-victims --cycle 2014 --text 'A national victim "
                  "identification unit' --status done --source https://example.org/fr-2014.pdf --json").json()
    assert [made[k] for k in ("country", "target", "cycle", "status")] == ["FR", "identify-victims", "2014", "done"]
    counts = {t["slug"]: t["countries_reporting"] for t in seeded("target list --json").json()}
    assert counts["identify-victims"] == 1 and counts["faster-takedown"] == 0
    assert [c["id"] for c in seeded("commitment list --country France --json").json()] == [made["id"]]
    assert_refused(seeded, "commitment add JP --target nowhere --cycle 2014 --text x", says=("no target 'nowhere'",))
    assert_refused(seeded, "commitment add BR --target identify-victims --cycle 2014 --text x",
                   says=("has never been a member",))
    assert_refused(seeded, "commitment add FR --target identify-victims --cycle 2015 --text x",
                   says=("no reporting cycle '2015'",))
    assert_refused(seeded, "commitment add FR --target identify-victims --cycle 2014 --text '  '", says=("empty",))
    assert_refused(seeded, "commitment add FR --target identify-victims --cycle 2014 --text x --status maybe",
                   says=("status 'maybe' is not one of",))
    seeded(f"correct commitment {made['id']} status=in-progress --reason 'the 2016 report says so'")
    logged = seeded("log --json --limit 1").json()[0]
    seeded(f"undo {logged['id']} --reason 'it was done'")
    assert seeded("commitment list --json").json()[0]["status"] == "done"


def test_an_indicator_is_recorded_and_compared_with_its_target_path(seeded):
    for year, value in ((2013, 1000), (2014, 1150), (2015, 1180)):
        assert seeded(f"indicator record icse-identified-victims --year {year} --value {value} "
                      f"--source 'INTERPOL, ICSE figures {year}'").exit_code == 0
    [icse] = seeded("indicator list --json").json()
    assert [(p["year"], p["value"], round(p["path"]), p["on_track"]) for p in icse["path"]] == [
        (2013, 1000.0, 1000, True), (2014, 1150.0, 1100, True), (2015, 1180.0, 1210, False)]
    assert "1,210" in seeded("indicator list").stdout
    assert_refused(seeded, "indicator record icse-identified-victims --year 2014 --value 2 --source s",
                   says=("already has a value for 2014", "correct indicator-value icse-identified-victims 2014"))
    assert_refused(seeded, "indicator record icse-identified-victims --year 2099 --value 2 --source s",
                   says=("still to come",))
    assert_refused(seeded, "indicator record icse-identified-victims --year 2012 --value 1e9 --source s",
                   says=("not a number",))
    assert_refused(seeded, "indicator record icse-identified-victims --year 2012 --value 5 --source ''",
                   says=("source is empty",))
    assert_refused(seeded, "indicator record nowhere --year 2012 --value 5 --source s", says=("no indicator",))
    seeded("correct indicator-value icse-identified-victims 2015 value=1300 --reason 'revised figures'")
    assert seeded("indicator list --json").json()[0]["path"][2]["on_track"] is True
