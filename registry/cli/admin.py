"""Creating the registry, finding it, and its settings."""

from typing import Annotated

import typer

from registry.cli.base import (
    By,
    DryRun,
    Json,
    Yes,
    app,
    command,
    database_url,
    done,
    emit_json,
    out,
    settings_app,
    table,
    write,
)
from registry.rules.errors import RegistryError


@command(app)
def init(
    seed: Annotated[bool, typer.Option("--seed", help="Also load the founding record.")] = False,
    by: By = None,
    as_json: Json = False,
) -> None:
    """Create the registry, or bring its schema up to date, and optionally seed it.

    Example: [bold]registry init --seed[/]
    """
    from registry.storage import db, location
    from registry.writing import alliance
    from registry.writing import seed as founding

    location.refuse_second_registry(location.database_url())
    before, after = db.upgrade()
    messages = []
    if before is None:
        messages.append(f"Created the registry at {database_url()} (schema {after}).")
    elif before != after:
        messages.append(f"Upgraded the registry's schema from {before} to {after}.")
    else:
        messages.append(f"The registry at {database_url()} is up to date (schema {after}).")
    added: dict[str, int] = {}
    with db.writing() as session:
        alliance.ensure(session)
        if seed:
            added = founding.load(session, by=by).added
            if added:
                listed = ", ".join(f"{n} {kind if n != 1 else kind.removesuffix('s')}" for kind, n in added.items())
                messages.append(f"Loaded the founding record: {listed}.")
            else:
                messages.append("The founding record is already loaded; nothing changed.")
    done("\n".join(messages), {"database": database_url(), "schema_before": before, "schema": after,
                               "seeded": added if seed else None}, as_json=as_json)



@command(app)
def where(as_json: Json = False) -> None:
    """Say which registry the commands use here, how it was found, and where the site's
    content is.

    Example: [bold]registry where[/]
    """
    from registry.storage import db, location

    _, how = location.found()
    shown = database_url()
    try:
        with db.reading() as session:
            state = f"ready (schema {db.schema_revision(session.connection())})"
    except RegistryError as error:
        state = str(error)
    content = location.content_dir().resolve()
    done(f"Registry: {shown}\nFound as: {how}\nState: {state}\nContent: {content}",
         {"database": shown, "found": how, "state": state, "content": str(content)}, as_json=as_json)


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
    dry_run: DryRun = False,
    yes: Yes = False,
    as_json: Json = False,
) -> None:
    """Change a setting, e.g. from when the reporting record is kept.

    Example: [bold]registry settings set records-kept-since 2024-01-01 --reason "records before 2024 were not kept"[/]
    """
    from registry.writing import alliance
    from registry.writing import settings as changes

    values = write(lambda session: alliance.settings_view(
        changes.change(session, setting, value, by=by, reason=reason)), dry_run=dry_run, yes=yes, as_json=as_json)
    if values is not None:
        done(f"Set {setting} to {value!r}.", values, as_json=as_json)
