"""A country's listing: everything the registry says about one country.

`listings()` gathers it for one country (`registry country`) or for all
(the site's country pages and open data) by the same queries and rules, so
the CLI, the site and the tests share one account of each country.
"""

from datetime import date
from operator import itemgetter
from typing import Any

from registry.reading import meetings, naming, reporting
from registry.reading.standings import founding_instrument, steps
from registry.rules import countries, standing
from registry.rules.cycle import Record
from registry.rules.naming import UN, Naming
from registry.storage.rows import Reader, Row, marks


def country_record(reader: Reader, iso2: str, as_of: date) -> dict[str, Any]:
    """One country's listing on `as_of`, member or not."""
    return listings(reader, as_of, [iso2])[iso2]


def listings(reader: Reader, as_of: date, only: list[str] | None = None) -> dict[str, dict[str, Any]]:
    """The listing of each country in `only`, or of every country that has been a member by `as_of`."""
    founding = founding_instrument(reader)
    histories = steps(reader, founding, only).get(founding, {})
    _, records = reporting.records(reader, as_of, only)
    record_of = {r.iso2: r for r in records}
    listed = meetings.meetings(reader)
    attended = meetings.attended_by(listed, meetings.attendees(reader, listed))
    actions = actions_of(reader, as_of, only)
    names = naming.of(reader)
    if only is None:
        only = [iso2 for iso2 in record_of]
    found = {}
    for iso2 in only:
        membership = standing.standing_of(iso2, founding, histories.get(iso2, []), as_of, names)
        found[iso2] = assemble(iso2, as_of, membership, actions.get(iso2, []), record_of.get(iso2),
                               attended.get(iso2, []), names)
    return found


def actions_of(reader: Reader, as_of: date, only: list[str] | None) -> dict[str, list[dict[str, Any]]]:
    """Each country's actions in every instrument up to `as_of`, oldest first, as `registry export` writes them."""
    if only is not None and not only:
        return {}
    where, params = (f"country IN ({marks(only)})", tuple(only)) if only is not None else ("", ())
    up_to = as_of.isoformat()
    found: dict[str, list[dict[str, Any]]] = {}
    for action in sorted(reader.table("action", where, params), key=itemgetter("date", "id")):
        if action["date"] <= up_to:
            found.setdefault(action["country"], []).append(action)
    return found


def assemble(
    iso2: str,
    as_of: date,
    membership: standing.Standing | None,
    history: list[dict[str, Any]],
    record: Record | None,
    attended: list[tuple[Row, Row]],
    names: Naming = UN,
) -> dict[str, Any]:
    """A country's listing from its parts, however they were loaded; named as on `as_of`."""
    country = countries.get(iso2)
    return {
        "iso2": country.iso2,
        "iso3": country.iso3,
        "name": names.name(iso2, on=as_of),
        "as_of": as_of.isoformat(),
        "status": membership.status if membership else None,
        "joined": membership.joined.isoformat() if membership else None,
        "first_joined": membership.first_joined.isoformat() if membership else None,
        "withdrawn": membership.withdrawn.isoformat() if membership and membership.withdrawn else None,
        "history": history,
        "reports": record_json(record)["reports"] if record else [],
        "next_due": _next_due(record),
        "meetings": [
            {"slug": m.slug, "title": m.title, "starts": m.starts.isoformat(), "kind": m.kind,
             "entry": a.id, "role": a.role, "source": a.source}
            for m, a in attended
        ],
    }


def _next_due(record: Record | None) -> dict[str, str] | None:
    if record is None or record.next_due is None:
        return None
    due = record.next_due.cycle
    return {"cycle": due.slug, "due": due.due.isoformat(), "kind": due.kind}


def record_json(record: Record) -> dict[str, Any]:
    return {
        "iso2": record.iso2,
        "name": record.name,
        "reports": [
            {
                "cycle": o.cycle.slug,
                "kind": o.cycle.kind,
                "due": o.cycle.due.isoformat(),
                "status": o.status,
                "status_label": o.label,
                "received": o.report.received.isoformat() if o.report else None,
                "url": o.report.url if o.report else None,
                "source": o.report.source if o.report else None,
                "note": o.report.note if o.report else None,
                "report_id": o.report.id if o.report else None,
            }
            for o in record.obligations
        ],
    }
