"""The patch build: after the writes a secretariat makes day to day, the site is brought up
to date without a full build, and must then be exactly what a full build writes."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[1]
TODAY = "2025-06-01"

@pytest.fixture
def desk(seeded, tmp_path, monkeypatch):
    """A seeded registry in tmp_path with the project's prose, today pinned, a full build made."""
    monkeypatch.setenv("REGISTRY_TODAY", TODAY)
    shutil.copytree(PROJECT / "content", tmp_path / "content", dirs_exist_ok=True)
    first = build(tmp_path / "output")
    assert "built the site" in first.stdout
    return seeded


def build(output: Path) -> subprocess.CompletedProcess:
    done = subprocess.run([sys.executable, "-m", "registry.site", "-s", str(PROJECT / "pelicanconf.py"),
                           "-o", str(output)], env=dict(os.environ), capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done


def state(output: Path) -> dict[str, tuple[bytes, int]]:
    return {p.relative_to(output).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(output.rglob("*")) if p.is_file()}


def assert_same_as_a_full_build(output: Path, tmp_path: Path) -> None:
    cold = tmp_path / "cold"
    shutil.rmtree(cold, ignore_errors=True)
    assert "built the site" in build(cold).stdout
    patched, full = state(output), state(cold)
    assert sorted(patched) == sorted(full)
    assert [name for name in full if patched[name][0] != full[name][0]] == []


def action_id(cli, iso2: str, instrument: str) -> int:
    record = json.loads(cli("country", iso2, "--json").stdout)
    return next(a["id"] for a in record["history"] if a["instrument"] == instrument)


WRITES = [
    ("an accession to another instrument", ["join", "US", "--instrument", "prague-2009", "--date", "2015-01-01"]),
    ("an accession adopted at a meeting", ["join", "JP", "--instrument", "prague-2009", "--date", "2009-04-20",
                                           "--evidence", "meeting", "--meeting", "prague-2009"]),
    ("a withdrawal from the alliance", ["withdraw", "GB", "--date", "2020-01-31"]),
    ("a re-accession", ["join", "GB", "--date", "2024-03-01"]),
    ("a report", ["report", "record", "FR", "--cycle", "2024", "--received", "2024-06-30"]),
    ("a correction", ["correct", "action", "{action}", "date=2015-02-01", "--reason", "the letter's date"]),
    ("a retraction", ["retract", "action", "{action}", "--reason", "recorded in error"]),
]


def test_each_day_to_day_write_is_patched_into_exactly_what_a_full_build_writes(desk, tmp_path):
    output = tmp_path / "output"
    for what, command in WRITES:
        before = state(output)
        if "{action}" in command:
            command = [part.replace("{action}", str(action_id(desk, "US", "prague-2009"))) for part in command]
        result = desk(*command)
        assert result.exit_code == 0, (what, result.stderr)

        done = build(output)

        assert "brought the site up to date" in done.stdout, what
        after = state(output)
        assert_same_as_a_full_build(output, tmp_path)
        unchanged = [n for n in after if n in before and before[n][0] == after[n][0]]
        assert [n for n in unchanged if before[n][1] != after[n][1]] == [], what  # bytes kept, times kept
        rewritten = [n for n in after if n not in unchanged]
        assert 0 < len(rewritten) <= 14, (what, rewritten)


@pytest.mark.parametrize("what, command", [
    ("a new member, whose page every list links to", ["join", "BO", "--date", "2015-05-04"]),
    ("a session", ["session", "schedule", "--number", "9", "--starts", "2026-12-01", "--city", "Rome"]),
    ("a setting", ["settings", "set", "contact", "registry@example.org"]),
])
def test_other_writes_make_a_full_build(desk, tmp_path, what, command):
    output = tmp_path / "output"
    assert desk(*command).exit_code == 0, what

    done = build(output)

    assert "built the site" in done.stdout, what
    assert_same_as_a_full_build(output, tmp_path)


def test_a_build_with_nothing_changed_writes_nothing(desk, tmp_path):
    output = tmp_path / "output"
    before = state(output)
    assert "is up to date: nothing changed" in build(output).stdout
    assert state(output) == before


def test_a_lost_or_unreadable_state_means_a_full_build(desk, tmp_path):
    output = tmp_path / "output"
    (tmp_path / ".site-cache" / "output" / "state.pickle").write_bytes(b"not a pickle")
    desk("withdraw", "GB", "--date", "2020-01-31")

    assert "built the site" in build(output).stdout
    assert_same_as_a_full_build(output, tmp_path)


@pytest.mark.parametrize("manifest", [b"not json", b'{"version": 1, "files": {"index.html": "x"}}',
                                      b'{"version": 1, "files": {"members/gb/index.html": [1, 2]}}'])
def test_an_unreadable_manifest_means_every_file_is_made_again(desk, tmp_path, manifest):
    output = tmp_path / "output"
    (tmp_path / ".site-cache" / "output" / "files.json").write_bytes(manifest)
    desk("session", "schedule", "--number", "9", "--starts", "2026-12-01", "--city", "Rome")  # a full build

    assert "built the site" in build(output).stdout
    assert_same_as_a_full_build(output, tmp_path)


def test_a_patch_saves_its_state_after_enough_writes_and_later_patches_start_there(desk, tmp_path, monkeypatch):
    from registry.site import build as site
    from registry.site import patch

    monkeypatch.setattr(patch, "SAVE_AFTER", 2)
    output, folder = tmp_path / "output", tmp_path / ".site-cache" / "output"
    saved = (folder / "state.pickle").stat().st_mtime_ns
    desk("join", "US", "--instrument", "prague-2009", "--date", "2015-01-01")
    assert site.build(output=output).how == "patched"
    assert (folder / "state.pickle").stat().st_mtime_ns == saved  # one write: the stamp only
    desk("report", "record", "FR", "--cycle", "2024", "--received", "2024-06-30")
    assert site.build(output=output).how == "patched"
    assert (folder / "state.pickle").stat().st_mtime_ns != saved  # two writes since: saved
    desk("withdraw", "GB", "--date", "2020-01-31")
    assert site.build(output=output).how == "patched"
    assert site.build(output=output).how == "unchanged"
    assert_same_as_a_full_build(output, tmp_path)
