"""Layouts that survive real data, measured in Chromium.

The site is built from the founding record plus the longest values the registry can really
hold: the country with the longest name in ISO 3166-1 (as the site shows names) joins and
withdraws on the date with the longest written form, so that its row carries the longest
name and the longest status at once; a founding member withdraws and accedes again; a report
is received on time on the date with the longest written form. Then:

- at 1280 pixels, no row of the members table is taller than an ordinary one (one line);
- at 320 pixels, nothing on the members, reporting and open-data pages reaches past the
  viewport's right edge, except inside a box that scrolls sideways (a wide table);
- at 320 pixels, the reporting matrix shows the newest cycles without scrolling.
"""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta
from pathlib import Path

import pytest
import sitecheck
from conftest import copy_content, copy_registry, site_build, site_env
from typer.testing import CliRunner

from registry.cli import app
from registry.rules import countries
from registry.writing import seed

pytestmark = pytest.mark.sqlite_only

#: Today for this registry: late enough in the year for a date in September to have passed.
TODAY = date(2026, 11, 1)


def longest_date(before: date) -> date:
    """The date of `before`'s year, not after it, whose long form ("30 September 2026") is longest."""
    days = (date(before.year, 1, 1) + timedelta(n) for n in range((before - date(before.year, 1, 1)).days + 1))
    return max(days, key=lambda d: (len(f"{d:%-d %B %Y}"), d))


LONGEST_NAME = max(countries.all_countries(), key=lambda c: (len(c.name), c.iso2))
#: The founding members, who need not join before they withdraw.
FOUNDERS = {countries.resolve(name).iso2 for instrument in seed.founding_record()["instruments"]
            if instrument["slug"] == "global-alliance-launch-2012"
            for group in instrument["participants"] for name in group["countries"]}
LEFT_ON = longest_date(TODAY)


@pytest.fixture(scope="module")
def site(tmp_path_factory, seeded_template) -> Path:
    if missing := sitecheck.browser_missing():
        pytest.skip(missing)
    folder = tmp_path_factory.mktemp("long-values")
    copy_content(folder)
    copy_registry(seeded_template(TODAY.isoformat(), "secretariat-test"), folder / "registry.db")
    env = site_env(folder, REGISTRY_TODAY=TODAY.isoformat())
    runner = CliRunner()
    on_time = date(TODAY.year, 6, 30)  # the 2026 report falls due on 1 July
    joins = [] if LONGEST_NAME.iso2 in FOUNDERS else [
        ["join", LONGEST_NAME.iso2, "--date", date(TODAY.year - 10, 9, 30).isoformat(), "--source", "letter"]]
    for command in (
        *joins,
        ["withdraw", LONGEST_NAME.iso2, "--date", LEFT_ON.isoformat(), "--source", "notification"],
        ["withdraw", "FR", "--date", date(TODAY.year - 6, 9, 30).isoformat(), "--source", "notification"],
        ["join", "FR", "--date", date(TODAY.year - 4, 9, 30).isoformat()],
        ["report", "record", "DE", "--cycle", str(TODAY.year), "--received", on_time.isoformat()],
    ):
        result = runner.invoke(app, command, env=env)
        assert result.exit_code == 0, (command, result.output)
    site_build(folder, env=env)
    return folder / "output"


@pytest.fixture(scope="module")
def base_url(site):
    with sitecheck.served(site) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=sitecheck.CHROMIUM, args=sitecheck.CHROMIUM_ARGS,
                                              headless=True)
        yield launched
        launched.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.route("**/*", lambda route: route.continue_() if "//127.0.0.1:" in route.request.url
                  else route.abort())
    opened = context.new_page()
    yield opened
    context.close()


ROWS = """() => Array.from(document.querySelectorAll('#members-table tbody tr')).map(row => ({
  code: row.cells[1].textContent.trim(), height: row.getBoundingClientRect().height,
  cells: Array.from(row.cells).map(cell => cell.textContent.trim())}))"""

