"""The ``warlog`` command: a thin layer over the library.

Exit statuses (README, Bad input): 0 all went well; 1 an input or the data failed; 2 the command line
is wrong (click's usage errors, and errors whose ``exit_status`` says so); 70 an internal error.
"""
from __future__ import annotations

import errno
import json
import re
import signal
import sys

import click

from pathlib import Path

# only what every command needs: the extractors, the store and the gazetteer load in the commands
# that use them, so `warlog --help` and the store's queries start at once
from . import __version__
from .errors import DiskFull, NotFound, WarlogError, is_disk_full
from .readers.source import DEFAULT_MAX_BYTES

INTERNAL_ERROR = 70  # sysexits.h EX_SOFTWARE


class Warlog(click.Group):
    """The command group. Every command runs inside its ``invoke``: the one place where an error
    becomes one line on stderr and an exit status."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise  # click's own: usage errors print its message and exit 2
        except Exception as exc:
            if isinstance(exc, OSError) and exc.errno == errno.EPIPE:
                raise  # output piped into `head`: click leaves quietly
            raise click.exceptions.Exit(_fail(exc)) from None


def _fail(exc: Exception) -> int:
    """Say in one line what stopped the command; its exit status."""
    if not isinstance(exc, WarlogError) and is_disk_full(exc):
        # a write the library does not name (a dump's JSON Lines, the places file) is still a full disk
        exc = DiskFull(f"disk full: {getattr(exc, 'strerror', None) or exc}", path=getattr(exc, "filename", None))
    if isinstance(exc, WarlogError):
        report(exc)
        return exc.exit_status
    _echo_err(f"warlog: internal error: {_what(exc)} (please report)")
    return INTERNAL_ERROR


def _what(exc: Exception, limit: int = 400) -> str:
    # a driver's message may carry its SQL and parameters, a whole article among them: the start says enough
    detail = _one_line(str(exc))
    if len(detail) > limit:
        detail = detail[:limit] + "..."
    return f"{type(exc).__name__}: {detail}" if detail else type(exc).__name__


def report(exc: WarlogError) -> None:
    """One line on stderr: ``warlog: <input>: <reason> [<code>]``."""
    _echo_err(f"warlog: {_one_line(str(exc))}")


def _one_line(text: str) -> str:
    # a driver's or a parser's message may run over several lines; a terminal shows one
    return " ".join(text.split())


def _echo_err(line: str) -> None:
    click.echo(printable(line), err=True)


def _echo(text: str) -> None:
    click.echo(printable(text))


_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # C0 but tab and newline, DEL, C1
_RAW_IN_JSON = re.compile(r"[\x7f-\x9f]")


def printable(text: str) -> str:
    """Text from the data as a terminal may show it: an ESC or a bell in an article must not reach the
    terminal as an escape sequence, so C0 and C1 controls are dropped (a tab is a space, newlines stay)."""
    return _CONTROLS.sub("", text.replace("\t", " "))


def json_text(value) -> str:
    """A value as JSON for a terminal (see ``json_safe``)."""
    return json_safe(json.dumps(value, ensure_ascii=False, indent=1))


def json_safe(text: str) -> str:
    """JSON text with DEL and C1 controls (an 8-bit CSI) escaped as well: json.dumps escapes C0 only.
    The value read back is the same."""
    return _RAW_IN_JSON.sub(lambda m: f"\\u{ord(m[0]):04x}", text)


@click.group(cls=Warlog)
@click.version_option(__version__, prog_name="warlog")
def main() -> None:
    """warlog: narrative reports of armed attacks in, source-attributed conflict events out."""


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--json", "as_json", is_flag=True, help="Print the JSON array of the event contract.")
@click.option("--format", "fmt", type=click.Choice(["auto", "infobox-text", "rendered-page", "wikitext", "html", "text"]),
              default="auto", show_default=True, help="Input form; auto tells it from the text.")
@click.option("--max-bytes", type=int, default=DEFAULT_MAX_BYTES, show_default=True,
              help="Refuse larger files.")
@click.option("--actors", "actors_file", type=click.Path(exists=True, dir_okay=False),
              help="A YAML file of your own actors, added to the registry (same shape as data/actors.yaml).")
def extract(paths, as_json, fmt, max_bytes, actors_file):
    """Extract events from article files or folders of them."""
    from . import pipeline
    from .records import events_json

    failed = 0
    first = True
    out = sys.stdout
    if as_json:
        out.write("[")
    for outcome in pipeline.run(paths, fmt, max_bytes, actors_file=actors_file):
        if outcome.error:
            failed += 1
            report(outcome.error)
            continue
        if as_json:
            for text in events_json(outcome.events):
                out.write(("\n" if first else ",\n") + json_safe(text))
                first = False
        else:
            for ev in outcome.events:
                out.write(printable(summary(ev)) + "\n")
    if as_json:
        out.write("\n]\n")
    sys.exit(1 if failed else 0)


DB_HELP = "Database: a SQLite file (default warlog.db, or $WARLOG_DB) or a postgresql:// URL."


def _filters(fn):
    for opt in reversed([
        click.option("--country", help="A country: its name, or ISO alpha-2 or alpha-3 code (Mali, ML, MLI)."),
        click.option("--actor", help="An actor's registry id, name or alias (JNIM, FAMa, ...)."),
        click.option("--since", help="From this date on (YYYY, YYYY-MM or YYYY-MM-DD)."),
        click.option("--until", help="Up to this date (inclusive)."),
        click.option("--type", "type_", help="An ACLED event type or sub-event type (data/event_types.yaml), any case."),
        click.option("--min-killed", type=int, help="At least this many killed (best estimate, all sides)."),
        click.option("--text", help="Full-text search over article and claim text."),
        click.option("--db", help=DB_HELP)]):
        fn = opt(fn)
    return fn


def _make_filters(country, actor, since, until, type_, min_killed, text, limit=None):
    from .query import Filters

    return Filters.parse(country=country, actor=actor, since=since, until=until, type=type_, min_killed=min_killed,
                         text=text, limit=limit)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--db", help=DB_HELP)
@click.option("--actors", "actors_file", type=click.Path(exists=True, dir_okay=False), help="Your own actors (YAML).")
@click.option("--progress/--no-progress", default=None, help="A progress bar (default: when stderr is a terminal).")
@click.option("--prune", is_flag=True, help="Forget stored documents that are gone from the folders named, or unreadable.")
def ingest(paths, db, actors_file, progress, prune):
    """Extract and store documents; unchanged ones are skipped, changed ones replaced."""
    from . import pipeline, store
    from .resources import Resources

    show = sys.stderr.isatty() if progress is None else progress
    summary = pipeline.ingest(paths, store.Store(db), Resources.load(actors_file), show, prune)
    _echo_err(str(summary))
    sys.exit(1 if summary.failures else 0)


@main.command()
@_filters
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
@click.option("--limit", type=int, help="At most this many events (1 or more).")
def events(country, actor, since, until, type_, min_killed, text, db, fmt, limit):
    """List stored events that match the filters."""
    from . import export, query, store

    f = _make_filters(country, actor, since, until, type_, min_killed, text, limit)
    rows = query.events(store.open_for_reading(db), f)
    if fmt == "json":
        click.echo(json_text(rows))
    elif fmt == "csv":
        click.echo(export.to_csv(rows, list(rows[0]) if rows else ["id"]), nl=False)
    else:
        for r in rows:
            killed = "" if r["deaths_best"] is None else f"{r['deaths_best']} killed"
            title, kind = printable(r["title"] or ""), printable(r["sub_event_type"] or "")  # before widths count
            _echo(f"{r['id']}  {r['date_start'] or '?':10}  {r['country_code'] or '??'}  {title[:48]:48}  "
                  f"{kind[:28]:28}  {killed}")


@main.command()
@click.argument("event_id")
@click.option("--db", help=DB_HELP)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def show(event_id, db, as_json):
    """One event: its fields, claims grouped by claimant with their sentences, estimates and discrepancies."""
    from . import query, store

    shown = query.show(store.open_for_reading(db), event_id)
    if shown is None:
        raise NotFound("no such event", path=event_id)
    if as_json:
        click.echo(json_text(shown))
        return
    ev = shown["event"]
    _echo(f"{ev['title']} [{ev['role']}] {ev['date_start']}  {ev.get('event_type')} / {ev.get('sub_event_type')}")
    for who, claims in shown["claims_by_claimant"].items():
        _echo(f"  {who}:")
        for c in claims:
            _echo(f"    {c['side']:9} {c['category']:8} {figure_of(c):>7}  {c['sentence']!r}")
    for cat, by_side in ev["estimates"].items():
        _echo(f"  estimate {cat}: " + ", ".join(f"{s} {e['low']}/{e['best']}/{e['high']}" for s, e in by_side.items()))
    for d in ev["discrepancies"]:
        _echo(f"  discrepancy {d['category']} {d['side']}: " + ", ".join(
            figure_of({**v, "qualifier": "exact" if v["low"] == v["high"] else "range" if v["high"] else "at_least"}) for v in d["values"]))


@main.command("export")
@click.option("--format", "fmt", type=click.Choice(["ged-csv", "acled-csv", "geojson", "parquet", "jsonl"]),
              required=True)
@click.option("--out", help="Output file (parquet: a stem for OUT.events.parquet and OUT.claims.parquet).")
@click.option("--all", "all_events", is_flag=True, help="ged-csv: every event, not only those with deaths (GED's rule).")
@_filters
def export_cmd(fmt, out, all_events, country, actor, since, until, type_, min_killed, text, db):
    """Export stored events as UCDP GED CSV, ACLED CSV, GeoJSON, Parquet or JSON Lines."""
    from . import export, store

    f = _make_filters(country, actor, since, until, type_, min_killed, text)
    result = export.export(store.open_for_reading(db), fmt, out, f, all_events)
    if isinstance(result, str):
        click.echo(result, nl=False)
    else:
        _echo_err("wrote " + ", ".join(map(str, result)))


@main.command()
@click.option("--db", help=DB_HELP)
@click.option("--host", default="127.0.0.1", show_default=True, help="The address to listen on.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True, help="The port to listen on.")
def serve(db, host, port):
    """Explore the stored events in a browser: list, timeline, map, claims beside their article (read-only)."""
    from . import store, web

    web.serve(store.read_only(store.open_for_reading(db)), host, port)


@main.command("datasette-metadata")
@click.option("--db", help="The SQLite store Datasette will open (default warlog.db, or $WARLOG_DB).")
@click.option("--out", help="Write the metadata here (JSON; YAML for a .yml or .yaml name) instead of printing it.")
def datasette_metadata(db, out):
    """Datasette's metadata for a store: titles, descriptions, units, canned queries."""
    from . import metadata, store

    s = store.open_for_reading(db)  # migrated where it can be written: its keys and search tables are Datasette's
    written = metadata.write(s, out)
    if out is None:
        click.echo(written, nl=False)
    else:
        _echo_err(f"wrote {out}: datasette {s.where} -m {out}")


