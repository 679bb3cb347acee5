"""The registry's naming: its name-convention setting and the preferred forms it records.

Built once per read (a command, a site build) and handed to whatever shows a
country's name: the rules (rules/naming.py) give the names, this says which
convention and which preferred forms apply to this registry.
"""

from registry.rules.naming import Naming
from registry.storage.rows import Reader


def of(reader: Reader) -> Naming:
    """The naming this registry asks for: its convention (the UN's short names unless set)
    and every country's preferred form."""
    convention = reader.value("SELECT name_convention FROM alliance WHERE id = 1") or "un"
    preferred = {row["country"]: row["name"] for row in reader.table("country_name")}
    return Naming(convention, preferred)


def preferred_forms(reader: Reader) -> list[dict[str, str]]:
    """The preferred forms recorded, by country code, with their reasons and sources."""
    return sorted(({"iso2": r["country"], "name": r["name"], "reason": r["reason"], "source": r["source"]}
                   for r in reader.table("country_name")), key=lambda r: r["iso2"])
