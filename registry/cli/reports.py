"""Reports received, and the reporting record."""

from typing import Annotated

import typer

from registry.cli.base import (
    AsOf,
    By,
    DryRun,
    Json,
    Note,
    Yes,
    as_of_date,
    command,
    country_names,
    done,
    emit_json,
    out,
    report_app,
    table,
    write,
)


@command(report_app, "record")
def report_record(
    country: Annotated[str, typer.Argument(help="ISO 3166-1 code or English name.")],
    cycle: Annotated[str, typer.Option("--cycle", help="The cycle, named by the year its report is due, e.g. 2014.")],
    received: Annotated[str, typer.Option("--received", metavar="YYYY-MM-DD", help="Date the report was received.")],
    url: Annotated[str, typer.Option("--url", help="Link to the report.")] = "",
    source: Annotated[str, typer.Option("--source", help="What records its receipt: a letter, an e-mail, a register.")] = "",
    note: Note = "",
    by: By = None,
    dry_run: DryRun = False,
    yes: Yes = False,
    as_json: Json = False,
) -> None:
    """Record a report received from a member for a cycle. A date of receipt far from the
    cycle's due date, or on it, is a warning to confirm.

    Example: [bold]registry report record FR --cycle 2014 --received 2014-06-30 --url https://example.org/fr-2014.pdf[/]
    """
    from registry.writing import reports

    report = write(lambda session: reports.record(
        session, country, cycle_slug=cycle, received=received, url=url, source=source, note=note, by=by),
        dry_run=dry_run, yes=yes, as_json=as_json)
    if report is not None:
        done(f"Recorded the {report.cycle} report of {country_names()(report.country)} "
             f"({report.country}), received {report.received} (entry {report.id}).",
             report.model_dump(mode="json"), as_json=as_json)


@command(report_app, "list")
def report_list(
    as_of: AsOf = None,
    country: Annotated[str | None, typer.Option("--country", help="Only this country.")] = None,
    overdue: Annotated[bool, typer.Option("--overdue", help="Only countries with an overdue report.")] = False,
    as_json: Json = False,
) -> None:
    """Show the reporting record: each member's status in each cycle.

    Example: [bold]registry report list --overdue[/]
    """
    from registry.reading import listing, reporting
    from registry.rules import countries
    from registry.storage import rows

    day = as_of_date(as_of)
    with rows.reading() as reader:
        cycles, records = reporting.records(reader, day)
    if country:
        iso2 = countries.resolve(country).iso2
        records = [r for r in records if r.iso2 == iso2]
    if overdue:
        records = [r for r in records if r.overdue]
    if as_json:
        emit_json([listing.record_json(r) for r in records])
        return
    if country:  # one country: a line per cycle, with the entry to correct or retract
        out.print(table(f"Reporting record of {country_names()(iso2)} on {day}",
                        ["cycle", "due", "status", "received", "entry"],
                        [[o.cycle.slug, o.cycle.due, o.label, o.report.received if o.report else None,
                          o.report.id if o.report else None] for r in records for o in r.obligations]))
        return
    out.print(table(f"Reporting record on {day}", ["iso2", "country"] + [c.slug for c in cycles],
                    [[r.iso2, r.name] + [o.label for o in r.obligations] for r in records]))


@command(report_app, "cycles")
def report_cycles(as_of: AsOf = None, as_json: Json = False) -> None:
    """List the reporting cycles up to a date, and the next one.

    Example: [bold]registry report cycles[/]
    """
    from registry.reading import standings
    from registry.rules import cycle
    from registry.storage import rows

    day = as_of_date(as_of)
    with rows.reading() as reader:
        found = cycle.cycles(standings.settings(reader), day)
    listed = [{"cycle": c.slug, "kind": c.kind, "due": c.due.isoformat(),
               "conference_by": c.conference_by.isoformat() if c.conference_by else None} for c in found]
    if as_json:
        emit_json(listed)
        return
    out.print(table(None, ["cycle", "kind", "report due", "conference by"],
                    [list(r.values()) for r in listed]))
