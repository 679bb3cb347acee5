"""The registry's settings: the alliance's name, founding instrument and cycle.

They live in one row of the `alliance` table, so that they travel with the
registry (export, backup, PostgreSQL) and every change to them is logged.
"""

from datetime import date

from sqlmodel import Session

from registry import changelog, fields, instruments, rows, standing
from registry.errors import RegistryError
from registry.models import Alliance
from registry.rows import Reader

#: The settings a secretariat may change, with how each is checked.
SETTINGS = {
    "name": "the alliance's full name",
    "short-name": "a short name for headings",
    "founding-instrument": "slug of the instrument whose participants are the members",
    "announcement-due": "date the one-off announcement of efforts was due",
    "first-report-due": "date the first implementation report was due",
    "report-interval-years": "years between implementation reports",
    "first-conference-by": "date by which the first conference was due",
    "conference-interval-years": "years between conferences",
    "records-kept-since": "date from which the registry keeps the reporting record",
    "contact": "where members ask for corrections (an e-mail or web address)",
}

_DATES = {"announcement-due", "first-report-due", "first-conference-by", "records-kept-since"}
_YEARS = {"report-interval-years", "conference-interval-years"}


def get(session: Session) -> Alliance:
    alliance = session.get(Alliance, 1)
    if alliance is None:
        raise rows.no_settings()
    return alliance


def ensure(session: Session) -> bool:
    """Create the settings row if missing; True if it was created."""
    if session.get(Alliance, 1) is not None:
        return False
    session.add(Alliance(id=1, name="Unnamed alliance"))
    return True


def founding_instrument(session: Session) -> str:
    return standing.founding_instrument(Reader.of(session))


def change(session: Session, setting: str, value: str, *, by: str | None, reason: str = "") -> Alliance:
    """Change one setting, checked, and log it."""
    if setting not in SETTINGS:
        raise RegistryError(
            f"unknown setting {setting!r}", hint=f"settings are: {', '.join(SETTINGS)}"
        )
    alliance = get(session)
    before = changelog.snapshot(alliance)
    attribute = setting.replace("-", "_")
    setattr(alliance, attribute, _checked(session, setting, value))
    session.add(alliance)
    session.flush()
    _refuse_orphaned_reports(session, setting)
    changelog.record(
        session, what="settings.change", row=alliance, by=by, before=before, reason=reason,
        summary=f"setting {setting} changed to {value!r}",
    )
    return alliance


def _refuse_orphaned_reports(session: Session, setting: str) -> None:
    """A new cycle or founding instrument must still account for every report."""
    from registry import check  # check reads the settings: imported late to avoid a cycle

    problems = check.report_problems(session)
    if problems:
        raise RegistryError(
            f"changing {setting} would leave recorded reports without an owing member or cycle: "
            + "; ".join(str(p) for p in problems[:5]),
            hint="correct or retract those reports first",
        )


def _checked(session: Session, setting: str, value: str):
    if setting in _DATES:
        return fields.parse_date(value, setting) if value else None
    if setting in _YEARS:
        if not value.isdigit() or not 1 <= int(value) <= 10:
            raise RegistryError(f"{setting} must be a whole number of years from 1 to 10")
        return int(value)
    if setting == "founding-instrument":
        return instruments.find(session, value).slug
    return fields.line(value, setting, required=setting == "name")


def settings_view(alliance: Alliance) -> dict[str, str | int | None]:
    out = {}
    for setting in SETTINGS:
        value = getattr(alliance, setting.replace("-", "_"))
        out[setting] = value.isoformat() if isinstance(value, date) else value
    return out
