"""The change log, newest first: what was written, when, by whom and why."""

from datetime import datetime

from registry.storage.rows import Reader, Row


def entries(reader: Reader, country: str | None = None, limit: int | None = None,
            after: int | None = None) -> list[Row]:
    """The log's entries, newest first; only those about `country` if given, and those made
    after change `after`; at most `limit`."""
    found = reader.records("change", "country = ?", (country,)) if country else reader.records("change")
    if after is not None:
        found = [c for c in found if c.id > after]
    found = sorted(found, key=lambda c: (c.at, c.id), reverse=True)
    return found[:limit] if limit else found


def last_change_by_country(changes: list[Row]) -> dict[str, datetime]:
    """When the entries about each country last changed, from the log newest first."""
    found: dict[str, datetime] = {}
    for change in changes:
        if change.country is not None:
            found.setdefault(change.country, change.at)
    return found


def newest(changes: list[Row], entities: tuple[str, ...]) -> datetime | None:
    """When the newest entry about one of `entities` (tables: "action", "report", ...) was made,
    from the log newest first; None when there is none."""
    return next((change.at for change in changes if change.entity in entities), None)
