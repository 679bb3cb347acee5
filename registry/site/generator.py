"""The Pelican generator that writes the registry's pages and open data.

Pelican reads the registry once per build (the plugin's `initialized` hook),
its own readers read content/ (pages, news and the registry's prose, with
references to entries), and this generator writes each registry page through
Pelican's writer. A page whose key (its template, address and variables, see
cache.py) is the same as in the last build, and whose published file is still
as that build left it, is taken from the last build instead of rendered: the
one way a rebuild saves work, whatever was written to the registry.
"""

import os
from pathlib import Path
from typing import Any

from markupsafe import Markup
from pelican.contents import Page as PelicanPage
from pelican.generators import Generator
from pelican.utils import get_relative_path, path_to_url, sanitised_join

from registry.reading.snapshot import Snapshot
from registry.rules import language
from registry.rules.errors import ContentError
from registry.site import cache, feeds, matrix, opendata, pages, references, urls
from registry.site.references import Entry

#: The registry's own prose in content/: read by this generator, not published as Pelican pages.
PROSE = ("home.md", "data.md", "instruments", "sessions")


def entries(snaps: dict[str, Snapshot]) -> dict[str, Entry]:
    """Every entry prose may refer to, in each language, as Pelican's `{filename}` links find them."""
    found: dict[str, Entry] = {}
    for code, snap in snaps.items():
        listed = [("country", s.iso2, urls.member(s.iso2), s.name) for s in snap.standings]
        listed += [("instrument", i.slug, urls.instrument(i.slug), i.title) for i in snap.instruments]
        listed += [("session", m.slug, urls.session(m.slug), m.title) for m in snap.meetings]
        found |= {references.key(kind, key, code): Entry(urls.in_language(path, code), name)
                  for kind, key, path, name in listed}
    return found


class Document:
    """A piece of the registry's prose, read by Pelican's readers, in the language it is written in."""

    def __init__(self, source: str, content: PelicanPage):
        self.source, self.content = source, content
        self.title = content.metadata.get("title", "")
        self.language = references.language_of(source)

    def html(self, root: str) -> Markup:
        """The HTML, its links made from `root` (the page's way to the site's root). Shown on a
        page in another language (no translation yet), it says so and is marked as what it is."""
        html = Markup(self.content.get_content(root))
        if self.language == language.current():
            return html
        return Markup('<div lang="{}" class="untranslated"><p class="note" lang="{}">{}</p>{}</div>').format(
            self.language, language.current(), language.gettext("This text has not been translated yet."), html)


def menu(pelican_pages: list, code: str) -> list[tuple[str, str]]:
    """The pages of content/pages/ in the menu, each by its address (in the default language)
    and its label in `code`: the translation's own where there is one."""
    found = []
    for page in pelican_pages:
        if page.metadata.get("menu", "yes") == "no":
            continue
        shown = translation(page, code) or page
        found.append((page.url, shown.metadata.get("menulabel", shown.title)))
    return found


def translation(content, code: str):
    """Pelican's page or article `content` in `code`: itself, its translation, or None."""
    if getattr(content, "lang", language.DEFAULT) == code:
        return content
    return next((t for t in getattr(content, "translations", []) if t.lang == code), None)


def in_language(documents: dict[str, Document], code: str) -> dict[str, Document]:
    """The prose to show in `code`, by the source name of the original (`home.md`): each
    document's translation (`home.fr.md`) where there is one, else the original."""
    originals = {source: doc for source, doc in documents.items() if doc.language == language.DEFAULT}
    return {source: documents.get(translation_of(source, code), doc) for source, doc in originals.items()}


def translation_of(source: str, code: str) -> str:
    """Where the translation of `source` into `code` is: `instruments/x.md` -> `instruments/x.fr.md`."""
    return source if code == language.DEFAULT else f"{source.removesuffix('.md')}.{code}.md"


