"""One set of rules on every write, as a property: for each field, the values the adding
command refuses are exactly the values a correction refuses.

Each value is tried twice on the seeded registry, in a transaction that is rolled back: once
in the entry as it is first recorded, once as a correction of an entry recorded right. Both
must refuse it (a RegistryError, told plainly) or both must take it.
"""

from collections.abc import Callable
from typing import Any

import pytest

from registry.rules.errors import RegistryError
from registry.storage import db
from registry.writing import corrections, instruments, meetings, participation, reports

TEXTS = ["", "   ", "plain", "two\nlines", "bell\x07", "x" * 10_001, "<b>bold</b>", "=1+1", "\u202eevil",
         "tab\tinside", " padded "]
DATES = ["", "  ", "2016-08-01", "2016-02-30", "1899-12-31", "2999-01-01", "01/08/2016", "2016-8-1", "tomorrow"]
URLS = ["", "https://example.org/r.pdf", "http://example.org", "javascript:alert(1)", "example.org", "ftp://x/y",
        "https://exa mple.org"]


def join(session, **values) -> Any:
    fields = {"on": "2016-08-01", "evidence": "notification", "source": "", "note": "", "meeting": None, "kind": None}
    fields.update({("on" if k == "date" else k): v for k, v in values.items()})
    return participation.join(session, "PE", **fields)


def record(session, **values) -> Any:
    return reports.record(session, "FR", cycle_slug="2016", **({"received": "2016-06-30"} | values))


def schedule(session, **values) -> Any:
    return meetings.schedule(session, **({"starts": "2027-12-01", "number": 50} | values))


def attend(session, **values) -> Any:
    return meetings.attend(session, "eu-us-jha-2012", "BR", **values)


def instrument(session, **values) -> Any:
    return instruments.add(session, "test-2010", **({"title": "Test", "adopted": "2010-01-01"} | values))


#: kind of entry, how it is first recorded, and the values tried in each field.
FIELDS: list[tuple[str, Callable[..., Any], str, list[Any]]] = [
    ("instrument", instrument, "title", TEXTS), ("instrument", instrument, "place", TEXTS),
    ("instrument", instrument, "issuer", TEXTS), ("instrument", instrument, "citation", TEXTS),
    ("instrument", instrument, "kind", ["convention", "declaration", "treaty", ""]),
    ("instrument", instrument, "adopted", DATES),
    ("action", join, "source", TEXTS), ("action", join, "note", TEXTS), ("action", join, "date", DATES),
    ("action", join, "evidence", ["letter", "note-verbale", "notification", "telegram", ""]),
    ("action", join, "meeting", ["brussels-launch-2012", "nowhere-1999", "Not A Slug"]),
    ("report", record, "url", URLS), ("report", record, "source", TEXTS), ("report", record, "note", TEXTS),
    ("report", record, "received", DATES),
    ("meeting", schedule, "title", TEXTS), ("meeting", schedule, "city", TEXTS), ("meeting", schedule, "note", TEXTS),
    ("meeting", schedule, "host", ["FR", "France", "Atlantis", "EU"]),
    ("attendance", attend, "role", ["delegation", "observer", "organisation", "guest", ""]),
    ("attendance", attend, "source", TEXTS),
]


def refused(attempt: Callable[[Any], Any]) -> bool:
    with db.writing(commit=False) as session:
        try:
            attempt(session)
        except RegistryError:
            return True
    return False


@pytest.mark.sqlite_only
@pytest.mark.parametrize("kind, add, field, values", FIELDS, ids=[f"{k}.{f}" for k, _, f, _ in FIELDS])
def test_a_value_refused_when_added_is_refused_when_corrected(seeded, kind, add, field, values):
    def added(value):
        return lambda session: add(session, **{field: value})

    def corrected(value):
        def attempt(session):
            entry = add(session)
            corrections.correct(session, kind, entry.id, {field: value}, reason="the property")
        return attempt

    by_adding = {repr(v) for v in values if refused(added(v))}
    by_correcting = {repr(v) for v in values if refused(corrected(v))}
    assert by_adding == by_correcting
    assert by_adding and len(by_adding) < len(values)  # the values tried include both fates
