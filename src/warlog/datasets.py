"""UCDP GED and ACLED: their columns, codes and actor names, and a warlog event as a row of each.

Both rows are built from the stored event record (the contract JSON), so they show the same facts as
every other export. The codes are the datasets' own: Gleditsch-Ward numbers and GED's regions, ISO
numeric and ACLED's regions (``data/country_codes.csv``), GED's and ACLED's names for actors
(``data/dataset_actors.yaml``), PRIO-GRID cells, GED's date precision, ACLED's actor types.

GED, after its codebook (version 21.1):
- side A is the government in state-based violence (type 1), the perpetrator in one-sided violence
  (type 3, side B "Civilians"); a state is "Government of <country>", a side of several actors lists
  them with ", " as GED does;
- deaths_a, deaths_b, deaths_civilians, deaths_unknown are the best estimates of killed per side, 0
  where there are none; best, low and high their sums;
- date_start and date_end are whole dates: an event known to its month or year spans it (first to
  last day) and date_prec says so (4, 5), as GED codes such events;
- source_office, source_date, source_headline: the article's citations (";" between them),
  number_of_sources their count; source_original: who gave the figures (the claims' sources);
- UCDP's own ids and codings (conflict, dyad and side ids, active_year, code_status) stay empty, and so
  does conflict_name of state-based violence (UCDP names the incompatibility); relid is warlog's id.
ACLED:
- actor1 is the side that acted (``attacker``; else side A), actor2 the other, or "Civilians
  (<country>)" in one-sided violence; their other actors are the associated actors;
- fatalities is the most conservative figure, the sum of every side's *low* estimate of killed, as
  ACLED codes the lowest credible report;
- event_date is a whole date: the day, the middle of a range of a week or less (time_precision 2), the
  15th of a month or the 1st of July of a year (time_precision 3).
"""
from __future__ import annotations

import datetime as dt
import functools
import math
from importlib import resources

import yaml

from . import countries
from .actors import STATE_KINDS, Registry

GED_COLUMNS = [
    "id", "relid", "year", "active_year", "code_status", "type_of_violence", "conflict_dset_id", "conflict_new_id",
    "conflict_name", "dyad_dset_id", "dyad_new_id", "dyad_name", "side_a_dset_id", "side_a_new_id", "side_a",
    "side_b_dset_id", "side_b_new_id", "side_b", "number_of_sources", "source_article", "source_office",
    "source_date", "source_headline", "source_original", "where_prec", "where_coordinates", "where_description",
    "adm_1", "adm_2", "latitude", "longitude", "geom_wkt", "priogrid_gid", "country", "country_id", "region",
    "event_clarity", "date_prec", "date_start", "date_end", "deaths_a", "deaths_b", "deaths_civilians",
    "deaths_unknown", "best", "high", "low", "gwnoa", "gwnob"]
ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp"]

ACLED_INTER = {"state": 1, "armed_group": 2, "militia": 3, "civilians": 7, "foreign_state": 8, "un_mission": 8,
               "pmc": 8}
_VIOLENT = ("Battles", "Explosions/Remote violence", "Violence against civilians")


