"""Ready-made data for each HTML page, so that templates only loop and print.

Each builder takes the registry snapshot, the prose and `root` (the page's
way back to the site's root, relative or absolute) and returns the
template's variables. Statuses and what is owed come from the snapshot,
which took them from the library; nothing here decides who is a member.
"""

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any, Callable

from registry.reading import meetings, names
from registry.reading.snapshot import Snapshot
from registry.rules import countries
from registry.rules.cycle import (
    NO_RECORD,
    NOT_OWED,
    NOT_YET_DUE,
    OVERDUE,
    RECEIVED_LATE,
    RECEIVED_ON_TIME,
    STATUSES,
)
from registry.site import chart, opendata, urls

#: A symbol for each report status, so that the matrix does not rely on colour.
SYMBOLS = {
    RECEIVED_ON_TIME: "✓",
    RECEIVED_LATE: "◔",
    OVERDUE: "✗",
    NOT_YET_DUE: "○",
    NOT_OWED: "–",
    NO_RECORD: "?",
}
LEGEND = [(status, SYMBOLS[status], label) for status, label in STATUSES.items()]

ACTION_LABELS = {
    "endorsement": "endorsed",
    "signature": "signed",
    "accession": "acceded",
    "principles": "agreed on the principles",
    "re-accession": "acceded again",
    "withdrawal": "withdrew",
}
EVIDENCE_LABELS = {
    "meeting": "at a meeting",
    "letter": "by letter",
    "notification": "by notification",
    "other": "other evidence",
}

GENERIC_CONTACT = (
    "To ask for a correction, write to the alliance's secretariat, naming the entry "
    "and the document that shows the right value."
)


@dataclass(frozen=True)
class Page:
    """An HTML page to write: its address, its template and how to fill it."""

    path: str
    template: str
    title: str
    build: Callable[[str], dict[str, Any]]
    in_sitemap: bool = True


def all_pages(snap: Snapshot, docs: dict[str, Any]) -> list[Page]:
    """Every registry page. (Pages and news in content/ are Pelican's own.)"""
    pages = [
        Page(urls.HOME, "home", "Home", lambda root: home(snap, docs, root)),
        Page(urls.MEMBERS, "members", "Members", lambda root: members(snap)),
        Page(urls.INSTRUMENTS, "instruments", "Instruments", lambda root: instrument_list(snap)),
        Page(urls.SESSIONS, "sessions", "Conference sessions and meetings",
             lambda root: session_list(snap)),
        Page(urls.REPORTS, "reports", "Reporting record", lambda root: report_matrix(snap)),
        Page(urls.DATA, "data", "Open data", lambda root: open_data(docs, root, snap)),
        Page(urls.SEARCH, "search", "Search", lambda root: search()),
        Page(urls.NOT_FOUND, "404", "Page not found", lambda root: {}, in_sitemap=False),
    ]
    links = Links(snap)
    for standing in snap.standings:
        pages.append(Page(urls.member(standing.iso2), "country", standing.name,
                          lambda root, iso2=standing.iso2: dict(country(snap, iso2, links),  # type: ignore[misc]
                                                                search_names=search_names(iso2))))
    for instrument in snap.instruments:
        pages.append(Page(urls.instrument(instrument.slug), "instrument", instrument.title,
                          lambda root, slug=instrument.slug: instrument_page(snap, docs, slug, root)))  # type: ignore[misc]
    for meeting in snap.meetings:
        pages.append(Page(urls.session(meeting.slug), "session", meeting.title,
                          lambda root, slug=meeting.slug: session_page(snap, docs, slug, root)))  # type: ignore[misc]
    return pages



def search() -> dict[str, Any]:
    """The search page: Pagefind's UI, and where to look without it."""
    return {
        "index_path": urls.SEARCH_INDEX,
        "elsewhere": [
            {"path": urls.MEMBERS, "title": "The members list", "what": "every member and former member, by name"},
            {"path": urls.SESSIONS, "title": "The conference sessions and meetings",
             "what": "what was decided where"},
            {"path": urls.REPORTS, "title": "The reporting record", "what": "who has reported, cycle by cycle"},
            {"path": urls.HOME + "#latest", "title": "The latest changes", "what": "on the home page"},
            {"path": urls.FEED, "title": "The change log", "what": "every change to the registry, as an Atom feed"},
            {"path": urls.DATA, "title": "The open data", "what": "the whole registry as JSON and CSV"},
        ],
    }


def search_names(iso2: str) -> str:
    """A country's other names and codes, for the search index of its page."""
    return ", ".join(names.country_names(iso2))


def prose(docs: dict[str, Any], source: str, root: str) -> dict[str, Any]:
    doc = docs.get(source)
    return {"prose": doc.html(root) if doc else None}


def country_link(snap: Snapshot, iso2: str | None) -> dict[str, Any] | None:
    """A country's name, with its page's address when it has one."""
    if not iso2:
        return None
    return {"iso2": iso2, "name": countries.name(iso2),
            "path": urls.member(iso2) if snap.has_page(iso2) else None}


