"""Consistency checks over the whole registry (`registry check`).

The domain rules keep bad entries out as they are written; these checks
find what slipped in another way (a restored document, a hand edit of the
database, a correction made before a rule existed). Writes that may break
what other entries rely on (corrections, settings, restore) run the same
checks on the entries they touch, inside their transaction, before commit:
they read through rows.Reader.of(session), which sees what was flushed.
"""

from dataclasses import dataclass

from registry.reading.standings import settings, steps
from registry.rules import clock, cycle, entries, history
from registry.rules.errors import RegistryError
from registry.storage.location import content_dir
from registry.storage.rows import Reader


@dataclass(frozen=True)
class Problem:
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


def problems(reader: Reader) -> list[Problem]:
    """Everything inconsistent in the registry; empty when all is well."""
    found = database_problems(reader)
    if found:  # a damaged file: what its tables say cannot be trusted
        return found
    return rule_problems(reader) + action_problems(reader) + report_problems(reader) + meeting_problems(reader)


def rule_problems(reader: Reader) -> list[Problem]:
    """Every stored value that a command, an import or a restore would refuse (rules/entries.py)."""
    found = []
    for table in entries.RULES:
        for row in sorted(reader.table(table), key=lambda r: r["id"]):
            found += [Problem(error.where or table, error.message)
                      for error in entries.problems(table, row, f"{table} {row['id']}")]
    return found


def database_problems(reader: Reader) -> list[Problem]:
    if not reader.sqlite:
        return []
    found = [Problem("database", f"the file is damaged ({result}): restore the last backup, and keep this file "
                                 "for inspection")
             for (result,) in reader.rows("PRAGMA integrity_check") if result != "ok"]
    for table, number, parent, *_ in reader.rows("PRAGMA foreign_key_check"):
        found.append(Problem(f"{table} row {number}", f"refers to a missing {parent}"))
    return found


def action_problems(reader: Reader, instrument: str | None = None, country: str | None = None) -> list[Problem]:
    """Actions dated before their instrument was adopted, and impossible histories."""
    adopted = {i.slug: i.adopted for i in reader.records("instrument")}
    clauses = [(column, value) for column, value in (("instrument", instrument), ("country", country)) if value]
    actions = reader.records("action", " AND ".join(f"{column} = ?" for column, _ in clauses),
                             tuple(value for _, value in clauses))
    found = []
    for action in sorted(actions, key=lambda a: (a.instrument, a.country, a.date, a.id)):
        where = f"action {action.id} ({action.country}, {action.instrument})"
        if action.instrument in adopted and action.date < adopted[action.instrument]:
            found.append(Problem(where, f"dated {action.date}, before the instrument was "
                                        f"adopted on {adopted[action.instrument]}"))
    for slug, by_country in steps(reader, instrument, [country] if country else None).items():
        for iso2, its_steps in by_country.items():
            for message in history.problems(its_steps):
                found.append(Problem(f"history of {iso2} in {slug}", message))
    return found


def report_problems(reader: Reader, report_id: int | None = None) -> list[Problem]:
    """Reports for unknown cycles, from countries that did not owe them, or received before joining."""
    alliance = settings(reader)
    reports = reader.records("report", "id = ?", (report_id,)) if report_id is not None \
        else reader.records("report")
    if not reports:
        return []
    today = clock.today()
    latest = max([today] + [r.received for r in reports])
    try:
        known = {c.slug: c for c in cycle.cycles(alliance, latest)}
    except RegistryError as error:
        return [Problem("settings", str(error))]
    founding = alliance.founding_instrument
    histories = steps(reader, founding).get(founding, {}) if founding else {}
    found = []
    for report in sorted(reports, key=lambda r: r.id):
        where = f"report {report.id} ({report.country}, {report.cycle})"
        due = known.get(report.cycle)
        if due is None:
            found.append(Problem(where, f"no reporting cycle {report.cycle!r}"))
            continue
        owes_on = min(due.due, today)
        its_steps = histories.get(report.country, [])
        if not history.participating_on(its_steps, owes_on):
            found.append(Problem(where, f"{report.country} was not a member on {owes_on}, "
                                        "so it did not owe this report"))
            continue
        period = history.standing(its_steps, owes_on)
        if period is not None and report.received < period.began:
            found.append(Problem(where, f"received {report.received}, before {report.country} "
                                        f"joined on {period.began}"))
    return found


def meeting_problems(reader: Reader) -> list[Problem]:
    """Sessions marked held before they start, and missing outcome documents."""
    found = []
    today = clock.today()
    base = content_dir()
    for meeting in sorted(reader.records("meeting"), key=lambda m: m.id):
        where = f"meeting {meeting.slug}"
        if meeting.status == "held" and meeting.starts > today:
            found.append(Problem(where, f"marked held but starts on {meeting.starts}"))
        if meeting.outcome and base.is_dir() and not (base / meeting.outcome).is_file():
            found.append(Problem(where, f"its outcome document {base / meeting.outcome} is missing"))
    return found

