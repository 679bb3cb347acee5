"""Plain reading: the registry's rows through the database driver alone.

Most work on a registry is reading: `registry status`, `registry export` and
every site build read thousands of rows and write none. For them the ORM
costs more than the work itself: importing SQLAlchemy and SQLModel takes
about half a second, and building one object per row most of an export. A
Reader runs SQL on the driver's own connection instead.

`reading()` opens a Reader straight on a SQLite file (only the standard
library's sqlite3 is loaded) and, for any other database, on the connection
of an ORM session from db.reading(). `Reader.of(session)` gives the same to
code that already holds a session, so the commands that write and those that
only read run the very same queries.
"""

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, timezone
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from registry.storage.location import (
    BUSY_TIMEOUT,
    cannot_open,
    database_url,
    no_registry,
    require_schema,
    sqlite_path,
    translated,
)


class Row(SimpleNamespace):
    """One row as plain attributes, with dates as dates: what the ORM's objects give readers,
    without the ORM, and safe to keep (pickle) between builds."""


class Reader:
    """SQL on a driver connection; `?` marks a parameter on every backend."""

    def __init__(self, connection: Any, paramstyle: str = "qmark", *, read_only: bool = False):
        self.connection = connection
        self.sqlite = isinstance(connection, sqlite3.Connection)
        self._percent = paramstyle in ("format", "pyformat")
        # In a read-only transaction a table reads the same every time: read it once.
        self._tables: dict[tuple[str, str, tuple], list[dict[str, Any]]] | None = {} if read_only else None

    @classmethod
    def of(cls, session: Any, *, read_only: bool = False) -> "Reader":
        """A reader on an ORM session's connection, inside the session's transaction."""
        connection = session.connection()
        return cls(connection.connection.driver_connection, connection.dialect.paramstyle, read_only=read_only)

    def rows(self, sql: str, params: tuple = ()) -> list[tuple]:
        return self.cursor(sql, params).fetchall()

    def value(self, sql: str, params: tuple = ()) -> Any:
        found = self.cursor(sql, params).fetchone()
        return found[0] if found else None

    def cursor(self, sql: str, params: tuple = ()) -> Any:
        cursor = self.connection.cursor()
        cursor.execute(sql.replace("?", "%s") if self._percent else sql, params)
        return cursor

    def table(self, name: str, where: str = "", params: tuple = ()) -> list[dict[str, Any]]:
        """A table's rows as dicts of JSON-ready values (ISO dates, as `registry export` writes them).

        Callers must not change the rows: in a read-only transaction they are shared.
        """
        if self._tables is None:
            return self._table(name, where, params)
        key = (name, where, params)
        if key not in self._tables:
            self._tables[key] = self._table(name, where, params)
        return self._tables[key]

    def _table(self, name: str, where: str, params: tuple) -> list[dict[str, Any]]:
        cursor = self.cursor(f'SELECT * FROM "{name}"{" WHERE " + where if where else ""}', params)
        names = [column[0] for column in cursor.description]
        moments = [c for c, kind in self._typed_columns(name) if kind == "datetime"] if self.sqlite else ()
        found = []
        for row in cursor.fetchall():
            item = dict(zip(names, row, strict=True))
            if self.sqlite:
                for column in moments:
                    if item[column] is not None:
                        item[column] = json_value(moment(item[column]))
            else:
                for column, value in item.items():
                    if isinstance(value, (date, datetime)):
                        item[column] = json_value(value)
            found.append(item)
        return found

    def records(self, name: str, where: str = "", params: tuple = ()) -> list[Row]:
        """A table's rows as Rows, dates and times as Python values (as the models give them)."""
        cursor = self.cursor(f'SELECT * FROM "{name}"{" WHERE " + where if where else ""}', params)
        names = [column[0] for column in cursor.description]
        found = [Row(**dict(zip(names, row, strict=True))) for row in cursor.fetchall()]
        if self.sqlite:
            for column, kind in self._typed_columns(name):
                convert = day if kind == "date" else moment
                for row in found:
                    value = getattr(row, column)
                    if value is not None:
                        setattr(row, column, convert(value))
        return found

    def columns(self, name: str) -> list[tuple[str, str, bool]]:
        """A table's columns as (name, kind, nullable), kind one of text, integer, number, date and datetime."""
        if self.sqlite:
            found = [(c[1], c[2].upper(), not c[3] and not c[5]) for c in self.rows(f'PRAGMA table_info("{name}")')]
        else:
            found = [(c[0], c[1].upper(), c[2] == "YES") for c in self.rows(
                "SELECT column_name, data_type, is_nullable FROM information_schema.columns "
                "WHERE table_name = ? AND table_schema = current_schema() ORDER BY ordinal_position", (name,))]
        return [(column, _kind(declared), nullable) for column, declared, nullable in found]

    def _typed_columns(self, name: str) -> list[tuple[str, str]]:
        # SQLite keeps a date or a timestamp as text ("2026-11-01 09:30:00.000000",
        # UTC); the declared column type says which columns hold one.
        return [(column, kind) for column, kind, _ in self.columns(name) if kind in ("date", "datetime")]


