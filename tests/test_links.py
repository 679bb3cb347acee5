"""Every internal link, fragment and asset resolves; every data file parses with a real parser.

Checked on every page of the built site (see tests/sitecheck.py for which site).
"""

import csv
import io
import json
from urllib.parse import urlsplit

import icalendar
import jsonschema
import pytest
import sitecheck
from lxml import etree, html

pytestmark = pytest.mark.sqlite_only
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def site(checked_site):
    return checked_site


def test_every_link_fragment_and_asset_on_every_page_resolves(site):
    pages = sitecheck.html_pages(site)
    checked, problems = sitecheck.link_problems(site)
    sitecheck.record(pages_checked=len(pages), links_checked=checked, broken_links=len(problems))
    assert len(pages) > 1 and checked > len(pages)
    assert problems == [], f"{len(problems)} broken links:\n" + "\n".join(problems[:100])


def test_the_feed_parses_as_atom(site):
    raw = (site / "feeds/changes.atom").read_bytes()
    etree.fromstring(raw)  # well-formed XML, or this raises
    feedparser = pytest.importorskip("feedparser", reason="feedparser is in the test extra: pip install -e '.[test]'")
    feed = feedparser.parse(raw)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert feed.feed.title and feed.entries
    for entry in feed.entries:
        assert entry.title and entry.link and entry.updated and entry.id, entry


def test_the_calendar_parses_as_icalendar(site):
    calendar = icalendar.Calendar.from_ical((site / "calendar.ics").read_bytes())
    events = calendar.walk("VEVENT")
    assert events
    uids = [str(event["UID"]) for event in events]
    assert len(set(uids)) == len(uids)
    for event in events:
        assert event.get("SUMMARY") and event.get("DTSTART") and event.get("DTSTAMP"), event


def test_every_json_file_parses_and_registry_json_meets_its_schema(site):
    files = sorted(site.rglob("*.json"))
    documents = {path.relative_to(site).as_posix(): json.loads(path.read_text(encoding="utf-8")) for path in files}
    schema = documents["data/registry.schema.json"]
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(
        documents["data/registry.json"])
    members = documents["data/members.json"]["members"]
    for member in members:
        assert f"data/members/{member['iso2'].lower()}.json" in documents, member["iso2"]
    rows = list(csv.DictReader(io.StringIO((site / "data/members.csv").read_text(encoding="utf-8-sig"))))
    assert [row["iso2"] for row in rows] == [member["iso2"] for member in members]


def test_reporting_csv_is_the_matrix_of_the_reports_page(site):
    """One row per country, one column per cycle (oldest first), each cell a status key."""
    raw = (site / "data/reporting.csv").read_bytes()
    assert raw.endswith(b"\r\n")
    table = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    page = html.parse(str(site / "reports/index.html"))
    cycles = [c.strip() for c in page.xpath('//table[@class="matrix"]/thead//th[position() > 1]//text()')]
    assert table[0] == ["iso2", "name", *reversed(cycles)]
    members = json.loads((site / "data/members.json").read_text())["members"]
    assert [row[:2] for row in table[1:]] == [[m["iso2"], m["name"]] for m in members]
    statuses = {"received", "received-late", "overdue", "not-yet-due", "not-owed", "no-record", ""}
    assert {cell for row in table[1:] for cell in row[2:]} <= statuses
    for row, tr in zip(table[1:], page.xpath('//table[@class="matrix"]/tbody/tr'), strict=True):
        shown = [cls.removeprefix("status-") for cls in tr.xpath("td/@class")]
        assert shown[::-1] == row[2:], row[0]


def test_the_sitemap_lists_every_page_and_nothing_else(site):
    sitemap = etree.parse(str(site / "sitemap.xml"))
    locations = sitemap.xpath("//s:loc/text()", namespaces={"s": "http://www.sitemaps.org/schemas/sitemap/0.9"})
    paths = sorted("/" + loc.split("/", 3)[3] for loc in locations)
    pages = sorted(sitecheck.url_path(site, page) for page in site.rglob("index.html"))
    assert paths == pages


#: Directives a browser ignores in a <meta http-equiv> policy (CSP Level 3, section 3.3).
IGNORED_IN_META = ("frame-ancestors", "report-uri", "report-to", "sandbox")


def test_every_page_carries_one_strict_csp_that_a_meta_tag_can_carry(site):
    problems = []
    for source in sitecheck.html_pages(site):
        doc = html.parse(str(source))
        policies = doc.xpath('//meta[translate(@http-equiv, "CONTENT-SECURITYPOLICY", "content-securitypolicy")'
                             '="content-security-policy"]/@content')
        where = source.relative_to(site)
        if len(policies) != 1:
            problems.append(f"{where}: {len(policies)} CSP meta tags")
            continue
        directives = {d.split()[0]: d.split()[1:] for d in policies[0].split(";") if d.strip()}
        problems += [f"{where}: {name} is ignored in a <meta> policy" for name in IGNORED_IN_META if name in directives]
        unsafe = "'unsafe-inline'" in policies[0] or "'unsafe-eval'" in policies[0]
        if directives.get("default-src") != ["'self'"] or unsafe:
            problems.append(f"{where}: not strict: {policies[0]}")
        # Only the search page may compile WebAssembly (Pagefind), and nothing else is relaxed.
        search = where.as_posix() in ("search/index.html", "fr/search/index.html")
        scripts = ["'self'", "'wasm-unsafe-eval'"] if search else ["'self'"]
        if directives.get("script-src") != scripts:
            problems.append(f"{where}: script-src should be {' '.join(scripts)}")
        for name, values in (("object-src", ["'none'"]), ("base-uri", ["'none'"]), ("form-action", ["'none'"])):
            if directives.get(name) != values:
                problems.append(f"{where}: {name} should be {' '.join(values)}")
        head = doc.xpath("/html/head")[0]
        meta = head.xpath('meta[@http-equiv]')
        if not meta or any(e.tag in ("script", "link", "style") for e in meta[0].itersiblings(preceding=True)):
            problems.append(f"{where}: the CSP must come before anything it governs")
    assert problems == [], "\n".join(problems[:100])


def test_the_addresses_in_the_data_files_feed_and_calendar_are_pages_of_the_site(site):
    """The open data, feed and calendar give absolute addresses under the public URL: each is a built file."""
    addresses = []
    members = json.loads((site / "data/members.json").read_text())["members"]
    addresses += [(f"members.json {m['iso2']}", m[key]) for m in members for key in ("page", "data")]
    for listing in sorted(site.glob("data/members/*.json")):
        page = json.loads(listing.read_text()).get("page")
        if page:
            addresses.append((listing.name, page))
    feed = etree.parse(str(site / "feeds/changes.atom"))
    addresses += [("changes.atom", href) for href in feed.xpath("//a:link/@href", namespaces={"a": ATOM[1:-1]})]
    calendar = icalendar.Calendar.from_ical((site / "calendar.ics").read_bytes())
    addresses += [(f"calendar.ics {event['UID']}", str(event["URL"])) for event in calendar.walk("VEVENT")
                  if event.get("URL")]
    public = {urlsplit(address).netloc for _where, address in addresses}
    assert len(public) == 1, f"more than one public host: {public}"
    missing = [f"{where}: {address}" for where, address in addresses
               if sitecheck.target_file(site, urlsplit(address).path) is None]
    assert len(addresses) > len(members) and missing == [], "\n".join(missing[:50])
