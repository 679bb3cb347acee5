"""A site built while the secretariat writes shows one state of the registry, on both backends.

A writer records accessions one after another while the site is built again
and again; each finished site must agree with its own registry.json: the
members page, members.json and the country pages list exactly the countries
registry.json says have joined.
"""

import json
import subprocess
import sys
import threading

from lxml import html

from registry.rules import countries

WRITER = """
import sys
from registry.storage import db
from registry.writing import participation

for code in sys.argv[1:]:
    with db.writing() as session:
        participation.join(session, code, on="2016-01-01", by="writer")
"""


def members_by_registry_json(output) -> set[str]:
    document = json.loads((output / "data" / "registry.json").read_text(encoding="utf-8"))
    founding = document["alliance"]["founding_instrument"]
    return {a["country"] for a in document["actions"] if a["instrument"] == founding}


def test_each_build_during_writes_shows_one_state(seeded, build_site, tmp_path):
    members = {row["iso2"] for row in seeded("status --json").json()}
    # Every country not yet a member: enough writes to span several builds on either backend.
    newcomers = [c.iso2 for c in countries.all_countries() if c.iso2 not in members]
    writer = subprocess.Popen([sys.executable, "-c", WRITER, *newcomers],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    done = threading.Event()
    threading.Thread(target=lambda: (writer.wait(), done.set()), daemon=True).start()
    seen, builds = set(), 0
    while not done.is_set() or builds < 2:
        output = tmp_path / f"site-{builds}"
        build_site(output)
        builds += 1
        expected = members_by_registry_json(output)
        seen.add(len(expected))
        listed = html.parse(str(output / "members" / "index.html")).xpath(
            '//table[@id="members-table"]/tbody/tr/td[1]')
        assert {cell.text_content().strip() for cell in listed} == expected, f"build {builds}: members page"
        published = json.loads((output / "data" / "members.json").read_text(encoding="utf-8"))
        assert {m["iso2"] for m in published["members"]} == expected, f"build {builds}: members.json"
        # a folder per country, named by its code; members/on/ holds the lists of members on a date
        pages = {p.name.upper() for p in (output / "members").iterdir() if p.is_dir() and p.name != "on"}
        assert pages == expected, f"build {builds}: country pages"
        # Another table, read apart from the actions: the change log must hold the same writes.
        document = json.loads((output / "data" / "registry.json").read_text(encoding="utf-8"))
        joined = {a["country"] for a in document["actions"] if a["date"] == "2016-01-01"}
        logged = {c["country"] for c in document["changes"] if c["what"].startswith("action.")
                  and "2016-01-01" in c["summary"]}
        assert joined == logged, f"build {builds}: the change log and the actions disagree"
    assert writer.returncode == 0, writer.stderr.read()
    assert len(seen) >= 2, "the builds did not overlap the writes"
