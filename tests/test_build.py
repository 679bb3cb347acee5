"""The site's one build path, as the secretariat uses it: write to the registry (or content/),
run `python -m registry.site`, publish.

Whatever was written, the rebuilt site must be exactly what a cold build (no old output, no
build cache) writes from the same registry and content, byte for byte; a file whose bytes
did not change keeps its modification time, so that rsync, web caches and readers see only
what really changed; and the pages the write is about did change. When nothing changed the
build does nothing, and says so.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from conftest import TODAY, copy_content, files_of, state_of


@pytest.fixture
def today(monkeypatch):
    monkeypatch.setenv("REGISTRY_TODAY", TODAY)


@pytest.fixture
def desk(today, seeded, tmp_path):
    """A registry seeded on TODAY, with the project's content/ beside it (no site built yet)."""
    copy_content(tmp_path)
    return seeded


def run(cli, *args: str) -> None:
    result = cli(*args)
    assert result.exit_code == 0, (args, result.stderr)


def action_id(cli, iso2: str, instrument: str) -> int:
    history = cli("country", iso2, "--json").json()["history"]
    return next(a["id"] for a in history if a["instrument"] == instrument)


def append(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as file:
        file.write(text)


OUTCOME = "sessions/brussels-launch-2012.md"


def attach_outcome(cli, content: Path) -> None:
    append(content / OUTCOME, "Title: Outcome\n\n## Decisions\n\nMinisters thanked {country:BE|the host}.\n")
    run(cli, "session", "outcome", "brussels-launch-2012", OUTCOME)


@dataclass(frozen=True)
class Write:
    """A kind of write: made (after `prepare`, before the first build), then the site rebuilt."""

    name: str
    write: Callable[..., None]
    changed: frozenset[str]  # files whose bytes must change (or appear)
    shows: tuple[str, str] | None = None  # (file, text): the write as a reader sees it
    removed: frozenset[str] = frozenset()  # files that must go
    untouched: frozenset[str] = frozenset()  # files that must keep their bytes and time
    only: bool = False  # nothing else may change
    prepare: Callable[..., None] | None = None
    marks: tuple = field(default=(pytest.mark.sqlite_only,))


WRITES = [
    Write("accession", lambda cli, content: run(cli, "join", "BO", "--date", "2015-05-04"),
          changed=frozenset({"members/bo/index.html", "data/members/bo.json", "members/index.html",
                             "changes/index.html", "changes/bo/index.html", "members/on/2015-12-31/index.html"}),
          shows=("members/index.html", 'href="../members/bo/"'),  # the map names every country: the table's link
          untouched=frozenset({"members/jp/index.html", "data/members/jp.json", "changes/jp/index.html",
                               "members/on/2014-12-31/index.html"}),
          marks=()),  # on both backends
    Write("accession to another instrument",
          lambda cli, content: run(cli, "join", "US", "--instrument", "prague-2009", "--date", "2015-01-01"),
          changed=frozenset({"members/us/index.html", "instruments/prague-2009/index.html"}),
          shows=("instruments/prague-2009/index.html", "United States"),
          untouched=frozenset({"members/jp/index.html", "instruments/eu-us-joint-statement-2012/index.html"})),
    Write("report", lambda cli, content: run(cli, "report", "record", "FR", "--cycle", "2024",
                                             "--received", "2024-06-30"),
          changed=frozenset({"members/fr/index.html", "reports/index.html", "data/members/fr.json"}),
          shows=("members/fr/index.html", "30 June 2024"),
          untouched=frozenset({"members/jp/index.html", "data/members/jp.json"})),
    Write("correction", lambda cli, content: run(
              cli, "correct", "action", str(action_id(cli, "FR", "prague-2009")),
              "source=Letter of 21 April 2009", "--reason", "the source was misread"),
          changed=frozenset({"members/fr/index.html", "data/members/fr.json", "changes/fr/index.html"}),
          shows=("members/fr/index.html", "Letter of 21 April 2009"),
          untouched=frozenset({"members/jp/index.html"})),
    Write("withdrawal", lambda cli, content: run(cli, "withdraw", "GB", "--date", "2020-01-31"),
          changed=frozenset({"members/gb/index.html", "members/index.html", "data/members/gb.json"}),
          shows=("members/gb/index.html", "Former member"),
          untouched=frozenset({"members/jp/index.html"})),
    Write("retraction", lambda cli, content: run(
              cli, "retract", "action", str(action_id(cli, "BO", "global-alliance-launch-2012")),
              "--reason", "recorded in error"),
          prepare=lambda cli, content: run(cli, "join", "BO", "--date", "2015-05-04"),
          changed=frozenset({"members/index.html"}),
          removed=frozenset({"members/bo/index.html", "data/members/bo.json"}),
          untouched=frozenset({"members/jp/index.html"})),
    Write("session scheduled", lambda cli, content: run(cli, "session", "schedule", "--number", "1",
                                                        "--starts", "2025-12-01", "--city", "Rome", "--host", "IT"),
          changed=frozenset({"sessions/conference-1/index.html", "sessions/index.html", "calendar.ics"}),
          shows=("sessions/index.html", "Rome"),
          untouched=frozenset({"members/jp/index.html", "sessions/london-2012/index.html"})),
    Write("session outcome", attach_outcome,
          changed=frozenset({"sessions/brussels-launch-2012/index.html"}),
          shows=("sessions/brussels-launch-2012/index.html", "Ministers thanked"),
          untouched=frozenset({"members/jp/index.html", "sessions/london-2012/index.html"})),
    Write("session outcome edited", lambda cli, content: append(content / OUTCOME, "\nOne more decision.\n"),
          prepare=attach_outcome,
          # the French page shows the English outcome, marked as such, until it is translated
          changed=frozenset({"sessions/brussels-launch-2012/index.html",
                             "fr/sessions/brussels-launch-2012/index.html"}),
          only=True, shows=("sessions/brussels-launch-2012/index.html", "One more decision.")),
    Write("decision recorded", lambda cli, content: run(cli, "session", "decide", "brussels-launch-2012",
                                                        "--title", "A secretariat for the alliance"),
          changed=frozenset({"sessions/brussels-launch-2012/index.html", "decisions/index.html", "index.html",
                             "sessions/index.html", "calendar.ics"}),
          shows=("decisions/index.html", "A secretariat for the alliance"),
          untouched=frozenset({"members/jp/index.html", "sessions/london-2012/index.html",
                               "commitments/index.html"})),
    Write("commitment recorded", lambda cli, content: run(cli, "commitment", "add", "FR", "--target", "icse-victims",
                                                          "--cycle", "2014", "--text", "A victim identification unit"),
          changed=frozenset({"commitments/icse-victims/index.html", "commitments/index.html",
                             "members/fr/index.html"}),
          shows=("commitments/icse-victims/index.html", "A victim identification unit"),
          untouched=frozenset({"members/jp/index.html", "commitments/faster-takedown/index.html",
                               "calendar.ics"})),
    Write("instrument added", lambda cli, content: run(cli, "instrument", "add", "lanzarote-2007", "--title",
                                                       "Lanzarote Convention", "--adopted", "2007-10-25",
                                                       "--kind", "convention"),
          changed=frozenset({"instruments/lanzarote-2007/index.html", "instruments/index.html"}),
          shows=("instruments/index.html", "Lanzarote Convention"),
          untouched=frozenset({"members/jp/index.html", "instruments/prague-2009/index.html"})),
    Write("setting", lambda cli, content: run(cli, "settings", "set", "contact", "registry@example.org",
                                              "--reason", "a contact for corrections"),
          changed=frozenset({"members/fr/index.html", "members/jp/index.html"}),
          shows=("members/fr/index.html", "registry@example.org"),
          untouched=frozenset({"instruments/prague-2009/index.html", "sessions/london-2012/index.html"}),
          marks=()),  # on both backends
    Write("preferred name", lambda cli, content: run(cli, "country-name", "set", "TR", "Türkiye Cumhuriyeti",
                                                     "--reason", "note verbale"),
          changed=frozenset({"members/tr/index.html", "members/index.html", "data/members/tr.json",
                             "instruments/global-alliance-launch-2012/index.html"}),
          shows=("members/tr/index.html", "Türkiye Cumhuriyeti"),
          untouched=frozenset({"members/jp/index.html", "data/members/jp.json"})),
    Write("about page edited", lambda cli, content: append(content / "pages/about.md", "\nOne more paragraph.\n"),
          changed=frozenset({"about/index.html"}), only=True,
          shows=("about/index.html", "One more paragraph.")),
    Write("home page edited", lambda cli, content: append(content / "home.md", "\nOne more paragraph.\n"),
          changed=frozenset({"index.html"}), only=True, shows=("index.html", "One more paragraph.")),
    Write("news article", lambda cli, content: append(
              content / "news/bolivia-joins.md",
              "Title: Bolivia joins the alliance\nDate: 2025-05-20\nSlug: bolivia-joins\n\n"
              "{country:FR|France} welcomed the news.\n"),
          # the first article: the menu of every page gains "News", and the news feed appears
          changed=frozenset({"news/bolivia-joins/index.html", "news/index.html", "feeds/news.atom",
                             "members/jp/index.html", "index.html"}),
          shows=("news/index.html", "Bolivia joins the alliance"),
          untouched=frozenset({"data/registry.json", "data/members/jp.json", "calendar.ics"})),
    Write("release", lambda cli, content: run(cli, "release", "--note", "the founding record"),
          changed=frozenset({"data/releases/index.html", "data/releases/1/index.html", "data/releases/1/registry.json",
                             "data/releases/1/changes.json", "data/datapackage.json", "data/index.html"}),
          shows=("data/releases/index.html", "the founding record"),
          untouched=frozenset({"members/jp/index.html", "data/members/jp.json", "calendar.ics"})),
]


@pytest.mark.parametrize("kind", [pytest.param(w, id=w.name, marks=w.marks) for w in WRITES])
def test_after_each_kind_of_write_the_site_is_what_a_cold_build_writes(kind, desk, build_site, tmp_path):
    content, output = tmp_path / "content", tmp_path / "output"
    if kind.prepare:
        kind.prepare(desk, content)
    build_site()
    before = state_of(output)

    kind.write(desk, content)
    done = build_site()

    assert f"built the site in {output}" in done.stdout
    after = state_of(output)
    build_site(tmp_path / "cold")  # its own build cache (.site-cache/cold): a cold build
    cold = files_of(tmp_path / "cold")
    assert sorted(after) == sorted(cold)
    assert [name for name in cold if after[name][0] != cold[name]] == []
    kept = {name for name in after if name in before and before[name][0] == after[name][0]}
    assert sorted(name for name in kept if before[name][1] != after[name][1]) == []  # bytes kept, time kept
    changed = set(after) - kept
    assert sorted(kind.changed - changed) == [], "these should have changed"
    assert sorted(kind.removed & set(after)) == [], "these should be gone"
    assert sorted(kind.untouched - kept) == [], "these should be as they were, time included"
    if kind.only:  # the search index (pagefind/) follows every page's text, and is compared whole above
        pages = {name for name in set(before) | set(after) if not name.startswith("pagefind/")}
        assert sorted(changed & pages) == sorted(kind.changed) and set(before) & pages == set(after) & pages
    if kind.shows:
        name, text = kind.shows
        assert text in after[name][0].decode("utf-8") and text not in before.get(name, (b"",))[0].decode("utf-8")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".output.")] == []