class RegistryGenerator(Generator):
    def generate_context(self):
        snaps: dict[str, Snapshot] = self.settings["REGISTRY_SNAPSHOTS"]
        snap = self.snapshot = snaps[language.DEFAULT]  # the open data is in the registry's own language
        self.context["generated_content"].update(self.settings["REGISTRY_ENTRIES"])
        self.documents = self.read_prose()
        check_documents(snap, self.documents, Path(self.path))
        self.base = (self.settings.get("FEED_DOMAIN") or self.settings["SITEURL"]).rstrip("/")
        self.pages = []
        for code, in_code in snaps.items():
            with language.use(code):
                docs = in_language(self.documents, code)
                found = pages.all_pages(in_code, docs, self.settings["MARKDOWN"]) + pages.data_pages(in_code, self.base)
            self.pages += [page.in_language(code) for page in found]
        self.context["registry"] = {
            "name": snap.settings.name,
            "short_name": snap.settings.short_name or snap.settings.name,
            "today": snap.today,
            "navigation": urls.NAVIGATION,
            "feed": urls.FEED,
            "calendar": urls.CALENDAR,
            # The site's public address, for citations that must hold outside the site.
            "site_url": self.base,
            "menu": {code: menu(self.context.get("pages", []), code) for code in snaps},
        }

    def read_prose(self) -> dict[str, Document]:
        """The registry's prose in content/, by path, through Pelican's readers."""
        content = Path(self.path)
        found = {}
        for name in PROSE:
            where = content / name
            if where.is_dir():
                paths = sorted(where.rglob("*.md"))
            else:  # a single file, and its translations beside it (home.fr.md)
                files = [where, *(content / translation_of(name, code) for code in language.LANGUAGES[1:])]
                paths = [path for path in files if path.is_file()]
            for path in paths:
                source = path.relative_to(content).as_posix()
                found[source] = Document(source, self.readers.read_file(
                    base_path=str(content), path=source, content_class=PelicanPage, context=self.context))
        return found

    def generate_output(self, writer):
        folder = self.settings.get("REGISTRY_BUILD_CACHE")
        reuse = cache.Reuse(folder, self.settings.get("REGISTRY_BUILD_LAST_OUTPUT"), self.output_path)
        shared = self.shared_key()
        for page in self.pages:
            self.write_page(writer, reuse, shared, page)
        self.write_data_files()
        if folder:
            cache.save_keys(Path(folder), reuse.keys, self.settings.get("REGISTRY_BUILD_STATE", ""))

    def shared_key(self) -> str:
        """What every registry page's key holds: the theme, the code, the settings and the menu."""
        settings = {k: v for k, v in self.settings.items()
                    if k.isupper() and not k.startswith("REGISTRY_") and k not in ("OUTPUT_PATH", "PLUGINS")}
        menu = [(p.url, p.title) for p in self.context.get("pages", [])]
        return cache.fingerprint(
            cache.folder_hash(Path(self.theme) / "templates"), cache.folder_hash(Path(__file__).parents[1]),
            repr(self.context["registry"]), cache.settings_text(settings),
            repr(menu), repr(bool(self.context.get("articles"))),
        )

    def write_page(self, writer, reuse: cache.Reuse, shared: str, page: pages.Page) -> None:
        name = urls.output_file(page.path)
        inside = Path(self.output_path).resolve()
        if not (inside / name).resolve().is_relative_to(inside):
            raise ContentError(f"the page of {page.title!r} would be written outside the site, at {name!r}",
                               hint="an entry's slug breaks the rules: 'registry check' names it; correct it")
        # The 404 page is served at any depth, so its links start from the site's address.
        relative = self.settings["RELATIVE_URLS"] and page.path != urls.NOT_FOUND
        root = path_to_url(get_relative_path(name)) if relative else self.settings["SITEURL"]
        with language.use(page.language):
            variables = page.build(root)
        key = cache.fingerprint(shared, page.template, name, root, page.title, cache.digest(variables))
        if reuse.take(name, key):
            return
        writer.write_file(name, self.get_template(page.template), self.context, relative_urls=relative,
                          page_path=page.path, page_title=page.title, **variables)
        reuse.made(name, key)

    def write_data_files(self) -> None:
        """The open data, feed, calendar, sitemap and robots.txt: plain files, not templates."""
        snap, base = self.snapshot, self.base
        files: list[tuple[str, str | bytes]] = [
            *opendata.data_files(snap, base),
            (urls.REPORTING_CSV, matrix.reporting_csv(snap)),
            (urls.FEED, feeds.changes_atom(snap, base)),
            (urls.CALENDAR, feeds.calendar_ics(snap, base)),
            (urls.SITEMAP, feeds.sitemap_xml(self.sitemap_paths(), base)),
            (urls.ROBOTS, feeds.robots_txt(base)),
        ]
        for name, data in files:
            write(self.output_path, name, opendata.encoded(name, data))

    def sitemap_paths(self) -> list[str]:
        found = [p.path for p in self.pages if p.in_sitemap]
        pelicans = [item.url for kind in ("pages", "articles") for item in self.context.get(kind, [])]
        if self.settings.get("INDEX_SAVE_AS"):  # the news index, Pelican's "index" direct template
            pelicans.append(self.settings["INDEX_SAVE_AS"].removesuffix("index.html"))
        # Pelican's pages and news are in every language too, translated or not (translations.py).
        found += [urls.in_language(url, code) for url in pelicans for code in language.LANGUAGES]
        return found


def write(output: str, name: str, data: bytes) -> None:
    """Write one file of the site; sanitised_join refuses a name that leaves the output folder."""
    path = sanitised_join(output, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as file:
        file.write(data)


def check_documents(snap: Snapshot, documents: dict[str, Any], content_dir: Path) -> None:
    """Summaries must name an instrument that exists; outcomes must exist."""
    slugs = {i.slug for i in snap.instruments}
    for source in documents:
        slug = Path(source).name.split(".")[0]  # instruments/x.md and its translation instruments/x.fr.md
        if source.startswith("instruments/") and slug not in slugs:
            raise ContentError(
                f"{content_dir / source}: there is no instrument {slug!r} "
                "in the registry for this summary"
            )
    for meeting in snap.meetings:
        if meeting.outcome and meeting.outcome not in documents:
            raise ContentError(
                f"{content_dir / meeting.outcome}: the outcome of session {meeting.slug!r} "
                "is missing"
            )
