"""Set-based reading for the snapshot: every table loaded once, derived in memory.

The library's per-item functions (participation.standings per instrument,
listing.country_record per country, members_on per day) each run queries;
for a registry with hundreds of instruments and tens of thousands of actions
that is thousands of queries. Here the same results are computed from one
load of each table, with the library's own pure functions (history.periods,
participation.standing_of, reports' records, listing.record_json), so the
site still agrees with `registry status` and `registry country`;
tests/test_bench_smoke.py checks that the two give equal results.
"""

from collections import defaultdict
from datetime import date
from operator import itemgetter
from typing import Any

from sqlmodel import Session, select

from registry import db, exchange, history, listing, participation
from registry.history import Step
from registry.models import Action, Alliance, Attendance, Meeting

ACTION_COLUMNS = ("id", "instrument", "country", "kind", "date", "evidence", "meeting", "source", "note")


def document(session: Session) -> dict[str, Any]:
    """exchange.document(session), with the actions read as plain rows (the big table)."""
    settings = session.get(Alliance, 1)
    doc: dict[str, Any] = {
        "format": exchange.FORMAT,
        "format_version": exchange.FORMAT_VERSION,
        "schema_revision": db.head_revision(),
        "alliance": settings.model_dump(mode="json") if settings else None,
    }
    for name, (model, order) in exchange.TABLES.items():
        if model is Action:
            columns = [getattr(Action, c) for c in ACTION_COLUMNS]
            rows = [
                {"id": i, "instrument": s, "country": c, "kind": k, "date": d.isoformat(),
                 "evidence": e, "meeting": m, "source": src, "note": n}
                for i, s, c, k, d, e, m, src, n in session.exec(select(*columns))
            ]
            # The order's columns are NOT NULL, so exchange's None-first key is the plain values.
            doc[name] = sorted(rows, key=itemgetter(*order))
            continue
        rows = [row.model_dump(mode="json") for row in session.exec(select(model))]
        doc[name] = sorted(rows, key=lambda row: tuple(exchange._sortable(row[c]) for c in order))
    return doc


class Actions:
    """The actions of the export document, grouped as the derivations need them."""

    def __init__(self, actions: list[dict[str, Any]]):
        # The document lists actions by instrument, country, date, id.
        self.steps: dict[str, dict[str, list[Step]]] = defaultdict(lambda: defaultdict(list))
        self.of_country: dict[str, list[dict[str, Any]]] = defaultdict(list)
        self.meetings_of: dict[str, set[str]] = defaultdict(set)
        self.names: dict[str, str] = {}
        days: dict[str, date] = {}
        for a in actions:
            day = days.get(a["date"])
            if day is None:
                day = days[a["date"]] = date.fromisoformat(a["date"])
            self.steps[a["instrument"]][a["country"]].append(Step(a["kind"], day, a["id"]))
            self.of_country[a["country"]].append((day, a["id"], a))
            if a["meeting"]:
                self.meetings_of[a["instrument"]].add(a["meeting"])
        for rows in self.of_country.values():
            rows.sort(key=lambda r: (r[0], r[1]))

    def standings(self, instrument: str, as_of: date) -> list[participation.Standing]:
        """participation.standings(session, as_of, instrument), from memory, by the same rule."""
        rows = []
        for iso2, steps in self.steps.get(instrument, {}).items():
            found = participation.standing_of(iso2, instrument, steps, as_of)
            if found:
                rows.append(found)
        return sorted(rows, key=lambda s: (s.name, s.iso2))

    def history(self, iso2: str, as_of: date) -> list[dict[str, Any]]:
        """The `history` of listing.country_record: every action up to `as_of`, oldest first."""
        return [dict(a) for day, _, a in self.of_country.get(iso2, []) if day <= as_of]

    def growth(self, founding: str, today: date) -> list[tuple[date, int]]:
        """The member count on every day it changed (members_on for each action day)."""
        by_country = self.steps.get(founding, {})
        periods = [history.periods(steps) for steps in by_country.values()]
        days = sorted({s.date for steps in by_country.values() for s in steps if s.date <= today})
        points = []
        for day in days:
            points.append((day, sum(any(p.covers(day) for p in spans) for spans in periods)))
        return [p for i, p in enumerate(points) if i == 0 or p[1] != points[i - 1][1]]


def attended(session: Session) -> dict[str, list[Meeting]]:
    """meetings.attended_by for every country, in one query."""
    from sqlmodel import col

    query = (select(Attendance.country, Meeting)
             .join(Attendance, col(Attendance.meeting) == col(Meeting.slug))
             .order_by(Meeting.starts))
    found: dict[str, list[Meeting]] = defaultdict(list)
    for iso2, meeting in session.exec(query):
        found[iso2].append(meeting)
    return found


def country_record(iso2: str, as_of: date, membership, record, actions: Actions,
                   attended_meetings: list[Meeting]) -> dict[str, Any]:
    """listing.country_record(session, iso2, as_of), from memory."""
    return listing.assemble(iso2, as_of, membership, actions.history(iso2, as_of), record, attended_meetings)
