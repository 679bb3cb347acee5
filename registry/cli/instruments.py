"""The instruments countries endorse, sign or accede to."""

from typing import Annotated

import typer

from registry.cli.base import (
    By,
    DryRun,
    Json,
    Yes,
    command,
    done,
    emit_json,
    instrument_app,
    out,
    table,
    write,
)


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
    dry_run: DryRun = False,
    yes: Yes = False,
    as_json: Json = False,
) -> None:
    """Register a new instrument.

    Example: [bold]registry instrument add lanzarote-2007 --title "Lanzarote Convention" --adopted 2007-10-25 --kind convention[/]
    """
    from registry.writing import instruments

    added = write(lambda session: instruments.add(
        session, slug, title=title, adopted=adopted, place=place, kind=kind, issuer=issuer,
        citation=citation, by=by), dry_run=dry_run, yes=yes, as_json=as_json)
    if added is not None:
        done(f"Registered instrument {added.slug}: {added.title}, adopted on {added.adopted} (entry {added.id}).",
             added.model_dump(mode="json"), as_json=as_json)


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
