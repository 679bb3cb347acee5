"""Names a government would sign: the naming authority, names as of a date, the names documents
wrote, the members filter's names, and every fact of a country page citable.

The rules are checked directly; the commands on both backends; the site once, built for this
module from the seeded registry with a few more entries (a preferred name, a report, a
correction, new members), and read as a reader would, in a browser too where there is one.
"""

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest
from conftest import TODAY, copy_content, copy_registry, site_build, site_env
from lxml import html
from typer.testing import CliRunner

from registry.cli import app
from registry.rules import countries, naming
from registry.rules.naming import Naming

HOSTILE = '<script>alert(1)</script> "quoted"'
FORMULA = '=HYPERLINK("http://x")'


# -- the authority ---------------------------------------------------------------------------


@pytest.mark.parametrize(("iso2", "un", "iso", "cldr"), [
    ("KR", "Republic of Korea", "Korea, Republic of", "South Korea"),
    ("VN", "Viet Nam", "Viet Nam", "Vietnam"),
    ("LC", "Saint Lucia", "Saint Lucia", "St. Lucia"),
    ("CV", "Cabo Verde", "Cabo Verde", "Cape Verde"),
    ("TR", "Türkiye", "Türkiye", "Türkiye"),
    ("GB", "United Kingdom of Great Britain and Northern Ireland", "United Kingdom", "United Kingdom"),
    ("CI", "Côte d'Ivoire", "Côte d'Ivoire", "Côte d'Ivoire"),
])
def test_each_convention_names_a_country_its_own_way(iso2, un, iso, cldr):
    assert Naming("un").name(iso2) == countries.name(iso2) == un
    assert Naming("iso").name(iso2) == iso
    assert Naming("cldr").name(iso2) == cldr


def test_the_un_names_ship_with_their_source_and_the_article_kept_apart_for_sorting():
    rows = list(csv.DictReader(io.StringIO((Path(naming.__file__).parent / "un_names.csv").read_text("utf-8"))))
    assert list(rows[0]) == ["iso2", "name", "article", "sort_name", "source"]
    assert all(r["source"].startswith(("UNTERM", "UNSD M49")) for r in rows)
    by_code = {r["iso2"]: r for r in rows}
    assert by_code["NL"]["name"] == "Netherlands" and by_code["NL"]["article"] == "the"
    assert Naming().article("NL") == "the" and Naming().article("FR") == ""
    # every country the registry knows but the three no UN list names has a UN name
    assert {c.iso2 for c in countries.all_countries()} - set(by_code) == {"EU", "TW", "XK"}
    assert Naming().name("EU") == "European Union" and Naming().name("XK") == "Kosovo"
    assert naming.sort_key("the former Yugoslav Republic of Macedonia") == "former yugoslav republic of macedonia"
    assert sorted(["Ukraine", "Türkiye", "Thailand"], key=naming.sort_key) == ["Thailand", "Türkiye", "Ukraine"]


def test_names_in_french_come_from_the_convention_where_it_has_them_else_from_cldr():
    assert countries.name("KR", lang="fr") == Naming().name("KR", "fr") == "Corée du Sud"  # no UN French shipped
    assert Naming("iso").name("KR", "fr") == "Corée, République de"
    assert Naming("cldr").name("DE", "fr") == "Allemagne"
    assert Naming(preferred={"TR": "Republic of Türkiye"}).name("TR", "fr") == "Turquie"  # preferred forms are English


@pytest.mark.parametrize(("iso2", "changed", "former", "now"), [
    ("TR", date(2022, 6, 1), "Turkey", "Türkiye"),
    ("CZ", date(2016, 5, 17), "Czech Republic", "Czechia"),
    ("SZ", date(2018, 4, 19), "Swaziland", "Eswatini"),
    ("MK", date(2019, 2, 14), "the former Yugoslav Republic of Macedonia", "North Macedonia"),
    ("CV", date(2013, 10, 24), "Cape Verde", "Cabo Verde"),
])
def test_a_name_is_the_one_in_force_on_the_day_asked(iso2, changed, former, now):
    named = Naming()
    assert named.name(iso2, on=date.fromordinal(changed.toordinal() - 1)) == former
    assert named.name(iso2, on=changed) == now == named.name(iso2)
    change = next(c for c in named.changes(iso2) if c.date == changed)
    assert change.former == former and change.source
    assert countries.resolve(former).iso2 == iso2  # a former name still finds the country


def test_a_preferred_form_wins_over_the_convention_but_not_over_history():
    named = Naming("iso", {"TR": "Republic of Türkiye"})
    assert named.name("TR") == "Republic of Türkiye"
    assert named.name("TR", on=date(2013, 1, 1)) == "Turkey"
    assert named.name("KR") == "Korea, Republic of"
    assert [named.authority(c) for c in ("TR", "KR", "EU")] == ["preferred", "iso", "cldr"]
    assert Naming().authority("XK") == "cldr"  # no UN list names Kosovo
    with pytest.raises(ValueError):
        Naming("bbc")


