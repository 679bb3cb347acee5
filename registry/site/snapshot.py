"""One consistent reading of the registry, taken once per build.

Everything the site shows is read here, in one session, through the
library's own functions: who is a member, what is owed and overdue, and each
country's listing come from participation, reports and listing, so that the
site can never disagree with `registry status` or `registry country`.
"""

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from registry import (
    alliance, changelog, clock, db, exchange, instruments, listing, meetings, participation, reports,
)
from registry.cycle import Cycle
from registry.models import Alliance, Change, Instrument, Meeting
from registry.participation import Standing
from registry.reports import Record


@dataclass(frozen=True)
class Snapshot:
    settings: Alliance
    today: date
    data_as_of: datetime | None
    standings: list[Standing]  # every country that is or was a member, by name
    cycles: list[Cycle]
    records: dict[str, Record]  # reporting record by ISO code
    listings: dict[str, dict[str, Any]]  # listing.country_record by ISO code
    instruments: list[Instrument]
    signatories: dict[str, list[Standing]]  # by instrument slug
    meetings: list[Meeting]
    attendees: dict[str, list[str]]  # ISO codes by meeting slug
    adopted_at: dict[str, list[str]]  # instrument slugs by meeting slug
    changes: list[Change]  # newest first
    growth: list[tuple[date, int]]  # member count after each day the count changed
    document: dict[str, Any]  # the `registry export` document

    @property
    def members(self) -> list[Standing]:
        return [s for s in self.standings if s.status == "member"]

    def has_page(self, iso2: str | None) -> bool:
        return iso2 in self.listings

    @property
    def next_cycle(self) -> Cycle | None:
        return next((c for c in self.cycles if c.due > self.today), None)

    @property
    def conference_due_by(self) -> date | None:
        """The date the next conference is due by, from the cycle settings."""
        return next((c.conference_by for c in self.cycles
                     if c.conference_by and c.conference_by >= self.today), None)

    @property
    def next_conference(self) -> Meeting | None:
        return next((m for m in self.meetings if m.kind == "conference"
                     and m.status == "scheduled" and m.ends >= self.today), None)


def take(url: str | None = None) -> Snapshot:
    """Read the registry named by `url` (REGISTRY_DATABASE_URL by default)."""
    today = clock.today()
    with db.reading(url) as session:
        settings = alliance.get(session)
        founding = alliance.founding_instrument(session)
        standings = participation.standings(session, today)
        known_cycles, records = reports.matrix(session, today)
        listed = instruments.all_instruments(session)
        all_meetings = meetings.all_meetings(session)
        adopted_at: dict[str, list[str]] = {}
        signatories = {}
        for instrument in listed:
            actions = participation.actions_of(session, instrument.slug)
            for slug in sorted({a.meeting for a in actions if a.meeting}):
                adopted_at.setdefault(slug, []).append(instrument.slug)
            signatories[instrument.slug] = participation.standings(session, today, instrument.slug)
        return Snapshot(
            settings=settings,
            today=today,
            data_as_of=changelog.last_change(session),
            standings=standings,
            cycles=known_cycles,
            records={r.iso2: r for r in records},
            listings={s.iso2: listing.country_record(session, s.iso2, today) for s in standings},
            instruments=listed,
            signatories=signatories,
            meetings=all_meetings,
            attendees={m.slug: meetings.attendees(session, m.slug) for m in all_meetings},
            adopted_at=adopted_at,
            changes=changelog.entries(session),
            growth=_growth(session, founding, today),
            document=exchange.document(session),
        )


def _growth(session, founding: str, today: date) -> list[tuple[date, int]]:
    """The member count on every day it changed, counted by the library."""
    days = sorted({a.date for a in participation.actions_of(session, founding) if a.date <= today})
    points = [(day, len(participation.members_on(session, day))) for day in days]
    return [p for i, p in enumerate(points) if i == 0 or p[1] != points[i - 1][1]]

