"""The alliance's aims as data: targets and goals, countries' commitments, indicators."""

from typing import Annotated

import typer

from registry.cli.base import (
    By,
    DryRun,
    Json,
    Yes,
    command,
    commitment_app,
    country_names,
    done,
    emit_json,
    indicator_app,
    out,
    table,
    target_app,
    write,
)


@command(target_app, "list")
def target_list(as_json: Json = False) -> None:
    """List the policy targets and operational goals, with how many countries reported under each.

    Example: [bold]registry target list --json[/]
    """
    from registry.reading import aims
    from registry.storage import rows

    with rows.reading() as reader:
        found, counts = aims.targets(reader), aims.reporting_counts(reader)
    if as_json:
        emit_json([rows.as_json(t) | {"countries_reporting": counts.get(t.slug, 0)} for t in found])
        return
    out.print(table(None, ["slug", "kind", "no.", "countries", "title"],
                    [[t.slug, t.kind, t.number, counts.get(t.slug, 0), t.title] for t in found]))


@command(commitment_app, "add")
def commitment_add(
    country: Annotated[str, typer.Argument(help="ISO 3166-1 code or English name.")],
    target: Annotated[str, typer.Option("--target", metavar="SLUG", help="The target or goal (see 'registry target list').")],
    cycle: Annotated[str, typer.Option("--cycle", help="The reporting cycle it was announced or reported in, e.g. 2014.")],
    text: Annotated[str, typer.Option("--text", help="What the country committed to or reported doing.")],
    status: Annotated[str, typer.Option("--status", help="announced, in-progress or done.")] = "announced",
    source: Annotated[str, typer.Option("--source", help="Where it is written: the report, its page, a URL.")] = "",
    by: By = None,
    dry_run: DryRun = False,
    yes: Yes = False,
    as_json: Json = False,
) -> None:
    """Record what a country committed to, or reported doing, under a target in a cycle.

    Example: [bold]registry commitment add FR --target identify-victims --cycle 2014 --text "A national victim identification unit" --status done --source https://example.org/fr-2014.pdf[/]
    """
    from registry.writing import commitments

    made = write(lambda session: commitments.commit(session, country, target=target, cycle_slug=cycle, text=text,
                                                    status=status, source=source, by=by),
                 dry_run=dry_run, yes=yes, as_json=as_json)
    if made is not None:
        done(f"Recorded: {country_names()(made.country)} ({made.country}) under {made.target} in the {made.cycle} "
             f"cycle, {made.status} (entry {made.id}).", made.model_dump(mode="json"), as_json=as_json)


@command(commitment_app, "list")
def commitment_list(
    country: Annotated[str | None, typer.Option("--country", help="Only this country's.")] = None,
    target: Annotated[str | None, typer.Option("--target", metavar="SLUG", help="Only those under this target.")] = None,
    as_json: Json = False,
) -> None:
    """List the commitments, by target, cycle and country.

    Example: [bold]registry commitment list --country FR[/]
    """
    from registry.reading import aims
    from registry.rules import countries
    from registry.storage import rows

    iso2 = countries.resolve(country).iso2 if country else None
    with rows.reading() as reader:
        found = aims.commitments(reader, iso2, target)
    if as_json:
        emit_json([rows.as_json(c) for c in found])
        return
    out.print(table(None, ["entry", "target", "cycle", "country", "status", "text"],
                    [[c.id, c.target, c.cycle, c.country, c.status, c.text] for c in found]))


@command(indicator_app, "list")
def indicator_list(as_json: Json = False) -> None:
    """List the indicators with their recorded values and target paths.

    Example: [bold]registry indicator list[/]
    """
    from registry.reading import aims
    from registry.storage import rows

    with rows.reading() as reader:
        found = aims.measured(reader)
    if as_json:
        emit_json([rows.as_json(m.indicator) | {
            "values": [rows.as_json(v) for v in m.values],
            "path": [{"year": p.year, "value": p.value, "path": p.path, "on_track": p.on_track} for p in m.points],
        } for m in found])
        return
    for m in found:
        growth = f", target +{m.indicator.growth_percent:g}% a year" if m.indicator.growth_percent is not None else ""
        out.print(table(f"{m.indicator.title} ({m.indicator.slug}, under {m.indicator.target}{growth})",
                        ["year", "value", "target path", "on track", "source"],
                        [[p.year, _number(p.value), _number(p.path), _on_track(p.on_track),
                          next((v.source for v in m.values if v.year == p.year), "")] for p in m.points]))


def _on_track(on_track: bool | None) -> str:
    return "" if on_track is None else "yes" if on_track else "no"


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:,.0f}" if abs(value) >= 100 else f"{value:g}"


@command(indicator_app, "record")
def indicator_record(
    slug: Annotated[str, typer.Argument(metavar="SLUG", help="The indicator (see 'registry indicator list').")],
    year: Annotated[int, typer.Option("--year", metavar="YYYY", help="The year the value is for.")],
    value: Annotated[str, typer.Option("--value", metavar="N", help="The value, in digits (1250 or 12.5).")],
    source: Annotated[str, typer.Option("--source", help="Where the value was published (required).")],
    by: By = None,
    dry_run: DryRun = False,
    yes: Yes = False,
    as_json: Json = False,
) -> None:
    """Record an indicator's value for a year, with its source.

    Example: [bold]registry indicator record icse-identified-victims --year 2015 --value 10000 --source "INTERPOL, ICSE figures for 2015"[/]
    """
    from registry.writing import commitments

    made = write(lambda session: commitments.record_value(session, slug, year=year, value=value, source=source, by=by),
                 dry_run=dry_run, yes=yes, as_json=as_json)
    if made is not None:
        done(f"Recorded {made.indicator} for {made.year}: {made.value:g} (entry {made.id}).",
             made.model_dump(mode="json"), as_json=as_json)
