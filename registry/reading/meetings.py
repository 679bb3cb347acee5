"""Conference sessions and other meetings: who attended, what was adopted there."""

from registry.reading import naming
from registry.rules import terms
from registry.rules.language import N_
from registry.storage.rows import Reader, Row


def meetings(reader: Reader) -> list[Row]:
    """Every meeting, by start date and slug."""
    return sorted(reader.records("meeting"), key=lambda m: (m.starts, m.slug))


#: The roles of attendance, in the order pages list them, with their headings (translated where shown).
ROLES = {"delegation": N_("Delegations"), "observer": N_("Observers"), "organisation": N_("Organisations")}


def attendees(reader: Reader, listed: list[Row]) -> dict[str, list[Row]]:
    """Each meeting's attendance entries (id, country, role, source), by role, then by
    country name, by meeting slug."""
    found: dict[str, list[Row]] = {m.slug: [] for m in listed}
    for entry in reader.records("attendance"):
        found.setdefault(entry.meeting, []).append(entry)
    order = list(ROLES)
    names = naming.of(reader)
    return {slug: sorted(entries, key=lambda a: (order.index(a.role), names.sort_key(a.country)))
            for slug, entries in found.items()}


def attended_by(listed: list[Row], attendance: dict[str, list[Row]]) -> dict[str, list[tuple[Row, Row]]]:
    """The meetings each country attended, by date, each with its attendance entry."""
    found: dict[str, list[tuple[Row, Row]]] = {}
    for meeting in listed:
        for entry in attendance.get(meeting.slug, []):
            found.setdefault(entry.country, []).append((meeting, entry))
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


def decisions(reader: Reader, meeting: str | None = None) -> list[Row]:
    """Decisions by meeting and number; only those of `meeting` if given."""
    found = reader.records("decision", "meeting = ?", (meeting,)) if meeting else reader.records("decision")
    return sorted(found, key=lambda d: (d.meeting, d.number))


def documents(reader: Reader, meeting: str | None = None) -> list[Row]:
    found = reader.records("document", "meeting = ?", (meeting,)) if meeting else reader.records("document")
    return sorted(found, key=lambda d: (d.meeting, d.dated is None, d.dated or 0, d.id))


#: Each kind of decision, and of a session's document, as pages name it (the documents' words
#: translated where shown).
DECISION_WORDS = {kind: words.capitalize() for kind, words in terms.DECISION_WORDS.items()}
DOCUMENT_WORDS = {"agenda": N_("Agenda"), "report": N_("Report"), "participants": N_("List of participants"),
                  "other": N_("Document")}


def latest_held(listed: list[Row]) -> Row | None:
    """The session held most recently (by its start), or None."""
    return max((m for m in listed if m.status == "held"), key=lambda m: (m.starts, m.slug), default=None)
