"""The site's prose: Markdown in content/, with references to registry entries.

A page refers to an entry by kind and key, and the build turns the reference
into a link whose text is the entry's name as the registry has it:

    {country:FR}                  a member's page (ISO code, any case)
    {instrument:prague-2009}      an instrument's page (slug)
    {session:brussels-launch-2012}  a conference session or meeting (slug)
    {country:FR|the French government}  the same link with other words

A reference to an entry the registry does not hold stops the build with the
file and the reference, so that a renamed slug cannot leave a dead link.
Rendered HTML goes through nh3 before it is trusted: content/ is ours, but an
outcome document may be pasted from elsewhere.
"""

import html
import re
from dataclasses import dataclass, field
from pathlib import Path

import nh3
from markupsafe import Markup

REFERENCE = re.compile(r"\{(country|instrument|session):([^}|\s]*)(?:\|([^}]*))?\}")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]{}()#+\-.!|~])")

#: What sanitised prose may keep: nh3's defaults, without images (every
#: asset must be local and listed) and with heading ids for in-page links.
ALLOWED_TAGS = set(nh3.ALLOWED_TAGS) - {"img", "map", "area"}
ALLOWED_ATTRIBUTES = {tag: set(attrs) for tag, attrs in nh3.ALLOWED_ATTRIBUTES.items()
                      if tag in ALLOWED_TAGS}
for _heading in ("h2", "h3", "h4"):
    ALLOWED_ATTRIBUTES.setdefault(_heading, set()).add("id")


class ContentError(Exception):
    """A problem in content/ that must stop the build: says which file and what."""


@dataclass(frozen=True)
class Target:
    """Where a reference points: a path from the site's root, and the entry's name."""

    path: str
    name: str


@dataclass(frozen=True)
class Document:
    """One Markdown file, its references already checked against the registry."""

    source: str  # path relative to the content folder, e.g. "instruments/prague-2009.md"
    title: str
    text: str
    targets: dict[tuple[str, str], Target]
    # The HTML by root, kept with the document: a patch build loads it with the state and
    # need not import Markdown to show prose it did not change.
    converted: dict[str, Markup] = field(default_factory=dict, compare=False, repr=False)

    def html(self, root: str) -> Markup:
        """The sanitised HTML, with links made from `root` (the page's way to the site root)."""
        found = self.converted.get(root)
        if found is None:
            expanded = REFERENCE.sub(lambda m: _link(m, self.targets, root), self.text)
            found = self.converted[root] = _render(expanded)
        return found


def _render(expanded: str) -> Markup:
    """Markdown to sanitised HTML (Document.html keeps it, once per document and root)."""
    import markdown  # only when converting: a patch build reuses the converted prose

    rendered = markdown.markdown(expanded, extensions=["tables", "sane_lists", "smarty"])
    return Markup(nh3.clean(rendered, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES))


def reference_key(kind: str, key: str) -> tuple[str, str]:
    return (kind, key.upper() if kind == "country" else key)


def _link(match: re.Match, targets: dict[tuple[str, str], Target], root: str) -> str:
    target = targets[reference_key(match[1], match[2])]
    words = match[3] if match[3] is not None else target.name
    # The name is registry text: escape it for HTML, then for Markdown.
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(words, quote=False))
    return f"[{text}]({root}/{target.path})"


def read(content_dir: Path, relative: str, targets: dict[tuple[str, str], Target]) -> Document:
    """Read one Markdown file and check every reference in it."""
    path = content_dir / relative
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ContentError(f"{path}: the file does not exist") from None
    title, text = _split_title(raw)
    for number, line in enumerate(text.splitlines(), start=1 + raw.count("\n") - text.count("\n")):
        for match in REFERENCE.finditer(line):
            if reference_key(match[1], match[2]) not in targets:
                raise ContentError(
                    f"{path}, line {number}: {match[0]} refers to no {match[1]} "
                    f"{match[2]!r} in the registry"
                )
    return Document(relative, title, text, targets)


def read_all(content_dir: Path, targets: dict[tuple[str, str], Target]) -> dict[str, Document]:
    """Every Markdown file under content/, by relative path, all references checked."""
    if not content_dir.is_dir():
        return {}
    return {
        path.relative_to(content_dir).as_posix(): read(
            content_dir, path.relative_to(content_dir).as_posix(), targets)
        for path in sorted(content_dir.rglob("*.md"))
    }


def _split_title(raw: str) -> tuple[str, str]:
    """A leading "Title: ..." line names the page; the rest is the text."""
    first, _, rest = raw.partition("\n")
    if first.lower().startswith("title:"):
        return first.split(":", 1)[1].strip(), rest.lstrip("\n")
    return "", raw
