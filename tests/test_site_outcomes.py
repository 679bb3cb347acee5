"""The conference half of the public site: what sessions decided and left, the alliance's
targets and goals with what members reported under them, and an indicator against its path.

One site for the module, built from the seeded registry after a session is held with
attendance in every role, two decisions (one with Markdown, a table and raw HTML in its text),
a document, an outcome document started with `registry session outcome --new`, commitments
in two cycles and two values of the ICSE indicator. Pages are read as a visitor reads them
(parsed HTML, the text shown, the links followed); the new pages also go through the
browser, HTML and link checks.
"""

import json
from pathlib import Path

import icalendar
import jsonschema
import pytest
import sitecheck
from conftest import TODAY, assert_refused, copy_content, copy_registry, export, site_build, site_env
from lxml import etree, html
from typer.testing import CliRunner

from registry.cli import app

ATOM = "{http://www.w3.org/2005/Atom}"
HOSTILE = 'Access for every police <script>alert(1)</script> "quoted" \'single\''
DECLARATION_TEXT = ("The members **agree** to act together.\n\n## Aims\n\n"
                    "| Aim | Measure |\n| --- | --- |\n| More victims identified | ICSE figures |\n\n"
                    "<script>alert(1)</script>")
#: A table wider than a phone, added to the outcome document the command started.
WIDE_TABLE = ("\n| Delegation | Statement delivered at the session | Commitments announced at the session |\n"
              "| --- | --- | --- |\n| France | Anticonstitutionnellementabsolutelylongwordwithnobreak | "
              "A national victim identification unit within the police |\n")
#: The pages this module adds to the site, each with content in it here.
NEW_PAGES = ("sessions/conference-1/", "sessions/", "decisions/", "commitments/", "commitments/icse-victims/",
             "members/fr/", "")


@pytest.fixture(scope="module")
def folder(tmp_path_factory, seeded_template) -> Path:
    """The seeded registry with a session's outcome and commitments recorded, and its site built."""
    folder = tmp_path_factory.mktemp("outcomes")
    copy_content(folder)
    copy_registry(seeded_template(TODAY, "secretariat-test"), folder / "registry.db")
    env = site_env(folder)
    for command in (
        ["session", "schedule", "--number", "1", "--starts", "2014-12-10", "--ends", "2014-12-11",
         "--city", "Washington", "--host", "US"],
        ["session", "attend", "conference-1", "FR", "DE", "EU"],
        ["session", "attend", "conference-1", "CA", "--role", "observer"],
        ["session", "held", "conference-1"],
        ["session", "decide", "conference-1", "--kind", "declaration", "--title", "Washington declaration",
         "--text", DECLARATION_TEXT, "--instrument", "global-alliance-launch-2012",
         "--source", "https://example.org/conference-1-report.pdf"],
        ["session", "decide", "conference-1", "--title", "Host of the second session",
         "--source", "conference report, p. 3"],
        ["session", "document", "conference-1", "--kind", "participants", "--title", "List of participants",
         "--date", "2014-12-11", "--url", "https://example.org/participants.pdf"],
        ["session", "outcome", "conference-1", "--new"],
        ["session", "schedule", "--number", "2", "--starts", "2026-03-02", "--city", "Canberra"],
        ["commitment", "add", "FR", "--target", "icse-victims", "--cycle", "2014", "--text",
         "A national victim identification unit", "--status", "done", "--source", "https://example.org/fr-2014.pdf"],
        ["commitment", "add", "DE", "--target", "icse-victims", "--cycle", "2016", "--text",
         HOSTILE, "--status", "in-progress", "--source", 'https://example.org/de"onmouseover="alert(1)'],
        ["indicator", "record", "icse-identified-victims", "--year", "2014", "--value", "1150",
         "--source", "INTERPOL, ICSE figures for 2014"],
        ["indicator", "record", "icse-identified-victims", "--year", "2015", "--value", "1200",
         "--source", "https://example.org/icse-2015"],
    ):
        result = CliRunner().invoke(app, command, env=env)
        assert result.exit_code == 0, (command, result.output)
    with open(folder / "content/sessions/conference-1.md", "a", encoding="utf-8") as outcome:
        outcome.write(WIDE_TABLE)
    site_build(folder, env=env)
    return folder


@pytest.fixture(scope="module")
def site(folder) -> Path:
    return folder / "output"


def page(site: Path, path: str):
    return html.parse(str(site / path / "index.html"))


