"""The site's search: Pagefind's index, built with the site, and its UI on /search/, in Chromium.

The site under check (tests/sitecheck.py: the seeded site, or REGISTRY_CHECK_OUTPUT) is
served on 127.0.0.1; a reader types into the search box and follows a result, with the
page's own Content-Security-Policy in force and every request to another host refused.
Without JavaScript the search page says where to look instead. A build whose index cannot
be made is not published.
"""

from __future__ import annotations

import json
from collections import defaultdict
from urllib.parse import urlsplit

import pytest
import sitecheck
from lxml import html

pytestmark = pytest.mark.sqlite_only

WATCH = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__cspViolations.push(e.violatedDirective + " blocked " + (e.blockedURI || "inline"));
});
"""


@pytest.fixture(scope="module")
def site(checked_site):
    return checked_site


@pytest.fixture(scope="module")
def base_url(site):
    if missing := sitecheck.browser_missing():
        pytest.skip(missing)
    with sitecheck.served(site) as url:
        yield url


@pytest.fixture(scope="module")
def browser(base_url):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=sitecheck.CHROMIUM, args=sitecheck.CHROMIUM_ARGS,
                                              headless=True)
        yield launched
        launched.close()


class Visit:
    """A page in its own context: requests elsewhere refused and noted, errors and CSP violations noted."""

    def __init__(self, browser, **options):
        self.context = browser.new_context(viewport={"width": 1280, "height": 900}, **options)
        self.elsewhere: list[str] = []
        self.errors: dict[str, list[str]] = defaultdict(list)
        self.context.route("**/*", self.route)
        self.context.add_init_script(WATCH)
        self.page = self.context.new_page()
        self.page.on("console", lambda m: m.type == "error" and self.errors[self.page.url].append(m.text))
        self.page.on("pageerror", lambda e: self.errors[self.page.url].append(f"uncaught: {e}"))

    def route(self, route):
        if urlsplit(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            self.elsewhere.append(route.request.url)
            route.abort()

    def csp_violations(self) -> list[str]:
        return self.page.evaluate("window.__cspViolations.slice()")


@pytest.fixture
def visit(browser):
    opened = Visit(browser)
    yield opened
    opened.context.close()


def search(page, words: str) -> list[str]:
    """Type `words` into the search box as a reader would; the result links' paths, in order."""
    box = page.locator("pagefind-input input")
    box.click()
    box.press_sequentially(words, delay=30)
    results = page.locator("pagefind-results a[href]")
    results.first.wait_for(timeout=10_000)
    page.wait_for_timeout(300)  # the debounce: results for the whole of `words`
    return [urlsplit(href).path for href in results.evaluate_all("links => links.map(a => a.href)")]


def _country_page(site, iso2: str):
    if not (site / f"members/{iso2.lower()}/index.html").is_file():
        pytest.skip(f"the site under check has no page for {iso2}")


# -- the index, as built ---------------------------------------------------------------------


def test_the_build_indexes_every_page_but_the_search_page(site):
    entry = json.loads((site / "pagefind/pagefind-entry.json").read_text())
    pages = [p for p in site.rglob("index.html") if not p.is_relative_to(site / "pagefind")]
    search_pages = [p for p in pages if p.parent.name == "search"]  # one per language
    assert len(search_pages) == len(entry["languages"]) == 2
    assert sum(language["page_count"] for language in entry["languages"].values()) == len(pages) - len(search_pages)
    for asset in ("pagefind.js", "pagefind-worker.js", "pagefind-component-ui.js", "pagefind-component-ui.css"):
        assert (site / "pagefind" / asset).is_file(), asset


def test_each_country_page_carries_its_other_names_for_the_index(site):
    _country_page(site, "VN")
    doc = html.parse(str(site / "members/vn/index.html"))
    names = doc.xpath('//meta[@name="keywords"][@data-pagefind-meta="names[content]"]/@content')
    assert names and {"Vietnam", "Socialist Republic of Viet Nam", "VNM"} <= set(names[0].split(", "))
    # the names are index metadata, not text shown on the page
    assert "Socialist Republic" not in doc.xpath("string(//body)")


def test_a_country_has_every_name_a_document_may_use():
    from registry.reading.names import country_names

    assert country_names("VN") == ["Socialist Republic of Viet Nam", "Vietnam", "VN", "VNM"]
    assert {"Turkey", "Republic of Türkiye", "TUR"} <= set(country_names("TR"))  # its former name, ISO's official name
    assert {"United Kingdom", "GBR"} <= set(country_names("GB"))
    assert "Viet Nam" not in country_names("VN")  # the name the site shows (the UN's) is the page's own title


# -- searching, as a reader does -------------------------------------------------------------


