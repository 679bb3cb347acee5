"""The public site, built for real: Pelican with our plugin and theme, from a registry in tmp.

The seeded site is built once per session (conftest.py) for the tests that only read it;
tests that change the registry build their own. Pages are read as a reader
would: parsed HTML, the text shown, the links followed.
"""

import csv
import io
import json
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import icalendar
import jsonschema
import pytest
from conftest import TODAY, copy_content, files_of, site_build, site_env
from lxml import etree, html

ATOM = "{http://www.w3.org/2005/Atom}"

FOUNDERS = {
    # 27 EU member states of 2012
    "AT", "BE", "BG", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV",
    "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "GB",
    # 21 countries outside the EU
    "AL", "AU", "KH", "HR", "GE", "GH", "JP", "MD", "ME", "NZ", "NG", "NO", "PH", "RS", "KR",
    "CH", "TH", "TR", "UA", "US", "VN",
}
HOSTILE = '<script>alert(1)</script> "quoted" \'single\''
FORMULA = '=HYPERLINK("http://x")'


# -- helpers ----------------------------------------------------------------------


def page(output: Path, path: str):
    return html.parse(str(output / path / "index.html" if not path.endswith(".html") else output / path))


def text_of(element) -> str:
    return " ".join(element.text_content().split())


# -- the seeded site, built once per session (conftest.py) --------------------------------


def test_founding_members_are_listed_with_their_date(seeded_site):
    rows = page(seeded_site, "members").xpath('//table[@id="members-table"]/tbody/tr')
    listed = {row.xpath("td[1]")[0].text_content().strip(): row for row in rows}
    assert set(listed) == FOUNDERS
    for iso2, row in listed.items():
        assert row.xpath("td[2]/time/@datetime") == ["2012-12-05"], iso2
        assert "member" in text_of(row.xpath("td[4]")[0])
        link = row.xpath("th/a/@href")[0]
        assert link == f"../members/{iso2.lower()}/"
        country = page(seeded_site, f"members/{iso2.lower()}")
        assert text_of(country.xpath("//h1")[0]) == text_of(row.xpath("th")[0])
        assert "Member of the alliance since 5 December 2012" in text_of(
            country.xpath('//p[@class="lead"]')[0])


def test_home_page_counts_members_and_draws_the_chart(seeded_site):
    home = page(seeded_site, "")
    assert "48 member countries" in text_of(home.xpath('//ul[@class="facts"]')[0])
    svg = home.xpath("//figure//*[local-name()='svg']")[0]
    assert svg.get("role") == "img" and svg.xpath("*[local-name()='title']")
    # the chart's figures are given as text too
    assert [text_of(td) for td in home.xpath('//table[@class="compact"]//td')] == ["48"]
    assert "Implementation report 2026, due 1 July 2026" in text_of(home.xpath('//ul[@class="facts"]')[0])


def test_open_data_lists_every_member(seeded_site):
    members = json.loads((seeded_site / "data/members.json").read_text())
    assert {m["iso2"] for m in members["members"]} == FOUNDERS
    assert all(m["joined"] == "2012-12-05" and m["withdrawn"] is None for m in members["members"])
    assert members["as_of"] == TODAY
    rows = list(csv.DictReader(io.StringIO((seeded_site / "data/members.csv").read_text(encoding="utf-8-sig"))))
    assert {r["iso2"] for r in rows} == FOUNDERS
    france = json.loads((seeded_site / "data/members/fr.json").read_text())
    assert france["status"] == "member" and france["joined"] == "2012-12-05"
    assert [r["cycle"] for r in france["reports"]][:2] == ["2013", "2014"]


