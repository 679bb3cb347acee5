"""The plain reading path (rows.py): the same answers and refusals as the ORM's, without the ORM."""

import json
import sqlite3
import subprocess
import sys

import pytest

from registry.rules.errors import RegistryError
from registry.storage import db, rows


@pytest.mark.sqlite_only
def test_registry_status_loads_neither_the_orm_nor_pydantic(seeded, registry_url):
    # Why `registry status` answers quickly on a large registry: on SQLite it
    # reads through sqlite3 alone. Loading SQLAlchemy again, or Pydantic (which
    # Typer 0.29 loads to coerce options), would undo that.
    script = ("import sys; from registry import cli\n"
              "sys.argv = ['registry', 'status', '--json']\n"
              "try:\n    cli.main()\nexcept SystemExit:\n    pass\n"
              "print(sorted(m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'sqlmodel', 'pydantic')))")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    *listing, loaded = done.stdout.strip().splitlines()
    assert len(json.loads("\n".join(listing))) == 48
    assert loaded == "[]"


@pytest.mark.sqlite_only
def test_a_missing_or_uninitialised_file_is_refused_as_the_orm_refuses_it(tmp_path):
    missing = f"sqlite:///{tmp_path / 'nowhere.db'}"
    empty = tmp_path / "empty.db"
    sqlite3.connect(empty).close()
    for url in (missing, f"sqlite:///{empty}"):
        with pytest.raises(RegistryError) as plain:
            with rows.reading(url):
                pass
        with pytest.raises(RegistryError) as orm:
            with db.reading(url):
                pass
        assert str(plain.value) == str(orm.value)
        assert "no registry at" in str(plain.value) and "registry init" in plain.value.hint
    assert not (tmp_path / "nowhere.db").exists()


@pytest.mark.sqlite_only
def test_an_outdated_schema_is_refused(fresh_db, registry_url, tmp_path, monkeypatch):
    from registry.storage import location

    monkeypatch.setattr(location, "REVISIONS", location.REVISIONS | {"0000"})  # as if an older one existed
    connection = sqlite3.connect(tmp_path / "registry.db")
    with connection:
        connection.execute("UPDATE alembic_version SET version_num = '0000'")
    connection.close()
    with pytest.raises(RegistryError, match="revision 0000, not the newest"):
        with rows.reading(registry_url):
            pass
    result = fresh_db("status")
    assert result.exit_code == 1 and "registry init" in result.stderr


def test_the_plain_reader_never_writes(seeded, registry_url):
    with rows.reading(registry_url) as reader:
        if reader.sqlite:
            with pytest.raises(sqlite3.OperationalError, match="readonly|read-only|query_only"):
                reader.cursor("DELETE FROM action")
        assert reader.value("SELECT COUNT(*) FROM action") > 48