def text_of(element) -> str:
    return " ".join(element.text_content().split())


# -- a session's page -------------------------------------------------------------------------


def test_a_session_page_tells_who_came_in_what_role_and_what_was_decided(site):
    session = page(site, "sessions/conference-1")
    attendance = session.xpath('//section[@aria-labelledby="participants"]')[0]
    assert [text_of(h) for h in attendance.xpath("h3")] == ["Delegations", "Observers", "Organisations"]
    assert "France" in [text_of(li) for li in attendance.xpath("ul[1]/li")]
    assert [text_of(li) for li in attendance.xpath("ul[2]/li")] == ["Canada"]
    assert [text_of(li) for li in attendance.xpath("ul[3]/li")] == ["European Union"]

    decisions = session.xpath('//section[@aria-labelledby="decisions"]/article')
    assert [d.get("id") for d in decisions] == ["decision-1", "decision-2"]
    assert [text_of(d.xpath("h3")[0]) for d in decisions] == [
        "Declaration 1: Washington declaration", "Decision 2: Host of the second session"]
    first = decisions[0]
    text = first.xpath('div[@class="prose"]')[0]
    assert text.xpath("p/strong/text()") == ["agree"]
    # the registry's raw HTML is shown as text, never run
    assert not session.xpath("//main//script") and "<script>alert(1)</script>" in text_of(text)
    assert first.xpath('.//dd/a[.="Declaration on the Launch of the Global Alliance against child sexual '
                       'abuse online"]/@href') == ["../../instruments/global-alliance-launch-2012/"]
    assert first.xpath('.//dd/a/@href')[-1] == "https://example.org/conference-1-report.pdf"
    assert [text_of(dd) for dd in decisions[1].xpath(".//dd")] == ["conference report, p. 3"]

    documents = session.xpath('//section[@aria-labelledby="documents"]//li')
    assert [text_of(li) for li in documents] == ["List of participants: List of participants, 11 December 2014"]
    assert documents[0].xpath("a/@href") == ["https://example.org/participants.pdf"]
    assert documents[0].xpath("time/@datetime") == ["2014-12-11"]


def test_the_page_outline_puts_the_outcome_document_and_decision_texts_under_their_headings(site):
    session = page(site, "sessions/conference-1")
    headings = [(int(h.tag[1]), text_of(h)) for h in session.xpath("//main//*[self::h1 or self::h2 or self::h3 "
                                                                   "or self::h4 or self::h5 or self::h6]")]
    # never a level skipped on the way down
    assert all(level <= before + 1 for (before, _), (level, _) in zip(headings, headings[1:], strict=False))
    assert headings[0] == (1, "Conference session 1")
    outcome = headings.index((2, "Outcome"))
    assert headings[outcome:] == [(2, "Outcome"), (3, "Outcome of Conference session 1"), (4, "Summary"),
                                  (4, "Decisions"), (4, "Next steps")]
    assert (4, "Aims") in headings[:outcome]  # the declaration's own heading, under its title
    assert "Title:" not in text_of(session.xpath('//section[@aria-labelledby="outcome"]')[0])


def test_tables_in_prose_scroll_in_a_labelled_box_the_keyboard_reaches(site):
    session = page(site, "sessions/conference-1")
    boxes = session.xpath('//div[@class="prose"]/div[@class="table-scroll"]')
    assert [(b.get("role"), b.get("tabindex"), b.get("aria-label")) for b in boxes] == [
        ("region", "0", "Declaration 1, table"), ("region", "0", "Outcome of Conference session 1, table")]
    assert all(b.xpath("table") for b in boxes)


def test_the_sessions_list_marks_the_sessions_with_outcomes(site):
    rows = page(site, "sessions").xpath('//section[@aria-labelledby="conferences"]//tbody/tr')
    outcome = {text_of(r.xpath("th")[0]): text_of(r.xpath('td[@data-label="Outcome on record"]')[0]) for r in rows}
    assert outcome == {"Conference session 1": "2 decisions and outcome document", "Conference session 2": "none"}


# -- decisions across sessions --------------------------------------------------------------------


