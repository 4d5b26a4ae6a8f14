"""Exports in the shapes the field uses: UCDP GED and ACLED CSV, GeoJSON, Parquet and JSON Lines.

Every exporter reads the stored event records (the contract JSON), so each shows the same facts.
Rules for the single figures:
- GED: deaths_a / deaths_b / deaths_civilians / deaths_unknown are the best estimates of killed per
  side; best, low and high are their sums (GED's own practice).
- ACLED: ``fatalities`` is the most conservative figure, the sum of every side's low estimate of
  killed, as ACLED codes the lowest credible report.
"""
from __future__ import annotations

import csv
import io
import json
import os
import re
from collections.abc import Callable
from pathlib import Path

from .errors import DiskFull, MissingExtra, NoSuchFolder, WriteError, is_disk_full
from .query import Filters
from .store import Store

GED_COLUMNS = ["id", "relid", "year", "type_of_violence", "conflict_name", "dyad_name", "side_a", "side_b",
               "source_article", "source_original", "where_prec", "where_coordinates", "where_description", "adm_1",
               "adm_2", "latitude", "longitude", "geom_wkt", "country", "country_id", "date_prec", "date_start",
               "date_end", "deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown", "best", "high", "low"]
ACLED_COLUMNS = ["event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
                 "sub_event_type", "actor1", "assoc_actor_1", "actor2", "assoc_actor_2", "civilian_targeting", "iso",
                 "country", "admin1", "admin2", "location", "latitude", "longitude", "geo_precision", "source",
                 "source_scale", "notes", "fatalities", "tags"]
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


def _best(rec: dict, side: str, key: str = "best"):
    est = (rec.get("estimates") or {}).get("killed", {}).get(side)
    return est.get(key) if est and not est.get("vague") else None


def _sum(values):
    vals = [v for v in values if v is not None]
    return sum(vals) if vals else None


def _date_prec_ged(rec: dict) -> int | None:
    p = rec.get("date_precision")
    if p == "day":
        start, end = rec.get("date_start") or "", rec.get("date_end") or ""
        if start == end:
            return 1
        import datetime as dt

        days = (dt.date.fromisoformat(end) - dt.date.fromisoformat(start)).days
        return 2 if days <= 6 else 3 if days <= 7 else 4 if days <= 31 else 5
    return {"month": 4, "year": 5}.get(p)


def _main_loc(rec: dict) -> dict:
    return (rec.get("locations") or [{}])[0]


def _actors(rec: dict, side: str) -> list[str]:
    return [a["name"] for a in (rec.get("sides") or {}).get(side, {}).get("actors", [])]


def ged_row(rec: dict) -> dict:
    loc = _main_loc(rec)
    a, b = _actors(rec, "A"), _actors(rec, "B")
    sides = {s: _best(rec, s) for s in ("A", "B", "civilians", "unknown")}
    lows = [_best(rec, s, "low") for s in (rec.get("estimates") or {}).get("killed", {})]
    highs = [_best(rec, s, "high") for s in (rec.get("estimates") or {}).get("killed", {})]
    doc = rec.get("document") or {}
    return {
        "id": rec["id"], "relid": rec["id"], "year": (rec.get("date_start") or "")[:4] or None,
        "type_of_violence": rec.get("violence_type"), "conflict_name": rec.get("part_of"),
        "dyad_name": " - ".join(filter(None, ["; ".join(a), "; ".join(b)])) or None,
        "side_a": "; ".join(a) or None, "side_b": "; ".join(b) or None,
        "source_article": doc.get("title") or doc.get("path"), "source_original": doc.get("path"),
        "where_prec": loc.get("precision"), "where_coordinates": loc.get("name"), "where_description": loc.get("text"),
        "adm_1": loc.get("admin1"), "adm_2": loc.get("admin2"), "latitude": loc.get("lat"), "longitude": loc.get("lon"),
        "geom_wkt": f"POINT ({loc['lon']} {loc['lat']})" if loc.get("lat") is not None else None,
        "country": rec.get("country"), "country_id": rec.get("country_code"), "date_prec": _date_prec_ged(rec),
        "date_start": rec.get("date_start"), "date_end": rec.get("date_end"),
        "deaths_a": sides["A"], "deaths_b": sides["B"], "deaths_civilians": sides["civilians"],
        "deaths_unknown": sides["unknown"], "best": _sum(sides.values()), "high": _sum(highs), "low": _sum(lows),
    }


