"""Today's date and the current time, in one place.

REGISTRY_TODAY (an ISO date) pins "today" for reproducible builds, for
demonstrations and for tests of rules that depend on the date.
"""

import os
from datetime import UTC, date, datetime

from registry.rules.errors import RegistryError


def today() -> date:
    pinned = os.environ.get("REGISTRY_TODAY")
    if not pinned:
        return date.today()
    try:
        return date.fromisoformat(pinned)
    except ValueError:
        raise RegistryError(
            f"REGISTRY_TODAY is not a date: {pinned!r}", hint="use YYYY-MM-DD, or unset it"
        ) from None


def now() -> datetime:
    """The time a change is logged at: UTC, to the second."""
    return datetime.now(UTC).replace(microsecond=0)
