"""Bulk import of accessions from a spreadsheet's CSV export.

Every row goes through the same rules as `registry join`. Rows are tried one
by one inside the command's transaction, each in a savepoint, so that every
bad row is found in one pass; if any row is bad, or on a dry run, the whole
transaction is rolled back and nothing is written.
"""

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlmodel import Session

from registry.rules import fields
from registry.rules.errors import RegistryError, ValidationErrors
from registry.storage.models import Action
from registry.writing import changelog, given, participation

REQUIRED = ("country", "joined")
OPTIONAL = ("instrument", "source", "note", "kind", "evidence")
#: The largest file an import reads: far more accessions than there are countries.
MAX_BYTES = 64 * 2**20


@dataclass(frozen=True)
class Row:
    line: int
    values: dict[str, str]


def read_rows(path: Path) -> list[Row]:
    """The file's data rows, or a RegistryError saying what is wrong with the file."""
    raw = given.read(path, limit=MAX_BYTES, what="a CSV file")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise RegistryError(
            f"{path} is not UTF-8 text (byte 0x{raw[error.start]:02x} at position {error.start})",
            hint="save the spreadsheet as 'CSV UTF-8' and try again",
        ) from None
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader, None)
        if not header:
            raise RegistryError(f"{path} is empty", hint="the first row must name the columns")
        columns = _columns(header, path)
        rows = []
        for cells in reader:
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) != len(columns):
                raise RegistryError(
                    f"has {len(cells)} cells but the header names {len(columns)} columns",
                    where=f"{path.name}, row {reader.line_num}",
                    hint="check for a missing or extra comma, or an unquoted comma in a cell",
                )
            rows.append(Row(reader.line_num, dict(zip(columns, (c.strip() for c in cells), strict=True))))
    except csv.Error as error:
        raise RegistryError(
            f"is not valid CSV: {error}",
            where=f"{path.name}, row {reader.line_num}",
            hint="check the quotes: a quoted cell must end with a closing quote",
        ) from None
    return rows


def _columns(header: list[str], path: Path) -> list[str]:
    columns = [h.strip().lower() for h in header]
    unknown = [c for c in columns if c not in REQUIRED + OPTIONAL]
    missing = [c for c in REQUIRED if c not in columns]
    if missing or unknown:
        problem = []
        if missing:
            problem.append(f"missing column{'s' if len(missing) > 1 else ''} {', '.join(missing)}")
        if unknown:
            listed = ", ".join(fields.shown(c) for c in unknown)
            problem.append(f"unknown column{'s' if len(unknown) > 1 else ''} {listed}")
        raise RegistryError(
            "; ".join(problem),
            where=f"{path.name}, header",
            hint=f"columns are {', '.join(REQUIRED)} (required) and {', '.join(OPTIONAL)}",
        )
    if len(set(columns)) != len(columns):
        raise RegistryError("a column is named twice", where=f"{path.name}, header")
    return columns


def import_accessions(
    session: Session,
    path: Path,
    rows: list[Row] | None = None,
    *,
    instrument: str | None = None,
    by: str | None = None,
    progress: Callable[[int], None] | None = None,
) -> list[Action]:
    """Add the file's accessions in the session, or raise listing every bad row.

    The caller commits (or, on a dry run, rolls back) the session.
    """
    changelog.author(by)  # once, rather than once for every row
    rows = read_rows(path) if rows is None else rows
    if not rows:
        raise RegistryError(f"{path} has a header but no rows", hint="nothing to import")
    added, errors = [], []
    for row in rows:
        where = f"{path.name}, row {row.line}"
        try:
            with session.begin_nested():
                added.append(_add(session, row, instrument, by, where))
        except RegistryError as error:
            errors.append(error if error.where else RegistryError(
                error.message, where=where, hint=error.hint))
        if progress:
            progress(1)
    if errors:
        raise ValidationErrors(errors, what=path.name)
    return added


def _add(session: Session, row: Row, instrument: str | None, by: str | None, where: str) -> Action:
    values = row.values
    slug = values.get("instrument") or instrument
    return participation.join(
        session,
        values["country"],
        on=values.get("joined", ""),
        instrument=slug,
        kind=values.get("kind") or None,
        evidence=values.get("evidence") or "notification",
        source=values.get("source", ""),
        note=values.get("note", ""),
        by=by,
        where=where,
    )
