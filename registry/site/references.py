"""References from prose to registry entries, read by Pelican's own Markdown reader.

A page or article in content/ refers to an entry by kind and key, and the
link's text is the entry's name as the registry has it:

    {country:FR}                    a member's page (ISO code, any case)
    {instrument:prague-2009}        an instrument's page (slug)
    {session:brussels-launch-2012}  a conference session or meeting (slug)
    {country:FR|the French government}  the same link with other words

A file's translation sits beside it, named with the language's code (`about.fr.md`),
and its references link to the entries' pages in that language.

`Reader` is Pelican's MarkdownReader with two steps added: references are
turned into Pelican intra-site links (`{filename}/registry/country/FR`, which
Pelican resolves against the entries the generator registers, relative or
absolute as the settings say), and the HTML goes through nh3, since an outcome
document may be pasted from elsewhere. A reference to an entry the registry
does not hold stops the build with the file, line and reference, so that a
renamed slug cannot leave a dead link.
"""

import html
import re
from dataclasses import dataclass

import nh3
from pelican.readers import MarkdownReader
from pelican.utils import pelican_open

from registry.rules.errors import ContentError
from registry.rules.language import DEFAULT, LANGUAGES

REFERENCE = re.compile(r"\{(country|instrument|session):([^}|\s]*)(?:\|([^}]*))?\}")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]{}()#+\-.!|~])")
#: Where the generator registers each entry in Pelican's `generated_content`, by kind and key.
LINK_PREFIX = "registry"

#: What sanitised prose may keep: nh3's defaults, without images (every asset
#: must be local and listed) and with heading ids for in-page links.
ALLOWED_TAGS = set(nh3.ALLOWED_TAGS) - {"img", "map", "area"}
ALLOWED_ATTRIBUTES = {tag: set(attrs) for tag, attrs in nh3.ALLOWED_ATTRIBUTES.items()
                      if tag in ALLOWED_TAGS}
for _heading in ("h2", "h3", "h4"):
    ALLOWED_ATTRIBUTES.setdefault(_heading, set()).add("id")


@dataclass(frozen=True)
class Entry:
    """A registry entry as Pelican's `{filename}` links see it: its address and name."""

    url: str
    name: str


def key(kind: str, value: str, language: str = DEFAULT) -> str:
    """The entry's name in Pelican's `generated_content` (ISO codes in capitals): one for each
    language, since each language has its own page of the entry."""
    where = LINK_PREFIX if language == DEFAULT else f"{LINK_PREFIX}/{language}"
    return f"{where}/{kind}/{value.upper() if kind == 'country' else value}"


def language_of(source_path: str) -> str:
    """The language a file in content/ is written in: `about.fr.md` is French, `about.md` is
    in the registry's own language."""
    suffixes = source_path.rsplit("/", 1)[-1].split(".")[1:-1]
    return suffixes[-1] if suffixes and suffixes[-1] in LANGUAGES else DEFAULT


def expand(text: str, entries: dict[str, Entry], source: str, language: str = DEFAULT) -> str:
    """The Markdown with every reference as a link to the entry's page in `language`;
    ContentError on one to no entry."""
    for number, line in enumerate(text.splitlines(), start=1):
        for match in REFERENCE.finditer(line):
            if key(match[1], match[2], language) not in entries:
                raise ContentError(
                    f"{source}, line {number}: {match[0]} refers to no {match[1]} {match[2]!r} in the registry")
    return REFERENCE.sub(lambda m: _link(m, entries, language), text)


def _link(match: re.Match, entries: dict[str, Entry], language: str) -> str:
    target = key(match[1], match[2], language)
    words = match[3] if match[3] is not None else entries[target].name
    # The name is registry text: escape it for HTML, then for Markdown.
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(words, quote=False))
    return f"[{text}]({{filename}}/{target})"


def sanitised(rendered: str) -> str:
    return nh3.clean(rendered, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES)


class Reader(MarkdownReader):
    """Pelican's Markdown reader, with registry references and sanitised HTML."""

    def read(self, source_path):
        self._source_path = source_path
        from markdown import Markdown

        self._md = Markdown(**self.settings["MARKDOWN"])
        try:
            with pelican_open(source_path) as text:
                content = sanitised(self._md.convert(
                    expand(text, self.settings.get("REGISTRY_ENTRIES", {}), source_path, language_of(source_path))))
        except UnicodeDecodeError as error:
            raise ContentError(f"{source_path}: is not UTF-8 text (byte {error.start} cannot be read)",
                               hint="save the file as UTF-8 in your editor") from None
        metadata = self._parse_metadata(self._md.Meta) if hasattr(self._md, "Meta") else {}
        # Pelican pairs a page with its translation by slug, and learns the language from `lang`.
        metadata.setdefault("lang", language_of(source_path))
        return content, metadata
