"""Meetings: the alliance's conference sessions and the other meetings on record.

A conference session is scheduled, attended, marked held, and pointed to its
outcome document: a Markdown page in the site's content folder.
"""

from datetime import date
from pathlib import Path

from sqlalchemy import event
from sqlmodel import Session, select

from registry.rules import clock, countries, entries, fields, terms
from registry.rules.errors import RegistryError
from registry.storage import files, location
from registry.storage.models import Attendance, Meeting
from registry.writing import changelog, countrynames


def find(session: Session, slug: str, *, where: str | None = None) -> Meeting:
    # What is not a slug names no meeting: the database is not asked (PostgreSQL refuses a NUL).
    found = session.exec(select(Meeting).where(Meeting.slug == slug)) if fields.is_slug(slug) else None
    meeting = found.first() if found is not None else None
    if meeting is None:
        raise RegistryError(
            f"no meeting {fields.shown(slug)}", where=where, hint="'registry session list' shows the meetings"
        )
    return meeting


def attendees(session: Session, slug: str) -> list[str]:
    query = select(Attendance.country).where(Attendance.meeting == slug)
    return sorted(session.exec(query), key=countries.name)


def schedule(
    session: Session,
    *,
    starts: str | date,
    ends: str | date | None = None,
    number: int | None = None,
    slug: str | None = None,
    title: str | None = None,
    city: str = "",
    host: str | None = None,
    kind: str = "conference",
    note: str = "",
    by: str | None = None,
) -> Meeting:
    """Schedule a conference session (numbered) or record another meeting."""
    if kind == "conference":
        if number is None or number < 1:
            raise RegistryError("a conference session needs a number of 1 or more",
                                hint="give --number, e.g. --number 1")
        number = entries.check("meeting", "number", number)
        if session.exec(select(Meeting).where(Meeting.number == number)).first():
            raise RegistryError(f"conference session {number} already exists",
                                hint="'registry session list' shows the sessions")
    elif kind == "meeting":
        number = None
    else:
        raise RegistryError(f"unknown kind {fields.shown(kind)}", hint="use conference or meeting")
    slug = fields.slug(slug or f"conference-{number}")
    if session.exec(select(Meeting).where(Meeting.slug == slug)).first():
        raise RegistryError(f"a meeting {slug!r} already exists", hint="choose another --slug")
    first = fields.parse_date(starts, "start date")
    last = fields.parse_date(ends, "end date") if ends else first
    if last < first:
        raise RegistryError(f"the end date {last} is before the start date {first}")
    meeting = Meeting(
        slug=slug,
        kind=kind,
        number=number,
        # A conference session is named by its number unless titled; another meeting needs a title.
        title=fields.line(f"Conference session {number}" if title is None and number else title, "title",
                          required=True),
        starts=first,
        ends=last,
        city=fields.line(city, "city"),
        host=countries.resolve(host).iso2 if host else None,
        note=fields.text(note, "note"),
    )
    session.add(meeting)
    session.flush()
    changelog.record(session, what="meeting.schedule", row=meeting, by=by, country=meeting.host,
                     summary=f"{meeting.title} scheduled for {first}" + (f" in {city}" if city else ""))
    return meeting


def attend(session: Session, slug: str, country: str, *, role: str | None = None, source: str = "",
           by: str | None = None) -> Attendance:
    """Record that a country attended a meeting: as a delegation unless `role` says otherwise
    (the European Union attends as an organisation)."""
    meeting = find(session, slug)
    iso2 = countries.resolve(country).iso2
    _refuse_not_begun(meeting)
    if session.exec(select(Attendance).where(
        Attendance.meeting == slug, Attendance.country == iso2)).first():
        raise RegistryError(f"{countrynames.name(session, iso2)} ({iso2}) is already recorded as attending {slug}")
    role = entries.check("attendance", "role", default_role(iso2) if role is None else role)
    attendance = Attendance(meeting=slug, country=iso2, role=role, source=entries.check("attendance", "source", source))
    session.add(attendance)
    session.flush()
    changelog.record(session, what="meeting.attend", row=attendance, by=by,
                     summary=f"{countrynames.name(session, iso2)} ({iso2}) attended {meeting.title} "
                             f"as {ROLE_WORDS[role]}")
    return attendance


