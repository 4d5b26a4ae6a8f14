"""Exports in the shapes the field uses: UCDP GED and ACLED CSV, GeoJSON, Parquet and JSON Lines.

Every exporter reads the stored event records (the contract JSON), so each shows the same facts. The
GED and ACLED rows, their codes and their rules for the single figures are ``datasets.py``'s.
"""
from __future__ import annotations

import csv
import io
import json
import os
import re
from collections.abc import Callable
from pathlib import Path

from . import actors
from .datasets import ACLED_COLUMNS, GED_COLUMNS, acled_row, ged_row, has_deaths
from .errors import DiskFull, MissingExtra, NoSuchFolder, WriteError, is_disk_full
from .query import Filters
from .store import Store

FORMATS = ("ged-csv", "acled-csv", "geojson", "parquet", "jsonl")


def records(store: Store, f: Filters | None = None) -> list[dict]:
    """The stored records of the events that pass the filters."""
    from .query import events

    ids = [r["id"] for r in events(store, f or Filters())]
    e = store.t["events"]
    out = []
    with store.engine.connect() as con:
        for i in range(0, len(ids), 500):
            rows = con.execute(store.sa.select(e.c.record).where(e.c.id.in_(ids[i:i + 500]))).scalars()
            out += [json.loads(r) for r in rows]
    order = {eid: n for n, eid in enumerate(ids)}
    return sorted(out, key=lambda r: order[r["id"]])


def stored_at(store: Store, ids: list[str]) -> dict[str, int]:
    """When each event's document was stored, as Unix time (ACLED's ``timestamp``)."""
    import datetime as dt

    e, d = store.t["events"], store.t["documents"]
    out = {}
    with store.engine.connect() as con:
        for i in range(0, len(ids), 500):
            q = (store.sa.select(e.c.id, d.c.ingested_at).join(d, d.c.id == e.c.document_id)
                 .where(e.c.id.in_(ids[i:i + 500])))
            out.update({eid: int(dt.datetime.fromisoformat(at).timestamp()) for eid, at in con.execute(q) if at})
    return out


def _best(rec: dict, side: str, key: str = "best"):
    est = (rec.get("estimates") or {}).get("killed", {}).get(side)
    return est.get(key) if est and not est.get("vague") else None


def _sum(values):
    vals = [v for v in values if v is not None]
    return sum(vals) if vals else None


def _main_loc(rec: dict) -> dict:
    return (rec.get("locations") or [{}])[0]


def _actors(rec: dict, side: str) -> list[str]:
    return [a["name"] for a in (rec.get("sides") or {}).get(side, {}).get("actors", [])]


def to_csv(rows: list[dict], columns: list[str]) -> str:
    """Rows as CSV (RFC 4180), every cell safe to open in a spreadsheet (see ``cell``)."""
    buf = io.StringIO()
    # CRLF ends a row, so the writer quotes a cell holding a lone CR too (with LF alone it would not,
    # and every reader would break the row there)
    w = csv.DictWriter(buf, fieldnames=columns, lineterminator="\r\n")
    w.writeheader()
    w.writerows({k: cell(v) for k, v in r.items()} for r in rows)
    return buf.getvalue()


