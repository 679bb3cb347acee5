"""Ready-made data for each HTML page, so that templates only loop and print.

Each builder takes the registry snapshot, the prose and `root` (the page's
way back to the site's root, relative or absolute) and returns the
template's variables. Statuses and what is owed come from the snapshot,
which took them from the library; nothing here decides who is a member.

Every word a page shows is in the language in use while the builders run
(generator.py sets it for each page): messages are translated with `_` and
`ngettext` as the variables are made, and the English words kept in
module-level tables (here and in the library, marked with `N_`) are
translated where they are shown. Dates are written by rules/language.py.
"""

import re
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from typing import Any, Callable

from registry.reading import aims, meetings, names
from registry.reading.sentences import Told
from registry.reading.snapshot import Snapshot
from registry.rules import language, naming, terms
from registry.rules.cycle import (
    NO_RECORD,
    NOT_OWED,
    NOT_YET_DUE,
    OVERDUE,
    RECEIVED_LATE,
    RECEIVED_ON_TIME,
    STATUSES,
)
from registry.rules.language import N_, _, ngettext, word
from registry.site import chart, indicator_chart, opendata, rendering, urls, worldmap

#: A symbol for each report status, so that the matrix does not rely on colour.
SYMBOLS = {
    RECEIVED_ON_TIME: "✓",
    RECEIVED_LATE: "◔",
    OVERDUE: "✗",
    NOT_YET_DUE: "○",
    NOT_OWED: "–",
    NO_RECORD: "?",
}
#: Each status's symbol and words (in English: `legend()` gives them in the language in use).
LEGEND = [(status, SYMBOLS[status], label) for status, label in STATUSES.items()]

#: The tables of words below are English, and translated where a page shows them (`words`).
ACTION_LABELS = {
    "endorsement": N_("endorsed"),
    "signature": N_("signed"),
    "accession": N_("acceded"),
    "principles": N_("agreed on the principles"),
    "re-accession": N_("acceded again"),
    "withdrawal": N_("withdrew"),
}
EVIDENCE_LABELS = {
    "meeting": N_("at a meeting"),
    "letter": N_("by letter"),
    "note-verbale": N_("by note verbale"),
    "notification": N_("by notification"),
    "other": N_("other evidence"),
}

GENERIC_CONTACT = N_(
    "To ask for a correction, write to the alliance's secretariat, naming the entry "
    "and the document that shows the right value."
)


def legend() -> list[tuple[str, str, str]]:
    """Each report status, its symbol and its words, in the language in use."""
    return [(status, symbol, _(label)) for status, symbol, label in LEGEND]


@dataclass(frozen=True)
class Page:
    """An HTML page to write: its address, its template and how to fill it."""

    path: str
    template: str
    title: str
    build: Callable[[str], dict[str, Any]]
    in_sitemap: bool = True
    language: str = language.DEFAULT

    def in_language(self, code: str) -> "Page":
        """The page at its address for readers of `code` (French pages under fr/)."""
        return replace(self, path=urls.in_language(self.path, code), language=code)


def all_pages(snap: Snapshot, docs: dict[str, Any], markdown: dict | None = None) -> list[Page]:
    """Every registry page. (Pages and news in content/ are Pelican's own.) `markdown` is the
    site's Markdown settings, for the registry's own Markdown (decisions' texts)."""
    pages = [
        Page(urls.HOME, "home", _("Home"), lambda root: home(snap, docs, root)),
        Page(urls.MEMBERS, "members", _("Members"), lambda root: members(snap)),
        Page(urls.INSTRUMENTS, "instruments", _("Instruments"), lambda root: instrument_list(snap)),
        Page(urls.SESSIONS, "sessions", _("Conference sessions and meetings"),
             lambda root: session_list(snap)),
        Page(urls.REPORTS, "reports", _("Reporting record"), lambda root: report_matrix(snap)),
        Page(urls.DECISIONS, "decisions", _("Decisions of the sessions"), lambda root: decision_index(snap)),
        Page(urls.COMMITMENTS, "commitments", _("Commitments under the alliance's targets and goals"),
             lambda root: commitment_list(snap)),
        Page(urls.DATA, "data", _("Open data"), lambda root: open_data(docs, root, snap)),
        Page(urls.SEARCH, "search", _("Search"), lambda root: search()),
        Page(urls.NOT_FOUND, "404", _("Page not found"), lambda root: {}, in_sitemap=False),
    ]
    links = Links(snap)
    for standing in snap.standings:
        pages.append(Page(urls.member(standing.iso2), "country", standing.name,
                          lambda root, iso2=standing.iso2: dict(country(snap, iso2, links),  # type: ignore[misc]
                                                                search_names=search_names(snap, iso2))))
    for instrument in snap.instruments:
        pages.append(Page(urls.instrument(instrument.slug), "instrument", instrument.title,
                          lambda root, slug=instrument.slug: instrument_page(snap, docs, slug, root)))  # type: ignore[misc]
    for meeting in snap.meetings:
        pages.append(Page(urls.session(meeting.slug), "session", meeting.title,
                          lambda root, slug=meeting.slug: session_page(snap, docs, slug, root, markdown)))  # type: ignore[misc]
    for target in snap.targets:
        pages.append(Page(urls.commitment(target.slug), "commitment", target.title,
                          lambda root, slug=target.slug: commitment_page(snap, slug)))  # type: ignore[misc]
    pages += change_log_pages(snap) + members_on_pages(snap)
    return pages



