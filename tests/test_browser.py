"""The built site in a real browser: Debian's Chromium, driven by Playwright, on every page.

One browser for the module. Every page is visited once (the survey): axe-core at WCAG 2.0,
2.1 and 2.2 A and AA, console errors, Content-Security-Policy violations, horizontal scroll
at 1280 and 320 pixels; the tests then read the survey. A visitor's path, the members
table with and without JavaScript and keyboard navigation are tested as a person would use
them. No request may leave 127.0.0.1. Screenshots go to output-screenshots/ for a person.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import sitecheck

pytestmark = pytest.mark.sqlite_only

WIDTHS = (1280, 320)
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
SCREENSHOTS = sitecheck.PROJECT / "output-screenshots"

WATCH = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__cspViolations.push(e.violatedDirective + " blocked " + (e.blockedURI || "inline") +
    " at " + e.sourceFile + ":" + e.lineNumber + " " + (e.sample || ""));
});
"""

FOCUSABLES = """() => {
  const selector = 'a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex="-1"])';
  const all = Array.from(document.querySelectorAll(selector)).filter(el =>
    !el.disabled && !el.closest('[hidden]') &&
    (el.getClientRects().length > 0 || el.matches('.skip-link, .visually-hidden-focusable')));
  const look = el => { const s = getComputedStyle(el);
    return [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow, s.backgroundColor,
            s.color, s.textDecorationLine, s.borderColor].join('|'); };
  const unfocused = all.map(look);
  const transparent = c => c === 'transparent' || /rgba\\(.*,\\s*0\\)$/.test(c);
  // visible: the centre of one of its boxes is on screen and the element is what is drawn there
  const onScreen = el => Array.from(el.getClientRects()).some(b => {
    const x = b.left + b.width / 2, y = b.top + b.height / 2;
    if (b.width < 1 || b.height < 1 || x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) { return false; }
    const hit = document.elementFromPoint(x, y);
    return hit !== null && (hit === el || el.contains(hit));
  });
  window.__stops = [];
  document.addEventListener('focusin', event => {
    const el = event.target, index = all.indexOf(el);
    if (index < 0) { window.__stops.push({index: -1, tag: el.tagName}); return; }
    const s = getComputedStyle(el);
    const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2 && !transparent(s.outlineColor);
    // the browser scrolls a focused element into view just after this event; do it now to measure
    let visible = onScreen(el);
    if (!visible) { el.scrollIntoView({block: 'nearest', inline: 'nearest'}); visible = onScreen(el); }
    window.__stops.push({index, changed: look(el) !== unfocused[index], outline, shadow: s.boxShadow !== 'none',
                         onScreen: visible});
  });
  return all.map(el => el.outerHTML.slice(0, 120));
}"""

SCROLL = "() => [document.scrollingElement.scrollWidth, document.scrollingElement.clientWidth]"


@pytest.fixture(scope="module")
def site(request):
    return sitecheck.site_for(request, sitecheck.browser_missing())


@pytest.fixture(scope="module")
def base_url(site):
    with sitecheck.served(site) as url:
        yield url


class Watch:
    """What the browser did that it should not: requests elsewhere, console errors, CSP violations."""

    def __init__(self):
        self.elsewhere: list[str] = []
        self.console: dict[str, list[str]] = defaultdict(list)

    def route(self, route):
        if urlsplit(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            self.elsewhere.append(f"{route.request.frame.url if route.request.frame else '?'} -> {route.request.url}")
            route.abort()

    def attach(self, page):
        page.on("console", lambda m: m.type == "error" and self.console[urlsplit(page.url).path].append(m.text))
        page.on("pageerror", lambda e: self.console[urlsplit(page.url).path].append(f"uncaught: {e}"))
        return page


@pytest.fixture(scope="module")
def watch():
    return Watch()


@pytest.fixture(scope="module")
def browser():
    missing = sitecheck.browser_missing()
    if missing:
        pytest.skip(missing)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=sitecheck.CHROMIUM, args=sitecheck.CHROMIUM_ARGS,
                                              headless=True)
        yield launched
        launched.close()


def new_context(browser, watch, **options):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, **options)
    context.route("**/*", watch.route)
    context.add_init_script(WATCH)
    return context


@pytest.fixture(scope="module")
def context(browser, watch):
    opened = new_context(browser, watch)
    yield opened
    opened.close()


@pytest.fixture
def page(context, watch):
    opened = watch.attach(context.new_page())
    yield opened
    opened.close()


def _axe(page) -> list[str]:
    """axe-core's violations of WCAG 2.0, 2.1 and 2.2, A and AA, on the page as it is now."""
    from axe_playwright_python.sync_playwright import Axe

    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
    return [
        f"{v['id']} ({v['impact']}): {v['help']}: " + "; ".join(", ".join(n["target"]) for n in v["nodes"][:5])
        + (f" and {len(v['nodes']) - 5} more" if len(v["nodes"]) > 5 else "")
        for v in Axe().run(page, options=options).response["violations"]
    ]


