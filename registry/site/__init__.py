"""The public site: a Pelican plugin that writes the registry's pages.

Pelican loads it by name (PLUGINS = ["registry.site"] in pelicanconf.py);
`register()` hands Pelican the RegistryGenerator through the
`get_generators` signal. `python -m registry.site` builds atomically.
"""


def get_generators(_pelican):
    from registry.site.generator import RegistryGenerator

    return RegistryGenerator


def register():
    # Imported here, so that the site's modules load without Pelican where it is not needed.
    from pelican import signals

    signals.get_generators.connect(get_generators)
