"""Every page in every language: Pelican's pages and news without a translation.

A page in content/pages/ or an article in content/news/ is translated by a file beside
it (`about.fr.md`, with the same Slug), which Pelican publishes under the language's
code (PAGE_LANG_SAVE_AS in pelicanconf.py). Where there is none, this generator writes
the page there anyway, in English, saying that it has not been translated, so that the
language switch and the menu of every page lead somewhere in the reader's language.
"""

from pelican.generators import Generator

from registry.rules import language
from registry.site import urls
from registry.site.generator import translation


class UntranslatedGenerator(Generator):
    def generate_context(self):
        pass

    def generate_output(self, writer):
        articles = self.context.get("articles", [])
        for code in language.LANGUAGES[1:]:
            for content in [*self.context.get("pages", []), *articles]:
                if translation(content, code) is None:
                    writer.write_file(urls.output_file(urls.in_language(content.url, code)),
                                      self.get_template("untranslated"), self.context, relative_urls=True,
                                      page_path=content.url, page_title=content.title, original=content)
            if self.settings.get("INDEX_SAVE_AS"):  # the news index, written with or without news
                index = self.settings["INDEX_SAVE_AS"]
                writer.write_file(f"{code}/{index}", self.get_template("index"), self.context,
                                  relative_urls=True, articles=[translation(a, code) or a for a in articles])
