"""Every name a country is known by, for finding it by any of them.

The site shows one English name per country (the UN's short name unless the
registry's naming says otherwise, rules/naming.py), but readers search for the
names documents use: ISO 3166's short, official and common names ("Korea,
Republic of", "Socialist Republic of Viet Nam"), the CLDR English name
("Vietnam"), the former or popular names the registry accepts ("Turkey"), and
the alpha-2 and alpha-3 codes. The site's search index carries them on each
country's page, and the members filter on each row.
"""

from functools import cache

import pycountry
from babel import Locale

from registry.rules import countries, naming


@cache
def _cldr_names() -> dict[str, str]:
    return dict(Locale("en").territories)


@cache
def _aliases() -> dict[str, list[str]]:
    """The aliases of each country, sorted."""
    found: dict[str, list[str]] = {}
    for alias, code in sorted(countries.ALIASES.items()):
        found.setdefault(code, []).append(alias)
    return found


def country_names(iso2: str, shown: str | None = None) -> list[str]:
    """The country's names and codes besides `shown` (the name the site shows; the UN's unless
    given), without repeats, in a stable order: the UN's short name, ISO 3166 names, the CLDR
    name, aliases, former names (rules/naming.py), then the alpha-2 and alpha-3 codes."""
    shown = shown or countries.name(iso2)
    found: list[str] = [countries.name(iso2)]
    entry = pycountry.countries.get(alpha_2=iso2)
    if entry is not None:
        found += [getattr(entry, attribute, None) or "" for attribute in ("name", "official_name", "common_name")]
    found.append(_cldr_names().get(iso2, ""))
    found += _aliases().get(iso2, [])
    found += [change.former for change in naming.name_changes().get(iso2, ())]
    found += [iso2, countries.get(iso2).iso3 if shown != iso2 else ""]
    return [name for name in dict.fromkeys(found) if name and name != shown]
