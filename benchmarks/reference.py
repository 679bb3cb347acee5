"""The reference builds the benchmark compares the site build with.

Both start from the very pages the site builds: `export_pages()` runs the
site's own Pelican build once (cold, into a throwaway folder, untimed) and
saves, for every HTML page Pelican renders, the template and the variables it
is rendered with (the registry's pages and Pelican's own: content/pages/, the
news index, articles) as plain Python data: dicts, lists, strings, dates.
Then:

- (b) the Jinja2 floor, `jinja_floor.py`: a child process that loads that file
  and renders every page with the theme's templates and Jinja2 alone, and
  writes it. Nothing else (no database, no Pelican, no data files): the floor
  for a Python renderer of these pages.
- (a) plain Pelican, `write_markdown()` + `pelican_settings()`: the same pages
  written as Markdown files under content/pages/ (title, the same facts as
  lists and tables), rendered by Pelican 4 with Python-Markdown and its default
  theme, as a user without the plugin would do.
"""

import dataclasses
import pickle
import shutil
import tempfile
from datetime import date, datetime
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from markupsafe import Markup

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent

#: What the theme's templates read from Pelican's context besides each page's own variables.
CONTEXT_KEYS = ("SITEURL", "FEED_ALL_ATOM", "INDEX_SAVE_AS", "registry", "pages", "articles", "output_file")


