"""Instruments: the texts that countries endorse, sign or accede to."""

from sqlmodel import Session, select

from registry.rules import fields, standing, terms
from registry.rules.errors import RegistryError
from registry.storage.models import Instrument
from registry.writing import changelog

KINDS = terms.INSTRUMENT_KINDS


def find(session: Session, slug: str, *, where: str | None = None) -> Instrument:
    # What is not a slug names no instrument: the database is not asked (PostgreSQL refuses a NUL).
    found = session.exec(select(Instrument).where(Instrument.slug == slug)) if fields.is_slug(slug) else None
    instrument = found.first() if found is not None else None
    if instrument is None:
        raise standing.no_instrument(slug, where)
    return instrument


def add(
    session: Session,
    slug: str,
    *,
    title: str,
    adopted: str,
    kind: str = "declaration",
    place: str = "",
    issuer: str = "",
    citation: str = "",
    by: str | None = None,
) -> Instrument:
    slug = fields.slug(slug)
    if session.exec(select(Instrument).where(Instrument.slug == slug)).first():
        raise RegistryError(
            f"an instrument {slug!r} already exists",
            hint="choose another slug, or correct the existing one with 'registry correct instrument'",
        )
    if kind not in KINDS:
        raise RegistryError(f"unknown kind {fields.shown(kind)}", hint=f"kinds are: {', '.join(KINDS)}")
    instrument = Instrument(
        slug=slug,
        title=fields.line(title, "title", required=True),
        kind=kind,
        adopted=fields.past_date(adopted, "adoption date"),
        place=fields.line(place, "place"),
        issuer=fields.line(issuer, "issuer"),
        citation=fields.text(citation, "citation"),
    )
    session.add(instrument)
    session.flush()
    changelog.record(
        session, what="instrument.add", row=instrument, by=by,
        summary=f"instrument {slug} registered: {instrument.title}",
    )
    return instrument
