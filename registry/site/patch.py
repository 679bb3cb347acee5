"""The patch build: the last build brought up to date with the writes since it.

A full build (Pelican, generator.py) leaves the state it was made from in
`.site-cache/<output>/state.pickle`: the snapshot, the prose, the template
context and settings. When the only writes since are participation actions
and reports (what a secretariat records day to day), the patch re-reads just
the instruments and countries those writes touched, derives them again with
the library's own rules, renders their pages and the registry-wide ones, and
replaces the files whose bytes changed. It loads neither Pelican nor the ORM.

Anything else (settings, instruments, meetings, attendance, a country's first
or last page, writes made outside the library) makes a full build instead, as
does any change to the code, content/, the theme, the settings or the date.
tests/test_patch.py checks that a patch writes what a full build writes, byte
for byte, after each kind of write.
"""

import json
import os
import pickle
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from registry.reading import export, listing, standings
from registry.reading.snapshot import Snapshot, adopted_at, attended_by, last_change_by_country
from registry.rules import cycle, standing
from registry.site import cache, feeds, opendata, pages, render, urls
from registry.storage.rows import Reader, Row, day, marks

#: Bumped whenever State changes shape; a state of another version is ignored.
VERSION = 2
#: A patch starts from the state of the last full build or saved patch, with every write
#: since; after this many writes it saves its own state, so that patches stay small.
#: (Saving the state of a large registry costs about half a second.)
SAVE_AFTER = 25
#: The writes a patch can follow, by the table they change.
PATCHABLE = ("action", "report")
#: The pages every patch renders again: they sum up the whole registry.
REGISTRY_WIDE = (urls.HOME, urls.MEMBERS, urls.INSTRUMENTS, urls.SESSIONS, urls.REPORTS, urls.DATA)


@dataclass
class State:
    """What a build was made from, kept for the next one."""

    version: int
    inputs: str  # everything the site depends on besides the registry (build.inputs)
    snapshot: Snapshot  # without its export document, which registry_text stands for
    registry_text: opendata.RegistryText
    members: dict[str, dict[str, Any]]  # opendata.member_records(), by ISO code
    documents: dict[str, Any]  # the prose, content.Document by source
    context: dict[str, Any]  # the plain values of the template context Pelican gave
    jinja: dict[str, Any]  # JINJA_ENVIRONMENT
    templates: str  # the theme's templates folder
    siteurl: str
    relative_urls: bool
    base: str  # the public address, for the data files
    shared: str  # the part of every page's cache key that all pages share
    cache_folder: str  # the build cache folder this state lives in


#: In the build cache folder: the state, and a small stamp of what it was made from
#: (inputs and the registry's position), enough to see that nothing has changed.
STATE, STAMP = "state.pickle", "stamp.json"


def save(state: State, folder: Path, suffix: str = "") -> None:
    """Keep `state` in `folder` (with `suffix`, for a build that may yet fail: see commit())."""
    with cache.replacing(folder / f"{STATE}{suffix}") as file:
        pickle.dump(state, file, protocol=pickle.HIGHEST_PROTOCOL)
    write_stamp(folder, stamp_of(state), suffix)


def commit(folder: Path, suffix: str) -> None:
    """Make the state saved with `suffix` the current one (the stamp last)."""
    for name in (STATE, STAMP):
        os.replace(folder / f"{name}{suffix}", folder / name)


def forget(folder: Path, suffix: str = "") -> None:
    for name in (STAMP, STATE):
        (folder / f"{name}{suffix}").unlink(missing_ok=True)


def stamp_of(state: State, position: dict[str, Any] | None = None) -> dict[str, Any]:
    """The stamp of a site made from `state` (brought up to `position`, after a patch)."""
    return {"version": VERSION, "inputs": state.inputs, "position": position or state.snapshot.position,
            "state": state.snapshot.position}


def write_stamp(folder: Path, stamp: dict[str, Any], suffix: str = "") -> None:
    cache.replace_file(folder / f"{STAMP}{suffix}", json.dumps(stamp, sort_keys=True).encode())


