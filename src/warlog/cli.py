"""The ``warlog`` command: a thin layer over the library."""
from __future__ import annotations

import json
import sys

import click

from pathlib import Path

from . import __version__, gazetteer, pipeline, readers
from .errors import WarlogError


@click.group()
@click.version_option(__version__, prog_name="warlog")
def main() -> None:
    """warlog: narrative reports of armed attacks in, source-attributed conflict events out."""


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--json", "as_json", is_flag=True, help="Print the JSON array of the event contract.")
@click.option("--format", "fmt", type=click.Choice(["auto", "infobox-text", "rendered-page", "wikitext", "text"]),
              default="auto", show_default=True, help="Input form; auto tells it from the text.")
@click.option("--max-bytes", type=int, default=readers.DEFAULT_MAX_BYTES, show_default=True,
              help="Refuse larger files.")
@click.option("--actors", "actors_file", type=click.Path(exists=True, dir_okay=False),
              help="A YAML file of your own actors, added to the registry (same shape as data/actors.yaml).")
def extract(paths, as_json, fmt, max_bytes, actors_file):
    """Extract events from article files or folders of them."""
    failed = 0
    first = True
    out = sys.stdout
    if as_json:
        out.write("[")
    for outcome in pipeline.run(paths, fmt, max_bytes, actors_file):
        if outcome.error:
            failed += 1
            click.echo(f"warlog: {outcome.error}", err=True)
            continue
        for ev in outcome.events:
            if as_json:
                out.write(("\n" if first else ",\n") + json.dumps(ev.to_dict(), ensure_ascii=False))
                first = False
            else:
                out.write(summary(ev) + "\n")
    if as_json:
        out.write("\n]\n")
    sys.exit(1 if failed else 0)


@main.group()
def places():
    """The gazetteer: look a place up, or add places of your own."""


@places.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--db", type=click.Path(dir_okay=False), help="Your places file (default: the user data folder).")
def places_import(file, db):
    """Add a GeoNames dump (allCountries.txt or a country file) to your places."""
    n = _guard(lambda: gazetteer.import_geonames(file, Path(db) if db else None))
    click.echo(f"{n} places imported into {db or gazetteer.user_db_path()}")


@places.command("from-dump")
@click.argument("dump", type=click.Path(exists=True, dir_okay=False))
@click.option("--db", type=click.Path(dir_okay=False), help="Your places file (default: the user data folder).")
def places_from_dump(dump, db):
    """Collect every settlement article's coordinates from a Wikipedia dump (.xml or .xml.bz2)."""
    from . import dump_places

    n = _guard(lambda: dump_places.import_dump(dump, Path(db) if db else None))
    click.echo(f"{n} settlements imported into {db or gazetteer.user_db_path()}")


@places.command("lookup")
@click.argument("name")
@click.option("--country", help="ISO 3166-1 alpha-2 code to keep to.")
def places_lookup(name, country):
    """Where a name points, with its precision and source."""
    hit = gazetteer.load().resolve(name, country)
    if hit is None:
        click.echo(f"{name}: not found")
        sys.exit(1)
    place, at, precision = hit
    click.echo(f"{place.name} ({place.kind}, {place.country_code}): {at.lat}, {at.lon} precision {precision} "
               f"[{place.layer}] {at.source}")


def _guard(fn):
    try:
        return fn()
    except WarlogError as exc:
        click.echo(f"warlog: {exc}", err=True)
        sys.exit(1)


def summary(ev) -> str:
    """A few readable lines for one event."""
    where = ", ".join(loc.name for loc in ev.locations) or "?"
    lines = [f"{ev.title} [{ev.role}] {ev.date_start or '?'} {where} ({ev.country_code or '?'})"]
    for label, side in ev.sides.items():
        names = ", ".join(a.name for a in side.actors)
        won = " (winner)" if ev.result.winner == label else ""
        lines.append(f"  side {label}: {names}{won}")
    for c in ev.claims:
        who = ", ".join(s.name for s in c.sources) or "unattributed"
        via = f" via {', '.join(v.name for v in c.via)}" if c.via else ""
        lines.append(f"  {c.origin:7} {c.side:9} {c.category:8} {figure(c):>7}  per {who}{via}: {c.text!r}")
    for cat, by_side in ev.estimates.items():
        parts = [f"{side} {e['best'] if e['best'] is not None else '?'} [{e['low']}-{e['high']}]"
                 if e["low"] != e["high"] else f"{side} {e['best'] if e['best'] is not None else '?'}"
                 for side, e in by_side.items()]
        lines.append(f"  estimate {cat}: " + ", ".join(parts))
    return "\n".join(lines)


def figure(c) -> str:
    """A claim's number as a reader writes it: 12, ~30, 30-32, 30+, <=40, or ? for a vague amount."""
    return {"exact": f"{c.low}", "approx": f"~{c.low}", "range": f"{c.low}-{c.high}", "at_least": f"{c.low}+",
            "at_most": f"<={c.high}"}.get(c.qualifier, "?")


def run() -> None:  # pragma: no cover - console entry for python -m warlog
    try:
        main()
    except WarlogError as exc:
        click.echo(f"warlog: {exc}", err=True)
        sys.exit(2)
