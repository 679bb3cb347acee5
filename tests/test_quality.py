"""The quality of the record: `registry check --completeness` and /data/quality/ give the same
measures, from the same checks as `registry check`, each entry named and, on the site, linked."""

import json

import pytest
from conftest import TODAY, site_env
from lxml import html
from typer.testing import CliRunner

from registry.cli import app


def words(element) -> str:
    return " ".join(element.text_content().split())


@pytest.fixture
def secretariat(seeded, monkeypatch):
    monkeypatch.setenv("REGISTRY_TODAY", TODAY)
    return seeded


def test_check_completeness_counts_and_names_what_the_record_lacks(secretariat):
    assert secretariat("join", "CL", "--date", "2015-03-02", "--yes").exit_code == 0
    assert secretariat("report", "record", "FR", "--cycle", "2024", "--received", "2024-06-30",
                       "--yes").exit_code == 0
    shown = secretariat("check", "--completeness")
    assert shown.exit_code == 0, shown.stderr  # gaps are not inconsistencies
    assert "No problems found." in shown.stdout
    assert "Actions without a source: 1" in shown.stdout and "Chile (CL): accession" in shown.stdout
    assert "Reports without an address: 1" in shown.stdout and "France (FR): 2024 report" in shown.stdout
    assert "Meetings held without attendance: 1" in shown.stdout and "(eu-us-summit-2010)" in shown.stdout
    assert "registry correct action ID source=..." in shown.stdout  # what to do about it

    found = secretariat("check", "--completeness", "--json").json()
    assert found["problems"] == []
    counts = {m["measure"]: m["count"] for m in found["completeness"]}
    assert counts["actions-without-source"] == 1 and counts["reports-without-url"] == 1
    assert counts["meetings-without-outcome"] == 0 and counts["meetings-without-attendance"] == 1
    # without the option, check says what it always said
    assert secretariat("check", "--json").json() == []
    assert "Completeness" not in secretariat("check").stdout


def test_the_quality_page_shows_the_same_measures_with_each_entry_linked(seeded_site):
    doc = html.parse(str(seeded_site / "data" / "quality" / "index.html"))
    assert "No inconsistency found" in words(doc.xpath('//h2[@id="consistency"]/following-sibling::p[1]')[0])
    counts = {words(row.xpath("th")[0]): words(row.xpath("td")[0]) for row in doc.xpath("//table/tbody/tr")}
    assert counts["Meetings held without attendance"] == "1"
    assert counts["Actions without a source"] == "0"
    assert int(counts["Reporting cycles due before records were kept"]) >= 1
    summit = doc.xpath('//section[h3[@id="meetings-without-attendance"]]//li/a')
    assert [a.get("href") for a in summit] == ["../../sessions/eu-us-summit-2010/"]
    cycles = doc.xpath('//section[h3[@id="cycles-before-records"]]//li/a/@href')
    assert cycles and set(cycles) == {"../../reports/"}
    # every measure with entries is reachable from the table
    assert {a.get("href") for a in doc.xpath("//table//a")} == {
        "#" + s.get("id") for s in doc.xpath('//section[@class="quality-measure"]/h3')}


def test_the_quality_page_is_the_same_reading_as_the_command(seeded_site):
    """The site and the command read the same measures (reading/quality.py): what the page counts
    is what `registry check --completeness --json` says of the same registry."""
    folder = seeded_site.parent
    result = CliRunner().invoke(app, ["check", "--completeness", "--json"], env=site_env(folder))
    measures = json.loads(result.stdout)["completeness"]
    doc = html.parse(str(seeded_site / "data" / "quality" / "index.html"))
    shown = [words(row.xpath("td")[0]) for row in doc.xpath("//table/tbody/tr")]
    assert shown == [str(m["count"]) for m in measures]
