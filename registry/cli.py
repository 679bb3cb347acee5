"""The secretariat's command line: a thin layer over the registry's library.

Each command opens one session (see db.py), calls the library, and prints
the result as a table for people or, with --json, as JSON for scripts. A
RegistryError becomes a plain message on stderr and exit code 1; nothing is
written when a command fails.
"""

import functools
import json
import sys
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from registry.rules import clock
from registry.rules.errors import RegistryError, ValidationErrors

app = typer.Typer(
    help="Keep an alliance's registry: members, instruments, reports and conference sessions.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
)
instrument_app = typer.Typer(help="Register and list instruments.", no_args_is_help=True)
report_app = typer.Typer(help="Record reports and show the reporting record.", no_args_is_help=True)
session_app = typer.Typer(help="Schedule conference sessions and record what happened.",
                          no_args_is_help=True)
settings_app = typer.Typer(help="Show and change the registry's settings.", no_args_is_help=True)
app.add_typer(instrument_app, name="instrument")
app.add_typer(report_app, name="report")
app.add_typer(session_app, name="session")
app.add_typer(settings_app, name="settings")


def _show_version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        print(f"registry {version('alliance-registry')}")
        raise typer.Exit()


@app.callback()
def _options(
    version: Annotated[bool, typer.Option("--version", callback=_show_version, is_eager=True,
                                          help="Show the registry software's version and exit.")] = False,
) -> None:
    """Keep an alliance's registry: members, instruments, reports and conference sessions."""

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)


def _path(value: str) -> Path:
    """A file name as given. Typer's own Path type calls os.stat on it, which a NUL byte in
    the name turns into a traceback before any command runs; the commands check names."""
    return Path(value)


_path.__name__ = "path"  # how the help and docs/cli.md name the type: <path>


# Options shared by many commands.
Json = Annotated[bool, typer.Option("--json", help="Print JSON for scripts instead of a table.")]
By = Annotated[str | None, typer.Option("--by", help="Who makes the change (default: REGISTRY_USER or the OS user).")]
AsOf = Annotated[str | None, typer.Option("--as-of", metavar="YYYY-MM-DD", help="The date to answer for (default: today).")]
InstrumentOpt = Annotated[str | None, typer.Option("--instrument", metavar="SLUG", help="The instrument (default: the founding instrument).")]
Source = Annotated[str, typer.Option("--source", help="Where the fact comes from: a document, letter or reference.")]
Note = Annotated[str, typer.Option("--note", help="A note for readers of the record.")]
Evidence = Annotated[str, typer.Option("--evidence", help="What evidences it: meeting, letter, notification or other.")]
Reason = Annotated[str, typer.Option("--reason", help="Why the correction is made (required).")]


def command(group: typer.Typer, name: str | None = None, **options):
    """Register a command whose RegistryErrors become friendly messages."""

    def decorate(function):
        labels = _labels(function)

        @functools.wraps(function)
        def run(*args, **kwargs):
            try:
                _check_arguments(kwargs, labels)
                return function(*args, **kwargs)
            except ValidationErrors as error:
                err.print(f"[bold red]Error:[/] {error.message}", markup=True)
                for problem in error.errors:
                    err.print(f"  - {problem}", markup=False)
                raise typer.Exit(1) from None
            except RegistryError as error:
                err.print("[bold red]Error:[/] ", end="", markup=True)
                err.print(str(error), markup=False)
                raise typer.Exit(1) from None
            except (typer.Exit, typer.Abort, SystemExit):
                raise
            except KeyboardInterrupt:
                err.print("Interrupted: what this command had not committed was not written.", markup=False)
                raise typer.Exit(130) from None
            except Exception as error:  # the last resort: never a traceback on the screen
                log = _unexpected(error)
                err.print("[bold red]Error:[/] ", end="", markup=True)
                err.print(f"unexpected failure ({type(error).__name__}: {error}); what this command had not "
                          f"committed was not written. The details are in {log}; please send them to "
                          "whoever maintains the registry software.", markup=False)
                raise typer.Exit(1) from None

        return group.command(name, **options)(run)

    return decorate