# -- the commands ------------------------------------------------------------------------------


def _names(cli, *args: str) -> dict[str, str]:
    return {m["iso2"]: m["name"] for m in cli("status", "--json", *args).json()}


def test_the_name_convention_setting_names_countries_everywhere(seeded):
    assert _names(seeded)["KR"] == "Republic of Korea"
    assert seeded("settings set name-convention iso --reason 'as the ministry writes them'").exit_code == 0
    assert _names(seeded)["KR"] == "Korea, Republic of"
    assert seeded("country KR --json").json()["name"] == "Korea, Republic of"
    assert seeded("settings set name-convention cldr --reason 'plain English'").exit_code == 0
    assert _names(seeded)["KR"] == "South Korea"
    refused = seeded("settings set name-convention bbc --reason x")
    assert refused.exit_code == 1 and "un, iso, cldr" in refused.stderr
    assert seeded("settings show --json").json()["name-convention"] == "cldr"


def test_a_preferred_form_is_set_tried_corrected_cleared_and_undone(seeded):
    tried = seeded("country-name set TR 'Republic of Türkiye' --reason 'note verbale' --dry-run")
    assert tried.exit_code == 0 and "Türkiye (TR) to be named Republic of Türkiye" in tried.stdout
    assert seeded("country-name list --json").json()["preferred"] == []

    made = seeded("country-name set Turkey 'Republic of Türkiye' --reason 'note verbale' --source 'NV 22/451'")
    assert made.exit_code == 0, made.stderr
    assert _names(seeded)["TR"] == "Republic of Türkiye"
    assert seeded("country-name list --json").json() == {"name_convention": "un", "preferred": [
        {"iso2": "TR", "name": "Republic of Türkiye", "reason": "note verbale", "source": "NV 22/451"}]}
    logged = seeded("log --country TR --json").json()[0]
    assert logged["what"] == "country_name.set" and logged["reason"] == "note verbale"

    assert seeded("correct country-name TR name=Türkiye --reason 'the short form' --yes").exit_code == 0
    assert _names(seeded)["TR"] == "Türkiye"
    cleared = seeded("country-name clear TR --reason 'the convention says the same'")
    assert cleared.exit_code == 0 and "TR is named Türkiye again" in cleared.stdout
    assert seeded("country-name clear TR --reason again").exit_code == 1  # nothing left to clear

    undone = seeded("log --country TR --json").json()[0]
    assert undone["what"] == "country_name.clear"
    assert seeded(f"undo {undone['id']} --reason 'cleared too soon' --yes").exit_code == 0
    assert seeded("country-name list --json").json()["preferred"][0]["name"] == "Türkiye"


def test_a_listing_as_of_a_date_uses_the_name_then_in_force(seeded):
    then = _names(seeded, "--as-of", "2013-01-01")
    assert (then["TR"], then["CZ"]) == ("Turkey", "Czech Republic")
    now = _names(seeded)
    assert (now["TR"], now["CZ"]) == ("Türkiye", "Czechia")
    assert seeded("country TR --as-of 2013-01-01 --json").json()["name"] == "Turkey"
    listed = seeded("status --as-of 2013-01-01").stdout
    assert listed.index("Thailand") < listed.index("Turkey") < listed.index("Ukraine")


def test_each_action_keeps_the_name_its_document_wrote(seeded):
    written = {a["country"]: a["written_as"] for a in seeded("country TR --json").json()["history"]}
    assert written == {"TR": "Turkey"}
    history = seeded("country VN --json").json()["history"]
    assert [a["written_as"] for a in history] == ["Vietnam"]
    assert seeded("country PH --json").json()["history"][0]["written_as"] == "the Philippines"

    assert seeded("join Swaziland --date 2019-01-02").exit_code == 0  # a name: kept as typed
    assert seeded("join ZW --date 2019-01-02").exit_code == 0  # a code: no document writes it
    assert seeded("join CL --date 2019-01-02 --written-as 'República de Chile'").exit_code == 0
    assert seeded("withdraw Chile --date 2020-01-02 --written-as Chile").exit_code == 0
    by_country = {(a["country"], a["kind"]): a["written_as"] for a in seeded("export").json()["actions"]}
    assert by_country[("SZ", "accession")] == "Swaziland"
    assert by_country[("ZW", "accession")] == ""
    assert by_country[("CL", "accession")] == "República de Chile"
    assert by_country[("CL", "withdrawal")] == "Chile"
    refused = seeded("join PE --date 2019-01-02 --written-as 'two\nlines'")
    assert refused.exit_code == 1 and "written_as" in refused.stderr


# -- the site ----------------------------------------------------------------------------------


