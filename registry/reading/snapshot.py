"""One consistent reading of the registry, taken once per build.

Everything the site shows is read here, in one transaction, and derived by
the library's own rules: who is a member (standing.py), what is owed and
overdue (cycle.py) and each country's listing (listing.py), so that the site
can never disagree with `registry status` or `registry country`.

The snapshot holds plain data only (rows.Row, the library's dataclasses), read
through rows.Reader without the ORM.
"""

from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property
from typing import Any

from registry.reading import aims, changes, check, export, instruments, listing, meetings, naming, reporting, standings
from registry.reading import periods as spans
from registry.reading import quality as measuring
from registry.reading import releases as releasing
from registry.reading.sentences import Told, in_words
from registry.rules import clock, language, standing
from registry.rules.cycle import Cycle, Record
from registry.rules.history import Step
from registry.rules.naming import UN, Naming
from registry.rules.standing import Standing
from registry.storage import rows
from registry.storage.rows import Row

#: The tables whose changes change the calendar: meetings (and the decisions their events count),
#: and the settings the cycles come from.
CALENDAR_ENTITIES = ("meeting", "decision", "alliance")


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
    attendees: dict[str, list[Row]]  # attendance entries by meeting slug (reading/meetings.py)
    adopted_at: dict[str, list[str]]  # instrument slugs by meeting slug
    changes: list[Row]  # newest first
    growth: list[tuple[date, int]]  # member count after each day the count changed
    document: dict[str, Any]  # the `registry export` document
    columns: dict[str, list[tuple[str, str, bool]]]  # each list's columns as (name, kind, nullable)
    position: dict[str, Any]  # where the registry stood when read (position_of)
    naming: Naming = UN  # how this registry names countries (reading/naming.py)
    # sessions, decisions, commitments
    decisions: list[Row] = field(default_factory=list)  # by meeting slug, number
    documents: list[Row] = field(default_factory=list)  # by meeting slug, date
    targets: list[Row] = field(default_factory=list)  # policy targets, then operational goals
    commitments: list[Row] = field(default_factory=list)  # by target, cycle, country
    reporting_counts: dict[str, int] = field(default_factory=dict)  # countries reporting, by target slug
    measured: list[aims.Measured] = field(default_factory=list)  # indicators with values and paths
    # the change log in words (reading/sentences.py), newest first, and the members at each year's end
    told: list[Told] = field(default_factory=list)
    members_on: dict[date, list[Standing]] = field(default_factory=dict)  # by date, oldest first
    periods: spans.Periods = field(default_factory=dict)  # unbroken participation, by instrument and country
    # releases and quality: what `registry check --completeness` says, published at /data/quality/
    quality: measuring.Quality | None = None

    @cached_property
    def instrument_by_slug(self) -> dict[str, Row]:
        return {i.slug: i for i in self.instruments}

    @cached_property
    def releases(self) -> list[releasing.Release]:
        """The releases of the public data, oldest first, each with its stored bytes."""
        return releasing.published(self.document["releases"])

    @cached_property
    def calendar_as_of(self) -> datetime | None:
        """When what the calendar shows (sessions and meetings, their decisions, the cycle settings)
        last changed."""
        return next((c.at for c in self.changes if c.entity in CALENDAR_ENTITIES), None)

    @cached_property
    def decisions_by_meeting(self) -> dict[str, list[Row]]:
        found: dict[str, list[Row]] = {}
        for decision in self.decisions:
            found.setdefault(decision.meeting, []).append(decision)
        return found

    @cached_property
    def documents_by_meeting(self) -> dict[str, list[Row]]:
        found: dict[str, list[Row]] = {}
        for document in self.documents:
            found.setdefault(document.meeting, []).append(document)
        return found

    @cached_property
    def commitments_by_country(self) -> dict[str, list[Row]]:
        found: dict[str, list[Row]] = {}
        for commitment in self.commitments:
            found.setdefault(commitment.country, []).append(commitment)
        return found

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
    """Read the registry named by `url` (REGISTRY_DATABASE_URL by default), in one transaction,
    through the same functions the CLI's read commands use, in the language in use."""
    with rows.reading(url) as reader:
        return read(reader, clock.today())


def take_in_each(url: str | None = None, languages: tuple[str, ...] = language.LANGUAGES) -> dict[str, Snapshot]:
    """The snapshot in each of `languages`, from one transaction, so that every language of the
    site shows the same registry. The facts are read once; only what is in words (names of
    countries, sentences, the quality measures' words) is read again for each language."""
    today = clock.today()
    with rows.reading(url) as reader:
        facts = Facts.read(reader, today)
        found = {}
        for code in languages:
            with language.use(code):
                found[code] = facts.in_words(reader)
        return found


