"""Markdown in pages: registry text rendered, and prose fitted into a page's outline and width.

A decision's text is Markdown the secretariat typed into the registry: it is rendered with the
site's own Markdown settings (MARKDOWN in pelicanconf.py), its raw HTML shown as text rather
than kept, and the result sanitised as the prose in content/ is (references.sanitised).

An outcome document is a page of its own in content/sessions/, shown inside a session's page:
its headings are moved down under its title, and its tables scroll inside a box of their own
on a narrow screen, so that the page itself never does. The boxes are named in the language in
use (rules/language.py).
"""

import html
from dataclasses import dataclass
from html.parser import HTMLParser

from markdown import Markdown
from markupsafe import Markup

from registry.rules import language
from registry.site import references

HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


def render(text: str, settings: dict, top: int, label: str) -> Markup:
    """Registry text in Markdown as safe HTML, its highest heading at level `top`, its tables
    named after `label` (what the text is)."""
    markdown = _markdown(settings)
    return Markup(scrolling_tables(demoted(references.sanitised(markdown.convert(text)), top), label))


_CONVERTERS: dict[str, Markdown] = {}


def _markdown(settings: dict) -> Markdown:
    """A converter for the settings, made once per build (a large registry has many decisions)."""
    key = repr(settings)
    if key not in _CONVERTERS:
        markdown = Markdown(**_without_metadata(settings))
        # Raw HTML in the registry is text the secretariat typed, never markup.
        markdown.preprocessors.deregister("html_block")
        markdown.inlinePatterns.deregister("html")
        _CONVERTERS[key] = markdown
    return _CONVERTERS[key].reset()


def _without_metadata(settings: dict) -> dict:
    """Pelican's Markdown settings with their extensions named as Pelican's reader names them, but
    without reading metadata lines: a decision's text that begins "Note: ..." is text."""
    configured = settings.get("extension_configs", {})
    extensions = [*settings.get("extensions", []), *(e for e in configured if e not in settings.get("extensions", []))]
    return dict(settings, extension_configs=configured,
                extensions=[e for e in extensions if e not in ("markdown.extensions.meta", "meta")])


def outcome(document, root: str) -> Markup:
    """An outcome document as a session's page shows it, under the page's "Outcome" (h2): its
    title (h3, in the template) above its own headings (h4 and below)."""
    shown = demoted(str(document.html(root)), 4 if document.title else 3)
    return Markup(scrolling_tables(shown, document.title or language.gettext("Outcome")))


def demoted(rendered: str, top: int) -> str:
    """The HTML with its highest heading at level `top` and the others as far below it as they
    were (at most h6)."""
    tags = [t for t in _tags(rendered) if t.name in HEADINGS]
    if not tags:
        return rendered
    shift = top - min(int(t.name[1]) for t in tags)
    return _rewrite(rendered, [(t, f"h{min(6, int(t.name[1]) + shift)}") for t in tags])


def scrolling_tables(rendered: str, label: str) -> str:
    """Each table in a box that scrolls sideways when the table is wider than the screen. The
    box takes the keyboard's focus, so that it scrolls without a pointer, and is named."""
    depth, tables, opened = 0, [], None
    for tag in _tags(rendered):
        if tag.name != "table":
            continue
        if not tag.closing:
            depth += 1
            opened = tag if depth == 1 else opened
        elif depth:
            depth -= 1
            if depth == 0 and opened:
                tables.append((opened.start, tag.end))
    pieces, done = [], 0
    for number, (start, end) in enumerate(tables, start=1):
        named = (language.gettext("%(label)s, table %(number)s") % {"label": label, "number": number}
                 if len(tables) > 1 else language.gettext("%(label)s, table") % {"label": label})
        name = html.escape(named, quote=True)
        pieces += [rendered[done:start], f'<div class="table-scroll" role="region" tabindex="0" aria-label="{name}">',
                   rendered[start:end], "</div>"]
        done = end
    return "".join(pieces) + rendered[done:]


@dataclass(frozen=True)
class _Tag:
    name: str
    closing: bool
    start: int  # where it begins in the text
    end: int  # just after its ">"


class _Tags(HTMLParser):
    """Where each tag of an HTML text starts and ends, as a parser reads it (text that merely
    looks like a tag, inside an attribute's value, is not one)."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.text = text
        self.found: list[_Tag] = []
        self.lines = [0]  # where each line starts (the parser counts lines by "\n" alone)
        for line in text.split("\n"):
            self.lines.append(self.lines[-1] + len(line) + 1)

    def _add(self, tag: str, closing: bool, length: int) -> None:
        line, column = self.getpos()
        start = self.lines[line - 1] + column
        self.found.append(_Tag(tag, closing, start, start + length))

    def handle_starttag(self, tag, attrs):
        self._add(tag, False, len(self.get_starttag_text() or ""))

    def handle_endtag(self, tag):
        line, column = self.getpos()
        start = self.lines[line - 1] + column
        self._add(tag, True, self.text.index(">", start) + 1 - start)


def _tags(text: str) -> list[_Tag]:
    parser = _Tags(text)
    parser.feed(text)
    parser.close()
    return parser.found


def _rewrite(text: str, renamed: list[tuple[_Tag, str]]) -> str:
    """The text with each tag's name changed (its attributes kept)."""
    for tag, name in sorted(renamed, key=lambda r: r[0].start, reverse=True):
        at = tag.start + (2 if tag.closing else 1)
        text = text[:at] + name + text[at + len(tag.name):]
    return text