def test_registry_json_is_valid_against_its_schema(seeded_site):
    document = json.loads((seeded_site / "data/registry.json").read_text())
    schema = json.loads((seeded_site / "data/registry.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(document)
    assert len(document["actions"]) == 82
    assert all("by" not in change for change in document["changes"])


#: The fields every open-data JSON file carries besides its content (docs/data.md, "The data contract").
CONTRACT = ("$schema", "version", "last_changed", "licence")


def test_registry_json_is_the_public_export_as_json_dumps_writes_it(seeded_site):
    # registry.json must be exactly the export document, minus the secretariat's fields,
    # as json.dumps writes it, with <, > and & escaped.
    from registry.site.opendata import PRIVATE_CHANGE_FIELDS, UNPUBLISHED_LISTS

    folder = seeded_site.parent
    exported = subprocess.run([sys.executable, "-m", "registry", "export"], env=site_env(folder),
                              capture_output=True, text=True, check=True).stdout
    doc = {k: v for k, v in json.loads(exported).items() if k not in UNPUBLISHED_LISTS}
    doc["changes"] = [{k: v for k, v in c.items() if k not in PRIVATE_CHANGE_FIELDS} for c in doc["changes"]]
    written = (seeded_site / "data" / "registry.json").read_text(encoding="utf-8")
    contract = {k: json.loads(written)[k] for k in CONTRACT}  # the open data's own fields, checked below
    expected = json.dumps(doc | contract, sort_keys=True, indent=2, ensure_ascii=False)
    expected = expected.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026") + "\n"
    assert written == expected
    assert contract["$schema"].endswith("/data/registry.schema.json") and contract["licence"]["id"] == "CC-BY-4.0"
    assert contract["last_changed"] == max(c["at"] for c in doc["changes"])


def test_each_country_file_is_its_listing_as_json_dumps_writes_it(seeded_site):
    # Each file must be exactly `registry country XX --json`, with the page's address, as
    # json.dumps writes it.
    folder = seeded_site.parent
    for iso2 in ("FR", "GB", "US"):
        listing = json.loads(subprocess.run([sys.executable, "-m", "registry", "country", iso2, "--json"],
                                            env=site_env(folder), capture_output=True, text=True,
                                            check=True).stdout)
        written = (seeded_site / "data" / "members" / f"{iso2.lower()}.json").read_text(encoding="utf-8")
        page = json.loads(written)["page"]
        assert page.endswith(f"/members/{iso2.lower()}/")
        assert listing["history"]
        contract = {k: json.loads(written)[k] for k in (*CONTRACT, "calendar")}
        assert contract["calendar"].endswith(f"/data/members/{iso2.lower()}.ics")
        expected = json.dumps(dict(listing, page=page) | contract, sort_keys=True, indent=2, ensure_ascii=False)
        expected = expected.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026") + "\n"
        assert written == expected, iso2


def _local_targets(output: Path, source: Path, doc) -> list[tuple[str, Path]]:
    """Every address a page links to or loads, resolved to a file in output."""
    found = []
    for element, _attribute, link, _pos in doc.getroot().iterlinks():
        parts = urlsplit(link)
        if parts.scheme in ("mailto",) or (element.tag == "a" and parts.scheme in ("http", "https")):
            continue
        assert not parts.scheme and not parts.netloc, f"{source}: loads {link} from elsewhere"
        if not parts.path:
            continue
        base = output if parts.path.startswith("/") else source.parent
        target = (base / parts.path.lstrip("/")).resolve()
        found.append((link, target / "index.html" if link.split("#")[0].endswith("/") else target))
    return found


def test_every_link_and_asset_resolves_and_nothing_is_third_party(seeded_site):
    pages = sorted(seeded_site.rglob("*.html"))
    assert len(pages) > 60
    for source in pages:
        doc = html.parse(str(source))
        for link, target in _local_targets(seeded_site, source, doc):
            assert target.is_file(), f"{source.relative_to(seeded_site)} links to {link}: no such file"
            assert seeded_site.resolve() in target.parents, f"{source}: {link} leaves the site"
        # what the Content-Security-Policy forbids must not be there at all
        assert not doc.xpath("//@style"), source
        assert not doc.xpath("//script[not(@src)]"), source
        assert not doc.xpath("//@*[starts-with(name(), 'on')]"), source
        csp = doc.xpath('//meta[@http-equiv="Content-Security-Policy"]/@content')[0]
        assert "default-src 'self'" in csp and "unsafe-inline" not in csp


def test_pages_are_structured_for_assistive_technology(seeded_site):
    for source in sorted(seeded_site.rglob("*.html")):
        doc = html.parse(str(source))
        french = source.relative_to(seeded_site).parts[0] == "fr"
        assert doc.getroot().get("lang") == ("fr" if french else "en"), source
        assert len(doc.xpath("//h1")) == 1, source
        assert doc.xpath('//a[@class="skip-link"]/@href') == ["#main"]
        assert doc.xpath('//main[@id="main"]') and doc.xpath("//nav[@aria-label]"), source
        levels = [int(h.tag[1]) for h in doc.xpath("//main//*[self::h1 or self::h2 or self::h3 or self::h4]")]
        assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False)), f"{source}: headings {levels}"
        for table in doc.xpath("//table"):
            assert table.xpath("caption"), source
            assert all(th.get("scope") in ("col", "row") for th in table.xpath(".//th")), source