def _labels(function) -> dict[str, str]:
    """How the user names each parameter of a command: its option (--date) or its argument (COUNTRY)."""
    import typing

    labels = {}
    for name, hint in typing.get_type_hints(function, include_extras=True).items():
        for info in getattr(hint, "__metadata__", ()):
            if isinstance(info, typer.models.OptionInfo):
                # Declared as typer.Option("--date", ...), the name is held as the default.
                declared = [*(info.param_decls or ()), *([info.default] if isinstance(info.default, str) else [])]
                long = [d for d in declared if d.startswith("--")]
                labels[name] = long[0] if long else "--" + name.replace("_", "-")
            elif isinstance(info, typer.models.ArgumentInfo):
                labels[name] = info.metavar or name.rstrip("_").upper()
    return labels


def _check_arguments(values: dict[str, Any], labels: dict[str, str]) -> None:
    """Refuse what no command can use, before it runs: an argument that is not UTF-8 (a
    terminal in another encoding passes bytes, which Python reads as lone surrogates that
    no database or terminal takes), a file name with a control character, and a --by that
    the change log would refuse (refused even where the command turns out to write nothing)."""
    for name, value in values.items():
        label = labels.get(name, name)
        for item in value if isinstance(value, list | tuple) else [value]:
            if isinstance(item, str | Path):
                _check_argument(label, item)
    if "by" in values:
        from registry.writing import changelog

        changelog.author(values["by"])


def _check_argument(label: str, value: str | Path) -> None:
    import unicodedata

    text = str(value)
    for char in text:
        if "\ud800" <= char <= "\udfff":
            # Python reads a byte B that is not UTF-8 as the surrogate U+DC00 + B.
            byte = f" (the byte 0x{ord(char) - 0xDC00:02x})" if "\udc80" <= char <= "\udcff" else ""
            raise RegistryError(
                f"{label} is not UTF-8 text{byte}",
                hint="the terminal or script passed bytes in another encoding: retype the value in a "
                     "UTF-8 terminal, or rename the file to a UTF-8 name",
            )
        if isinstance(value, Path) and unicodedata.category(char) == "Cc":
            raise RegistryError(f"the file name {text!r} ({label}) contains the control character "
                                f"U+{ord(char):04X}", hint="rename the file, or give another name")


def _unexpected(error: Exception) -> str:
    """Write the traceback of an unexpected error to a new file; returns its path."""
    import tempfile
    import traceback

    handle, path = tempfile.mkstemp(prefix="registry-error-", suffix=".log")
    with open(handle, "w", encoding="utf-8", errors="backslashreplace") as log:
        log.write(f"registry {' '.join(sys.argv[1:])}\n\n")
        log.write("".join(traceback.format_exception(error)))
    return path


def as_of_date(value: str | None) -> date:
    from registry.rules import fields

    return fields.parse_date(value, "--as-of") if value else clock.today()


def emit_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True, default=str) + "\n")


def table(title: str | None, columns: list[str], rows: list[list[Any]]) -> Text:
    """Rows as aligned columns under a bold title and header, as `pip list` or `kubectl get` print them.

    Plain columns copy, grep and cut cleanly, and 200 members print in a few
    milliseconds where a boxed rich Table takes a fifth of a second. Cells are
    plain text: whatever the registry holds is shown as it is, never read as markup.
    """
    cells = [["" if v is None else str(v) for v in row] for row in rows]
    widths = [max(map(cell_len, [name, *(row[i] for row in cells)])) for i, name in enumerate(columns)]

    def line(values: list[str]) -> str:
        return "  ".join(v + " " * (w - cell_len(v)) for v, w in zip(values, widths, strict=True)).rstrip()

    shown = Text()
    if title:
        shown.append(title + "\n", style="bold")
    shown.append(line(columns) + "\n", style="bold")
    shown.append(line(["─" * w for w in widths]) + "\n")
    shown.append("".join(line(row) + "\n" for row in cells))  # and a blank line before what follows
    return shown


