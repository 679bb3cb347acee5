"""`python -m registry.site [-s SETTINGS] [-o OUTPUT]`: bring the site up to date.

Pelican builds the site into a fresh folder that replaces the old one when
complete, taking unchanged pages from the last build; when nothing the site
is made from has changed, nothing is done.

Exits 1 with a one-line message, and leaves the old output alone, when the
registry cannot be read or content/ refers to an entry that does not exist.
"""

import argparse
import sys

from registry.rules.errors import ContentError, RegistryError
from registry.site.build import DEFAULT_SETTINGS, build


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m registry.site", description=__doc__)
    parser.add_argument("-s", "--settings", default=str(DEFAULT_SETTINGS),
                        help="Pelican settings file (default: pelicanconf.py)")
    parser.add_argument("-o", "--output", help="output folder (default: the settings' OUTPUT_PATH)")
    parser.add_argument("-v", "--verbose", action="store_true", help="log every file written")
    args = parser.parse_args(argv)
    try:
        done = build(args.settings, args.output, verbose=args.verbose)
    except (ContentError, RegistryError) as error:
        print(f"site build failed: {error}", file=sys.stderr)
        print("the previous output was left as it was", file=sys.stderr)
        return 1
    except Exception as error:  # the last resort: one line, the details in a file
        import tempfile
        import traceback

        handle, log = tempfile.mkstemp(prefix="registry-site-error-", suffix=".log")
        with open(handle, "w", encoding="utf-8", errors="backslashreplace") as details:
            details.write("".join(traceback.format_exception(error)))
        print(f"site build failed unexpectedly ({type(error).__name__}: {error}); the details are in {log}",
              file=sys.stderr)
        print("the previous output was left as it was", file=sys.stderr)
        return 1
    if done.how == "unchanged":
        print(f"the site in {done.output} is up to date: nothing changed")
    else:
        print(f"built the site in {done.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