def test_typing_viet_finds_viet_nam(site, base_url, visit):
    _country_page(site, "VN")
    page = visit.page
    page.goto(base_url + "/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Search", exact=True).click()
    page.wait_for_url("**/search/")
    found = search(page, "Viet")
    assert found and found[0] == "/members/vn/", found
    page.locator("pagefind-results a[href]").first.click()
    page.wait_for_url("**/members/vn/")
    assert page.locator("h1").inner_text() == "Viet Nam"
    assert visit.csp_violations() == [] and visit.elsewhere == [] and not visit.errors, (
        visit.csp_violations(), visit.elsewhere, dict(visit.errors))


@pytest.mark.parametrize("words", ["Vietnam", "Socialist Republic of Viet Nam", "VNM"])
def test_a_country_is_found_by_any_of_its_names(site, base_url, visit, words):
    _country_page(site, "VN")
    visit.page.goto(base_url + "/search/")
    found = search(visit.page, words)
    assert found[0] == "/members/vn/", (words, found)
    assert visit.csp_violations() == [] and not visit.errors, (visit.csp_violations(), dict(visit.errors))


def test_what_a_data_table_says_is_found_on_its_page(site, base_url, visit):
    # only the tables that list entries are left out of the index: the file table of /data/ is in it
    visit.page.goto(base_url + "/search/")
    assert "/data/" in search(visit.page, "popolo")


def test_the_search_page_with_results_passes_axe(site, base_url, visit):
    from axe_playwright_python.sync_playwright import Axe

    _country_page(site, "VN")
    visit.page.goto(base_url + "/search/")
    search(visit.page, "Viet")
    tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
    found = Axe().run(visit.page, options={"runOnly": {"type": "tag", "values": tags},
                                           "resultTypes": ["violations"]}).response["violations"]
    assert found == [], [f"{v['id']}: {v['help']}: {[n['target'] for n in v['nodes'][:3]]}" for v in found]


def test_the_keyboard_reaches_the_results_with_a_visible_focus(site, base_url, visit):
    _country_page(site, "VN")
    page = visit.page
    page.goto(base_url + "/search/")
    search(page, "Viet")
    for _ in range(10):
        page.keyboard.press("Tab")
        focused = page.evaluate("""() => { const el = document.activeElement, s = getComputedStyle(el);
            return {inResults: !!el.closest('pagefind-results'), href: el.getAttribute('href'),
                    outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2,
                    shadow: s.boxShadow !== 'none'}; }""")
        if focused["inResults"] and focused["href"]:
            break
    assert focused["inResults"] and urlsplit(focused["href"]).path == "/members/vn/", focused
    assert focused["outline"] or focused["shadow"], "no visible focus indicator on the result"
    page.keyboard.press("Enter")
    page.wait_for_url("**/members/vn/")


def test_the_search_page_fits_a_phone_with_results(site, base_url, visit):
    _country_page(site, "VN")
    visit.page.set_viewport_size({"width": 320, "height": 700})
    visit.page.goto(base_url + "/search/")
    search(visit.page, "Viet")
    scroll_width, width = visit.page.evaluate(
        "() => [document.scrollingElement.scrollWidth, document.scrollingElement.clientWidth]")
    assert scroll_width <= width


def test_without_javascript_the_search_page_says_where_to_look(base_url, browser):
    visit = Visit(browser, java_script_enabled=False)
    try:
        page = visit.page
        page.goto(base_url + "/search/")
        assert "needs JavaScript" in page.locator("main").inner_text()
        for name in ("The members list", "The conference sessions and meetings", "The change log"):
            link = page.get_by_role("link", name=name, exact=True)
            assert link.is_visible(), name
            assert page.request.get(link.evaluate("a => a.href")).ok, name
        # no control that would do nothing without its script
        assert page.locator("main input, main button, main select").count() == 0
    finally:
        visit.context.close()


# -- a build whose index fails ----------------------------------------------------------------


def test_a_build_whose_index_cannot_be_made_leaves_the_published_site(seeded, build_site, tmp_path, monkeypatch):
    build_site()
    before = (tmp_path / "output/members/index.html").read_bytes()
    seeded("join IS --date 2016-05-04")
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", "/bin/false")
    result = build_site(check=False)
    assert result.returncode == 1
    assert "search index could not be built" in result.stderr and "Traceback" not in result.stderr
    assert (tmp_path / "output/members/index.html").read_bytes() == before
    assert not list(tmp_path.glob(".output.building-*"))
    monkeypatch.delenv("PAGEFIND_BINARY_PATH")
    build_site()
    assert "Iceland" in (tmp_path / "output/members/index.html").read_text()
    assert (tmp_path / "output/pagefind/pagefind-entry.json").is_file()
