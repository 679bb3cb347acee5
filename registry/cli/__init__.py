"""The secretariat's command line: a thin layer over the registry's library.

Each command opens one session (see storage/db.py), calls the library, and
prints the result as a table for people or, with --json, as JSON for scripts.
A RegistryError becomes a plain message on stderr and exit code 1; nothing is
written when a command fails. Commands that write can be previewed with
--dry-run and ask before they commit what needs confirming (base.write).

One module per part of the secretariat's work; importing them registers
their commands on `app`, in the order the help lists them.
"""

# isort: off
from registry.cli import admin, participation, desk, files, releases  # noqa: F401
from registry.cli import instruments, reports, sessions, aims  # noqa: F401
from registry.cli import countrynames  # noqa: F401
# isort: on
from registry.cli.base import app

__all__ = ["app", "main"]


def main() -> None:
    app(prog_name="registry")