def done(message: str, data: dict[str, Any] | None = None, *, as_json: bool = False) -> None:
    """Tell people what happened, or scripts (with --json) the same as data."""
    if as_json:
        emit_json(data if data is not None else {"message": message})
    else:
        out.print(message, markup=False)


# -- creating a registry --------------------------------------------------------


@command(app)
def init(
    seed: Annotated[bool, typer.Option("--seed", help="Also load the founding record.")] = False,
    by: By = None,
    as_json: Json = False,
) -> None:
    """Create the registry, or bring its schema up to date, and optionally seed it.

    Example: [bold]registry init --seed[/]
    """
    from registry.storage import db
    from registry.writing import alliance
    from registry.writing import seed as founding

    before, after = db.upgrade()
    messages = []
    if before is None:
        messages.append(f"Created the registry at {_where()} (schema {after}).")
    elif before != after:
        messages.append(f"Upgraded the registry's schema from {before} to {after}.")
    else:
        messages.append(f"The registry at {_where()} is up to date (schema {after}).")
    added: dict[str, int] = {}
    with db.writing() as session:
        alliance.ensure(session)
        if seed:
            added = founding.load(session, by=by).added
            if added:
                listed = ", ".join(f"{n} {kind}" for kind, n in added.items())
                messages.append(f"Loaded the founding record: {listed}.")
            else:
                messages.append("The founding record is already loaded; nothing changed.")
    done("\n".join(messages), {"database": _where(), "schema_before": before, "schema": after,
                               "seeded": added if seed else None}, as_json=as_json)


def _where() -> str:
    from registry.storage import db

    return db.get_engine().url.render_as_string(hide_password=True)


# -- instruments ----------------------------------------------------------------


@command(instrument_app, "add")
def instrument_add(
    slug: Annotated[str, typer.Argument(help="Short name for URLs, e.g. prague-2009.")],
    title: Annotated[str, typer.Option("--title", help="The instrument's title.")],
    adopted: Annotated[str, typer.Option("--adopted", metavar="YYYY-MM-DD", help="Date adopted.")],
    place: Annotated[str, typer.Option("--place", help="Where it was adopted.")] = "",
    kind: Annotated[str, typer.Option("--kind", help="declaration, joint-statement, convention, ...")] = "declaration",
    issuer: Annotated[str, typer.Option("--issuer", help="Who adopted or issued it.")] = "",
    citation: Annotated[str, typer.Option("--citation", help="How to cite it.")] = "",
    by: By = None,
    as_json: Json = False,
) -> None:
    """Register a new instrument.

    Example: [bold]registry instrument add lanzarote-2007 --title "Lanzarote Convention" --adopted 2007-10-25 --kind convention[/]
    """
    from registry.storage import db
    from registry.writing import instruments

    with db.writing() as session:
        added = instruments.add(session, slug, title=title, adopted=adopted, place=place,
                                kind=kind, issuer=issuer, citation=citation, by=by)
        if as_json:
            emit_json(added.model_dump(mode="json"))
        else:
            done(f"Registered instrument {added.slug}: {added.title}.")


@command(instrument_app, "list")
def instrument_list(as_json: Json = False) -> None:
    """List the instruments, oldest first.

    Example: [bold]registry instrument list --json[/]
    """
    from registry.reading import instruments
    from registry.storage import rows

    with rows.reading() as reader:
        found = instruments.instruments(reader)
    if as_json:
        emit_json([rows.as_json(i) for i in found])
        return
    out.print(table(None, ["slug", "adopted", "kind", "place", "title"],
                    [[i.slug, i.adopted, i.kind, i.place, i.title] for i in found]))


# -- participation --------------------------------------------------------------


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
    by: By = None,
    as_json: Json = False,
) -> None:
    """Record that a country joined the alliance (or another instrument).

    Example: [bold]registry join "Viet Nam" --date 2013-03-01 --source "letter of 1 March 2013"[/]
    """
    from registry.rules import countries
    from registry.storage import db
    from registry.writing import participation

    with db.writing() as session:
        action = participation.join(session, country, on=on, instrument=instrument, kind=kind,
                                    evidence=evidence, meeting=meeting, source=source, note=note, by=by)
        if as_json:
            emit_json(action.model_dump(mode="json"))
        else:
            done(f"Recorded: {countries.name(action.country)} ({action.country}), "
                 f"{action.kind} to {action.instrument} on {action.date} (entry {action.id}).")


