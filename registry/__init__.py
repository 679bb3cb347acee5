"""The registry of an intergovernmental alliance, in layers, each importing only those below it:

    registry.cli, registry.site   interfaces: the secretariat's command line, the public site
    registry.writing              checked, logged writes through the ORM, one transaction each
    registry.reading              the read model: plain data for the CLI, the site, export and check
    registry.storage              the schema, migrations, sessions and the plain SQL reader
    registry.rules                the domain's rules: pure functions, no database

pyproject.toml's [tool.importlinter] states these layers; tests/test_layers.py checks them.
"""
