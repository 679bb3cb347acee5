"""One consistent reading of the registry, taken once per build.

Everything the site shows is read here, in one session, through the
library's own functions: who is a member, what is owed and overdue, and each
country's listing come from participation, reports and listing, so that the
site can never disagree with `registry status` or `registry country`.
"""

from dataclasses import dataclass
from datetime import date, datetime
from functools import cached_property
from typing import Any

from registry import alliance, changelog, clock, db, exchange, instruments, meetings, reports
from registry.cycle import Cycle
from registry.models import Alliance, Change, Instrument, Meeting
from registry.reports import Record
from registry.site import fastread
from registry.standing import Standing


#: The tables whose changes change the calendar: meetings, and the settings the cycles come from.
CALENDAR_ENTITIES = ("meeting", "alliance")


@dataclass(frozen=True)
class Snapshot:
    settings: Alliance
    today: date
    data_as_of: datetime | None
    changed: dict[str, datetime]  # when each country's entries last changed
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

    @cached_property
    def instrument_by_slug(self) -> dict[str, Instrument]:
        return {i.slug: i for i in self.instruments}

    @cached_property
    def instrument_titles(self) -> dict[str, str]:
        return {i.slug: i.title for i in self.instruments}

    @cached_property
    def meeting_titles(self) -> dict[str, str]:
        return {m.slug: m.title for m in self.meetings}

    @cached_property
    def calendar_as_of(self) -> datetime | None:
        """When what the calendar shows (sessions and meetings, the cycle settings) last changed."""
        return next((c.at for c in self.changes if c.entity in CALENDAR_ENTITIES), None)

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
    """Read the registry named by `url` (REGISTRY_DATABASE_URL by default).

    Each table is read once (see fastread.py); who participates, the reporting
    record and each listing are then derived in memory by the library's own
    functions, instead of a few queries per country and per instrument.
    """
    today = clock.today()
    with db.reading(url) as session:
        settings = alliance.get(session)
        founding = alliance.founding_instrument(session)
        document = exchange.document(session)
        actions = fastread.Actions(document["actions"])
        standings = actions.standings(founding, today)
        known_cycles, records = reports.matrix(session, today)
        by_iso2 = {r.iso2: r for r in records}
        listed = [_detached(i) for i in instruments.all_instruments(session)]
        all_meetings = [_detached(m) for m in meetings.all_meetings(session)]
        attended = meetings.attended_by_country(session)
        adopted_at: dict[str, list[str]] = {}
        signatories = {}
        for instrument in listed:
            for slug in sorted(actions.meetings_of.get(instrument.slug, ())):
                adopted_at.setdefault(slug, []).append(instrument.slug)
            signatories[instrument.slug] = actions.standings(instrument.slug, today)
        return Snapshot(
            settings=settings,
            today=today,
            data_as_of=changelog.last_change(session),
            changed=changelog.last_change_by_country(session),
            standings=standings,
            cycles=known_cycles,
            records=by_iso2,
            listings={s.iso2: fastread.country_record(s.iso2, today, s, by_iso2.get(s.iso2), actions,
                                                      attended.get(s.iso2, []))
                      for s in standings},
            instruments=listed,
            signatories=signatories,
            meetings=all_meetings,
            attendees=meetings.attendance(session),
            adopted_at=adopted_at,
            changes=changelog.entries(session),
            growth=actions.growth(founding, today),
            document=document,
        )


def _detached(row):
    """A copy of a row, unbound from the session, with its fields in the model's order.

    Pages only read the fields; a bound row's repr lists them in the order the
    database layer happened to set them, which the build cache's keys must not see.
    """
    return type(row).model_validate(row.model_dump())
