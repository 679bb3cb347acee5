"""`registry check` finds inconsistencies; `registry backup` copies a live registry."""

import sqlite3
import subprocess
import sys

import pytest
from conftest import export
from sqlalchemy import create_engine, text


def raw_sql(url: str, *statements: str) -> None:
    """Write around the registry's rules, as a hand edit of the database would."""
    engine = create_engine(url)
    with engine.begin() as connection:
        for statement in statements:
            connection.execute(text(statement))
    engine.dispose()


def test_a_consistent_registry_passes(seeded):
    result = seeded("check")
    assert result.exit_code == 0 and "No problems" in result.stdout


def test_check_finds_what_slipped_in_around_the_rules(seeded, registry_url):
    raw_sql(
        registry_url,
        "INSERT INTO action (instrument, country, kind, date, evidence, source, note) "
        "VALUES ('global-alliance-launch-2012', 'FR', 'accession', '2014-01-01', 'letter', '', '')",
        "INSERT INTO report (country, cycle, received, url, note) VALUES ('PE', '2014', '2014-01-01', '', '')",
        "INSERT INTO attendance (meeting, country) VALUES ('prague-2009', 'QQ')",
        "UPDATE instrument SET title = '' WHERE slug = 'prague-2009'",
        "UPDATE meeting SET starts = '9999-12-31', ends = '9999-12-31' WHERE slug = 'prague-2009'",
        "INSERT INTO report (country, cycle, received, url, note) VALUES ('DE', '2014', '2001-01-01', '', '')",
    )
    result = seeded("check")
    assert result.exit_code == 1
    assert "history of FR" in result.stderr and "already participating" in result.stderr
    assert "did not owe this report" in result.stderr
    assert "country 'QQ' is not a known ISO 3166-1 country code" in result.stderr
    assert "title is empty" in result.stderr
    assert "starts 9999-12-31 is outside the years the registry holds" in result.stderr
    assert "received 2001-01-01, before DE joined on 2012-12-05" in result.stderr
    assert len(seeded("check --json").json()) == 8  # the session on 9999-12-31 is also "held" before it starts


def test_check_reports_settings_the_cycles_cannot_be_made_from(seeded, registry_url):
    raw_sql(registry_url, "UPDATE alliance SET report_interval_years = 0")
    result = seeded("check")
    assert result.exit_code == 1
    assert "report_interval_years 0 is not a whole number from 1 to 10" in result.stderr
    cycles = seeded("report cycles")
    assert cycles.exit_code == 1 and "the setting report-interval-years is 0" in cycles.stderr


@pytest.mark.sqlite_only
def test_check_finds_orphans_by_foreign_key(seeded, tmp_path):
    with sqlite3.connect(tmp_path / "registry.db") as raw:
        raw.execute("PRAGMA foreign_keys = OFF")
        raw.execute("INSERT INTO attendance (meeting, country) VALUES ('no-such-meeting', 'FR')")
    result = seeded("check")
    assert result.exit_code == 1 and "refers to a missing meeting" in result.stderr


def restored_copy(cli, backup, backend, tmp_path, monkeypatch) -> None:
    """Point the CLI at a registry made from a backup (SQLite file, or export document)."""
    if backend == "sqlite":
        monkeypatch.setenv("REGISTRY_DATABASE_URL", f"sqlite:///{backup}")
        return
    monkeypatch.setenv("REGISTRY_DATABASE_URL", f"sqlite:///{tmp_path / (backup.name + '.db')}")
    result = cli("restore", str(backup))
    assert result.exit_code == 0, result.stderr


def test_backup_is_a_working_registry(seeded, backend, tmp_path, monkeypatch):
    assert seeded("backup", str(tmp_path / "copy")).exit_code == 0
    original = export(seeded)
    restored_copy(seeded, tmp_path / "copy", backend, tmp_path, monkeypatch)
    assert seeded("check").exit_code == 0
    assert export(seeded) == original


def test_backup_never_overwrites(seeded, tmp_path):
    (tmp_path / "copy.db").write_text("precious")
    result = seeded("backup", str(tmp_path / "copy.db"))
    assert result.exit_code == 1 and "already exists" in result.stderr
    assert (tmp_path / "copy.db").read_text() == "precious"


WRITER = """
import sys
from datetime import date, timedelta
from registry.storage import db
from registry.writing import participation

start = date(2015, 1, 1)
for step in range(0, 60, 2):
    with db.writing() as session:
        participation.join(session, sys.argv[1], on=start + timedelta(step), instrument="charter")
    with db.writing() as session:
        participation.withdraw(session, sys.argv[1], on=start + timedelta(step + 1), instrument="charter")
"""


def test_backup_while_others_write(seeded, backend, tmp_path, monkeypatch):
    seeded("instrument add charter --title Charter --adopted 2015-01-01")
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, code]) for code in ("BO", "PE")]
    try:
        for n in range(5):
            assert seeded("backup", str(tmp_path / f"copy{n}")).exit_code == 0
    finally:
        assert all(w.wait(timeout=120) == 0 for w in writers)
    for n in range(5):
        if backend == "sqlite":
            with sqlite3.connect(tmp_path / f"copy{n}") as copy:
                assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        restored_copy(seeded, tmp_path / f"copy{n}", backend, tmp_path, monkeypatch)
        assert seeded("check").exit_code == 0, seeded("check").stderr
        assert len(seeded("status --json").json()) == 48


@pytest.mark.sqlite_only
def test_a_backup_that_fails_halfway_leaves_nothing_and_can_be_retried(seeded, tmp_path, monkeypatch):
    import errno

    from registry.reading import backup as backups

    target = tmp_path / "backup-copy.db"

    def disk_full(source, path):
        path.write_bytes(b"SQLite format 3\x00 and then the disk was full")
        raise OSError(errno.ENOSPC, "No space left on device")

    with monkeypatch.context() as patched:
        patched.setattr(backups, "_sqlite_backup", disk_full)
        result = seeded("backup", str(target))
    assert result.exit_code == 1
    assert "No space left on device" in result.stderr and "nothing was written" in result.stderr
    assert list(tmp_path.glob("*backup-copy*")) == []
    assert seeded("backup", str(target)).exit_code == 0
    rows = [sqlite3.connect(f).execute("SELECT COUNT(*) FROM action").fetchone()[0]
            for f in (target, tmp_path / "registry.db")]
    assert rows[0] == rows[1] > 0


@pytest.mark.parametrize("where, says", [
    ("missing/registry.json", "does not exist"),
    (".", "is a folder"),
    ("a-file/registry.json", "is a file"),
    ("x" * 300 + ".json", "cannot be a file name here"),
])
@pytest.mark.parametrize("command", ["export --output", "backup"])
def test_export_or_backup_to_a_place_it_cannot_write_says_so(seeded, tmp_path, where, says, command):
    (tmp_path / "a-file").write_text("a file, not a folder", encoding="utf-8")
    result = seeded(*command.split(), str(tmp_path / where))
    assert result.exit_code == 1 and says in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


def test_an_export_replaces_its_file_whole(seeded, tmp_path):
    target = tmp_path / "registry.json"
    target.write_text("an older export", encoding="utf-8")
    assert seeded("export", "--output", str(target)).exit_code == 0
    assert target.read_text(encoding="utf-8") == seeded("export").stdout
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".partial")] == []