def test_reports_matrix_has_a_legend_in_words(seeded_site):
    reports = page(seeded_site, "reports")
    legend = [text_of(dd) for dd in reports.xpath('//dl[@class="legend"]/div/dd')]
    assert legend == ["received on time", "received late", "overdue", "not yet due", "not owed", "no record"]
    france = reports.xpath('//tr[th/a[@href="../members/fr/"]]')[0]
    # before the secretariat kept the record, missing reports are "no record", never overdue
    statuses = [text_of(s) for s in france.xpath('td/span[@class="visually-hidden"]')]
    assert statuses[-3:] == ["no record"] * 3  # the oldest cycles, last: the matrix shows the newest first


def test_feed_calendar_sitemap_and_robots(seeded_site):
    feed = etree.parse(str(seeded_site / "feeds/changes.atom"))
    assert feed.getroot().tag == f"{ATOM}feed" and feed.findall(f"{ATOM}entry")
    calendar = icalendar.Calendar.from_ical((seeded_site / "calendar.ics").read_bytes())
    summaries = [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")]
    assert any("Implementation report 2014" in s for s in summaries)
    assert any("Launch of the Global Alliance" in s for s in summaries)
    sitemap = etree.parse(str(seeded_site / "sitemap.xml"))
    locations = sitemap.xpath("//s:loc/text()", namespaces={"s": "http://www.sitemaps.org/schemas/sitemap/0.9"})
    assert "http://localhost:8000/members/fr/" in locations
    assert "http://localhost:8000/about/" in locations
    assert len(locations) == len(set(locations)) == len(list(seeded_site.rglob("index.html")))
    assert "Sitemap: http://localhost:8000/sitemap.xml" in (seeded_site / "robots.txt").read_text()
    assert (seeded_site / "404.html").is_file()
    # No news yet: no news feed, and no page links to one or to the news page.
    assert not (seeded_site / "feeds/news.atom").exists()
    home = page(seeded_site, "")
    assert not home.xpath('//link[@title="News"]') and not home.xpath('//nav//a[.="News"]')


def test_the_about_page_is_a_pelican_page_with_its_references_resolved(seeded_site):
    about = page(seeded_site, "about")
    assert text_of(about.xpath("//h1")[0]) == "About the alliance and this registry"
    links = {text_of(a): a.get("href") for a in about.xpath('//div[@class="prose"]//a')}
    assert links["Launch of the Global Alliance against Child Sexual Abuse Online"] == \
        "../sessions/brussels-launch-2012/"
    assert links["Declaration on the Launch of the Global Alliance against child sexual abuse online"] == \
        "../instruments/global-alliance-launch-2012/"
    assert "{instrument:" not in about.getroot().text_content()
    # the menu of every page leads to it
    assert page(seeded_site, "members").xpath('//nav[@aria-label="Main"]//a[.="About"]/@href') == ["../about/"]


def test_the_same_registry_builds_byte_identical_files(seeded_site, tmp_path):
    # A second cold build, into another folder, in another process: the same bytes.
    folder = seeded_site.parent
    site_build(folder, tmp_path / "again", env=site_env(folder))
    first, second = files_of(seeded_site), files_of(tmp_path / "again")
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []


# -- sites built from a registry changed in the test ---------------------------------------


@pytest.fixture
def secretariat(seeded, tmp_path, monkeypatch):
    """A seeded registry in tmp_path, the project's content beside it, today pinned.
    `build_site` builds its site into tmp_path/output."""
    monkeypatch.setenv("REGISTRY_TODAY", TODAY)
    copy_content(tmp_path)
    return seeded


def test_a_withdrawal_shows_on_the_country_page_and_in_the_feed(secretariat, build_site, tmp_path):
    result = secretariat("withdraw", "GB", "--date", "2020-01-31", "--source", "notification of 2 January 2020")
    assert result.exit_code == 0, result.stderr
    build_site()
    output = tmp_path / "output"
    britain = page(output, "members/gb")
    assert "Former member: joined 5 December 2012, withdrew 31 January 2020" in text_of(
        britain.xpath('//p[@class="lead"]')[0])
    withdrawal = britain.xpath('//tr[@class="withdrawal"]')[0]
    assert withdrawal.xpath("th/time/@datetime") == ["2020-01-31"]
    assert "notification of 2 January 2020" in text_of(withdrawal)
    row = page(output, "members").xpath('//tr[th/a[@href="../members/gb/"]]')[0]
    assert "former member" in text_of(row) and row.xpath("td/time[@datetime='2020-01-31']")
    assert "47 member countries" in text_of(page(output, "").xpath('//ul[@class="facts"]')[0])
    # A country page dates its own listing; only the home and data pages carry the registry-wide
    # "Data as of", so a change does not rewrite every page.
    assert "This listing last changed" in text_of(britain.xpath("//footer")[0])
    assert "Data as of" not in text_of(britain.xpath("//footer")[0])
    assert "Data as of" in text_of(page(output, "").xpath("//footer")[0])
    entry = etree.parse(str(output / "feeds/changes.atom")).find(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}title").endswith(" withdrew from the Global Alliance on 31 January 2020.")
    assert entry.find(f"{ATOM}link").get("href") == "http://localhost:8000/members/gb/"


def test_an_overdue_report_is_shown_as_overdue(secretariat, build_site, tmp_path):
    assert secretariat("settings", "set", "records-kept-since", "2014-01-01").exit_code == 0
    assert secretariat("report", "record", "DE", "--cycle", "2014", "--received", "2014-06-30").exit_code == 0
    build_site()
    output = tmp_path / "output"

    def status(iso2: str, cycle_title: str) -> str:
        rows = page(output, f"members/{iso2}").xpath(f'//tr[th[starts-with(., "{cycle_title}")]]')
        return text_of(rows[0].xpath("td[2]")[0])

    assert status("fr", "Implementation report 2014") == "✗ overdue"
    assert status("fr", "Announcement of efforts") == "? no record"
    assert status("de", "Implementation report 2014") == "✓ received on time"
    assert status("fr", "Implementation report 2026") == "○ not yet due"
    france = page(output, "members/fr")
    assert "2014" in text_of(france.xpath('//dt[.="Overdue reports"]/following-sibling::dd')[0])
    data = json.loads((output / "data/members/fr.json").read_text())
    assert {r["cycle"]: r["status"] for r in data["reports"]}["2014"] == "overdue"


def test_a_failing_build_leaves_the_previous_output_untouched(secretariat, build_site, tmp_path):
    build_site()
    output = tmp_path / "output"
    before = files_of(output)
    about = tmp_path / "content" / "pages" / "about.md"
    about.write_text(about.read_text() + "\nSee {instrument:no-such-declaration}.\n")
    secretariat("withdraw", "GB", "--date", "2020-01-31")  # a change the failed build must not publish

    result = build_site(check=False)

    assert result.returncode == 1
    assert "about.md" in result.stderr and "no-such-declaration" in result.stderr
    assert "the previous output was left as it was" in result.stderr
    assert "Traceback" not in result.stderr
    assert files_of(output) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".output")] == []
    # Once the reference is mended, the next build publishes the withdrawal.
    about.write_text(about.read_text().replace("\nSee {instrument:no-such-declaration}.\n", ""))
    build_site()
    assert "withdrew 31 January 2020" in text_of(page(output, "members/gb").xpath('//p[@class="lead"]')[0])


