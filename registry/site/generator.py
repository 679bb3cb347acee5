"""The Pelican generator that turns one reading of the registry into the site.

`generate_context()` reads the registry and content/ (failing early, before
anything is written, on a bad reference); `generate_output()` renders every
page with the theme's templates in Pelican's Jinja2 environment, with the
context Pelican's writer would give it, taking from the last build the files
whose keys have not changed (cache.py), then writes the open data, feed,
calendar, sitemap and robots.txt as plain files.
"""

import gc
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from pathlib import Path

from pelican.generators import Generator

from registry.rules.errors import RegistryError
from registry.reading import snapshot
from registry.site import cache, content, feeds, opendata, pages, patch, render, urls
from registry.site.content import ContentError, Target


class RegistryGenerator(Generator):
    def generate_context(self):
        with snapshot.collector_paused():
            snap = snapshot.take()
        documents = content.read_all(Path(self.path), reference_targets(snap))
        check_documents(snap, documents, Path(self.path))
        self.snapshot, self.documents = snap, documents
        self.pages = pages.all_pages(snap, documents)
        self.base = self.settings["PUBLIC_URL"].rstrip("/")
        self.env.filters.update(render.FILTERS)
        if self.settings.get("REGISTRY_BUILD_CACHE"):
            self.env.bytecode_cache = render.template_cache(Path(self.settings["REGISTRY_BUILD_CACHE"]))
        self.context["registry"] = {
            "name": snap.settings.name,
            "short_name": snap.settings.short_name or snap.settings.name,
            "today": snap.today,
            "data_as_of": cache.PENDING,
            "navigation": urls.NAVIGATION,
            "feed": urls.FEED,
            "calendar": urls.CALENDAR,
        }

    def generate_output(self, writer):
        # What was read lives until the build ends: the cycle collector need never scan it
        # again, and forked helpers then share its memory instead of copying it.
        gc.freeze()
        try:
            self._write_site()
        finally:
            gc.unfreeze()

    def _write_site(self) -> None:
        folder = self.settings.get("REGISTRY_BUILD_CACHE")
        reuse = cache.Reuse(folder, self.settings.get("REGISTRY_BUILD_LAST_OUTPUT"), self.output_path)
        self.shared = cache.fingerprint(
            cache.folder_hash(Path(self.theme) / "templates"), cache.folder_hash(Path(__file__).parents[1]),
            repr(self.context["registry"]),
            repr(self.settings["SITEURL"]), repr(self.settings["RELATIVE_URLS"]),
        )
        self.renderer = render.Renderer(self.env, self.context, self.settings["SITEURL"],
                                        self.settings["RELATIVE_URLS"], self.shared,
                                        render.footer_time(self.snapshot.data_as_of))
        helpers = workers(len(self.pages)) - 1
        if helpers:
            self._render_in_parallel(reuse, helpers)
        else:
            self._render_pages(reuse, iter(range(len(self.pages))))
            self._data_files()
        if folder and self.settings.get("REGISTRY_BUILD_STATE"):
            cache.save_keys(Path(folder), reuse.keys, self.settings["REGISTRY_BUILD_STATE"])

    def _keep_state(self, folder: Path, suffix: str) -> None:
        """What this build was made from, for a patch build to start from (patch.py)."""
        roots = {self.renderer.root_of(page) for page in self.pages}
        for document in self.documents.values():  # converted for every page that may show it
            for root in roots:
                document.html(root)
        patch.save(patch.State(
            version=patch.VERSION,
            inputs=self.settings["REGISTRY_BUILD_INPUTS"],
            # registry_text holds what is public of the document; a patch derives the
            # signatories of the instruments it touches, and needs only the others' counts.
            snapshot=replace(self.snapshot, document=None, signatories={},
                             listings=patch.Kept.of(self.snapshot.listings)),
            registry_text=self.registry_text,
            members=self.members,
            documents=self.documents,
            context=patch.plain_context(self.context),
            jinja=self.settings["JINJA_ENVIRONMENT"],
            templates=str(Path(self.theme) / "templates"),
            siteurl=self.settings["SITEURL"],
            relative_urls=self.settings["RELATIVE_URLS"],
            base=self.base,
            shared=self.shared,
            cache_folder=self.settings["REGISTRY_BUILD_CACHE"],
        ), folder, suffix)

    def _render_in_parallel(self, reuse: cache.Reuse, helpers: int) -> None:
        """Render pages in `helpers` forked processes and this one, which first writes the data files.

        Pages are handed out one at a time from a shared counter, so that the
        processes finish together however the pages' costs are spread.
        """
        global _SHARED
        context = multiprocessing.get_context("fork")
        counter = context.Value("i", 0)
        _SHARED = (self, reuse, counter, os.getpid())
        try:
            with ProcessPoolExecutor(max_workers=helpers, mp_context=context) as pool:
                done = [pool.submit(_render_in_helper) for _ in range(helpers)]
                self._data_files()
                self._render_pages(reuse, _handed_out(counter, len(self.pages)))
                for future in done:
                    reuse.keys.update(future.result())
        finally:
            _SHARED = None

    def _render_pages(self, reuse: cache.Reuse, numbers) -> None:
        """Render and write the pages with these numbers, taking unchanged ones from the last build."""
        made: set[Path] = set()
        output = Path(self.output_path)
        for number in numbers:
            prepared = self.renderer.prepare(self.pages[number])
            if reuse.take(prepared.name, prepared.key):
                continue
            text = self.renderer.render(prepared)
            render.write(output, prepared.name, self.renderer.finish(text), made)
            if cache.DATA_AS_OF not in text:  # pages that say when data last changed are never reused
                reuse.made(prepared.name, prepared.key)

    def _data_files(self) -> None:
        """Write the open data, feed, calendar, sitemap and robots.txt, each as soon as it is made."""
        snap, base, made = self.snapshot, self.base, set()

        def write(name: str, data: str | bytes) -> None:
            render.write(Path(self.output_path), name, data if isinstance(data, bytes) else data.encode("utf-8"), made)

        self.registry_text = opendata.RegistryText(opendata.registry_document(snap))
        self.members = opendata.member_records(snap, base)
        for name, data in patch.data_files(snap, base, self.registry_text, self.members, snap.listings):
            write(name, data)
        write(urls.REGISTRY_SCHEMA, opendata.schema_json())
        write(urls.CALENDAR, feeds.calendar_ics(snap, base))
        write(urls.SITEMAP, feeds.sitemap_xml([p.path for p in self.pages if p.in_sitemap], base))
        write(urls.ROBOTS, feeds.robots_txt(base))
        # Kept while the helpers render (build.py commits it only if the whole build succeeds).
        if self.settings.get("REGISTRY_BUILD_STATE") and self.settings.get("REGISTRY_BUILD_CACHE"):
            self._keep_state(Path(self.settings["REGISTRY_BUILD_CACHE"]), self.settings["REGISTRY_BUILD_STATE"])


