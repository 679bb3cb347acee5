"""Shared fixtures: real SQLite registries in tmp_path, driven as a user would."""

import json
import os
import shlex
import uuid
from dataclasses import dataclass

import pytest
from typer.testing import CliRunner

from registry.cli import app
from registry.storage import db


@dataclass
class Result:
    exit_code: int
    stdout: str
    stderr: str

    def json(self):
        return json.loads(self.stdout)


#: A PostgreSQL server for the PostgreSQL half of the suite; `.ci/postgres` starts one.
POSTGRES = os.environ.get("REGISTRY_TEST_POSTGRES_URL")
SKIP_POSTGRES = (
    "PostgreSQL half skipped: REGISTRY_TEST_POSTGRES_URL is not set "
    "(start a throwaway server with: export REGISTRY_TEST_POSTGRES_URL=$(.ci/postgres))"
)


def pytest_report_header(config):
    if POSTGRES:
        return f"registry backends: SQLite and PostgreSQL ({POSTGRES.split('@')[-1]})"
    return f"registry backends: SQLite only. {SKIP_POSTGRES}"


def pytest_configure(config):
    config.addinivalue_line("markers", "sqlite_only: the test checks something only SQLite has")


def pytest_collection_modifyitems(config, items):
    """Drop the PostgreSQL variant of tests marked sqlite_only."""
    kept, dropped = [], []
    for item in items:
        callspec = getattr(item, "callspec", None)
        backend = callspec.params.get("backend") if callspec else None
        if backend == "postgresql" and item.get_closest_marker("sqlite_only"):
            dropped.append(item)
        else:
            kept.append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request):
    """Each registry test runs on both backends."""
    return request.param


def new_postgres_database() -> str:
    import psycopg

    name = f"registry_test_{uuid.uuid4().hex[:12]}"
    admin = POSTGRES.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    return POSTGRES.rsplit("/", 1)[0] + "/" + name


def drop_postgres_database(url: str) -> None:
    import psycopg

    db.get_engine(url).dispose()
    name = url.rsplit("/", 1)[1]
    admin = POSTGRES.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def registry_url(backend, tmp_path, monkeypatch):
    """A database URL for a new, not yet created, registry on the test's backend."""
    if backend == "postgresql":
        if not POSTGRES:
            pytest.skip(SKIP_POSTGRES)
        url = new_postgres_database()
    else:
        url = f"sqlite:///{tmp_path / 'registry.db'}"
    monkeypatch.setenv("REGISTRY_DATABASE_URL", url)
    monkeypatch.setenv("REGISTRY_USER", "secretariat-test")
    monkeypatch.setenv("REGISTRY_CONTENT_DIR", str(tmp_path / "content"))
    (tmp_path / "content").mkdir()
    monkeypatch.chdir(tmp_path)
    yield url
    if backend == "postgresql":
        drop_postgres_database(url)


@pytest.fixture
def cli(registry_url):
    """Run `registry ARGS` in-process; returns exit code, stdout and stderr."""
    runner = CliRunner()

    def run(*args: str) -> Result:
        if len(args) == 1 and " " in args[0]:
            args = tuple(shlex.split(args[0]))
        result = runner.invoke(app, list(args), prog_name="registry")
        if result.exception and not isinstance(result.exception, SystemExit):
            raise result.exception
        return Result(result.exit_code, result.stdout, result.stderr)

    return run


@pytest.fixture
def fresh_db(cli):
    """A registry created with `registry init`, without the founding record."""
    assert cli("init").exit_code == 0
    return cli


@pytest.fixture
def seeded(cli):
    """A registry created with `registry init --seed`."""
    result = cli("init", "--seed")
    assert result.exit_code == 0, result.stderr
    return cli


@pytest.fixture
def session(registry_url):
    """A write session on the test registry, for calling the library directly."""
    with db.writing(registry_url) as opened:
        yield opened


def export(cli) -> str:
    result = cli("export")
    assert result.exit_code == 0, result.stderr
    return result.stdout


def assert_refused(cli, *args: str, says: tuple[str, ...] = ()) -> Result:
    """Run a command that must fail: exit 1, a clear message, registry unchanged."""
    before = export(cli)
    result = cli(*args)
    assert result.exit_code == 1, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("Error:") or "problem" in result.stderr, result.stderr
    for fragment in says:
        assert fragment in result.stderr, (fragment, result.stderr)
    assert export(cli) == before
    return result