@main.command("compare")
@click.argument("events_file", metavar="[EVENTS.json]", required=False, type=click.Path(exists=True, dir_okay=False))
@click.option("--ged", "ged_file", type=click.Path(exists=True, dir_okay=False), help="A UCDP GED CSV file.")
@click.option("--acled", "acled_file", type=click.Path(exists=True, dir_okay=False), help="An ACLED CSV file.")
@click.option("--db", help=DB_HELP + " Read when no EVENTS.json is given.")
@click.option("--max-km", type=click.FloatRange(min=0), default=50.0, show_default=True,
              help="How far a row's point may lie from one of the event's places.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
@click.option("--unmatched", is_flag=True, help="Also the events no row codes, and the rows of their days no event took.")
def compare_cmd(events_file, ged_file, acled_file, db, max_km, fmt, unmatched):
    """Hold events against a dataset's rows for the same events (UCDP GED or ACLED): matches, figures, agreement."""
    from . import actors, compare, export, store

    if bool(ged_file) == bool(acled_file):
        raise click.UsageError("give one reference file: --ged FILE.csv or --acled FILE.csv")
    dataset, path = ("ged", ged_file) if ged_file else ("acled", acled_file)
    rows = compare.read_reference(path, dataset)
    recs = compare.load_events(events_file) if events_file else export.records(store.open_for_reading(db))
    result = compare.compare(recs, rows, actors.load(), dataset, max_km)
    if fmt == "json":
        click.echo(json_text(compare.as_json(result, unmatched)))
    elif fmt == "csv":
        click.echo(export.to_csv(compare.as_rows(result, unmatched), compare.CSV_COLUMNS), nl=False)
    else:
        _echo(compare.as_table(result, unmatched))


@main.command("evaluate")
@click.argument("gold_file", metavar="GOLD.json", type=click.Path(exists=True, dir_okay=False))
@click.argument("events_file", metavar="[EVENTS.json]", required=False, type=click.Path(exists=True, dir_okay=False))
@click.option("--db", help=DB_HELP + " Read when no EVENTS.json is given.")
@click.option("-v", "--verbose", is_flag=True, help="Each document: claims missed and unpaired, fields wrong.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--min-recall", type=float, help="Exit 1 when the claims' recall is below this.")
@click.option("--min-precision", type=float, help="Exit 1 when the claims' precision is below this.")
@click.option("--min-fields", type=float, help="Exit 1 when the share of right event fields is below this.")
def evaluate_cmd(gold_file, events_file, db, verbose, fmt, min_recall, min_precision, min_fields):
    """Score events against an answer key you coded by hand: claims recall and precision, event fields."""
    from . import evaluate, export, store

    key = evaluate.load(gold_file, "key")
    recs = evaluate.load(events_file, "events") if events_file else export.records(store.open_for_reading(db))
    score = evaluate.evaluate(key, recs)
    if fmt == "json":
        click.echo(json_text(score.to_dict()))
    else:
        _echo(evaluate.report(score, verbose))
    score.check(min_recall, min_precision, min_fields)


@main.command("dump")
@click.argument("dump_file", metavar="DUMP", type=click.Path(exists=True, dir_okay=False))
@click.option("--index", type=click.Path(exists=True, dir_okay=False),
              help="The multistream index (...-multistream-index.txt.bz2): streams are then read in parallel.")
@click.option("--db", help=DB_HELP)
@click.option("--out", help="Write JSON Lines here instead of the store.")
@click.option("--workers", type=int, default=2, show_default=True,
              help="Worker processes scanning the dump; 0 scans in this process.")
@click.option("--scheduler", help="An existing Dask cluster's scheduler (tcp://host:8786) instead of local workers.")
@click.option("--progress/--no-progress", default=None, help="A progress bar (default: when stderr is a terminal).")
@click.option("--max-bytes", type=int, default=DEFAULT_MAX_BYTES, show_default=True,
              help="Refuse larger pages (their XML): each is a failure, never parsed.")
def dump_cmd(dump_file, index, db, out, workers, scheduler, progress, max_bytes):
    """Stream a MediaWiki XML dump's conflict articles into the store (resumable).

    Exit status: 0 every stream and conflict page was read; 1 a stream or page failed (the summary
    names them; a rerun reads the failed streams again) or the dump or index was refused; 130 or 143
    when stopped by Ctrl-C or SIGTERM (the streams done are kept)."""
    from . import dump

    show = sys.stderr.isatty() if progress is None else progress
    summary = _interruptible(lambda: dump.run(dump_file, index, db, out, workers, scheduler, show,
                                              max_bytes=max_bytes))
    _echo_err(str(summary))
    sys.exit(1 if summary.failed else 0)


def _interruptible(fn):
    """``fn()`` with SIGTERM stopping it as Ctrl-C does, so its cleanup (a dump's local workers)
    runs either way; stopped, the command exits 128 + the signal's number, as a shell reports it."""
    def stop(signum, _frame):
        raise KeyboardInterrupt(signum)

    try:
        old = signal.signal(signal.SIGTERM, stop)
    except ValueError:  # not the main thread: signals are not ours to handle
        old = None
    try:
        return fn()
    except KeyboardInterrupt as exc:
        signum = exc.args[0] if exc.args and isinstance(exc.args[0], int) else signal.SIGINT
        _echo_err(f"warlog: interrupted ({signal.Signals(signum).name}): the streams done are kept; "
                  "a rerun goes on from there")
        sys.exit(128 + signum)
    finally:
        if old is not None:
            signal.signal(signal.SIGTERM, old)


@main.group()
def places():
    """The gazetteer: look a place up, or add places of your own."""


PLACES_DB = click.option("--db", type=click.Path(dir_okay=False),
                         help="Your places file (default: the user data folder, or $WARLOG_DATA).")


def _progress(show: bool | None, what: str):
    """A line on stderr that counts as an import goes (when stderr is a terminal, or --progress)."""
    if not (sys.stderr.isatty() if show is None else show):
        return None
    end = "\r" if sys.stderr.isatty() else "\n"

    def report(label, n, found=None):
        more = f", {found:,} {what}" if found is not None else f" {what}"
        click.echo(f"  {label}: {n:,}{more}", err=True, nl=False)
        click.echo(end, err=True, nl=False)

    return report


PROGRESS = click.option("--progress/--no-progress", default=None, help="Show progress (default: when stderr is a terminal).")


@places.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@PLACES_DB
@PROGRESS
def places_import(file, db, progress):
    """Add a GeoNames dump to your places: allCountries.txt or a country file (ML.txt), or the .zip GeoNames serves."""
    from . import gazetteer

    report = _progress(progress, "rows read")
    n = gazetteer.import_geonames(file, Path(db) if db else None, (lambda label, k: report(label, k)) if report else None)
    _echo(f"{n} places imported into {db or gazetteer.user_db_path()}")


@places.command("from-dump")
@click.argument("dump", type=click.Path(exists=True, dir_okay=False))
@PLACES_DB
@PROGRESS
def places_from_dump(dump, db, progress):
    """Collect every settlement article's coordinates from a Wikipedia dump (.xml or .xml.bz2)."""
    from . import dump_places, gazetteer

    report = _progress(progress, "settlements")
    n = dump_places.import_dump(dump, Path(db) if db else None, (lambda k, f: report("pages", k, f)) if report else None)
    _echo(f"{n} settlements imported into {db or gazetteer.user_db_path()}")


@places.command("lookup")
@click.argument("name")
@click.option("--country", help="ISO 3166-1 alpha-2 code to keep to.")
def places_lookup(name, country):
    """Where a name points, with its precision and source, and the namesakes it was chosen over."""
    from . import gazetteer

    found = gazetteer.load().explain(name, country)
    if not found:
        _echo(f"{name}: not found" + (f" in {country}" if country else ""))
        sys.exit(1)
    for line in found:
        _echo(line)
    if found[0].startswith("ambiguous"):
        sys.exit(1)


@main.group("actors")
def actors_group():
    """The actor registry: look a name up, or add actors of your own."""


@actors_group.command("lookup")
@click.argument("name")
@click.option("--actors", "actors_file", type=click.Path(exists=True, dir_okay=False), help="Your own actors (YAML).")
def actors_lookup(name, actors_file):
    """What a name resolves to and why; a name nobody knows is kept as written, kind unknown."""
    from . import actors

    lines = actors.load(actors_file).describe(name)
    for line in lines:
        _echo(line)
    sys.exit(0 if lines and not lines[0].endswith("kind unknown") else 1)


@actors_group.command("from-dump")
@click.argument("dump", type=click.Path(exists=True, dir_okay=False))
@click.option("--registry", type=click.Path(dir_okay=False),
              help="Your actors file (default: actors.yaml in the user data folder, or $WARLOG_DATA).")
@PROGRESS
def actors_from_dump(dump, registry, progress):
    """Collect militant organisations, military units and states from a Wikipedia dump (.xml or .xml.bz2)."""
    from . import actors, dump_actors

    report = _progress(progress, "actors")
    n = dump_actors.import_dump(dump, Path(registry) if registry else None,
                                (lambda k, f: report("pages", k, f)) if report else None)
    _echo(f"{n} actors added to {registry or actors.user_registry_path()}")


def summary(ev) -> str:
    """A few readable lines for one event."""
    where = ", ".join(loc.name for loc in ev.locations) or "?"
    kind = f" - {ev.sub_event_type}" if ev.sub_event_type else ""
    lines = [f"{ev.title} [{ev.role}] {ev.date_start or '?'} {where} ({ev.country_code or '?'}){kind}"]
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
    return figure_of({"low": c.low, "high": c.high, "qualifier": c.qualifier})


def figure_of(c: dict) -> str:
    return {"exact": f"{c['low']}", "approx": f"~{c['low']}", "range": f"{c['low']}-{c['high']}",
            "at_least": f"{c['low']}+", "at_most": f"<={c['high']}"}.get(c["qualifier"], "?")