#: Sites with fewer pages render faster in one process than it takes to start
#: another, unless REGISTRY_BUILD_WORKERS asks for more.
PARALLEL_FROM = 200

#: The generator, the last build's files and the page counter that forked helpers render from.
_SHARED = None


def workers(pages: int) -> int:
    """How many processes render pages: REGISTRY_BUILD_WORKERS, else one per CPU this process may use."""
    configured = os.environ.get("REGISTRY_BUILD_WORKERS", "").strip()
    if configured.isdigit() and int(configured) > 0:
        return int(configured)
    if configured:
        raise RegistryError(f"REGISTRY_BUILD_WORKERS must be a whole number of processes, not {configured!r}",
                            hint="unset it to use one process per CPU, or set it to 1 for a single process")
    if pages < PARALLEL_FROM or not hasattr(os, "fork"):
        return 1
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _handed_out(counter, total: int, parent: int | None = None):
    """Page numbers from the counter shared by every rendering process, until none are left.

    A helper stops early if the build process that forked it has died (killed
    mid-build), instead of rendering on into a folder that will never be used.
    """
    while parent is None or os.getppid() == parent:
        with counter.get_lock():
            number = counter.value
            counter.value += 1
        if number >= total:
            return
        yield number


def _render_in_helper() -> dict[str, str]:
    """In a forked helper: render pages until none are left; report the keys of its files."""
    generator, reuse, counter, parent = _SHARED
    reuse.reset()
    generator._render_pages(reuse, _handed_out(counter, len(generator.pages), parent))
    return reuse.keys


def reference_targets(snap: snapshot.Snapshot) -> dict[tuple[str, str], Target]:
    """Every entry a Markdown page may refer to, by (kind, key)."""
    targets = {("country", s.iso2): Target(urls.member(s.iso2), s.name) for s in snap.standings}
    targets |= {("instrument", i.slug): Target(urls.instrument(i.slug), i.title)
                for i in snap.instruments}
    targets |= {("session", m.slug): Target(urls.session(m.slug), m.title) for m in snap.meetings}
    return targets


def check_documents(snap, documents, content_dir: Path) -> None:
    """Summaries must name an instrument that exists; outcomes must exist."""
    slugs = {i.slug for i in snap.instruments}
    for source in documents:
        if source.startswith("instruments/") and Path(source).stem not in slugs:
            raise ContentError(
                f"{content_dir / source}: there is no instrument {Path(source).stem!r} "
                "in the registry for this summary"
            )
    for meeting in snap.meetings:
        if meeting.outcome and meeting.outcome not in documents:
            raise ContentError(
                f"{content_dir / meeting.outcome}: the outcome of session {meeting.slug!r} "
                "is missing"
            )