def stamp(folder: Path) -> dict[str, Any] | None:
    """What the last build was made from, or None."""
    try:
        found = json.loads((folder / STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return found if isinstance(found, dict) and found.get("version") == VERSION else None


def load(folder: Path) -> State | None:
    """The state the last build left, or None if there is none that this code can use."""
    try:
        state = pickle.loads((folder / STATE).read_bytes())
    except Exception:  # missing, truncated, or written by other code: build in full
        return None
    return state if isinstance(state, State) and state.version == VERSION else None


class Kept(Mapping):
    """A mapping stored value by value, each pickled on its own, so that loading a state
    costs only the values a patch asks for (a large registry's listings: 67,000 actions)."""

    def __init__(self, blobs: dict[str, bytes]):
        self._blobs, self._loaded = blobs, {}

    @classmethod
    def of(cls, mapping: Mapping) -> "Kept":
        return cls({key: pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL) for key, value in mapping.items()})

    def __getitem__(self, key: str) -> Any:
        if key not in self._loaded:
            self._loaded[key] = pickle.loads(self._blobs[key])
        return self._loaded[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._blobs)

    def __len__(self) -> int:
        return len(self._blobs)

    def __contains__(self, key: object) -> bool:
        return key in self._blobs

    def with_values(self, values: dict[str, Any]) -> "Kept":
        return Kept(self._blobs | Kept.of(values)._blobs)

    def __getstate__(self) -> dict[str, bytes]:
        return self._blobs

    def __setstate__(self, blobs: dict[str, bytes]) -> None:
        self._blobs, self._loaded = blobs, {}


def plain_context(context: dict[str, Any]) -> dict[str, Any]:
    """What the theme's templates use of the context Pelican gives them: the settings whose
    values are plain data, and the registry's own. (Pelican's article and page lists,
    empty here, are left out.)"""
    return {k: v for k, v in context.items() if (k.isupper() or k == "registry") and _plain(v)}


def _plain(value: Any) -> bool:
    if value is None or value is cache.PENDING or type(value) in (str, int, float, bool, date):
        return True
    if type(value) in (list, tuple):
        return all(map(_plain, value))
    if type(value) is dict:
        return all(type(k) is str for k in value) and all(map(_plain, value.values()))
    return False


@dataclass(frozen=True)
class Touched:
    """What the writes since the last build touched."""

    instruments: frozenset[str]
    countries: frozenset[str]
    meetings: frozenset[str]  # meetings named by touched actions (the instruments adopted there)

    @classmethod
    def by(cls, changes: list[Row]) -> "Touched | None":
        """From change-log entries; None if one of them is a write a patch cannot follow."""
        instruments, countries, meetings = set(), set(), set()
        for change in changes:
            if change.entity not in PATCHABLE:
                return None
            if change.country:
                countries.add(change.country)
            for snapshot in (change.before, change.after):
                row = json.loads(snapshot) if snapshot else {}
                countries.update(filter(None, [row.get("country")]))
                if change.entity == "action":
                    instruments.update(filter(None, [row.get("instrument")]))
                    meetings.update(filter(None, [row.get("meeting")]))
        return cls(frozenset(instruments), frozenset(countries), frozenset(meetings))


def apply(state: State, reader: Reader, position: dict[str, Any], output: Path) -> int | None:
    """Bring `output` up to date with every write since `state` was saved; returns how many
    files were replaced, or None (nothing written) when a full build is needed.

    Whatever a write touched is read and derived again from the registry as it is now, so
    applying the same writes again (the next patch starts from the same state) gives the
    same files.
    """
    snap = state.snapshot
    if not _only_patchable_tables_changed(snap.position, position):
        return None
    changes = reader.records("change", "id > ?", (snap.position["last_change"] or 0,))
    touched = Touched.by(changes) if changes else None
    if touched is None:
        return None
    fresh = _updated(snap, reader, touched, changes, position)
    if fresh is None:
        return None
    _update_registry_text(state.registry_text, reader, changes)
    by_iso2 = {s.iso2: s for s in fresh.standings}
    members = state.members | {iso2: opendata.member_record(fresh, by_iso2[iso2], state.base)
                               for iso2 in touched.countries & set(fresh.listings)}
    folder = Path(state.cache_folder)
    replaced = _replace_changed(output, _files(state, fresh, touched, members, output), folder)
    if len(changes) >= SAVE_AFTER:
        # (fresh.signatories holds only the touched instruments: a patch needs no others)
        save(replace(state, snapshot=fresh, members=members), folder)
    else:
        write_stamp(folder, stamp_of(state, position))
    return replaced


def _only_patchable_tables_changed(before: dict[str, Any], now: dict[str, Any]) -> bool:
    keep = [name for name in now["tables"] if name not in (*PATCHABLE, "change")]
    return (before["alliance"] == now["alliance"]
            and all(before["tables"][name] == now["tables"][name] for name in keep))


def _updated(snap: Snapshot, reader: Reader, touched: Touched, changes: list[Row],
             position: dict[str, Any]) -> Snapshot | None:
    """The snapshot with the touched instruments and countries read and derived again."""
    today, founding = snap.today, snap.settings.founding_instrument
    signatories = {}
    for slug in touched.instruments:
        if slug not in snap.signatory_counts:
            return None
        signatories[slug] = standing_reads.standings(reader, today, slug)
    standings = signatories.get(founding, snap.standings)
    if {s.iso2 for s in standings} != set(snap.listings):
        return None  # a country gains or loses its page: links across the site change
    by_iso2 = {s.iso2: s for s in standings}
    countries = sorted(touched.countries & set(snap.listings))
    founding_steps = standing_reads.steps(reader, founding, countries)
    reports = {(r.country, r.cycle): r for r in reader.records(
        "report", f"country IN ({marks(countries)})", tuple(countries))} if countries else {}
    records, listings = dict(snap.records), {}
    attended = attended_by(snap.meetings, snap.attendees)
    for iso2 in countries:
        records[iso2] = cycle.record(iso2, founding_steps.get(iso2, []), snap.cycles, reports, today,
                                     snap.settings.records_kept_since)
        history = sorted((a for a in reader.table("action", "country = ?", (iso2,))
                          if day(a["date"]) <= today), key=lambda a: (a["date"], a["id"]))
        listings[iso2] = listing.assemble(iso2, today, by_iso2[iso2], history, records[iso2],
                                          attended.get(iso2, []))
    everything = sorted([*changes, *snap.changes], key=lambda c: (c.at, c.id), reverse=True)
    return replace(
        snap,
        position=position,
        data_as_of=everything[0].at,
        changed=last_change_by_country(everything),
        standings=standings,
        records=records,
        listings=snap.listings.with_values(listings),
        signatories=signatories,
        signatory_counts=snap.signatory_counts | {slug: len(found) for slug, found in signatories.items()},
        adopted_at=_adopted_at(reader, snap) if touched.meetings else snap.adopted_at,
        changes=everything,
        growth=(standing.growth(list(standing_reads.steps(reader, founding).values()), today)
                if founding in touched.instruments else snap.growth),
    )


def _adopted_at(reader: Reader, snap: Snapshot) -> dict[str, list[str]]:
    meetings_of: dict[str, set[str]] = {}
    for instrument, meeting in reader.rows(
            "SELECT DISTINCT instrument, meeting FROM action WHERE meeting IS NOT NULL"):
        meetings_of.setdefault(instrument, set()).add(meeting)
    return adopted_at(snap.instruments, meetings_of)


def _update_registry_text(text: opendata.RegistryText, reader: Reader, changes: list[Row]) -> None:
    """registry.json with the rows the changes name read and encoded again."""

    for name, (table, _) in export.TABLES.items():
        ids = {c.id for c in changes} if table == "change" else {c.entity_id for c in changes if c.entity == table}
        if ids:
            found = reader.table(table, f"id IN ({marks(ids)})", tuple(ids))
            if table == "change":
                found = [opendata.public_change(row) for row in found]
            text.replace(name, ids, found)


def _files(state: State, snap: Snapshot, touched: Touched, members: dict[str, dict[str, Any]],
           output: Path) -> dict[str, bytes]:
    """Every file the touched entries can change, by output name (but the pages whose keys
    show they are still what the last full build published)."""
    import jinja2

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(state.templates), **state.jinja,
                             bytecode_cache=render.template_cache(Path(state.cache_folder)))
    env.filters.update(render.FILTERS)
    renderer = render.Renderer(env, state.context, state.siteurl, state.relative_urls, state.shared,
                               render.footer_time(snap.data_as_of))
    countries = touched.countries & set(snap.listings)
    wanted = {*REGISTRY_WIDE, *map(urls.member, countries), *map(urls.instrument, touched.instruments),
              *map(urls.session, touched.meetings)}
    published = cache.Reuse(state.cache_folder, output)
    files = {}
    for page in pages.all_pages(snap, state.documents):
        if page.path in wanted:
            prepared = renderer.prepare(page)
            if not published.unchanged(prepared.name, prepared.key):
                files[prepared.name] = renderer.finish(renderer.render(prepared))
    files.update(data_files(snap, state.base, state.registry_text, members, countries))
    return {name: data if isinstance(data, bytes) else data.encode("utf-8") for name, data in files.items()}


