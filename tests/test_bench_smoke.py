"""Smoke test of the benchmark's pieces: the small synthetic registry builds a complete site.

No timing here: `invoke bench` measures. This checks that the generator, the
site build and the Jinja2 floor agree on what the site holds.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from registry.reading import export

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT / "benchmarks"))

import reference  # noqa: E402
import synthetic  # noqa: E402

pytestmark = pytest.mark.sqlite_only


@pytest.fixture(scope="module")
def small_site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bench-small")
    url = f"sqlite:///{folder / 'registry.db'}"
    content = folder / "content"
    env = dict(os.environ, REGISTRY_DATABASE_URL=url, REGISTRY_CONTENT_DIR=str(content),
               REGISTRY_TODAY=synthetic.TODAY.isoformat(), REGISTRY_USER="bench-test")
    saved = {k: os.environ.get(k) for k in ("REGISTRY_DATABASE_URL", "REGISTRY_CONTENT_DIR")}
    os.environ.update(REGISTRY_DATABASE_URL=url, REGISTRY_CONTENT_DIR=str(content))
    try:
        counts = synthetic.create(url, "small", content)
    finally:
        for key, value in saved.items():
            os.environ.pop(key, None) if value is None else os.environ.__setitem__(key, value)
    output = folder / "output"
    subprocess.run([sys.executable, "-m", "registry.site", "-s", str(PROJECT / "pelicanconf.py"),
                    "-o", str(output)], env=env, check=True, capture_output=True)
    return folder, output, env, counts, synthetic.document("small")


def test_generator_is_deterministic_and_sized():
    first, again = synthetic.document("small"), synthetic.document("small")
    assert first == again
    assert len(first["instruments"]) == 4
    assert len(first["meetings"]) == 7
    assert len({a["country"] for a in first["actions"]}) == 50


def test_every_country_instrument_and_session_has_a_page(small_site):
    _, output, _, counts, doc = small_site
    founders = {a["country"] for a in doc["actions"] if a["instrument"] == "founding-charter"}
    assert len(founders) == 50
    for iso2 in founders:
        assert (output / "members" / iso2.lower() / "index.html").is_file(), iso2
        assert (output / "data" / "members" / f"{iso2.lower()}.json").is_file(), iso2
    for instrument in doc["instruments"]:
        assert (output / "instruments" / instrument["slug"] / "index.html").is_file()
    for meeting in doc["meetings"]:
        assert (output / "sessions" / meeting["slug"] / "index.html").is_file()
    for page in ("index.html", "about/index.html", "members/index.html", "instruments/index.html",
                 "sessions/index.html", "reports/index.html", "data/index.html", "404.html",
                 "data/members.json", "data/members.csv", "data/registry.json", "calendar.ics",
                 "feeds/changes.atom", "sitemap.xml", "robots.txt"):
        assert (output / page).is_file(), page
    assert counts["actions"] == len(doc["actions"])


def test_open_data_lists_every_member_and_action(small_site):
    _, output, _, _, doc = small_site
    members = json.loads((output / "data" / "members.json").read_text(encoding="utf-8"))
    founders = {a["country"] for a in doc["actions"] if a["instrument"] == "founding-charter"}
    assert {m["iso2"] for m in members["members"]} == founders
    registry = json.loads((output / "data" / "registry.json").read_text(encoding="utf-8"))
    assert len(registry["actions"]) == len(doc["actions"])
    sitemap = (output / "sitemap.xml").read_text(encoding="utf-8")
    assert sitemap.count("<url>") == 7 + 50 + 4 + 7  # the 404 page is not listed


def test_an_instrument_page_lists_its_participants(small_site):
    _, output, _, _, doc = small_site
    slug = doc["instruments"][1]["slug"]
    page = (output / "instruments" / slug / "index.html").read_text(encoding="utf-8")
    for iso2 in {a["country"] for a in doc["actions"] if a["instrument"] == slug}:
        assert f"members/{iso2.lower()}/" in page, iso2


def test_the_jinja2_floor_renders_the_same_pages(small_site, tmp_path):
    folder, output, env, _, _ = small_site
    pages = tmp_path / "pages.pickle"
    subprocess.run([sys.executable, "-c",
                    "import sys; sys.path.insert(0, sys.argv[1]); import reference; from pathlib import Path; "
                    "print(reference.export_pages(Path(sys.argv[2]), Path(sys.argv[3])))",
                    str(PROJECT / "benchmarks"), str(folder / "content"), str(pages)],
                   env=env, check=True, capture_output=True)
    floor = tmp_path / "floor"
    subprocess.run([sys.executable, str(PROJECT / "benchmarks" / "jinja_floor.py"), str(pages), str(floor)],
                   env=env, check=True, capture_output=True)
    rendered = sorted(p.relative_to(floor) for p in floor.rglob("*.html"))
    assert len(rendered) == sum(1 for _ in output.rglob("*.html"))
    different = [p for p in rendered if (floor / p).read_bytes() != (output / p).read_bytes()]
    assert different == []
    markdown = tmp_path / "markdown"
    assert reference.write_markdown(pages, markdown) == len(rendered)


def _library_view(url, today):
    """What the library's per-item functions say, one query set per country and instrument."""
    from registry.reading import listing
    from registry.storage import db
    from registry.writing import alliance, changelog, instruments, meetings, participation, reports

    with db.reading(url) as session:
        standings = participation.standings(session, today)
        founding = alliance.founding_instrument(session)
        days = sorted({a.date for a in participation.actions_of(session, founding) if a.date <= today})
        points = [(day, len(participation.members_on(session, day))) for day in days]
        return {
            "standings": standings,
            "listings": {s.iso2: listing.country_record(session, s.iso2, today) for s in standings},
            "signatories": {i.slug: participation.standings(session, today, i.slug)
                            for i in instruments.all_instruments(session)},
            "document": export.document(session),
            "growth": [p for i, p in enumerate(points) if i == 0 or p[1] != points[i - 1][1]],
            "records": {r.iso2: listing.record_json(r) for r in reports.matrix(session, today)[1]},
            "attendees": meetings.attendance(session),
            "instruments": [i.model_dump() for i in instruments.all_instruments(session)],
            "meetings": [m.model_dump() for m in meetings.all_meetings(session)],
            "changes": [c.model_dump() for c in changelog.entries(session)],
            "data_as_of": changelog.last_change(session),
            "changed": changelog.last_change_by_country(session),
        }


