"""warlog's events held against a dataset's coding of the same events: rows of UCDP GED or ACLED.

An event and a row code the same event when all three hold:
- **date**: the row's days overlap the event's, give or take a day (an event known to its month or
  year spans it);
- **place**: the row's point lies within ``max_km`` (50 km by default) of one of the event's places,
  or the row names the same second-order division (admin2) in the same country;
- **actors**: every side of the row that names actors warlog knows resolves to actors of the event
  (the same registry id, a member or parent, or a registered ally; "Government of Mali", "JNIM" and
  ACLED's "Military Forces of Mali (2021-)" resolve through the actor registry and
  ``data/dataset_actors.yaml``), two sides of the row to two sides of the event, and at least one side
  names a belligerent of the event. "Civilians" matches an event whose victims are civilians. A side
  whose names resolve to nothing is not held against the event.
A dataset may split one article's event into several rows (by dyad, by place): an event gets every
row that matches.

Figures: warlog's low/best/high are the sums of its estimates of killed over the sides (as the
exports give them); the reference's are the sums over the matched rows (ACLED: fatalities for all
three). They **agree** when the reference's best lies within warlog's [low, high], or within the span
of the claims themselves (per side the smallest and the largest figure any claim gives, revised ones
included, summed over the sides). A claim **supports** a figure n when n lies within what it states (a
range, "at least" or "at most" as written). Where GED gives deaths per side, each side is held against
warlog's estimate for the event's side that its actors resolve to.
"""
from __future__ import annotations

import csv
import datetime as dt
import functools
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

from . import countries, datasets
from .actors import STATE_KINDS, ActorRecord, Registry, fold
from .sides import UNIDENTIFIED
from .errors import DataFileError

MAX_KM = 50.0
CIVILIANS = "civilians"
_REQUIRED = {"ged": ("id", "date_start", "latitude", "longitude", "side_a", "side_b", "best"),
             "acled": ("event_id_cnty", "event_date", "latitude", "longitude", "actor1", "actor2", "fatalities")}
_DEATHS = ("deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown")
_STATE_NAME = re.compile(r"^(?:government|military forces|police forces|armed forces) of (?P<country>.+)$", re.I)
_BRACKETS = re.compile(r"\s*\([^()]*\)\s*$")


@dataclass
class Row:
    """One row of a reference file: its id, days, point, admin areas, sides (names), deaths."""

    id: str
    date_start: str
    date_end: str
    lat: float | None
    lon: float | None
    country: str | None
    admin2: str | None
    sides: list[str]  # GED: side_a, side_b; ACLED: actor1 (and its associates), actor2 (...)
    low: int
    best: int
    high: int
    deaths: dict[str, int] = field(default_factory=dict)  # GED's deaths per side, where the file has them

    def figures(self) -> dict:
        return {"low": self.low, "best": self.best, "high": self.high}


# -- reading a reference file ----------------------------------------------------------------------------

def read_reference(path: str | Path, dataset: str) -> list[Row]:
    """The rows of a GED or ACLED CSV file (``dataset``: "ged" or "acled"). A file that lacks the columns
    needed, or holds a row whose date or figures cannot be read, is a DataFileError naming the line."""
    path = str(path)
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            missing = [c for c in _REQUIRED[dataset] if c not in (reader.fieldnames or [])]
            if missing:
                raise DataFileError(f"not a {dataset.upper()} file: no column {', '.join(missing)}", path=path)
            make = _ged_row if dataset == "ged" else _acled_row
            rows = []
            for line, raw in enumerate(reader, 2):
                try:
                    rows.append(make(raw))
                except (ValueError, TypeError) as exc:
                    raise DataFileError(f"cannot read this row: {exc}", path=path, line=line) from None
            return rows
    except OSError as exc:
        raise DataFileError(f"cannot read it: {exc.strerror or exc}", path=path) from None
    except (UnicodeDecodeError, csv.Error) as exc:
        raise DataFileError(f"not a CSV file: {exc}", path=path) from None


def _float(text: str | None) -> float | None:
    return float(text) if text not in (None, "") else None


def _count(text: str | None, default: int | None = None) -> int:
    if text in (None, ""):
        if default is None:
            raise ValueError("a count is missing")
        return default
    return int(float(text))