def test_a_page_failing_in_a_rendering_helper_fails_the_whole_build(secretariat, build_site, tmp_path,
                                                                    monkeypatch):
    from registry.site import build as site
    from registry.site import pages

    build_site()
    output = tmp_path / "output"
    before = files_of(output)
    secretariat("withdraw", "GB", "--date", "2020-01-31")

    def broken(snap, iso2, links):
        raise RuntimeError(f"cannot lay out the page of {iso2}")

    monkeypatch.setattr(pages, "country", broken)
    with pytest.raises(RuntimeError, match="cannot lay out the page of"):
        site.build(output=output)
    assert files_of(output) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".output")] == []


def test_hostile_registry_text_comes_out_inert_everywhere(secretariat, build_site, tmp_path):
    url = 'https://example.org/r"onmouseover="alert(1)'
    for command in [
        ("join", "CA", "--date", "2015-03-02", "--source", FORMULA, "--note", HOSTILE),
        ("report", "record", "CA", "--cycle", "2016", "--received", "2016-06-01", "--url", url),
        ("session", "schedule", "--kind", "meeting", "--slug", "hostile-2016", "--title", HOSTILE,
         "--city", FORMULA, "--starts", "2016-03-01"),
    ]:
        result = secretariat(*command)
        assert result.exit_code == 0, result.stderr
    build_site()
    output = tmp_path / "output"

    # HTML: shown as text, never run; the quote does not end the attribute
    for path in ("members/ca", "sessions/hostile-2016", "sessions", ""):
        doc = page(output, path)
        assert not doc.xpath("//script[not(@src)]") and not doc.xpath("//@*[starts-with(name(), 'on')]")
        assert "<script>alert(1)</script>" in doc.getroot().text_content()
    canada = page(output, "members/ca")
    assert canada.xpath('//a[.="report"]/@href') == [url]
    assert "<script>" not in (output / "members/ca/index.html").read_text()

    # JSON: the same string back, and no markup in the bytes
    for name in ("data/members/ca.json", "data/members.json", "data/registry.json"):
        assert "<script>" not in (output / name).read_text()
    listing = json.loads((output / "data/members/ca.json").read_text())
    assert listing["history"][0]["note"] == HOSTILE

    # Atom: the title is text, the summary is escaped HTML
    entries = etree.parse(str(output / "feeds/changes.atom")).findall(f"{ATOM}entry")
    hostile = [e for e in entries if HOSTILE in e.findtext(f"{ATOM}title")]
    assert hostile and "<script" not in hostile[0].findtext(f"{ATOM}summary")

    # iCalendar: one event, its summary the exact text, nothing injected
    calendar = icalendar.Calendar.from_ical((output / "calendar.ics").read_bytes())
    events = [e for e in calendar.walk("VEVENT") if str(e["UID"]).startswith("session-hostile-2016@")]
    assert len(events) == 1 and str(events[0]["SUMMARY"]) == HOSTILE
    assert str(events[0]["LOCATION"]) == FORMULA

    # CSV: the formula is neutralised, and no cell could start one
    rows = list(csv.DictReader(io.StringIO((output / "data/members.csv").read_text(encoding="utf-8-sig"))))
    assert next(r for r in rows if r["iso2"] == "CA")["source"] == "'" + FORMULA
    assert not [c for r in rows for c in r.values() if c[:1] in ("=", "+", "-", "@")]


