"""The two reference builds the benchmark compares the site build with.

Both start from the very pages the site builds: `export_pages()` reads the
registry once with the site's own code (snapshot and page builders) and saves
every page's template variables as plain Python data (dicts, lists, strings,
dates), untimed. Then:

- (b) the Jinja2 floor, `jinja_floor.py`: a child process that loads that file
  and renders every page with the theme's templates and Jinja2 alone, and
  writes it. Nothing else (no database, no Pelican): the floor for a Python
  renderer of these pages.
- (a) plain Pelican, `write_markdown()` + `pelican_settings()`: the same pages
  written as Markdown files under content/pages/ (title, the same facts as
  lists and tables), rendered by Pelican 4 with Python-Markdown and its default
  theme, as a user without the plugin would do.
"""

import dataclasses
import pickle
from datetime import date, datetime
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from markupsafe import Markup

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent


def plain(value: Any) -> Any:
    """Plain data for a template: dataclasses and rows become dicts
    (with their properties), so the floor needs no registry import."""
    if isinstance(value, (Markup, str, int, float, bool, date, datetime)) or value is None:
        return value
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


def export_pages(content_dir: Path, target: Path) -> int:
    """Save every page the site would build, with its template variables; returns the count.

    Reads the registry named by REGISTRY_DATABASE_URL, as the site does.
    """
    from pelican.utils import get_relative_path, path_to_url

    from registry.site import content, pages, snapshot, urls
    from registry.site.generator import reference_targets

    snap = snapshot.take()
    docs = content.read_all(content_dir, reference_targets(snap))
    registry = {
        "name": snap.settings.name,
        "short_name": snap.settings.short_name or snap.settings.name,
        "today": snap.today,
        "data_as_of": snap.data_as_of,
        "navigation": urls.NAVIGATION,
        "feed": urls.FEED,
        "calendar": urls.CALENDAR,
    }
    listed = []
    for page in pages.all_pages(snap, docs):
        name = urls.output_file(page.path)
        relative = page.path != urls.NOT_FOUND
        root = path_to_url(get_relative_path(name)) if relative else ""
        variables = dict(page.build(root), page_path=page.path, page_title=page.title, SITEURL=root)
        listed.append((name, page.template, plain(variables)))
    target.write_bytes(pickle.dumps({"registry": plain(registry), "pages": listed}, protocol=5))
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
        parts += [f"- {_link(c)}\n" for c in v["attendees"]]
        if v.get("outcome"):
            parts.append("## Outcome\n\n" + str(v["outcome"]) + "\n")
    elif template == "members":
        parts.append(_table("Members", ["Country", "ISO", "Joined", "Instrument", "Status", "Latest report"],
                            [[r, r["iso2"], r["joined"], r["instrument"], r["status_label"],
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