def _run(env: dict[str, str], *args: str) -> str:
    result = CliRunner().invoke(app, list(args), env=env)
    assert result.exit_code == 0, (args, result.output)
    return result.stdout


@pytest.fixture(scope="module")
def site(tmp_path_factory, seeded_template) -> Path:
    """The seeded registry with a report, a correction, a preferred name and three new members
    written as their letters write them; its site built once for the module."""
    folder = tmp_path_factory.mktemp("naming-site")
    copy_content(folder)
    copy_registry(seeded_template(TODAY, "secretariat-test"), folder / "registry.db")
    env = site_env(folder)
    for args in [
        ("report", "record", "TR", "--cycle", "2024", "--received", "2024-06-20", "--source",
         "letter of the Ministry of Justice, 20 June 2024", "--yes"),
        ("correct", "action", "79", "note=Endorsed through its ministers", "--reason", "the declaration's words",
         "--yes"),
        ("join", "Côte d'Ivoire", "--date", "2015-03-02", "--evidence", "letter", "--source", "letter of 2 March 2015"),
        ("join", "St. Lucia", "--date", "2016-04-05"),
        ("join", "Cape Verde", "--date", "2013-05-06", "--evidence", "note-verbale"),
        ("country-name", "set", "NZ", HOSTILE, "--reason", FORMULA, "--source", FORMULA),
        ("country-name", "set", "NO", FORMULA, "--reason", "a formula, to be kept inert"),
        ("join", "NA", "--date", "2017-01-02", "--written-as", FORMULA),
    ]:
        _run(env, *args)
    site_build(folder, env=env)
    return folder / "output"


def _page(site: Path, path: str):
    return html.parse(str(site / path / "index.html"))


def _text(element) -> str:
    return " ".join(element.text_content().split())


def _entry(site: Path, kind: str, iso2: str) -> int:
    """The number of a country's last action, first report received or first attendance."""
    listing = json.loads((site / f"data/members/{iso2.lower()}.json").read_text())
    if kind == "action":
        return listing["history"][-1]["id"]
    if kind == "report":
        return next(r["report_id"] for r in listing["reports"] if r["report_id"])
    return listing["meetings"][0]["entry"]


def test_the_country_page_names_the_country_now_and_before(site):
    turkey = _page(site, "members/tr")
    assert _text(turkey.xpath("//h1")[0]) == "Türkiye"
    assert "Türkiye: the United Nations' short name; Turkey until 1 June 2022" in _text(
        turkey.xpath('//dl[@class="summary"]/div[dt="Name"]/dd')[0])
    assert "the form the country asked" in _text(_page(site, "members/nz").xpath('//div[dt="Name"]/dd')[0])


def test_every_entry_has_an_anchor_and_a_citation_without_javascript(site):
    turkey = _page(site, "members/tr")
    for kind, prefix in (("action", "entry"), ("report", "report"), ("attendance", "attendance")):
        entry = _entry(site, kind, "TR")
        anchored = turkey.xpath(f'//*[@id="{prefix}-{entry}"]')
        assert len(anchored) == 1, (kind, entry)
        assert anchored[0].xpath(f'.//a[@href="#{prefix}-{entry}"]'), kind
        cited = anchored[0].xpath(".//details/p/cite")
        word = "entry" if kind == "action" else kind
        assert [_text(c) for c in cited] == [
            f"Global Alliance registry, {word} {entry}, as of 1 June 2025, "
            f"http://localhost:8000/members/tr/#{prefix}-{entry}"], kind
    # actions, reports and attendance each show their source
    report = turkey.xpath(f'//*[@id="report-{_entry(site, "report", "TR")}"]')[0]
    assert "letter of the Ministry of Justice, 20 June 2024" in _text(report)
    attended = turkey.xpath(f'//*[@id="attendance-{_entry(site, "attendance", "TR")}"]')[0]
    assert "as a delegation. Source: Declaration on the Launch" in _text(attended)


def test_the_name_a_document_wrote_is_shown_where_it_differs(site):
    turkey = _page(site, "members/tr")
    assert "As written in the declaration: Turkey" in _text(turkey.xpath('//*[@id="entry-79"]')[0])
    assert "As written in the note verbale: Cape Verde" in _text(_page(site, "members/cv").xpath("//table")[0])
    assert "As written in the letter: Côte d'Ivoire" not in _text(_page(site, "members/ci").xpath("//table")[0])
    assert "As written" not in _text(_page(site, "members/fr").xpath("//table")[0])  # France, as ever


def test_the_country_page_lists_the_corrections_to_its_listing(site):
    corrections = _page(site, "members/tr").xpath('//section[@aria-labelledby="corrections"]//li')
    assert len(corrections) == 1
    said = _text(corrections[0])
    assert said.startswith("Correction (") and "Reason: the declaration's words." in said
    assert corrections[0].xpath(".//a/@href")[0].startswith("../../changes/#change-")
    assert "None: no entry of this listing has been corrected, retracted or undone." in _text(
        _page(site, "members/fr").xpath('//section[@aria-labelledby="corrections"]')[0])


