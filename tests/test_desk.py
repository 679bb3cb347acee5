"""The secretariat's desk: a write says which entry it touched, can be tried first, asks before
it corrects at a terminal, warns about plausible mistakes, and can be undone."""

import json
import os
import re
import select
import subprocess
import sys
from typing import Any

import pytest
import typer
from conftest import assert_refused, export

from registry.cli import app


def test_a_retraction_says_which_entry_it_was_and_can_be_tried_first(seeded):
    before = seeded("export").stdout
    tried = seeded("retract attendance 1 --dry-run --reason 'recorded for the wrong meeting'")
    assert tried.exit_code == 0
    assert "Dry run: nothing was written" in tried.stdout
    assert "attendance 1 retracted: United States of America (US) at eu-us-jha-2012" in tried.stdout
    assert seeded("export").stdout == before
    done = seeded("retract attendance 1 --reason 'recorded for the wrong meeting'")
    assert done.exit_code == 0 and done.stdout.startswith("Retracted attendance 1: United States of America")
    logged = seeded("log --json --limit 1").json()[0]
    assert logged["summary"] == "attendance 1 retracted: United States of America (US) at eu-us-jha-2012, as delegation"
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


# -- every write can be tried first ----------------------------------------------------------


#: Commands that do not write to the registry (export and backup write files of their own).
NOT_WRITES = {"init", "where", "status", "country", "countries", "log", "export", "check", "backup",
              "instrument list", "report list", "report cycles", "session list", "session show", "settings show",
              "target list", "commitment list", "indicator list", "country-name list", "release list"}


def commands(group: Any, prefix: str = "") -> dict[str, Any]:
    """Every command of the app, by its full name ("session attend")."""
    found = {}
    for name, command in group.commands.items():
        if hasattr(command, "commands"):  # a group (Typer carries its own copy of click)
            found.update(commands(command, f"{prefix}{name} "))
        else:
            found[f"{prefix}{name}"] = command
    return found


def test_every_command_that_writes_offers_a_dry_run():
    everything = commands(typer.main.get_command(app))
    lacking = [name for name, command in everything.items() if name not in NOT_WRITES
               and not any("--dry-run" in p.opts for p in command.params)]
    assert lacking == []
    assert NOT_WRITES <= set(everything)


@pytest.fixture
def desk(seeded, tmp_path):
    """The seeded registry with a session to come, a past session not yet marked held, a
    report, and an outcome document to point to."""
    seeded("session schedule --number 9 --starts 2027-12-01 --city Rome --host IT")
    seeded("session schedule --kind meeting --slug expert-2026 --title 'Expert meeting' --starts 2026-03-03")
    seeded("report record FR --cycle 2016 --received 2016-06-30")
    (tmp_path / "content" / "sessions").mkdir(parents=True)
    (tmp_path / "content" / "sessions" / "expert-2026.md").write_text("Title: Outcome\n\nAgreed.\n")
    (tmp_path / "accessions.csv").write_text("country,joined\nPeru,2016-08-01\n")
    return seeded


TRIED = [
    "join PE --date 2016-08-01",
    "withdraw FR --date 2020-01-31",
    "import accessions.csv",
    "report record DE --cycle 2016 --received 2016-06-29",
    "session schedule --number 10 --starts 2029-12-01",
    "session attend eu-us-jha-2012 BR EU --role observer",
    "session held expert-2026",
    "session cancel conference-9 --reason 'the host withdrew'",
    "session postpone conference-9 --starts 2028-03-01 --reason 'postponed by the host'",
    "session outcome expert-2026 sessions/expert-2026.md",
    "correct meeting london-2012 city=Londres --reason 'typo'",
    "correct report FR 2016 received=2016-07-01 --reason 'date stamp misread'",
    "retract attendance eu-us-jha-2012 US --reason 'recorded for the wrong meeting'",
    "undo {last} --reason 'recorded twice'",
    "settings set contact registry@example.org --reason 'new address'",
    "instrument add lanzarote-2007 --title 'Lanzarote Convention' --adopted 2007-10-25",
]


@pytest.mark.parametrize("command", TRIED, ids=[c.split(" --")[0] for c in TRIED])
def test_a_dry_run_says_what_would_change_and_writes_nothing(desk, command):
    last = desk("log --json --limit 1").json()[0]["id"]
    before = export(desk)
    tried = desk(command.format(last=last) + " --dry-run")
    assert tried.exit_code == 0, tried.stderr
    assert "dry run" in tried.stdout.lower() and "nothing" in tried.stdout.lower()
    assert export(desk) == before
    done = desk(command.format(last=last) + " --yes")  # and the same command, for real, writes
    assert done.exit_code == 0, done.stderr
    assert export(desk) != before


def test_a_dry_run_shows_a_correction_before_and_after(desk):
    tried = desk("correct meeting london-2012 city=Londres --reason typo --dry-run").stdout
    assert "city: 'London' -> 'Londres'" in tried


