"""Where the registry lives: engines, sessions and schema migrations.

Every session is opened here, so that every command gets the same
guarantees: foreign keys enforced, one transaction per command, and on
SQLite a write lock taken up front so that two secretaries writing at the
same moment wait for each other instead of failing.
"""

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

from sqlalchemy import event, inspect
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, DatabaseError, DataError, IntegrityError, OperationalError
from sqlmodel import Session, create_engine

from registry.rules.errors import RegistryError
from registry.storage import location
from registry.storage.location import BUSY_TIMEOUT, HEAD_REVISION, database_url  # noqa: F401

MIGRATIONS = Path(__file__).parent / "migrations"


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


def get_engine(url: str | None = None) -> Engine:
    """The engine for `url`, or for REGISTRY_DATABASE_URL; one per URL per process."""
    return _engine(url or database_url())


@cache
def _engine(url: str) -> Engine:
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise RegistryError(
            f"REGISTRY_DATABASE_URL is not a database URL: {url!r}",
            hint="use a form such as sqlite:///registry.db or postgresql+psycopg://user@host/db",
        ) from None
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(url)
    try:
        engine = create_engine(url, pool_pre_ping=True)
    except ModuleNotFoundError as missing:
        raise RegistryError(
            f"the database driver {missing.name!r} is not installed",
            hint="install it with pip, e.g. pip install 'psycopg[binary]' for PostgreSQL",
        ) from None
    if engine.dialect.name == "postgresql":
        _serialise_writers(engine)
    return engine


#: The key of the advisory lock that PostgreSQL writers take (any fixed number).
WRITE_LOCK = 0x7265_6769  # "regi"


def _serialise_writers(engine: Engine) -> None:
    @event.listens_for(engine, "begin")
    def _on_begin(connection):
        # Writers check the registry's rules against what is committed, then
        # write: one writer at a time keeps two such checks from racing, as
        # SQLite's BEGIN IMMEDIATE does. Readers are never blocked.
        if connection.get_execution_options().get("write", False):
            connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITE_LOCK})")


def _sqlite_engine(url: str) -> Engine:
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        # Let SQLAlchemy, not the driver, decide when transactions begin.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT * 1000}")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):
        # A writer takes the write lock at once: a deferred transaction that
        # upgrades later can fail with "database is locked" instead of waiting.
        immediate = connection.get_execution_options().get("write", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


@contextmanager
def reading(url: str | None = None) -> Iterator[Session]:
    """A session for reading a consistent snapshot of the registry.

    On PostgreSQL the transaction is REPEATABLE READ and read-only: every query
    sees the registry as it was at the first, however many writers commit
    meanwhile (READ COMMITTED, the default, would let a site build read two
    states). SQLite's transactions see one snapshot already.
    """
    engine = get_engine(url)
    if not is_sqlite(engine):
        engine = engine.execution_options(isolation_level="REPEATABLE READ", postgresql_readonly=True)
    _refuse_missing_file(engine)
    with _translated_errors(engine), Session(engine) as session:
        require_schema(session)
        yield session


@contextmanager
def writing(url: str | None = None, *, commit: bool = True) -> Iterator[Session]:
    """A session whose writes are committed together, or not at all.

    With commit=False (a dry run) everything is checked and then rolled back.
    """
    engine = get_engine(url).execution_options(write=True)
    _refuse_missing_file(engine)
    # Rows stay readable after the commit, for the command's own output.
    with _translated_errors(engine), Session(engine, expire_on_commit=False) as session:
        require_schema(session)
        if is_sqlite(engine):
            _refuse_damage(session)
        yield session
        if commit:
            session.commit()
        else:
            session.rollback()


def _refuse_missing_file(engine: Engine) -> None:
    """Opening a missing SQLite file would create an empty one: say so instead."""
    path = engine.url.database if is_sqlite(engine) else None
    if path and path != ":memory:" and not path.startswith("file:") and not Path(path).exists():
        raise location.no_registry(engine.url.render_as_string(hide_password=True))


@contextmanager
def _translated_errors(engine: Engine) -> Iterator[None]:
    try:
        yield
    except (OperationalError, DatabaseError) as error:
        if isinstance(error, IntegrityError | DataError):  # the rules' business, not the file's
            raise
        message = str(error.orig) if error.orig else str(error)
        raise location.translated(engine.url.render_as_string(hide_password=True), message) from None
    except sqlite3.DatabaseError as error:  # raised through a plain reader on the session's connection
        raise location.translated(engine.url.render_as_string(hide_password=True), str(error)) from None


def flush(session: Session, what: str, *, where: str | None = None,
          hint: str = "nothing was changed; check the values against 'registry check'") -> None:
    """Write what `session` holds. A constraint of the database that the rules did not
    foresee is told as a refusal of `what` (the command's transaction is then rolled back
    whole), not as a crash."""
    try:
        session.flush()
    except (IntegrityError, DataError) as error:
        detail = str(error.orig).strip().splitlines()[0] if error.orig else type(error).__name__
        raise RegistryError(f"the database refused {what}: {detail}", where=where, hint=hint) from None


def _refuse_damage(session: Session) -> None:
    """Never write into a damaged SQLite file: a write could spread the damage."""
    result = session.connection().exec_driver_sql("PRAGMA quick_check(1)").scalar()
    if result != "ok":
        raise location.translated(session.get_bind().engine.url.render_as_string(hide_password=True),
                                  f"database disk image is malformed: {result}")


def require_schema(session: Session) -> None:
    """Refuse to work on a database that `registry init` has not set up."""
    if session.info.get("schema_checked"):
        return
    url = session.get_bind().engine.url.render_as_string(hide_password=True)
    location.require_schema(url, schema_revision(session.connection()))
    session.info["schema_checked"] = True


# -- migrations ---------------------------------------------------------------


def alembic_config(url: str | None = None):
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", (url or database_url()).replace("%", "%%"))
    return config


def head_revision() -> str:
    """The newest schema revision. A constant, so that commands need not load
    Alembic to check the schema; tests/test_migrations.py keeps it true."""
    return HEAD_REVISION


def schema_revision(connection) -> str | None:
    if not inspect(connection).has_table("alembic_version"):
        return None
    return connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()


def upgrade(url: str | None = None) -> tuple[str | None, str]:
    """Bring the schema to the newest revision; returns (before, after)."""
    from alembic import command

    engine = get_engine(url)
    with _translated_errors(engine):
        with engine.connect() as connection:
            before = schema_revision(connection)
        if before is not None and before not in location.REVISIONS:
            raise location.newer_schema(before)
        config = alembic_config(str(engine.url.render_as_string(hide_password=False)))
        if is_sqlite(engine):
            # Readers never wait for the writer. The mode is kept in the file, so it is set
            # here once, not by every connection (which would fail on a read-only copy).
            raw = engine.raw_connection()  # outside a transaction, where SQLite allows the change
            try:
                raw.cursor().execute("PRAGMA journal_mode = WAL")
            finally:
                raw.close()
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    return before, head_revision()