def _ged_row(raw: dict) -> Row:
    start = _date(raw["date_start"])
    best = _count(raw["best"])
    deaths = {k: _count(raw[k]) for k in _DEATHS if raw.get(k) not in (None, "")}
    return Row(raw["id"], start, _date(raw.get("date_end") or raw["date_start"]), _float(raw["latitude"]),
               _float(raw["longitude"]), raw.get("country") or None, raw.get("adm_2") or None,
               [raw["side_a"], raw["side_b"]], _count(raw.get("low"), best), best, _count(raw.get("high"), best),
               deaths)


def _acled_row(raw: dict) -> Row:
    day = _date(raw["event_date"])
    n = _count(raw["fatalities"], 0)
    sides = ["; ".join(x for x in (raw["actor1"], raw.get("assoc_actor_1")) if x),
             "; ".join(x for x in (raw["actor2"], raw.get("assoc_actor_2")) if x)]
    return Row(raw["event_id_cnty"], day, day, _float(raw["latitude"]), _float(raw["longitude"]),
               raw.get("country") or None, raw.get("admin2") or None, sides, n, n, n)


_DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%d-%B-%Y", "%d-%m-%Y", "%d/%m/%Y", "%m/%d/%Y")


def _date(text: str) -> str:
    """A whole date from GED ("2018-01-27", "2018-01-27 00:00:00.000") or ACLED ("27 January 2018")."""
    text = (text or "").strip()
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text[:10] if fmt == "%Y-%m-%d" else text, fmt).date().isoformat()
        except ValueError:
            continue
    raise ValueError(f"'{text}' is not a date")


# -- actors ----------------------------------------------------------------------------------------------

@functools.lru_cache(maxsize=4096)  # a row's sides are read again for each event of its days
def resolve_side(names: str, reg: Registry) -> list[ActorRecord | str] | None:
    """The actors a dataset's side names, as registry records (or CIVILIANS); None when none resolves."""
    parts = [p for p in re.split(r";\s*|,\s+(?=[A-Z])", names or "") if p.strip()]
    found = [hit for p in parts if (hit := resolve_name(p, reg)) is not None]
    return found or None


def resolve_name(name: str, reg: Registry) -> ActorRecord | str | None:
    """One actor as GED or ACLED names it: "Civilians (Mali)", "Government of Mali", "Military Forces of
    Mali (2021-)", "JNIM: Group for Support of Islam and Muslims", "FLM"."""
    name = name.strip()
    if fold(name).startswith("civilians"):
        return CIVILIANS
    state = _STATE_NAME.match(name)
    if state:
        return _state(_BRACKETS.sub("", state["country"]), reg)
    written = _written()
    for candidate in (name, _BRACKETS.sub("", name), name.split(":")[0].strip()):  # as written first
        if fold(candidate) in written:
            return _named(reg.by_id.get(written[fold(candidate)]))
        whole = reg.find(candidate)
        if len(whole) == 1 and whole[0].start == 0 and whole[0].end == len(candidate):
            return _named(whole[0].actor)  # the whole name, not a word inside it ("Dozos (Mali)" is not Mali)
    return None


def _named(actor: ActorRecord | None) -> ActorRecord | None:
    """An actor by its name; "Unidentified Armed Group (Mali)" names nobody, and is held against no one."""
    return None if actor is None or actor.id == UNIDENTIFIED else actor


@functools.lru_cache(maxsize=1)
def _written() -> dict[str, str]:
    """The datasets' names (folded) to registry ids: "IS" is GED's name for several, the first stands."""
    out: dict[str, str] = {}
    for key in ("ged", "acled"):
        for actor_id, written in datasets.names()[key].items():
            out.setdefault(fold(written), actor_id)
    return out


def _state(country: str, reg: Registry) -> ActorRecord | None:
    hit = countries.lookup(country)
    code = hit[1] if hit else None
    return next((r for r in reg.by_id.values() if r.kind in STATE_KINDS and r.country == code), None) if code else None


def related(a: ActorRecord, b: ActorRecord, reg: Registry) -> bool:
    """The same actor, one a member (at any depth) of the other, members of one group, or registered
    allies; two states are never one (Niger's army fighting beside Mali's is still Niger's)."""
    if a.id == b.id:
        return True
    if reg.allies(a, b) and not (a.kind in STATE_KINDS and b.kind in STATE_KINDS):
        return True
    up_a, up_b = _ancestors(a, reg), _ancestors(b, reg)
    return b.id in up_a or a.id in up_b or (a.parent is not None and a.parent == b.parent)


