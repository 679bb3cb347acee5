"""Pelican's writer, for every file of the site: each page in its language, and feeds whose
addresses hold outside the site.
"""

from pelican.writers import Writer as PelicanWriter

from registry.rules import language
from registry.site import urls


def languages_of(name: str) -> list[dict[str, str | bool]]:
    """The page written at `name` in each language, for the language switch and hreflang:
    every page exists in every language (an untranslated one says so)."""
    page = urls.page_of(name)
    return [{"code": code, "name": language.AUTONYMS[code], "path": urls.in_language(page, code),
             "current": code == urls.language_of(name)} for code in language.LANGUAGES]


class Writer(PelicanWriter):
    """Pelican's writer. A page is rendered in its language, the one its address says
    (fr/… is French: rules/language.py), with `LANGUAGE` and `languages` (the page in each
    language) for the templates; its registry data was made in that language too
    (generator.py). `here` is the page's address in the default language, for the menu.

    Its news feed (feeds/news.atom) is written like the change feed.

    A feed's addresses must be absolute, but Pelican makes them from SITEURL, which is
    empty while pages link relatively (pelicanconf.py): its entries would point under
    feeds/. They are made from FEED_DOMAIN, the public address, instead. A feed with no
    entries is not written (the theme links to it only when there is news): Pelican would
    date it with the clock, and the same registry would not make the same site.
    """

    def write_file(self, name, template, context, *args, **kwargs):
        if not name:
            return None
        code = urls.language_of(name)
        with language.use(code):
            return super().write_file(name, template, context, *args, LANGUAGE=code, here=urls.page_of(name),
                                      languages=languages_of(name), **kwargs)

    def write_feed(self, elements, context, path=None, url=None, *args, **kwargs):
        if path and not elements:
            return None
        domain = (context.get("FEED_DOMAIN") or "").rstrip("/")
        if not domain or context.get("SITEURL"):
            return super().write_feed(elements, context, path, url, *args, **kwargs)
        # An entry's summary is made with the links of the page being written (Pelican keeps
        # it in the shared context): absolute ones while the feed is written.
        saved = context.get("localsiteurl")
        context["localsiteurl"] = domain
        try:
            return super().write_feed(elements, dict(context, SITEURL=domain), path, url, *args, **kwargs)
        finally:
            context["localsiteurl"] = saved
