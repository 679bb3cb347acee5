"""The change feed, the calendars (the alliance's and each country's), the sitemap and robots.txt.

All four need absolute addresses (`base`, the public URL) and must be
byte-stable: dates come from the registry, never from the clock, and every
identifier is derived from an entry's id or slug.
"""

import html
import io
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

import feedgenerator
from pelican.writers import Writer as PelicanWriter

from registry.reading.snapshot import Snapshot
from registry.rules import countries
from registry.rules.cycle import NOT_OWED
from registry.site import urls

FEED_SIZE = 100


def _utc(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def changes_atom(snap: Snapshot, base: str) -> str:
    """The change log as Atom: titles are text, summaries are escaped HTML."""
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
    if not snap.changes:
        # feedgenerator dates an empty feed with the clock; keep the file byte-stable.
        feed.latest_post_date = lambda: datetime(2012, 12, 5, tzinfo=UTC)
    for change in snap.changes[:FEED_SIZE]:
        link = urls.member(change.country) if snap.has_page(change.country) else urls.HOME
        text = change.summary + (f" Reason: {change.reason}" if change.reason else "")
        feed.add_item(
            title=change.summary or change.what,
            link=f"{base}/{link}",
            description=html.escape(text, quote=False),
            unique_id=f"tag:{domain},{change.at:%Y-%m-%d}:change-{change.id}",
            pubdate=_utc(change.at),
            updateddate=_utc(change.at),
            categories=[change.what],
        )
    out = io.StringIO()
    feed.write(out, "utf-8")
    return out.getvalue() + "\n"


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
    name = countries.name(iso2)
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
                   status="CANCELLED" if meeting.status == "cancelled" else "CONFIRMED")
            for meeting in snap.meetings]


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


def _event(uid, stamp, first, last, summary, link, location, status="CONFIRMED"):
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
    return event


def sitemap_xml(paths: list[str], base: str) -> str:
    lines = ['<?xml version="1.0" encoding="utf-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    lines += [f"  <url><loc>{html.escape(f'{base}/{path}')}</loc></url>" for path in sorted(paths)]
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def robots_txt(base: str) -> str:
    return f"User-agent: *\nAllow: /\n\nSitemap: {base}/{urls.SITEMAP}\n"


class Writer(PelicanWriter):
    """Pelican's writer, whose news feed (feeds/news.atom) is written like the change feed.

    A feed's addresses must be absolute, but Pelican makes them from SITEURL, which is
    empty while pages link relatively (pelicanconf.py): its entries would point under
    feeds/. They are made from FEED_DOMAIN, the public address, instead. A feed with no
    entries is not written (the theme links to it only when there is news): Pelican would
    date it with the clock, and the same registry would not make the same site.
    """

    def write_feed(self, elements, context, path=None, url=None, *args, **kwargs):
        if path and not elements:
            return None
        domain = (context.get("FEED_DOMAIN") or "").rstrip("/")
        if not domain or context.get("SITEURL"):
            return super().write_feed(elements, context, path, url, *args, **kwargs)
        # An entry's summary is made with the links of the page being written (Pelican keeps
        # it in the shared context): absolute ones while the feed is written.
        saved = context.get("localsiteurl")
        context["localsiteurl"] = domain
        try:
            return super().write_feed(elements, dict(context, SITEURL=domain), path, url, *args, **kwargs)
        finally:
            context["localsiteurl"] = saved