def _ancestors(a: ActorRecord, reg: Registry) -> list[str]:
    out, cur = [], a
    while cur.parent and cur.parent not in out and len(out) < 8:
        out.append(cur.parent)
        cur = reg.by_id.get(cur.parent) or ActorRecord(cur.parent, cur.parent, "unknown")
    return out


def _event_sides(rec: dict, reg: Registry) -> dict[str, list[ActorRecord]]:
    out = {}
    for label, side in (rec.get("sides") or {}).items():
        found = [reg.by_id[a["id"]] for a in side.get("actors") or [] if a.get("id") in reg.by_id and a["id"] != UNIDENTIFIED]
        if found:
            out[label] = found
    return out


def _civilian_victims(rec: dict) -> bool:
    return (rec.get("violence_type") == 3 or CIVILIANS in ((rec.get("estimates") or {}).get("killed") or {})
            or any(a.get("kind") == "civilians" for s in (rec.get("sides") or {}).values() for a in s.get("actors") or []))


def side_labels(row: Row, rec: dict, reg: Registry) -> list[set[str] | None] | None:
    """For each side of the row, the event's sides it resolves to (None: it names no actor warlog knows,
    or none of an event that names only one side); None when the row's actors are not the event's."""
    ev = _event_sides(rec, reg)
    out: list[set[str] | None] = []
    for names in row.sides:
        found = resolve_side(names, reg)
        if found is None:
            out.append(None)
            continue
        labels = {label for label, recs in ev.items()
                  if any(isinstance(f, ActorRecord) and related(f, r, reg) for f in found for r in recs)}
        if CIVILIANS in found and _civilian_victims(rec):
            labels.add(CIVILIANS)
        if not labels and len(ev) > 1:
            return None  # the row names an actor that is on neither of the event's sides
        out.append(labels or None)  # an event that names one side only cannot say who the other was
    known = [s for s in out if s is not None]
    if not any(s - {CIVILIANS} for s in known):
        return None
    if len(known) == 2 and len(known[0] | known[1]) < 2:
        return None  # both of the row's sides would be one side of the event
    return out


# -- places and dates ------------------------------------------------------------------------------------

def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine, Earth radius 6,371 km)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


_ADMIN_WORDS = re.compile(r"\b(?:cercle|province|department|district|region|prefecture|commune)\b", re.I)


def _admin(name: str | None) -> str:
    return " ".join(_ADMIN_WORDS.sub(" ", fold(name or "")).split())


def place(row: Row, rec: dict, max_km: float = MAX_KM) -> tuple[bool, float | None]:
    """(the row is at one of the event's places, the distance to the nearest of them in km)."""
    locs = rec.get("locations") or []
    dists = [distance_km(row.lat, row.lon, loc["lat"], loc["lon"]) for loc in locs
             if row.lat is not None and row.lon is not None and loc.get("lat") is not None and loc.get("lon") is not None]
    near = min(dists) if dists else None
    same_admin = bool(row.admin2) and any(_admin(loc.get("admin2")) == _admin(row.admin2) for loc in locs
                                          if loc.get("admin2"))
    return (near is not None and near <= max_km) or same_admin, near


def days(row: Row, rec: dict) -> bool:
    """The row's days overlap the event's, give or take a day."""
    start, end = datasets.whole_dates(rec)
    if start is None:
        return False
    first = dt.date.fromisoformat(start) - dt.timedelta(days=1)
    last = dt.date.fromisoformat(end) + dt.timedelta(days=1)
    return dt.date.fromisoformat(row.date_start) <= last and dt.date.fromisoformat(row.date_end) >= first


# -- holding events against rows -------------------------------------------------------------------------

@dataclass
class Comparison:
    """Every event with the rows that code it (``events``, in the order given), and the rows of the
    events' days that no event took (``unmatched_rows``)."""

    dataset: str
    events: list[dict]
    unmatched_rows: list[dict]


