"""Conference sessions and other meetings: scheduled, attended, held, with outcomes."""

from typing import Annotated

import typer

from registry.cli.base import (
    By,
    DryRun,
    Json,
    Note,
    Reason,
    Source,
    Yes,
    command,
    country_names,
    done,
    emit_json,
    out,
    session_app,
    table,
    write,
)
from registry.rules.errors import RegistryError

Slug = Annotated[str, typer.Argument(metavar="SLUG", help="The session's slug, e.g. conference-8.")]


@command(session_app, "schedule")
def session_schedule(
    starts: Annotated[str, typer.Option("--starts", metavar="YYYY-MM-DD", help="First day.")],
    number: Annotated[int | None, typer.Option("--number", help="The conference session's number.")] = None,
    ends: Annotated[str | None, typer.Option("--ends", metavar="YYYY-MM-DD", help="Last day (default: the first).")] = None,
    city: Annotated[str, typer.Option("--city", help="Where it meets.")] = "",
    host: Annotated[str | None, typer.Option("--host", help="Host country.")] = None,
    title: Annotated[str | None, typer.Option("--title", help="Title (default: Conference session N).")] = None,
    slug: Annotated[str | None, typer.Option("--slug", help="Short name for URLs (default: conference-N).")] = None,
    kind: Annotated[str, typer.Option("--kind", help="conference (a numbered session) or meeting.")] = "conference",
    note: Note = "",
    by: By = None,
    dry_run: DryRun = False,
    yes: Yes = False,
    as_json: Json = False,
) -> None:
    """Schedule a conference session (or record another meeting).

    Example: [bold]registry session schedule --number 1 --starts 2014-12-10 --ends 2014-12-11 --city Washington --host US[/]
    """
    from registry.writing import meetings

    meeting = write(lambda session: meetings.schedule(
        session, starts=starts, ends=ends, number=number, slug=slug, title=title, city=city, host=host,
        kind=kind, note=note, by=by), dry_run=dry_run, yes=yes, as_json=as_json)
    if meeting is not None:
        done(f"Scheduled {meeting.title} ({meeting.slug}) from {meeting.starts} to {meeting.ends} (entry {meeting.id}).",
             meeting.model_dump(mode="json"), as_json=as_json)


@command(session_app, "attend")
def session_attend(
    slug: Slug,
    countries_: Annotated[list[str], typer.Argument(metavar="COUNTRY...", help="Countries (or the EU) that attended.")],
    role: Annotated[str | None, typer.Option("--role", help="delegation (default), observer, or organisation (the EU's default).")] = None,
    source: Annotated[str, typer.Option("--source", help="Where the attendance is recorded: the list of participants, a report.")] = "",
    by: By = None,
    dry_run: DryRun = False,
    yes: Yes = False,
    as_json: Json = False,
) -> None:
    """Record who attended a session, and in what role. Countries already recorded are
    named and left as they are; the others are recorded.

    Example: [bold]registry session attend conference-1 FR DE "Republic of Korea" --source "list of participants"[/]
    """
    from registry.writing import meetings

    found = write(lambda session: meetings.attend_many(session, slug, countries_, role=role, source=source, by=by),
                  dry_run=dry_run, yes=yes, as_json=as_json)
    if found is None:
        return
    recorded, already = found
    name = country_names()
    message = f"Recorded attendance at {slug}: " + ", ".join(f"{name(a.country)} ({a.role})" for a in recorded) + "."
    if already:
        message += " Already recorded, left as they were: " + ", ".join(name(c) for c in already) + "."
    done(message, {"meeting": slug, "attendance": [a.model_dump(mode="json") for a in recorded],
                   "already_recorded": already}, as_json=as_json)


@command(session_app, "held")
def session_held(slug: Slug, by: By = None, dry_run: DryRun = False, yes: Yes = False, as_json: Json = False) -> None:
    """Mark a session as held.

    Example: [bold]registry session held conference-1[/]
    """
    from registry.writing import meetings

    meeting = write(lambda session: meetings.mark_held(session, slug, by=by), dry_run=dry_run, yes=yes, as_json=as_json)
    if meeting is not None:
        done(f"Marked {meeting.title} ({meeting.starts}) as held.", meeting.model_dump(mode="json"), as_json=as_json)


