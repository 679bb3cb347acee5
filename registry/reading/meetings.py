"""Conference sessions and other meetings: who attended, what was adopted there."""

from registry.rules import countries
from registry.storage.rows import Reader, Row


def meetings(reader: Reader) -> list[Row]:
    """Every meeting, by start date and slug."""
    return sorted(reader.records("meeting"), key=lambda m: (m.starts, m.slug))


def attendees(reader: Reader, listed: list[Row]) -> dict[str, list[str]]:
    """The ISO codes of each meeting's attendees, by country name, by meeting slug."""
    found: dict[str, list[str]] = {m.slug: [] for m in listed}
    for slug, iso2 in reader.rows("SELECT meeting, country FROM attendance"):
        found.setdefault(slug, []).append(iso2)
    return {slug: sorted(codes, key=countries.name) for slug, codes in found.items()}


def attended_by(listed: list[Row], attendance: dict[str, list[str]]) -> dict[str, list[Row]]:
    """The meetings each country attended, by date."""
    found: dict[str, list[Row]] = {}
    for meeting in listed:
        for iso2 in attendance.get(meeting.slug, []):
            found.setdefault(iso2, []).append(meeting)
    return found


def adopted_at(reader: Reader) -> dict[str, list[str]]:
    """The instruments adopted at each meeting (named by their actions), by meeting slug."""
    found: dict[str, list[str]] = {}
    for meeting, instrument, _ in reader.rows(
            "SELECT DISTINCT action.meeting, instrument.slug, instrument.adopted FROM action "
            "JOIN instrument ON instrument.slug = action.instrument WHERE action.meeting IS NOT NULL "
            "ORDER BY instrument.adopted, instrument.slug"):
        found.setdefault(meeting, []).append(instrument)
    return found
