"""Schema migrations on both backends: from empty to newest, models in step, up and down."""

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from conftest import export
from sqlmodel import SQLModel

from registry.storage import db


def revisions() -> list[str]:
    script = ScriptDirectory.from_config(db.alembic_config())
    return [r.revision for r in reversed(list(script.walk_revisions()))]


def schema_differences(url: str) -> list:
    with db.get_engine(url).connect() as connection:
        return compare_metadata(MigrationContext.configure(connection), SQLModel.metadata)


def test_one_head_and_the_registry_knows_it():
    script = ScriptDirectory.from_config(db.alembic_config())
    assert script.get_heads() == [db.HEAD_REVISION]


def test_upgrade_from_empty_matches_the_models(registry_url):
    before, after = db.upgrade(registry_url)
    assert before is None and after == revisions()[-1]
    assert schema_differences(registry_url) == []


def test_every_revision_goes_down_and_up_again(registry_url):
    config = db.alembic_config(registry_url)
    steps = revisions()
    for revision in steps:
        command.upgrade(config, revision)
    for _ in reversed(steps):
        command.downgrade(config, "-1")
    with db.get_engine(registry_url).connect() as connection:
        assert db.schema_revision(connection) is None
    command.upgrade(config, "head")
    assert schema_differences(registry_url) == []


def test_init_on_a_registry_with_data_keeps_every_row(seeded):
    # 0001 is the only revision so far. A new revision comes with a test that
    # creates a registry at the revision before it, fills it, upgrades it and
    # checks every row (see "Schema changes" in docs/architecture.md).
    before = export(seeded)
    assert "up to date" in seeded("init").stdout
    assert export(seeded) == before


def test_a_registry_with_an_old_schema_asks_for_init(fresh_db, registry_url, monkeypatch):
    from sqlalchemy import text

    from registry.storage import location

    # An older revision this software knows (there is one revision so far: pretend another).
    monkeypatch.setattr(location, "REVISIONS", location.REVISIONS | {"old"})
    with db.get_engine(registry_url).begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = 'old'"))
    result = fresh_db("status")
    assert result.exit_code == 1 and "registry init" in result.stderr
