"""Consistency checks over the whole registry (`registry check`).

The domain rules keep bad entries out as they are written; these checks
find what slipped in another way (a restored document, a hand edit of the
database, a correction made before a rule existed). Corrections run the
same checks on the entries they touch before they are committed.
"""

from dataclasses import dataclass

from sqlalchemy import text
from sqlmodel import Session, select

from registry.rules import clock, countries, cycle, history
from registry.storage.models import Action, Attendance, Instrument, Meeting, Report
from registry.writing import alliance, meetings, participation


@dataclass(frozen=True)
class Problem:
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


def problems(session: Session) -> list[Problem]:
    """Everything inconsistent in the registry; empty when all is well."""
    found = database_problems(session)
    found += action_problems(session)
    found += report_problems(session)
    found += meeting_problems(session)
    return found


def database_problems(session: Session) -> list[Problem]:
    if session.get_bind().dialect.name != "sqlite":
        return []
    found = []
    for (result,) in session.exec(text("PRAGMA integrity_check")):
        if result != "ok":
            found.append(Problem("database", result))
    for row in session.exec(text("PRAGMA foreign_key_check")):
        found.append(Problem(f"{row[0]} row {row[1]}", f"refers to a missing {row[2]}"))
    return found


def action_problems(session: Session, instrument: str | None = None,
                    country: str | None = None) -> list[Problem]:
    adopted = {i.slug: i.adopted for i in session.exec(select(Instrument))}
    query = select(Action)
    if instrument:
        query = query.where(Action.instrument == instrument)
    if country:
        query = query.where(Action.country == country)
    actions = list(session.exec(query.order_by(Action.instrument, Action.country, Action.date)))
    found = []
    today = clock.today()
    groups: dict[tuple[str, str], list[Action]] = {}
    for action in actions:
        groups.setdefault((action.instrument, action.country), []).append(action)
        where = f"action {action.id} ({action.country}, {action.instrument})"
        found += _country_problem(action.country, where)
        if action.instrument in adopted and action.date < adopted[action.instrument]:
            found.append(Problem(where, f"dated {action.date}, before the instrument was "
                                        f"adopted on {adopted[action.instrument]}"))
        if action.date > today:
            found.append(Problem(where, f"dated {action.date}, in the future"))
    for (slug, iso2), group in groups.items():
        for message in history.problems([participation.step(a) for a in group]):
            found.append(Problem(f"history of {iso2} in {slug}", message))
    return found


def report_problems(session: Session, report_id: int | None = None) -> list[Problem]:
    settings = alliance.get(session)
    founding = settings.founding_instrument
    query = select(Report)
    if report_id is not None:
        query = query.where(Report.id == report_id)
    reports = list(session.exec(query))
    if not reports:
        return []
    today = clock.today()
    latest = max([today] + [r.received for r in reports])
    known = {c.slug: c for c in cycle.cycles(settings, latest)}
    steps = {}
    if founding:
        grouped = participation.by_country(participation.actions_of(session, founding))
        steps = {k: [participation.step(a) for a in v] for k, v in grouped.items()}
    found = []
    for report in reports:
        where = f"report {report.id} ({report.country}, {report.cycle})"
        found += _country_problem(report.country, where)
        if report.received > today:
            found.append(Problem(where, f"received {report.received}, in the future"))
        due = known.get(report.cycle)
        if due is None:
            found.append(Problem(where, f"no reporting cycle {report.cycle!r}"))
            continue
        owes_on = min(due.due, today)
        if not history.participating_on(steps.get(report.country, []), owes_on):
            found.append(Problem(where, f"{report.country} was not a member on {owes_on}, "
                                        "so it did not owe this report"))
    return found


def meeting_problems(session: Session) -> list[Problem]:
    found = []
    today = clock.today()
    base = meetings.content_dir()
    for meeting in session.exec(select(Meeting)):
        where = f"meeting {meeting.slug}"
        if meeting.host:
            found += _country_problem(meeting.host, where)
        if meeting.status == "held" and meeting.starts > today:
            found.append(Problem(where, f"marked held but starts on {meeting.starts}"))
        if meeting.outcome and base.is_dir() and not (base / meeting.outcome).is_file():
            found.append(Problem(where, f"its outcome document {base / meeting.outcome} is missing"))
    for attendance in session.exec(select(Attendance)):
        found += _country_problem(attendance.country, f"attendance {attendance.id}")
    return found


def _country_problem(iso2: str, where: str) -> list[Problem]:
    try:
        countries.get(iso2)
    except KeyError:
        return [Problem(where, f"unknown country code {iso2!r}")]
    return []