@functools.lru_cache(maxsize=1)
def names() -> dict:
    """``data/dataset_actors.yaml``: GED's and ACLED's names by registry id, ACLED's actor types."""
    text = resources.files("warlog.data").joinpath("dataset_actors.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    return {k: data.get(k) or {} for k in ("ged", "acled", "acled_inter")}


def _country_of(actor: dict, reg: Registry) -> str | None:
    rec = reg.by_id.get(actor.get("id") or "")
    return rec.country if rec is not None and rec.kind in STATE_KINDS else None


def ged_name(actor: dict, reg: Registry) -> str:
    """An actor as GED names it: "Government of Mali", "JNIM", else its own name."""
    code = countries.codes(_country_of(actor, reg))
    if code is not None and code.ged_name:
        return f"Government of {code.ged_name}"
    return names()["ged"].get(actor.get("id")) or actor["name"]


def acled_name(actor: dict, reg: Registry) -> str:
    """An actor as ACLED names it: "Military Forces of Mali" (without the government's years),
    "JNIM: Group for Support of Islam and Muslims", else its own name."""
    if _country_of(actor, reg):
        return f"Military Forces of {actor['name']}"
    return names()["acled"].get(actor.get("id")) or actor["name"]


def acled_inter(actor: dict) -> int | None:
    """ACLED's actor type: 1 state forces ... 8 external/other forces (``ACLED_INTER``, data file)."""
    return names()["acled_inter"].get(actor.get("id")) or ACLED_INTER.get(actor.get("kind"))


# -- reading the record ---------------------------------------------------------------------------

def killed(rec: dict, label: str, key: str = "best") -> int:
    """One side's estimate of killed (``key``: low, best or high); 0 where none or only vague claims."""
    est = (rec.get("estimates") or {}).get("killed", {}).get(label)
    return (est.get(key) or 0) if est and not est.get("vague") else 0


def has_deaths(rec: dict) -> bool:
    """Deaths reported on some side: GED holds only such events."""
    return any(killed(rec, label, key) for label in (rec.get("estimates") or {}).get("killed", {})
               for key in ("best", "high"))


def _actors(rec: dict, label: str | None) -> list[dict]:
    return list(((rec.get("sides") or {}).get(label) or {}).get("actors") or []) if label else []


def _belligerents(rec: dict) -> list[str]:
    return [label for label in (rec.get("sides") or {})
            if any(a.get("kind") != "civilians" for a in _actors(rec, label))]


def _main_loc(rec: dict) -> dict:
    return (rec.get("locations") or [{}])[0]


def whole_dates(rec: dict) -> tuple[str | None, str | None]:
    """The event's first and last day as whole dates: a month or a year spans it."""
    start, end = rec.get("date_start"), rec.get("date_end") or rec.get("date_start")
    if not start:
        return None, None
    return _first_day(start), _last_day(end)


def _first_day(d: str) -> str:
    return d + {4: "-01-01", 7: "-01"}.get(len(d), "")


def _last_day(d: str) -> str:
    if len(d) == 4:
        return d + "-12-31"
    if len(d) == 7:
        y, m = int(d[:4]), int(d[5:7])
        nxt = dt.date(y + m // 12, m % 12 + 1, 1)
        return (nxt - dt.timedelta(days=1)).isoformat()
    return d


def priogrid(lat: float | None, lon: float | None) -> int | None:
    """The PRIO-GRID cell of a point: half-degree cells numbered row by row from (-90, -180), from 1."""
    if lat is None or lon is None:
        return None
    row = min(int(math.floor((lat + 90) / 0.5)), 359)
    col = min(int(math.floor((lon + 180) / 0.5)), 719)
    return row * 720 + col + 1


# -- GED ---------------------------------------------------------------------------------------------

def ged_date_prec(rec: dict) -> int | None:
    """GED's date_prec: 1 the day, 2 within 2-6 days, 3 a week, 4 a month (or 8-31 days), 5 longer."""
    start, end = whole_dates(rec)
    if start is None:
        return None
    p = rec.get("date_precision")
    if p == "year":
        return 5
    if p == "month":
        return 4
    days = (dt.date.fromisoformat(end) - dt.date.fromisoformat(start)).days + 1
    return 1 if days == 1 else 2 if days <= 6 else 3 if days == 7 else 4 if days <= 31 else 5


def ged_sides(rec: dict, reg: Registry) -> tuple[str | None, str | None]:
    """The event's sides in GED's order: the government first in state-based violence, the perpetrator
    first in one-sided violence (its side B is then the civilians, None here)."""
    labels = _belligerents(rec)
    if rec.get("violence_type") == 3:
        return (rec.get("attacker") if rec.get("attacker") in labels else (labels[0] if labels else None)), None
    a, b = (labels + [None, None])[:2]
    if rec.get("violence_type") == 1 and b and _has_state(rec, b, reg) and not _has_state(rec, a, reg):
        a, b = b, a
    return a, b


def _has_state(rec: dict, label: str | None, reg: Registry) -> bool:
    return any(_country_of(x, reg) for x in _actors(rec, label))


def _ged_side(rec: dict, label: str | None, reg: Registry) -> str | None:
    """A side's actors as GED names them, the state where the event happened first."""
    found = sorted(_actors(rec, label), key=lambda x: _country_of(x, reg) != rec.get("country_code"))
    return ", ".join(dict.fromkeys(ged_name(x, reg) for x in found)) or None


def _gwno(rec: dict, label: str | None, reg: Registry) -> int | None:
    for x in sorted(_actors(rec, label), key=lambda x: _country_of(x, reg) != rec.get("country_code")):
        code = countries.codes(_country_of(x, reg))
        if code is not None and code.gwno is not None:
            return code.gwno
    return None


def _claimants(rec: dict) -> str | None:
    seen = dict.fromkeys(s["name"] for c in rec.get("claims") or [] for s in c.get("sources") or [])
    return "; ".join(seen) or None


def ged_row(rec: dict, reg: Registry) -> dict:
    """One event as a row of GED's 49 columns."""
    loc = _main_loc(rec)
    a, b = ged_sides(rec, reg)
    side_a = _ged_side(rec, a, reg)
    side_b = "Civilians" if rec.get("violence_type") == 3 else _ged_side(rec, b, reg)
    dyad = " - ".join(s for s in (side_a, side_b) if s) or None
    counted = (rec.get("estimates") or {}).get("killed", {})
    deaths = {"deaths_a": killed(rec, a) if a else 0, "deaths_b": killed(rec, b) if b else 0,
              "deaths_civilians": killed(rec, "civilians"), "deaths_unknown": killed(rec, "unknown")}
    others = [label for label in counted if label not in (a, b, "civilians", "unknown")]
    deaths["deaths_unknown"] += sum(killed(rec, label) for label in others)  # a third side's dead: no GED column
    code = countries.codes(rec.get("country_code"))
    start, end = whole_dates(rec)
    cites = (rec.get("document") or {}).get("citations") or []
    lat, lon = loc.get("lat"), loc.get("lon")
    return {
        "id": None, "relid": rec["id"], "year": int(start[:4]) if start else None, "active_year": None,
        "code_status": None, "type_of_violence": rec.get("violence_type"), "conflict_dset_id": None,
        "conflict_new_id": None, "conflict_name": dyad if rec.get("violence_type") in (2, 3) else None,
        "dyad_dset_id": None, "dyad_new_id": None, "dyad_name": dyad, "side_a_dset_id": None, "side_a_new_id": None,
        "side_a": side_a, "side_b_dset_id": None, "side_b_new_id": None, "side_b": side_b,
        "number_of_sources": len(cites) or None,
        "source_article": (rec.get("document") or {}).get("title") or (rec.get("document") or {}).get("path"),
        "source_office": "; ".join(c.get("work") or "" for c in cites) or None,
        "source_date": "; ".join(c.get("date") or "" for c in cites) or None,
        "source_headline": "; ".join(c.get("title") or "" for c in cites) or None,
        "source_original": _claimants(rec), "where_prec": loc.get("precision"), "where_coordinates": loc.get("name"),
        "where_description": ", ".join(x for x in (loc.get("name"), loc.get("admin2"), loc.get("admin1")) if x) or None,
        "adm_1": loc.get("admin1"), "adm_2": loc.get("admin2"), "latitude": lat, "longitude": lon,
        "geom_wkt": f"POINT ({lon} {lat})" if lat is not None and lon is not None else None,
        "priogrid_gid": priogrid(lat, lon), "country": (code and code.ged_name) or rec.get("country"),
        "country_id": code and code.gwno, "region": code and code.ged_region, "event_clarity": 1,
        "date_prec": ged_date_prec(rec), "date_start": start, "date_end": end, **deaths,
        "best": sum(deaths.values()), "high": sum(killed(rec, s, "high") for s in counted),
        "low": sum(killed(rec, s, "low") for s in counted),
        "gwnoa": _gwno(rec, a, reg), "gwnob": _gwno(rec, b, reg),
    }


# -- ACLED -------------------------------------------------------------------------------------------

def acled_date(rec: dict) -> tuple[str | None, int | None]:
    """ACLED's event_date and time_precision (see the module's docstring)."""
    start, end = whole_dates(rec)
    if start is None:
        return None, None
    p = rec.get("date_precision")
    if p == "month":
        return start[:8] + "15", 3
    if p == "year":
        return start[:4] + "-07-01", 3
    first, last = dt.date.fromisoformat(start), dt.date.fromisoformat(end)
    if first == last:
        return start, 1
    middle = first + (last - first) / 2
    return middle.isoformat(), 2 if (last - first).days < 7 else 3


def acled_geo_precision(loc: dict) -> int | None:
    """ACLED's geo_precision from UCDP's where_prec: 1 the place, 2 near it or its district, 3 a province."""
    p = loc.get("precision")
    return None if p is None else 1 if p == 1 else 2 if p in (2, 3) else 3


def acled_actors(rec: dict, reg: Registry) -> tuple[list[dict], list[dict]]:
    """(actor1's side, actor2's side): the side that acted first."""
    labels = _belligerents(rec)
    first = rec.get("attacker") if rec.get("attacker") in labels else (labels[0] if labels else None)
    other = next((label for label in labels if label != first), None)
    return _actors(rec, first), ([] if rec.get("violence_type") == 3 else _actors(rec, other))


def acled_row(rec: dict, reg: Registry, timestamp: int | None = None) -> dict:
    """One event as a row of ACLED's 31 columns; ``timestamp``: when it was stored (Unix time)."""
    loc = _main_loc(rec)
    one, two = acled_actors(rec, reg)
    civilians = rec.get("violence_type") == 3
    if not one and rec.get("event_type") in _VIOLENT:  # violence by no one named: ACLED's unidentified group
        one = [{"name": f"Unidentified Armed Group ({rec.get('country') or 'International'})", "kind": "militia"}]
    code = countries.codes(rec.get("country_code"))
    date, precision = acled_date(rec)
    inter1 = acled_inter(one[0]) if one else None
    inter2 = 7 if civilians else acled_inter(two[0]) if two else None
    pair = sorted(x for x in (inter1, inter2) if x)
    cites = (rec.get("document") or {}).get("citations") or []
    outlets = list(dict.fromkeys(c["work"] for c in cites if c.get("work")))
    return {
        "event_id_cnty": rec["id"], "event_date": date, "year": int(date[:4]) if date else None,
        "time_precision": precision,
        "disorder_type": "Political violence" if rec.get("event_type") in _VIOLENT else (
            "Strategic developments" if rec.get("event_type") == "Strategic developments" else None),
        "event_type": rec.get("event_type"), "sub_event_type": rec.get("sub_event_type"),
        "actor1": acled_name(one[0], reg) if one else None,
        "assoc_actor_1": "; ".join(acled_name(x, reg) for x in one[1:]) or None, "inter1": inter1,
        "actor2": f"Civilians ({rec.get('country')})" if civilians and rec.get("country") else (
            "Civilians" if civilians else acled_name(two[0], reg) if two else None),
        "assoc_actor_2": "; ".join(acled_name(x, reg) for x in two[1:]) or None, "inter2": inter2,
        "interaction": (pair[0] * 10 + pair[1] if len(pair) == 2 else pair[0] * 10) if pair else None,
        "civilian_targeting": "Civilian targeting" if civilians else None,
        "iso": code and code.iso_numeric, "region": code and code.acled_region, "country": rec.get("country"),
        "admin1": loc.get("admin1"), "admin2": loc.get("admin2"), "admin3": None, "location": loc.get("name"),
        "latitude": loc.get("lat"), "longitude": loc.get("lon"), "geo_precision": acled_geo_precision(loc),
        "source": "; ".join(outlets) or _claimants(rec) or (rec.get("document") or {}).get("title"),
        "source_scale": "Other", "notes": notes(rec, reg),
        "fatalities": sum(killed(rec, s, "low") for s in (rec.get("estimates") or {}).get("killed", {})),
        "tags": None, "timestamp": timestamp,
    }


# what the side that acted did, by ACLED sub-event type: with a target, and without one
_DOING = {"Armed clash": ("clashed with {}", "fought"),
          "Suicide bomb": ("carried out a suicide bombing against {}", "carried out a suicide bombing"),
          "Remote explosive/landmine/IED": ("attacked {} with explosives", "set off explosives"),
          "Air/drone strike": ("carried out an air or drone strike on {}", "carried out an air or drone strike"),
          "Shelling/artillery/missile attack": ("shelled {}", "shelled positions"),
          "Non-state actor overtakes territory": ("overran {}", "took control of territory"),
          "Government regains territory": ("regained territory from {}", "regained territory"),
          "Abduction/forced disappearance": ("abducted {}", "abducted people"),
          "Arrests": ("arrested {}", "arrested people"), "Attack": ("attacked {}", "carried out an attack")}


def notes(rec: dict, reg: Registry) -> str:
    """What happened, in a plain sentence: who did what to whom, where and when; then who was killed."""
    one, two = acled_actors(rec, reg)
    loc = _main_loc(rec)
    doer = one[0]["name"] if one else "unidentified armed men"
    target = "civilians" if rec.get("violence_type") == 3 else two[0]["name"] if two else ""
    if two and _country_of(two[0], reg) and rec.get("violence_type") != 3:
        target = f"the forces of {target}"
    with_target, alone = _DOING.get(rec.get("sub_event_type") or "", ("attacked {}", "carried out an attack"))
    what = with_target.format(target) if target else alone
    where = ", ".join(x for x in (loc.get("name"), loc.get("admin2"), loc.get("admin1")) if x)
    text = f"{_written_date(rec)}, {doer} {what}" + (f" in {where}" if where else "") + "."
    dead = _killed_text(rec)
    return text + (f" Killed: {dead}." if dead else "")


def _written_date(rec: dict) -> str:
    start = rec.get("date_start")
    if not start:
        return "On an unknown date"
    if len(start) == 4:
        return f"In {start}"
    d = dt.date.fromisoformat(_first_day(start))
    if len(start) == 7:
        return f"In {d:%B} {d.year}"
    return f"On {d.day} {d:%B} {d.year}"


def _killed_text(rec: dict) -> str:
    parts = []
    for label, est in ((rec.get("estimates") or {}).get("killed") or {}).items():
        if est.get("vague") or est.get("best") is None:
            continue
        who = ("civilians" if label == "civilians" else "side unknown" if label == "unknown"
               else (_actors(rec, label) or [{"name": f"side {label}"}])[0]["name"])
        span = f" ({est['low']}-{est['high']})" if est["low"] != est["high"] else ""
        parts.append(f"{who} {est['best']}{span}")
    return ", ".join(parts)