def test_a_restore_can_be_tried_first(seeded, tmp_path, monkeypatch):
    (tmp_path / "whole.json").write_text(seeded("export").stdout)
    monkeypatch.setenv("REGISTRY_DATABASE_URL", f"sqlite:///{tmp_path / 'copy.db'}")
    tried = seeded("restore whole.json --dry-run")
    assert tried.exit_code == 0 and "It would restore 4 instruments" in tried.stdout
    assert not (tmp_path / "copy.db").exists()


# -- undo ------------------------------------------------------------------------------------


def newest(cli) -> dict:
    return cli("log --json --limit 1").json()[0]


def members(cli) -> set[str]:
    return {s["iso2"] for s in cli("status --json").json() if s["status"] == "member"}


def test_undo_reverts_a_change_by_a_logged_change(seeded):
    seeded("join PE --date 2016-08-01")
    joined = newest(seeded)
    assert "PE" in members(seeded)
    undone = seeded(f"undo {joined['id']} --reason 'recorded twice'")
    assert undone.exit_code == 0, undone.stderr
    assert "PE" not in members(seeded)
    logged = newest(seeded)
    assert logged["what"] == "action.undo" and logged["reason"] == "recorded twice"
    assert f"change {joined['id']} undone" in logged["summary"] and "Peru" in logged["summary"]
    assert seeded(f"undo {logged['id']} --reason 'it was right'").exit_code == 0  # an undo is undone too
    assert "PE" in members(seeded)
    assert seeded("country PE --json").json()["history"][0]["id"] == joined["entity_id"]


def test_undo_is_refused_when_later_changes_depend_on_it(seeded):
    seeded("join PE --date 2016-08-01")
    joined = newest(seeded)
    seeded("withdraw PE --date 2018-01-31")
    assert_refused(seeded, f"undo {joined['id']} --reason r", says=("would leave the registry inconsistent",))
    seeded(f"correct action {joined['entity_id']} note=checked --reason 'note added'")
    corrected = newest(seeded)
    assert_refused(seeded, f"undo {joined['id']} --reason r",
                   says=(f"change {corrected['id']}", "was made to the same entry later",
                         f"undo change {corrected['id']} first"))
    seeded("instrument add lanzarote-2007 --title 'Lanzarote Convention' --adopted 2007-10-25")
    added = newest(seeded)
    seeded("join FR --date 2008-01-01 --instrument lanzarote-2007")
    assert_refused(seeded, f"undo {added['id']} --reason r", says=("undoing change",))
    assert_refused(seeded, "undo 999999 --reason r", says=("there is no change 999999",))


def test_undo_of_a_retraction_and_of_a_setting(seeded):
    seeded("retract attendance eu-us-jha-2012 US --reason 'wrong meeting'")
    seeded(f"undo {newest(seeded)['id']} --reason 'it was the right meeting'")
    attended = seeded("country US --json").json()["meetings"]
    assert [(m["slug"], m["entry"]) for m in attended][0] == ("eu-us-jha-2012", 1)
    contact = seeded("settings show --json").json()["contact"]
    seeded("settings set contact registry@example.org --reason 'new address'")
    seeded(f"undo {newest(seeded)['id']} --reason 'not yet'")
    assert seeded("settings show --json").json()["contact"] == contact


def test_undoing_a_setting_that_reports_depend_on_is_refused(seeded):
    seeded("settings set report-interval-years 3 --reason 'a three-year cycle'")
    changed = newest(seeded)
    assert seeded("report record AU --cycle 2017 --received 2017-06-30").exit_code == 0
    assert_refused(seeded, f"undo {changed['id']} --reason 'back to two years'",
                   says=("would leave the registry inconsistent", "2017"))
    assert seeded("check").exit_code == 0


# -- entries named the way clerks name them --------------------------------------------------


def test_entries_are_named_by_their_slugs_and_natural_keys(desk):
    assert desk("correct meeting london-2012 city=Londres --reason typo").exit_code == 0
    assert desk("correct instrument prague-2009 place=Praha --reason 'the Czech name'").exit_code == 0
    assert desk("correct report FR 2016 url=https://example.org/fr.pdf --reason 'link added'").exit_code == 0
    assert desk("correct attendance eu-us-jha-2012 EU role=observer --reason 'it observed'").exit_code == 0
    retracted = desk("retract attendance eu-us-jha-2012 'United States' --reason 'wrong meeting'")
    assert retracted.stdout.startswith("Retracted attendance 1: United States of America (US) at eu-us-jha-2012")
    assert_refused(desk, "correct meeting nowhere-1999 city=X --reason r", says=("no meeting 'nowhere-1999'",))
    assert_refused(desk, "correct action 43 date --reason r", says=("not FIELD=VALUE",))
    assert_refused(desk, "retract report FR 2030 --reason r", says=("no report 'FR 2030'",))


def test_ids_are_shown_wherever_entries_are_listed(desk):
    assert desk("log --limit 1").stdout.splitlines()[0].split()[0] == "change"
    assert desk("session list").stdout.splitlines()[0].split()[0] == "entry"
    country = desk("country US").stdout
    assert "entry  meeting" in country and "\n1      eu-us-jha-2012" in country
    reports = desk("report list --country FR").stdout
    assert "entry" in reports.splitlines()[1] and re.search(r"2016 .* received on time .* 2016-06-30 +\d+", reports)


