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


def country_names(iso2: str) -> list[str]:
    """The country's names and codes besides the one shown, without repeats, in a stable order:
    ISO 3166 names, the CLDR name, aliases, former names (rules/naming.py), then the alpha-2 and
    alpha-3 codes."""
    shown = countries.name(iso2)
    found: list[str] = []
    entry = pycountry.countries.get(alpha_2=iso2)
    if entry is not None:
        found += [getattr(entry, attribute, None) or "" for attribute in ("name", "official_name", "common_name")]
    found.append(_cldr_names().get(iso2, ""))
    found += sorted(alias for alias, code in countries.ALIASES.items() if code == iso2)
    found += [change.former for change in naming.name_changes().get(iso2, ())]
    found += [iso2, countries.get(iso2).iso3 if shown != iso2 else ""]
    kept: list[str] = []
    for name in found:
        if name and name != shown and name not in kept:
            kept.append(name)
    return kept