@command(session_app, "cancel")
def session_cancel(
    slug: Slug, reason: Reason, by: By = None, dry_run: DryRun = False, yes: Yes = False, as_json: Json = False
) -> None:
    """Cancel a scheduled session; the change log and the site say why.

    Example: [bold]registry session cancel conference-8 --reason "the host withdrew its invitation"[/]
    """
    from registry.writing import meetings

    meeting = write(lambda session: meetings.cancel(session, slug, reason=reason, by=by),
                    dry_run=dry_run, yes=yes, as_json=as_json)
    if meeting is not None:
        done(f"Cancelled {meeting.title} ({meeting.starts}).", meeting.model_dump(mode="json"), as_json=as_json)


@command(session_app, "postpone")
def session_postpone(
    slug: Slug,
    starts: Annotated[str, typer.Option("--starts", metavar="YYYY-MM-DD", help="The new first day.")],
    reason: Reason,
    ends: Annotated[str | None, typer.Option("--ends", metavar="YYYY-MM-DD", help="The new last day (default: as long as before).")] = None,
    by: By = None,
    dry_run: DryRun = False,
    yes: Yes = False,
    as_json: Json = False,
) -> None:
    """Move a scheduled session to later dates; logged as a postponement, not a correction.

    Example: [bold]registry session postpone conference-8 --starts 2027-03-02 --reason "postponed by the host"[/]
    """
    from registry.writing import meetings

    meeting = write(lambda session: meetings.postpone(session, slug, starts=starts, ends=ends, reason=reason, by=by),
                    dry_run=dry_run, yes=yes, as_json=as_json)
    if meeting is not None:
        done(f"Postponed {meeting.title}: now from {meeting.starts} to {meeting.ends}.",
             meeting.model_dump(mode="json"), as_json=as_json)


@command(session_app, "outcome")
def session_outcome(
    slug: Slug,
    path: Annotated[str | None, typer.Argument(metavar="PATH", help="The outcome document, a Markdown file in content/ (leave out with --new).")] = None,
    new: Annotated[bool, typer.Option("--new", help="Start content/sessions/SLUG.md from a template with the session's facts, and point the session to it.")] = False,
    by: By = None,
    dry_run: DryRun = False,
    yes: Yes = False,
    as_json: Json = False,
) -> None:
    """Point a session to its outcome document (Markdown in content/), or start one with --new.

    Example: [bold]registry session outcome conference-1 sessions/conference-1.md[/]
    """
    from registry.storage import location
    from registry.writing import meetings

    if new == (path is not None):
        raise RegistryError("give either the outcome document's PATH or --new",
                            hint=f"'registry session outcome {slug} --new' starts content/sessions/{slug}.md")
    if new:
        started = write(lambda session: meetings.new_outcome(session, slug, by=by),
                        dry_run=dry_run, yes=yes, as_json=as_json)
        if started is not None:
            begun, target = started
            done(f"Started the outcome of {begun.title} in {target}: write it there, then build the site.",
                 begun.model_dump(mode="json") | {"file": str(target)}, as_json=as_json)
        return
    meeting = write(lambda session: meetings.set_outcome(session, slug, str(path), by=by),
                    dry_run=dry_run, yes=yes, as_json=as_json)
    if meeting is not None:
        done(f"The outcome of {meeting.title} is {location.content_dir() / str(meeting.outcome)}.",
             meeting.model_dump(mode="json"), as_json=as_json)


@command(session_app, "decide")
def session_decide(
    slug: Slug,
    title: Annotated[str, typer.Option("--title", help="The decision's title.")],
    kind: Annotated[str, typer.Option("--kind", help="declaration, decision, statement or communique.")] = "decision",
    text: Annotated[str, typer.Option("--text", help="Its text, in Markdown.")] = "",
    number: Annotated[int | None, typer.Option("--number", help="Its number in the session (default: after the last).")] = None,
    instrument: Annotated[str | None, typer.Option("--instrument", metavar="SLUG", help="The instrument it adopted, if any.")] = None,
    source: Source = "",
    by: By = None,
    dry_run: DryRun = False,
    yes: Yes = False,
    as_json: Json = False,
) -> None:
    """Record a decision, declaration, statement or communiqué of a session.

    Example: [bold]registry session decide conference-1 --kind declaration --title "Washington declaration" --source "conference report, p. 3"[/]
    """
    from registry.writing import outcomes

    made = write(lambda session: outcomes.decide(session, slug, title=title, kind=kind, text=text, number=number,
                                                 instrument=instrument, source=source, by=by),
                 dry_run=dry_run, yes=yes, as_json=as_json)
    if made is not None:
        done(f"Recorded {outcomes.DECISION_WORDS[made.kind]} {made.number} of {slug}: {made.title} (entry {made.id}).",
             made.model_dump(mode="json"), as_json=as_json)


