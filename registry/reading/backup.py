"""Consistent backups while others may be writing.

On SQLite the copy is made with SQLite's online backup API in a single step,
which reads one consistent snapshot even while writers are busy (copying the
file itself could catch a half-written page). Other databases are backed up
as the canonical export document, which `registry restore` loads.
"""

import sqlite3
from pathlib import Path

from sqlmodel import Session

from registry.reading import export
from registry.rules.errors import RegistryError
from registry.storage import db, files


def backup(session: Session, target: Path) -> str:
    """Write a copy of the registry to `target`, whole or not at all; returns the form written."""
    engine = session.get_bind().engine
    if db.is_sqlite(engine):
        source = engine.url.database
        if not source or source == ":memory:":
            raise RegistryError("an in-memory registry cannot be backed up")
        files.write_new(target, lambda path: _sqlite_backup(Path(source), path))
        return "sqlite"
    text = export.export(session)
    files.write_new(target, lambda path: path.write_text(text, encoding="utf-8"))
    return "export"


def _sqlite_backup(source: Path, target: Path) -> None:
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=db.BUSY_TIMEOUT)
    dst = sqlite3.connect(target)
    try:
        with dst:
            src.backup(dst)
        dst.execute("PRAGMA journal_mode = DELETE")
    finally:
        dst.close()
        src.close()