def test_the_decisions_index_lists_every_decision_newest_session_first(site):
    index = page(site, "decisions")
    sessions = index.xpath("//main//section")
    assert [text_of(s.xpath("h2")[0]) for s in sessions][:2] == [
        "Conference session 1", "Launch of the Global Alliance against Child Sexual Abuse Online"]
    assert len(sessions) == 6  # the five meetings of the founding record and conference 1, not conference 2
    links = sessions[0].xpath('ul[@class="decisions"]/li/a[1]')
    assert [(text_of(a), a.get("href")) for a in links] == [
        ("Declaration 1: Washington declaration", "../sessions/conference-1/#decision-1"),
        ("Decision 2: Host of the second session", "../sessions/conference-1/#decision-2")]
    # every anchor the index links to is on its session's page
    for href in index.xpath('//ul[@class="decisions"]/li/a[contains(@href, "#")]/@href'):
        path, anchor = href.removeprefix("../").split("#")
        assert page(site, path).xpath(f'//*[@id="{anchor}"]'), href


def test_the_home_page_shows_what_the_latest_session_decided(site):
    latest = page(site, "").xpath('//section[@aria-labelledby="latest-decisions"]')[0]
    assert "Conference session 1, 10 December 2014, Washington" in text_of(latest)
    assert latest.xpath('.//ul[@class="decisions"]/li/a/@href') == [
        "./sessions/conference-1/#decision-1", "./sessions/conference-1/#decision-2"]
    assert latest.xpath('.//a[.="The decisions of every session"]/@href') == ["./decisions/"]


# -- targets, goals and commitments ---------------------------------------------------------------


def test_the_commitments_page_lists_targets_and_goals_with_the_countries_reporting(site):
    index = page(site, "commitments")
    groups = {text_of(s.xpath("h2")[0]): s.xpath(".//tbody/tr") for s in index.xpath("//main/div/section")}
    assert [len(rows) for rows in groups.values()] == [4, 7] and list(groups) == ["Policy targets",
                                                                                  "Operational goals"]
    goal = groups["Operational goals"][0]
    assert goal.xpath("th/a/@href") == ["../commitments/icse-victims/"]
    assert text_of(goal.xpath('td[@data-label="Countries reporting"]')[0]) == "2"
    assert {text_of(r.xpath('td[@data-label="Countries reporting"]')[0]) for r in groups["Policy targets"]} == {"0"}
    assert index.xpath('//nav//a[.="Commitments"]/@href') == ["../commitments/"]


def test_a_goal_page_shows_who_reported_what_cycle_by_cycle(site):
    goal = page(site, "commitments/icse-victims")
    assert text_of(goal.xpath("//h1")[0]) == "10% more identified victims each year"
    cycles = goal.xpath('//section[@aria-labelledby="reported"]/section')
    assert [text_of(c.xpath("h3")[0]).split(" (")[0] for c in cycles] == ["Cycle 2016", "Cycle 2014"]
    france = cycles[1].xpath(".//tbody/tr")[0]
    assert france.xpath("th/a/@href") == ["../../members/fr/"] and text_of(france.xpath("th")[0]) == "France"
    assert text_of(france.xpath('td[@data-label="Status"]')[0]) == "done"
    assert france.xpath('td[@data-label="Source"]/a/@href') == ["https://example.org/fr-2014.pdf"]
    germany = cycles[0].xpath(".//tbody/tr")[0]
    assert text_of(germany.xpath('td[@data-label="Status"]')[0]) == "in progress"
    # what a member reported is shown as it was given, and runs nothing
    assert text_of(germany.xpath('td[@data-label="Commitment"]')[0]) == HOSTILE
    # a source that is not a well-formed web address is not linked
    assert text_of(germany.xpath('td[@data-label="Source"]')[0]) == 'https://example.org/de"onmouseover="alert(1)'
    assert not germany.xpath('td[@data-label="Source"]/a')
    assert not goal.xpath("//main//script") and not goal.xpath("//@*[starts-with(name(), 'on')]")


def test_a_goal_with_an_indicator_charts_its_values_against_the_target_path(site):
    section = page(site, "commitments/icse-victims").xpath(
        '//section[@aria-labelledby="indicator-icse-identified-victims"]')[0]
    svg = section.xpath(".//figure/*[local-name()='svg']")[0]
    assert svg.get("role") == "img"
    title, desc = (text_of(svg.xpath(f"*[local-name()='{tag}']")[0]) for tag in ("title", "desc"))
    assert title.startswith("Victims identified in INTERPOL's ICSE database")
    assert "2014: 1,150; 2015: 1,200" in desc and "1 of 2 recorded years reach it" in desc
    assert svg.get("aria-labelledby").split() == [svg.xpath(f"*[local-name()='{tag}']/@id")[0]
                                                  for tag in ("title", "desc")]
    assert len(svg.xpath("*[local-name()='circle']")) == 2
    rows = [[text_of(cell) for cell in row.xpath("th|td")] for row in section.xpath(".//tbody/tr")]
    assert rows == [["2014", "1,150", "1,150", "yes", "INTERPOL, ICSE figures for 2014"],
                    ["2015", "1,200", "1,265", "no", "https://example.org/icse-2015"]]
    assert section.xpath('.//td[@data-label="Source"]/a/@href') == ["https://example.org/icse-2015"]


