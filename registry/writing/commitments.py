"""The alliance's aims as data: what countries commit to under each target, and the
indicators that measure the operational goals, with their yearly values."""

from sqlmodel import Session, select

from registry.rules import clock, countries, cycle, entries, fields, terms
from registry.rules.errors import RegistryError
from registry.storage import db
from registry.storage.models import Commitment, Indicator, IndicatorValue, Target
from registry.writing import alliance, changelog, countrynames, participation


def find_target(session: Session, slug: str, *, where: str | None = None) -> Target:
    found = session.exec(select(Target).where(Target.slug == slug)).first() if fields.is_slug(slug) else None
    if found is None:
        raise RegistryError(f"no target {fields.shown(slug)}", where=where,
                            hint="'registry target list' shows the targets and goals")
    return found


def find_indicator(session: Session, slug: str) -> Indicator:
    found = session.exec(select(Indicator).where(Indicator.slug == slug)).first() if fields.is_slug(slug) else None
    if found is None:
        raise RegistryError(f"no indicator {fields.shown(slug)}", hint="'registry indicator list' shows them")
    return found


def commit(session: Session, country: str, *, target: str, cycle_slug: str, text: str, status: str = "announced",
           source: str = "", by: str | None = None) -> Commitment:
    """Record what a country announced or reported doing under a target, in a cycle."""
    iso2 = countries.resolve(country).iso2
    aim = find_target(session, target)
    if not participation.actions_of(session, alliance.founding_instrument(session), iso2):
        raise RegistryError(f"{countrynames.name(session, iso2)} ({iso2}) has never been a member",
                            hint="commitments are recorded for members, from their announcements and reports")
    named = entries.check("commitment", "cycle", cycle_slug.strip() if isinstance(cycle_slug, str) else cycle_slug)
    found = cycle.find(alliance.get(session), named, until=clock.today())
    commitment = Commitment(
        country=iso2, target=aim.slug, cycle=found.slug, text=entries.check("commitment", "text", text),
        status=entries.check("commitment", "status", status), source=entries.check("commitment", "source", source))
    session.add(commitment)
    db.flush(session, f"the commitment of {iso2}")
    changelog.record(session, what="commitment.add", row=commitment, by=by,
                     summary=f"{countrynames.name(session, iso2)} ({iso2}) reported under {aim.title} "
                             f"in the {found.slug} cycle ({commitment.status})")
    return commitment


def record_value(session: Session, slug: str, *, year: int | str, value: float | str, source: str,
                 by: str | None = None) -> IndicatorValue:
    """Record an indicator's value for a year, with where it was published."""
    indicator = find_indicator(session, slug)
    year = int(entries.check("indicator_value", "year", year))
    if year > clock.today().year:
        raise RegistryError(f"{year} is still to come", hint="record a value once it has been published")
    if session.exec(select(IndicatorValue).where(IndicatorValue.indicator == slug,
                                                 IndicatorValue.year == year)).first():
        raise RegistryError(f"{indicator.title} already has a value for {year}",
                            hint=f"correct it: 'registry correct indicator-value {slug} {year} value=... --reason ...'")
    recorded = IndicatorValue(indicator=slug, year=year, value=entries.check("indicator_value", "value", value),
                              source=entries.check("indicator_value", "source", source))
    session.add(recorded)
    db.flush(session, f"the value of {slug} for {year}")
    changelog.record(session, what="indicator.record", row=recorded, by=by,
                     summary=f"{indicator.title}: {recorded.value:g} {indicator.unit} in {year}".replace("  ", " "))
    return recorded


def add_target(session: Session, slug: str, *, instrument: str, kind: str, number: int, title: str, text: str = "",
               source: str = "", by: str | None = None) -> Target:
    """Record a policy target or operational goal of an instrument (the founding record's)."""
    from registry.writing import instruments

    instruments.find(session, instrument)
    target = Target(slug=entries.check("target", "slug", slug), instrument=instrument,
                    kind=entries.check("target", "kind", kind), number=entries.check("target", "number", number),
                    title=entries.check("target", "title", title), text=entries.check("target", "text", text),
                    source=entries.check("target", "source", source))
    session.add(target)
    db.flush(session, f"the target {slug}")
    words = terms.TARGET_WORDS[target.kind]
    changelog.record(session, what="target.add", row=target, by=by,
                     summary=f"{words} {target.number} of {instrument}: {target.title}")
    return target


def add_indicator(session: Session, slug: str, *, target: str, title: str, unit: str = "",
                  growth_percent: float | None = None, source: str = "", by: str | None = None) -> Indicator:
    """Record an indicator that measures an operational goal (the founding record's)."""
    find_target(session, target)
    indicator = Indicator(slug=entries.check("indicator", "slug", slug), target=target,
                          title=entries.check("indicator", "title", title),
                          unit=entries.check("indicator", "unit", unit),
                          growth_percent=entries.check("indicator", "growth_percent", growth_percent),
                          source=entries.check("indicator", "source", source))
    session.add(indicator)
    db.flush(session, f"the indicator {slug}")
    changelog.record(session, what="indicator.add", row=indicator, by=by,
                     summary=f"indicator of {target}: {indicator.title}")
    return indicator