def test_a_session_page_shows_its_outcome_sanitised_with_references_resolved(secretariat, build_site,
                                                                              tmp_path):
    outcome = tmp_path / "content" / "sessions" / "conference-1.md"
    outcome.parent.mkdir(exist_ok=True)
    outcome.write_text(
        "Title: Outcome\n\n## Decisions\n\nMembers thanked {country:US|the host} and "
        "{country:fr}.\n\n<script>alert(1)</script><p onclick=\"x()\">Clicked</p>\n"
    )
    for command in [
        ("session", "schedule", "--number", "1", "--starts", "2014-12-10", "--ends", "2014-12-11",
         "--city", "Washington", "--host", "US"),
        ("session", "attend", "conference-1", "FR", "US"),
        ("session", "held", "conference-1"),
        ("session", "outcome", "conference-1", "sessions/conference-1.md"),
    ]:
        result = secretariat(*command)
        assert result.exit_code == 0, result.stderr
    build_site()
    output = tmp_path / "output"

    session = page(output, "sessions/conference-1")
    prose = session.xpath('//section[@aria-labelledby="outcome"]/div[@class="prose"]')[0]
    # the document's title heads it, and its own headings come under its title (h3)
    assert session.xpath('//section[@aria-labelledby="outcome"]/h3/text()') == ["Outcome"]
    assert prose.xpath("h4/text()") == ["Decisions"]
    assert prose.xpath(".//a/@href") == ["../../members/us/", "../../members/fr/"]
    assert [text_of(a) for a in prose.xpath(".//a")] == ["the host", "France"]
    assert not prose.xpath(".//script") and not prose.xpath(".//@onclick")
    assert [text_of(li) for li in session.xpath('//ul[@class="columns"]/li')] == ["France", "United States of America"]
    listed = page(output, "sessions").xpath('//section[@aria-labelledby="conferences"]//tbody/tr')
    assert len(listed) == 1 and "Washington" in text_of(listed[0])
    attended = page(output, "members/fr").xpath('//section[@aria-labelledby="meetings"]')[0]
    assert "Conference session 1" in text_of(attended)


