"""Fuzz the one pipeline loop with generated and mutated documents in every input form.

    python bench/fuzz.py [--docs 100000] [--workers 2] [--seed 1]

Each document is a real article (the samples and the development corpus) cut, spliced, flipped or
laced with hostile pieces (non-breaking spaces in rows, digit runs of thousands, counts past 2^63,
unclosed templates by the thousand, control characters, NUL bytes, broken HTML tables, huge
entities, very long sentences of figures), then read and extracted as a user's file would be.
Printed: how many documents were read, how many failed cleanly (one line with a reason, as
designed), how many hit a fault of ours ("could not be extracted"), the slowest, and how many
documents under 100 KB took over 2 s. Exit status 1 when any fault of ours or slow document is found.
"""
from __future__ import annotations

import argparse
import multiprocessing as mp
import random
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SLOW = 2.0

HOSTILE = [
    "\u00a0killed, 3\u00a0unaccounted\u00a0for", "9" * 4301 + " soldiers were killed", "9223372036854775808 killed",
    "{{plainlist|" * 3000, "[[a|" * 2000, "<ref>" * 2000, "{{{a|" * 1000, "\x1b[2J\x07", "\x00", "&#" + "9" * 500 + ";",
    '<td colspan="x">1 killed</td>', "<td>2 wounded</td><tr>", "1, " * 3000 + "killed.", "(" * 5000, ")" * 5000,
    "\u202e\u200b\ufeff", "- Casualties1: " + "per X:, " * 1000, "According to " * 2000, "killed " * 5000,
    "\n".join(["| casualties1 = 5 killed"] * 2000), "<table><tr><td>" * 500, "\r\n" * 1000, "\t" * 3000,
    "- Casualties1: " + "Killed: 1, " * 3000, "\n".join(["Unknown"] + ["5 killed"] * 3000),
    "- Deaths: (" + "4 killed, " * 3000, "- Perpetrator: " + "File:Flag of X " * 2000,
    "[[" + "\t" * 5000 + "x]]", "&#" + "9" * 7000 + ";", '<a title="&#' + "9" * 7000 + ';">',
]


def corpus() -> list[str]:
    files = [p for d in ("samples", "tests/corpus", "tests/articles") for p in (ROOT / d).rglob("*")
             if p.is_file() and p.suffix in (".txt", ".wiki", ".html")]
    return [p.read_text(encoding="utf-8") for p in sorted(files)]


def mutate(texts: list[str], rng: random.Random) -> bytes:
    text = rng.choice(texts)
    if rng.random() < 0.8:  # most documents are a piece of an article (cheaper, and cut anywhere)
        at = rng.randrange(len(text) + 1)
        text = text[max(0, at - rng.randint(200, 6000)):at + rng.randint(200, 6000)]
    for _ in range(rng.randint(1, 4)):
        op = rng.randrange(7)
        at = rng.randrange(len(text) + 1)
        if op == 0:
            text = text[:at]  # cut off
        elif op == 1:
            text = text[:at] + rng.choice(HOSTILE) + text[at:]
        elif op == 2:
            other = rng.choice(texts)
            o = rng.randrange(len(other) + 1)
            text = text[:at] + other[o:o + rng.randint(1, 5000)] + text[at:]
        elif op == 3:
            n = rng.randint(1, 40)
            text = text[:at] + "".join(chr(rng.randrange(0, 0x3000)) for _ in range(n)) + text[at + n:]
        elif op == 4:
            text = text[:at] + text[at:at + rng.randint(1, 3000)] * rng.randint(2, 30) + text[at:]
        elif op == 5:
            span = rng.randint(1, 2000)
            text = text[:at] + text[at + span:]
        else:
            text = text.replace(" ", rng.choice(["\u00a0", "  ", "\t", " \n "]), rng.randint(1, 200))
    data = text.encode("utf-8", "surrogatepass")
    if rng.random() < 0.03:
        data = bytes(rng.randrange(256) for _ in range(rng.randint(0, 2000)))  # binary
    elif rng.random() < 0.03:
        data = data.decode("utf-8", "replace").encode("utf-16")
    return data


def work(args) -> tuple[Counter, list]:
    seed, n = args
    from warlog import pipeline, readers
    from warlog.resources import Resources

    res = Resources.load()
    texts = corpus()
    rng = random.Random(seed)
    counts, slow = Counter(), []
    for i in range(n):
        data = mutate(texts, rng)
        label = f"fuzz-{seed}-{i}"
        started = time.perf_counter()
        outcome = pipeline.attempt(label, lambda: readers.read_text(readers.decode(data, label), label), res)
        took = time.perf_counter() - started
        if outcome.ok:
            counts["read"] += 1
        elif "could not be extracted" in outcome.error.reason:
            counts["fault"] += 1
            slow.append(("fault", label, outcome.error.reason[:200], len(data)))
        else:
            counts[f"failed: {outcome.error.code}"] += 1
        if took > SLOW and len(data) < 100_000:
            counts["slow"] += 1
            slow.append(("slow", label, f"{took:.2f} s", len(data)))
        counts["max_ms"] = max(counts["max_ms"], int(took * 1000))
    return counts, slow


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=100_000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    per = args.docs // (args.workers * 20) or 1
    jobs = [(args.seed * 1000 + i, per) for i in range(args.docs // per)]
    total, problems = Counter(), []
    started = time.perf_counter()
    with mp.get_context("spawn").Pool(args.workers) as pool:
        for counts, found in pool.imap_unordered(work, jobs):
            max_ms = max(total.pop("max_ms", 0), counts.pop("max_ms", 0))
            total.update(counts)
            total["max_ms"] = max_ms
            problems += found
    docs = sum(v for k, v in total.items() if k == "read" or k.startswith("failed") or k == "fault")
    print(f"{docs} documents in {time.perf_counter() - started:.0f} s: {total['read']} read, "
          f"{sum(v for k, v in total.items() if k.startswith('failed'))} failed cleanly, {total['fault']} faults of ours, "
          f"{total['slow']} under 100 KB over {SLOW:.0f} s; slowest {total['max_ms']} ms")
    for k, v in sorted(total.items()):
        if k.startswith("failed"):
            print(f"  {k}: {v}")
    for p in sorted(problems, key=lambda p: p[0])[:40]:
        print("  ", *p)
    return 1 if total["fault"] or total["slow"] else 0


if __name__ == "__main__":
    sys.exit(main())
