"""The registry as one canonical JSON document: export and restore.

The document holds every table, rows in a stable order, keys sorted, dates
in ISO 8601. Exporting, restoring into an empty registry and exporting again
gives the same bytes, so a registry can be kept in git, reviewed as a diff
and moved between databases.
"""

import json
from datetime import date, datetime
from typing import Any

from pydantic import ValidationError
from sqlalchemy import func, text
from sqlmodel import Session, SQLModel, select

from registry import check, db
from registry.errors import RegistryError, ValidationErrors
from registry.models import Action, Alliance, Attendance, Change, Instrument, Meeting, Report

FORMAT = "alliance-registry"
FORMAT_VERSION = 1

#: The document's lists: table, the order rows are written in. Restored in
#: this order, so that every row's references exist before it.
TABLES: dict[str, tuple[type[SQLModel], tuple[str, ...]]] = {
    "instruments": (Instrument, ("slug",)),
    "meetings": (Meeting, ("starts", "slug")),
    "actions": (Action, ("instrument", "country", "date", "id")),
    "attendance": (Attendance, ("meeting", "country")),
    "reports": (Report, ("cycle", "country")),
    "changes": (Change, ("id",)),
}


def document(session: Session) -> dict[str, Any]:
    """The whole registry as plain data."""
    settings = _rows(session, Alliance)
    doc: dict[str, Any] = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "schema_revision": db.head_revision(),
        "alliance": settings[0] if settings else None,
    }
    for name, (model, order) in TABLES.items():
        # Sorted here, not by the database, whose collation may differ between backends.
        doc[name] = sorted(_rows(session, model), key=lambda row: tuple(_sortable(row[c]) for c in order))
    return doc


def _rows(session: Session, model: type[SQLModel]) -> list[dict[str, Any]]:
    """A table's rows as JSON-ready dicts, as row.model_dump(mode="json") gives them.

    Read as plain column tuples: building ORM objects for tens of thousands of
    actions would cost most of an export.
    """
    columns = list(model.__table__.columns)
    names = [column.name for column in columns]
    return [dict(zip(names, map(_json_value, row), strict=True)) for row in session.exec(select(*columns))]


def _json_value(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat().replace("+00:00", "Z")  # the form Pydantic writes for UTC
    if isinstance(value, date):
        return value.isoformat()
    return value


def _sortable(value: Any) -> tuple[int, Any]:
    return (0, "") if value is None else (1, value)


def dumps(doc: dict[str, Any]) -> str:
    return json.dumps(doc, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def export(session: Session) -> str:
    return dumps(document(session))


def parse(raw: str, *, source: str = "document") -> dict[str, Any]:
    try:
        doc = json.loads(raw)
    except json.JSONDecodeError as error:
        raise RegistryError(
            f"is not JSON: {error.msg}", where=f"{source}, line {error.lineno} column {error.colno}",
            hint="give a file written by 'registry export'",
        ) from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise RegistryError(f"is not a registry export (no \"format\": \"{FORMAT}\")", where=source,
                            hint="give a file written by 'registry export'")
    if doc.get("format_version") != FORMAT_VERSION:
        raise RegistryError(
            f"has format version {doc.get('format_version')!r}; this registry reads version {FORMAT_VERSION}",
            where=source, hint="export it again with this version of the registry",
        )
    return doc


def is_empty(session: Session) -> bool:
    for model, _ in TABLES.values():
        if session.exec(select(func.count()).select_from(model)).one():
            return False
    return True


def restore(session: Session, doc: dict[str, Any], *, source: str = "document") -> dict[str, int]:
    """Load a document into an empty registry; returns the row count per list."""
    if not is_empty(session):
        raise RegistryError(
            "the registry is not empty; restore loads a document only into an empty one",
            hint="create a new registry (set REGISTRY_DATABASE_URL to a new file) and run 'registry init' there",
        )
    rows = _validated_rows(doc, source)
    existing = session.get(Alliance, 1)
    if existing is not None:
        session.delete(existing)
        session.flush()
    if rows["alliance"]:
        settings = rows["alliance"][0]
        founding, settings.founding_instrument = settings.founding_instrument, None
        session.add(settings)
        session.flush()
    for name in TABLES:
        session.add_all(rows[name])
        session.flush()
    if rows["alliance"]:
        settings.founding_instrument = founding
        session.add(settings)
        session.flush()
    problems = check.problems(session)
    if problems:
        raise ValidationErrors(
            [RegistryError(p.message, where=f"{source}, {p.where}") for p in problems], what=source
        )
    _reset_sequences(session)
    return {name: len(rows[name]) for name in TABLES}


def _validated_rows(doc: dict[str, Any], source: str) -> dict[str, list[SQLModel]]:
    errors: list[RegistryError] = []
    rows: dict[str, list[SQLModel]] = {}
    listed = [("alliance", Alliance, [doc["alliance"]] if doc.get("alliance") else [])]
    listed += [(name, model, doc.get(name)) for name, (model, _) in TABLES.items()]
    for name, model, items in listed:
        rows[name] = []
        if not isinstance(items, list):
            errors.append(RegistryError(f"the list {name!r} is missing", where=source))
            continue
        for index, item in enumerate(items):
            try:
                rows[name].append(model.model_validate(item))
            except ValidationError as error:
                for detail in error.errors():
                    field = ".".join(str(p) for p in detail["loc"])
                    errors.append(RegistryError(
                        detail["msg"], where=f"{source}, {name}[{index}].{field}"))
    if errors:
        raise ValidationErrors(errors, what=source)
    return rows


def _reset_sequences(session: Session) -> None:
    """After rows are inserted with their ids, new rows must not reuse them."""
    if session.get_bind().dialect.name != "postgresql":
        return
    for model, _ in TABLES.values():
        table = model.__tablename__
        session.exec(text(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
            f"COALESCE((SELECT MAX(id) FROM {table}), 0) + 1, false)"
        ))