def test_with_nothing_changed_the_build_leaves_the_site_untouched_and_says_so(desk, build_site, tmp_path):
    output = tmp_path / "output"
    assert "built the site" in build_site().stdout
    before = state_of(output)

    done = build_site()

    assert done.stdout.strip() == f"the site in {output} is up to date: nothing changed"
    assert state_of(output) == before
    # A write, then nothing again: built once, then up to date.
    run(desk, "join", "BO", "--date", "2015-05-04")
    assert "built the site" in build_site().stdout
    assert "is up to date: nothing changed" in build_site().stdout


@pytest.mark.sqlite_only
@pytest.mark.parametrize("by_hand", ["page edited", "page deleted", "file added"])
def test_a_published_site_changed_by_hand_is_made_right_by_the_next_real_build(by_hand, desk, build_site,
                                                                               tmp_path):
    output = tmp_path / "output"
    build_site()
    before = state_of(output)
    page = output / "instruments" / "prague-2009" / "index.html"
    if by_hand == "page edited":  # same size, so that only the time can tell
        page.write_bytes(page.read_bytes().replace(b"<h1>", b"<H1>", 1))
    elif by_hand == "page deleted":
        page.unlink()
    else:
        (output / "instruments" / "stray.html").write_text("left over\n")

    run(desk, "report", "record", "FR", "--cycle", "2024", "--received", "2024-06-30")  # about France only
    build_site()

    build_site(tmp_path / "cold")
    assert files_of(output) == files_of(tmp_path / "cold")
    assert page.read_bytes() == before["instruments/prague-2009/index.html"][0]
    untouched = output / "members" / "jp" / "index.html"
    assert untouched.stat().st_mtime_ns == before["members/jp/index.html"][1]