def compare(records: list[dict], rows: list[Row], reg: Registry, dataset: str = "ged",
            max_km: float = MAX_KM) -> Comparison:
    """Link each event record (the contract JSON) to the reference rows that code it; see the module's
    docstring for the rules."""
    by_day: dict[str, list[Row]] = {}
    for row in rows:
        for day in _days_between(row.date_start, row.date_end):
            by_day.setdefault(day, []).append(row)
    taken: set[str] = set()
    near_misses: dict[str, dict] = {}
    out = []
    for rec in records:
        matches = []
        for row in _candidates(rec, by_day):
            at, km = place(row, rec, max_km)
            labels = side_labels(row, rec, reg) if at else None
            if at and labels is not None:
                matches.append((row, km, labels))
                taken.add(row.id)
            elif rec.get("date_precision") == "day":  # a row of the event's very days, not of its year
                _note_miss(near_misses, row, rec, km, "actors" if at else "place")
        out.append(_result(rec, matches))
    unmatched = [miss for rid, miss in near_misses.items() if rid not in taken]
    return Comparison(dataset, out, unmatched)


def _days_between(start: str, end: str) -> list[str]:
    first, last = dt.date.fromisoformat(start), dt.date.fromisoformat(end)
    n = max(0, min((last - first).days, 400))
    return [(first + dt.timedelta(days=i)).isoformat() for i in range(n + 1)]


def _candidates(rec: dict, by_day: dict[str, list[Row]]) -> list[Row]:
    start, end = datasets.whole_dates(rec)
    if start is None:
        return []
    first = (dt.date.fromisoformat(start) - dt.timedelta(days=1)).isoformat()
    last = (dt.date.fromisoformat(end) + dt.timedelta(days=1)).isoformat()
    seen, out = set(), []
    code = rec.get("country_code")
    for day in _days_between(first, last):
        for row in by_day.get(day, []):
            if row.id not in seen and _same_country(row, code):
                seen.add(row.id)
                out.append(row)
    return out


def _same_country(row: Row, code: str | None) -> bool:
    hit = countries.lookup(_BRACKETS.sub("", row.country)) if row.country else None
    return hit is None or code is None or hit[1] == code


def _note_miss(misses: dict, row: Row, rec: dict, km: float | None, why: str) -> None:
    """Keep, for each row no event took, the nearest event of its days and what kept them apart."""
    old = misses.get(row.id)
    if old is not None and (km is None or (old["nearest"]["distance_km"] or 1e9) <= km):
        return
    misses[row.id] = {**_row_dict(row, km), "nearest": {
        "event_id": rec["id"], "title": rec.get("title"), "distance_km": _km(km),
        "reason": "actors differ" if why == "actors" else "too far" if km is not None else "no point to compare"}}


def _km(km: float | None) -> float | None:
    return None if km is None else round(km, 1)


def _row_dict(row: Row, km: float | None) -> dict:
    return {"id": row.id, "date_start": row.date_start, "date_end": row.date_end, "distance_km": _km(km),
            "side_a": row.sides[0], "side_b": row.sides[1], **row.figures(), **row.deaths}


def _result(rec: dict, matches: list) -> dict:
    """One event's comparison: its rows, both sets of figures, agreement and the claims that support it."""
    warlog = {k: sum(datasets.killed(rec, s, k) for s in _killed_sides(rec)) for k in ("low", "best", "high")}
    span = claims_span(rec)
    loc = (rec.get("locations") or [{}])[0]
    result = {"event_id": rec["id"], "title": rec.get("title"), "role": rec.get("role"),
              "date_start": rec.get("date_start"), "date_end": rec.get("date_end"), "place": loc.get("name"),
              "matches": [{**_row_dict(row, km), "sides": _labels(labels),
                           "supported_by": supporting(rec, row.best)} for row, km, labels in matches],
              "warlog": {**warlog, "claims_low": span[0], "claims_high": span[1]},
              "reference": None, "agrees": None, "supported_by": [], "by_side": []}
    if matches:
        ref = {k: sum(m[0].figures()[k] for m in matches) for k in ("low", "best", "high")}
        result["reference"] = ref
        result["agrees"] = agrees(ref["best"], warlog, span) if span[0] is not None else None
        result["supported_by"] = supporting(rec, ref["best"])
        result["by_side"] = by_side(rec, matches)
    return result


