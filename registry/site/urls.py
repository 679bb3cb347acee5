"""The site's addresses: a public contract, so they are spelled in one place.

Each function returns a path from the site's root, without a leading slash;
templates put the page's way to the root (SITEURL) in front.
"""


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


def output_file(path: str) -> str:
    """The file a directory-style address is written to."""
    return f"{path}index.html" if path.endswith("/") or not path else path


HOME = ""
ABOUT = "about/"
MEMBERS = "members/"
INSTRUMENTS = "instruments/"
SESSIONS = "sessions/"
REPORTS = "reports/"
DATA = "data/"
SEARCH = "search/"
#: Where the build writes the search index and Pagefind's interface (site/build.py).
SEARCH_INDEX = "pagefind/"
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

#: The main navigation, in reading order.
NAVIGATION = [
    (HOME, "Home"),
    (MEMBERS, "Members"),
    (INSTRUMENTS, "Instruments"),
    (SESSIONS, "Sessions"),
    (REPORTS, "Reports"),
    (DATA, "Open data"),
]
