"""The site in English and French: the catalogue is complete, and every page has its other half.

The French catalogue (registry/locale/fr/LC_MESSAGES/messages.po) must translate every
message the code and the theme ask for (`invoke translations` adds new ones, untranslated);
each page exists in both languages, says which it is in, links to the other (the language
switch and hreflang), and keeps its reader in their language, while the open data stays one
set of files.
"""

import re
from pathlib import Path

import pytest
from babel.messages import checkers
from lxml import html

from registry.rules import language
from registry.site import catalogue, urls

FRENCH = "fr"


def _pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


def _tree(site: Path, name: str):
    return html.fromstring((site / name).read_bytes())


def test_every_message_of_the_code_and_the_theme_is_translated():
    asked = catalogue.extract()
    french = catalogue.read(FRENCH)
    missing = [m.id for m in asked if m.id and not _translated(french.get(m.id))]
    assert not missing, (f"{len(missing)} messages have no French translation (run `invoke translations`, "
                         f"then translate them in {catalogue.catalogue_of(FRENCH)}):\n"
                         + "\n".join(repr(m) for m in missing[:40]))


def _translated(message) -> bool:
    if message is None or message.fuzzy:
        return False
    strings = message.string if isinstance(message.string, tuple) else (message.string,)
    return all(s.strip() for s in strings)


def test_each_translation_keeps_the_placeholders_of_its_message():
    french = catalogue.read(FRENCH)
    problems = []
    for message in french:
        if not message.id or not message.string:
            continue
        try:
            checkers.python_format(french, message)
        except Exception as error:  # babel's TranslationError, with what differs
            problems.append(f"{message.id!r}: {error}")
        problems += [f"{message.id!r}: the French drops {{{name}}}"
                     for name in set(re.findall(r"\{(\w+)\}", _text(message.id))) - set(
                         re.findall(r"\{(\w+)\}", _text(message.string)))]
    assert not problems, "\n".join(problems[:40])


def _text(value) -> str:
    return " ".join(value) if isinstance(value, tuple) else value


def test_dates_and_numbers_are_written_for_each_language():
    from datetime import date

    launch = date(2012, 12, 5)
    assert language.long_date(launch) == "5 December 2012"
    with language.use(FRENCH):
        assert language.long_date(launch) == "5 décembre 2012"
        assert language.long_date(date(2016, 7, 1)) == "1er juillet 2016"
        assert language.number(1234).replace("\u202f", " ").replace("\xa0", " ") == "1 234"
        assert language.gettext("Members") == "Membres"
    assert language.gettext("Members") == "Members"  # the language in use ends with its block


def test_every_page_exists_in_both_languages(seeded_site):
    pages = set(_pages(seeded_site))
    english = {p for p in pages if urls.language_of(p) == language.DEFAULT}
    french = {p for p in pages if urls.language_of(p) == FRENCH}
    assert {f"{FRENCH}/{p}" for p in english} == french
    assert len(french) > 100


def test_a_french_page_is_french_and_keeps_its_reader_in_french(seeded_site):
    tree = _tree(seeded_site, "fr/members/index.html")
    assert tree.get("lang") == "fr"
    assert tree.findtext(".//h1") == "Membres"
    rows = [a.text_content() for a in tree.xpath("//table[@id='members-table']//th[@scope='row']/a")]
    assert {"Allemagne", "Royaume-Uni", "États-Unis"} <= set(rows)
    assert rows == sorted(rows, key=_folded)  # filed by the French names, accents folded
    menu = [a.get("href") for a in tree.xpath("//nav[@aria-label]//a")]
    assert "../../fr/members/" in menu and "../../fr/about/" in menu
    # the open data stays one set of files, at the root
    files = [a.get("href") for a in tree.xpath("//main//a") if a.get("href", "").endswith((".csv", ".json"))]
    assert files and all(not f.startswith("../../fr/") for f in files)


def _folded(name: str) -> str:
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c)).casefold()


@pytest.mark.parametrize("name", ["index.html", "members/index.html", "members/fr/index.html", "about/index.html",
                                  "404.html"])
def test_every_page_names_its_translations_and_links_to_them(seeded_site, name):
    for code, other in (("en", FRENCH), (FRENCH, "en")):
        page = name if code == "en" else f"{FRENCH}/{name}"
        tree = _tree(seeded_site, page)
        assert tree.get("lang") == code
        alternates = {link.get("hreflang"): link.get("href")
                      for link in tree.xpath("//link[@rel='alternate'][@hreflang]")}
        assert set(alternates) == {"en", FRENCH, "x-default"}
        assert alternates["x-default"] == alternates["en"]
        assert alternates[FRENCH].endswith(f"{FRENCH}/{name.removesuffix('index.html')}")
        switch = tree.xpath("//ul[@class='languages']//a")
        assert [a.get("hreflang") for a in switch] == [other]
        href = switch[0].get("href")  # the 404 page links from the site's root: it is served anywhere
        target = (seeded_site / href.lstrip("/")) if href.startswith("/") else (seeded_site / page).parent / href
        assert (target.resolve() / "index.html").is_file() or target.resolve().is_file()


def test_a_page_without_a_french_text_says_so_in_french_and_shows_the_english(seeded_site, tmp_path):
    # the Pelican pages of content/ that have no .fr.md are published under /fr/ all the same
    import shutil

    from conftest import site_build, site_env

    folder = tmp_path / "site"
    shutil.copytree(seeded_site.parent, folder, ignore=shutil.ignore_patterns("output", ".site-cache"))
    (folder / "content" / "pages" / "contact.md").write_text("Title: Contact\nSlug: contact\n\nWrite to us.\n")
    site_build(folder, env=site_env(folder))
    tree = _tree(folder / "output", "fr/contact/index.html")
    assert tree.get("lang") == FRENCH
    untranslated = tree.xpath("//main//*[@lang='en']")
    assert untranslated and "Write to us." in untranslated[0].text_content()
    note = tree.xpath("//main//p[@class='note']")[0]
    assert note.get("lang") == FRENCH and "traduit" in note.text_content()
