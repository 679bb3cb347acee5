"""Alembic's entry point: runs the registry's migrations on one connection."""

from alembic import context
from sqlmodel import SQLModel

import registry.storage.models  # noqa: F401  (registers the tables on SQLModel.metadata)

config = context.config


def render_item(type_, obj, autogen_context):
    """Write SQLModel's own column types as plain SQLAlchemy ones in new migrations."""
    if type_ == "type" and type(obj).__name__ == "AutoString":
        return "sa.String()"
    if type_ == "type" and type(obj).__name__ == "UTCDateTime":
        return "sa.DateTime(timezone=True)"
    return False


def run_migrations(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=SQLModel.metadata,
        render_as_batch=True,  # SQLite can alter tables only by copying them
        render_item=render_item,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    run_migrations(connection)
else:
    from registry.storage.db import get_engine

    with get_engine(config.get_main_option("sqlalchemy.url")).begin() as new_connection:
        run_migrations(new_connection)
