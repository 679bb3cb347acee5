"""What every command shares: the Typer app and its groups, the options, the error
handling, and the tables and messages the commands print."""

import functools
import json
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Annotated, Any, TypeVar

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
target_app = typer.Typer(help="List the founding instrument's policy targets and operational goals.",
                         no_args_is_help=True)
commitment_app = typer.Typer(help="Record and list what countries commit to under each target.", no_args_is_help=True)
indicator_app = typer.Typer(help="List the indicators of the operational goals and record their values.",
                            no_args_is_help=True)
app.add_typer(instrument_app, name="instrument")
app.add_typer(report_app, name="report")
app.add_typer(session_app, name="session")
app.add_typer(settings_app, name="settings")
app.add_typer(target_app, name="target")
app.add_typer(commitment_app, name="commitment")
app.add_typer(indicator_app, name="indicator")


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
Evidence = Annotated[str, typer.Option("--evidence", help="What evidences it: meeting, letter, note-verbale, notification or other.")]
Reason = Annotated[str, typer.Option("--reason", help="Why (required; published in the change log).")]


def command(group: typer.Typer, name: str | None = None, **options):
    """Register a command whose RegistryErrors become friendly messages."""

    def decorate(function):
        return group.command(name, **options)(guarded(function))

    return decorate


def group_command(group: typer.Typer, **options):
    """Register what a group does when no subcommand is named (`registry release --note ...`
    beside `registry release list`), its RegistryErrors friendly as a command's."""

    def decorate(function):
        return group.callback(invoke_without_command=True, **options)(guarded(function))

    return decorate


def guarded(function):
    """A command's function, whose errors become friendly messages and exit codes."""
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

    return run


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


def country_names() -> Callable[[str], str]:
    """How the registry names countries (its convention and the preferred forms), read once for
    a command's answer; a write's own words come from the same naming (writing/countrynames.py)."""
    from registry.reading import naming
    from registry.storage import rows

    with rows.reading() as reader:
        return naming.of(reader).name


def database_url() -> str:
    """The registry the commands use, as a URL without its password."""
    from registry.storage import db

    return db.get_engine().url.render_as_string(hide_password=True)


# -- writing: previews, warnings and confirmations ------------------------------

DryRun = Annotated[bool, typer.Option("--dry-run", help="Show what would change, and write nothing.")]
Yes = Annotated[bool, typer.Option("--yes", "-y", help="Confirm without being asked (warnings accepted).")]

T = TypeVar("T")


def write(body: Callable[[Any], T], *, dry_run: bool, yes: bool, as_json: bool = False,
          confirm: bool = False, own_preview: bool = False) -> T | None:
    """Run a command's writes in one transaction; commit only what needs no confirming.

    What the body logs (writing/changelog.py) is what it does, in words: a dry run
    prints it and rolls back. Plausible mistakes the body warns about, and, with
    `confirm` (corrections, retractions, undo), the change itself, are confirmed
    first: by asking at a terminal; elsewhere a warning needs --yes. The question is asked after
    the transaction has been rolled back, so that no lock is held while the clerk
    reads; once confirmed, the command runs again from the start. Returns the body's
    result, or None after a dry run (unless the command shows its own preview, as the
    import does with its table of rows).
    """
    from registry.storage import db
    from registry.writing import changelog

    with db.writing(commit=False) as session:
        result = body(session)
        warnings = changelog.warnings(session)
        if dry_run and own_preview:
            for warning in warnings:
                err.print(f"Warning: {warning}", markup=False)
            return result
        if dry_run:
            _preview(shown(session), warnings, as_json)
            return None
        # A correction is confirmed where someone can be asked; a script's is its own say-so.
        if yes or not (warnings or confirm and sys.stdin.isatty()):
            for warning in warnings:
                err.print(f"Warning (accepted): {warning}", markup=False)
            session.commit()
            return result
        changes = shown(session)  # read before the rollback ends the session
    _ask(changes, warnings)
    with db.writing() as session:
        return body(session)


def shown(session: Any) -> list[dict[str, Any]]:
    """What the session has logged, as a preview shows it (only where one is shown: an import
    logs a change per row)."""
    from registry.writing import changelog

    return [_change_view(c) for c in changelog.written(session)]


def _change_view(change: Any) -> dict[str, Any]:
    """A logged change as a preview shows it: its words, and for a correction each field's
    value before and after."""
    before = json.loads(change.before) if change.before else None
    after = json.loads(change.after) if change.after else None
    fields = {}
    if before and after:
        fields = {k: {"before": before.get(k), "after": v} for k, v in after.items() if before.get(k) != v}
    return {"what": change.what, "summary": change.summary, "reason": change.reason,
            "before": before, "after": after, "fields": fields}


def lines(changes: list[dict[str, Any]], warnings: list[str]) -> list[str]:
    """Changes as a preview lists them (a correction with each field before -> after), then the warnings."""
    said = []
    for change in changes:
        said.append(f"  - {change['summary']}")
        said += [f"      {field}: {_value(v['before'])} -> {_value(v['after'])}" for field, v in change["fields"].items()]
    if warnings:
        said.append("Warnings:")
        said += [f"  - {warning}" for warning in warnings]
    return said


def _value(value: Any) -> str:
    return "(empty)" if value in ("", None) else repr(value) if isinstance(value, str) else str(value)


def _preview(changes: list[dict[str, Any]], warnings: list[str], as_json: bool) -> None:
    if as_json:
        emit_json({"dry_run": True, "changes": changes, "warnings": warnings})
        return
    count = len(changes)
    out.print(f"Dry run: nothing was written. It would log {count} change{'s' if count != 1 else ''}:",
              markup=False)
    out.print("\n".join(lines(changes, warnings)), markup=False)


def _ask(changes: list[dict[str, Any]], warnings: list[str]) -> None:
    """Confirm at a terminal, or refuse: a script must say --yes to accept what needs confirming."""
    if not sys.stdin.isatty():
        what = "; ".join(warnings) if warnings else "; ".join(c["summary"] for c in changes)
        raise RegistryError(f"this needs confirming, and there is no terminal to ask at: {what}; "
                            "nothing was written", hint="check it with --dry-run, then add --yes to confirm")
    err.print("This will log:", markup=False)
    err.print("\n".join(lines(changes, warnings)), markup=False)
    if not typer.confirm("Write it?", default=False, err=True):
        err.print("Nothing was written.", markup=False)
        raise typer.Exit(1)
