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
from registry.rules import clock, countries, cycle, history
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
    return (database_problems(reader) + action_problems(reader) + report_problems(reader)
            + meeting_problems(reader))


def database_problems(reader: Reader) -> list[Problem]:
    if not reader.sqlite:
        return []
    found = [Problem("database", result) for (result,) in reader.rows("PRAGMA integrity_check") if result != "ok"]
    for table, number, parent, *_ in reader.rows("PRAGMA foreign_key_check"):
        found.append(Problem(f"{table} row {number}", f"refers to a missing {parent}"))
    return found


def action_problems(reader: Reader, instrument: str | None = None, country: str | None = None) -> list[Problem]:
    """Unknown countries, dates before adoption or in the future, and impossible histories."""
    adopted = {i.slug: i.adopted for i in reader.records("instrument")}
    clauses = [(column, value) for column, value in (("instrument", instrument), ("country", country)) if value]
    actions = reader.records("action", " AND ".join(f"{column} = ?" for column, _ in clauses),
                             tuple(value for _, value in clauses))
    today = clock.today()
    found = []
    for action in sorted(actions, key=lambda a: (a.instrument, a.country, a.date, a.id)):
        where = f"action {action.id} ({action.country}, {action.instrument})"
        found += _country_problem(action.country, where)
        if action.instrument in adopted and action.date < adopted[action.instrument]:
            found.append(Problem(where, f"dated {action.date}, before the instrument was "
                                        f"adopted on {adopted[action.instrument]}"))
        if action.date > today:
            found.append(Problem(where, f"dated {action.date}, in the future"))
    for slug, by_country in steps(reader, instrument, [country] if country else None).items():
        for iso2, its_steps in by_country.items():
            for message in history.problems(its_steps):
                found.append(Problem(f"history of {iso2} in {slug}", message))
    return found


def report_problems(reader: Reader, report_id: int | None = None) -> list[Problem]:
    """Reports from unknown countries, for unknown cycles, from the future or from non-members."""
    alliance = settings(reader)
    reports = reader.records("report", "id = ?", (report_id,)) if report_id is not None \
        else reader.records("report")
    if not reports:
        return []
    today = clock.today()
    latest = max([today] + [r.received for r in reports])
    known = {c.slug: c for c in cycle.cycles(alliance, latest)}
    founding = alliance.founding_instrument
    histories = steps(reader, founding).get(founding, {}) if founding else {}
    found = []
    for report in sorted(reports, key=lambda r: r.id):
        where = f"report {report.id} ({report.country}, {report.cycle})"
        found += _country_problem(report.country, where)
        if report.received > today:
            found.append(Problem(where, f"received {report.received}, in the future"))
        due = known.get(report.cycle)
        if due is None:
            found.append(Problem(where, f"no reporting cycle {report.cycle!r}"))
            continue
        owes_on = min(due.due, today)
        if not history.participating_on(histories.get(report.country, []), owes_on):
            found.append(Problem(where, f"{report.country} was not a member on {owes_on}, "
                                        "so it did not owe this report"))
    return found


def meeting_problems(reader: Reader) -> list[Problem]:
    """Unknown hosts or attendees, sessions held in the future, missing outcome documents."""
    found = []
    today = clock.today()
    base = content_dir()
    for meeting in sorted(reader.records("meeting"), key=lambda m: m.id):
        where = f"meeting {meeting.slug}"
        if meeting.host:
            found += _country_problem(meeting.host, where)
        if meeting.status == "held" and meeting.starts > today:
            found.append(Problem(where, f"marked held but starts on {meeting.starts}"))
        if meeting.ends < meeting.starts:
            found.append(Problem(where, "ends before it starts"))
        if meeting.outcome and base.is_dir() and not (base / meeting.outcome).is_file():
            found.append(Problem(where, f"its outcome document {base / meeting.outcome} is missing"))
    for number, iso2 in reader.rows("SELECT id, country FROM attendance ORDER BY id"):
        found += _country_problem(iso2, f"attendance {number}")
    return found


def _country_problem(iso2: str, where: str) -> list[Problem]:
    try:
        countries.get(iso2)
    except KeyError:
        return [Problem(where, f"unknown country code {iso2!r}")]
    return []
