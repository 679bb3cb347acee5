"""Releases of the public data: numbered, dated, and kept byte for byte.

A release holds the public document (export.public_document) as it stood when the release
was cut, with the fields every published JSON file carries, serialised once
(export.public_json). The site publishes those stored bytes as they are: a release never
changes, whatever is corrected after it. What changed from one release to the next is found by
comparing their two stored documents, entry by entry, by id.
"""

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cached_property
from typing import Any

from registry.reading import export, licences
from registry.rules import terms
from registry.storage import rows

#: The schema each release's files name, published beside them: relative to the file, so that
#: the stored bytes never depend on the address the site is served from.
SCHEMA = "registry.schema.json"
CHANGES_SCHEMA = "changes.schema.json"
#: The version of changes.json's layout, MAJOR.MINOR, as every published JSON file has.
CHANGES_VERSION = "1.0"
#: The change-log entries that cutting a release writes: they change no published entry.
RELEASE_ENTITY = "release"
#: The document's settings, compared as a list of their one row.
SETTINGS = "alliance"
#: What a list of differences holds: entries added, changed (before and after) and removed.
KINDS_OF_DIFFERENCE = ("added", "changed", "removed")


def release_text(doc: dict[str, Any]) -> str:
    """The bytes (as text) a release of the export document `doc` keeps: the public document and
    the fields registry.json carries (its schema, its layout's version, when what it shows last
    changed, its licence)."""
    public = export.public_document(doc)
    settings = public.get(SETTINGS) or {}
    return export.public_json({
        "$schema": SCHEMA,
        "version": export.PUBLIC_VERSION,
        "last_changed": newest(public["changes"]),
        "licence": licences.licence(settings.get("licence") or terms.DEFAULT_LICENCE),
        **public,
    })


def newest(changes: list[dict[str, Any]]) -> str | None:
    """The time of the newest of the document's changes, as the document writes it."""
    if not changes:
        return None
    return max(changes, key=lambda c: (datetime.fromisoformat(c["at"]), c["id"]))["at"]


def unreleased(doc: dict[str, Any], after: int | None) -> list[dict[str, Any]]:
    """The document's changes since change `after` (all, when None), oldest first, other than
    the cutting of releases: what a new release would add."""
    return [c for c in doc["changes"] if (after is None or c["id"] > after) and c["entity"] != RELEASE_ENTITY]


def last_change(doc: dict[str, Any]) -> int | None:
    return max((c["id"] for c in doc["changes"]), default=None)


# -- comparing two releases ------------------------------------------------------------------------


def differences(before: dict[str, Any] | None, after: dict[str, Any]) -> dict[str, dict[str, list[Any]]]:
    """What changed from document `before` (None: nothing was released before) to `after`, for
    each list of entries (the settings as a list of one): the entries added, those changed, with
    their fields before and after, and those removed, each by id and in id order."""
    names = sorted({name for doc in (before or {}, after) for name, value in doc.items()
                    if isinstance(value, list)} | {SETTINGS})
    return {name: _compared(_entries(before, name), _entries(after, name)) for name in names}


def _entries(doc: dict[str, Any] | None, name: str) -> dict[Any, dict[str, Any]]:
    found = (doc or {}).get(name)
    listed = [found] if isinstance(found, dict) else found or []
    return {entry["id"]: entry for entry in listed}


def _compared(before: dict[Any, dict[str, Any]], after: dict[Any, dict[str, Any]]) -> dict[str, list[Any]]:
    changed = [{"id": key, "fields": sorted(k for k in before[key].keys() | after[key].keys()
                                            if before[key].get(k) != after[key].get(k)),
                "before": before[key], "after": after[key]}
               for key in sorted(before.keys() & after.keys()) if before[key] != after[key]]
    return {"added": [after[key] for key in sorted(after.keys() - before.keys())],
            "changed": changed,
            "removed": [before[key] for key in sorted(before.keys() - after.keys())]}


def counts(found: dict[str, dict[str, list[Any]]], leave_out: tuple[str, ...] = ("changes",)) -> dict[str, int]:
    """How many entries were added, changed and removed, over every list but `leave_out` (by
    default the change log, which only grows)."""
    return {kind: sum(len(lists[kind]) for name, lists in found.items() if name not in leave_out)
            for kind in KINDS_OF_DIFFERENCE}


# -- the releases, as published -----------------------------------------------------------------------


@dataclass(frozen=True)
class Release:
    """A release as the site publishes it: its stored bytes, and what changed since the one before."""

    number: int
    released_at: datetime
    note: str
    last_change: int | None
    text: str  # the stored document, exactly
    previous: "Release | None"

    @cached_property
    def document(self) -> dict[str, Any]:
        found: dict[str, Any] = json.loads(self.text)
        return found

    @cached_property
    def digest(self) -> str:
        """The SHA-256 of the published file, for a citation to be checked against."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    @cached_property
    def differences(self) -> dict[str, dict[str, list[Any]]]:
        return differences(self.previous.document if self.previous else None, self.document)

    @cached_property
    def counts(self) -> dict[str, int]:
        return counts(self.differences)

    @cached_property
    def log(self) -> list[dict[str, Any]]:
        """The public change-log entries since the previous release, oldest first: what changed, in words."""
        return unreleased(self.document, self.previous.last_change if self.previous else None)

    def changes_document(self) -> dict[str, Any]:
        """changes.json: what changed since the previous release, list by list, with the fields
        every published JSON file carries (those of the release itself)."""
        return {
            "$schema": CHANGES_SCHEMA,
            "version": CHANGES_VERSION,
            "last_changed": self.document.get("last_changed"),
            "licence": self.document.get("licence"),
            "release": self.number,
            "previous": self.previous.number if self.previous else None,
            "lists": self.differences,
        }


def published(stored: list[dict[str, Any]]) -> list[Release]:
    """The releases, oldest first, from the export document's `releases` list (rows as
    `registry export` writes them)."""
    found: list[Release] = []
    for row in sorted(stored, key=lambda r: r["number"]):
        found.append(Release(number=row["number"], released_at=_moment(row["released_at"]), note=row["note"],
                             last_change=row["last_change"], text=row["document"],
                             previous=found[-1] if found else None))
    return found


def _moment(text: str) -> datetime:
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def listed(reader: rows.Reader) -> list[Release]:
    """The releases, oldest first (`registry release list`)."""
    return published(reader.table("release"))
