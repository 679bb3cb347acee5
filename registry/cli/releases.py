"""Releases of the public data: cut the next one, list them."""

from typing import Annotated

import typer

from registry.cli.base import (
    By,
    DryRun,
    Json,
    Yes,
    app,
    command,
    done,
    emit_json,
    group_command,
    out,
    table,
    write,
)
from registry.rules.errors import RegistryError

release_app = typer.Typer(no_args_is_help=True)  # its help is release()'s
app.add_typer(release_app, name="release")


@group_command(release_app)
def release(
    ctx: typer.Context,
    note: Annotated[str | None, typer.Option("--note", help="What the release brings, for its readers (required).")] = None,
    by: By = None,
    dry_run: DryRun = False,
    yes: Yes = False,
    as_json: Json = False,
) -> None:
    """Cut the next release of the public data (numbered, dated, and published as it is, for good),
    or list them (registry release list).

    Example: [bold]registry release --note "accessions of 2026 and the eighth session"[/]
    """
    if ctx.invoked_subcommand is not None:
        if note is not None:
            raise RegistryError("--note cuts a release, and is given without a subcommand",
                                hint="registry release --note TEXT cuts one; registry release list lists them")
        return
    from registry.writing import releases

    cut = write(lambda session: releases.cut(session, note=note or "", by=by), dry_run=dry_run, yes=yes, as_json=as_json)
    if cut is not None:
        size = len(cut.document.encode("utf-8"))
        including = f", up to change {cut.last_change}" if cut.last_change else ""
        done(f"Cut release {cut.number} of the public data ({size:,} bytes{including}); "
             f"the next site build publishes it at /data/releases/{cut.number}/.",
             {"number": cut.number, "released_at": cut.released_at.isoformat(), "note": cut.note,
              "last_change": cut.last_change, "bytes": size}, as_json=as_json)


@command(release_app, "list")
def release_list(as_json: Json = False) -> None:
    """List the releases of the public data, oldest first, with what each changed since the one before.

    Example: [bold]registry release list --json[/]
    """
    from registry.reading import releases
    from registry.storage import rows

    with rows.reading() as reader:
        found = releases.listed(reader)
    listed = [{"number": r.number, "released_at": rows.json_value(r.released_at), "note": r.note,
               "last_change": r.last_change, "bytes": len(r.text.encode("utf-8")), "sha256": r.digest, **r.counts}
              for r in found]
    if as_json:
        emit_json(listed)
        return
    out.print(table(None, ["number", "released", "added", "changed", "removed", "bytes", "note"],
                    [[r["number"], f"{found[i].released_at:%Y-%m-%d}", r["added"], r["changed"], r["removed"],
                      f"{r['bytes']:,}", r["note"]] for i, r in enumerate(listed)]))
