"""Synthetic registries for benchmarks: deterministic for a seed, never the real registry.

    invoke synthetic --size large --database /tmp/large/registry.db [--content DIR]
    python benchmarks/synthetic.py --size small --database PATH [--content DIR]

A registry is generated as an export document (the same format `registry
export` writes) and loaded with `restore.restore()`, which checks every
history and report against the registry's rules, so a synthetic registry is
as consistent as a real one. Its content folder gets the sessions' outcome
documents and prose with references to entries (home.md, data.md, an
instrument summary and the about page, content/pages/about.md), so that it
builds a complete site. Sizes:

- small: 50 countries, 4 instruments, 7 cycles, 7 sessions, 200 reports;
- large: 200 countries, 600 instruments with about 67,000 accessions and
  withdrawals, 20 cycles, 20 sessions with outcomes, 4,000 reports.

Reporting statuses are meant to be read as of TODAY (REGISTRY_TODAY=2026-11-01).
"""

import argparse
import os
import random
import sys
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from registry.reading import export
from registry.rules import countries
from registry.storage import db
from registry.writing import restore


@dataclass(frozen=True)
class Size:
    countries: int
    instruments: int
    cycles: int
    sessions: int
    participants: int  # countries per instrument, on average
    withdrawal_rate: float
    reports: int


SIZES = {
    "small": Size(countries=50, instruments=4, cycles=7, sessions=7, participants=40,
                  withdrawal_rate=0.05, reports=200),
    "large": Size(countries=200, instruments=600, cycles=20, sessions=20, participants=90,
                  withdrawal_rate=0.12, reports=4000),
}

FOUNDED = date(1986, 5, 1)
FIRST_REPORT = date(1988, 7, 1)
TODAY = date(2026, 11, 1)