def test_a_news_article_is_published_with_its_feed(secretariat, build_site, tmp_path):
    news = tmp_path / "content" / "news"
    news.mkdir(exist_ok=True)
    (news / "canada-joins.md").write_text(
        "Title: Canada joins the alliance\nDate: 2025-05-20\nSlug: canada-joins\n\n"
        "Canada has joined, as {country:FR|France} did in 2012; see [the about page]({filename}../pages/about.md).\n"
    )
    build_site()
    output = tmp_path / "output"

    article = page(output, "news/canada-joins")
    assert text_of(article.xpath("//h1")[0]) == "Canada joins the alliance"
    assert article.xpath('//div[@class="prose"]//a/@href') == ["../../members/fr/", "../../about/"]
    assert page(output, "news").xpath('//ul[@class="news"]//a/@href')[0] == "../news/canada-joins/"
    # now that there is news, every page's menu leads to it and announces its feed
    home = page(output, "")
    assert home.xpath('//nav[@aria-label="Main"]//a[.="News"]/@href') == ["./news/"]
    assert home.xpath('//link[@title="News"]/@href') == ["./feeds/news.atom"]

    # The feed's addresses are absolute, under the public address, and lead to built pages.
    feed = etree.parse(str(output / "feeds/news.atom")).getroot()
    entry = feed.find(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}title") == "Canada joins the alliance"
    assert entry.find(f"{ATOM}link").get("href") == "http://localhost:8000/news/canada-joins/"
    assert 'href="http://localhost:8000/members/fr/"' in entry.findtext(f"{ATOM}content")
    assert feed.findtext(f"{ATOM}updated") == "2025-05-20T00:00:00+00:00"
    sitemap = (output / "sitemap.xml").read_text()
    assert "<loc>http://localhost:8000/news/</loc>" in sitemap
    assert "<loc>http://localhost:8000/news/canada-joins/</loc>" in sitemap