# -- warnings for plausible mistakes -------------------------------------------------------


@pytest.mark.parametrize("command, says", [
    ("join PE --date 2016-07-01", "is the day the 2016 report was due"),
    ("report record FR --cycle 2014 --received 2014-07-01", "is the day the 2014 report was due"),
    ("report record FR --cycle 2016 --received 2014-01-01", "more than a year before the 2016 report was due"),
    ("report record FR --cycle 2014 --received 2017-03-01", "more than 2 years after the 2014 report was due"),
])
def test_a_plausible_mistake_is_written_only_once_confirmed(seeded, command, says):
    assert_refused(seeded, command, says=(says, "--yes"))
    tried = seeded(command + " --dry-run")  # a dry run shows the warning, and needs no --yes
    assert tried.exit_code == 0 and says in tried.stdout
    accepted = seeded(command + " --yes")
    assert accepted.exit_code == 0 and says in accepted.stderr and "Warning (accepted)" in accepted.stderr


def at_terminal(registry_url: str, command: str, answer: str) -> tuple[int, str]:
    """Run `registry COMMAND` with a terminal for its input and output, answer its question."""
    import pty
    import shlex

    env = dict(os.environ, REGISTRY_DATABASE_URL=registry_url, REGISTRY_USER="clerk", TERM="dumb", COLUMNS="200")
    leader, follower = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "registry", *shlex.split(command)],
                               stdin=follower, stdout=follower, stderr=follower, env=env, close_fds=True)
    os.close(follower)
    seen, answered = b"", False
    while True:
        ready, _, _ = select.select([leader], [], [], 60)
        if not ready:
            process.kill()
            raise AssertionError(f"no answer from {command!r}: {seen!r}")
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the terminal closes when the command ends
            break
        if not chunk:
            break
        seen += chunk
        if not answered and b"Write it?" in seen:
            os.write(leader, answer.encode() + b"\n")
            answered = True
    os.close(leader)
    text = re.sub(r"\x1b\[[0-9;]*[A-Za-z]", "", seen.decode("utf-8", "replace")).replace("\r\n", "\n")
    return process.wait(timeout=60), text


@pytest.mark.sqlite_only
def test_at_a_terminal_a_retraction_asks_first_and_no_means_nothing_is_written(seeded, registry_url):
    before = export(seeded)
    code, shown = at_terminal(registry_url, "retract attendance 1 --reason 'Brazil attended as observer only'", "n")
    assert code == 1 and "attendance 1 retracted: United States of America (US) at eu-us-jha-2012" in shown
    assert "Nothing was written." in shown
    assert export(seeded) == before
    code, shown = at_terminal(registry_url, "retract attendance 1 --reason 'recorded for the wrong meeting'", "y")
    assert code == 0 and "Retracted attendance 1" in shown
    assert export(seeded) != before


@pytest.mark.sqlite_only
def test_at_a_terminal_a_warning_is_shown_and_asked_about(seeded, registry_url):
    before = export(seeded)
    code, shown = at_terminal(registry_url, "report record FR --cycle 2026 --received 2019-01-01", "n")
    assert code == 1 and "more than a year before the 2026 report was due" in shown
    assert export(seeded) == before


@pytest.mark.sqlite_only
def test_the_clerks_mistakes_end_in_a_refusal_a_warning_or_a_question(seeded, registry_url):
    """A new clerk's year of mistakes, replayed: each is refused, warned about or asked about,
    and nothing the clerk did not confirm is written."""
    seeded("join BF --date 2016-03-01 --source 'letter of 1 March 2016'")
    before = export(seeded)
    burkina = seeded("country BF --json").json()["history"][0]["id"]
    asked = [  # at a terminal, answered "no"
        (f"retract action {burkina} --reason 'duplicate'", "Burkina Faso (BF): accession"),
        ("retract attendance 1 --reason 'Brazil attended as observer only'",
         "United States of America (US) at eu-us-jha-2012"),
        (f"correct action {burkina} source= --reason 'no source'", "source: 'letter of 1 March 2016' -> (empty)"),
    ]
    for command, shown in asked:
        code, text = at_terminal(registry_url, command, "n")
        assert code == 1 and shown in text and "Nothing was written." in text, (command, text)
    refused = [  # in a script, or whatever the answer
        ("correct instrument 1 title= --reason r", "title is empty"),
        ("correct instrument global-alliance-launch-2012 'title=   ' --reason r", "title is empty"),
        ("correct meeting brussels-launch-2012 title= --reason r", "title is empty"),
        ("report record FR --cycle 2026 --received 2019-01-01", "more than a year before the 2026 report"),
        ("report record FR --cycle 2028 --received 2026-01-05", "more than a year before the 2028 report"),
        ("join PE --date 2016-07-01", "the day the 2016 report was due"),
        ("session cancel brussels-launch-2012 --reason 'wrong meeting'", "is held"),
    ]
    for command, says in refused:
        assert_refused(seeded, command, says=(says,))
    assert export(seeded) == before
    assert seeded("check").exit_code == 0