@pytest.mark.sqlite_only
@pytest.mark.parametrize("cache", ["deleted", "garbled", "from another version"])
def test_a_lost_or_unreadable_build_cache_only_makes_the_next_build_cold(cache, desk, build_site, tmp_path):
    output, folder = tmp_path / "output", tmp_path / ".site-cache" / "output"
    build_site()
    before = state_of(output)
    manifest = folder / "files.json"
    assert manifest.is_file()
    if cache == "deleted":
        for path in folder.iterdir():
            path.unlink()
    elif cache == "garbled":
        manifest.write_bytes(b'{"version": 1, "files": {"members/jp/index.html": [1, 2]')
    else:
        manifest.write_text('{"version": 0, "files": {"members/jp/index.html": ["x", 1, 2]}}')

    run(desk, "report", "record", "FR", "--cycle", "2024", "--received", "2024-06-30")
    assert "built the site" in build_site().stdout

    after = state_of(output)
    build_site(tmp_path / "cold")
    assert {name: data for name, (data, _) in after.items()} == files_of(tmp_path / "cold")
    assert after["members/jp/index.html"] == before["members/jp/index.html"]  # bytes and time kept
    assert "is up to date: nothing changed" in build_site().stdout


@pytest.mark.sqlite_only
def test_a_reader_always_finds_a_whole_site_while_it_is_rebuilt(desk, build_site, tmp_path):
    """The new site takes the old one's place in one step: someone reading output/ meanwhile
    finds the old site or the new one, never no site."""
    import threading

    build_site()
    output, missing, reads = tmp_path / "output", [], [0]
    stop = threading.Event()

    def read():
        while not stop.is_set():
            reads[0] += 1
            if not (output / "index.html").is_file() or not (output / "data" / "registry.json").is_file():
                missing.append(reads[0])

    reader = threading.Thread(target=read)
    reader.start()
    try:
        for n in range(6):
            with open(tmp_path / "content" / "home.md", "a", encoding="utf-8") as home:
                home.write(f"\nEdition {n}.\n")
            assert "built the site" in build_site().stdout
    finally:
        stop.set()
        reader.join()
    assert reads[0] > 1000 and missing == []
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".output.")] == []


