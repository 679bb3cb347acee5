"""Changing the registry's settings: checked, refused when they would orphan reports, logged."""

from sqlmodel import Session

from registry.reading import check
from registry.rules import entries
from registry.rules.errors import RegistryError
from registry.storage.models import Alliance
from registry.storage.rows import Reader
from registry.writing import changelog, countrynames, instruments
from registry.writing.alliance import SETTINGS, get


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
    countrynames.forget(session)  # the name-convention may have changed
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
    """The setting's value as stored, by the rule every path uses (rules/entries.py)."""
    if setting == "founding-instrument":
        return instruments.find(session, value).slug
    return entries.check("alliance", setting.replace("-", "_"), value, where=setting)