def acled_row(rec: dict) -> dict:
    loc = _main_loc(rec)
    a, b = _actors(rec, "A"), _actors(rec, "B")
    lows = [_best(rec, s, "low") for s in (rec.get("estimates") or {}).get("killed", {})]
    prec = {"day": 1, "month": 3, "year": 3}.get(rec.get("date_precision"))
    if prec == 1 and rec.get("date_start") != rec.get("date_end"):
        prec = 2
    sources = sorted({s["name"] for c in rec.get("claims", []) for s in c.get("sources", []) + c.get("via", [])})
    return {
        "event_id_cnty": rec["id"], "event_date": rec.get("date_start"), "year": (rec.get("date_start") or "")[:4] or None,
        "time_precision": prec, "disorder_type": _disorder(rec), "event_type": rec.get("event_type"),
        "sub_event_type": rec.get("sub_event_type"), "actor1": a[0] if a else None,
        "assoc_actor_1": "; ".join(a[1:]) or None, "actor2": b[0] if b else ("Civilians" if rec.get("violence_type") == 3 else None),
        "assoc_actor_2": "; ".join(b[1:]) or None,
        "civilian_targeting": "Civilian targeting" if rec.get("event_type") == "Violence against civilians" else None,
        "iso": rec.get("country_code"), "country": rec.get("country"), "admin1": loc.get("admin1"),
        "admin2": loc.get("admin2"), "location": loc.get("name"), "latitude": loc.get("lat"),
        "longitude": loc.get("lon"), "geo_precision": {1: 1, 2: 1, 3: 2, 4: 2}.get(loc.get("precision"), 3 if loc else None),
        "source": "; ".join(sources) or (rec.get("document") or {}).get("title"), "source_scale": "Other",
        "notes": _notes(rec), "fatalities": _sum(lows) or 0, "tags": rec.get("type_rule"),
    }


def _disorder(rec: dict) -> str | None:
    if rec.get("event_type") in ("Battles", "Explosions/Remote violence", "Violence against civilians"):
        return "Political violence"
    return "Strategic developments" if rec.get("event_type") == "Strategic developments" else None


def _notes(rec: dict) -> str:
    loc = _main_loc(rec)
    parts = [f"On {rec.get('date_start')}", ", ".join(_actors(rec, "A")) or "unidentified actors",
             f"({rec.get('sub_event_type') or 'event'})", f"in {loc.get('name')}" if loc else ""]
    return " ".join(p for p in parts if p) + f". [{rec.get('title')}]"


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

    ev_rows = [{**ged_row(r), "title": r["title"], "role": r["role"], "event_type": r.get("event_type"),
                "sub_event_type": r.get("sub_event_type"), "date_start": date(r.get("date_start")),
                "date_end": date(r.get("date_end")), "date_precision": r.get("date_precision"),
                "year": int(r["date_start"][:4]) if r.get("date_start") else None} for r in recs]
    int_cols = ["year", "type_of_violence", "where_prec", "date_prec", "deaths_a", "deaths_b", "deaths_civilians",
                "deaths_unknown", "best", "high", "low"]
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


def export(store: Store, fmt: str, out: str | None, f: Filters | None = None) -> str | list[Path]:
    """Write (or return, when ``out`` is None) the filtered events in ``fmt``."""
    if out and not Path(out).parent.is_dir():  # said before the query runs, not after
        raise NoSuchFolder(f"cannot write {out}: no such folder")
    recs = records(store, f)
    if fmt == "parquet":
        return parquet(recs, Path(out or "warlog"))
    if fmt == "ged-csv":
        text = to_csv([ged_row(r) for r in recs], GED_COLUMNS)
    elif fmt == "acled-csv":
        text = to_csv([acled_row(r) for r in recs], ACLED_COLUMNS)
    elif fmt == "geojson":
        text = json.dumps(geojson(recs), ensure_ascii=False, indent=1)
    else:
        text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs)
    if out:
        write_whole(out, [(Path(out), lambda tmp: tmp.write_text(text, encoding="utf-8"))])
        return [Path(out)]
    return text