def test_a_goal_whose_indicator_has_no_value_says_so_without_a_chart(seeded_site):
    section = page(seeded_site, "commitments/icse-victims").xpath(
        '//section[@aria-labelledby="indicator-icse-identified-victims"]')[0]
    assert not section.xpath(".//*[local-name()='svg']") and not section.xpath(".//table")
    assert "No value of this indicator has been recorded yet" in text_of(section)
    reported = page(seeded_site, "commitments/icse-victims").xpath('//section[@aria-labelledby="reported"]')[0]
    assert "No member has reported a commitment under this operational goal yet." in text_of(reported)


def test_a_country_page_shows_its_commitments_by_target(site):
    france = page(site, "members/fr").xpath('//section[@aria-labelledby="commitments"]')[0]
    assert france.xpath("h3/a/@href") == ["../../commitments/icse-victims/"]
    assert text_of(france.xpath("h3")[0]) == "Operational goal 1: 10% more identified victims each year"
    assert text_of(france.xpath("ul/li")[0]).startswith("Cycle 2014: A national victim identification unit (done;")
    japan = page(site, "members/jp").xpath('//section[@aria-labelledby="commitments"]')[0]
    assert "No commitment of Japan is recorded." in text_of(japan)


# -- feeds and data ---------------------------------------------------------------------------------


def test_the_calendar_says_what_a_held_session_adopted(site):
    events = {str(e["UID"]).split("@")[0]: e for e in
              icalendar.Calendar.from_ical((site / "calendar.ics").read_bytes()).walk("VEVENT")}
    assert str(events["session-conference-1"]["DESCRIPTION"]) == "Held; adopted 1 declaration and 1 decision."
    assert str(events["session-eu-us-jha-2012"]["DESCRIPTION"]) == "Held; adopted 1 statement."
    assert "DESCRIPTION" not in events["session-conference-2"]  # still to come
    france = icalendar.Calendar.from_ical((site / "data/members/fr.ics").read_bytes())
    assert [str(e["DESCRIPTION"]) for e in france.walk("VEVENT") if str(e["UID"]).startswith(
        "session-conference-1@")] == ["Held; adopted 1 declaration and 1 decision."]


def test_the_change_feed_links_each_decision_to_its_place(site):
    entries = etree.parse(str(site / "feeds/changes.atom")).findall(f"{ATOM}entry")
    links = {e.find(f"{ATOM}link").get("href"): e.findtext(f"{ATOM}title") for e in entries}
    assert links["http://localhost:8000/sessions/conference-1/#decision-1"].startswith("Conference session 1")
    assert "Host of the second session" in links["http://localhost:8000/sessions/conference-1/#decision-2"]
    assert "List of participants" in links["http://localhost:8000/sessions/conference-1/"]


def test_registry_json_carries_the_outcomes_and_aims_valid_against_its_schema(site):
    document = json.loads((site / "data/registry.json").read_text())
    schema = json.loads((site / "data/registry.schema.json").read_text())
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(document)
    assert [d["title"] for d in document["decisions"] if d["meeting"] == "conference-1"] == [
        "Washington declaration", "Host of the second session"]
    assert [c["country"] for c in document["commitments"]] == ["DE", "FR"]
    assert [v["year"] for v in document["indicator_values"]] == [2014, 2015]


# -- the checks every page passes ------------------------------------------------------------------


def test_the_new_pages_are_valid_and_well_linked(site):
    checked, problems = sitecheck.link_problems(site)
    assert checked and problems == []
    if missing := sitecheck.vnu_missing():
        pytest.skip(missing)
    files = [site / path / "index.html" for path in NEW_PAGES] + [site / "theme/css/site.css"]
    checked, errors = sitecheck.vnu_errors(site, files)
    assert checked == len(files) and errors == []


