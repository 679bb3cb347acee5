"""The site's addresses: a public contract, so they are spelled in one place.

Each function returns a path from the site's root, without a leading slash;
templates put the page's way to the root (SITEURL) in front.
"""

from datetime import date

from registry.rules.language import DEFAULT, LANGUAGES, N_


def member(iso2: str) -> str:
    return f"members/{iso2.lower()}/"


def member_data(iso2: str) -> str:
    return f"data/members/{iso2.lower()}.json"


def member_calendar(iso2: str) -> str:
    return f"data/members/{iso2.lower()}.ics"


def instrument(slug: str) -> str:
    return f"instruments/{slug}/"


def session(slug: str) -> str:
    return f"sessions/{slug}/"


def decision(meeting: str, number: int) -> str:
    """A decision's place on its session's page."""
    return f"{session(meeting)}#decision-{number}"


def commitment(target: str) -> str:
    """A policy target's or operational goal's page: the commitments reported under it."""
    return f"commitments/{target}/"


def release(number: int) -> str:
    """A release of the public data: its page, and its files beside it."""
    return f"{RELEASES}{number}/"


def release_file(number: int, name: str) -> str:
    """One of a release's files (registry.json, changes.json and their schemas)."""
    return f"{release(number)}{name}"


def changes_of(iso2: str) -> str:
    """A country's part of the change log."""
    return f"{CHANGES}{iso2.lower()}/"


def change(change_id: int) -> str:
    """A change's place in the change log."""
    return f"{CHANGES}#change-{change_id}"


def members_on(day: date) -> str:
    """Who was a member on a day (the end of each year, and today)."""
    return f"{MEMBERS}on/{day.isoformat()}/"


def in_language(path: str, language: str) -> str:
    """`path` for a reader of `language`. Pages (addresses ending in "/", the home page and the
    "not found" page) exist in each language, the default at the root and the others under
    their code ("fr/members/"); files (the open data, feeds, the theme) are one set for all."""
    page = path.partition("#")[0]
    if language == DEFAULT or language_of(page) != DEFAULT or not (page in ("", NOT_FOUND) or page.endswith("/")):
        return path
    return f"{language}/{path}"


def language_of(name: str) -> str:
    """The language of the file written at `name` (a path from the site's root)."""
    first = name.partition("/")[0]
    return first if first in LANGUAGES[1:] else DEFAULT


def page_of(name: str) -> str:
    """The address of the page written at `name`, in the default language ("fr/members/index.html"
    is "members/"): the same page in every language is `in_language(page_of(name), language)`."""
    language = language_of(name)
    if language != DEFAULT:
        name = name[len(language) + 1:]
    return name.removesuffix("index.html")


def output_file(path: str) -> str:
    """The file a directory-style address is written to."""
    return f"{path}index.html" if path.endswith("/") or not path else path


HOME = ""
ABOUT = "about/"
MEMBERS = "members/"
INSTRUMENTS = "instruments/"
SESSIONS = "sessions/"
DECISIONS = "decisions/"
COMMITMENTS = "commitments/"
REPORTS = "reports/"
CHANGES = "changes/"
DATA = "data/"
SEARCH = "search/"
#: Where the build writes the search index and Pagefind's interface (site/build.py).
SEARCH_INDEX = "pagefind/"
RELEASES = "data/releases/"
QUALITY = "data/quality/"
DATAPACKAGE = "data/datapackage.json"
REPORTING_CSV = "data/reporting.csv"
MEMBERS_JSON = "data/members.json"
MEMBERS_CSV = "data/members.csv"
REGISTRY_JSON = "data/registry.json"
POPOLO_JSON = "data/popolo.json"
#: Each JSON file's schema is published beside it, named after it.
MEMBERS_SCHEMA = "data/members.schema.json"
COUNTRY_SCHEMA = "data/members/country.schema.json"
REGISTRY_SCHEMA = "data/registry.schema.json"
POPOLO_SCHEMA = "data/popolo.schema.json"
CALENDAR = "calendar.ics"
FEED = "feeds/changes.atom"
SITEMAP = "sitemap.xml"
ROBOTS = "robots.txt"
NOT_FOUND = "404.html"

#: The main navigation, in reading order (the labels are translated where they are shown).
NAVIGATION = [
    (HOME, N_("Home")),
    (MEMBERS, N_("Members")),
    (INSTRUMENTS, N_("Instruments")),
    (SESSIONS, N_("Sessions")),
    (REPORTS, N_("Reports")),
    (COMMITMENTS, N_("Commitments")),
    (DATA, N_("Open data")),
]
