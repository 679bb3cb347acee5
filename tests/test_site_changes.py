"""The public site in the public's words: the change log (home page, /changes/, each country's
part of it, the Atom feed), the members on each year's last day, and the map of members.

One site for the module: the seeded registry, one write of each common kind (with a reason
where the command takes one), built once.
"""

import re
import shlex
from datetime import date
from pathlib import Path

import pytest
from conftest import TODAY, copy_content, copy_registry, site_build, site_env
from lxml import etree, html
from typer.testing import CliRunner

from registry.cli import app
from registry.reading.sentences import Told
from registry.site import pages

ATOM = "{http://www.w3.org/2005/Atom}"

WRITES = [
    "join Peru --date 2016-03-01 --source 'letter of 1 March 2016'",
    "withdraw JP --date 2024-09-30 --source 'notification of 2 September 2024'",
    "report record FR --cycle 2016 --received 2016-06-30",
    "correct report FR 2016 received=2016-07-01 --reason 'date stamp misread' --yes",
    "settings set records-kept-since 2016-01-01 --reason 'reports before 2016 were not recorded'",
    "session schedule --number 1 --starts 2014-12-10 --ends 2014-12-11 --city Washington --host US",
    "session attend conference-1 FR",
    "retract attendance conference-1 FR --reason 'recorded for the wrong meeting' --yes",
]


class Site:
    def __init__(self, folder: Path):
        self.folder, self.output = folder, folder / "output"
        self.env = site_env(folder)

    def registry(self, command: str):
        result = CliRunner().invoke(app, shlex.split(command), env=self.env)
        assert result.exit_code == 0, (command, result.output)
        return result

    def page(self, path: str):
        return html.parse(str(self.output / path / "index.html")).getroot()


@pytest.fixture(scope="module")
def site(tmp_path_factory, seeded_template) -> Site:
    folder = tmp_path_factory.mktemp("site-changes")
    copy_content(folder)
    copy_registry(seeded_template(TODAY, "secretariat-test"), folder / "registry.db")
    built = Site(folder)
    for command in WRITES:
        built.registry(command)
    site_build(folder, env=built.env)
    return built


@pytest.fixture(scope="module")
def logged(site) -> dict[str, dict]:
    """The newest change of each kind, as `registry log --json` gives it."""
    import json

    found: dict[str, dict] = {}
    for change in json.loads(site.registry("log --json").stdout):
        found.setdefault(change["what"], change)
    return found


def text_of(element) -> str:
    return " ".join(element.text_content().split())


def on(change: dict) -> str:
    return f"{date.fromisoformat(change['at'][:10]):%-d %B %Y}"


def expected(logged) -> list[str]:
    """The newest changes, newest first, as the public must read them."""
    return [
        f"Retraction ({on(logged['attendance.retract'])}): France's attendance at Conference session 1 was "
        "removed from the record. Reason: recorded for the wrong meeting.",
        "France attended Conference session 1.",
        "Conference session 1, held in Washington from 10 to 11 December 2014, hosted by United States of America, "
        "was added to the record.",
        "The registry keeps the reporting record from 1 January 2016: a report due before then that it lacks is "
        "shown as “no record”, not as overdue. Reason: reports before 2016 were not recorded.",
        f"Correction ({on(logged['report.correct'])}): the date France's 2016 report was received was changed from "
        "30 June to 1 July 2016. Reason: date stamp misread.",
        "France's 2016 report was received on 30 June 2016.",
        "Japan withdrew from the Global Alliance on 30 September 2024.",
        "Peru joined the Global Alliance on 1 March 2016, acceding to the Declaration on the Launch of the Global "
        "Alliance against child sexual abuse online.",
    ]


# -- the change log -----------------------------------------------------------------------------


