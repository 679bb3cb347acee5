"""The open data's licence, named and linked from its SPDX identifier (the `licence` setting).

The common open-data licences are named here, so that a reader sees "Creative Commons
Attribution 4.0 International" and the licence's own page; any other identifier is shown as
itself, linked to its entry in the SPDX list.
"""

from typing import Any
from urllib.parse import quote

#: Name and address of the licences an alliance is likely to choose, by SPDX identifier.
KNOWN = {
    "CC-BY-4.0": ("Creative Commons Attribution 4.0 International",
                  "https://creativecommons.org/licenses/by/4.0/"),
    "CC-BY-SA-4.0": ("Creative Commons Attribution Share Alike 4.0 International",
                     "https://creativecommons.org/licenses/by-sa/4.0/"),
    "CC0-1.0": ("Creative Commons Zero v1.0 Universal",
                "https://creativecommons.org/publicdomain/zero/1.0/"),
    "ODbL-1.0": ("Open Data Commons Open Database License v1.0",
                 "https://opendatacommons.org/licenses/odbl/1-0/"),
    "OGL-UK-3.0": ("Open Government Licence v3.0",
                   "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"),
}


def licence(spdx: str) -> dict[str, Any]:
    """`{"id", "name", "url"}` of the licence with this SPDX identifier."""
    if spdx in KNOWN:
        name, url = KNOWN[spdx]
        return {"id": spdx, "name": name, "url": url}
    # quote(): the setting is checked to be an identifier, but a URL must hold whatever is stored.
    return {"id": spdx, "name": spdx, "url": f"https://spdx.org/licenses/{quote(spdx, safe='')}.html"}
