"""The registry as one canonical JSON document: export and restore.

The document holds every table, rows in a stable order, keys sorted, dates
in ISO 8601. Exporting, restoring into an empty registry and exporting again
gives the same bytes, so a registry can be kept in git, reviewed as a diff
and moved between databases.
"""

import json
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from registry import rows
from registry.errors import RegistryError, ValidationErrors

if TYPE_CHECKING:
    from sqlmodel import Session, SQLModel

FORMAT = "alliance-registry"
FORMAT_VERSION = 1

#: The document's lists: the table each comes from and the columns its rows
#: are ordered by. Restored in this order, so that every row's references
#: exist before it.
TABLES: dict[str, tuple[str, tuple[str, ...]]] = {
    "instruments": ("instrument", ("slug",)),
    "meetings": ("meeting", ("starts", "slug")),
    "actions": ("action", ("instrument", "country", "date", "id")),
    "attendance": ("attendance", ("meeting", "country")),
    "reports": ("report", ("cycle", "country")),
    "changes": ("change", ("id",)),
}


def document(source: "Session | rows.Reader") -> dict[str, Any]:
    """The whole registry as plain data, from a session or a plain reader.

    Read as plain rows (rows.py): building ORM objects for tens of thousands
    of actions would cost most of an export.
    """
    reader = source if isinstance(source, rows.Reader) else rows.Reader.of(source)
    settings = reader.table("alliance")
    doc: dict[str, Any] = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "schema_revision": rows.HEAD_REVISION,
        "alliance": settings[0] if settings else None,
    }
    for name, (table, order) in TABLES.items():
        doc[name] = ordered(reader.table(table), order)
    return doc


def ordered(found: list[dict[str, Any]], order: tuple[str, ...]) -> list[dict[str, Any]]:
    """Rows in the document's order for their list. Sorted here, not by the database, whose
    collation may differ between backends."""
    if all(None not in map(itemgetter(column), found) for column in order):
        return sorted(found, key=itemgetter(*order))  # no nulls: the same order, by C-level keys
    return sorted(found, key=lambda row: tuple(_sortable(row[c]) for c in order))


def _sortable(value: Any) -> tuple[int, Any]:
    return (0, "") if value is None else (1, value)


def dumps(doc: dict[str, Any]) -> str:
    return json.dumps(doc, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def export(session: "Session") -> str:
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


def models() -> dict[str, type["SQLModel"]]:
    """The model of each list in the document."""
    from registry.models import Action, Attendance, Change, Instrument, Meeting, Report

    return {"instruments": Instrument, "meetings": Meeting, "actions": Action,
            "attendance": Attendance, "reports": Report, "changes": Change}


def is_empty(session: "Session") -> bool:
    reader = rows.Reader.of(session)
    return not any(reader.value(f'SELECT COUNT(*) FROM "{table}"') for table, _ in TABLES.values())


def restore(session: "Session", doc: dict[str, Any], *, source: str = "document") -> dict[str, int]:
    """Load a document into an empty registry; returns the row count per list."""
    if not is_empty(session):
        raise RegistryError(
            "the registry is not empty; restore loads a document only into an empty one",
            hint="create a new registry (set REGISTRY_DATABASE_URL to a new file) and run 'registry init' there",
        )
    from registry import check
    from registry.models import Alliance

    loaded = _validated_rows(doc, source)
    existing = session.get(Alliance, 1)
    if existing is not None:
        session.delete(existing)
        session.flush()
    if loaded["alliance"]:
        settings = loaded["alliance"][0]
        founding, settings.founding_instrument = settings.founding_instrument, None
        session.add(settings)
        session.flush()
    for name in TABLES:
        session.add_all(loaded[name])
        session.flush()
    if loaded["alliance"]:
        settings.founding_instrument = founding
        session.add(settings)
        session.flush()
    problems = check.problems(session)
    if problems:
        raise ValidationErrors(
            [RegistryError(p.message, where=f"{source}, {p.where}") for p in problems], what=source
        )
    _reset_sequences(session)
    return {name: len(loaded[name]) for name in TABLES}


def _validated_rows(doc: dict[str, Any], source: str) -> dict[str, list["SQLModel"]]:
    from pydantic import ValidationError

    from registry.models import Alliance

    errors: list[RegistryError] = []
    loaded: dict[str, list[SQLModel]] = {}
    listed = [("alliance", Alliance, [doc["alliance"]] if doc.get("alliance") else [])]
    listed += [(name, model, doc.get(name)) for name, model in models().items()]
    for name, model, items in listed:
        loaded[name] = []
        if not isinstance(items, list):
            errors.append(RegistryError(f"the list {name!r} is missing", where=source))
            continue
        for index, item in enumerate(items):
            try:
                loaded[name].append(model.model_validate(item))
            except ValidationError as error:
                for detail in error.errors():
                    field = ".".join(str(p) for p in detail["loc"])
                    errors.append(RegistryError(
                        detail["msg"], where=f"{source}, {name}[{index}].{field}"))
    if errors:
        raise ValidationErrors(errors, what=source)
    return loaded


def _reset_sequences(session: "Session") -> None:
    """After rows are inserted with their ids, new rows must not reuse them."""
    from sqlalchemy import text

    if session.get_bind().dialect.name != "postgresql":
        return
    for table, _ in TABLES.values():
        session.exec(text(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
            f"COALESCE((SELECT MAX(id) FROM {table}), 0) + 1, false)"
        ))
