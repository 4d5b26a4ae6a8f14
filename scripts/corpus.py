#!/usr/bin/env python3
"""Score warlog on the development corpus (tests/corpus), broken down by form, region, site or kind.

    python scripts/corpus.py [--by format|region|site|kind] [--show] [--only NAME_PART]

The scorer is ../shared/tools/score.py, run per group on the same extraction.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus"
SCORER = ROOT.parent / "shared" / "tools" / "score.py"


def load() -> dict:
    return json.loads((CORPUS / "gold.json").read_text(encoding="utf-8"))


def extract(files: list[Path]) -> list:
    out = subprocess.run([sys.executable, "-m", "warlog", "extract", *map(str, files), "--json"],
                         capture_output=True, text=True, cwd=ROOT)
    if out.stderr.strip():
        print(out.stderr.strip(), file=sys.stderr)
    return json.loads(out.stdout or "[]")


def score(gold: dict, events: list, docs: list, quiet=True) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        g, e = Path(tmp) / "g.json", Path(tmp) / "e.json"
        g.write_text(json.dumps({**gold, "documents": docs}))
        names = {d["file"] for d in docs}
        e.write_text(json.dumps([ev for ev in events if Path(ev["document"]["path"]).name in names]))
        out = subprocess.run([sys.executable, str(SCORER), str(g), str(e)] + (["--quiet"] if quiet else []),
                             capture_output=True, text=True)
        return out.stdout if not quiet else out.stdout.strip().splitlines()[-1]


def markdown(gold: dict, events: list, docs: list) -> str:
    import re

    rows = ["| set | documents | claims recall | claims precision | event fields |", "|---|---|---|---|---|"]
    for key in ("format", "region"):
        groups = defaultdict(list)
        for d in docs:
            groups[d[key]].append(d)
        for name, ds in sorted(groups.items(), key=lambda kv: -len(kv[1])):
            m = re.search(r"recall ([\d.]+).*precision ([\d.]+).*fields ([\d.]+)", score(gold, events, ds))
            rows.append(f"| {key}: {name} | {len(ds)} | " + " | ".join(m.groups()) + " |")
    m = re.search(r"recall ([\d.]+).*precision ([\d.]+).*fields ([\d.]+)", score(gold, events, docs))
    rows.append(f"| **all** | {len(docs)} | " + " | ".join(f"**{x}**" for x in m.groups()) + " |")
    return "\n".join(rows)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--by", default="format")
    ap.add_argument("--show", action="store_true", help="print the scorer's per-document detail")
    ap.add_argument("--only", help="score only documents whose file name contains this")
    ap.add_argument("--markdown", action="store_true", help="a table by form and by region, for the README")
    ap.add_argument("--set", default="corpus",
                    help="a folder under tests/ with a gold.json (corpus: the development corpus; "
                         "holdout7: a set never tuned on), or the path of such a folder")
    args = ap.parse_args()
    global CORPUS
    CORPUS = Path(args.set) if "/" in args.set else ROOT / "tests" / args.set
    gold = load()
    docs = [d for d in gold["documents"] if not args.only or args.only in d["file"]]
    files = [p for p in CORPUS.rglob("*") if p.is_file() and p.name in {d["file"] for d in docs}]
    events = extract(files)
    if args.show:
        print(score(gold, events, docs, quiet=False))
    if args.markdown:
        print(markdown(gold, events, docs))
        return 0
    groups = defaultdict(list)
    for d in docs:
        groups[d.get(args.by, "?")].append(d)
    for key, ds in sorted(groups.items()):
        print(f"{key:14} {len(ds):4}  {score(gold, events, ds)}")
    print(f"{'all':14} {len(docs):4}  {score(gold, events, docs)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