def read(reader: rows.Reader, today: date) -> Snapshot:
    """Everything the site shows, read through `reader`, in the language in use."""
    return Facts.read(reader, today).in_words(reader)


@dataclass(frozen=True)
class Facts:
    """What a snapshot holds that is the same in every language (`fields`), and what its words
    are made from: the snapshot in the language in use is `in_words()`."""

    today: date
    founding: str
    every_step: dict[str, dict[str, list[Step]]]
    problems: list[check.Problem]  # `registry check`'s: the command line's messages, in every language
    fields: dict[str, Any]

    @classmethod
    def read(cls, reader: rows.Reader, today: date) -> "Facts":
        every_step = standings.steps(reader)
        return cls(today, standings.founding_instrument(reader), every_step, check.problems(reader),
                   _facts(reader, today, every_step))

    def in_words(self, reader: rows.Reader) -> Snapshot:
        return Snapshot(**self.fields, **_in_words(reader, self))


def _facts(reader: rows.Reader, today: date, every_step: dict[str, dict[str, list[Step]]]) -> dict[str, Any]:
    founding = standings.founding_instrument(reader)
    log = changes.entries(reader)
    columns = {name: reader.columns(table) for name, (table, _) in export.TABLES.items()}
    columns["alliance"] = reader.columns("alliance")
    return {
        "settings": standings.settings(reader),
        "today": today,
        "data_as_of": log[0].at if log else None,
        "changed": changes.last_change_by_country(log),
        "instruments": instruments.instruments(reader),
        "meetings": meetings.meetings(reader),
        "adopted_at": meetings.adopted_at(reader),
        "changes": log,
        "growth": standing.growth(list(every_step.get(founding, {}).values()), today),
        "document": export.document(reader),
        "columns": columns,
        "position": position_of(reader),
        "naming": naming.of(reader),  # it names countries in the language in use when asked
        "decisions": meetings.decisions(reader),
        "documents": meetings.documents(reader),
        "targets": aims.targets(reader),
        "commitments": aims.commitments(reader),
        "reporting_counts": aims.reporting_counts(reader),
        "measured": aims.measured(reader),
        "periods": spans.periods(every_step, today),
    }


def _in_words(reader: rows.Reader, facts: Facts) -> dict[str, Any]:
    """What the snapshot holds in the language in use: whatever names a country, and sentences."""
    today, fields, every_step, founding = facts.today, facts.fields, facts.every_step, facts.founding
    names: Naming = fields["naming"]
    signatories = {i.slug: standing.standings_of(i.slug, every_step.get(i.slug, {}), today, names)
                   for i in fields["instruments"]}
    known_cycles, records = reporting.records(reader, today)  # each record names its country
    return {
        "cycles": known_cycles,
        "standings": signatories.get(founding, []),
        "signatories": signatories,
        "records": {r.iso2: r for r in records},
        "listings": listing.listings(reader, today),
        "attendees": meetings.attendees(reader, fields["meetings"]),  # in the order of the names
        "told": in_words(reader, fields["changes"], names.name),
        "quality": measuring.Quality(problems=facts.problems, measures=measuring.completeness(reader, today)),
        "members_on": members_on(founding, every_step.get(founding, {}), today, names),
    }


def year_ends(first: date, today: date) -> list[date]:
    """The last day of each full year from `first`'s, and today."""
    return [date(year, 12, 31) for year in range(first.year, today.year)] + [today]


def members_on(founding: str, steps: dict[str, list[Step]], today: date,
               names: Naming) -> dict[date, list[Standing]]:
    """The members at the end of each year since the first joined, and today, by the library's
    standings on each day (the rule `registry status --as-of` applies)."""
    first = min((s.date for country in steps.values() for s in country), default=None)
    if first is None:
        return {}
    return {day: [s for s in standing.standings_of(founding, steps, day, names) if s.status == "member"]
            for day in year_ends(first, today)}


def position_of(reader: rows.Reader) -> dict[str, Any]:
    """Where the registry stands: each table's row count and highest id, the settings row and
    the last logged change. Every write through the library moves it."""

    tables = {table: list(reader.rows(f'SELECT COUNT(*), MAX(id) FROM "{table}"')[0])
              for table, _ in export.TABLES.values()}
    return {"tables": tables, "alliance": reader.table("alliance"), "last_change": tables["change"][1]}
