"""Smoke test of the benchmark's pieces: the small synthetic registry builds a complete site.

No timing here: `invoke bench` measures. This checks that the generator, the
site build and the Jinja2 floor agree on what the site holds. (What a rebuild after
each kind of write must be is tests/test_build.py's.)
"""

import json
import os
import re
import subprocess
import sys

import pytest
from conftest import PROJECT, site_build

sys.path.insert(0, str(PROJECT / "benchmarks"))

import reference  # noqa: E402
import synthetic  # noqa: E402

pytestmark = pytest.mark.sqlite_only

#: The pages every site has, besides one per country, instrument and session.
SITE_PAGES = ("index.html", "members/index.html", "instruments/index.html", "sessions/index.html",
              "reports/index.html", "data/index.html", "about/index.html", "news/index.html",
              "search/index.html")


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
    site_build(folder, env=env)
    return folder, folder / "output", env, counts, synthetic.document("small")


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
    for page in SITE_PAGES + ("404.html", "data/members.json", "data/members.csv", "data/registry.json",
                              "calendar.ics", "feeds/changes.atom", "sitemap.xml", "robots.txt"):
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
    # every page but the 404 page is listed once
    listed = re.findall(r"<loc>http://localhost:8000/(.*?)</loc>", sitemap)
    pages = sorted(str(p.relative_to(output).parent).replace(".", "") for p in output.rglob("index.html"))
    assert sorted(listed) == sorted(f"{p}/" if p else "" for p in pages)
    assert len([p for p in listed if p.startswith("members/") and p.count("/") == 2]) >= 50


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
