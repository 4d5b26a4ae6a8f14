"""Extraction speed: articles per second on one core.

    python bench/bench_extract.py [--seconds 3]

Measures the whole path a file takes (decode, read, extract, serialise to JSON) on
  - the seed articles (plain-text infobox form and the rendered page),
  - their wikitext forms,
  - a 200 KB wikitext article built from the wikitext seeds' prose (a long article of the same kind),
in one process, so the figure is per core. The floor printed beside each is the time of reading
the same text with mwparserfromhell alone, the one dependency every wikitext run pays for.
"""
from __future__ import annotations

import argparse
import json
import re
import time
from pathlib import Path

import mwparserfromhell

from warlog import readers
from warlog.events import from_document

ROOT = Path(__file__).resolve().parent.parent


def _rate(fn, texts, seconds, rounds=5):
    """Articles per second: the best of several rounds, as timeit advises (noise only slows a run)."""
    best = 0.0
    for _ in range(rounds):
        n, start = 0, time.perf_counter()
        while time.perf_counter() - start < seconds / rounds:
            for path, text in texts:
                fn(path, text)
                n += 1
        best = max(best, n / (time.perf_counter() - start))
    return best


def extract(path, text):
    events = from_document(readers.read_text(text, path))
    return "[" + ",".join(e.to_json() for e in events) + "]"


def parse_only(path, text):
    return mwparserfromhell.parse(text)


def big_article(target=200_000) -> str:
    wiki = sorted((ROOT / "samples/wikitext").glob("*.txt"))
    head = wiki[0].read_text(encoding="utf-8")
    box_end = head.index("\n}}\n") + 4
    bodies = []
    for p in wiki:
        t = p.read_text(encoding="utf-8")
        body = t[t.index("\n}}\n") + 4:]
        bodies.append(re.sub(r"==\s*References\s*==[\s\S]*", "", body))
    out, i = [head[:box_end]], 0
    while sum(map(len, out)) < target:
        out.append(f"\n== Part {i} ==\n" + bodies[i % len(bodies)])
        i += 1
    return "".join(out)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=float, default=3.0)
    ap.add_argument("--json", type=Path, help="also write the figures here")
    args = ap.parse_args()
    seeds = [(str(p), p.read_text(encoding="utf-8")) for p in sorted((ROOT / "samples/seeds").glob("*.txt"))]
    wiki = [(str(p), p.read_text(encoding="utf-8")) for p in sorted((ROOT / "samples/wikitext").glob("*.txt"))]
    big = [("big.wiki", big_article())]
    extract(*seeds[0])  # load the lexicon, registry and country table once, outside the timing
    results = {
        "seed articles (infobox-text, rendered)": _rate(extract, seeds, args.seconds),
        "seed articles (wikitext)": _rate(extract, wiki, args.seconds),
        f"one {len(big[0][1]) // 1000} KB wikitext article": _rate(extract, big, args.seconds),
        "floor: mwparserfromhell.parse, wikitext seeds": _rate(parse_only, wiki, args.seconds),
        f"floor: mwparserfromhell.parse, {len(big[0][1]) // 1000} KB article": _rate(parse_only, big, args.seconds),
    }
    for name, rate in results.items():
        print(f"{rate:10.1f} articles/s  {name}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