@command(app)
def withdraw(
    country: Annotated[str, typer.Argument(help="ISO 3166-1 code or English name.")],
    on: Annotated[str, typer.Option("--date", metavar="YYYY-MM-DD", help="Date the withdrawal took effect.")],
    instrument: InstrumentOpt = None,
    evidence: Evidence = "notification",
    source: Source = "",
    note: Note = "",
    by: By = None,
    as_json: Json = False,
) -> None:
    """Record that a country withdrew from the alliance (or another instrument).

    Example: [bold]registry withdraw GB --date 2025-01-31 --source "notification of 2 January 2025"[/]
    """
    from registry.rules import countries
    from registry.storage import db
    from registry.writing import participation

    with db.writing() as session:
        action = participation.withdraw(session, country, on=on, instrument=instrument,
                                        evidence=evidence, source=source, note=note, by=by)
        if as_json:
            emit_json(action.model_dump(mode="json"))
        else:
            done(f"Recorded: {countries.name(action.country)} ({action.country}) withdrew from "
                 f"{action.instrument} on {action.date} (entry {action.id}).")


@command(app, "import")
def import_file(
    file: Annotated[Path, typer.Argument(parser=_path, help="CSV with a header row: country, joined; optional instrument, source, note, kind, evidence.")],
    instrument: InstrumentOpt = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Check the file and show what would change, writing nothing.")] = False,
    by: By = None,
    as_json: Json = False,
) -> None:
    """Add accessions from a spreadsheet's CSV export, all or nothing.

    Example: [bold]registry import accessions.csv --dry-run[/]
    """
    from rich.progress import Progress

    from registry.rules import countries
    from registry.storage import db
    from registry.writing import importer

    with db.writing(commit=not dry_run) as session:
        rows = importer.read_rows(file)
        with Progress(console=err, transient=True, disable=as_json or len(rows) < 200) as progress:
            task = progress.add_task("Checking rows", total=len(rows))
            added = importer.import_accessions(
                session, file, rows, instrument=instrument, by=by,
                progress=lambda n: progress.advance(task, n))
        shown = [[a.country, countries.name(a.country), a.instrument, a.kind, a.date] for a in added]
    if as_json:
        emit_json({"dry_run": dry_run, "accessions": [
            {"iso2": r[0], "name": r[1], "instrument": r[2], "kind": r[3], "date": str(r[4])}
            for r in shown]})
        return
    verb = "Would add" if dry_run else "Added"
    out.print(table(f"{verb} {len(shown)} accession{'s' if len(shown) != 1 else ''}"
                    + (" (dry run: nothing written)" if dry_run else ""),
                    ["iso2", "country", "instrument", "kind", "date"], shown))


# -- status ---------------------------------------------------------------------


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
    out.print(f"[bold]{found.name}[/] ({found.iso2}, {found.iso3}) on {day}: "
              f"{record['status'] or 'never a member'}")
    out.print(table("Participation history", ["entry", "instrument", "action", "date", "evidence", "source"],
                    [[a["id"], a["instrument"], a["kind"], a["date"], a["evidence"], a["source"]]
                     for a in record["history"]]))
    out.print(table("Reporting record", ["cycle", "due", "status", "received", "entry"],
                    [[o["cycle"], o["due"], o["status_label"], o["received"], o["report_id"]]
                     for o in record["reports"]]))
    if record["meetings"]:
        out.print(table("Meetings attended", ["meeting", "date", "title"],
                        [[m["slug"], m["starts"], m["title"]] for m in record["meetings"]]))


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


# -- reports --------------------------------------------------------------------


