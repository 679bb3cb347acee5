"""Faults: a process killed mid-write (an import, a site build), and two backends holding the
same registry."""

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
from conftest import TODAY, copy_content, copy_registry, export, files_of, site_build, site_command, site_env, state_of


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


#: When the killed build is stopped: after a delay (before Pelican starts: imports, the
#: comparison with the last build), or once its fresh folder holds a share of the files
#: the complete site has (while Pelican writes, taking unchanged pages by hard link).
KILLS = {
    "after 0.05 s": ("delay", 0.05),
    "after 0.3 s": ("delay", 0.3),
    "after 0.6 s": ("delay", 0.6),
    "as the new folder appears": ("written", 0.0),
    "a quarter written": ("written", 0.25),
    "half written": ("written", 0.5),
    "nearly all written": ("written", 0.9),
}


def files_in(folder: Path) -> int:
    return sum(len(names) for _, _, names in os.walk(folder))


@pytest.mark.sqlite_only
@pytest.mark.parametrize("moment", list(KILLS))
def test_a_site_build_killed_at_any_moment_leaves_the_old_site_and_the_next_build_completes(moment, tmp_path,
                                                                                             seeded_template):
    env = site_env(tmp_path)
    copy_content(tmp_path)
    copy_registry(seeded_template(TODAY, "secretariat-test"), tmp_path / "registry.db")
    output = tmp_path / "output"
    site_build(tmp_path, env=env)
    before = state_of(output)
    # Every country page shows the contact: those are rendered again, the other pages taken.
    subprocess.run([sys.executable, "-m", "registry", "settings", "set", "contact", "registry@example.org"],
                   env=env, cwd=tmp_path, check=True, capture_output=True)

    how, when = KILLS[moment]
    builder = subprocess.Popen(site_command(output), env=env, cwd=tmp_path, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    if how == "delay":
        time.sleep(when)
    else:
        deadline = time.monotonic() + 60
        while not [f for f in tmp_path.glob(".output.building-*") if files_in(f) >= when * len(before)]:
            assert builder.poll() is None, "the build ended before it was caught"
            assert time.monotonic() < deadline
            time.sleep(0.002)
    os.kill(builder.pid, signal.SIGKILL)
    builder.wait()

    published, unfinished = state_of(output), list(tmp_path.glob(".output.building-*"))
    if how == "written":  # the kill landed while the new site was being written, beside the old one
        assert len(unfinished) == 1, moment
        if when <= 0.5:
            assert files_in(unfinished[0]) < len(before), moment
    done = site_build(tmp_path, env=env)
    after = state_of(output)
    site_build(tmp_path, tmp_path / "cold", env=env)
    cold = files_of(tmp_path / "cold")
    if published == before:  # bytes and times: the published site was not touched
        assert "built the site" in done.stdout
    else:  # never a mix: a build killed after the swap had published the new site whole
        assert how == "delay" and not unfinished, moment
        assert {name: data for name, (data, _) in published.items()} == cold
    assert {name: data for name, (data, _) in after.items()} == cold
    assert b"registry@example.org" in after["members/fr/index.html"][0]
    assert after["instruments/prague-2009/index.html"] == before["instruments/prague-2009/index.html"]
    # what the killed build left is cleared away
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".output")) == []