def document(size: str, seed: int = 2012) -> dict:
    """An export document for a synthetic registry of the given size."""
    spec = SIZES[size]
    rng = random.Random(seed)
    codes = [c.iso2 for c in countries.all_countries() if c.iso2 not in ("EU", "XK")][: spec.countries]
    ids = iter(range(1, 10**9))
    instruments, actions = [], []
    for n in range(spec.instruments):
        adopted = FOUNDED if n == 0 else FOUNDED + timedelta(days=rng.randrange(0, 12000))
        slug = "founding-charter" if n == 0 else f"instrument-{n:03d}"
        instruments.append({
            "id": n + 1, "slug": slug, "title": f"Synthetic instrument {n}", "kind": "convention",
            "adopted": adopted.isoformat(), "place": "Geneva", "issuer": "", "citation": "",
        })
        count = spec.countries if n == 0 else min(spec.countries, max(1, int(rng.gauss(spec.participants, 15))))
        for code in rng.sample(codes, count):
            # Founding members join within about a year, so most owe every report.
            spread, rate = (400, spec.withdrawal_rate / 4) if n == 0 else (3000, spec.withdrawal_rate)
            actions += _history(rng, ids, slug, code, adopted, spread, rate)
    founding = [a for a in actions if a["instrument"] == "founding-charter"]
    meetings = [{
        "id": n + 1, "slug": f"conference-{n + 1}", "kind": "conference", "number": n + 1,
        "title": f"Conference session {n + 1}", "starts": date(1988 + 2 * n, 12, 1).isoformat(),
        "ends": date(1988 + 2 * n, 12, 3).isoformat(), "city": "Geneva", "host": rng.choice(codes),
        "status": "held", "outcome": f"sessions/conference-{n + 1}.md", "note": "",
    } for n in range(spec.sessions)]
    for meeting in meetings:
        if date.fromisoformat(meeting["starts"]) > TODAY:
            meeting.update(status="scheduled", outcome=None)
    attendance = [{"id": i + 1, "meeting": m["slug"], "country": code}
                  for i, (m, code) in enumerate((m, c) for m in meetings for c in codes[: spec.countries // 2])]
    return {
        "format": export.FORMAT, "format_version": export.FORMAT_VERSION,
        "schema_revision": db.HEAD_REVISION,
        "alliance": {
            "id": 1, "name": f"Synthetic alliance ({size})", "short_name": "Synthetic",
            "founding_instrument": "founding-charter", "announcement_due": None,
            "first_report_due": FIRST_REPORT.isoformat(), "report_interval_years": 2,
            "first_conference_by": date(1988, 12, 31).isoformat(), "conference_interval_years": 2,
            "records_kept_since": FIRST_REPORT.isoformat(), "contact": "secretariat@example.org",
        },
        "instruments": instruments, "actions": actions, "meetings": meetings,
        "attendance": attendance, "reports": _reports(rng, founding, spec), "changes": [],
    }


def _history(rng, ids, slug, code, adopted, spread, withdrawal_rate) -> list[dict]:
    """Accession, and sometimes withdrawal and re-accession, in date order."""
    day = adopted + timedelta(days=rng.randrange(0, spread))
    steps = [("accession", day)]
    while rng.random() < withdrawal_rate and day < TODAY - timedelta(days=800):
        day += timedelta(days=rng.randrange(200, 2000))
        steps.append(("withdrawal", day))
        day += timedelta(days=rng.randrange(200, 2000))
        steps.append(("re-accession", day))
    return [{
        "id": next(ids), "instrument": slug, "country": code, "kind": kind,
        "date": when.isoformat(), "evidence": "notification", "meeting": None,
        "source": f"notification {slug}/{code}", "note": "",
    } for kind, when in steps if when <= TODAY]


def _reports(rng, founding: list[dict], spec: Size) -> list[dict]:
    """Reports from countries that were members on each due date."""
    from registry.rules import history
    from registry.rules.history import Step

    by_country: dict[str, list[Step]] = {}
    for a in founding:
        by_country.setdefault(a["country"], []).append(Step(a["kind"], date.fromisoformat(a["date"]), a["id"]))
    owed = []
    for k in range(spec.cycles):
        due = FIRST_REPORT.replace(year=FIRST_REPORT.year + 2 * k)
        owed += [(code, due) for code, steps in sorted(by_country.items())
                 if due <= TODAY and history.participating_on(steps, due)]
    chosen = sorted(rng.sample(owed, min(spec.reports, len(owed))))
    return [{
        "id": i + 1, "country": code, "cycle": str(due.year),
        "received": min(TODAY, due + timedelta(days=rng.randrange(-60, 120))).isoformat(),
        "url": f"https://example.org/reports/{code}-{due.year}.pdf", "note": "",
    } for i, (code, due) in enumerate(chosen)]


def create(url: str, size: str, content: Path, seed: int = 2012) -> dict[str, int]:
    """Create a synthetic registry at `url`, and its outcome documents and prose under `content`."""
    doc = document(size, seed)
    (content / "sessions").mkdir(parents=True, exist_ok=True)
    for meeting in [m for m in doc["meetings"] if m["outcome"]]:
        (content / meeting["outcome"]).write_text(
            f"The {meeting['title'].lower()} reviewed the reports and agreed next steps.\n",
            encoding="utf-8")
    write_prose(content, doc)
    db.upgrade(url)
    # The registry's checks look for the outcome documents in REGISTRY_CONTENT_DIR.
    saved = os.environ.get("REGISTRY_CONTENT_DIR")
    os.environ["REGISTRY_CONTENT_DIR"] = str(content)
    try:
        with db.writing(url) as session:
            return restore.restore(session, doc, source=f"synthetic-{size}")
    finally:
        if saved is None:
            os.environ.pop("REGISTRY_CONTENT_DIR", None)
        else:
            os.environ["REGISTRY_CONTENT_DIR"] = saved


def write_prose(content: Path, doc: dict) -> None:
    """Prose with references, so that the build reads and converts Markdown as for a real site:
    the registry's own prose (home, data, an instrument summary) and a Pelican page (about)."""
    member = next(a["country"] for a in doc["actions"] if a["instrument"] == "founding-charter")
    (content / "instruments").mkdir(parents=True, exist_ok=True)
    (content / "pages").mkdir(parents=True, exist_ok=True)
    (content / "home.md").write_text(
        "The alliance rests on the {instrument:founding-charter}. Its first session was "
        "{session:conference-1}.\n", encoding="utf-8")
    (content / "pages" / "about.md").write_text(
        "Title: About the alliance\nSlug: about\nMenulabel: About\n\n## Who\n\n"
        f"Countries such as {{country:{member}}} take part.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
        encoding="utf-8")
    (content / "data.md").write_text("The open data files.\n", encoding="utf-8")
    (content / "instruments" / "founding-charter.md").write_text(
        "## Summary\n\nThe *founding* charter, adopted at {session:conference-1}.\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Make a synthetic registry (never the real one).")
    parser.add_argument("--size", choices=sorted(SIZES), default="small")
    parser.add_argument("--database", required=True, help="the SQLite file to create (must not exist)")
    parser.add_argument("--content", help="the content folder to write (default: content/ beside the database)")
    parser.add_argument("--seed", type=int, default=2012)
    args = parser.parse_args(argv)
    database = Path(args.database).resolve()
    content = Path(args.content).resolve() if args.content else database.parent / "content"
    if database.exists():
        parser.error(f"{database} exists: a synthetic registry is only made in a new file")
    if content.exists() and any(content.iterdir()):
        parser.error(f"{content} is not empty: give --content a new or empty folder")
    database.parent.mkdir(parents=True, exist_ok=True)
    url = f"sqlite:///{database}"
    counts = create(url, args.size, content, args.seed)
    print(f"created a {args.size} synthetic registry in {database}: "
          + ", ".join(f"{n:,} {table}" for table, n in counts.items()))
    print(f"its content folder: {content}")
    print("build its site with:")
    print(f"  REGISTRY_DATABASE_URL={url} REGISTRY_CONTENT_DIR={content} REGISTRY_TODAY={TODAY} \\\n"
          f"  {sys.executable} -m registry.site -o {database.parent / 'output'}")
    return 0


def generated_at() -> datetime:
    return datetime(2026, 11, 1, tzinfo=UTC)


if __name__ == "__main__":
    sys.exit(main())