#: Elements whose right edge passes the viewport's, unless a box between them and the page
#: scrolls or clips sideways (a wide table in its scroll box is allowed; the page is not).
OVERFLOWING = """() => {
  const width = document.documentElement.clientWidth, found = [];
  const clipped = el => { for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
      if (getComputedStyle(up).overflowX !== 'visible') { return true; } } return false; };
  for (const el of document.body.querySelectorAll('*')) {
    const box = el.getBoundingClientRect();
    if (box.width > 0 && box.right > width + 0.5 && !clipped(el)) {
      found.push(el.tagName.toLowerCase() + (el.className ? '.' + el.className : '') + ': right edge at ' +
                 Math.round(box.right) + ' px: ' + el.textContent.trim().slice(0, 60));
    }
  }
  return {scroll: [document.scrollingElement.scrollWidth, width], found};
}"""


def test_the_registry_holds_the_longest_values(site):
    rows = csv.DictReader(io.StringIO((site / "data/members.csv").read_text("utf-8-sig")))
    members = {row["iso2"]: row for row in rows}
    assert LONGEST_NAME.iso2 in members and len(LONGEST_NAME.name) >= 38, LONGEST_NAME
    html = (site / "members/index.html").read_text()
    assert LONGEST_NAME.name.replace("&", "&amp;") in html
    assert f'datetime="{LEFT_ON.isoformat()}"' in html and LEFT_ON.month == 9 and LEFT_ON.day == 30


def test_no_members_row_is_taller_than_an_ordinary_one_at_1280_pixels(site, base_url, page):
    page.goto(base_url + "/members/")
    rows = page.evaluate(ROWS)
    by_code = {row["code"]: row for row in rows}
    ordinary = sorted(row["height"] for row in rows)[len(rows) // 2]
    longest = by_code[LONGEST_NAME.iso2]
    # the former member's row: its status and its withdrawal date, each in a cell of its own
    assert "former member" in longest["cells"] and LEFT_ON.strftime("%-d %b %Y") in longest["cells"], longest
    assert any("acceded again" in row["cells"] for row in rows)
    tall = [f"{row['code']}: {row['height']:.0f} px (ordinary: {ordinary:.0f} px): {row['cells']}"
            for row in rows if row["height"] > ordinary + 1]
    assert tall == [], "rows taller than an ordinary one:\n" + "\n".join(tall)
    assert ordinary < 48, f"an ordinary row is {ordinary:.0f} px tall: more than one line"
    # ...and the table fits the page: no column hidden to the right
    width, room = page.evaluate("() => { const t = document.getElementById('members-table');"
                                " return [t.scrollWidth, t.parentElement.clientWidth]; }")
    assert width <= room


@pytest.mark.parametrize("path", ["/members/", "/reports/", "/data/"])
def test_nothing_overflows_the_viewport_at_320_pixels(site, base_url, page, path):
    page.set_viewport_size({"width": 320, "height": 700})
    page.goto(base_url + path)
    result = page.evaluate(OVERFLOWING)
    scroll_width, width = result["scroll"]
    assert scroll_width <= width and result["found"] == [], "\n".join(result["found"][:20])


def test_the_reporting_matrix_shows_the_newest_cycles_first_on_a_phone(site, base_url, page):
    page.set_viewport_size({"width": 320, "height": 700})
    page.goto(base_url + "/reports/")
    headers = page.locator("table.matrix thead th")
    cycles = headers.all_inner_texts()[1:]
    assert cycles == sorted(cycles, reverse=True), cycles
    newest, oldest = headers.nth(1).bounding_box(), headers.last.bounding_box()
    assert newest["x"] + newest["width"] <= 320, "the newest cycle is off-screen"
    assert oldest["x"] > 320, "the test needs a matrix wider than the phone"
    # scrolled sideways, the country column stays in view
    page.locator(".table-scroll").evaluate("box => { box.scrollLeft = box.scrollWidth; }")
    country = page.locator("table.matrix tbody th").first.bounding_box()
    assert country["x"] >= 0 and country["x"] + country["width"] <= 320
    # the same statuses as reporting.csv, whose cycles run oldest first
    table = list(csv.reader(io.StringIO((site / "data/reporting.csv").read_text(encoding="utf-8-sig"))))
    assert table[0][2:] == cycles[::-1]
    germany = next(row for row in table if row[0] == "DE")
    assert germany[table[0].index(str(TODAY.year))] == "received"