@pytest.mark.parametrize("which", ["synthetic", "seeded"])
def test_the_set_based_snapshot_agrees_with_the_library(which, small_site, tmp_path, monkeypatch):
    """The site reads each table once and derives in memory; it must say what the library says."""
    from datetime import date

    from registry.reading import listing, snapshot

    if which == "synthetic":
        url, today = small_site[2]["REGISTRY_DATABASE_URL"], synthetic.TODAY
    else:
        url, today = f"sqlite:///{tmp_path / 'seeded.db'}", date(2025, 6, 1)
        subprocess.run([sys.executable, "-m", "registry", "init", "--seed"], check=True, capture_output=True,
                       env=dict(os.environ, REGISTRY_DATABASE_URL=url, REGISTRY_USER="bench-test"))
    monkeypatch.setenv("REGISTRY_TODAY", today.isoformat())
    snap = snapshot.take(url)
    expected = _library_view(url, today)
    assert snap.standings == expected["standings"]
    assert snap.listings == expected["listings"]
    assert snap.signatories == expected["signatories"]
    assert snap.document == expected["document"]
    assert snap.growth == expected["growth"]
    assert {iso2: listing.record_json(r) for iso2, r in snap.records.items()} == expected["records"]
    assert snap.attendees == expected["attendees"]
    # Rows read without the ORM hold what the models hold, dates and times included.
    assert [vars(i) for i in snap.instruments] == expected["instruments"]
    assert [vars(m) for m in snap.meetings] == expected["meetings"]
    assert [vars(c) for c in snap.changes] == expected["changes"]
    assert (snap.data_as_of, snap.changed) == (expected["data_as_of"], expected["changed"])


def test_fast_json_writes_what_json_dumps_writes():
    import json

    from registry.site import fastjson

    data = {"b": [1, True, None, "é\n\"<&\u2028", {}, [], (1, 2), {"z": {"y": []}}], "a": {"x": "y"}, "": 0}
    assert fastjson.dumps(data) == json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False)
    other = {"f": 1.5, "n": [float("inf")], "k": {"3": 2}}
    assert fastjson.dumps(other) == json.dumps(other, sort_keys=True, indent=2, ensure_ascii=False)


def test_a_rebuild_after_one_accession_equals_a_cold_build(small_site, tmp_path):
    """The build cache reuses unchanged pages; the result must be what a cold build writes,
    and files whose bytes did not change keep their modification time."""
    import shutil

    folder, _, env, _, doc = small_site
    output = tmp_path / "site"

    def build(target):
        subprocess.run([sys.executable, "-m", "registry.site", "-s", str(PROJECT / "pelicanconf.py"),
                        "-o", str(target)], env=env, check=True, capture_output=True)

    def files(target):
        return {p.relative_to(target).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
                for p in target.rglob("*") if p.is_file()}

    build(output)
    before = files(output)
    build(output)  # nothing changed: nothing is rewritten
    assert files(output) == before
    taken = {(a["country"], a["instrument"]) for a in doc["actions"]}
    country = next(c for c in sorted({a["country"] for a in doc["actions"]}) if (c, "instrument-001") not in taken)
    subprocess.run([sys.executable, "-m", "registry", "join", country, "--instrument", "instrument-001",
                    "--date", "2026-10-01"], env=env, check=True, capture_output=True)
    build(output)
    after = files(output)
    cold = tmp_path / "cold"
    build(cold)
    assert {name: data for name, (data, _) in after.items()} == {name: data for name, (data, _) in files(cold).items()}
    for name, (data, mtime) in after.items():
        if name in before and before[name][0] == data:
            assert mtime == before[name][1], name
    assert f"members/{country.lower()}/index.html" in after
    assert before[f"members/{country.lower()}/index.html"][0] != after[f"members/{country.lower()}/index.html"][0]
    changed = sorted(name for name, (data, _) in after.items() if before.get(name, (None,))[0] != data)
    assert len(changed) <= 12, changed  # only the files whose content the accession changed
    assert f"members/{country.lower()}/index.html" in changed
    assert "calendar.ics" not in changed  # stamped by the last change to sessions and settings
    shutil.rmtree(cold)