@command(report_app, "record")
def report_record(
    country: Annotated[str, typer.Argument(help="ISO 3166-1 code or English name.")],
    cycle: Annotated[str, typer.Option("--cycle", help="The cycle, named by the year its report is due, e.g. 2014.")],
    received: Annotated[str, typer.Option("--received", metavar="YYYY-MM-DD", help="Date the report was received.")],
    url: Annotated[str, typer.Option("--url", help="Link to the report.")] = "",
    note: Note = "",
    by: By = None,
    as_json: Json = False,
) -> None:
    """Record a report received from a member for a cycle.

    Example: [bold]registry report record FR --cycle 2014 --received 2014-06-30 --url https://example.org/fr-2014.pdf[/]
    """
    from registry.rules import countries
    from registry.storage import db
    from registry.writing import reports

    with db.writing() as session:
        report = reports.record(session, country, cycle_slug=cycle, received=received, url=url,
                                note=note, by=by)
        if as_json:
            emit_json(report.model_dump(mode="json"))
        else:
            done(f"Recorded the {report.cycle} report of {countries.name(report.country)} "
                 f"({report.country}), received {report.received} (entry {report.id}).")


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


# -- sessions -------------------------------------------------------------------


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
    as_json: Json = False,
) -> None:
    """Schedule a conference session (or record another meeting).

    Example: [bold]registry session schedule --number 1 --starts 2014-12-10 --ends 2014-12-11 --city Washington --host US[/]
    """
    from registry.storage import db
    from registry.writing import meetings

    with db.writing() as session:
        meeting = meetings.schedule(session, starts=starts, ends=ends, number=number, slug=slug,
                                    title=title, city=city, host=host, kind=kind, note=note, by=by)
        if as_json:
            emit_json(meeting.model_dump(mode="json"))
        else:
            done(f"Scheduled {meeting.title} ({meeting.slug}) from {meeting.starts} to {meeting.ends}.")


@command(session_app, "attend")
def session_attend(
    slug: Annotated[str, typer.Argument(help="The session's slug.")],
    countries_: Annotated[list[str], typer.Argument(metavar="COUNTRY...", help="Countries that attended.")],
    by: By = None,
    as_json: Json = False,
) -> None:
    """Record the countries that attended a session.

    Example: [bold]registry session attend conference-1 FR DE "Republic of Korea"[/]
    """
    from registry.rules import countries
    from registry.storage import db
    from registry.writing import meetings

    with db.writing() as session:
        recorded = [meetings.attend(session, slug, name, by=by) for name in countries_]
    done(f"Recorded attendance at {slug}: " + ", ".join(countries.name(a.country) for a in recorded) + ".",
         {"meeting": slug, "attendance": [a.model_dump(mode="json") for a in recorded]}, as_json=as_json)


@command(session_app, "held")
def session_held(
    slug: Annotated[str, typer.Argument(help="The session's slug.")], by: By = None, as_json: Json = False
) -> None:
    """Mark a session as held.

    Example: [bold]registry session held conference-1[/]
    """
    from registry.storage import db
    from registry.writing import meetings

    with db.writing() as session:
        meeting = meetings.mark_held(session, slug, by=by)
    done(f"Marked {meeting.title} as held.", meeting.model_dump(mode="json"), as_json=as_json)


@command(session_app, "outcome")
def session_outcome(
    slug: Annotated[str, typer.Argument(help="The session's slug.")],
    path: Annotated[str, typer.Argument(help="The outcome document, a Markdown file in content/.")],
    by: By = None,
    as_json: Json = False,
) -> None:
    """Point a session to its outcome document (Markdown in content/).

    Example: [bold]registry session outcome conference-1 sessions/conference-1.md[/]
    """
    from registry.storage import db, location
    from registry.writing import meetings

    with db.writing() as session:
        meeting = meetings.set_outcome(session, slug, path, by=by)
    done(f"The outcome of {meeting.title} is {location.content_dir() / str(meeting.outcome)}.",
         meeting.model_dump(mode="json"), as_json=as_json)


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
        emit_json([rows.as_json(m) | {"attendance": a} for m, a in found])
        return
    out.print(table(None, ["slug", "kind", "starts", "ends", "city", "host", "status", "attended", "outcome"],
                    [[m.slug, m.kind, m.starts, m.ends, m.city, m.host, m.status, len(a), m.outcome]
                     for m, a in found]))


