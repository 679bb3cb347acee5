"""Reports: recording what members submit, and the reporting record.

`record()` enforces who may report for which cycle; reading/reporting.py
answers, for any date, where each country stands in each cycle.
"""

from datetime import date

from sqlmodel import Session, select

from registry.rules import clock, countries, cycle, entries, fields, history, plausibility
from registry.rules.errors import RegistryError
from registry.storage.models import Report
from registry.writing import alliance, changelog, countrynames, participation


def record(
    session: Session,
    country: str,
    *,
    cycle_slug: str,
    received: str | date,
    url: str = "",
    source: str = "",
    note: str = "",
    by: str | None = None,
) -> Report:
    """Record a report received from a country for a cycle; a date or cycle that looks
    mistaken is noted as a warning (rules/plausibility.py)."""
    iso2 = countries.resolve(country).iso2
    name = countrynames.name(session, iso2)
    day = fields.past_date(received, "received")
    settings = alliance.get(session)
    named = entries.check("report", "cycle", cycle_slug.strip() if isinstance(cycle_slug, str) else cycle_slug)
    found = cycle.find(settings, named, until=max(day, clock.today()))
    steps = _founding_steps(session, iso2)
    owes_on = found.due if found.due <= clock.today() else clock.today()
    if not history.participating_on(steps, owes_on):
        raise RegistryError(
            f"{name} ({iso2}) does not owe the {found.slug} report: "
            f"it was not a member on {owes_on}",
            hint="a report is owed by the countries that are members on its due date",
        )
    current = history.standing(steps, owes_on)
    assert current is not None  # (it participates on that day)
    joined = current.began
    if day < joined:
        raise RegistryError(
            f"received {day} is before {name} joined on {joined}",
            hint="check the date of receipt",
        )
    existing = session.exec(
        select(Report).where(Report.country == iso2, Report.cycle == found.slug)
    ).first()
    if existing:
        raise RegistryError(
            f"a {found.slug} report from {name} ({iso2}) was already "
            f"recorded as received on {existing.received} (entry {existing.id})",
            hint=f"to change it, use 'registry correct report {existing.id} ... --reason'",
        )
    for warning in plausibility.report_warnings(day, found, settings):
        changelog.warn(session, f"the {found.slug} report of {name}: {warning}")
    report = Report(
        country=iso2, cycle=found.slug, received=day, url=entries.check("report", "url", url),
        source=entries.check("report", "source", source), note=entries.check("report", "note", note),
    )
    session.add(report)
    session.flush()
    changelog.record(
        session, what="report.record", row=report, by=by,
        summary=f"{name} ({iso2}): {found.slug} report received on {day}",
    )
    return report


def _founding_steps(session: Session, iso2: str):
    slug = alliance.founding_instrument(session)
    return [participation.step(a) for a in participation.actions_of(session, slug, iso2)]
