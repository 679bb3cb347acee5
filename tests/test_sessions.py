"""Conference sessions: scheduled, attended, held, and pointed to their outcome."""

import pytest
from conftest import assert_refused


@pytest.fixture
def scheduled(seeded):
    result = seeded("session schedule --number 1 --starts 2014-12-10 --ends 2014-12-11 "
                    "--city Washington --host 'United States of America'")
    assert result.exit_code == 0, result.stderr
    return seeded


def test_a_session_from_schedule_to_outcome(scheduled, tmp_path):
    assert scheduled("session attend conference-1 FR DE 'Republic of Korea'").exit_code == 0
    assert scheduled("session held conference-1").exit_code == 0
    (tmp_path / "content" / "sessions").mkdir()
    (tmp_path / "content" / "sessions" / "conference-1.md").write_text("# Outcome\n")
    assert scheduled("session outcome conference-1 sessions/conference-1.md").exit_code == 0
    session = {m["slug"]: m for m in scheduled("session list --json").json()}["conference-1"]
    assert session["status"] == "held"
    assert session["host"] == "US"
    assert session["outcome"] == "sessions/conference-1.md"
    assert sorted(a["country"] for a in session["attendance"]) == ["DE", "FR", "KR"]
    meetings = scheduled("country KR --json").json()["meetings"]
    assert [m["slug"] for m in meetings] == ["brussels-launch-2012", "conference-1"]  # it endorsed the launch there


@pytest.mark.parametrize("args, says", [
    ("session attend conference-9 FR", ("no meeting 'conference-9'",)),
    ("session attend conference-1 Atlantis", ("unknown country",)),
    ("session outcome conference-1 sessions/missing.md", ("no file",)),
    ("session outcome conference-1 ../../etc/passwd", ("not a Markdown file",)),
    ("session schedule --number 1 --starts 2016-12-01", ("already exists",)),
    ("session schedule --number 2 --starts 2016-12-02 --ends 2016-12-01", ("before the start",)),
    ("session schedule --starts 2016-12-02", ("needs a number",)),
    ("session held conference-9", ("no meeting",)),
])
def test_session_rules(scheduled, args, says):
    assert_refused(scheduled, args, says=says)


def test_a_future_session_cannot_be_held_or_attended(scheduled):
    scheduled("session schedule --number 2 --starts 2099-12-01")
    assert_refused(scheduled, "session held conference-2", says=("still to come",))
    assert_refused(scheduled, "session attend conference-2 FR", says=("has not begun",))


def test_attendance_is_recorded_once(scheduled):
    scheduled("session attend conference-1 FR")
    assert_refused(scheduled, "session attend conference-1 FRA", says=("already recorded",))


def test_write_commands_answer_scripts_in_json(scheduled, tmp_path):
    attended = scheduled("session attend conference-1 FR --json").json()
    assert [a["country"] for a in attended["attendance"]] == ["FR"]
    assert scheduled("session held conference-1 --json").json()["status"] == "held"
    assert scheduled("settings set contact registry@example.org --json").json()["contact"] == "registry@example.org"
    assert scheduled("backup copy --json").json()["path"] == "copy"
    assert scheduled("init --json").json()["seeded"] is None


# -- a session's life: cancelled, postponed, attended in a role ------------------------------


def test_a_session_is_postponed_and_the_log_says_so(scheduled):
    scheduled("session schedule --number 2 --starts 2027-12-01 --ends 2027-12-02 --city Rome")
    assert_refused(scheduled, "session postpone conference-2 --starts 2027-11-01 --reason r",
                   says=("not after 2027-12-01", "registry correct meeting conference-2"))
    moved = scheduled("session postpone conference-2 --starts 2028-03-06 --reason 'postponed by the host'")
    assert moved.exit_code == 0 and "now from 2028-03-06 to 2028-03-07" in moved.stdout  # as long as before
    logged = scheduled("log --json --limit 1").json()[0]
    assert logged["what"] == "meeting.postpone" and logged["reason"] == "postponed by the host"
    assert "postponed from 2027-12-01 to 2028-03-06" in logged["summary"]


def test_a_session_is_cancelled_with_a_reason(scheduled):
    scheduled("session schedule --number 2 --starts 2027-12-01")
    assert scheduled("session cancel conference-2 --reason 'the host withdrew'").exit_code == 0
    session = {m["slug"]: m for m in scheduled("session list --json").json()}["conference-2"]
    assert session["status"] == "cancelled"
    logged = scheduled("log --json --limit 1").json()[0]
    assert logged["what"] == "meeting.cancel" and logged["reason"] == "the host withdrew"
    assert_refused(scheduled, "session cancel conference-2 --reason again", says=("is cancelled",))
    assert_refused(scheduled, "session postpone conference-2 --starts 2028-01-01 --reason r", says=("is cancelled",))
    scheduled("session held conference-1")
    assert_refused(scheduled, "session cancel conference-1 --reason r", says=("is held",))


def test_attendance_has_a_role_and_the_eu_attends_as_an_organisation(scheduled):
    recorded = scheduled("session attend conference-1 FR EU --source 'list of participants' --json").json()
    roles = {a["country"]: (a["role"], a["source"]) for a in recorded["attendance"]}
    assert roles == {"FR": ("delegation", "list of participants"), "EU": ("organisation", "list of participants")}
    scheduled("session attend conference-1 CA --role observer")
    listed = {a["country"]: a["role"] for a in scheduled("session list --json").json()[-1]["attendance"]}
    assert listed == {"FR": "delegation", "EU": "organisation", "CA": "observer"}
    assert_refused(scheduled, "session attend conference-1 JP --role guest", says=("role 'guest' is not one of",))


def test_attendance_adds_those_not_yet_recorded_and_names_the_others(scheduled):
    scheduled("session attend conference-1 FR")
    both = scheduled("session attend conference-1 FR DE")
    assert both.exit_code == 0
    assert "Recorded attendance at conference-1: Germany (delegation)." in both.stdout
    assert "Already recorded, left as they were: France." in both.stdout
    assert_refused(scheduled, "session attend conference-1 FR DE", says=("every country given is already recorded",))