def test_the_home_page_tells_the_latest_changes_in_sentences_linked_to_the_log(site, logged):
    items = site.page("").xpath('//section[@aria-labelledby="latest"]//ol/li')
    said = [text_of(li).split(": ", 1)[1] for li in items]
    assert said == expected(logged)
    assert all(re.fullmatch(r"\d{1,2} \w+ \d{4}", text_of(li).split(": ", 1)[0]) for li in items)
    log = site.page("changes")
    for li in items:
        href = li.xpath("a/@href")[0]
        assert href.startswith("./changes/#change-")
        assert log.xpath(f'//li[@id="{href.split("#")[1]}"]')
    assert site.page("").xpath('//a[.="Every change, year by year"]/@href') == ["./changes/"]


def test_the_change_log_page_is_by_year_each_change_anchored_and_in_words(site, logged):
    log = site.page("changes")
    years = [text_of(h) for h in log.xpath("//main//h2")]
    assert years and years == sorted(years, reverse=True)
    entries = log.xpath('//ol[contains(@class, "change-log")]/li')
    assert len(entries) > 200 and all(li.get("id", "").startswith("change-") for li in entries)
    told = [" ".join(filter(None, (text_of(li.xpath('span[@class="told"]')[0]),
                                   *[text_of(r) for r in li.xpath('span[@class="reason"]')])))
            for li in entries]
    assert told[:8] == expected(logged)
    words = text_of(log.xpath("//main")[0])
    assert "=" not in words and "global-alliance-launch-2012" not in words and "conference-1" not in words
    assert not re.search(r"\b(action|report|meeting|attendance|settings)\.\w", words)
    # the founding record's internal settings change reads as the public's sentence, not as a setting
    assert "records-kept-since" not in words and "short-name" not in words


def test_changes_are_grouped_by_year_newest_first():
    def change(number: int, year: int) -> Told:
        return Told(id=number, at=__import__("datetime").datetime(year, 5, 1), entity="action", entity_id=1,
                    country=None, topic="membership", text=f"Change {number}.", reason="")

    grouped = pages.by_year(None, [change(3, 2026), change(2, 2025), change(1, 2025)], countries=False)
    assert [(g["year"], [e["anchor"] for e in g["entries"]]) for g in grouped] == \
        [(2026, ["change-3"]), (2025, ["change-2", "change-1"])]


def test_the_feed_uses_the_same_words_with_reasons_and_plain_categories(site, logged):
    feed = etree.parse(str(site.output / "feeds/changes.atom"))
    entries = feed.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}summary") for e in entries[:8]] == expected(logged)
    assert [e.findtext(f"{ATOM}title") for e in entries[:8]] == [s.split(" Reason:")[0] for s in expected(logged)]
    categories = {c.get("term") for e in entries for c in e.findall(f"{ATOM}category")}
    assert categories <= {"membership", "reports", "meetings", "instruments", "settings", "commitments", "aims",
                          "corrections", "registry"} and "corrections" in categories
    japan = next(e for e in entries if e.findtext(f"{ATOM}title").startswith("Japan withdrew"))
    assert japan.find(f"{ATOM}link").get("href") == "http://localhost:8000/members/jp/"
    setting = next(e for e in entries if e.findtext(f"{ATOM}title").startswith("The registry keeps"))
    assert setting.find(f"{ATOM}link").get("href").startswith("http://localhost:8000/changes/#change-")


def test_a_country_page_links_to_its_own_part_of_the_log(site, logged):
    france = site.page("members/fr")
    assert france.xpath('//dt[.="Changes"]/following-sibling::dd/a/@href') == ["../../changes/fr/"]
    own = site.page("changes/fr")
    assert text_of(own.xpath("//h1")[0]) == "Changes to the listing of France"
    told = [text_of(s) for s in own.xpath('//span[@class="told"]')]
    assert told[0].startswith("Retraction (") and "France's attendance" in told[0]
    assert expected(logged)[4].split(" Reason:")[0] in told
    assert all("France" in sentence for sentence in told)
    assert own.xpath('//main//a[.="France"]/@href') == ["../../members/fr/"]


# -- members on a date ----------------------------------------------------------------------


def year_end_paths(site) -> list[str]:
    return sorted(p.parent.relative_to(site.output).as_posix() for p in site.output.glob("members/on/*/index.html"))


