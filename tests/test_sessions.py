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
    assert sorted(session["attendance"]) == ["DE", "FR", "KR"]
    meetings = scheduled("country KR --json").json()["meetings"]
    assert [m["slug"] for m in meetings] == ["conference-1"]


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
