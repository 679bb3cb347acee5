"""Countries joining and leaving, and who participates on a date."""

from pathlib import Path
from typing import Annotated, Any

import typer

from registry.cli.base import (
    AsOf,
    By,
    DryRun,
    Evidence,
    InstrumentOpt,
    Json,
    Note,
    Source,
    Yes,
    _path,
    app,
    as_of_date,
    command,
    done,
    emit_json,
    err,
    out,
    table,
    write,
)

#: The country's name as the source document writes it.
WrittenAs = Annotated[str | None, typer.Option(
    "--written-as", metavar="TEXT",
    help="The country's name as the source document writes it (default: the name given as COUNTRY; "
         "none for a code).")]


@command(app)
def join(
    country: Annotated[str, typer.Argument(help="ISO 3166-1 code or English name.")],
    on: Annotated[str, typer.Option("--date", metavar="YYYY-MM-DD", help="Date the country joined.")],
    instrument: InstrumentOpt = None,
    kind: Annotated[str | None, typer.Option("--kind", help="accession (default), re-accession, endorsement, signature or principles.")] = None,
    evidence: Evidence = "notification",
    meeting: Annotated[str | None, typer.Option("--meeting", metavar="SLUG", help="The meeting where it happened.")] = None,
    source: Source = "",
    note: Note = "",
    written_as: WrittenAs = None,
    by: By = None,
    dry_run: DryRun = False,
    yes: Yes = False,
    as_json: Json = False,
) -> None:
    """Record that a country joined the alliance (or another instrument).

    Example: [bold]registry join "Viet Nam" --date 2013-03-01 --source "letter of 1 March 2013"[/]
    """
    from registry.writing import participation

    found = write(lambda session: _named(session, participation.join(
        session, country, on=on, instrument=instrument, kind=kind, evidence=evidence, meeting=meeting,
        source=source, note=note, written_as=written_as, by=by)), dry_run=dry_run, yes=yes, as_json=as_json)
    if found is not None:
        action, name = found
        done(f"Recorded: {name} ({action.country}), "
             f"{action.kind} to {action.instrument} on {action.date} (entry {action.id}).",
             action.model_dump(mode="json"), as_json=as_json)


@command(app)
def withdraw(
    country: Annotated[str, typer.Argument(help="ISO 3166-1 code or English name.")],
    on: Annotated[str, typer.Option("--date", metavar="YYYY-MM-DD", help="Date the withdrawal took effect.")],
    instrument: InstrumentOpt = None,
    evidence: Evidence = "notification",
    source: Source = "",
    note: Note = "",
    written_as: WrittenAs = None,
    by: By = None,
    dry_run: DryRun = False,
    yes: Yes = False,
    as_json: Json = False,
) -> None:
    """Record that a country withdrew from the alliance (or another instrument).

    Example: [bold]registry withdraw GB --date 2025-01-31 --source "notification of 2 January 2025"[/]
    """
    from registry.writing import participation

    found = write(lambda session: _named(session, participation.withdraw(
        session, country, on=on, instrument=instrument, evidence=evidence, source=source, note=note,
        written_as=written_as, by=by)), dry_run=dry_run, yes=yes, as_json=as_json)
    if found is not None:
        action, name = found
        done(f"Recorded: {name} ({action.country}) withdrew from "
             f"{action.instrument} on {action.date} (entry {action.id}).",
             action.model_dump(mode="json"), as_json=as_json)


def _named(session, action):
    """The action written, with the country's name as the registry shows it."""
    from registry.writing import countrynames

    return action, countrynames.name(session, action.country)