@command(session_app, "document")
def session_document(
    slug: Slug,
    title: Annotated[str, typer.Option("--title", help="The document's title.")],
    kind: Annotated[str, typer.Option("--kind", help="agenda, report, participants (the list of participants) or other.")] = "other",
    dated: Annotated[str | None, typer.Option("--date", metavar="YYYY-MM-DD", help="The document's date.")] = None,
    url: Annotated[str, typer.Option("--url", help="Where it is published.")] = "",
    by: By = None,
    dry_run: DryRun = False,
    yes: Yes = False,
    as_json: Json = False,
) -> None:
    """Record a document of a session: its agenda, report or list of participants.

    Example: [bold]registry session document conference-1 --kind agenda --title "Agenda" --date 2014-11-20 --url https://example.org/agenda.pdf[/]
    """
    from registry.writing import outcomes

    made = write(lambda session: outcomes.add_document(session, slug, title=title, kind=kind, dated=dated, url=url,
                                                       by=by), dry_run=dry_run, yes=yes, as_json=as_json)
    if made is not None:
        done(f"Recorded the {made.kind} document of {slug}: {made.title} (entry {made.id}).",
             made.model_dump(mode="json"), as_json=as_json)


@command(session_app, "show")
def session_show(slug: Slug, as_json: Json = False) -> None:
    """Show one session: its facts, attendance by role, decisions and documents, with entry ids.

    Example: [bold]registry session show brussels-launch-2012[/]
    """
    from registry.reading import meetings, naming
    from registry.storage import rows

    with rows.reading() as reader:
        name = naming.of(reader).name
        listed = meetings.meetings(reader)
        meeting = next((m for m in listed if m.slug == slug), None)
        if meeting is None:
            raise RegistryError(f"no meeting {slug!r}", hint="'registry session list' shows the meetings")
        attendance = meetings.attendees(reader, [meeting])[slug]
        decisions, documents = meetings.decisions(reader, slug), meetings.documents(reader, slug)
    if as_json:
        emit_json(rows.as_json(meeting) | {"attendance": [rows.as_json(a) for a in attendance],
                                           "decisions": [rows.as_json(d) for d in decisions],
                                           "documents": [rows.as_json(d) for d in documents]})
        return
    out.print(f"{meeting.title} ({meeting.slug}, entry {meeting.id}): {meeting.starts} to {meeting.ends}, "
              f"{meeting.city or 'place not recorded'}, {meeting.status}", markup=False)
    out.print(table("Attendance", ["entry", "country", "role", "source"],
                    [[a.id, f"{name(a.country)} ({a.country})", a.role, a.source] for a in attendance]))
    out.print(table("Decisions", ["entry", "no.", "kind", "title", "instrument"],
                    [[d.id, d.number, d.kind, d.title, d.instrument] for d in decisions]))
    out.print(table("Documents", ["entry", "kind", "date", "title", "url"],
                    [[d.id, d.kind, d.dated, d.title, d.url] for d in documents]))


@command(session_app, "list")
def session_list(as_json: Json = False) -> None:
    """List conference sessions and other meetings, oldest first.

    Example: [bold]registry session list --json[/]
    """
    from registry.reading import meetings
    from registry.storage import rows

    with rows.reading() as reader:
        listed = meetings.meetings(reader)
        attendance = meetings.attendees(reader, listed)
    found = [(m, attendance[m.slug]) for m in listed]
    if as_json:
        emit_json([rows.as_json(m) | {"attendance": [rows.as_json(e) for e in a]} for m, a in found])
        return
    out.print(table(None, ["entry", "slug", "kind", "starts", "ends", "city", "host", "status", "attended", "outcome"],
                    [[m.id, m.slug, m.kind, m.starts, m.ends, m.city, m.host, m.status, len(a), m.outcome]
                     for m, a in found]))