def change_rows(snap: Snapshot, limit: int | None = None) -> list[dict[str, Any]]:
    return [
        {"at": c.at, "summary": c.summary, "reason": c.reason, "country": country_link(snap, c.country)}
        for c in snap.changes[:limit]
    ]


def home(snap: Snapshot, docs: dict[str, Any], root: str) -> dict[str, Any]:
    following = snap.next_cycle
    return {
        "intro": docs["home.md"].html(root) if "home.md" in docs else None,
        "member_count": len(snap.members),
        "former_count": len(snap.standings) - len(snap.members),
        "chart": chart.growth_chart(snap.growth, snap.today),
        "growth": snap.growth,
        "next_cycle": following,
        "next_conference": snap.next_conference,
        "conference_by": snap.conference_due_by,
        "changes": change_rows(snap, 8),
        "data_as_of": snap.data_as_of,
    }


def members(snap: Snapshot) -> dict[str, Any]:
    """The members table. Membership is participation in the founding instrument, so the
    instrument is named once, above the table; each row says how and when the country joined,
    and a former member's withdrawal date has a column of its own."""
    founding = snap.instrument_by_slug.get(snap.settings.founding_instrument)
    rows = []
    for s in snap.standings:
        latest = snap.records[s.iso2].latest_received if s.iso2 in snap.records else None
        rows.append({
            "iso2": s.iso2,
            "name": s.name,
            "path": urls.member(s.iso2),
            "joined": s.joined,
            "first_joined": s.first_joined,
            "withdrawn": s.withdrawn,
            "status": s.status,
            "status_label": "member" if s.status == "member" else "former member",
            "kind": ACTION_LABELS.get(s.kind, s.kind),
            "latest_report": {
                "cycle": latest.cycle.slug, "received": latest.report.received, "label": latest.label,
                "timing": "late" if latest.status == RECEIVED_LATE else "on time",
            } if latest and latest.report else None,
        })
    return {"rows": rows, "member_count": len(snap.members),
            "former_count": len(snap.standings) - len(snap.members),
            "instrument": {"title": founding.title, "path": urls.instrument(founding.slug)} if founding else None}


@lru_cache(maxsize=None)
def _day(value: str | None) -> date | None:
    # A large registry's pages show tens of thousands of dates, of a few thousand days.
    return date.fromisoformat(value) if value else None


class Links:
    """Each instrument's and meeting's link ({"title", "path"}), made once for all the pages
    and shared by every row that shows it (a large registry's pages have 67,000 such rows)."""

    def __init__(self, snap: Snapshot):
        self.instruments = {i.slug: {"title": i.title, "path": urls.instrument(i.slug)} for i in snap.instruments}
        self.meetings = {m.slug: {"title": m.title, "path": urls.session(m.slug)} for m in snap.meetings}


def country(snap: Snapshot, iso2: str, links: Links) -> dict[str, Any]:
    """One country's listing (listing.country_record), with dates and labels for reading."""
    listed = snap.listings[iso2]
    history = [
        {
            "id": a["id"],
            "date": _day(a["date"]),
            "kind": ACTION_LABELS.get(a["kind"], a["kind"]),
            "is_withdrawal": a["kind"] == "withdrawal",
            "instrument": links.instruments[a["instrument"]],
            "evidence": EVIDENCE_LABELS.get(a["evidence"], a["evidence"]),
            "meeting": links.meetings[a["meeting"]] if a["meeting"] else None,
            "source": a["source"],
            "note": a["note"],
        }
        for a in listed["history"]
    ]
    record = [
        {"title": _cycle_title(snap, r["cycle"]), "cycle": r["cycle"], "due": _day(r["due"]),
         "status": r["status"], "label": r["status_label"], "symbol": SYMBOLS[r["status"]],
         "received": _day(r["received"]), "url": r["url"]}
        for r in listed["reports"]
    ]
    next_due = listed["next_due"]
    return {
        "iso2": iso2,
        "iso3": listed["iso3"],
        "country_name": listed["name"],
        "status": listed["status"],
        "joined": _day(listed["joined"]),
        "first_joined": _day(listed["first_joined"]),
        "withdrawn": _day(listed["withdrawn"]),
        "rejoined": listed["joined"] != listed["first_joined"],
        "last_changed": snap.changed.get(iso2),
        "next_due": {"title": _cycle_title(snap, next_due["cycle"]), "due": _day(next_due["due"])}
        if next_due else None,
        "overdue": [r for r in record if r["status"] == OVERDUE],
        "history": history,
        "record": record,
        "legend": LEGEND,
        "meetings": [{"title": m["title"], "starts": _day(m["starts"]), "path": urls.session(m["slug"])}
                     for m in listed["meetings"]],
        "data_path": urls.member_data(iso2),
        "calendar_path": urls.member_calendar(iso2),
        "contact": contact(snap.settings.contact),
        "generic_contact": GENERIC_CONTACT,
    }


