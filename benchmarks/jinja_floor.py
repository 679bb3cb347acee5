"""The Jinja2 floor: render the site's pages with the theme's templates and Jinja2 alone.

    python benchmarks/jinja_floor.py PAGES.pickle OUTPUT [THEME]

PAGES.pickle is written by reference.export_pages(): every HTML page of the
site (the registry's pages and Pelican's own, in each language) with its template and
variables, as plain data (no registry or Pelican objects). This script imports
Jinja2, the standard library and the site's filters and catalogues (registry/site/filters.py,
registry/rules/language.py: Babel), renders every page with the same environment
options as the site (autoescape, trim_blocks, lstrip_blocks, gettext in the page's
language) and writes it: the least a Python renderer of these pages can do. THEME
defaults to the project's theme/.
"""

import pickle
import sys
from pathlib import Path

from jinja2 import Environment, FileSystemLoader

from registry.rules import language
from registry.site.filters import FILTERS

THEME = Path(__file__).resolve().parents[1] / "theme"


def main(pages_file: str, output: str, theme: str | None = None) -> int:
    data = pickle.loads(Path(pages_file).read_bytes())
    templates = Path(theme) / "templates" if theme else THEME / "templates"
    env = Environment(loader=FileSystemLoader(str(templates)), autoescape=True,
                      trim_blocks=True, lstrip_blocks=True, extensions=["jinja2.ext.i18n"])
    env.policies["ext.i18n.trimmed"] = True
    env.install_gettext_callables(language.gettext, language.ngettext, newstyle=True)  # type: ignore[attr-defined]
    env.filters.update(FILTERS)
    out = Path(output)
    made: set[Path] = set()
    for name, template, variables in data["pages"]:
        with language.use(variables.get("LANGUAGE", language.DEFAULT)):
            html = env.get_template(f"{template}.html").render(variables)
        path = out / name
        if path.parent not in made:
            path.parent.mkdir(parents=True, exist_ok=True)
            made.add(path.parent)
        path.write_text(html, encoding="utf-8")
    return len(data["pages"])


if __name__ == "__main__":
    main(*sys.argv[1:4])