def data_files(snap: Snapshot, base: str, registry_text: opendata.RegistryText,
               members: dict[str, dict[str, Any]], countries) -> Iterator[tuple[str, str]]:
    """The data files a write of actions or reports can change, by output name: the member
    lists, registry.json, the feed and the JSON of `countries` (a full build: every one)."""
    yield urls.REGISTRY_JSON, registry_text.text()
    yield urls.MEMBERS_JSON, opendata.members_json(snap, members)
    yield urls.MEMBERS_CSV, opendata.members_csv(snap, members)
    yield urls.FEED, feeds.changes_atom(snap, base)
    if countries:
        actions = registry_text.texts_by_id("actions")
        for iso2 in countries:
            yield urls.member_data(iso2), opendata.country_json(snap, iso2, base, actions)


def _replace_changed(output: Path, files: dict[str, bytes], folder: Path) -> int:
    """Replace each file whose bytes changed; every one is written out (in the cache folder,
    never the published one) before any is replaced."""
    changed = []
    for number, (name, data) in enumerate(sorted(files.items())):
        path = output / name
        try:
            if path.stat().st_size == len(data) and path.read_bytes() == data:
                continue
        except FileNotFoundError:
            pass
        partial = folder / f"partial-{os.getpid()}-{number}"
        partial.write_bytes(data)
        changed.append((partial, path))
    for partial, path in changed:
        path.parent.mkdir(parents=True, exist_ok=True)
        os.replace(partial, path)
    return len(changed)
