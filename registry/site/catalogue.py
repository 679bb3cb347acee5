"""The French catalogue's upkeep: the messages the code and the theme ask to translate.

`invoke translations` extracts every message (Python's `_`, `gettext`, `ngettext`
and `N_`; the theme's `_()` and `{% trans %}`), writes them to
registry/locale/messages.pot and merges them into each language's messages.po,
where new ones wait, untranslated, for a translator. tests/test_translations.py
fails while any message is untranslated or its placeholders differ.
"""

from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from registry.rules import language

PROJECT = Path(__file__).resolve().parents[2]
LOCALE = PROJECT / "registry" / "locale"
TEMPLATE = LOCALE / "messages.pot"
#: Where messages are found, and how each kind of file is read.
SOURCES: tuple[tuple[Path, list[tuple[str, str]], dict[str, dict[str, str]]], ...] = (
    (PROJECT / "registry", [("**.py", "python")], {}),
    (PROJECT / "theme" / "templates", [("**.html", "jinja2.ext:babel_extract")],
     {"**.html": {"extensions": "jinja2.ext.i18n", "trimmed": "true"}}),
)


def catalogue_of(code: str) -> Path:
    return LOCALE / code / "LC_MESSAGES" / "messages.po"


def extract() -> Catalog:
    """Every message the site asks to translate, with where it is asked."""
    found = Catalog(project="alliance-registry", fuzzy=False)
    for root, methods, options in SOURCES:
        for filename, line, message, comments, context in extract_from_dir(str(root), methods, options):
            where = (root.relative_to(PROJECT) / filename).as_posix()
            found.add(message, locations=[(where, line)], auto_comments=comments, context=context)
    return found


def read(code: str) -> Catalog:
    with catalogue_of(code).open("rb") as po:
        return read_po(po, locale=code)


def update() -> dict[str, int]:
    """Write the template and merge it into every language's catalogue: how many messages
    each still lacks."""
    template = extract()
    with TEMPLATE.open("wb") as pot:
        write_po(pot, template, width=100, sort_by_file=True, omit_header=True)
    missing = {}
    for code in language.LANGUAGES[1:]:
        catalog = read(code)
        catalog.update(template, no_fuzzy_matching=True)
        with catalogue_of(code).open("wb") as po:
            write_po(po, catalog, width=100, sort_by_file=True, ignore_obsolete=True, include_previous=False)
        missing[code] = sum(1 for m in catalog if m.id and not m.string)
    return missing
