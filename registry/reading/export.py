"""The registry as one canonical JSON document: export and restore.

The document holds every table, rows in a stable order, keys sorted, dates
in ISO 8601. Exporting, restoring into an empty registry and exporting again
gives the same bytes, so a registry can be kept in git, reviewed as a diff
and moved between databases.
"""

import json
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from registry.storage import location, rows

if TYPE_CHECKING:
    from sqlmodel import Session

FORMAT = "alliance-registry"
FORMAT_VERSION = 1

#: The document's lists: the table each comes from and the columns its rows
#: are ordered by. Restored in this order, so that every row's references
#: exist before it.
TABLES: dict[str, tuple[str, tuple[str, ...]]] = {
    "instruments": ("instrument", ("slug",)),
    "meetings": ("meeting", ("starts", "slug")),
    "targets": ("target", ("instrument", "number", "slug")),
    "indicators": ("indicator", ("slug",)),
    "actions": ("action", ("instrument", "country", "date", "id")),
    "attendance": ("attendance", ("meeting", "country")),
    "decisions": ("decision", ("meeting", "number")),
    "documents": ("document", ("meeting", "id")),
    "reports": ("report", ("cycle", "country")),
    "commitments": ("commitment", ("target", "country", "cycle", "id")),
    "indicator_values": ("indicator_value", ("indicator", "year")),
    "country_names": ("country_name", ("country",)),
    "releases": ("release", ("number",)),
    "changes": ("change", ("id",)),
}
#: Lists that documents written before schemas 0003 and 0004 do not have: restored as empty.
LATER_LISTS = ("targets", "indicators", "decisions", "documents", "commitments", "indicator_values",
               "country_names", "releases")


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
        "schema_revision": location.HEAD_REVISION,
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
