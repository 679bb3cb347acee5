"""The registry as files: export, restore, check and backup."""

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from registry.cli.base import (
    Json,
    _path,
    app,
    command,
    database_url,
    done,
    emit_json,
    err,
)
from registry.rules.errors import RegistryError


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
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Check the document against every rule and say what it would restore, writing nothing.")] = False,
    as_json: Json = False,
) -> None:
    """Load an exported document into an empty registry (created if needed).

    Example: [bold]REGISTRY_DATABASE_URL=sqlite:///copy.db registry restore registry.json --dry-run[/]
    """
    from registry.storage import db, location
    from registry.writing import given
    from registry.writing import restore as restoring

    data = given.read(file, limit=restoring.MAX_BYTES, what="a document written by 'registry export'")
    try:
        raw = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise RegistryError(f"{file} is not UTF-8 text (byte 0x{data[error.start]:02x} at position {error.start})",
                            hint="give a file written by 'registry export'") from None
    doc = restoring.parse(raw, source=file.name)
    if dry_run:
        path = location.sqlite_path(database_url())
        if path is not None and not Path(path).exists():
            counts = _restore_into_scratch(doc, file.name)  # the target is not created by a dry run
        else:
            with db.writing(commit=False) as session:
                counts = restoring.restore(session, doc, source=file.name)
        listed = ", ".join(f"{n} {name}" for name, n in counts.items())
        done(f"Dry run: nothing was written. It would restore {listed} into {database_url()}.",
             {"database": database_url(), "dry_run": True, "restored": counts}, as_json=as_json)
        return
    location.refuse_second_registry(database_url())
    db.upgrade()
    with db.writing() as session:
        counts = restoring.restore(session, doc, source=file.name)
    done("Restored " + ", ".join(f"{n} {name}" for name, n in counts.items()) + f" into {database_url()}.",
         {"database": database_url(), "restored": counts}, as_json=as_json)


def _restore_into_scratch(doc: dict[str, Any], source: str) -> dict[str, int]:
    """Restore into a new registry in a temporary folder, to hold the document to every rule
    and constraint, then throw it away."""
    import tempfile

    from registry.storage import db
    from registry.writing import restore as restoring

    with tempfile.TemporaryDirectory(prefix="registry-dry-run-") as folder:
        url = f"sqlite:///{Path(folder) / 'registry.db'}"
        db.upgrade(url)
        try:
            with db.writing(url, commit=False) as session:
                return restoring.restore(session, doc, source=source)
        finally:
            db.get_engine(url).dispose()


@command(app)
def check(
    completeness: Annotated[bool, typer.Option("--completeness", help="Also say how complete the record is: actions without a source, reports without an address, meetings held without decisions or attendance, cycles due before records were kept.")] = False,
    as_json: Json = False,
) -> None:
    """Report inconsistencies in the registry; exits 1 if there are any.

    Example: [bold]registry check --completeness[/]
    """
    from registry.reading import check as checks
    from registry.reading import quality
    from registry.rules import clock
    from registry.storage import rows

    with rows.reading() as reader:
        found = checks.problems(reader)
        measures = quality.completeness(reader, clock.today()) if completeness else None
    problems = [{"where": p.where, "problem": p.message} for p in found]
    if as_json:
        emit_json(problems if measures is None else {"problems": problems, "completeness": [
            {"measure": m.key, "title": m.title, "count": m.count, "to_fill": m.advice, "command": m.command,
             "entries": [e.text for e in m.entries]} for m in measures]})
    elif found:
        err.print(f"[bold red]{len(found)} problem{'s' if len(found) != 1 else ''}:[/]", markup=True)
        for problem in found:
            err.print(f"  - {problem}", markup=False)
    else:
        done("No problems found.")
    if measures is not None and not as_json:
        _print_completeness(measures)
    if found:
        raise typer.Exit(1)


def _print_completeness(measures: list[Any]) -> None:
    """Each measure with its count, what to do about it, and the entries it concerns."""
    lines = ["", "Completeness (published at /data/quality/):"]
    for measure in measures:
        lines.append(f"  {measure.title}: {measure.count}")
        if measure.count:
            lines.append(f"    to fill: {measure.advice} ({measure.command})")
            lines += [f"    - {entry.text}" for entry in measure.entries]
    done("\n".join(lines))


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
