"""The public site: a Pelican plugin that adds the registry to a Pelican site.

Pelican loads it by name (PLUGINS = ["registry.site"] in pelicanconf.py).
Four hooks, each a Pelican signal:

- `initialized`: read the registry once, in one transaction, for the whole build;
- `readers_init`: Markdown in content/ may refer to registry entries (references.py);
- `get_generators`: the RegistryGenerator writes the registry's pages and open data;
- `get_writer`: Pelican's writer, its news feed written with absolute addresses (feeds.py).

`python -m registry.site` builds atomically (build.py); `pelican content` works too.
"""


def read_registry(pelican) -> None:
    """Read the registry for this build; every page and reader uses this one reading."""
    from registry.reading import snapshot
    from registry.site.generator import entries

    snap = snapshot.take()
    pelican.settings["REGISTRY_SNAPSHOT"] = snap
    pelican.settings["REGISTRY_ENTRIES"] = entries(snap)


def add_reader(readers) -> None:
    from registry.site.references import Reader

    for extension in Reader.file_extensions:
        readers.reader_classes[extension] = Reader


def get_generators(_pelican):
    from registry.site.generator import RegistryGenerator

    return RegistryGenerator


def get_writer(_pelican):
    from registry.site.feeds import Writer

    return Writer


def register():
    # Imported here, so that the site's modules load without Pelican where it is not needed.
    from pelican import signals

    signals.initialized.connect(read_registry)
    signals.readers_init.connect(add_reader)
    signals.get_generators.connect(get_generators)
    signals.get_writer.connect(get_writer)