def search() -> dict[str, Any]:
    """The search page: Pagefind's UI, and where to look without it."""
    return {
        "index_path": urls.SEARCH_INDEX,
        "elsewhere": [
            {"path": urls.MEMBERS, "title": _("The members list"),
             "what": _("every member and former member, by name")},
            {"path": urls.SESSIONS, "title": _("The conference sessions and meetings"),
             "what": _("what was decided where")},
            {"path": urls.REPORTS, "title": _("The reporting record"), "what": _("who has reported, cycle by cycle")},
            {"path": urls.CHANGES, "title": _("The change log"), "what": _("every change to the registry, by year")},
            {"path": urls.FEED, "title": _("The change feed"), "what": _("the same changes, as an Atom feed")},
            {"path": urls.DATA, "title": _("The open data"), "what": _("the whole registry as JSON and CSV")},
        ],
    }


def search_names(snap: Snapshot, iso2: str) -> str:
    """A country's other names and codes, for the search index of its page."""
    return ", ".join(names.country_names(iso2, snap.naming.name(iso2)))


def prose(docs: dict[str, Any], source: str, root: str) -> dict[str, Any]:
    doc = docs.get(source)
    return {"prose": doc.html(root) if doc else None}


def country_link(snap: Snapshot, iso2: str | None) -> dict[str, Any] | None:
    """A country's name, with its page's address when it has one."""
    if not iso2:
        return None
    return {"iso2": iso2, "name": snap.naming.name(iso2),
            "path": urls.member(iso2) if snap.has_page(iso2) else None}


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
        "next_conference_path": urls.session(snap.next_conference.slug) if snap.next_conference else None,
        "conference_by": snap.conference_due_by,
        "changes": told_rows(snap, snap.told[:8]),
        "changes_path": urls.CHANGES,
        "year_ends": year_end_links(snap),
        "data_as_of": snap.data_as_of,
        "latest_session": latest_decisions(snap),
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
            "sort_name": naming.sort_key(s.name),
            "names": filter_names(snap, s.iso2, s.name),
            "path": urls.member(s.iso2),
            "joined": s.joined,
            "first_joined": s.first_joined,
            "withdrawn": s.withdrawn,
            "status": s.status,
            "status_label": _("member") if s.status == "member" else _("former member"),
            "kind": word(ACTION_LABELS, s.kind),
            "latest_report": {
                "cycle": latest.cycle.slug, "received": latest.report.received, "label": latest.label,
                "timing": _("late") if latest.status == RECEIVED_LATE else _("on time"),
            } if latest and latest.report else None,
        })
    return {"rows": rows, "member_count": len(snap.members),
            "former_count": len(snap.standings) - len(snap.members),
            "map": member_map(snap), "year_ends": year_end_links(snap),
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
        self.corrections = corrections_by_country(snap)


def country(snap: Snapshot, iso2: str, links: Links) -> dict[str, Any]:
    """One country's listing (listing.country_record), with dates and labels for reading."""
    listed = snap.listings[iso2]
    history = [
        {
            "id": a["id"],
            "date": _day(a["date"]),
            "kind": word(ACTION_LABELS, a["kind"]),
            "is_withdrawal": a["kind"] == "withdrawal",
            "instrument": links.instruments[a["instrument"]],
            "evidence": word(EVIDENCE_LABELS, a["evidence"]),
            "meeting": links.meetings[a["meeting"]] if a["meeting"] else None,
            "source": a["source"],
            "note": a["note"],
            "written_as": written_as(snap, a, listed["name"]),
            "citation": citation(snap, "entry", a["id"]),
        }
        for a in listed["history"]
    ]
    record = [
        {"title": _cycle_title(snap, r["cycle"]), "cycle": r["cycle"], "due": _day(r["due"]),
         "status": r["status"], "label": word(STATUSES, r["status"]), "symbol": SYMBOLS[r["status"]],
         "received": _day(r["received"]), "url": r["url"], "source": r["source"], "entry": r["report_id"],
         "citation": citation(snap, "report", r["report_id"]) if r["report_id"] else None}
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
        "legend": legend(),
        "meetings": [{"title": m["title"], "starts": _day(m["starts"]), "path": urls.session(m["slug"]),
                      "role": word(ROLE_WORDS, m["role"]), "source": m["source"], "entry": m["entry"],
                      "citation": citation(snap, "attendance", m["entry"])}
                     for m in listed["meetings"]],
        "names": names_of(snap, iso2, listed["name"]),
        "corrections": links.corrections.get(iso2, []),
        "data_path": urls.member_data(iso2),
        "calendar_path": urls.member_calendar(iso2),
        "changes_path": urls.changes_of(iso2),
        "contact": contact(snap.settings.contact),
        "generic_contact": _(GENERIC_CONTACT),
        "commitments": country_commitments(snap, iso2),
        "commitments_path": urls.COMMITMENTS,
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
    return {"cycles": snap.cycles[::-1], "rows": rows, "legend": legend(), "totals": totals[::-1],
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
        "kind_words": word(INSTRUMENT_WORDS, instrument.kind),
        "founding": slug == snap.settings.founding_instrument,
        "summary": doc.html(root) if doc else None,
        "meeting": {"title": next(m.title for m in snap.meetings if m.slug == meeting),
                    "path": urls.session(meeting)} if meeting else None,
        "signatories": [
            {"country": country_link(snap, s.iso2), "kind": word(ACTION_LABELS, s.kind),
             "joined": s.joined, "withdrawn": s.withdrawn, "status": s.status}
            for s in snap.signatories[slug]
        ],
    }


#: Each status of a meeting, in words.
MEETING_STATUS_WORDS = {"scheduled": N_("scheduled"), "held": N_("held"), "cancelled": N_("cancelled")}


def _meeting_row(snap: Snapshot, m) -> dict[str, Any]:
    return {"meeting": m, "path": urls.session(m.slug), "host": country_link(snap, m.host),
            "status_words": word(MEETING_STATUS_WORDS, m.status),
            "attended": len(snap.attendees[m.slug]), "outcome_words": outcome_words(snap, m)}


def session_list(snap: Snapshot) -> dict[str, Any]:
    return {
        "conferences": [_meeting_row(snap, m) for m in snap.meetings if m.kind == "conference"],
        "others": [_meeting_row(snap, m) for m in snap.meetings if m.kind != "conference"],
        "conference_by": snap.conference_due_by,
        "decisions_path": urls.DECISIONS,
    }


def session_page(snap: Snapshot, docs: dict[str, Any], slug: str, root: str,
                 markdown: dict | None = None) -> dict[str, Any]:
    meeting = next(m for m in snap.meetings if m.slug == slug)
    outcome = docs[meeting.outcome] if meeting.outcome else None
    return dict(
        _meeting_row(snap, meeting),
        attendance=[{"heading": _(heading), "attendees": [country_link(snap, a.country) for a in entries]}
                    for role, heading in meetings.ROLES.items()
                    if (entries := [a for a in snap.attendees[slug] if a.role == role])],
        outcome=rendering.outcome(outcome, root) if outcome else None,
        outcome_title=outcome.title if outcome else None,
        decisions=decision_rows(snap, slug, markdown or {}),
        documents=document_rows(snap, slug),
        decisions_path=urls.DECISIONS,
        instruments=[{"title": i.title, "path": urls.instrument(i.slug)}
                     for i in snap.instruments if i.slug in snap.adopted_at.get(slug, [])],
    )


def open_data(docs: dict[str, Any], root: str, snap: Snapshot) -> dict[str, Any]:
    """The open-data page: each file and each field of members.json with what it holds, in the
    language in use (the files themselves are the registry's, in English)."""
    files = [{"name": f"/{path}", "path": None if "<" in path else path, "format": form, "what": _(what)}
             for path, form, what in opendata.FILES]
    fields = [(name, _(meaning)) for name, meaning in opendata.MEMBER_FIELDS]
    return dict(prose(docs, "data.md", root), files=files, fields=fields, data_as_of=snap.data_as_of,
                licence=opendata.licence(snap), contracts=opendata.contract_rows(), **data_links(snap))


# -- sessions, decisions, commitments ---------------------------------------------------------


#: A source that is a web address and nothing else, in the characters an address may hold
#: (RFC 3986): linked. Any other source is shown as text, quotes and all.
WEB_ADDRESS = re.compile(r"https?://[A-Za-z0-9._~:/?#@!$&'()*+,;=%-]+")


def source(text: str) -> dict[str, str]:
    """A source as pages show it: linked when it is a web address, else as written."""
    text = text.strip()
    return {"text": text, "href": text if WEB_ADDRESS.fullmatch(text) else ""}


def outcome_words(snap: Snapshot, meeting) -> str:
    """What a session left on record, in words: its decisions and its outcome document."""
    count = len(snap.decisions_by_meeting.get(meeting.slug) or [])
    if count and meeting.outcome:
        return ngettext("%(count)s decision and outcome document", "%(count)s decisions and outcome document",
                        count) % {"count": count}
    if count:
        return ngettext("%(count)s decision", "%(count)s decisions", count) % {"count": count}
    return _("outcome document") if meeting.outcome else _("none")


def decision_word(kind: str) -> str:
    """A kind of decision as a page names it: "Declaration", "Décision"."""
    found = terms.DECISION_WORDS.get(kind)
    return _(found).capitalize() if found else kind


def decision_rows(snap: Snapshot, slug: str, markdown: dict | None = None) -> list[dict[str, Any]]:
    """A session's decisions, each with its anchor; with `markdown` (the site's settings), its text."""
    links = {i.slug: {"title": i.title, "path": urls.instrument(i.slug)} for i in snap.instruments}
    return [
        {"number": d.number, "anchor": f"decision-{d.number}", "path": urls.decision(slug, d.number),
         "kind": decision_word(d.kind), "title": d.title,
         "text": rendering.render(d.text, markdown, top=4,
                                  label=_("%(kind)s %(number)s") % {"kind": decision_word(d.kind), "number": d.number})
         if markdown is not None and d.text.strip() else None,
         "instrument": links.get(d.instrument) if d.instrument else None,
         "source": source(d.source) if d.source.strip() else None}
        for d in snap.decisions_by_meeting.get(slug, [])
    ]


def document_rows(snap: Snapshot, slug: str) -> list[dict[str, Any]]:
    return [{"kind": word(meetings.DOCUMENT_WORDS, d.kind), "title": d.title, "dated": d.dated,
             "url": d.url} for d in snap.documents_by_meeting.get(slug, [])]


def latest_decisions(snap: Snapshot) -> dict[str, Any] | None:
    """The home page's view of the latest held session: what it decided, linked to each decision."""
    latest = meetings.latest_held(snap.meetings)
    if latest is None:
        return None
    return {"title": latest.title, "path": urls.session(latest.slug), "starts": latest.starts,
            "city": latest.city, "decisions": decision_rows(snap, latest.slug), "all_path": urls.DECISIONS}


def decision_index(snap: Snapshot) -> dict[str, Any]:
    """Every decision, grouped by session, the newest session first."""
    held = sorted((m for m in snap.meetings if m.slug in snap.decisions_by_meeting),
                  key=lambda m: (m.starts, m.slug), reverse=True)
    return {"sessions": [{"title": m.title, "path": urls.session(m.slug), "starts": m.starts, "city": m.city,
                          "anchor": f"session-{m.slug}", "decisions": decision_rows(snap, m.slug)} for m in held]}


#: Each kind of target, as the heading of its group.
TARGET_HEADINGS = {"policy-target": N_("Policy targets"), "operational-goal": N_("Operational goals")}


def target_word(kind: str) -> str:
    """A kind of target as a page names it: "Policy target", "Operational goal"."""
    found = terms.TARGET_WORDS.get(kind)
    return _(found).capitalize() if found else kind


def target_rows(snap: Snapshot) -> list[dict[str, Any]]:
    """The policy targets and operational goals, grouped by kind, with how many countries report."""
    return [
        {"kind": kind, "heading": word(TARGET_HEADINGS, kind), "column": target_word(kind), "anchor": kind + "s",
         "targets": [{"number": t.number, "title": t.title, "path": urls.commitment(t.slug),
                      "countries": snap.reporting_counts.get(t.slug, 0)}
                     for t in snap.targets if t.kind == kind]}
        for kind in aims.TARGET_WORDS
    ]


def commitment_list(snap: Snapshot) -> dict[str, Any]:
    reporting = len({c.country for c in snap.commitments})
    return {"groups": target_rows(snap),
            "reporting": ngettext("%(count)s country has reported so far.", "%(count)s countries have reported so far.",
                                  reporting) % {"count": reporting} if reporting
            else _("No country has reported a commitment yet.")}


def commitment_page(snap: Snapshot, slug: str) -> dict[str, Any]:
    """One target or goal: its text, what members reported under it cycle by cycle (the newest
    first), and its indicators against their target paths."""
    target = next(t for t in snap.targets if t.slug == slug)
    by_cycle: dict[str, list[dict[str, Any]]] = {}
    for c in snap.commitments:
        if c.target == slug:
            by_cycle.setdefault(c.cycle, []).append(
                {"country": country_link(snap, c.country), "text": c.text, "status": c.status,
                 "status_label": word(aims.STATUS_WORDS, c.status),
                 "source": source(c.source) if c.source.strip() else None})
    for reported in by_cycle.values():
        reported.sort(key=lambda entry: naming.sort_key(entry["country"]["name"]))  # "États-Unis" under E
    cycles = [{"slug": cycle, "title": _cycle_title(snap, cycle), "anchor": f"cycle-{cycle}", "commitments": reported}
              for cycle, reported in sorted(by_cycle.items(), reverse=True)]
    return {"target": target, "kind": target_word(target.kind),
            "source": source(target.source) if target.source.strip() else None,
            "cycles": cycles, "countries": snap.reporting_counts.get(slug, 0),
            "indicators": [indicator(m) for m in snap.measured if m.indicator.target == slug],
            "commitments_path": urls.COMMITMENTS}


def indicator(measured) -> dict[str, Any]:
    """An indicator's chart and the same figures as a table, each value with its source."""
    found = measured.indicator
    sources = {v.year: source(v.source) for v in measured.values}
    on_track = {True: _("yes"), False: _("no"), None: "—"}
    return {
        "slug": found.slug, "title": found.title, "unit": found.unit,
        "growth": indicator_chart.figure(found.growth_percent) if found.growth_percent is not None else None,
        "chart": indicator_chart.indicator_chart(measured.points, found.title, found.unit, found.growth_percent),
        "rows": [{"year": p.year, "value": indicator_chart.figure(p.value) or _("not recorded"),
                  "path": indicator_chart.figure(p.path) or "—", "on_track": on_track[p.on_track],
                  "source": sources.get(p.year)} for p in measured.points],
        "source": source(found.source) if found.source.strip() else None,
    }


def country_commitments(snap: Snapshot, iso2: str) -> list[dict[str, Any]]:
    """A country's commitments by target (in the targets' order), each cycle's newest first."""
    mine = snap.commitments_by_country.get(iso2, [])
    return [
        {"title": t.title, "kind": target_word(t.kind), "number": t.number,
         "path": urls.commitment(t.slug),
         "commitments": [{"cycle": c.cycle, "text": c.text, "status": c.status,
                          "status_label": word(aims.STATUS_WORDS, c.status),
                          "source": source(c.source) if c.source.strip() else None}
                         for c in sorted((c for c in mine if c.target == t.slug), key=lambda c: c.cycle, reverse=True)]}
        for t in snap.targets if any(c.target == t.slug for c in mine)
    ]


# -- change log, map, year-end members ----------------------------------------------------------


def told_rows(snap: Snapshot, told: list[Told], *, countries: bool = True) -> list[dict[str, Any]]:
    """Logged changes as the public reads them (reading/sentences.py), each with its anchor, and
    a link to the country's page when `countries`."""
    return [{"anchor": t.anchor, "at": t.at, "text": t.text, "reason": t.reason_text, "path": urls.change(t.id),
             "country": country_link(snap, t.country) if countries else None}
            for t in told]


def by_year(snap: Snapshot, told: list[Told], *, countries: bool = True) -> list[dict[str, Any]]:
    """Changes grouped by the year they were made, newest first (the log is newest first)."""
    years: dict[int, list[Told]] = {}
    for t in told:
        years.setdefault(t.year, []).append(t)
    return [{"year": year, "anchor": f"year-{year}", "entries": told_rows(snap, entries, countries=countries)}
            for year, entries in years.items()]


def change_log_pages(snap: Snapshot) -> list[Page]:
    """The change log (/changes/), and each country's part of it (/changes/fr/)."""
    pages = [Page(urls.CHANGES, "changes", _("Changes to the registry"), lambda root: change_log(snap))]
    mine: dict[str, list[Told]] = {}
    for t in snap.told:
        if t.country:
            mine.setdefault(t.country, []).append(t)
    for s in snap.standings:
        pages.append(Page(urls.changes_of(s.iso2), "changes", listing_changes(s.name),
                          lambda root, s=s: country_changes(snap, s, mine.get(s.iso2, []))))  # type: ignore[misc]
    return pages


def listing_changes(name: str) -> str:
    """The heading of a country's part of the change log."""
    return _("Changes to the listing of %(country)s") % {"country": name}


def change_log(snap: Snapshot) -> dict[str, Any]:
    return {"heading": _("Changes to the registry"), "years": by_year(snap, snap.told), "count": len(snap.told),
            "country": None, "log_path": None}


def country_changes(snap: Snapshot, standing, told: list[Told]) -> dict[str, Any]:
    return {"heading": listing_changes(standing.name), "years": by_year(snap, told, countries=False),
            "count": len(told), "country": {"name": standing.name, "path": urls.member(standing.iso2)},
            "log_path": urls.CHANGES}


def year_end_links(snap: Snapshot) -> list[dict[str, Any]]:
    """The year-end member lists (and today's), oldest first, each with its member count."""
    return [{"day": day, "path": urls.members_on(day), "count": len(found), "today": day == snap.today}
            for day, found in snap.members_on.items()]


def members_on_pages(snap: Snapshot) -> list[Page]:
    return [Page(urls.members_on(day), "members_on", _("Members on %(day)s") % {"day": language.long_date(day)},
                 lambda root, day=day: members_on(snap, day))  # type: ignore[misc]
            for day in snap.members_on]


def members_on(snap: Snapshot, day: date) -> dict[str, Any]:
    """Who was a member on `day`: the library's standings on that day (snapshot.members_on)."""
    return {
        "day": day, "today": day == snap.today, "count": len(snap.members_on[day]),
        "rows": [{"name": s.name, "iso2": s.iso2, "path": urls.member(s.iso2), "joined": s.joined,
                  "kind": word(ACTION_LABELS, s.kind)} for s in snap.members_on[day]],
        # the other dates without their counts: a page for a year's end changes only when that day's members do
        "year_ends": [{k: v for k, v in y.items() if k != "count"} for y in year_end_links(snap)],
    }


def member_map(snap: Snapshot) -> dict[str, Any]:
    """The members page's world map, and the members it cannot show, linked."""
    drawn = worldmap.world_map({s.iso2: s.status for s in snap.standings}, snap.naming.name)
    return {"map": drawn, "unmapped": [country_link(snap, iso2) for iso2 in drawn.unmapped]}


# -- names, citations and corrections on a country's page --------------------------------------

#: Where a country page's name comes from (Naming.authority), for its "Name" line. (On a page in
#: another language, the everyday name is that language's: the naming follows the language in use.)
AUTHORITY_WORDS = {"preferred": N_("the form the country asked the registry to use"),
                   "un": N_("the United Nations' short name"), "iso": N_("the ISO 3166 short name"),
                   "cldr": N_("its everyday English name (CLDR)")}
#: The document an action's source is, by its evidence ("as written in the letter: ...").
DOCUMENT_WORDS = {"letter": N_("letter"), "note-verbale": N_("note verbale"), "notification": N_("notification"),
                  "other": N_("source")}
#: The instrument an action taken at a meeting is written in, by the instrument's kind.
INSTRUMENT_WORDS = {"declaration": N_("declaration"), "joint-statement": N_("joint statement"),
                    "joint-declaration": N_("joint declaration"), "convention": N_("convention"),
                    "protocol": N_("protocol"), "resolution": N_("resolution"), "other": N_("instrument")}
#: In what role a country attended, in words.
ROLE_WORDS = terms.ROLE_WORDS
#: The anchor of each kind of entry on a country page: #entry-43, #report-5, #attendance-12.
ANCHORS = {"entry": "entry", "report": "report", "attendance": "attendance"}


def filter_names(snap: Snapshot, iso2: str, shown: str) -> str:
    """Every name and code the members filter matches a row by: the name shown, the UN's, former
    names and the names documents use (reading/names.py), folded (no accents, lower case)."""
    found = [shown, *names.country_names(iso2, shown)]
    return "|".join(dict.fromkeys(naming.sort_key(name) for name in found))


def names_of(snap: Snapshot, iso2: str, shown: str) -> dict[str, Any]:
    """Where the page's name comes from, and the names the country had before (with their dates)."""
    return {
        "by": _(AUTHORITY_WORDS[snap.naming.authority(iso2)]),
        "former": [{"name": change.former, "until": change.date, "source": change.source}
                   for change in snap.naming.changes(iso2) if change.former != shown],
    }


def written_as(snap: Snapshot, action: dict[str, Any], shown: str) -> dict[str, str] | None:
    """The country's name as the action's document wrote it, where it differs from the name shown."""
    text = action["written_as"]
    if not text or naming.sort_key(text) == naming.sort_key(shown):
        return None
    if action["evidence"] == "meeting":
        kind = snap.instrument_by_slug[action["instrument"]].kind
        document = INSTRUMENT_WORDS.get(kind, kind)
    else:
        document = DOCUMENT_WORDS.get(action["evidence"], "source")
    return {"document": _(document), "name": text}


#: How to cite each kind of entry: the button's words, and the words before the page's address.
CITE_LABELS = {"entry": N_("Cite entry %(number)s"), "report": N_("Cite report %(number)s"),
               "attendance": N_("Cite attendance %(number)s")}
CITE_TEXTS = {"entry": N_("%(who)s registry, entry %(number)s, as of %(day)s"),
              "report": N_("%(who)s registry, report %(number)s, as of %(day)s"),
              "attendance": N_("%(who)s registry, attendance %(number)s, as of %(day)s")}


@lru_cache(maxsize=None)
def _long_date(day: date, code: str) -> str:
    # Every citation on a large registry's pages names the same day, in one language or another.
    return language.long_date(day)


def citation(snap: Snapshot, kind: str, entry: int) -> dict[str, str]:
    """How to cite one fact of a country's page: its anchor, and the words before the page's
    address ("Global Alliance registry, entry 43, as of 1 June 2025")."""
    who = snap.settings.short_name or snap.settings.name
    day = _long_date(snap.today, language.current())
    return {"anchor": f"{ANCHORS[kind]}-{entry}", "label": _(CITE_LABELS[kind]) % {"number": entry},
            "text": _(CITE_TEXTS[kind]) % {"who": who, "number": entry, "day": day}}


def corrections_by_country(snap: Snapshot) -> dict[str, list[dict[str, Any]]]:
    """Each country's corrections, retractions and undoings of its entries, newest first (as the
    log is), in the public's words (reading/sentences.py), with the reason given."""
    found: dict[str, list[dict[str, Any]]] = {}
    for told in snap.told:
        if told.country and told.topic == "corrections":
            found.setdefault(told.country, []).append(
                {"at": told.at, "text": told.text, "reason": told.reason_text, "path": urls.change(told.id)})
    return found


# -- releases and quality ----------------------------------------------------------------------

#: At most this many entries of one quality measure are listed on /data/quality/ (all are counted;
#: `registry check --completeness` lists them all).
LISTED_AT_MOST = 500
#: Each release's files, with what each holds.
RELEASE_FILES = [
    ("registry.json", N_("The public registry as released, byte for byte: it never changes.")),
    ("registry.schema.json", N_("The schema the release is valid against: that of its layout's version.")),
    ("changes.json", N_("What changed since the previous release, list by list, with each entry before and after.")),
    ("changes.schema.json", N_("The schema of changes.json.")),
]
#: The lists of the public registry (registry.json), in words, as a release's page counts them.
LIST_WORDS = {"alliance": N_("alliance"), "instruments": N_("instruments"), "meetings": N_("meetings"),
              "targets": N_("targets"), "indicators": N_("indicators"), "actions": N_("actions"),
              "attendance": N_("attendance"), "decisions": N_("decisions"), "documents": N_("documents"),
              "reports": N_("reports"), "commitments": N_("commitments"), "indicator_values": N_("indicator values"),
              "country_names": N_("country names")}


def data_pages(snap: Snapshot, base: str) -> list[Page]:
    """The releases of the public data and the quality of the record; `base` is the site's
    address, which a release's citation names."""
    found = [Page(urls.RELEASES, "release_index", _("Releases of the open data"), lambda root: release_index(snap)),
             Page(urls.QUALITY, "quality", _("Quality of the record"), lambda root: quality_page(snap))]
    for release in snap.releases:
        found.append(Page(urls.release(release.number), "release",
                          _("Release %(number)s of the open data") % {"number": release.number},
                          lambda root, r=release: release_page(snap, r, base)))  # type: ignore[misc]
    return found


def release_row(release) -> dict[str, Any]:
    return {"number": release.number, "path": urls.release(release.number), "released": release.released_at.date(),
            "note": release.note, **release.counts}


def release_index(snap: Snapshot) -> dict[str, Any]:
    return {"releases": [release_row(r) for r in reversed(snap.releases)], "data_path": urls.DATA,
            "quality_path": urls.QUALITY, "datapackage_path": urls.DATAPACKAGE}


def release_page(snap: Snapshot, release, base: str) -> dict[str, Any]:
    """A release: its note, what changed since the previous one (in words, and counted list by
    list), its files and how to cite it."""
    told = {t.id: t for t in snap.told}
    logged = [told[c["id"]] for c in reversed(release.log) if c["id"] in told]
    following = next((r for r in snap.releases if r.previous is release), None)
    return {
        "release": release_row(release),
        "previous": release_row(release.previous) if release.previous else None,
        "next": release_row(following) if following else None,
        "changes": told_rows(snap, logged),
        "lists": [{"name": _(LIST_WORDS[name]) if name in LIST_WORDS else name.replace("_", " "),
                   **{kind: len(found[kind]) for kind in found}}
                  for name, found in release.differences.items() if any(found.values()) and name != "changes"],
        "files": [{"name": name, "path": urls.release_file(release.number, name), "what": _(what)}
                  for name, what in RELEASE_FILES],
        "version": release.document.get("version"),
        "size": language.number(len(release.text.encode("utf-8"))),
        "digest": release.digest,
        "citation": release_citation(release, base),
        "index_path": urls.RELEASES,
    }


def release_citation(release, base: str) -> str:
    """One line that cites a release: who published it, its number and date, and its address."""
    settings = release.document.get("alliance") or {}
    who = settings.get("short_name") or settings.get("name") or "Alliance"
    return _("%(who)s registry, release %(number)s of the open data, %(day)s, %(address)s") % {
        "who": who, "number": release.number, "day": language.long_date(release.released_at.date()),
        "address": f"{base}/{urls.release_file(release.number, 'registry.json')}"}


def quality_page(snap: Snapshot) -> dict[str, Any]:
    """What `registry check --completeness` finds, each entry linked to its page."""
    found = snap.quality
    return {
        "problems": [{"where": p.where, "message": p.message} for p in found.problems] if found else [],
        "measures": [{"key": m.key, "title": m.title, "advice": m.advice, "count": m.count,
                      "entries": [{"text": e.text, "path": _entry_path(snap, e)} for e in m.entries[:LISTED_AT_MOST]],
                      "unlisted": max(m.count - LISTED_AT_MOST, 0)}
                     for m in (found.measures if found else [])],
        "reports_path": urls.REPORTS,
        "releases_path": urls.RELEASES,
    }


def _entry_path(snap: Snapshot, entry) -> str | None:
    if entry.country:
        return urls.member(entry.country) if snap.has_page(entry.country) else None
    if entry.meeting:
        return urls.session(entry.meeting)
    return urls.REPORTS if entry.cycle else None


def data_links(snap: Snapshot) -> dict[str, Any]:
    """The open-data page's links to the releases and the quality page."""
    latest = snap.releases[-1] if snap.releases else None
    return {"releases_path": urls.RELEASES, "quality_path": urls.QUALITY, "datapackage_path": urls.DATAPACKAGE,
            "latest_release": release_row(latest) if latest else None}
