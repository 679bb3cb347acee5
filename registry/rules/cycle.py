"""The biennial cycle: what falls due when, and where each country stands.

Cycles are derived from the alliance's settings (first due dates and
intervals), not stored, so a registry never runs out of cycles. Each cycle
is named after the year its report falls due: "2013" for the one-off
announcement, then "2014", "2016", ...

A report is owed only by a country that was a member on the due date. A
missing report is overdue once its due date has passed, except for cycles
due before the registry began keeping the reporting record
(`records-kept-since`): there the registry simply does not know, and says
"no record" rather than accuse a member falsely.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from registry.rules import history, language, naming
from registry.rules.errors import RegistryError
from registry.rules.history import Step


class CycleSettings(Protocol):
    """The settings the cycles are made from (the alliance row, or anything with these fields)."""

    announcement_due: date | None
    first_report_due: date | None
    report_interval_years: int
    first_conference_by: date | None
    conference_interval_years: int


class Report(Protocol):
    """What the rules read of a report (a stored row, or anything with these fields)."""

    id: int | None
    received: date
    url: str
    source: str
    note: str


RECEIVED_ON_TIME = "received"
RECEIVED_LATE = "received-late"
OVERDUE = "overdue"
NOT_YET_DUE = "not-yet-due"
NOT_OWED = "not-owed"
NO_RECORD = "no-record"

#: Every status, with the words shown to readers (in English; `Obligation.label` gives them
#: in the language in use).
STATUSES = {
    RECEIVED_ON_TIME: language.N_("received on time"),
    RECEIVED_LATE: language.N_("received late"),
    OVERDUE: language.N_("overdue"),
    NOT_YET_DUE: language.N_("not yet due"),
    NOT_OWED: language.N_("not owed"),
    NO_RECORD: language.N_("no record"),
}


@dataclass(frozen=True)
class Cycle:
    slug: str
    kind: str  # "announcement" or "implementation"
    due: date
    conference_by: date | None = None

    @property
    def title(self) -> str:
        """The cycle in words, in the language in use: "Implementation report 2016, due
        30 June 2016" (the command line's, the open data's and the feeds' are English)."""
        if self.kind == "announcement":
            return language.gettext("Announcement of efforts, due %(date)s") % {"date": language.long_date(self.due)}
        return language.gettext("Implementation report %(cycle)s, due %(date)s") % {
            "cycle": self.slug, "date": language.long_date(self.due)}


@dataclass(frozen=True)
class Obligation:
    """One country's standing in one cycle on a given date."""

    cycle: Cycle
    status: str
    report: Report | None = None

    @property
    def label(self) -> str:
        """The status in words, in the language in use."""
        return language.gettext(STATUSES[self.status])


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def cycles(settings: CycleSettings, until: date) -> list[Cycle]:
    """Every cycle due on or before `until`, and the first one due after it."""
    for setting in ("report_interval_years", "conference_interval_years"):
        years = getattr(settings, setting)
        if not isinstance(years, int) or years < 1:
            name = setting.replace("_", "-")
            raise RegistryError(f"the setting {name} is {years!r}, so the cycles cannot be worked out",
                                hint=f"set it with 'registry settings set {name} 2 --reason ...'")
    found: list[Cycle] = []
    if settings.announcement_due:
        found.append(Cycle(str(settings.announcement_due.year), "announcement",
                           settings.announcement_due))
    if settings.first_report_due:
        step = 0
        while True:
            due = _add_years(settings.first_report_due, step * settings.report_interval_years)
            conference = None
            if settings.first_conference_by:
                conference = _add_years(
                    settings.first_conference_by, step * settings.conference_interval_years
                )
            slug = str(due.year)
            if any(c.slug == slug for c in found):
                slug = f"report-{due.year}"
            found.append(Cycle(slug, "implementation", due, conference))
            if due > until:
                break
            step += 1
    return found


def find(settings: CycleSettings, slug: str, *, until: date, where: str | None = None) -> Cycle:
    known = cycles(settings, until)
    for cycle in known:
        if cycle.slug == str(slug).strip():
            return cycle
    listed = ", ".join(c.slug for c in known) or "none: the registry has no cycle settings"
    raise RegistryError(f"no reporting cycle {slug!r}", where=where, hint=f"cycles are: {listed}")


def obligation(
    cycle: Cycle,
    *,
    member_on_due: bool,
    member_now: bool,
    report: Report | None,
    as_of: date,
    records_kept_since: date | None,
) -> Obligation:
    """Where a country stands in `cycle` on `as_of`; a pure function."""
    if report is not None and report.received <= as_of:
        late = report.received > cycle.due
        return Obligation(cycle, RECEIVED_LATE if late else RECEIVED_ON_TIME, report)
    if cycle.due > as_of:
        return Obligation(cycle, NOT_YET_DUE if member_now else NOT_OWED)
    if not member_on_due:
        return Obligation(cycle, NOT_OWED)
    if records_kept_since is not None and cycle.due < records_kept_since:
        return Obligation(cycle, NO_RECORD)
    return Obligation(cycle, OVERDUE)


@dataclass(frozen=True)
class Record:
    """One country's reporting record on a date: every cycle, and what is next."""

    iso2: str
    name: str
    obligations: list[Obligation]

    @property
    def next_due(self) -> Obligation | None:
        return next((o for o in self.obligations if o.status == NOT_YET_DUE), None)

    @property
    def overdue(self) -> list[Obligation]:
        return [o for o in self.obligations if o.status == OVERDUE]

    @property
    def latest_received(self) -> Obligation | None:
        received = [o for o in self.obligations
                    if o.report is not None and o.status in (RECEIVED_ON_TIME, RECEIVED_LATE)]
        return received[-1] if received else None


def record(iso2: str, steps: list[Step], known: list[Cycle], reports: Mapping[tuple[str, str], Report],
           as_of: date, records_kept_since: date | None, names: naming.Naming = naming.UN) -> Record:
    """A country's record in every known cycle, from its steps in the founding instrument and
    the reports by (country, cycle); a pure function."""
    member_now = history.participating_on(steps, as_of)
    obligations = [
        obligation(
            c,
            member_on_due=history.participating_on(steps, c.due),
            member_now=member_now,
            report=reports.get((iso2, c.slug)),
            as_of=as_of,
            records_kept_since=records_kept_since,
        )
        for c in known
    ]
    return Record(iso2, names.name(iso2, on=as_of), obligations)


def records(histories: Mapping[str, list[Step]], known: list[Cycle], reports: Mapping[tuple[str, str], Report],
            as_of: date, records_kept_since: date | None, names: naming.Naming = naming.UN) -> list[Record]:
    """The record of every country that had joined by `as_of`, by name; `histories` holds each
    country's steps in the founding instrument."""
    found = [record(iso2, steps, known, reports, as_of, records_kept_since, names)
             for iso2, steps in histories.items() if history.standing(steps, as_of) is not None]
    return sorted(found, key=lambda r: (naming.sort_key(r.name), r.iso2))
