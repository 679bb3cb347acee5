"""Shared fixtures: real SQLite registries in tmp_path, driven as a user would."""

import json
import shlex
from dataclasses import dataclass

import pytest
from typer.testing import CliRunner

from registry import db
from registry.cli import app


@dataclass
class Result:
    exit_code: int
    stdout: str
    stderr: str

    def json(self):
        return json.loads(self.stdout)


@pytest.fixture
def registry_url(tmp_path, monkeypatch):
    """A database URL for a new, not yet created, registry in tmp_path."""
    url = f"sqlite:///{tmp_path / 'registry.db'}"
    monkeypatch.setenv("REGISTRY_DATABASE_URL", url)
    monkeypatch.setenv("REGISTRY_USER", "secretariat-test")
    monkeypatch.setenv("REGISTRY_CONTENT_DIR", str(tmp_path / "content"))
    (tmp_path / "content").mkdir()
    monkeypatch.chdir(tmp_path)
    return url


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