@pytest.fixture(scope="module")
def browser_page(site):
    if missing := sitecheck.browser_missing():
        pytest.skip(missing)
    from playwright.sync_api import sync_playwright

    with sitecheck.served(site) as base_url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=sitecheck.CHROMIUM, args=sitecheck.CHROMIUM_ARGS,
                                             headless=True)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base_url)
                      else route.abort())
        yield context.new_page(), base_url
        browser.close()


@pytest.mark.parametrize("width", [320, 375, 1280])
def test_the_new_pages_pass_axe_and_never_scroll_sideways(browser_page, width):
    from axe_playwright_python.sync_playwright import Axe

    visitor, base_url = browser_page
    visitor.set_viewport_size({"width": width, "height": 800})
    problems = {}
    for path in NEW_PAGES:
        visitor.goto(f"{base_url}/{path}")
        scroll, client = visitor.evaluate("() => [document.scrollingElement.scrollWidth, "
                                          "document.scrollingElement.clientWidth]")
        options = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a",
                                                         "wcag22aa"]}, "resultTypes": ["violations"]}
        found = [f"{v['id']}: " + ", ".join(" ".join(n["target"]) for n in v["nodes"][:3])
                 for v in Axe().run(visitor, options=options).response["violations"]]
        found += [f"scrolls sideways: {scroll} px in {client} px"] if scroll > client else []
        if found:
            problems[path or "/"] = found
    assert problems == {}


def test_the_keyboard_scrolls_a_wide_table_in_its_box(browser_page):
    visitor, base_url = browser_page
    visitor.set_viewport_size({"width": 320, "height": 800})
    visitor.goto(f"{base_url}/sessions/conference-1/")
    box = visitor.get_by_role("region", name="Outcome of Conference session 1, table")
    assert box.evaluate("el => el.scrollWidth > el.clientWidth")  # wider than the phone: it scrolls, the page not
    box.focus()
    assert visitor.evaluate("() => document.activeElement.getAttribute('aria-label')") == box.get_attribute(
        "aria-label")
    visitor.keyboard.press("ArrowRight")
    visitor.wait_for_function("label => document.querySelector(`[aria-label='${label}']`).scrollLeft > 0",
                              arg=box.get_attribute("aria-label"))


# -- registry session outcome --new -------------------------------------------------------------


def test_session_outcome_new_starts_the_document_with_the_sessions_facts(seeded, tmp_path):
    seeded("session schedule --number 1 --starts 2014-12-10 --ends 2014-12-11 --city Washington --host US")
    result = seeded("session outcome conference-1 --new")
    assert result.exit_code == 0, result.stderr
    written = tmp_path / "content/sessions/conference-1.md"
    assert str(written) in result.stdout
    lines = written.read_text(encoding="utf-8").splitlines()
    assert lines[:6] == ["Title: Outcome of Conference session 1", "Session: conference-1", "Date: 2014-12-10",
                         "Ends: 2014-12-11", "Place: Washington, United States of America", ""]
    assert [line for line in lines if line.startswith("## ")] == ["## Summary", "## Decisions", "## Next steps"]
    [listed] = seeded("session list --json").json()[5:]
    assert listed["outcome"] == "sessions/conference-1.md"


def test_session_outcome_new_refuses_a_file_that_exists(seeded, tmp_path):
    written = tmp_path / "content/sessions/brussels-launch-2012.md"
    written.parent.mkdir()
    written.write_text("Title: Kept as it is\n", encoding="utf-8")
    assert_refused(seeded, "session outcome brussels-launch-2012 --new",
                   says=("brussels-launch-2012.md already exists",
                         "registry session outcome brussels-launch-2012 sessions/brussels-launch-2012.md"))
    assert written.read_text(encoding="utf-8") == "Title: Kept as it is\n"
    assert_refused(seeded, "session outcome brussels-launch-2012 sessions/brussels-launch-2012.md --new",
                   says=("either the outcome document's PATH or --new",))


def test_a_dry_run_of_session_outcome_new_writes_no_file(seeded, tmp_path):
    before = export(seeded)
    result = seeded("session outcome brussels-launch-2012 --new --dry-run")
    assert result.exit_code == 0 and "Dry run: nothing was written" in result.stdout
    assert "sessions/brussels-launch-2012.md" in result.stdout
    assert not (tmp_path / "content/sessions").exists()
    assert export(seeded) == before