one_page_of_each_kind = sitecheck.one_page_of_each_kind


@pytest.fixture(scope="module")
def survey(site, base_url, context, watch):
    """Every page, visited once: axe, console, CSP and scroll width at both widths."""
    found = {}
    visitor = watch.attach(context.new_page())
    for path in sitecheck.pages_in_browser(site):
        visitor.set_viewport_size({"width": 1280, "height": 900})
        response = visitor.goto(base_url + path, wait_until="load")
        assert response and response.ok, path
        result = {"scroll": {}, "csp": visitor.evaluate("window.__cspViolations.slice()")}
        for width in WIDTHS:
            visitor.set_viewport_size({"width": width, "height": 900})
            visitor.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
            result["scroll"][width] = visitor.evaluate(SCROLL)
        visitor.set_viewport_size({"width": 1280, "height": 900})
        result["axe"] = _axe(visitor)
        found[path] = result
    visitor.close()
    sitecheck.record(pages_in_browser=len(found), axe_violations=sum(len(r["axe"]) for r in found.values()))
    return found


def _report(problems: dict[str, list[str]]) -> str:
    lines = [f"{path}: {item}" for path, items in problems.items() for item in items]
    return f"{len(lines)} problems on {len(problems)} pages:\n" + "\n".join(lines[:150])


# -- every page -------------------------------------------------------------------------


def test_every_page_is_visited(site, survey):
    english = [path for path in map(lambda p: sitecheck.url_path(site, p), sitecheck.html_pages(site))
               if not path.startswith("/fr/") and path != "/fr/404.html"]
    assert set(english) <= set(survey)
    # in French, a page of each kind: the same templates, in the other language's words
    assert {"/fr/", "/fr/members/", "/fr/members/al/", "/fr/sessions/", "/fr/search/", "/fr/about/"} <= set(survey)
    assert "/search/" in survey  # the search page too, before a search (tests/test_search.py: with results)
    # the conference half: decisions across sessions, the targets and goals, and a goal with an indicator
    # (tests/test_site_outcomes.py puts the same pages, with commitments and a chart, through axe too)
    assert {"/decisions/", "/commitments/", "/commitments/icse-victims/"} <= set(survey)
    # the change log, a country's part of it, and the members on a year's last day and today
    assert "/changes/" in survey and [p for p in survey if p.startswith("/changes/") and len(p) == len("/changes/fr/")]
    assert [p for p in survey if p.startswith("/members/on/")]


def test_axe_finds_no_wcag_2_2_a_or_aa_violation_on_any_page(survey):
    problems = {path: r["axe"] for path, r in survey.items() if r["axe"]}
    if problems:
        pytest.fail(_report(problems), pytrace=False)


def test_axe_finds_no_violation_at_320_pixels_on_a_page_of_each_kind(site, base_url, page):
    page.set_viewport_size({"width": 320, "height": 700})
    problems = {}
    for path in one_page_of_each_kind(site):
        page.goto(base_url + path)
        found = _axe(page)
        if found:
            problems[path] = found
    if problems:
        pytest.fail(_report(problems), pytrace=False)


def test_no_page_has_a_console_error_or_a_csp_violation(survey, watch):
    problems = {path: r["csp"] for path, r in survey.items() if r["csp"]}
    for path, messages in watch.console.items():
        problems.setdefault(path, []).extend(messages)
    if problems:
        pytest.fail(_report(problems), pytrace=False)


def test_no_page_scrolls_sideways_at_320_or_1280_pixels(survey):
    problems = {
        path: [f"{width} px wide: content {sw} px in a {cw} px window" for width, (sw, cw) in r["scroll"].items()
               if sw > cw]
        for path, r in survey.items()
    }
    problems = {path: items for path, items in problems.items() if items}
    sitecheck.record(pages_scrolling_sideways=len(problems))
    if problems:
        pytest.fail(_report(problems), pytrace=False)


# -- as a visitor uses it ----------------------------------------------------------------


def test_a_visitor_goes_from_home_to_members_to_a_country_and_its_report_record(page, base_url):
    page.goto(base_url + "/")
    assert page.locator("h1").count() == 1
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Members", exact=True).click()
    page.wait_for_url("**/members/")
    assert page.locator("h1").inner_text() == "Members"
    first = page.locator("#members-table tbody tr th a").first
    country = first.inner_text()
    first.click()
    page.wait_for_url("**/members/*/")
    assert page.locator("h1").inner_text() == country
    record = page.get_by_role("region", name="Reporting record")
    assert record.is_visible()
    statuses = record.locator("tbody tr td:nth-child(3)").all_inner_texts()
    assert statuses and all(any(c.isalpha() for c in s) for s in statuses), statuses  # in words, not colour
    # the same record, in the matrix of every country
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Reports", exact=True).click()
    page.wait_for_url("**/reports/")
    assert page.get_by_role("row").filter(has=page.get_by_role("link", name=country, exact=True)).count() == 1


def _names(page) -> list[str]:
    return page.locator("#members-table tbody tr:not([hidden]) th").all_inner_texts()


