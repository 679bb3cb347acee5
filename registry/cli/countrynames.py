"""How countries are named: a country's own preferred form, recorded or cleared, and the list of them."""

from typing import Annotated

import typer

from registry.cli.base import By, DryRun, Json, Reason, Source, Yes, app, command, done, emit_json, out, table, write

country_name_app = typer.Typer(
    help="Record the form of its name a country prefers, which the registry then shows everywhere.",
    no_args_is_help=True)
app.add_typer(country_name_app, name="country-name")

Country = Annotated[str, typer.Argument(help="ISO 3166-1 code or English name.")]
#: Each name-convention setting, in words.
CONVENTIONS = {"un": "the UN's short names", "iso": "ISO 3166's short names", "cldr": "CLDR's everyday English"}


@command(country_name_app, "set")
def set_name(
    country: Country,
    name: Annotated[str, typer.Argument(help="The form of its name the country asked for.")],
    reason: Reason = "",
    source: Source = "",
    by: By = None,
    dry_run: DryRun = False,
    yes: Yes = False,
    as_json: Json = False,
) -> None:
    """Record the form of its name a country prefers; it wins over the name-convention setting.

    Example: [bold]registry country-name set TR "Türkiye" --reason "note verbale of 1 June 2022" --source "note verbale 22/451"[/]
    """
    from registry.writing import countrynames

    row = write(lambda session: countrynames.set_name(session, country, name, reason=reason, source=source, by=by),
                dry_run=dry_run, yes=yes, as_json=as_json)
    if row is not None:
        done(f"{row.country} is now named {row.name} (entry {row.id}).", row.model_dump(mode="json"),
             as_json=as_json)


@command(country_name_app, "clear")
def clear_name(
    country: Country,
    reason: Reason = "",
    by: By = None,
    dry_run: DryRun = False,
    yes: Yes = False,
    as_json: Json = False,
) -> None:
    """Remove a country's preferred form: the name-convention setting names it again.

    Example: [bold]registry country-name clear TR --reason "recorded for the wrong country"[/]
    """
    from registry.writing import countrynames

    def clear(session):
        row = countrynames.clear(session, country, reason=reason, by=by)
        return row, countrynames.name(session, row.country)

    found = write(clear, dry_run=dry_run, yes=yes, as_json=as_json)
    if found is not None:
        row, shown = found
        done(f"{row.country} is named {shown} again.", {"country": row.country, "name": shown}, as_json=as_json)


@command(country_name_app, "list")
def list_names(as_json: Json = False) -> None:
    """List the preferred forms recorded, and the naming convention for every other country.

    Example: [bold]registry country-name list --json[/]
    """
    from registry.reading import naming
    from registry.storage import rows

    with rows.reading() as reader:
        convention = naming.of(reader).convention
        forms = naming.preferred_forms(reader)
    if as_json:
        emit_json({"name_convention": convention, "preferred": forms})
        return
    out.print(table(f"Preferred names (every other country is named by {CONVENTIONS[convention]})",
                    ["iso2", "name", "reason", "source"],
                    [[f["iso2"], f["name"], f["reason"], f["source"]] for f in forms]))
