"""Restore: a document written by `registry export` loaded into an empty registry.

Every row goes through the models' validation and the registry's checks in
one transaction; a refused document leaves the registry as it was.
"""

import json
from typing import TYPE_CHECKING, Any

from registry.reading.export import FORMAT, FORMAT_VERSION, LATER_LISTS, TABLES
from registry.rules import entries, fields
from registry.rules.errors import RegistryError, ValidationErrors
from registry.storage import rows

if TYPE_CHECKING:
    from sqlmodel import Session, SQLModel

#: The largest document restore reads: many times the export of the largest registry.
MAX_BYTES = 256 * 2**20


def parse(raw: str, *, source: str = "document") -> dict[str, Any]:
    try:
        doc = json.loads(raw)
    except json.JSONDecodeError as error:
        raise RegistryError(
            f"is not JSON: {error.msg}", where=f"{source}, line {error.lineno} column {error.colno}",
            hint="give a file written by 'registry export'",
        ) from None
    except (RecursionError, ValueError) as error:  # nested too deep; a number too long to read
        raise RegistryError(f"cannot be read as an export ({type(error).__name__})", where=source,
                            hint="give a file written by 'registry export'") from None
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
    from registry.storage import models as m

    return {"instruments": m.Instrument, "meetings": m.Meeting, "targets": m.Target, "indicators": m.Indicator,
            "actions": m.Action, "attendance": m.Attendance, "decisions": m.Decision, "documents": m.Document,
            "reports": m.Report, "commitments": m.Commitment, "indicator_values": m.IndicatorValue,
            "country_names": m.CountryName, "releases": m.Release, "changes": m.Change}


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
    from registry.reading import check
    from registry.storage.models import Alliance
    from registry.storage.rows import Reader

    loaded = _validated_rows(doc, source)
    existing = session.get(Alliance, 1)
    if existing is not None:
        session.delete(existing)
        _flush(session, source, "settings")
    if loaded["alliance"]:
        settings = loaded["alliance"][0]
        founding, settings.founding_instrument = settings.founding_instrument, None  # type: ignore[attr-defined]
        session.add(settings)
        _flush(session, source, "alliance")
    for name in TABLES:
        session.add_all(loaded[name])
        _flush(session, source, name)
    if loaded["alliance"]:
        settings.founding_instrument = founding
        session.add(settings)
        _flush(session, source, "alliance")
    problems = check.problems(Reader.of(session))
    if problems:
        raise ValidationErrors(
            [RegistryError(p.message, where=f"{source}, {p.where}") for p in problems], what=source
        )
    _reset_sequences(session)
    return {name: len(loaded[name]) for name in TABLES}



def _flush(session: "Session", source: str, name: str) -> None:
    """A constraint the checks above did not foresee is the document's fault."""
    from registry.storage import db

    db.flush(session, f"the list {name!r}", where=source,
             hint="give a file written by 'registry export'; nothing was restored")


def _validated_rows(doc: dict[str, Any], source: str) -> dict[str, list["SQLModel"]]:
    from pydantic import ValidationError

    from registry.storage.models import Alliance

    errors: list[RegistryError] = []
    loaded: dict[str, list[SQLModel]] = {}
    listed: list[tuple[str, type[SQLModel], Any]] = [
        ("alliance", Alliance, [doc["alliance"]] if doc.get("alliance") else [])]
    listed += [(name, model, doc.get(name, [] if name in LATER_LISTS else None)) for name, model in models().items()]
    for name, model, items in listed:
        loaded[name] = []
        if not isinstance(items, list):
            errors.append(RegistryError(f"the list {name!r} is missing", where=source))
            continue
        for index, item in enumerate(items):
            where = f"{source}, {name}[{index}]"
            if not isinstance(item, dict):
                errors.append(RegistryError("is not an object of fields", where=where))
                continue
            unknown = sorted(set(item) - set(model.model_fields))
            if unknown:
                errors.append(RegistryError(f"unknown field{'s' if len(unknown) > 1 else ''} "
                                            + ", ".join(fields.shown(f) for f in unknown), where=where))
                continue
            values, found = entries.cleaned(str(model.__tablename__), item, where)
            if found:
                errors += found
                continue
            try:
                loaded[name].append(model.model_validate(values))
            except ValidationError as error:
                for detail in error.errors():
                    field = ".".join(str(p) for p in detail["loc"])
                    errors.append(RegistryError(detail["msg"], where=f"{where}, {field}"))
    if not errors:
        errors = _refused_links(loaded, source)
    if errors:
        raise ValidationErrors(errors, what=source)
    return loaded


#: What must be unique in each list, and what each list refers to in another.
UNIQUE: dict[str, list[tuple[str, ...]]] = {
    "alliance": [("id",)], "instruments": [("id",), ("slug",)], "meetings": [("id",), ("slug",), ("number",)],
    "actions": [("id",)], "attendance": [("id",), ("meeting", "country")],
    "reports": [("id",), ("country", "cycle")], "changes": [("id",)],
    "targets": [("id",), ("slug",)], "indicators": [("id",), ("slug",)], "decisions": [("id",), ("meeting", "number")],
    "documents": [("id",)], "commitments": [("id",)], "indicator_values": [("id",), ("indicator", "year")],
    "country_names": [("id",), ("country",)], "releases": [("id",), ("number",)],
}
REFERS = [("alliance", "founding_instrument", "instruments", "slug"), ("actions", "instrument", "instruments", "slug"),
          ("actions", "meeting", "meetings", "slug"), ("attendance", "meeting", "meetings", "slug"),
          ("targets", "instrument", "instruments", "slug"), ("indicators", "target", "targets", "slug"),
          ("decisions", "meeting", "meetings", "slug"), ("decisions", "instrument", "instruments", "slug"),
          ("documents", "meeting", "meetings", "slug"), ("commitments", "target", "targets", "slug"),
          ("indicator_values", "indicator", "indicators", "slug")]


def _refused_links(loaded: dict[str, list["SQLModel"]], source: str) -> list[RegistryError]:
    """Duplicates and references to entries the document does not hold, found before anything is written."""
    errors = []
    for name, keys in UNIQUE.items():
        for key in keys:
            seen: set[tuple[Any, ...]] = set()
            for index, row in enumerate(loaded[name]):
                value = tuple(getattr(row, column) for column in key)
                if None in value:
                    continue
                if value in seen:
                    errors.append(RegistryError(f"{'/'.join(key)} {'/'.join(map(str, value))} appears twice",
                                                where=f"{source}, {name}[{index}]"))
                seen.add(value)
    for name, column, target, target_key in REFERS:
        known = {getattr(row, target_key) for row in loaded[target]}
        for index, row in enumerate(loaded[name]):
            value = getattr(row, column)
            if value is not None and value not in known:
                errors.append(RegistryError(f"{column} {value!r} names no entry in {target}",
                                            where=f"{source}, {name}[{index}]"))
    return errors



def _reset_sequences(session: "Session") -> None:
    """After rows are inserted with their ids, new rows must not reuse them."""
    from sqlalchemy import text

    if session.get_bind().dialect.name != "postgresql":
        return
    for table, _ in TABLES.values():
        session.connection().execute(text(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
            f"COALESCE((SELECT MAX(id) FROM {table}), 0) + 1, false)"
        ))