def test_the_members_table_sorts_and_filters_with_javascript(page, base_url):
    page.goto(base_url + "/members/")
    names = _names(page)
    assert len(names) > 1
    header = page.locator("#members-table thead th").first
    header.get_by_role("button").click()
    assert header.get_attribute("aria-sort") == "ascending"
    assert _names(page) == sorted(names, key=str.lower)
    header.get_by_role("button").click()
    assert header.get_attribute("aria-sort") == "descending"
    assert _names(page) == sorted(names, key=str.lower, reverse=True)

    target = names[len(names) // 2]
    page.get_by_label("Filter by country or code").fill(target.lower())
    shown = _names(page)
    assert target in shown and len(shown) < len(names)
    assert all(target.lower() in name.lower() for name in shown) or len(shown) == 1
    assert page.get_by_role("status").inner_text().startswith(f"{len(shown)} of {len(names)}")
    page.get_by_label("Filter by country or code").fill("")
    page.get_by_label("Status").select_option("withdrawn")
    statuses = page.locator("#members-table tbody tr:not([hidden])").evaluate_all(
        "rows => rows.map(r => r.getAttribute('data-status'))")
    assert set(statuses) <= {"withdrawn"}
    page.get_by_label("Status").select_option("")
    assert len(_names(page)) == len(names)


def test_the_members_table_is_complete_without_javascript(site, browser, watch, base_url):
    import json

    members = json.loads((site / "data/members.json").read_text())["members"]
    context = new_context(browser, watch, java_script_enabled=False)
    try:
        page = watch.attach(context.new_page())
        page.goto(base_url + "/members/")
        rows = page.locator("#members-table tbody tr")
        assert rows.count() == len(members)
        assert all(row.is_visible() for row in rows.all())
        assert sorted(page.locator("#members-table tbody tr td:nth-child(2)").all_inner_texts()) == sorted(
            m["iso2"] for m in members)
        # no control that would do nothing without its script
        assert page.locator("#members-table button, input, select").count() == 0
    finally:
        context.close()


def _keyboard_tour(page, url: str) -> tuple[int, list[str]]:
    """Tab through the page from its top: (stops, faults) for every link and control."""
    page.goto(url)
    focusables = page.evaluate(FOCUSABLES)
    for _ in range(len(focusables) + 2):
        page.keyboard.press("Tab")
    reached, faults = set(), []
    for state in page.evaluate("window.__stops"):
        if state["index"] < 0:
            faults.append(f"Tab reached an element not counted as focusable: {state['tag']}")
            continue
        if state["index"] in reached:
            break  # round again
        reached.add(state["index"])
        if not (state["changed"] and (state["outline"] or state["shadow"])):
            faults.append(f"no visible focus indicator on {focusables[state['index']]}")
        if not state["onScreen"]:
            faults.append(f"focused but not visible: {focusables[state['index']]}")
    faults += [f"never reached by Tab: {focusables[i]}" for i in range(len(focusables)) if i not in reached]
    return len(reached), faults


def test_the_keyboard_reaches_every_link_on_every_page_with_a_visible_focus(site, base_url, page):
    problems: dict[str, list[str]] = {}
    stops = 0
    for path in sitecheck.pages_in_browser(site):
        reached, faults = _keyboard_tour(page, base_url + path)
        stops += reached
        if faults:
            problems[path] = faults
    sitecheck.record(focus_stops_checked=stops)
    if problems:
        pytest.fail(_report(problems), pytrace=False)


def test_the_keyboard_works_at_320_pixels_too(site, base_url, page):
    page.set_viewport_size({"width": 320, "height": 700})
    problems = {}
    for path in one_page_of_each_kind(site):
        reached, faults = _keyboard_tour(page, base_url + path)
        assert reached
        if faults:
            problems[path] = faults
    if problems:
        pytest.fail(_report(problems), pytrace=False)


def test_screenshots_of_home_members_and_a_country_at_both_widths_in_both_languages(site, base_url, page):
    SCREENSHOTS.mkdir(exist_ok=True)
    country = "fr" if (site / "members/fr/index.html").is_file() else sorted(
        p.parent.name for p in site.glob("members/*/index.html"))[0]
    saved = []
    shown = [("home", "/"), ("members", "/members/"), (f"country-{country}", f"/members/{country}/")]
    shown += [(f"{name}-fr", f"/fr{path}") for name, path in shown]  # the same pages in French
    for name, path in shown:
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            page.goto(base_url + path)
            target = SCREENSHOTS / f"{name}-{width}.png"
            page.screenshot(path=str(target), full_page=True)
            saved.append(target)
    assert all(Path(p).stat().st_size > 1000 for p in saved)


def test_no_request_left_127_0_0_1_and_no_console_error_all_along(survey, watch):
    # last in the module: every page, the visitor's path, the table and the keyboard tours are behind it
    assert watch.elsewhere == [], "requests to other hosts:\n" + "\n".join(watch.elsewhere[:50])
    if watch.console:
        pytest.fail(_report(watch.console), pytrace=False)