# -- corrections and the log ----------------------------------------------------


def _pairs(assignments: list[str]) -> dict[str, str]:
    changes = {}
    for assignment in assignments:
        field, sep, value = assignment.partition("=")
        if not sep or not field:
            raise RegistryError(f"{assignment!r} is not FIELD=VALUE", hint="e.g. date=2013-01-05")
        changes[field.strip()] = value
    return changes


@command(app)
def correct(
    kind: Annotated[str, typer.Argument(help="action, report, instrument or meeting.")],
    entry: Annotated[int, typer.Argument(help="The entry's id (shown by 'registry country' and 'registry log').")],
    assignments: Annotated[list[str], typer.Argument(metavar="FIELD=VALUE...", help="The corrected values.")],
    reason: Reason,
    by: By = None,
    as_json: Json = False,
) -> None:
    """Correct an entry; the change log keeps the old values and the reason.

    Example: [bold]registry correct action 12 date=2013-01-05 --reason "date misread from the letter"[/]
    """
    from registry.storage import db
    from registry.writing import corrections

    with db.writing() as session:
        row = corrections.correct(session, kind, entry, _pairs(assignments), reason=reason, by=by)
        if as_json:
            emit_json(row.model_dump(mode="json"))
        else:
            done(f"Corrected {kind} {entry}: {corrections.describe(kind, row)}.")


@command(app)
def retract(
    kind: Annotated[str, typer.Argument(help="action, report or attendance.")],
    entry: Annotated[int, typer.Argument(help="The entry's id.")],
    reason: Annotated[str, typer.Option("--reason", help="Why the entry is retracted (required; published in the change log).")],
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Say what would be retracted, and write nothing.")] = False,
    by: By = None,
    as_json: Json = False,
) -> None:
    """Retract an entry made in error; the change log keeps what it said. Says which entry it was.

    Example: [bold]registry retract report 7 --dry-run --reason "recorded for the wrong country"[/]
    """
    from registry.storage import db
    from registry.writing import corrections

    with db.writing(commit=not dry_run) as session:
        row = corrections.retract(session, kind, entry, reason=reason, by=by)
        what = corrections.describe(kind, row)
    verb = "Would retract" if dry_run else "Retracted"
    done(f"{verb} {kind} {entry}: {what}." + (" Nothing was written." if dry_run else ""),
         {"retracted": kind, "entry": row.model_dump(mode="json"), "described": what, "dry_run": dry_run},
         as_json=as_json)


@command(app)
def log(
    country: Annotated[str | None, typer.Option("--country", help="Only changes about this country.")] = None,
    limit: Annotated[int | None, typer.Option("--limit", help="At most this many, newest first.")] = None,
    as_json: Json = False,
) -> None:
    """Show the change log, newest first.

    Example: [bold]registry log --country Vietnam --limit 20[/]
    """
    from registry.reading import changes
    from registry.rules import countries
    from registry.storage import rows

    iso2 = countries.resolve(country).iso2 if country else None
    if limit is not None and limit < 1:
        raise RegistryError(f"--limit {limit} is not a number of entries", hint="give 1 or more, e.g. --limit 20")
    with rows.reading() as reader:
        found = changes.entries(reader, country=iso2, limit=limit)
    if as_json:
        emit_json([_change(c) for c in found])
        return
    out.print(table(None, ["when (UTC)", "by", "what", "summary", "reason"],
                    [[c.at.strftime("%Y-%m-%d %H:%M:%S"), c.by, c.what, c.summary, c.reason] for c in found]))


def _change(c) -> dict[str, Any]:
    from registry.storage import rows

    data = rows.as_json(c)
    for side in ("before", "after"):
        data[side] = json.loads(data[side]) if data[side] else None
    return data


# -- settings -------------------------------------------------------------------


@command(settings_app, "show")
def settings_show(as_json: Json = False) -> None:
    """Show the registry's settings.

    Example: [bold]registry settings show[/]
    """
    from registry.reading import standings
    from registry.storage import rows
    from registry.writing import alliance

    with rows.reading() as reader:
        values = alliance.settings_view(standings.settings(reader))
    if as_json:
        emit_json(values)
        return
    out.print(table(None, ["setting", "value", "meaning"],
                    [[k, v, alliance.SETTINGS[k]] for k, v in values.items()]))


