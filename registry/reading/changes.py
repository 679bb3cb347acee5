"""The change log, newest first: what was written, when, by whom and why."""

from datetime import datetime

from registry.storage.rows import Reader, Row


def entries(reader: Reader, country: str | None = None, limit: int | None = None) -> list[Row]:
    """The log's entries, newest first; only those about `country` if given; at most `limit`."""
    where, params = ("country = ?", (country,)) if country else ("", ())
    found = sorted(reader.records("change", where, params), key=lambda c: (c.at, c.id), reverse=True)
    return found[:limit] if limit else found


def last_change_by_country(changes: list[Row]) -> dict[str, datetime]:
    """When the entries about each country last changed, from the log newest first."""
    found: dict[str, datetime] = {}
    for change in changes:
        if change.country is not None:
            found.setdefault(change.country, change.at)
    return found
