"""A country's own preferred form of its name: recorded, cleared, and what writes name countries by.

A preferred form wins over the registry's naming convention (rules/naming.py)
wherever the registry shows the country. Setting and clearing are logged like
every write, so they can be previewed (--dry-run), corrected and undone.
"""

from sqlmodel import Session, select

from registry.reading import naming as registry_naming
from registry.rules import countries, entries, fields
from registry.rules.errors import RegistryError
from registry.rules.naming import Naming
from registry.storage import db
from registry.storage.models import CountryName
from registry.storage.rows import Reader
from registry.writing import changelog

#: Where a write session keeps the registry's naming, once read.
_CACHE = "naming"


def naming(session: Session) -> Naming:
    """The registry's naming as this transaction sees it, read once per session."""
    if _CACHE not in session.info:
        session.info[_CACHE] = registry_naming.of(Reader.of(session))
    return session.info[_CACHE]


def forget(session: Session) -> None:
    """Read the naming again at next use: a write has changed the convention or a preferred form."""
    session.info.pop(_CACHE, None)


def name(session: Session, iso2: str) -> str:
    """The name the registry shows for a country, for what a write says (its change-log summary)."""
    return naming(session).name(iso2)


def find(session: Session, iso2: str) -> CountryName | None:
    return session.exec(select(CountryName).where(CountryName.country == iso2)).first()


def set_name(session: Session, country: str, preferred: str, *, reason: str, source: str = "",
             by: str | None = None) -> CountryName:
    """Record a country's own preferred form of its name, replacing an earlier one."""
    why = fields.reason(reason)
    iso2 = countries.resolve(country, where="COUNTRY").iso2
    text = entries.check("country_name", "name", preferred, where="NAME")
    cited = entries.check("country_name", "source", source, where="--source")
    shown_before = name(session, iso2)
    row = find(session, iso2)
    before = changelog.snapshot(row)
    if row is not None and (row.name, row.source) == (text, cited):
        raise RegistryError(f"{iso2} is already named {text!r}, from the same source",
                            hint="'registry country-name list' shows the preferred forms")
    if row is None:
        row = CountryName(country=iso2, name=text, reason=why, source=cited)
    else:
        row.name, row.reason, row.source = text, why, cited
    session.add(row)
    db.flush(session, f"the preferred name of {iso2}")
    forget(session)
    changelog.record(session, what="country_name.set", row=row, by=by, before=before, reason=why,
                     summary=f"{shown_before} ({iso2}) to be named {text}, as the country prefers")
    return row


def clear(session: Session, country: str, *, reason: str, by: str | None = None) -> CountryName:
    """Remove a country's preferred form: the registry's convention names it again."""
    why = fields.reason(reason)
    iso2 = countries.resolve(country, where="COUNTRY").iso2
    row = find(session, iso2)
    if row is None:
        raise RegistryError(f"no preferred name is recorded for {iso2}",
                            hint="'registry country-name list' shows the preferred forms")
    before = changelog.snapshot(row)
    session.delete(row)
    db.flush(session, f"clearing the preferred name of {iso2}")
    forget(session)
    changelog.record(session, what="country_name.clear", row=row, by=by, before=before, removed=True,
                     reason=why, summary=f"{row.name} ({iso2}) named {name(session, iso2)} again, "
                                         "by the registry's convention")
    return row