@pytest.mark.sqlite_only
def test_two_builds_at_once_take_turns_and_leave_one_whole_site(desk, build_site, tmp_path):
    import os
    import subprocess

    from conftest import site_command

    build_site()
    run(desk, "join", "BR", "--date", "2015-01-01")
    both = [subprocess.Popen(site_command(tmp_path / "output"), cwd=tmp_path, env=dict(os.environ),
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    said = [b.communicate(timeout=300) for b in both]
    assert [b.returncode for b in both] == [0, 0], said
    assert sorted("built the site" in out for out, _ in said) == [False, True]  # the second had nothing to do
    build_site(tmp_path / "cold")
    assert files_of(tmp_path / "output") == files_of(tmp_path / "cold")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".output.")] == []


@pytest.mark.sqlite_only
@pytest.mark.parametrize("where", ["pages/notes.md", "instruments/prague-2009.md"])
def test_a_file_that_is_not_utf8_stops_the_build_with_its_name_and_keeps_the_site(where, desk, build_site, tmp_path):
    build_site()
    before = state_of(tmp_path / "output")
    (tmp_path / "content" / where).write_bytes(b"Title: Notes\n\ncaf\xe9\n")
    result = build_site(check=False)
    assert result.returncode == 1
    assert f"{where}: is not UTF-8 text" in result.stderr and "Traceback" not in result.stderr
    assert state_of(tmp_path / "output") == before


@pytest.mark.sqlite_only
def test_a_slug_that_leads_out_of_the_site_stops_the_build_and_writes_nothing_there(desk, build_site, tmp_path):
    import sqlite3

    run(desk, "instrument", "add", "lonely", "--title", "Lonely", "--adopted", "2010-01-01")
    build_site()
    before = state_of(tmp_path / "output")
    connection = sqlite3.connect(tmp_path / "registry.db")  # past the rules, as a hand edit would
    with connection:
        connection.execute("UPDATE instrument SET slug = '../../escaped' WHERE slug = 'lonely'")
    connection.close()
    (tmp_path / ".site-cache" / "output" / "stamp.json").unlink()  # a hand edit is not in the change log
    result = build_site(check=False)
    assert result.returncode == 1 and "would be written outside the site" in result.stderr
    assert not (tmp_path / "escaped").exists() and not (tmp_path.parent / "escaped").exists()
    assert state_of(tmp_path / "output") == before
    assert "slug '../../escaped' is not a slug" in desk("check").stderr
