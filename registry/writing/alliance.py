"""The registry's settings: the alliance's name, founding instrument and cycle.

They live in one row of the `alliance` table, so that they travel with the
registry (export, backup, PostgreSQL) and every change to them is logged.
"""

from datetime import date

from sqlmodel import Session

from registry.reading import standings
from registry.storage import location
from registry.storage.models import Alliance
from registry.storage.rows import Reader, Row

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
    "licence": "the open data's licence, an SPDX identifier (CC-BY-4.0 unless set)",
    "name-convention": "how countries are named: un (the UN's short names), iso or cldr",
}



def get(session: Session) -> Alliance:
    alliance = session.get(Alliance, 1)
    if alliance is None:
        raise location.no_settings()
    return alliance


def ensure(session: Session) -> bool:
    """Create the settings row if missing; True if it was created."""
    if session.get(Alliance, 1) is not None:
        return False
    session.add(Alliance(id=1, name="Unnamed alliance"))
    return True


def founding_instrument(session: Session) -> str:
    return standings.founding_instrument(Reader.of(session))


def settings_view(alliance: "Alliance | Row") -> dict[str, str | int | None]:
    out = {}
    for setting in SETTINGS:
        value = getattr(alliance, setting.replace("-", "_"))
        out[setting] = value.isoformat() if isinstance(value, date) else value
    return out
