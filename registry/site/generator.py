"""The Pelican generator that turns one reading of the registry into the site.

`generate_context()` reads the registry and content/ (failing early, before
anything is written, on a bad reference); `generate_output()` renders every
page with the theme's templates in Pelican's Jinja2 environment, with the
context Pelican's writer would give it, reusing pages from the build cache
(cache.py) whose inputs have not changed, then writes the open data, feed,
calendar, sitemap and robots.txt as plain files.
"""

from pathlib import Path

from markupsafe import escape
from pelican.generators import Generator
from pelican.utils import get_relative_path, path_to_url

from registry.site import cache, content, feeds, opendata, pages, snapshot, urls
from registry.site.content import ContentError, Target


def long_date(day) -> str:
    return f"{day:%-d %B %Y}" if day else ""


def long_time(moment) -> str:
    if moment is cache.PENDING:
        return cache.DATA_AS_OF  # filled in when the page is written
    return f"{moment:%-d %B %Y, %H:%M} UTC" if moment else ""


class RegistryGenerator(Generator):
    def generate_context(self):
        snap = snapshot.take()
        documents = content.read_all(Path(self.path), reference_targets(snap))
        check_documents(snap, documents, Path(self.path))
        self.snapshot = snap
        self.pages = pages.all_pages(snap, documents)
        self.base = self.settings["PUBLIC_URL"].rstrip("/")
        self.env.filters.update(long_date=long_date, long_time=long_time)
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
        rendered = cache.PageCache(self.settings.get("REGISTRY_BUILD_CACHE"))
        data_as_of = str(escape(long_time(self.snapshot.data_as_of)))
        shared = cache.fingerprint(
            cache.folder_hash(Path(self.theme) / "templates"), cache.folder_hash(Path(__file__).parents[1]),
            repr(self.context["registry"]),
            repr(self.settings["SITEURL"]), repr(self.settings["RELATIVE_URLS"]),
        )
        made: set[Path] = set()
        for page in self.pages:
            relative = self.settings["RELATIVE_URLS"] and page.path != urls.NOT_FOUND
            name = urls.output_file(page.path)
            root = path_to_url(get_relative_path(name)) if relative else self.settings["SITEURL"]
            variables = page.build(root)
            key = cache.fingerprint(shared, page.template, name, root, page.title, repr(variables))
            html = rendered.get(key)
            if html is None:
                # What Pelican's Writer.write_file gives a template.
                local = self.context.copy()
                local["localsiteurl"] = local.get("localsiteurl", None)
                if relative:
                    local["SITEURL"] = local["localsiteurl"] = root
                local["output_file"] = name
                local.update(page_path=page.path, page_title=page.title, **variables)
                html = self.get_template(page.template).render(local)
                rendered.put(key, html)
            path = Path(self.output_path, name)
            if path.parent not in made:
                path.parent.mkdir(parents=True, exist_ok=True)
                made.add(path.parent)
            path.write_bytes(html.replace(cache.DATA_AS_OF, data_as_of).encode("utf-8"))
        snap, base = self.snapshot, self.base
        files = {
            urls.MEMBERS_JSON: opendata.members_json(snap, base),
            urls.MEMBERS_CSV: opendata.members_csv(snap, base),
            urls.REGISTRY_JSON: opendata.registry_json(snap),
            urls.REGISTRY_SCHEMA: opendata.schema_json(),
            urls.CALENDAR: feeds.calendar_ics(snap, base),
            urls.FEED: feeds.changes_atom(snap, base),
            urls.SITEMAP: feeds.sitemap_xml([p.path for p in self.pages if p.in_sitemap], base),
            urls.ROBOTS: feeds.robots_txt(base),
        }
        for iso2, listed in snap.listings.items():
            key = cache.fingerprint(shared, "country-json", base, repr(listed))
            text = rendered.get(key)
            if text is None:
                text = opendata.country_json(snap, iso2, base)
                rendered.put(key, text)
            files[urls.member_data(iso2)] = text
        rendered.prune()
        self.cache_hits, self.cache_misses = rendered.hits, rendered.misses
        for name, data in sorted(files.items()):
            path = Path(self.output_path, name)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))


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
