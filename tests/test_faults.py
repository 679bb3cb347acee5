"""Faults: a process killed mid-write, and two backends holding the same registry."""

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pycountry
import pytest
from conftest import export


def big_import(tmp_path, cli, instruments=25, countries=200):
    """A 5,000-row file of accessions to 25 new instruments."""
    for i in range(instruments):
        assert cli(f"instrument add charter-{i} --title 'Charter {i}' --adopted 2015-01-01").exit_code == 0
    codes = [c.alpha_2 for c in pycountry.countries][:countries]
    lines = ["country,joined,instrument"]
    lines += [f"{code},2016-01-01,charter-{i}" for i in range(instruments) for code in codes]
    path = tmp_path / "big.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_an_import_killed_halfway_leaves_the_registry_as_it_was(seeded, backend, tmp_path):
    path = big_import(tmp_path, seeded)
    before = export(seeded)
    importer = subprocess.Popen([sys.executable, "-m", "registry", "import", str(path)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    time.sleep(3)  # the whole import takes several times longer
    assert importer.poll() is None, "the import finished before it could be interrupted"
    os.kill(importer.pid, signal.SIGKILL)
    importer.wait()
    assert export(seeded) == before
    assert seeded("check").exit_code == 0
    if backend == "sqlite":
        with sqlite3.connect(tmp_path / "registry.db") as raw:
            assert raw.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_a_registry_moves_between_backends_unchanged(seeded, backend, tmp_path, monkeypatch):
    seeded("join BO --date 2015-05-04 --note 'déjà vu <b>'")
    seeded("report record BO --cycle 2016 --received 2016-06-30")
    first = export(seeded)
    (tmp_path / "registry.json").write_text(first, encoding="utf-8")
    other = "postgresql" if backend == "sqlite" else "sqlite"
    if other == "postgresql":
        from conftest import POSTGRES, drop_postgres_database, new_postgres_database

        if not POSTGRES:
            pytest.skip("a registry on SQLite alone has no other backend to move to")
        url = new_postgres_database()
    else:
        url = f"sqlite:///{tmp_path / 'moved.db'}"
    monkeypatch.setenv("REGISTRY_DATABASE_URL", url)
    try:
        assert seeded("restore", str(tmp_path / "registry.json")).exit_code == 0
        assert export(seeded) == first
        assert seeded("join PE --date 2016-01-01").exit_code == 0  # ids continue after restore
    finally:
        if other == "postgresql":
            drop_postgres_database(url)


GOLDEN = Path(__file__).parent / "golden" / "founding-record.json"


def test_seeding_gives_the_same_record_on_both_backends(cli, monkeypatch):
    """The seeded export, less the times of seeding, equals a reviewed golden copy.

    After a deliberate change to the founding record, regenerate the copy with
    REGISTRY_UPDATE_GOLDEN=1 and review the diff.
    """
    monkeypatch.setenv("REGISTRY_TODAY", "2026-01-01")
    assert cli("init --seed").exit_code == 0
    doc = json.loads(export(cli))
    for change in doc["changes"]:
        del change["at"]
    text = json.dumps(doc, sort_keys=True, indent=2, ensure_ascii=False) + "\n"
    if os.environ.get("REGISTRY_UPDATE_GOLDEN"):
        GOLDEN.write_text(text, encoding="utf-8")
    assert text == GOLDEN.read_text(encoding="utf-8")


def test_a_site_build_killed_halfway_leaves_the_old_site(tmp_path):
    from test_site import PROJECT, copy_content, files_of, site_env

    env = site_env(tmp_path)
    copy_content(tmp_path)
    subprocess.run([sys.executable, "-m", "registry", "init", "--seed"], env=env, cwd=tmp_path, check=True,
                   capture_output=True)
    command = [sys.executable, "-m", "registry.site", "-s", str(PROJECT / "pelicanconf.py"),
               "-o", str(tmp_path / "output")]
    subprocess.run(command, env=env, cwd=tmp_path, check=True, capture_output=True)
    before = files_of(tmp_path / "output")
    # A change of settings: a full build (a withdrawal would be patched, as tested below).
    subprocess.run([sys.executable, "-m", "registry", "settings", "set", "contact", "registry@example.org"],
                   env=env, cwd=tmp_path, check=True, capture_output=True)
    builder = subprocess.Popen(command, env=env, cwd=tmp_path, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while not any(tmp_path.glob(".output.building-*/**/*.html")):
        assert builder.poll() is None and time.monotonic() < deadline, "the build ended before it was caught"
        time.sleep(0.005)
    os.kill(builder.pid, signal.SIGKILL)
    builder.wait()
    assert files_of(tmp_path / "output") == before


@pytest.mark.parametrize("after", [0.05, 0.15, 0.25, 0.35])
def test_a_patch_build_killed_at_any_moment_is_completed_by_the_next_build(tmp_path, after):
    from test_site import PROJECT, copy_content, files_of, site_env

    env = site_env(tmp_path)
    copy_content(tmp_path)
    subprocess.run([sys.executable, "-m", "registry", "init", "--seed"], env=env, cwd=tmp_path, check=True,
                   capture_output=True)

    def build(output: str, *, kill_after: float | None = None) -> str:
        command = [sys.executable, "-m", "registry.site", "-s", str(PROJECT / "pelicanconf.py"),
                   "-o", str(tmp_path / output)]
        if kill_after is None:
            return subprocess.run(command, env=env, cwd=tmp_path, check=True, capture_output=True,
                                  text=True).stdout
        builder = subprocess.Popen(command, env=env, cwd=tmp_path, stdout=subprocess.DEVNULL)
        time.sleep(kill_after)
        builder.send_signal(signal.SIGKILL)
        builder.wait()
        return ""

    build("output")
    subprocess.run([sys.executable, "-m", "registry", "withdraw", "GB", "--date", "2020-01-31"],
                   env=env, cwd=tmp_path, check=True, capture_output=True)
    build("output", kill_after=after)
    done = build("output")
    assert "brought the site up to date" in done or "is up to date" in done
    assert "built the site" in build("full")
    assert files_of(tmp_path / "output") == files_of(tmp_path / "full")
