"""Shared fixtures: real registries in tmp_path, driven as a user would, and the site built
from them as `invoke build` builds it."""

import json
import os
import shlex
import shutil
import subprocess
import sys
import uuid
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

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


def new_postgres_database(name: str | None = None, template: str | None = None) -> str:
    """A new database on the test server (a copy of `template`, a database's URL, if given)."""
    import psycopg

    name = name or f"registry_test_{uuid.uuid4().hex[:12]}"
    admin = POSTGRES.replace("postgresql+psycopg://", "postgresql://")
    copy = f' TEMPLATE "{template.rsplit("/", 1)[1]}"' if template else ""
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"{copy}')
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
        # The CLI's last resort turns a bug into one line; a test must still see it as a bug.
        assert "unexpected failure" not in result.stderr, result.stderr
        return Result(result.exit_code, result.stdout, result.stderr)

    return run


@pytest.fixture
def fresh_db(cli):
    """A registry created with `registry init`, without the founding record."""
    assert cli("init").exit_code == 0
    return cli


@pytest.fixture(scope="session")
def seeded_template(tmp_path_factory):
    """The SQLite file `registry init --seed` makes, made once per session and copied by tests.

    Seeding reads today (the reporting record is kept from the day the registry is set up)
    and the user it logs: a template is made for each (REGISTRY_TODAY, REGISTRY_USER) the
    tests seed with, so that a copy is the file `registry init --seed` would have made.
    """
    made: dict[tuple[str, str, str], Any] = {}

    def template(today: str | None = None, user: str | None = None, backend: str = "sqlite") -> Any:
        today = today or os.environ.get("REGISTRY_TODAY") or date.today().isoformat()
        user = user or os.environ.get("REGISTRY_USER") or ""  # "": unset, the system's user
        if (today, user, backend) not in made:
            folder = tmp_path_factory.mktemp("seeded-template")
            url = f"sqlite:///{folder / 'registry.db'}" if backend == "sqlite" else new_postgres_database()
            result = CliRunner().invoke(app, ["init", "--seed"], env={
                "REGISTRY_DATABASE_URL": url, "REGISTRY_TODAY": today, "REGISTRY_USER": user or None,
                "REGISTRY_CONTENT_DIR": str(folder / "content")})
            assert result.exit_code == 0, result.output
            db.get_engine(url).dispose()  # the last connection closed: the WAL is checkpointed
            made[today, user, backend] = folder / "registry.db" if backend == "sqlite" else url
        return made[today, user, backend]

    yield template
    for (_, _, backend), url in made.items():
        if backend == "postgresql":
            drop_postgres_database(url)


def copy_registry(template: Path, target: Path) -> None:
    """Copy a SQLite registry file (and its write-ahead log, if one was left)."""
    shutil.copyfile(template, target)
    log = template.with_name(template.name + "-wal")
    if log.exists():
        shutil.copyfile(log, target.with_name(target.name + "-wal"))


@pytest.fixture
def seeded(cli, backend, registry_url, seeded_template):
    """A registry created with `registry init --seed` (on SQLite, a copy of the session's template)."""
    if backend == "sqlite":
        copy_registry(seeded_template(), Path(registry_url.removeprefix("sqlite:///")))
    else:  # the test's empty database made again as a copy of the seeded one
        template = seeded_template(backend="postgresql")
        drop_postgres_database(registry_url)
        new_postgres_database(registry_url.rsplit("/", 1)[1], template=template)
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


# -- the site ---------------------------------------------------------------------------------

PROJECT = Path(__file__).resolve().parents[1]
SETTINGS = PROJECT / "pelicanconf.py"
#: The day the site tests pin, so that "as of" dates and reporting statuses do not move.
TODAY = "2025-06-01"


def site_env(folder: Path, **extra: str) -> dict[str, str]:
    """The environment of a secretariat working in `folder` (registry.db and content/ there),
    with today pinned."""
    return {
        **os.environ,
        "REGISTRY_DATABASE_URL": f"sqlite:///{folder / 'registry.db'}",
        "REGISTRY_CONTENT_DIR": str(folder / "content"),
        "REGISTRY_TODAY": TODAY,
        "REGISTRY_USER": "secretariat-test",
        **extra,
    }


def copy_content(folder: Path) -> None:
    """The project's content/ (home, pages, instrument summaries) into `folder`/content."""
    shutil.copytree(PROJECT / "content", folder / "content", dirs_exist_ok=True)


def site_command(output: Path) -> list[str]:
    return [sys.executable, "-m", "registry.site", "-s", str(SETTINGS), "-o", str(output)]


def site_build(folder: Path, output: Path | None = None, env: dict | None = None, *,
               check: bool = True) -> subprocess.CompletedProcess:
    """`python -m registry.site -s pelicanconf.py -o OUTPUT` in `folder`, as `invoke build` runs it.

    OUTPUT is `folder`/output unless given; `env` is the current environment unless given
    (the fixtures above set it to the test's registry). With check, the build must succeed.
    """
    result = subprocess.run(site_command(output or folder / "output"), cwd=folder,
                            env=dict(os.environ) if env is None else env, capture_output=True, text=True)
    if check:
        assert result.returncode == 0, result.stderr
    return result


@pytest.fixture
def build_site(tmp_path):
    """Build the site of the test's registry (the fixtures' environment) into tmp_path/output,
    or `output`; returns the finished process."""

    def build(output: Path | None = None, *, check: bool = True) -> subprocess.CompletedProcess:
        return site_build(tmp_path, output, check=check)

    return build


def files_of(output: Path) -> dict[str, bytes]:
    """Every file of a built site, by its path in the site: its bytes."""
    return {p.relative_to(output).as_posix(): p.read_bytes() for p in sorted(output.rglob("*")) if p.is_file()}


def state_of(output: Path) -> dict[str, tuple[bytes, int]]:
    """Every file of a built site: its bytes and modification time."""
    return {p.relative_to(output).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(output.rglob("*")) if p.is_file()}


@pytest.fixture(scope="session")
def seeded_site(tmp_path_factory, seeded_template) -> Path:
    """The site built from the seeded registry, today pinned, with its first release of the open
    data cut (so that the checks visit a release's pages and files): once per session, for the
    tests that only read it (they must not change it)."""
    folder = tmp_path_factory.mktemp("seeded-site")
    copy_content(folder)
    copy_registry(seeded_template(TODAY, "secretariat-test"), folder / "registry.db")
    subprocess.run([sys.executable, "-m", "registry", "release", "--note", "the founding record"],
                   env=site_env(folder), cwd=folder, check=True, capture_output=True)
    site_build(folder, env=site_env(folder))
    return folder / "output"


@pytest.fixture(scope="session")
def checked_site(request) -> Path:
    """The site the browser, HTML and link checks read: the already built site named by
    REGISTRY_CHECK_OUTPUT (`invoke check`), else the seeded site."""
    given = os.environ.get("REGISTRY_CHECK_OUTPUT")
    if given:
        output = Path(given).resolve()
        assert (output / "index.html").is_file(), f"REGISTRY_CHECK_OUTPUT={given}: no built site there"
        return output
    return request.getfixturevalue("seeded_site")
