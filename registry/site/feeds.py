"""The change feed, the calendars (the alliance's and each country's), the sitemap and robots.txt.

All four need absolute addresses (`base`, the public URL) and must be
byte-stable: dates come from the registry, never from the clock, and every
identifier is derived from an entry's id or slug.
"""

import html
import io
from collections import Counter
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

import feedgenerator

from registry.reading import meetings
from registry.reading.snapshot import Snapshot
from registry.rules.cycle import NOT_OWED
from registry.site import urls

FEED_SIZE = 100


def _utc(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def changes_atom(snap: Snapshot, base: str) -> str:
    """The change log as Atom, in the words of the site's change log (reading/sentences.py): the
    title is the sentence, as text; the summary is the sentence and its reason, as escaped HTML;
    the category says what part of the record changed."""
    domain = urlsplit(base).hostname or "localhost"
    feed = feedgenerator.Atom1Feed(
        title=f"{snap.settings.name}: registry changes",
        link=f"{base}/",
        description="Every change to the public registry, newest first.",
        language="en",
        feed_url=f"{base}/{urls.FEED}",
        feed_guid=f"tag:{domain},2012:registry-changes",
        author_name="The secretariat",
    )
    if not snap.told:
        # feedgenerator dates an empty feed with the clock; keep the file byte-stable.
        feed.latest_post_date = lambda: datetime(2012, 12, 5, tzinfo=UTC)
    for change in snap.told[:FEED_SIZE]:
        shown = change.country if change.country and snap.has_page(change.country) else None
        link = _outcome_link(snap, change) or (urls.member(shown) if shown else urls.change(change.id))
        text = " ".join(filter(None, (change.text, change.reason_text)))
        feed.add_item(
            title=change.text,
            link=f"{base}/{link}",
            description=html.escape(text, quote=False),
            unique_id=f"tag:{domain},{change.at:%Y-%m-%d}:change-{change.id}",
            pubdate=_utc(change.at),
            updateddate=_utc(change.at),
            categories=[change.topic],
        )
    out = io.StringIO()
    feed.write(out, "utf-8")
    return out.getvalue() + "\n"


def _outcome_link(snap: Snapshot, change) -> str | None:
    """Where a change to a session's decision or document is shown: the decision itself, or the
    session's page (None for other changes, and for entries since retracted)."""
    if change.entity == "decision":
        found = next((d for d in snap.decisions if d.id == change.entity_id), None)
        return urls.decision(found.meeting, found.number) if found else None
    if change.entity == "document":
        found = next((d for d in snap.documents if d.id == change.entity_id), None)
        return urls.session(found.meeting) if found else None
    return None


def calendar_ics(snap: Snapshot, base: str) -> bytes:
    """Report due dates and meetings as all-day iCalendar events.

    Each event is stamped with the last change to what the calendar shows, not
    to the whole registry, so that an accession or a report leaves the file,
    and every subscriber's copy, as it was.
    """
    domain = urlsplit(base).hostname or "localhost"
    stamp = _stamp(snap.calendar_as_of)
    short = snap.settings.short_name or snap.settings.name
    reports = [_event(f"report-{due.slug}@{domain}", stamp, due.due, due.due, f"{short}: {due.title}",
                      f"{base}/{urls.REPORTS}", "")
               for due in snap.cycles]
    return _calendar(f"{snap.settings.name}: reports and sessions", reports + _meetings(snap, base, domain))


def country_calendars(snap: Snapshot, base: str, participation: dict[str, datetime]) -> dict[str, bytes]:
    """Each country's calendar (beside its JSON), by ISO code: the reports it owes and the
    alliance's meetings. `participation` holds when each country's participation last changed.

    The meetings are the alliance calendar's own events (same identifiers, same stamp), so
    that a subscriber to both sees each once; they are the same in every country's calendar,
    so they are made and written out once (a large registry has 200 calendars).
    """
    domain = urlsplit(base).hostname or "localhost"
    meetings = b"".join(event.to_ical() for event in _meetings(snap, base, domain))
    return {iso2: _country_calendar(snap, iso2, base, domain, participation.get(iso2), meetings)
            for iso2 in snap.listings}


def _country_calendar(snap: Snapshot, iso2: str, base: str, domain: str, changed: datetime | None,
                      meetings: bytes) -> bytes:
    """One country's calendar. Its reports are stamped with the last change to the cycle
    settings or to its participation, which decide what it owes."""
    stamp = _stamp(max(filter(None, (snap.calendar_as_of, changed)), default=None))
    name = snap.naming.name(iso2)
    record = snap.records.get(iso2)
    owed = [o.cycle for o in (record.obligations if record else []) if o.status != NOT_OWED]
    reports = [_event(f"report-{due.slug}-{iso2.lower()}@{domain}", stamp, due.due, due.due,
                      f"{name}: {due.title}", f"{base}/{urls.member(iso2)}", "")
               for due in owed]
    short = snap.settings.short_name or snap.settings.name
    written = _calendar(f"{short}: {name}, reports and sessions", reports)
    return written.removesuffix(_END) + meetings + _END


def _stamp(moment: datetime | None) -> datetime:
    return _utc(moment) if moment else datetime(2012, 12, 5, tzinfo=UTC)


def _meetings(snap: Snapshot, base: str, domain: str) -> list:
    """The alliance's meetings as events, stamped with the last change to the alliance's calendar."""
    stamp = _stamp(snap.calendar_as_of)
    return [_event(f"session-{meeting.slug}@{domain}", stamp, meeting.starts, meeting.ends, meeting.title,
                   f"{base}/{urls.session(meeting.slug)}", meeting.city,
                   status="CANCELLED" if meeting.status == "cancelled" else "CONFIRMED",
                   description=_adopted(snap, meeting))
            for meeting in snap.meetings]


def _adopted(snap: Snapshot, meeting) -> str:
    """What a held session adopted, counted by kind in words, for its event's description."""
    if meeting.status != "held":
        return ""
    kinds = Counter(d.kind for d in snap.decisions_by_meeting.get(meeting.slug, []))
    if not kinds:
        return "Held; no decision of this session is recorded."
    counted = [f"{n} {words.lower()}{'s' if n != 1 else ''}" for kind, words in meetings.DECISION_WORDS.items()
               if (n := kinds.pop(kind, 0))] + [f"{n} {kind}" for kind, n in sorted(kinds.items())]
    listed = ", ".join(counted[:-1]) + " and " + counted[-1] if len(counted) > 1 else counted[0]
    return f"Held; adopted {listed}."


_END = b"END:VCALENDAR\r\n"


def _calendar(name: str, events: list) -> bytes:
    import icalendar

    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//alliance-registry//public site//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    for event in events:
        calendar.add_component(event)
    return calendar.to_ical()


def _event(uid, stamp, first, last, summary, link, location, status="CONFIRMED", description=""):
    import icalendar

    event = icalendar.Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", first)
    event.add("dtend", last + timedelta(days=1))  # all-day events end the next day
    event.add("summary", summary)
    event.add("url", link)
    event.add("status", status)
    if location:
        event.add("location", location)
    if description:
        event.add("description", description)
    return event


def sitemap_xml(paths: list[str], base: str) -> str:
    lines = ['<?xml version="1.0" encoding="utf-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    lines += [f"  <url><loc>{html.escape(f'{base}/{path}')}</loc></url>" for path in sorted(paths)]
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def robots_txt(base: str) -> str:
    return f"User-agent: *\nAllow: /\n\nSitemap: {base}/{urls.SITEMAP}\n"
