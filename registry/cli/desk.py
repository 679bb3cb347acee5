"""Corrections, retractions, undo and the change log: the secretariat's desk."""

import json
from typing import Annotated, Any

import typer

from registry.cli.base import (
    By,
    DryRun,
    Json,
    Reason,
    Yes,
    app,
    command,
    done,
    emit_json,
    lines,
    out,
    shown,
    table,
    write,
)
from registry.rules.errors import RegistryError


def _pairs(assignments: list[str]) -> dict[str, str]:
    changes = {}
    for assignment in assignments:
        field, sep, value = assignment.partition("=")
        if not sep or not field:
            raise RegistryError(f"{assignment!r} is not FIELD=VALUE", hint="e.g. date=2013-01-05")
        changes[field.strip()] = value
    return changes


def _split(kind: str, words: list[str]) -> tuple[list[str], dict[str, str]]:
    """ENTRY... FIELD=VALUE...: the words that name the entry, and the corrections."""
    from registry.writing import corrections

    count = corrections.key_words(kind, words) if kind in corrections.NAMED_BY else 1
    key, changes = words[:count], _pairs(words[count:])
    if not key or any("=" in word for word in key):
        raise RegistryError("no entry named", hint="name it first, e.g. 'registry correct action 12 date=2013-01-05'")
    return key, changes


@command(app)
def correct(
    kind: Annotated[str, typer.Argument(help="action, report, instrument, meeting or attendance.")],
    words: Annotated[list[str], typer.Argument(metavar="ENTRY... FIELD=VALUE...", help="The entry (its id; a meeting's or instrument's slug; a report as COUNTRY CYCLE; an attendance as MEETING COUNTRY), then the corrected values.")],
    reason: Reason,
    by: By = None,
    dry_run: DryRun = False,
    yes: Yes = False,
    as_json: Json = False,
) -> None:
    """Correct an entry; shows it before and after, and asks first. The change log keeps the
    old values and the reason.

    Example: [bold]registry correct meeting conference-8 city=Brussels --reason "moved by the host"[/]
    """
    from registry.writing import corrections

    key, changes = _split(kind, words)

    def amend(session):  # the entry, and the correction as logged (its fields before and after)
        return corrections.correct(session, kind, key, changes, reason=reason, by=by), shown(session)[-1]

    found = write(amend, dry_run=dry_run, yes=yes, as_json=as_json, confirm=True)
    if found is not None:
        row, logged = found
        done(f"Corrected {kind} {row.id}: {corrections.describe(kind, row)}.\n" + "\n".join(lines([logged], [])[1:]),
             row.model_dump(mode="json"), as_json=as_json)


@command(app)
def retract(
    kind: Annotated[str, typer.Argument(help="action, report or attendance.")],
    key: Annotated[list[str], typer.Argument(metavar="ENTRY...", help="The entry: its id; a report as COUNTRY CYCLE; an attendance as MEETING COUNTRY.")],
    reason: Reason,
    by: By = None,
    dry_run: DryRun = False,
    yes: Yes = False,
    as_json: Json = False,
) -> None:
    """Retract an entry made in error; says which entry it is, and asks first. The change log
    keeps what it said.

    Example: [bold]registry retract attendance conference-7 FR --dry-run --reason "recorded for the wrong meeting"[/]
    """
    from registry.writing import corrections

    row = write(lambda session: corrections.retract(session, kind, key, reason=reason, by=by),
                dry_run=dry_run, yes=yes, as_json=as_json, confirm=True)
    if row is not None:
        what = corrections.describe(kind, row)
        done(f"Retracted {kind} {getattr(row, 'id', '')}: {what}.",
             {"retracted": kind, "entry": row.model_dump(mode="json"), "described": what}, as_json=as_json)


@command(app)
def undo(
    change: Annotated[int, typer.Argument(metavar="CHANGE", help="The change's id, as 'registry log' shows it.")],
    reason: Reason,
    by: By = None,
    dry_run: DryRun = False,
    yes: Yes = False,
    as_json: Json = False,
) -> None:
    """Undo one logged change by a new, logged change that reverts it; asks first. Refused
    when a later change to the same entry, or the registry's consistency, depends on it.

    Example: [bold]registry undo 214 --reason "recorded twice by mistake"[/]
    """
    from registry.writing import undo as undoing

    made = write(lambda session: undoing.undo(session, change, reason=reason, by=by),
                 dry_run=dry_run, yes=yes, as_json=as_json, confirm=True)
    if made is not None:
        done(f"Undid change {change}: {made.summary}. Logged as change {made.id}.",
             {"undone": change, "change": made.model_dump(mode="json")}, as_json=as_json)


@command(app)
def log(
    country: Annotated[str | None, typer.Option("--country", help="Only changes about this country.")] = None,
    limit: Annotated[int | None, typer.Option("--limit", help="At most this many, newest first.")] = None,
    since: Annotated[int | None, typer.Option("--since", metavar="CHANGE", help="Only changes made after this one.")] = None,
    since_publish: Annotated[bool, typer.Option("--since-publish", help="Only changes the published site does not show yet (recorded by 'invoke deploy').")] = False,
    as_json: Json = False,
) -> None:
    """Show the change log, newest first, with each change's id (for 'registry undo').

    Example: [bold]registry log --country Vietnam --limit 20[/]
    """
    from registry.reading import changes
    from registry.rules import countries
    from registry.storage import published, rows

    iso2 = countries.resolve(country).iso2 if country else None
    for option, value in (("--limit", limit), ("--since", since)):
        if value is not None and value < (1 if option == "--limit" else 0):
            raise RegistryError(f"{option} {value} is not a number of entries", hint=f"e.g. {option} 20")
    last = published.last() if since_publish else None
    if since_publish:
        if last is None:
            raise RegistryError(f"no publish is recorded in {published.record_path()}",
                                hint="'invoke deploy' records each publish; until then the whole log is unpublished")
        since = last["last_change"] or 0
    with rows.reading() as reader:
        found = changes.entries(reader, country=iso2, limit=limit, after=since)
    if as_json:
        emit_json([_change(c) for c in found])
        return
    out.print(table(None, ["change", "when (UTC)", "by", "what", "summary", "reason"],
                    [[c.id, c.at.strftime("%Y-%m-%d %H:%M:%S"), c.by, c.what, c.summary, c.reason] for c in found]))
    if last is not None:
        out.print(f"{len(found)} change{'s' if len(found) != 1 else ''} since the site was published on "
                  f"{last['at']} to {last['target']}.", markup=False)


def _change(c) -> dict[str, Any]:
    from registry.storage import rows

    data = rows.as_json(c)
    for side in ("before", "after"):
        data[side] = json.loads(data[side]) if data[side] else None
    return data
