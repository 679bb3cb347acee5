"""Rendering one page: its variables and key, the template, the file.

Shared by the full build (generator.py, in Pelican's Jinja2 environment) and
the patch build (patch.py, in an environment made from the same settings
without Pelican), so that both write the same bytes for the same page.
"""

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markupsafe import escape

from registry.site import cache, urls
from registry.site.pages import Page


def long_date(day) -> str:
    return f"{day:%-d %B %Y}" if day else ""


def long_time(moment) -> str:
    if moment is cache.PENDING:
        return cache.DATA_AS_OF  # filled in when the page is written
    return f"{moment:%-d %B %Y, %H:%M} UTC" if moment else ""


#: The theme's own filters, added to whichever environment renders it.
FILTERS = {"long_date": long_date, "long_time": long_time}


def relative_root(name: str) -> str:
    """The way from an output file back to the site's root ("", "..", "../.."), as Pelican
    writes it for RELATIVE_URLS (pelican.utils.get_relative_path and path_to_url)."""
    depth = name.count("/")
    return "/".join([".."] * depth) if depth else "."


@dataclass(frozen=True)
class Prepared:
    """A page ready to render: its output name, way to the root, variables and key."""

    page: Page
    name: str
    root: str
    relative: bool
    variables: dict[str, Any]
    key: str


@dataclass
class Renderer:
    """Renders pages as Pelican's writer would, with the context it gives."""

    env: Any  # a jinja2.Environment with the theme's templates and FILTERS
    context: dict[str, Any]  # the template context Pelican's generators give
    siteurl: str
    relative_urls: bool
    shared: str  # the part of every page's key that all pages share
    data_as_of: str  # the footer's "Data as of" text, escaped (footer_time)

    def _relative(self, page: Page) -> bool:
        # The 404 page is served at any depth, so its links start from the site's address.
        return self.relative_urls and page.path != urls.NOT_FOUND

    def root_of(self, page: Page) -> str:
        """The page's way back to the site's root: relative, or the site's address."""
        return relative_root(urls.output_file(page.path)) if self._relative(page) else self.siteurl

    def prepare(self, page: Page) -> Prepared:
        """The page's variables, and the key of the file they make (see cache.py)."""
        name, root = urls.output_file(page.path), self.root_of(page)
        variables = page.build(root)
        key = cache.fingerprint(self.shared, page.template, name, root, page.title, cache.digest(variables))
        return Prepared(page, name, root, self._relative(page), variables, key)

    def render(self, prepared: Prepared) -> str:
        """The page's text, with cache.DATA_AS_OF where the last change's time goes."""
        local = self.context.copy()
        local["localsiteurl"] = local.get("localsiteurl", None)
        if prepared.relative:
            local["SITEURL"] = local["localsiteurl"] = prepared.root
        local["output_file"] = prepared.name
        local.update(page_path=prepared.page.path, page_title=prepared.page.title, **prepared.variables)
        return self.env.get_template(f"{prepared.page.template}.html").render(local)

    def finish(self, text: str) -> bytes:
        """The bytes to write: the text with the last change's time filled in."""
        return text.replace(cache.DATA_AS_OF, self.data_as_of).encode("utf-8")


def template_cache(cache_folder: Path):
    """Compiled templates kept in the build cache folder, so that a patch build, which renders a
    few pages, does not spend its time compiling them (Jinja2 checks each against its source)."""
    import jinja2

    folder = cache_folder / "templates"
    folder.mkdir(parents=True, exist_ok=True)
    return jinja2.FileSystemBytecodeCache(str(folder))


def footer_time(moment) -> str:
    """The "Data as of" text every page gets in place of cache.DATA_AS_OF."""
    return str(escape(long_time(moment)))


def write(output: Path, name: str, data: bytes, made: set[Path]) -> None:
    path = output / name
    if path.parent not in made:
        path.parent.mkdir(parents=True, exist_ok=True)
        made.add(path.parent)
    path.write_bytes(data)