def test_a_full_build_takes_unchanged_files_from_the_last_one(small_site, tmp_path):
    """A full build (here after an edit to a session's outcome) takes every page whose key is
    unchanged from the last build, as the same file, instead of rendering it; a published
    page replaced by hand is made again; the result is a cold build's."""
    import shutil

    folder, _, env, _, _ = small_site
    content = tmp_path / "content"
    shutil.copytree(folder / "content", content)
    env = dict(env, REGISTRY_CONTENT_DIR=str(content))
    output = tmp_path / "site"

    def build(target):
        done = subprocess.run([sys.executable, "-m", "registry.site", "-s", str(PROJECT / "pelicanconf.py"),
                               "-o", str(target)], env=env, check=True, capture_output=True, text=True)
        assert "built the site" in done.stdout  # a full build, not a patch

    def inodes(target):
        return {p.relative_to(target).as_posix(): p.stat().st_ino for p in target.rglob("*.html")}

    build(output)
    before = inodes(output)
    outcome = sorted((content / "sessions").glob("*.md"))[0]
    outcome.write_text(outcome.read_text(encoding="utf-8") + "\nOne more decision.\n", encoding="utf-8")
    edited = next(name for name in sorted(before)
                  if name.startswith("instruments/") and name != "instruments/index.html")
    page = output / edited
    page.write_bytes(page.read_bytes().replace(b"</main>", b"<p>edited by hand</p></main>"))
    build(output)
    after = inodes(output)
    assert after.keys() == before.keys()
    made = sorted(name for name in after if after[name] != before[name])
    assert made == sorted(["index.html", "data/index.html", edited, f"sessions/{outcome.stem}/index.html"])
    assert b"One more decision." in (output / f"sessions/{outcome.stem}/index.html").read_bytes()
    assert b"edited by hand" not in (output / edited).read_bytes()
    cold = tmp_path / "cold"
    build(cold)
    assert {p.relative_to(output): p.read_bytes() for p in output.rglob("*") if p.is_file()} == \
        {p.relative_to(cold): p.read_bytes() for p in cold.rglob("*") if p.is_file()}


@settings(max_examples=300, deadline=None)
@given(st.lists(st.dictionaries(st.text(max_size=6),
                                st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=12)),
                                max_size=4), max_size=5),
       st.integers(min_value=0, max_value=3))
def test_fast_json_writes_tables_of_rows_as_json_dumps_does(rows, depth):
    """Rows are encoded in one call and re-indented between rows: whatever the text in them
    (braces, commas, newlines, quotes), the result is json.dumps's, at any depth."""
    import json

    from registry.site import fastjson

    tricky = [{"a": '},\n    {', "b": "}, {"}] + rows
    data = tricky
    for level in range(depth):
        data = {f"level{level}": data, "other": [1]}
    assert fastjson.dumps(data) == json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.text(max_size=5), st.lists(st.dictionaries(
           st.text(max_size=4), st.one_of(st.none(), st.integers(), st.text(max_size=8)), max_size=3),
           max_size=4), max_size=3),
       st.dictionaries(st.text(max_size=5), st.one_of(st.integers(), st.text(max_size=8),
                                                      st.dictionaries(st.text(max_size=3), st.booleans())),
                       max_size=3))
def test_a_document_put_together_from_encoded_parts_is_what_json_dumps_writes(lists, parts):
    """registry.json is joined from rows encoded one by one (fastjson.document); the whole must
    be json.dumps's text of the same document, whatever the names, rows and values."""
    import json

    from registry.site import fastjson

    parts = {name: value for name, value in parts.items() if name not in lists}
    whole = fastjson.document({name: fastjson.dumps_at(value, 1) for name, value in parts.items()},
                              {name: [fastjson.dumps_at(row, 2) for row in rows] for name, rows in lists.items()})
    assert whole == json.dumps(lists | parts, sort_keys=True, indent=2, ensure_ascii=False)
