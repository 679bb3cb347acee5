"""The founding record: what `registry init --seed` loads.

The facts live in data/founding.json, written from the alliance's founding
documents with countries named as the documents name them. Loading goes
through the same library functions as the CLI, so the founding record obeys
every rule and appears in the change log. Entries already present are left
alone, which makes seeding safe to repeat.
"""

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlmodel import Session, col, select

from registry.rules import clock, countries
from registry.storage.models import Action, Alliance, Decision, Document, Indicator, Instrument, Meeting, Target
from registry.writing import alliance, commitments, instruments, meetings, outcomes, participation
from registry.writing import settings as setting_changes

FOUNDING_RECORD = Path(__file__).parents[1] / "data" / "founding.json"


@dataclass
class Seeded:
    """What a seeding added, by kind of entry; empty when it changed nothing."""

    added: dict[str, int] = field(default_factory=dict)

    def count(self, kind: str) -> None:
        self.added[kind] = self.added.get(kind, 0) + 1

    @property
    def changed(self) -> bool:
        return bool(self.added)


def founding_record() -> dict:
    return json.loads(FOUNDING_RECORD.read_text(encoding="utf-8"))


def load(session: Session, *, by: str | None = None) -> Seeded:
    record = founding_record()
    seeded = Seeded()
    for entry in record["meetings"]:
        _meeting(session, entry, seeded, by)
    for entry in record["instruments"]:
        _instrument(session, entry, seeded, by)
    for entry in record["meetings"]:
        _attendance_from_participants(session, entry, seeded, by)
    _settings(session, record["alliance"], seeded, by)
    _outcomes(session, record, seeded, by)
    _aims(session, record, seeded, by)
    return seeded


def _meeting(session: Session, entry: dict, seeded: Seeded, by: str | None) -> None:
    if not session.exec(select(Meeting).where(Meeting.slug == entry["slug"])).first():
        meetings.schedule(
            session, kind=entry["kind"], slug=entry["slug"], title=entry["title"],
            starts=entry["starts"], city=entry["city"], host=entry["host"],
            note=entry.get("note", ""), by=by,
        )
        meetings.mark_held(session, entry["slug"], by=by)
        seeded.count("meetings")
    present = set(meetings.attendees(session, entry["slug"]))
    for name in entry["attendance"]:
        if countries.resolve(name).iso2 not in present:
            meetings.attend(session, entry["slug"], name, by=by)
            seeded.count("attendances")


def _attendance_from_participants(session: Session, entry: dict, seeded: Seeded, by: str | None) -> None:
    """Those who endorsed an instrument at a meeting attended it: the document's list of
    endorsers is the record of attendance."""
    listed = entry.get("attendance_from")
    if not listed:
        return
    present = set(meetings.attendees(session, entry["slug"]))
    wanted = [(iso2, None, listed["source"]) for iso2 in session.exec(
        select(Action.country).where(Action.instrument == listed["instrument"], Action.meeting == entry["slug"])
        .order_by(col(Action.id)))]  # in the order the founding record lists them, on every backend
    wanted += [(extra["country"], extra["role"], extra["source"]) for extra in entry.get("attendance_extra", [])]
    for iso2, role, source in wanted:
        if iso2 not in present:
            meetings.attend(session, entry["slug"], iso2, role=role, source=source, by=by)
            present.add(iso2)
            seeded.count("attendances")


def _outcomes(session: Session, record: dict, seeded: Seeded, by: str | None) -> None:
    for entry in record.get("decisions", []):
        if not session.exec(select(Decision).where(Decision.meeting == entry["meeting"],
                                                   Decision.title == entry["title"])).first():
            outcomes.decide(session, entry["meeting"], title=entry["title"], kind=entry["kind"], text=entry["text"],
                            instrument=entry.get("instrument"), source=entry["source"], by=by)
            seeded.count("decisions")
    for entry in record.get("documents", []):
        if not session.exec(select(Document).where(Document.meeting == entry["meeting"],
                                                   Document.title == entry["title"])).first():
            outcomes.add_document(session, entry["meeting"], title=entry["title"], kind=entry["kind"],
                                  dated=entry["dated"], url=entry["url"], by=by)
            seeded.count("documents")


def _aims(session: Session, record: dict, seeded: Seeded, by: str | None) -> None:
    for entry in record.get("targets", []):
        if not session.exec(select(Target).where(Target.slug == entry["slug"])).first():
            commitments.add_target(session, entry["slug"], instrument=entry["instrument"], kind=entry["kind"],
                                   number=entry["number"], title=entry["title"], text=entry["text"],
                                   source=entry["source"], by=by)
            seeded.count("targets")
    for entry in record.get("indicators", []):
        if not session.exec(select(Indicator).where(Indicator.slug == entry["slug"])).first():
            commitments.add_indicator(session, entry["slug"], target=entry["target"], title=entry["title"],
                                      unit=entry["unit"], growth_percent=entry["growth_percent"],
                                      source=entry["source"], by=by)
            seeded.count("indicators")


def _instrument(session: Session, entry: dict, seeded: Seeded, by: str | None) -> None:
    slug = entry["slug"]
    if not session.exec(select(Instrument).where(Instrument.slug == slug)).first():
        instruments.add(
            session, slug, title=entry["title"], adopted=entry["adopted"], kind=entry["kind"],
            place=entry["place"], issuer=entry["issuer"], citation=entry["citation"], by=by,
        )
        seeded.count("instruments")
    present = set(session.exec(select(Action.country).where(Action.instrument == slug)))
    for group in entry["participants"]:
        for name in group["countries"]:
            iso2 = countries.resolve(name).iso2
            if iso2 in present:
                continue
            # Named as the document names it: the action keeps that name (written_as).
            participation.join(
                session, name, on=entry["adopted"], instrument=slug, kind=group["kind"],
                evidence="meeting", meeting=entry["meeting"], source=entry["citation"],
                note=group.get("note", ""), by=by,
            )
            seeded.count("participations")


def _settings(session: Session, values: dict, seeded: Seeded, by: str | None) -> None:
    settings = alliance.get(session)
    blank = Alliance(id=1, name="Unnamed alliance")
    for attribute, value in values.items():
        if getattr(settings, attribute) != getattr(blank, attribute):
            continue  # the secretariat has set it: keep theirs
        parsed = date.fromisoformat(value) if attribute.endswith(("_due", "_by")) else value
        if getattr(settings, attribute) != parsed:
            setting_changes.change(session, attribute.replace("_", "-"), str(value), by=by,
                            reason="founding record")
            seeded.count("settings")
    if settings.records_kept_since is None:
        # Reports due before the registry existed are unknown to it, not overdue.
        setting_changes.change(session, "records-kept-since", clock.today().isoformat(), by=by,
                        reason="the registry keeps the reporting record from the day it was set up")
        seeded.count("settings")
