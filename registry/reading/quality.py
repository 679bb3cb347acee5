"""The quality of the published record: what `registry check` finds inconsistent, and how
complete the record is (what a reader cannot check, and the secretariat can fill in).

The same measures are printed by `registry check --completeness` and published at
/data/quality/, so that the public can judge the record and the secretariat sees what to fill.
What a measure counts, what would complete it and its entries are in the language in use
(rules/language.py: the site reads them once in each of its languages; the command line is
English); the commands stay as typed, and `registry check`'s problems are the command line's
own messages, in English.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from registry.reading import check
from registry.reading import naming as registry_naming
from registry.reading.standings import settings
from registry.rules import cycle, language
from registry.rules.errors import RegistryError
from registry.rules.language import _
from registry.storage.rows import Reader, Row


@dataclass(frozen=True)
class Entry:
    """An entry a measure concerns: in words, and what it belongs to (a country by its ISO code,
    a meeting by its slug, a reporting cycle by its slug), so that it can be linked."""

    text: str
    country: str | None = None
    meeting: str | None = None
    cycle: str | None = None


@dataclass(frozen=True)
class Measure:
    key: str
    title: str  # what is counted, in words (in the language in use)
    advice: str  # what would complete the record, in words (in the language in use)
    command: str  # how the secretariat does it (a command line: never translated)
    entries: list[Entry] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.entries)


@dataclass(frozen=True)
class Quality:
    problems: list[check.Problem]  # `registry check`: inconsistencies, none when all is well
    measures: list[Measure]  # completeness


def quality(reader: Reader, today: date) -> Quality:
    """The consistency checks and every completeness measure, read in one transaction."""
    return Quality(problems=check.problems(reader), measures=completeness(reader, today))


def completeness(reader: Reader, today: date) -> list[Measure]:
    name = registry_naming.of(reader).name  # countries as the registry names them
    meetings = sorted(reader.records("meeting"), key=lambda m: (m.starts, m.slug))
    held = [m for m in meetings if m.status == "held"]
    decided = {d.meeting for d in reader.records("decision")}
    attended = {a.meeting for a in reader.records("attendance")}
    return [
        actions_without_source(reader, name),
        reports_without_url(reader, name),
        Measure("meetings-without-outcome", _("Meetings held without decisions or an outcome document"),
                _("the decisions the meeting took, or its outcome document"),
                "registry session decide, or registry session outcome",
                [_meeting(m) for m in held if m.slug not in decided and not m.outcome]),
        Measure("meetings-without-attendance", _("Meetings held without attendance"),
                _("who attended"), "registry session attend",
                [_meeting(m) for m in held if m.slug not in attended]),
        cycles_before_records(reader, today),
    ]


def actions_without_source(reader: Reader, name: Callable[[str], str]) -> Measure:
    found = [a for a in reader.records("action") if not (a.source or "").strip()]
    return Measure("actions-without-source", _("Actions without a source"),
                   _("the document that evidences each"), "registry correct action ID source=...",
                   [Entry(_("%(country)s (%(code)s): %(kind)s of %(instrument)s on %(date)s (action %(id)s)") % {
                       "country": name(a.country), "code": a.country, "kind": a.kind, "instrument": a.instrument,
                       "date": a.date, "id": a.id}, country=a.country)
                    for a in sorted(found, key=lambda a: (a.country, a.instrument, a.date, a.id))])


def reports_without_url(reader: Reader, name: Callable[[str], str]) -> Measure:
    found = [r for r in reader.records("report") if not (r.url or "").strip()]
    return Measure("reports-without-url", _("Reports without an address"),
                   _("the address where each report can be read"), "registry correct report COUNTRY CYCLE url=...",
                   [Entry(_("%(country)s (%(code)s): %(cycle)s report, received on %(date)s (report %(id)s)") % {
                       "country": name(r.country), "code": r.country, "cycle": r.cycle, "date": r.received,
                       "id": r.id}, country=r.country)
                    for r in sorted(found, key=lambda r: (r.cycle, r.country, r.id))])


def cycles_before_records(reader: Reader, today: date) -> Measure:
    """Cycles due before the registry kept the reporting record: every member's report in them
    shows as "no record", whether it was sent or not."""
    alliance = settings(reader)
    kept_since = alliance.records_kept_since
    try:
        known = cycle.cycles(alliance, today) if kept_since else []
    except RegistryError:  # settings that give no cycles: `registry check` names them
        known = []
    return Measure("cycles-before-records", _("Reporting cycles due before records were kept"),
                   _("the reports of those cycles that the secretariat holds: the registry keeps the reporting "
                     "record from %(date)s, and every report due before then shows as “no record”")
                   % {"date": language.long_date(kept_since)} if kept_since else "",
                   "registry report record, then registry settings set records-kept-since",
                   [Entry(c.title, cycle=c.slug) for c in known if kept_since and c.due < kept_since])


def _meeting(meeting: Row) -> Entry:
    return Entry(f"{meeting.title} ({meeting.slug}), {meeting.starts}", meeting=meeting.slug)

