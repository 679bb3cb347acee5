"""The registry as one canonical JSON document: export and restore.

The document holds every table, rows in a stable order, keys sorted, dates
in ISO 8601. Exporting, restoring into an empty registry and exporting again
gives the same bytes, so a registry can be kept in git, reviewed as a diff
and moved between databases.
"""

import json
from operator import itemgetter
from typing import TYPE_CHECKING, Any

import orjson

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


# -- the public document: registry.json, and each release of it --------------------------------

#: Lists of the export that the public document leaves out: the releases are published on their
#: own (/data/releases/), each holding the public document of its time.
UNPUBLISHED_LISTS = ("releases",)
#: What the public document leaves out of each change: who typed it and the raw before/after
#: rows are the secretariat's, not the public's.
PRIVATE_CHANGE_FIELDS = ("by", "before", "after")
#: The version of the public document's layout, MAJOR.MINOR (docs/data.md, "The data contract").
PUBLIC_VERSION = "1.0"


def public_document(doc: dict[str, Any]) -> dict[str, Any]:
    """The export document as the public reads it: without the releases and without the
    change log's private fields. The site's registry.json and every release hold this."""
    public = {name: value for name, value in doc.items() if name not in UNPUBLISHED_LISTS}
    public["changes"] = [public_change(change) for change in doc["changes"]]
    return public


def public_change(change: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in change.items() if k not in PRIVATE_CHANGE_FIELDS}


def public_json(data: Any) -> str:
    """Published JSON: sorted keys, two-space indents and UTF-8 text, as json.dumps(data,
    sort_keys=True, indent=2, ensure_ascii=False) writes it, made by orjson (a twentieth of the
    time on a large registry); "<", ">" and "&" escaped, so that it stays inert even if someone
    pastes it into a page. The same data always gives the same bytes."""
    text = orjson.dumps(data, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS).decode()
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026") + "\n"