def test_each_members_row_carries_every_name_it_is_known_by(site):
    rows = {row.xpath("td[1]")[0].text_content().strip(): row
            for row in _page(site, "members").xpath('//table[@id="members-table"]/tbody/tr')}
    assert {"south korea", "korea, republic of", "kor"} <= set(rows["KR"].get("data-names").split("|"))
    assert {"vietnam", "viet nam"} <= set(rows["VN"].get("data-names").split("|"))
    assert "turkey" in rows["TR"].get("data-names").split("|")
    assert "cote d'ivoire" in rows["CI"].get("data-names")
    assert "st. lucia" in rows["LC"].get("data-names").split("|")
    # rows are in the order their names are filed in, accents aside
    order = list(rows)
    assert order.index("TH") < order.index("TR") < order.index("UA")
    assert rows["TR"].xpath("th/@data-sort") == ["turkiye"]


def test_hostile_names_come_out_inert(site):
    members = (site / "members/index.html").read_text()
    assert "<script>alert(1)" not in members
    doc = _page(site, "members")
    assert not doc.xpath("//script[not(@src)]") and not doc.xpath("//@*[starts-with(name(), 'on')]")
    assert HOSTILE in [_text(a) for a in doc.xpath("//table[@id='members-table']//th/a")]
    assert HOSTILE in _text(_page(site, "members/nz").xpath("//h1")[0])
    assert FORMULA in _text(_page(site, "members/na").xpath("//table")[0])
    assert json.loads((site / "data/members/nz.json").read_text())["name"] == HOSTILE
    for name in ("data/members.csv", "data/reporting.csv"):
        rows = list(csv.DictReader(io.StringIO((site / name).read_text(encoding="utf-8-sig"))))
        assert "'" + FORMULA in [r["name"] for r in rows], name
        assert not [c for r in rows for c in r.values() if c[:1] in ("=", "+", "-", "@")], name


def test_the_pages_pass_the_html_and_link_checks(site):
    import sitecheck

    checked, problems = sitecheck.link_problems(site)
    assert checked and problems == [], problems[:20]
    if sitecheck.vnu_missing():
        pytest.skip(sitecheck.vnu_missing())
    files = [site / "members/index.html", site / "members/tr/index.html", site / "members/nz/index.html"]
    _, errors = sitecheck.vnu_errors(site, files)
    assert errors == [], errors


# -- in a browser ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser_page(site):
    import sitecheck

    missing = sitecheck.browser_missing()
    if missing:
        pytest.skip(missing)
    from playwright.sync_api import sync_playwright

    with sitecheck.served(site) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=sitecheck.CHROMIUM, args=sitecheck.CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        context.route("**/*", lambda route: route.continue_() if "127.0.0.1" in route.request.url else route.abort())
        yield context.new_page(), url
        browser.close()


@pytest.mark.parametrize(("typed", "found"), [
    ("Republic of Korea", "KR"), ("Viet Nam", "VN"), ("Vietnam", "VN"), ("Turkey", "TR"), ("cote", "CI"),
    ("Saint Lucia", "LC"), ("St. Lucia", "LC"), ("CZE", "CZ"),
])
def test_the_members_filter_finds_a_country_by_any_of_its_names(browser_page, typed, found):
    page, url = browser_page
    if not page.url.endswith("/members/"):
        page.goto(url + "/members/")
    page.get_by_label("Filter by country or code").fill(typed)
    shown = page.locator("#members-table tbody tr:not([hidden]) td:nth-child(2)").all_inner_texts()
    assert found in shown, (typed, shown)


@pytest.mark.parametrize("width", [1280, 320])
def test_a_country_page_with_citations_passes_axe_and_fits_the_screen(browser_page, width):
    from axe_playwright_python.sync_playwright import Axe

    page, url = browser_page
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(url + "/members/tr/")
    summaries = page.locator("details.cite summary")
    summaries.first.focus()
    page.keyboard.press("Enter")  # a citation opens from the keyboard
    assert page.locator("details.cite").first.get_attribute("open") is not None
    assert page.locator("details.cite cite").first.is_visible()
    tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
    found = Axe().run(page, options={"runOnly": {"type": "tag", "values": tags},
                                     "resultTypes": ["violations"]}).response["violations"]
    assert found == [], [f"{v['id']}: {v['help']}" for v in found]
    wide, window = page.evaluate("() => [document.scrollingElement.scrollWidth, document.scrollingElement.clientWidth]")
    assert wide <= window, (width, wide, window)
    page.set_viewport_size({"width": 1280, "height": 900})