# CSV injection (OWASP): a spreadsheet runs a cell that starts with one of these as a formula
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def cell(value):
    """A value as a CSV cell. Text a spreadsheet would run as a formula gets a leading ``'``, as OWASP
    recommends, unless it is a plain number: a longitude of -3.77 stays a number."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not is_number(value):
        return "'" + value
    return value


def is_number(text: str) -> bool:
    """A plain decimal number (-5, -0.5, +3, 1e-3): no formula, and read as a number by every tool."""
    return _NUMBER.fullmatch(text) is not None


def geojson(recs: list[dict]) -> dict:
    """One Point feature per located place of each event (RFC 7946: [lon, lat])."""
    features = []
    for rec in recs:
        low, best, high = (_sum(_best(rec, s, k) for s in (rec.get("estimates") or {}).get("killed", {}))
                           for k in ("low", "best", "high"))
        for i, loc in enumerate(rec.get("locations") or []):
            if loc.get("lat") is None:
                continue
            features.append({"type": "Feature", "id": f"{rec['id']}:{i}",
                             "geometry": {"type": "Point", "coordinates": [loc["lon"], loc["lat"]]},
                             "properties": {
                                 "event_id": rec["id"], "title": rec["title"], "role": rec["role"],
                                 "date_start": rec.get("date_start"), "date_end": rec.get("date_end"),
                                 "event_type": rec.get("event_type"), "sub_event_type": rec.get("sub_event_type"),
                                 "violence_type": rec.get("violence_type"), "country_code": rec.get("country_code"),
                                 "place": loc.get("name"), "where_prec": loc.get("precision"),
                                 "side_a": "; ".join(_actors(rec, "A")) or None,
                                 "side_b": "; ".join(_actors(rec, "B")) or None,
                                 "deaths_low": low, "deaths_best": best, "deaths_high": high,
                                 "source_article": (rec.get("document") or {}).get("title")}})
    return {"type": "FeatureCollection", "features": features}


def parquet(recs: list[dict], out: Path) -> list[Path]:
    """``OUT.events.parquet`` and ``OUT.claims.parquet`` with real types (dates, integers)."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise MissingExtra("parquet export needs pyarrow: pip install 'warlog[parquet]'") from None
    import datetime as dt

    def date(s):
        if not s:
            return None
        return dt.date.fromisoformat(s + {4: "-01-01", 7: "-01"}.get(len(s), ""))

    reg = actors.load()
    ev_rows = [{"event_id": r["id"], **ged_row(r, reg), "title": r["title"], "role": r["role"],
                "event_type": r.get("event_type"), "sub_event_type": r.get("sub_event_type"),
                "date_precision": r.get("date_precision")} for r in recs]
    for row in ev_rows:
        row["date_start"], row["date_end"] = date(row["date_start"]), date(row["date_end"])
    int_cols = ["year", "type_of_violence", "number_of_sources", "where_prec", "priogrid_gid", "country_id",
                "event_clarity", "date_prec", "deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown", "best",
                "high", "low", "gwnoa", "gwnob"]
    schema = pa.schema([(c, pa.int64() if c in int_cols else pa.date32() if c in ("date_start", "date_end")
                         else pa.float64() if c in ("latitude", "longitude") else pa.string())
                        for c in ev_rows[0]] if ev_rows else [("id", pa.string())])
    cl_rows = [{"event_id": r["id"], "position": i, "side": c["side"], "subject": c.get("subject"),
                "category": c["category"], "low": c.get("low"), "high": c.get("high"), "qualifier": c["qualifier"],
                "sources": "; ".join(s["name"] for s in c["sources"]), "via": "; ".join(v["name"] for v in c["via"]),
                "stated_on": date(c.get("stated_on")), "origin": c["origin"], "text": c["text"],
                "start": c["start"], "end": c["end"]} for r in recs for i, c in enumerate(r.get("claims", []))]
    cl_schema = pa.schema([("event_id", pa.string()), ("position", pa.int32()), ("side", pa.string()),
                           ("subject", pa.string()), ("category", pa.string()), ("low", pa.int64()),
                           ("high", pa.int64()), ("qualifier", pa.string()), ("sources", pa.string()),
                           ("via", pa.string()), ("stated_on", pa.date32()), ("origin", pa.string()),
                           ("text", pa.string()), ("start", pa.int64()), ("end", pa.int64())])
    stem = str(out).removesuffix(".parquet")
    paths = [Path(stem + ".events.parquet"), Path(stem + ".claims.parquet")]
    events_table = pa.Table.from_pylist([{k: (str(v) if v is not None and schema.field(k).type == pa.string() else v)
                                          for k, v in r.items()} for r in ev_rows], schema=schema)
    claims_table = pa.Table.from_pylist(cl_rows, schema=cl_schema)
    write_whole(str(out), [(paths[0], lambda tmp: pq.write_table(events_table, tmp)),
                           (paths[1], lambda tmp: pq.write_table(claims_table, tmp))])
    return paths


def write_whole(name: str, writers: list[tuple[Path, Callable[[Path], None]]]) -> None:
    """Write each file whole or none at all: each into a ``.part`` file beside it, renamed once every one
    is complete, so a full disk leaves no half-written export (and an older one stays as it was)."""
    parts = [(path, path.with_name(path.name + ".part")) for path, _ in writers]
    try:
        for (_, part), (_, write) in zip(parts, writers):
            write(part)
        for path, part in parts:
            os.replace(part, path)
    except OSError as exc:
        for _, part in parts:
            part.unlink(missing_ok=True)
        if is_disk_full(exc):
            raise DiskFull("disk full: nothing of it was written", path=name) from None
        raise WriteError(f"cannot write it: {exc.strerror or exc}", path=name) from None


def export(store: Store, fmt: str, out: str | None, f: Filters | None = None,
           all_events: bool = False) -> str | list[Path]:
    """Write (or return, when ``out`` is None) the filtered events in ``fmt``. ``ged-csv`` holds only
    the events with deaths, as GED does, unless ``all_events``."""
    if out and not Path(out).parent.is_dir():  # said before the query runs, not after
        raise NoSuchFolder(f"cannot write {out}: no such folder")
    recs = records(store, f)
    if fmt == "parquet":
        return parquet(recs, Path(out or "warlog"))
    if fmt == "ged-csv":
        reg = actors.load()
        text = to_csv([ged_row(r, reg) for r in recs if all_events or has_deaths(r)], GED_COLUMNS)
    elif fmt == "acled-csv":
        reg, times = actors.load(), stored_at(store, [r["id"] for r in recs])
        text = to_csv([acled_row(r, reg, times.get(r["id"])) for r in recs], ACLED_COLUMNS)
    elif fmt == "geojson":
        text = json.dumps(geojson(recs), ensure_ascii=False, indent=1)
    else:
        text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs)
    if out:
        write_whole(out, [(Path(out), lambda tmp: tmp.write_text(text, encoding="utf-8"))])
        return [Path(out)]
    return text
