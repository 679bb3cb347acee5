"""Finding the registry: with REGISTRY_DATABASE_URL unset, the commands use the nearest registry.db
in the current folder or above it, up to the project's top folder (the one holding pelicanconf.py),
else the project's registry.db, else registry.db here; `registry init` (and `registry restore`)
refuse to start a second SQLite registry inside a project that has one.

Every command runs in a real process from a real folder, as the secretariat runs it.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from registry.storage import location


def run(cwd: Path, *args: str, database: str | None = None) -> subprocess.CompletedProcess:
    """`registry ARGS` in a new process, from `cwd`, with REGISTRY_DATABASE_URL unset (or `database`)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("REGISTRY_")}
    env["REGISTRY_USER"] = "location-test"
    if database:
        env["REGISTRY_DATABASE_URL"] = database
    result = subprocess.run([sys.executable, "-m", "registry", *args], cwd=cwd, env=env,
                            capture_output=True, text=True, timeout=120)
    assert "Traceback" not in result.stderr, result.stderr
    assert "unexpected failure" not in result.stderr, result.stderr
    return result


def make_project(top: Path) -> Path:
    """A project as the repository lays it out: pelicanconf.py at the top, content/, subfolders."""
    top.mkdir(parents=True, exist_ok=True)
    (top / "pelicanconf.py").write_text("# the project's top folder\n", encoding="utf-8")
    (top / "content" / "pages").mkdir(parents=True)
    (top / "sub" / "deeper" / "deepest").mkdir(parents=True)
    return top


def files_under(folder: Path) -> set[Path]:
    return {p.relative_to(folder) for p in folder.rglob("*")}


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """A project whose registry was made by `registry init --seed` run at its top."""
    top = make_project(tmp_path_factory.mktemp("location") / "project")
    assert location.project_root(top.parent) is None, "the test folder must not be inside a project"
    result = run(top, "init", "--seed")
    assert result.returncode == 0, result.stderr
    return top, result


@pytest.fixture
def outside(tmp_path):
    """A folder in no project, with no registry above it."""
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    assert location.project_root(folder) is None
    assert not any((f / "registry.db").exists() for f in (folder, *folder.parents))
    return folder


def test_init_at_the_top_creates_the_projects_registry(project):
    top, result = project
    assert (top / "registry.db").is_file()
    assert f"Created the registry at sqlite:///{top / 'registry.db'}" in result.stdout
    assert "Loaded the founding record" in result.stdout
    assert not list(top.glob("*/**/registry.db")), "no registry anywhere below the top"


def test_status_from_a_deep_subfolder_finds_the_projects_registry(project):
    top, _ = project
    deep = top / "sub" / "deeper" / "deepest"
    result = run(deep, "status")
    assert result.returncode == 0, result.stderr
    assert "48 members" in result.stdout
    listed = run(deep, "status", "--json")
    assert listed.returncode == 0, listed.stderr
    assert sum(1 for m in json.loads(listed.stdout) if m["status"] == "member") == 48
    assert not (deep / "registry.db").exists()


def test_where_names_the_registry_and_how_it_was_found(project):
    top, _ = project
    deep = top / "sub" / "deeper"
    url = f"sqlite:///{top / 'registry.db'}"
    result = run(deep, "where")
    assert result.returncode == 0, result.stderr
    assert f"Registry: {url}\n" in result.stdout
    assert f"Found as: the nearest registry at or above {deep.resolve()}" in result.stdout
    assert "State: ready (schema " in result.stdout
    assert f"Content: {(top / 'content').resolve()}" in result.stdout

    found = json.loads(run(deep, "where", "--json").stdout)
    assert found["database"] == url
    assert found["found"] == f"the nearest registry at or above {deep.resolve()}"
    assert found["state"].startswith("ready (schema ")
    assert found["content"] == str((top / "content").resolve())


def test_where_says_when_the_url_is_set(project, outside):
    top, _ = project
    url = f"sqlite:///{top / 'registry.db'}"
    found = json.loads(run(outside, "where", "--json", database=url).stdout)
    assert found["database"] == url
    assert found["found"] == "set by REGISTRY_DATABASE_URL"


def test_where_outside_any_project_names_this_folders_registry(outside):
    result = run(outside, "where")
    assert result.returncode == 0, result.stderr
    assert f"Registry: sqlite:///{outside.resolve() / 'registry.db'}\n" in result.stdout
    assert "this folder's registry (no project or registry above it; not created yet)" in result.stdout
    assert "State: no registry at" in result.stdout
    found = json.loads(run(outside, "where", "--json").stdout)
    assert found["database"] == f"sqlite:///{outside.resolve() / 'registry.db'}"
    assert not any(outside.iterdir()), "'registry where' creates nothing"


def test_a_new_project_gets_its_registry_at_the_top_from_any_folder(tmp_path):
    top = make_project(tmp_path / "fresh")
    deep = top / "sub" / "deeper"
    found = json.loads(run(deep, "where", "--json").stdout)
    assert found["database"] == f"sqlite:///{top.resolve() / 'registry.db'}"
    assert found["found"] == f"the registry of the project at {top.resolve()} (not created yet)"

    result = run(deep, "init")
    assert result.returncode == 0, result.stderr
    assert (top / "registry.db").is_file()
    assert not (deep / "registry.db").exists()


@pytest.mark.parametrize("second", ["sub/second.db", "sub/deeper/registry.db", "not-yet-made/second.db"])
def test_a_second_registry_inside_the_project_is_refused(project, second):
    top, _ = project
    before = files_under(top)
    target = top / second
    result = run(top / "sub", "init", database=f"sqlite:///{target}")
    assert result.returncode == 1
    assert f"the project at {top.resolve()} already has a registry ({top.resolve() / 'registry.db'})" in result.stderr
    assert str(target.resolve()) in result.stderr
    assert "registry where" in result.stderr  # the hint: how to see which registry a command uses
    assert not target.exists()
    assert files_under(top) == before, "a refused init leaves nothing behind (no file, journal or folder)"


def test_a_second_registry_is_refused_to_restore_too(project, tmp_path):
    top, _ = project
    document = tmp_path / "registry.json"
    assert run(top, "export", "--output", str(document)).returncode == 0
    before = files_under(top)
    result = run(top, "restore", str(document), database=f"sqlite:///{top / 'sub' / 'restored.db'}")
    assert result.returncode == 1
    assert f"already has a registry ({top.resolve() / 'registry.db'})" in result.stderr
    assert files_under(top) == before


def test_a_scratch_registry_outside_the_project_is_allowed(project, outside):
    top, _ = project
    scratch = outside / "scratch.db"
    result = run(top / "sub", "init", database=f"sqlite:///{scratch}")
    assert result.returncode == 0, result.stderr
    assert scratch.is_file()
    assert json.loads(run(top / "sub", "where", "--json", database=f"sqlite:///{scratch}").stdout)["state"].startswith(
        "ready")
    # The project's own registry is untouched and still the one found inside the project.
    assert "48 members" in run(top / "sub", "status").stdout


def test_init_on_the_projects_own_registry_is_not_a_second_one(project):
    top, _ = project
    result = run(top / "sub" / "deeper", "init", database=f"sqlite:///{top / 'registry.db'}")
    assert result.returncode == 0, result.stderr
    assert "is up to date" in result.stdout