def _kind(declared: str) -> str:
    if declared.startswith(("DATETIME", "TIMESTAMP")):
        return "datetime"
    if declared == "DATE":
        return "date"
    if "INT" in declared:
        return "integer"
    if declared.startswith(("FLOAT", "REAL", "DOUBLE", "NUMERIC")):
        return "number"
    return "text"


def as_json(row: Row) -> dict[str, Any]:
    """A Row as `registry export` writes it (and as the models serialise it): dates in ISO 8601."""
    return {name: json_value(value) for name, value in vars(row).items()}


def marks(values) -> str:
    """The parameter marks for an IN (...) list of `values`."""
    return ", ".join("?" * len(values))


def json_value(value: Any) -> Any:
    """A value as `registry export` writes it: dates and times in ISO 8601."""
    if isinstance(value, datetime):
        return value.isoformat().replace("+00:00", "Z")  # the form Pydantic writes for UTC
    if isinstance(value, date):
        return value.isoformat()
    return value


def day(value: str | date) -> date:
    """A DATE column's value as a date (SQLite returns the ISO text)."""
    return value if isinstance(value, date) else date.fromisoformat(value)


def moment(value: str | datetime | None) -> datetime | None:
    """A DATETIME column's value as a UTC datetime (SQLite returns the text), as the models give it."""
    if isinstance(value, str):
        return datetime.fromisoformat(value).replace(tzinfo=timezone.utc)
    return value


@contextmanager
def reading(url: str | None = None) -> Iterator[Reader]:
    """A Reader on one consistent snapshot of the registry at `url` (REGISTRY_DATABASE_URL)."""
    url = url or database_url()
    path = sqlite_path(url)
    if path is None:
        from registry.storage import db

        with db.reading(url) as session:
            yield Reader.of(session, read_only=True)
        return
    if not Path(path).exists():
        raise no_registry(url)
    try:
        connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT, isolation_level=None)
    except sqlite3.Error as error:
        raise cannot_open(url, str(error)) from None
    try:
        connection.execute("PRAGMA query_only = ON")
        connection.execute("BEGIN")  # every query below sees the same snapshot
        reader = Reader(connection, read_only=True)
        require_schema(url, revision(reader))
        yield reader
    except sqlite3.DatabaseError as error:  # a damaged file, a busy or read-only registry
        raise translated(url, str(error)) from None
    finally:
        connection.close()


def revision(reader: Reader) -> str | None:
    """The schema revision, or None when `registry init` has not set the database up."""
    if reader.sqlite and not reader.value(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"):
        return None
    return reader.value("SELECT version_num FROM alembic_version")