def _killed_sides(rec: dict) -> list[str]:
    return list(((rec.get("estimates") or {}).get("killed") or {}))


def _labels(labels: list) -> dict:
    return {name: sorted(x) if x is not None else None for name, x in zip(("side_a", "side_b"), labels)}


def agrees(best: int, warlog: dict, span: tuple[int | None, int | None]) -> bool:
    """The reference's best within warlog's [low, high], or within the claims' span."""
    if warlog["low"] <= best <= warlog["high"]:
        return True
    return span[0] is not None and span[0] <= best <= span[1]


def claims_span(rec: dict) -> tuple[int | None, int | None]:
    """The smallest and largest total of killed the claims allow: per side the least and the most any
    claim states (revised figures too), summed over the sides."""
    lows, highs = {}, {}
    for c in rec.get("claims") or []:
        if c.get("category") != "killed" or (c.get("low") is None and c.get("high") is None):
            continue
        lo = c["low"] if c.get("low") is not None else c["high"]
        hi = c["high"] if c.get("high") is not None else c["low"]
        lows[c["side"]] = min(lows.get(c["side"], lo), lo)
        highs[c["side"]] = max(highs.get(c["side"], hi), hi)
    if not lows:
        return None, None
    return sum(lows.values()), sum(highs.values())


def supporting(rec: dict, n: int) -> list[dict]:
    """The claims of killed whose statement holds ``n``: its exact figure, range or bound."""
    out = []
    for i, c in enumerate(rec.get("claims") or []):
        if c.get("category") != "killed" or (c.get("low") is None and c.get("high") is None):
            continue
        if (c.get("low") is None or c["low"] <= n) and (c.get("high") is None or n <= c["high"]):
            out.append({"claim": i, "side": c["side"], "low": c.get("low"), "high": c.get("high"),
                        "text": c.get("text"), "sources": [s["name"] for s in c.get("sources") or []],
                        "origin": c.get("origin")})
    return out


def by_side(rec: dict, matches: list) -> list[dict]:
    """Where the rows give deaths per side (GED's deaths_a, deaths_b, deaths_civilians, deaths_unknown),
    each side's sum against warlog's estimate for the event's side its actors resolve to."""
    totals: dict[str, int] = {}
    for row, _km, labels in matches:
        if not row.deaths:
            continue
        for key, label in (("deaths_a", _one(labels[0])), ("deaths_b", _one(labels[1])),
                           ("deaths_civilians", CIVILIANS), ("deaths_unknown", "unknown")):
            if key in row.deaths and label is not None:
                totals[label] = totals.get(label, 0) + row.deaths[key]
    out = []
    for label, n in totals.items():
        mine = {k: datasets.killed(rec, label, k) for k in ("low", "best", "high")}
        out.append({"side": label, "reference": n, "warlog": mine, "agrees": mine["low"] <= n <= mine["high"]})
    return out


def _one(labels: set[str] | None) -> str | None:
    return next(iter(labels)) if labels and len(labels) == 1 else None


# -- what a user reads -----------------------------------------------------------------------------------

def load_events(path: str | Path) -> list[dict]:
    """Event records from a JSON file (``warlog extract --json``): a DataFileError if it holds no array."""
    import json

    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise DataFileError(f"cannot read it: {exc.strerror or exc}", path=str(path)) from None
    except (UnicodeDecodeError, ValueError) as exc:
        raise DataFileError(f"not JSON: {exc}", path=str(path)) from None
    if not isinstance(data, list) or not all(isinstance(e, dict) and "id" in e for e in data):
        raise DataFileError("expected a JSON array of events (warlog extract --json)", path=str(path))
    return data


def as_json(c: Comparison, unmatched: bool = False) -> list[dict]:
    """The events that matched (and, with ``unmatched``, those that did not and the rows of their days
    that no event took, with event_id null) as JSON objects."""
    out = [e for e in c.events if e["matches"] or unmatched]
    if unmatched:
        out += [{"event_id": None, "title": None, "matches": [{k: v for k, v in r.items() if k != "nearest"}],
                 "warlog": None, "reference": {k: r[k] for k in ("low", "best", "high")}, "agrees": None,
                 "nearest": r["nearest"]} for r in c.unmatched_rows]
    return out