@command(settings_app, "set")
def settings_set(
    setting: Annotated[str, typer.Argument(help="The setting's name (see 'registry settings show').")],
    value: Annotated[str, typer.Argument(help="Its new value; an empty string clears a date.")],
    reason: Annotated[str, typer.Option("--reason", help="Why it changes.")] = "",
    by: By = None,
    as_json: Json = False,
) -> None:
    """Change a setting, e.g. from when the reporting record is kept.

    Example: [bold]registry settings set records-kept-since 2024-01-01 --reason "records before 2024 were not kept"[/]
    """
    from registry.storage import db
    from registry.writing import alliance
    from registry.writing import settings as changes

    with db.writing() as session:
        values = alliance.settings_view(changes.change(session, setting, value, by=by, reason=reason))
    done(f"Set {setting} to {value!r}.", values, as_json=as_json)


# -- export, restore, check, backup ---------------------------------------------


@command(app)
def export(
    output: Annotated[Path | None, typer.Option("--output", "-o", parser=_path, help="Write to this file instead of standard output.")] = None,
) -> None:
    """Write the whole registry as one canonical JSON document.

    Example: [bold]registry export > registry.json[/]
    """
    from registry.reading import export as exporting
    from registry.storage import db, files

    with db.reading() as session:
        text = exporting.export(session)
    if output:
        files.replace(output, text)
        err.print(f"Wrote {output}.", markup=False)
    else:
        sys.stdout.write(text)


@command(app)
def restore(
    file: Annotated[Path, typer.Argument(parser=_path, help="A document written by 'registry export'.")],
    as_json: Json = False,
) -> None:
    """Load an exported document into an empty registry (created if needed).

    Example: [bold]REGISTRY_DATABASE_URL=sqlite:///copy.db registry restore registry.json[/]
    """
    from registry.storage import db
    from registry.writing import given
    from registry.writing import restore as restoring

    data = given.read(file, limit=restoring.MAX_BYTES, what="a document written by 'registry export'")
    try:
        raw = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise RegistryError(f"{file} is not UTF-8 text (byte 0x{data[error.start]:02x} at position {error.start})",
                            hint="give a file written by 'registry export'") from None
    doc = restoring.parse(raw, source=file.name)
    db.upgrade()
    with db.writing() as session:
        counts = restoring.restore(session, doc, source=file.name)
    done("Restored " + ", ".join(f"{n} {name}" for name, n in counts.items()) + f" into {_where()}.",
         {"database": _where(), "restored": counts}, as_json=as_json)


@command(app)
def check(as_json: Json = False) -> None:
    """Report inconsistencies in the registry; exits 1 if there are any.

    Example: [bold]registry check[/]
    """
    from registry.reading import check as checks
    from registry.storage import rows

    with rows.reading() as reader:
        found = checks.problems(reader)
    if as_json:
        emit_json([{"where": p.where, "problem": p.message} for p in found])
    elif found:
        err.print(f"[bold red]{len(found)} problem{'s' if len(found) != 1 else ''}:[/]", markup=True)
        for problem in found:
            err.print(f"  - {problem}", markup=False)
    else:
        done("No problems found.")
    if found:
        raise typer.Exit(1)


@command(app)
def backup(
    path: Annotated[Path, typer.Argument(parser=_path, help="The new file to write; never overwritten.")],
    as_json: Json = False,
) -> None:
    """Write a consistent copy of the registry, even while others write to it.

    Example: [bold]registry backup backups/registry-2026-11-23.db[/]
    """
    from registry.reading import backup as backups
    from registry.storage import db

    with db.reading() as session:
        form = backups.backup(session, path)
    what = "an SQLite copy" if form == "sqlite" else "an export document"
    done(f"Wrote {what} of the registry to {path}.", {"path": str(path), "form": form}, as_json=as_json)



def main() -> None:
    app(prog_name="registry")
