"""The public site: a Pelican plugin that adds the registry to a Pelican site.

Pelican loads it by name (PLUGINS = ["registry.site"] in pelicanconf.py).
Five hooks, each a Pelican signal:

- `initialized`: read the registry once, in one transaction, for the whole build, in each
  of the site's languages;
- `generator_init`: every template, Pelican's and the registry's, speaks the language
  of the page it renders (rules/language.py);
- `readers_init`: Markdown in content/ may refer to registry entries (references.py);
- `get_generators`: the RegistryGenerator writes the registry's pages and open data;
- `get_writer`: Pelican's writer, its news feed written with absolute addresses (feeds.py).

`python -m registry.site` builds atomically (build.py); `pelican content` works too.
"""


def read_registry(pelican) -> None:
    """Read the registry for this build; every page and reader uses this one reading."""
    from registry.reading import snapshot
    from registry.site.generator import entries

    snaps = snapshot.take_in_each()
    pelican.settings["REGISTRY_SNAPSHOTS"] = snaps
    pelican.settings["REGISTRY_ENTRIES"] = entries(snaps)


def speak(generator) -> None:
    """Templates translate through the catalogue of the language being written (jinja2.ext.i18n)."""
    from registry.rules import language

    generator.env.add_extension("jinja2.ext.i18n")
    generator.env.policies["ext.i18n.trimmed"] = True  # as catalogue.py extracts them
    generator.env.install_gettext_callables(language.gettext, language.ngettext, newstyle=True)


def add_reader(readers) -> None:
    from registry.site.references import Reader

    for extension in Reader.file_extensions:
        readers.reader_classes[extension] = Reader


def get_generators(_pelican):
    from registry.site.generator import RegistryGenerator
    from registry.site.translations import UntranslatedGenerator

    return RegistryGenerator, UntranslatedGenerator


def get_writer(_pelican):
    from registry.site.writer import Writer

    return Writer


def register():
    # Imported here, so that the site's modules load without Pelican where it is not needed.
    from pelican import signals

    signals.initialized.connect(read_registry)
    signals.generator_init.connect(speak)
    signals.readers_init.connect(add_reader)
    signals.get_generators.connect(get_generators)
    signals.get_writer.connect(get_writer)
