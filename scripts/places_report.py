#!/usr/bin/env python3
"""Places and actors of the development corpus's main events, measured (issue 10's yardsticks):

    python scripts/places_report.py [--set corpus|holdout7] [--events EVENTS.json] [--show]

- main places located within 30 km at precision 1-2, against a reference point: the article's own
  coordinates where it gives them, else tests/corpus/places.json (looked up on public pages, or the
  GeoNames place checked by hand);
- placed wrong: precision 1-2 and more than 50 km off, or more than 300 km off at any precision;
- the country right (gold country_code); admin1 always a name, never a code ("07");
- side actors that carry a registry id; actors that are debris (a sentence, a file name, a size).

EVENTS.json is `warlog extract tests/corpus/... --json` output (the corpus is extracted when omitted).
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus"
sys.path.insert(0, str(ROOT / "src"))

from warlog import geocode, readers, world  # noqa: E402

CODE = re.compile(r"^(?:\d+|[A-Z0-9]{1,3})$")
# text that is no name: a file or size, a sentence, a heading or support label, a cell's lower-case run-on
DEBRIS = re.compile(r"\.(?:jpe?g|png|svg|gif)\b|\b\d+\s*px\b|^(?:File|Image):|^[a-z](?!l-)|^\d+$|"
                    r"\b(?:was|were|is|are|had|has)\b|^(?:\S+\s+){8,}\S|"
                    r"^(?:Background|Aftermath|Casualties|References|Notes|Air support|Naval support)$")


def extract() -> list:
    files = [p for p in CORPUS.rglob("*") if p.is_file() and p.suffix in (".txt", ".html")
             and p.parent != CORPUS]
    out = subprocess.run([sys.executable, "-m", "warlog", "extract", *map(str, files), "--json"],
                         capture_output=True, text=True, cwd=ROOT, env={**__import__("os").environ,
                                                                         "PYTHONPATH": str(ROOT / "src")})
    return json.loads(out.stdout or "[]")


def references(paths: dict[str, Path]) -> dict[str, tuple[float, float, str]]:
    table = json.loads((CORPUS / "places.json").read_text(encoding="utf-8"))["places"]
    refs = {f: (r["lat"], r["lon"], r["source"]) for f, r in table.items()}
    for f, path in paths.items():
        point = geocode.article_point(readers.read_path(path))
        if point:
            refs[f] = (point[0], point[1], "the article's coordinates")
    return refs


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--events", type=Path)
    ap.add_argument("--show", action="store_true")
    ap.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    ap.add_argument("--set", default="corpus", help="a folder under tests/ with gold.json and places.json "
                                                    "(corpus, holdout7)")
    args = ap.parse_args()
    global CORPUS
    CORPUS = ROOT / "tests" / args.set
    events = json.loads(args.events.read_text()) if args.events else extract()
    gold = {d["file"]: d for d in json.loads((CORPUS / "gold.json").read_text(encoding="utf-8"))["documents"]}
    paths = {p.name: p for p in CORPUS.rglob("*") if p.name in gold}
    refs = references(paths)
    mains = {Path(e["document"]["path"]).name: e for e in events if e["role"] == "main"}
    n = located = wrong = country_ok = 0
    by_source: dict[str, list[int]] = {}
    codes, actors, with_id, debris = [], 0, 0, []
    for f, d in sorted(gold.items()):
        e = mains.get(f) or {}
        country_ok += e.get("country_code") == d["event"]["country_code"]
        if args.show and e.get("country_code") != d["event"]["country_code"]:
            print(f"  country {f}: {e.get('country_code')} for {d['event']['country_code']}")
        for ev in (x for x in events if Path(x["document"]["path"]).name == f):
            codes += [(f, loc["admin1"]) for loc in ev["locations"] if loc.get("admin1") and CODE.match(loc["admin1"])]
        for side in (e.get("sides") or {}).values():
            for a in side["actors"]:
                if a["kind"] == "civilians":
                    continue
                actors += 1
                with_id += bool(a["id"])
                if not a["id"] and DEBRIS.search(a["name"]):
                    debris.append((f, a["name"]))
        if f not in refs or not e.get("locations"):
            continue
        loc = e["locations"][0]
        lat, lon, source = refs[f]
        kind = "article" if source.startswith("the article") else "looked up" if source.startswith("looked") else "GeoNames"
        tally = by_source.setdefault(kind, [0, 0, 0])
        n += 1
        tally[0] += 1
        km = world.km((lat, lon), (loc["lat"], loc["lon"])) if loc.get("lat") is not None else None
        prec = loc.get("precision")
        ok = km is not None and km <= 30 and prec in (1, 2)
        bad = km is not None and ((prec in (1, 2) and km > 50) or km > 300)
        located += ok
        wrong += bad
        tally[1] += ok
        tally[2] += bad
        if args.show and (not ok or bad):
            where = f"{km:.0f} km" if km is not None else "no point"
            print(f"  {'WRONG' if bad else 'coarse'} {f}: {loc['name']} p{prec} {where} [{loc.get('geo_source')}]")
    if args.json:
        print(json.dumps({"referenced": n, "located": located, "wrong": wrong, "documents": len(gold),
                          "country_right": country_ok, "admin1_codes": len(codes), "actors": actors,
                          "actors_with_id": with_id, "debris": len(debris), "by_reference": by_source}))
        return 0
    print(f"main places with a reference point: {n}")
    print(f"  within 30 km at precision 1-2: {located} ({located / max(n, 1):.0%})")
    for kind, (k, ok, bad) in sorted(by_source.items()):
        print(f"    reference from {kind:9}: {k:3}, within 30 km {ok}, wrong {bad}")
    print(f"  placed wrong: {wrong}")
    print(f"country right: {country_ok}/{len(gold)} ({country_ok / len(gold):.1%})")
    print(f"admin1 that is a code: {len(codes)} {codes[:5] if codes else ''}")
    print(f"side actors with a registry id: {with_id}/{actors} ({with_id / max(actors, 1):.1%})")
    print(f"debris actors: {len(debris)}")
    if args.show:
        for f, name in debris:
            print(f"  debris {f}: {name!r}")
        for e in mains.values():
            for label, side in (e.get("sides") or {}).items():
                for a in side["actors"]:
                    if not a["id"] and a["kind"] != "civilians":
                        print(f"  no id {Path(e['document']['path']).name} {label}: {a['name']!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
