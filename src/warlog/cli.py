"""The ``warlog`` command: a thin layer over the library."""
from __future__ import annotations

import json
import sys

import click

from . import __version__, pipeline, readers
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
def extract(paths, as_json, fmt, max_bytes):
    """Extract events from article files or folders of them."""
    failed = 0
    first = True
    out = sys.stdout
    if as_json:
        out.write("[")
    for outcome in pipeline.run(paths, fmt, max_bytes):
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