def plain(value: Any) -> Any:
    """Plain data for a template: dataclasses, rows and Pelican's pages and articles become
    dicts (with their properties), so the floor needs no registry or Pelican import."""
    from pelican.contents import Content

    if isinstance(value, (Markup, str, int, float, bool, date, datetime)) or value is None:
        return value
    if isinstance(value, Content):
        return content_dict(value)
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, tuple) and hasattr(value, "_asdict"):  # a named tuple, e.g. Standing
        return {name: plain(field) for name, field in value._asdict().items()}
    if isinstance(value, tuple):
        return tuple(plain(v) for v in value)
    if isinstance(value, list):
        return [plain(v) for v in value]
    if dataclasses.is_dataclass(value):
        out = {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    elif isinstance(value, SimpleNamespace):  # registry.storage.rows.Row
        out = {name: plain(field) for name, field in vars(value).items()}
    elif hasattr(type(value), "model_fields"):
        out = {name: plain(getattr(value, name)) for name in type(value).model_fields}
    else:
        raise TypeError(f"cannot make {type(value).__name__} plain")
    for name, attr in vars(type(value)).items():
        if isinstance(attr, property):
            out[name] = plain(getattr(value, name))
    return out


def content_dict(item, neighbours: bool = True) -> dict[str, Any]:
    """A Pelican page or article as the theme reads it, its HTML as of this render."""
    from pelican.contents import Article

    out = {
        "url": item.url, "title": item.title, "content": Markup(item.content), "lang": item.lang,
        "metadata": {k: v for k, v in item.metadata.items()
                     if isinstance(v, (str, int, date)) and not isinstance(v, bool)},
    }
    if isinstance(item, Article):
        out["locale_date"] = item.locale_date
        out["summary"] = Markup(item.summary) if item.summary else item.summary
    if neighbours:
        for name in ("prev_article", "next_article"):
            other = getattr(item, name, None)
            out[name] = content_dict(other, neighbours=False) if other is not None else None
    return out


def export_pages(content_dir: Path, target: Path, settings_file: Path | None = None) -> int:
    """Save every HTML page the site would build, with its template and variables; returns the count.

    Runs the site's Pelican build (cold, into a temporary folder) on the registry named by
    REGISTRY_DATABASE_URL, and records each page as Pelican's writer renders it.
    """
    from pelican import Pelican
    from pelican.settings import read_settings
    from pelican.writers import Writer

    from registry.site import build

    settings = read_settings(str(settings_file or build.DEFAULT_SETTINGS))
    settings["PATH"] = str(Path(content_dir).resolve())
    listed: list[tuple[str, str, dict[str, Any]]] = []

    class Recording:
        """The template Pelican renders a page with, noting the page's variables as it renders."""

        def __init__(self, template, keys):
            self.template, self.keys = template, keys

        def render(self, variables):
            taken = {k: variables[k] for k in self.keys if k in variables}
            listed.append((variables["output_file"], self.template.name.removesuffix(".html"), plain(taken)))
            return self.template.render(variables)

    original = Writer.write_file

    def write_file(self, name, template, context, *args, **kwargs):
        return original(self, name, Recording(template, set(CONTEXT_KEYS) | set(kwargs)), context, *args, **kwargs)

    output = Path(tempfile.mkdtemp(prefix="reference-"))
    settings["OUTPUT_PATH"] = str(output)
    Writer.write_file = write_file
    try:
        Pelican(settings).run()
    finally:
        Writer.write_file = original
        shutil.rmtree(output, ignore_errors=True)
    target.write_bytes(pickle.dumps({"pages": listed}, protocol=5))
    return len(listed)


# -- (a) the same pages as Markdown, for plain Pelican ------------------------------


def _cell(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, date):
        return f"{value:%-d %B %Y}"
    if isinstance(value, dict):
        return _link(value) if "path" in value or "name" in value or "title" in value else str(value)
    return str(value).replace("|", "\\|").replace("\n", " ")


def _link(item: dict | None) -> str:
    if not item:
        return "—"
    words = item.get("name") or item.get("title") or ""
    return f"[{words}](/{item['path']})" if item.get("path") else words


def _table(caption: str, head: list[str], rows: list[list[Any]]) -> str:
    lines = [f"**{caption}**", "", "| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(_cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def page_markdown(template: str, v: dict[str, Any]) -> str:
    """The facts a page shows, as Markdown (body only)."""
    parts: list[str] = []
    if template == "country":
        parts.append(f"- ISO codes: {v['iso2']} / {v['iso3']}\n- Status: {v['status']}\n"
                     f"- Joined: {_cell(v['joined'])}\n- Withdrawn: {_cell(v['withdrawn'])}\n")
        parts.append("## Membership history\n")
        parts.append(_table("Every recorded action", ["Date", "Action", "Instrument", "Evidence", "Source", "Entry"],
                            [[a["date"], a["kind"], a["instrument"], a["evidence"], a["source"], a["id"]]
                             for a in v["history"]]))
        parts.append("## Reporting record\n")
        parts.append(_table("Reports by cycle", ["Cycle", "Due", "Status", "Received"],
                            [[r["title"], r["due"], f"{r['symbol']} {r['label']}", r["received"]]
                             for r in v["record"]]))
        parts.append("## Meetings attended\n")
        parts += [f"- [{m['title']}](/{m['path']}) ({_cell(m['starts'])})\n" for m in v["meetings"]]
    elif template == "instrument":
        i = v["instrument"]
        parts.append(f"Adopted {_cell(i['adopted'])} at {i['place']}.\n")
        if v.get("summary"):
            parts.append(str(v["summary"]) + "\n")
        parts.append(_table("Participants", ["Country", "How", "Joined", "Withdrawn", "Status"],
                            [[s["country"], s["kind"], s["joined"], s["withdrawn"], s["status"]]
                             for s in v["signatories"]]))
    elif template == "session":
        m = v["meeting"]
        parts.append(f"{_cell(m['starts'])} to {_cell(m['ends'])}, {m['city']}; host {_link(v['host'])}.\n")
        parts.append("## Attendance\n")
        parts += [f"- {_link(c)}\n" for group in v["attendance"] for c in group["attendees"]]
        if v.get("outcome"):
            parts.append("## Outcome\n\n" + str(v["outcome"]) + "\n")
    elif template == "members":
        parts.append(_table("Members", ["Country", "ISO", "Joined", "How", "Status", "Latest report"],
                            [[r, r["iso2"], r["joined"], r["kind"], r["status_label"],
                              (r["latest_report"] or {}).get("cycle")] for r in v["rows"]]))
    elif template == "instruments":
        parts.append(_table("Instruments", ["Title", "Adopted", "Place", "Participants"],
                            [[i, i["adopted"], i["place"], i["count"]] for i in v["instruments"]]))
    elif template == "sessions":
        parts.append(_table("Sessions", ["Session", "Starts", "City", "Attended"],
                            [[{"title": r["meeting"]["title"], "path": r["path"]}, r["meeting"]["starts"],
                              r["meeting"]["city"], r["attended"]] for r in v["conferences"] + v["others"]]))
    elif template == "reports":
        parts.append(_table("Reporting record", ["Country"] + [c["slug"] for c in v["cycles"]],
                            [[r] + [c["symbol"] for c in r["cells"]] for r in v["rows"]]))
    elif template == "home":
        parts.append(str(v.get("intro") or "") + "\n")
        parts.append(f"{v['member_count']} members.\n")
        parts.append(_table("Growth", ["Day", "Members"], [list(p) for p in v["growth"]]))
    elif template in ("page", "article"):
        item = v.get("page") or v.get("article")
        parts.append(str(item["content"]) + "\n")
    elif template == "index":
        parts += [f"- [{a['title']}](/{a['url']})\n" for a in v.get("articles") or []]
    else:
        for key in ("prose",):
            if v.get(key):
                parts.append(str(v[key]) + "\n")
        if template == "data":
            parts.append(_table("Files", ["File", "Format", "What"],
                                [[f["name"], f["format"], f["what"]] for f in v["files"]]))
    return "\n".join(parts)


def write_markdown(pages_file: Path, content: Path) -> int:
    """Write every page as content/pages/<n>.md, saved at the site's own address."""
    data = pickle.loads(pages_file.read_bytes())
    folder = content / "pages"
    folder.mkdir(parents=True, exist_ok=True)
    for n, (name, template, variables) in enumerate(data["pages"]):
        url = name[: -len("index.html")] if name.endswith("index.html") else name
        title = str(variables.get("page_title") or "Page").replace("\n", " ")
        header = f"Title: {title}\nSlug: page-{n}\nSave_as: {name}\nURL: {url}\n\n"
        (folder / f"page-{n:05d}.md").write_text(header + page_markdown(template, variables), encoding="utf-8")
    return len(data["pages"])


def pelican_settings(path: Path, content: Path) -> Path:
    """A Pelican settings file for plain Pelican on `content` (pages only, default theme)."""
    path.write_text(
        f'SITENAME = "Reference"\nSITEURL = ""\nPATH = {str(content)!r}\nTIMEZONE = "UTC"\n'
        'DEFAULT_LANG = "en"\nPAGE_PATHS = ["pages"]\nARTICLE_PATHS = []\nSTATIC_PATHS = []\n'
        "RELATIVE_URLS = True\nFEED_ALL_ATOM = None\nCATEGORY_FEED_ATOM = None\n"
        "TRANSLATION_FEED_ATOM = None\nAUTHOR_FEED_ATOM = None\nAUTHOR_FEED_RSS = None\n"
        "CACHE_CONTENT = False\nLOAD_CONTENT_CACHE = False\nDELETE_OUTPUT_DIRECTORY = False\n",
        encoding="utf-8")
    return path