#: Each role of attendance in words.
ROLE_WORDS = terms.ROLE_WORDS


def default_role(iso2: str) -> str:
    return "organisation" if iso2 in terms.ORGANISATIONS else "delegation"


def attend_many(session: Session, slug: str, names: list[str], *, role: str | None = None, source: str = "",
                by: str | None = None) -> tuple[list[Attendance], list[str]]:
    """Record the countries not yet recorded as attending; returns them, and the codes of
    those that already were (refused only when every one already was)."""
    meeting = find(session, slug)
    codes = list(dict.fromkeys(countries.resolve(name).iso2 for name in names))
    present = set(session.exec(select(Attendance.country).where(Attendance.meeting == slug)))
    already = [iso2 for iso2 in codes if iso2 in present]
    if codes and len(already) == len(codes):
        raise RegistryError(f"every country given is already recorded as attending {meeting.title}: "
                            + ", ".join(f"{countrynames.name(session, c)} ({c})" for c in already),
                            hint="'registry session list' and 'registry country CODE' show attendance")
    added = [attend(session, slug, iso2, role=role, source=source, by=by) for iso2 in codes if iso2 not in present]
    return added, already


def _refuse_not_begun(meeting: Meeting) -> None:
    if meeting.starts > clock.today():
        raise RegistryError(
            f"{meeting.title} has not begun (it starts on {meeting.starts})",
            hint="record attendance once the meeting has taken place",
        )


def cancel(session: Session, slug: str, *, reason: str, by: str | None = None) -> Meeting:
    """Cancel a scheduled meeting; the change log says why."""
    meeting = find(session, slug)
    if meeting.status != "scheduled":
        raise RegistryError(f"{meeting.title} is {meeting.status}, so it cannot be cancelled",
                            hint="only a scheduled meeting can be cancelled")
    return _update(session, meeting, "status", "cancelled", by, f"{meeting.title} cancelled",
                   what="meeting.cancel", reason=fields.reason(reason))


def postpone(session: Session, slug: str, *, starts: str | date, ends: str | date | None = None, reason: str,
             by: str | None = None) -> Meeting:
    """Move a scheduled meeting to later dates; logged as a postponement, not as a correction."""
    meeting = find(session, slug)
    why = fields.reason(reason)
    if meeting.status != "scheduled":
        raise RegistryError(f"{meeting.title} is {meeting.status}, so it cannot be postponed",
                            hint="only a scheduled meeting can be postponed")
    first = fields.parse_date(starts, "--starts")
    last = fields.parse_date(ends, "--ends") if ends else first + (meeting.ends - meeting.starts)
    if first <= meeting.starts:
        raise RegistryError(f"{first} is not after {meeting.starts}, when {meeting.title} was to start",
                            hint="a postponement moves a meeting later; to fix a mistaken date, use "
                                 f"'registry correct meeting {meeting.slug} starts=... --reason ...'")
    if last < first:
        raise RegistryError(f"the end date {last} is before the start date {first}")
    before = changelog.snapshot(meeting)
    was = meeting.starts
    meeting.starts, meeting.ends = first, last
    session.add(meeting)
    session.flush()
    changelog.record(session, what="meeting.postpone", row=meeting, by=by, before=before, reason=why,
                     country=meeting.host, summary=f"{meeting.title} postponed from {was} to {first}")
    return meeting


def mark_held(session: Session, slug: str, *, by: str | None = None) -> Meeting:
    meeting = find(session, slug)
    if meeting.starts > clock.today():
        raise RegistryError(f"{meeting.title} starts on {meeting.starts}, which is still to come",
                            hint="mark it held once it has taken place")
    if meeting.status == "held":
        raise RegistryError(f"{meeting.title} is already marked held")
    return _update(session, meeting, "status", "held", by, f"{meeting.title} marked held")


