"""Changing the registry's settings: checked, refused when they would orphan reports, logged."""

from sqlmodel import Session

from registry.reading import check
from registry.rules import fields
from registry.rules.errors import RegistryError
from registry.storage.models import Alliance
from registry.storage.rows import Reader
from registry.writing import changelog, instruments
from registry.writing.alliance import _DATES, _YEARS, SETTINGS, get


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
    session.flush()
    problems = check.report_problems(Reader.of(session))
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
