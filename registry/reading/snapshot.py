"""One consistent reading of the registry, taken once per build.

Everything the site shows is read here, in one transaction, and derived by
the library's own rules: who is a member (standing.py), what is owed and
overdue (cycle.py) and each country's listing (listing.py), so that the site
can never disagree with `registry status` or `registry country`.

The snapshot holds plain data only (rows.Row, the library's dataclasses), read
through rows.Reader without the ORM.
"""

from dataclasses import dataclass
from datetime import date, datetime
from functools import cached_property
from typing import Any

from registry.reading import export
from registry.reading.standings import founding_instrument
from registry.rules import clock, countries, cycle
from registry.rules.cycle import Cycle, Record
from registry.rules.standing import Standing
from registry.storage import location, rows
from registry.storage.rows import Row

#: The tables whose changes change the calendar: meetings, and the settings the cycles come from.
CALENDAR_ENTITIES = ("meeting", "alliance")


@dataclass(frozen=True)
class Snapshot:
    settings: Row  # the alliance table's one row
    today: date
    data_as_of: datetime | None
    changed: dict[str, datetime]  # when each country's entries last changed
    standings: list[Standing]  # every country that is or was a member, by name
    cycles: list[Cycle]
    records: dict[str, Record]  # reporting record by ISO code
    listings: dict[str, dict[str, Any]]  # listing.country_record by ISO code
    instruments: list[Row]  # by adoption date, slug
    signatories: dict[str, list[Standing]]  # by instrument slug
    meetings: list[Row]  # by start date, slug
    attendees: dict[str, list[str]]  # ISO codes by meeting slug
    adopted_at: dict[str, list[str]]  # instrument slugs by meeting slug
    changes: list[Row]  # newest first
    growth: list[tuple[date, int]]  # member count after each day the count changed
    document: dict[str, Any]  # the `registry export` document
    position: dict[str, Any]  # where the registry stood when read (position_of)

    @cached_property
    def instrument_by_slug(self) -> dict[str, Row]:
        return {i.slug: i for i in self.instruments}

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
    def next_conference(self) -> Row | None:
        return next((m for m in self.meetings if m.kind == "conference"
                     and m.status == "scheduled" and m.ends >= self.today), None)


def take(url: str | None = None) -> Snapshot:
    """Read the registry named by `url` (REGISTRY_DATABASE_URL by default).

    Each table is read once (see gather.py); who participates, the reporting
    record and each listing are then derived in memory by the library's own
    functions, instead of a few queries per country and per instrument.
    """
    from registry.reading import gather

    today = clock.today()
    with rows.reading(url) as reader:
        found = reader.records("alliance")
        if not found:
            raise location.no_settings()
        settings = found[0]
        founding = founding_instrument(reader)
        document = export.document(reader)
        listed = sorted(reader.records("instrument"), key=lambda i: (i.adopted, i.slug))
        all_meetings = sorted(reader.records("meeting"), key=lambda m: (m.starts, m.slug))
        attendance = reader.rows("SELECT meeting, country FROM attendance")
        reports = {(r.country, r.cycle): r for r in reader.records("report")}
        changes = sorted(reader.records("change"), key=lambda c: (c.at, c.id), reverse=True)
        position = position_of(reader)
    actions = gather.Actions(document["actions"])
    standings = actions.standings(founding, today)
    known_cycles = cycle.cycles(settings, today)
    records = cycle.records(actions.steps.get(founding, {}), known_cycles, reports, today,
                            settings.records_kept_since)
    by_iso2 = {r.iso2: r for r in records}
    attendees = _attendees(attendance, all_meetings)
    attended = attended_by(all_meetings, attendees)
    signatories = {instrument.slug: actions.standings(instrument.slug, today) for instrument in listed}
    return Snapshot(
        settings=settings,
        today=today,
        data_as_of=changes[0].at if changes else None,
        changed=last_change_by_country(changes),
        standings=standings,
        cycles=known_cycles,
        records=by_iso2,
        listings={s.iso2: gather.country_record(s.iso2, today, s, by_iso2.get(s.iso2), actions,
                                                  attended.get(s.iso2, []))
                  for s in standings},
        instruments=listed,
        signatories=signatories,
        meetings=all_meetings,
        attendees=attendees,
        adopted_at=adopted_at(listed, actions.meetings_of),
        changes=changes,
        growth=actions.growth(founding, today),
        document=document,
        position=position,
    )


def position_of(reader: rows.Reader) -> dict[str, Any]:
    """Where the registry stands: each table's row count and highest id, the settings row and
    the last logged change. Every write through the library moves it."""

    tables = {table: list(reader.rows(f'SELECT COUNT(*), MAX(id) FROM "{table}"')[0])
              for table, _ in export.TABLES.values()}
    return {"tables": tables, "alliance": reader.table("alliance"), "last_change": tables["change"][1]}


def _attendees(attendance: list[tuple[str, str]], meetings: list[Row]) -> dict[str, list[str]]:
    """meetings.attendance(): ISO codes by meeting slug, by country name."""
    found: dict[str, list[str]] = {m.slug: [] for m in meetings}
    for slug, iso2 in attendance:
        found.setdefault(slug, []).append(iso2)
    return {slug: sorted(codes, key=countries.name) for slug, codes in found.items()}


def attended_by(meetings: list[Row], attendees: dict[str, list[str]]) -> dict[str, list[Row]]:
    """meetings.attended_by_country(): the meetings each country attended, by date."""
    found: dict[str, list[Row]] = {}
    for meeting in meetings:  # by date, slug
        for iso2 in attendees.get(meeting.slug, []):
            found.setdefault(iso2, []).append(meeting)
    return found


def adopted_at(instruments: list[Row], meetings_of: dict[str, set[str]]) -> dict[str, list[str]]:
    """The instruments adopted at each meeting (named by their actions), by meeting slug."""
    found: dict[str, list[str]] = {}
    for instrument in instruments:
        for slug in sorted(meetings_of.get(instrument.slug, ())):
            found.setdefault(slug, []).append(instrument.slug)
    return found


def last_change_by_country(changes: list[Row]) -> dict[str, datetime]:
    """changelog.last_change_by_country(), from the change log newest first."""
    found: dict[str, datetime] = {}
    for change in changes:
        if change.country is not None:
            found.setdefault(change.country, change.at)
    return found