def set_outcome(session: Session, slug: str, path: str, *, by: str | None = None) -> Meeting:
    meeting = find(session, slug)
    relative = entries.check("meeting", "outcome", check_outcome_path(path))
    return _update(session, meeting, "outcome", relative, by,
                   f"outcome of {meeting.title}: {relative}")


#: An outcome document as `registry session outcome SLUG --new` starts it: Pelican's metadata
#: lines with the session's facts, then sections for the secretariat to write.
OUTCOME_TEMPLATE = """\
Title: Outcome of {title}
Session: {slug}
Date: {starts}
Ends: {ends}
{place}
## Summary

To be written: what the session discussed and agreed, in a few paragraphs.

## Decisions

To be written: the decisions and declarations in words. Each one recorded with
`registry session decide` is listed on the session's page, above this document.

## Next steps

To be written: what the members agreed to do next, and when the next session meets.
"""


def new_outcome(session: Session, slug: str, *, by: str | None = None) -> tuple[Meeting, Path]:
    """Start a session's outcome document (content/sessions/SLUG.md) from the template, with the
    session's facts, and point the session to it. The file is written only as the change is
    committed, so a dry run writes none; refused if the file exists."""
    meeting = find(session, slug)
    relative = entries.check("meeting", "outcome", f"sessions/{meeting.slug}.md")
    target = location.content_dir() / relative
    if target.exists():
        raise RegistryError(f"{target} already exists",
                            hint=f"edit it, and point the session to it with "
                                 f"'registry session outcome {meeting.slug} {relative}'")
    text = outcome_scaffold(session, meeting)
    # Written before the commit: a file that cannot be written leaves the registry as it was.
    event.listen(session, "before_commit", lambda _: _write_outcome(target, text), once=True)
    _update(session, meeting, "outcome", relative, by, f"outcome of {meeting.title}: {relative}, started")
    return meeting, target


def outcome_scaffold(session: Session, meeting: Meeting) -> str:
    host = countrynames.name(session, meeting.host) if meeting.host else ""
    place = ", ".join(filter(None, [meeting.city, host]))
    return OUTCOME_TEMPLATE.format(title=meeting.title, slug=meeting.slug, starts=meeting.starts,
                                   ends=meeting.ends, place=f"Place: {place}\n" if place else "")


def _write_outcome(target: Path, text: str) -> None:
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise RegistryError(f"cannot make the folder {target.parent}: {error.strerror}",
                            hint="check the content folder's permissions; nothing was written") from None
    files.write_new(target, lambda path: path.write_text(text, encoding="utf-8"))


def check_outcome_path(path: str) -> str:
    """An outcome document's path relative to the content folder, which must hold it."""
    base = location.content_dir()
    if not isinstance(path, str) or "\x00" in path:
        raise RegistryError(f"the outcome {fields.shown(path)} is not a file name",
                            hint="give a path such as sessions/conference-1.md")
    candidate = Path(path)
    if candidate.parts and candidate.parts[0] == base.name and not (base / candidate).exists():
        candidate = Path(*candidate.parts[1:])
    # The site reads outcome documents from content/sessions/ (site/generator.py PROSE).
    if candidate.is_absolute() or candidate.parts[:1] != ("sessions",) or ".." in candidate.parts \
            or candidate.suffix != ".md":
        raise RegistryError(
            f"the outcome {fields.shown(path)} is not a Markdown file inside {base / 'sessions'}/",
            hint="give a path such as sessions/conference-1.md",
        )
    if not (base / candidate).is_file():
        raise RegistryError(
            f"there is no file {base / candidate}",
            hint="write the outcome document first, then point the session to it",
        )
    return candidate.as_posix()


def _update(session, meeting: Meeting, attribute: str, value, by, summary, *, what: str | None = None,
            reason: str = "") -> Meeting:
    before = changelog.snapshot(meeting)
    setattr(meeting, attribute, value)
    session.add(meeting)
    session.flush()
    changelog.record(session, what=what or f"meeting.{attribute}", row=meeting, by=by, before=before,
                     country=meeting.host, summary=summary, reason=reason)
    return meeting