@command(app, "import")
def import_file(
    file: Annotated[Path, typer.Argument(parser=_path, help="CSV with a header row: country, joined; optional instrument, source, note, kind, evidence.")],
    instrument: InstrumentOpt = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Check the file and show what would change, writing nothing.")] = False,
    yes: Yes = False,
    by: By = None,
    as_json: Json = False,
) -> None:
    """Add accessions from a spreadsheet's CSV export, all or nothing.

    Example: [bold]registry import accessions.csv --dry-run[/]
    """
    from rich.progress import Progress

    from registry.writing import countrynames, importer

    rows = importer.read_rows(file)

    def add(session) -> list[list[Any]]:
        with Progress(console=err, transient=True, disable=as_json or len(rows) < 200) as progress:
            task = progress.add_task("Checking rows", total=len(rows))
            added = importer.import_accessions(
                session, file, rows, instrument=instrument, by=by,
                progress=lambda n: progress.advance(task, n))
        return [[a.country, countrynames.name(session, a.country), a.instrument, a.kind, a.date] for a in added]

    shown = write(add, dry_run=dry_run, yes=yes, as_json=as_json, own_preview=True) or []
    if as_json:
        emit_json({"dry_run": dry_run, "accessions": [
            {"iso2": r[0], "name": r[1], "instrument": r[2], "kind": r[3], "date": str(r[4])}
            for r in shown]})
        return
    verb = "Would add" if dry_run else "Added"
    out.print(table(f"{verb} {len(shown)} accession{'s' if len(shown) != 1 else ''}"
                    + (" (dry run: nothing written)" if dry_run else ""),
                    ["iso2", "country", "instrument", "kind", "date"], shown))




@command(app)
def status(as_of: AsOf = None, instrument: InstrumentOpt = None, as_json: Json = False) -> None:
    """Show who participates in the alliance (or an instrument) on a date.

    Example: [bold]registry status --as-of 2013-01-01 --json[/]
    """
    from registry.reading import standings
    from registry.storage import rows

    day = as_of_date(as_of)
    with rows.reading() as reader:  # plain SQL: a status answers without loading the ORM
        found = standings.standings(reader, day, instrument)
    if as_json:
        emit_json([_standing(s) for s in found])
        return
    members = sum(1 for s in found if s.status == "member")
    who = "member" if instrument is None else "participant"
    title = f"{instrument or 'The alliance'} on {day}: {members} {who}{'s' if members != 1 else ''}"
    out.print(table(title, ["iso2", "country", "status", "joined", "withdrawn", "by"],
                    [[s.iso2, s.name, s.status, s.joined, s.withdrawn, s.kind] for s in found]))



def _standing(s) -> dict[str, Any]:
    return {
        "iso2": s.iso2, "name": s.name, "status": s.status, "instrument": s.instrument,
        "joined": s.joined.isoformat(), "first_joined": s.first_joined.isoformat(),
        "withdrawn": s.withdrawn.isoformat() if s.withdrawn else None, "kind": s.kind,
    }


@command(app)
def country(
    code: Annotated[str, typer.Argument(help="ISO 3166-1 code or English name.")],
    as_of: AsOf = None,
    as_json: Json = False,
) -> None:
    """Show one country's record: participation history, reports, meetings.

    Example: [bold]registry country "Republic of Korea"[/]
    """
    from rich.markup import escape

    from registry.reading import listing
    from registry.rules import countries
    from registry.storage import rows

    found = countries.resolve(code)
    day = as_of_date(as_of)
    with rows.reading() as reader:
        record = listing.country_record(reader, found.iso2, day)
    if as_json:
        emit_json(record)
        return
    # A preferred name is the secretariat's text: printed as it is, never read as markup.
    out.print(f"[bold]{escape(record['name'])}[/] ({found.iso2}, {found.iso3}) on {day}: "
              f"{record['status'] or 'never a member'}")
    out.print(table("Participation history", ["entry", "instrument", "action", "date", "evidence", "source"],
                    [[a["id"], a["instrument"], a["kind"], a["date"], a["evidence"], a["source"]]
                     for a in record["history"]]))
    out.print(table("Reporting record", ["cycle", "due", "status", "received", "entry"],
                    [[o["cycle"], o["due"], o["status_label"], o["received"], o["report_id"]]
                     for o in record["reports"]]))
    if record["meetings"]:
        out.print(table("Meetings attended", ["entry", "meeting", "date", "role", "title"],
                        [[m["entry"], m["slug"], m["starts"], m["role"], m["title"]] for m in record["meetings"]]))


@command(app, "countries")
def list_countries(
    search: Annotated[str | None, typer.Argument(help="A code or name to look up.")] = None,
    as_json: Json = False,
) -> None:
    """List the country codes the registry knows, or look one up.

    Example: [bold]registry countries "Bolivia (Plurinational State of)"[/]
    """
    from registry.rules import countries

    found = [countries.resolve(search)] if search else countries.all_countries()
    if as_json:
        emit_json([{"iso2": c.iso2, "iso3": c.iso3, "name": c.name} for c in found])
        return
    out.print(table(None, ["iso2", "iso3", "name"], [[c.iso2, c.iso3, c.name] for c in found]))
