"""A country's listing: everything the registry says about one country.

Built once here as plain data, it is what `registry country --json` prints
and what the site's country page and open-data file are made from, so the
CLI, the site and the tests share one account of each country.
"""

from datetime import date
from typing import TYPE_CHECKING, Any

from registry.rules import countries, standing
from registry.rules.cycle import Record

if TYPE_CHECKING:
    from sqlmodel import Session

    from registry.storage.models import Meeting


def country_record(session: "Session", iso2: str, as_of: date) -> dict[str, Any]:
    from registry.writing import alliance, meetings, participation, reports

    founding = alliance.get(session).founding_instrument
    membership = None
    if founding:
        steps = [participation.step(a) for a in participation.actions_of(session, founding, iso2)]
        membership = standing.standing_of(iso2, founding, steps, as_of)
    history = [a.model_dump(mode="json") for a in participation.history_of(session, iso2)
               if a.date <= as_of]
    record = reports.record_of(session, iso2, as_of) if founding else None
    return assemble(iso2, as_of, membership, history, record, meetings.attended_by(session, iso2))


def assemble(
    iso2: str,
    as_of: date,
    membership: standing.Standing | None,
    history: list[dict[str, Any]],
    record: Record | None,
    attended: list["Meeting"],
) -> dict[str, Any]:
    """A country's listing from its parts, however they were loaded."""
    country = countries.get(iso2)
    return {
        "iso2": country.iso2,
        "iso3": country.iso3,
        "name": country.name,
        "as_of": as_of.isoformat(),
        "status": membership.status if membership else None,
        "joined": membership.joined.isoformat() if membership else None,
        "first_joined": membership.first_joined.isoformat() if membership else None,
        "withdrawn": membership.withdrawn.isoformat() if membership and membership.withdrawn else None,
        "history": history,
        "reports": record_json(record)["reports"] if record else [],
        "next_due": _next_due(record),
        "meetings": [
            {"slug": m.slug, "title": m.title, "starts": m.starts.isoformat(), "kind": m.kind}
            for m in attended
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
                "report_id": o.report.id if o.report else None,
            }
            for o in record.obligations
        ],
    }
