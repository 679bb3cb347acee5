"""What a session decided and the documents it left: decisions, numbered within the session,
and its agenda, report and list of participants."""

from sqlmodel import Session, col, func, select

from registry.rules import entries, terms
from registry.rules.errors import RegistryError
from registry.storage import db
from registry.storage.models import Decision, Document
from registry.writing import changelog, instruments, meetings

DECISION_WORDS = terms.DECISION_WORDS


def decide(session: Session, slug: str, *, title: str, kind: str = "decision", text: str = "",
           number: int | str | None = None, instrument: str | None = None, source: str = "",
           by: str | None = None) -> Decision:
    """Record a decision of a session, numbered after its last one unless `number` says."""
    meeting = meetings.find(session, slug)
    if number is None:
        last = session.exec(select(func.max(Decision.number)).where(Decision.meeting == slug)).one()
        number = (last or 0) + 1
    number = int(entries.check("decision", "number", number))
    if session.exec(select(Decision).where(Decision.meeting == slug, Decision.number == number)).first():
        raise RegistryError(f"{meeting.title} already has a decision {number}",
                            hint=f"'registry session show {slug}' lists its decisions; leave out --number "
                                 "to number it after the last")
    if instrument:
        instruments.find(session, instrument)
    decision = Decision(
        meeting=slug, number=number, kind=entries.check("decision", "kind", kind),
        title=entries.check("decision", "title", title), text=entries.check("decision", "text", text),
        instrument=instrument or None, source=entries.check("decision", "source", source))
    session.add(decision)
    db.flush(session, f"decision {number} of {slug}")
    adopted = f", adopting {instrument}" if instrument else ""
    changelog.record(session, what="decision.add", row=decision, by=by, country=meeting.host,
                     summary=f"{meeting.title} ({meeting.starts}) adopted {DECISION_WORDS[decision.kind]} "
                             f"{number}: {decision.title}{adopted}")
    return decision


def add_document(session: Session, slug: str, *, title: str, kind: str = "other", dated: str | None = None,
                 url: str = "", by: str | None = None) -> Document:
    """Record a document of a session: its agenda, report, list of participants or another."""
    meeting = meetings.find(session, slug)
    document = Document(
        meeting=slug, kind=entries.check("document", "kind", kind), title=entries.check("document", "title", title),
        dated=entries.check("document", "dated", dated or None), url=entries.check("document", "url", url))
    session.add(document)
    db.flush(session, f"the document of {slug}")
    changelog.record(session, what="document.add", row=document, by=by, country=meeting.host,
                     summary=f"{meeting.title} ({meeting.starts}): {document.kind} document added: {document.title}")
    return document


def decisions_of(session: Session, slug: str) -> list[Decision]:
    return list(session.exec(select(Decision).where(Decision.meeting == slug).order_by(col(Decision.number))))