def contact(text: str) -> dict[str, str] | None:
    """The secretariat's contact setting, linked only when it is a web or e-mail address."""
    text = text.strip()
    if not text:
        return None
    if re.fullmatch(r"https?://\S+", text):
        return {"text": text, "href": text}
    if re.fullmatch(r"[^@\s:/]+@[^@\s:/]+\.[^@\s:/]+", text):
        return {"text": text, "href": f"mailto:{text}"}
    return {"text": text, "href": ""}


def _cycle_title(snap: Snapshot, slug: str) -> str:
    return next((c.title for c in snap.cycles if c.slug == slug), slug)


def report_matrix(snap: Snapshot) -> dict[str, Any]:
    """The matrix of countries by cycles, newest cycle first: the cycles a reader asks about
    first (the latest, the next due) are the ones a narrow screen shows without scrolling."""
    rows: list[dict[str, Any]] = []
    for s in snap.standings:
        record = snap.records.get(s.iso2)
        cells = [
            {"status": o.status, "label": o.label, "symbol": SYMBOLS[o.status],
             "received": o.report.received if o.report else None, "cycle": o.cycle.slug}
            for o in (record.obligations if record else [])
        ]
        rows.append({"iso2": s.iso2, "name": s.name, "path": urls.member(s.iso2), "cells": cells})
    totals = [
        {"cycle": c.slug, "overdue": sum(1 for r in rows if r["cells"][i]["status"] == OVERDUE)}
        for i, c in enumerate(snap.cycles)
    ]
    for row in rows:
        row["cells"].reverse()
    return {"cycles": snap.cycles[::-1], "rows": rows, "legend": LEGEND, "totals": totals[::-1],
            "records_kept_since": snap.settings.records_kept_since,
            "first_due": snap.cycles[0].due if snap.cycles else None, "csv_path": urls.REPORTING_CSV}


def instrument_list(snap: Snapshot) -> dict[str, Any]:
    founding = snap.settings.founding_instrument
    return {"instruments": [
        {"slug": i.slug, "title": i.title, "adopted": i.adopted, "place": i.place,
         "issuer": i.issuer, "path": urls.instrument(i.slug), "founding": i.slug == founding,
         "count": len(snap.signatories[i.slug])}
        for i in snap.instruments
    ]}


def instrument_page(snap: Snapshot, docs: dict[str, Any], slug: str, root: str) -> dict[str, Any]:
    instrument = snap.instrument_by_slug[slug]
    doc = docs.get(f"instruments/{slug}.md")
    meeting = next((m for m, adopted in snap.adopted_at.items() if slug in adopted), None)
    return {
        "instrument": instrument,
        "founding": slug == snap.settings.founding_instrument,
        "summary": doc.html(root) if doc else None,
        "meeting": {"title": next(m.title for m in snap.meetings if m.slug == meeting),
                    "path": urls.session(meeting)} if meeting else None,
        "signatories": [
            {"country": country_link(snap, s.iso2), "kind": ACTION_LABELS.get(s.kind, s.kind),
             "joined": s.joined, "withdrawn": s.withdrawn, "status": s.status}
            for s in snap.signatories[slug]
        ],
    }


def _meeting_row(snap: Snapshot, m) -> dict[str, Any]:
    return {"meeting": m, "path": urls.session(m.slug), "host": country_link(snap, m.host),
            "attended": len(snap.attendees[m.slug])}


def session_list(snap: Snapshot) -> dict[str, Any]:
    return {
        "conferences": [_meeting_row(snap, m) for m in snap.meetings if m.kind == "conference"],
        "others": [_meeting_row(snap, m) for m in snap.meetings if m.kind != "conference"],
        "conference_by": snap.conference_due_by,
    }


def session_page(snap: Snapshot, docs: dict[str, Any], slug: str, root: str) -> dict[str, Any]:
    meeting = next(m for m in snap.meetings if m.slug == slug)
    outcome = docs[meeting.outcome] if meeting.outcome else None
    return dict(
        _meeting_row(snap, meeting),
        attendance=[{"heading": heading, "attendees": [country_link(snap, a.country) for a in entries]}
                    for role, heading in meetings.ROLES.items()
                    if (entries := [a for a in snap.attendees[slug] if a.role == role])],
        outcome=outcome.html(root) if outcome else None,
        instruments=[{"title": i.title, "path": urls.instrument(i.slug)}
                     for i in snap.instruments if i.slug in snap.adopted_at.get(slug, [])],
    )


def open_data(docs: dict[str, Any], root: str, snap: Snapshot) -> dict[str, Any]:
    files = [{"name": f"/{path}", "path": None if "<" in path else path, "format": form, "what": what}
             for path, form, what in opendata.FILES]
    return dict(prose(docs, "data.md", root), files=files, fields=opendata.MEMBER_FIELDS, data_as_of=snap.data_as_of,
                licence=opendata.licence(snap), contracts=opendata.contract_rows())