def test_a_page_per_year_end_and_today_lists_the_members_of_that_day_as_registry_status_does(site):
    import json

    paths = year_end_paths(site)
    assert paths[0] == "members/on/2012-12-31" and paths[-1] == f"members/on/{TODAY}"
    assert f"members/on/{int(TODAY[:4]) - 1}-12-31" in paths and len(paths) == int(TODAY[:4]) - 2012 + 1
    for path in paths:
        day = path.rsplit("/", 1)[1]
        status = json.loads(site.registry(f"status --as-of {day} --json").stdout)
        members = sorted(s["iso2"] for s in status if s["status"] == "member")
        listed = sorted(href.split("/")[-2].upper() for href in site.page(path).xpath("//tbody//th/a/@href"))
        assert listed == members, day
    on_2013 = site.page("members/on/2013-12-31")
    assert text_of(on_2013.xpath("//h1")[0]) == "Members on 31 December 2013"
    assert "48 countries were members of the alliance on 31 December 2013" in text_of(on_2013.xpath("//main//p")[0])
    assert "Japan" in text_of(site.page("members/on/2023-12-31").xpath("//tbody")[0])
    assert "Japan" not in text_of(site.page("members/on/2024-12-31").xpath("//tbody")[0])
    assert "Peru" not in text_of(site.page("members/on/2015-12-31").xpath("//tbody")[0])


def test_the_growth_table_and_the_members_page_link_to_every_year_end(site):
    paths = [p + "/" for p in year_end_paths(site)]
    home = site.page("")
    assert home.xpath('//section[@aria-labelledby="growth"]//table[contains(@class, "year-ends")]//a/@href') == \
        ["./" + p for p in paths]
    rows = home.xpath('//table[contains(@class, "year-ends")]/tbody/tr')
    cells = [[text_of(cell) for cell in row.xpath("th|td")] for row in rows]
    assert cells[1] == ["31 December 2013", "48"]
    assert cells[-1][0] == "today, 1 June 2025"
    members = site.page("members").xpath('//p[starts-with(., "Who was a member")]/a/@href')
    assert members == ["../" + p for p in paths]


# -- the map --------------------------------------------------------------------------------


def test_the_map_draws_each_member_with_a_title_in_words_a_legend_and_a_text_alternative(site):
    members = site.page("members")
    figure = members.xpath('//figure[@class="world-map"]')[0]
    svg = figure.xpath("svg")[0]
    assert svg.get("role") == "img" and svg.get("aria-describedby") == "map-caption"
    drawn = {p.get("data-iso"): p for p in svg.xpath(".//path")}
    titles = {iso2: text_of(p.xpath("title")[0]) for iso2, p in drawn.items()}
    rows = members.xpath('//table[@id="members-table"]/tbody/tr')
    listed = {text_of(r.xpath("td[1]")[0]): (text_of(r.xpath("th")[0]), r.get("data-status")) for r in rows}
    unmapped = [text_of(a) for a in figure.xpath("figcaption/p/a")[1:]]
    for iso2, (name, status) in listed.items():
        if name in unmapped:
            assert iso2 not in drawn
            continue
        assert titles[iso2] == f"{name}: {'member' if status == 'member' else 'former member'}"
    assert titles["JP"] == "Japan: former member" and drawn["JP"].get("fill") == "url(#map-hatch)"
    assert titles["FR"] == "France: member" and titles["CN"] == "China: not a member"
    assert "Malta" in unmapped  # too small for the map, so listed in words
    legend = [text_of(li) for li in figure.xpath('.//ul[@class="map-legend"]/li')]
    assert legend == ["Member: solid dark blue", "Former member: red diagonal stripes, red outline",
                      "Not a member: light grey"]
    caption = text_of(figure.xpath("figcaption/p")[0])
    assert caption.startswith(f"The map shows {sum(1 for i, (_, s) in listed.items() if s == 'member' and i in drawn)}"
                              " members and 1 former member;")
    assert figure.xpath('figcaption/p/a[.="the table below"]/@href') == ["#members-table"]
    # small: the map's paths are whole pixels
    assert len(etree.tostring(svg)) < 80_000