CSV_COLUMNS = ["event_id", "title", "event_date", "dataset", "row_id", "row_date", "distance_km", "side_a", "side_b",
               "row_low", "row_best", "row_high", "warlog_low", "warlog_best", "warlog_high", "reference_low",
               "reference_best", "reference_high", "agrees", "row_supported_by"]


def as_rows(c: Comparison, unmatched: bool = False) -> list[dict]:
    """One CSV row per event and matched row (``CSV_COLUMNS``)."""
    out = []
    for item in as_json(c, unmatched):
        base = {"event_id": item["event_id"], "title": item["title"], "event_date": item.get("date_start"),
                "dataset": c.dataset.upper(), "agrees": item["agrees"]}
        for k in ("low", "best", "high"):
            base[f"warlog_{k}"] = (item["warlog"] or {}).get(k)
            base[f"reference_{k}"] = (item["reference"] or {}).get(k)
        for m in item["matches"] or [{}]:
            out.append({**base, "row_id": m.get("id"), "row_date": m.get("date_start"),
                        "distance_km": m.get("distance_km"), "side_a": m.get("side_a"), "side_b": m.get("side_b"),
                        "row_low": m.get("low"), "row_best": m.get("best"), "row_high": m.get("high"),
                        "row_supported_by": " | ".join(s["text"] for s in m.get("supported_by") or []) or None})
    return out


def as_table(c: Comparison, unmatched: bool = False) -> str:
    """Each matched event, its rows and its agreement, in lines a terminal shows; then a summary."""
    name = c.dataset.upper()
    lines = []
    for e in c.events:
        if not e["matches"]:
            continue
        lines.append(f"{e['title']}  {e['date_start']}  {e['place'] or '?'}  [{e['event_id']}]")
        for m in e["matches"]:
            km = "    ? km" if m["distance_km"] is None else f"{m['distance_km']:6.1f} km"
            dyad = " - ".join(x for x in (m["side_a"], m["side_b"]) if x)
            lines.append(f"  {name} {m['id']:>8}  {m['date_start']}  {km}  {dyad[:40]:40}  {_figures(m)}"
                         + _per(m["supported_by"]))
        w, ref = e["warlog"], e["reference"]
        verdict = {True: "agrees", False: "differs", None: "no figure to hold it against"}[e["agrees"]]
        mine = _figures(w) if w["claims_low"] is not None else "none"
        lines.append(f"  killed: warlog {mine}, {name} {_figures(ref)}: {verdict}"
                     + (_per(e["supported_by"]) if len(e["matches"]) > 1 else ""))
        for s in e["by_side"]:
            lines.append(f"    side {s['side']}: warlog {_figures(s['warlog'])}, {name} {s['reference']}"
                         f": {'agrees' if s['agrees'] else 'differs'}")
    if unmatched:
        lines += [f"no {name} row: {e['title']}  {e['date_start']}  {e['place'] or '?'}  [{e['event_id']}]"
                  for e in c.events if not e["matches"]]
        lines += [f"no event: {name} {r['id']}  {r['date_start']}  {' - '.join(x for x in (r['side_a'], r['side_b']) if x)}"
                  f"  {r['best']}  (nearest: {r['nearest']['title']}, {_km_text(r['nearest']['distance_km'])}: "
                  f"{r['nearest']['reason']})" for r in c.unmatched_rows]
    matched = [e for e in c.events if e["matches"]]
    rows = {m["id"] for e in matched for m in e["matches"]}
    agree = sum(e["agrees"] is True for e in matched)
    lines.append(f"{len(matched)} of {len(c.events)} events matched {len(rows)} {name} rows; "
                 f"{agree} agree, {sum(e['agrees'] is False for e in matched)} differ")
    return "\n".join(lines)


def _figures(f: dict) -> str:
    low, best, high = f["low"], f["best"], f["high"]
    return str(best) if low == best == high else f"{best} [{low}-{high}]"


def _km_text(km: float | None) -> str:
    return "no point" if km is None else f"{km} km"


def _per(claims: list[dict]) -> str:
    if not claims:
        return ""
    said = [f"'{c['text']}' ({', '.join(c['sources']) or 'unattributed'}, {c['side']})" for c in claims[:3]]
    return "  per " + "; ".join(said) + (f" and {len(claims) - 3} more" if len(claims) > 3 else "")
