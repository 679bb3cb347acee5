"""The secretariat's desk: a command says which entry it touched, and can be tried first."""

import json


def test_a_retraction_says_which_entry_it_was_and_can_be_tried_first(seeded):
    before = seeded("export").stdout
    tried = seeded("retract attendance 1 --dry-run --reason 'recorded for the wrong meeting'")
    assert tried.exit_code == 0
    assert "Would retract attendance 1: United States (US) at eu-us-jha-2012" in tried.stdout
    assert "Nothing was written" in tried.stdout
    assert seeded("export").stdout == before
    done = seeded("retract attendance 1 --reason 'recorded for the wrong meeting'")
    assert done.exit_code == 0 and done.stdout.startswith("Retracted attendance 1: United States")
    logged = seeded("log --json --limit 1").json()[0]
    assert logged["summary"] == "attendance 1 retracted: United States (US) at eu-us-jha-2012"
    assert logged["reason"] == "recorded for the wrong meeting"


def test_a_correction_says_which_entry_it_was(seeded):
    action = seeded("country FR --json").json()["history"][0]
    result = seeded(f"correct action {action['id']} source='note of 5 December 2012' --reason 'source added'")
    assert result.exit_code == 0
    assert f"Corrected action {action['id']}: France (FR): endorsement of" in result.stdout


def test_the_version_is_shown(seeded):
    result = seeded("--version")
    assert result.exit_code == 0 and result.stdout.startswith("registry ")


def test_an_instrument_has_participants_the_alliance_members(seeded):
    assert ": 30 participants" in seeded("status --instrument prague-2009").stdout
    assert ": 48 members" in seeded("status").stdout
    assert json.loads(seeded("status --json").stdout)
