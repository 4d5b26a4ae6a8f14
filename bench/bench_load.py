"""How long the references take to load: the actor registry, the lexicon's patterns, the packaged
conflict gazetteer, and the world layer (its index opened, and the first lookup); and the cold start of
``import warlog`` and of ``python -m warlog --help``.

    python bench/bench_load.py

Each figure is the best of five fresh interpreters (a cold start is what a user waits for),
with the bare interpreter's start-up as the floor, measured in the same run.
"""
from __future__ import annotations

import subprocess
import sys
import time

SNIPPETS = {
    "floor: python -c pass": "pass",
    "import warlog": "import warlog",
    "python -m warlog --help": "import sys; sys.argv = ['warlog', '--help']; import runpy; runpy.run_module('warlog', run_name='__main__')",
    "actor registry": "from warlog import actors; actors.load()",
    "lexicon and its patterns": "from warlog import lexicon; lexicon.load().patterns",
    "conflict gazetteer": "from warlog import gazetteer; gazetteer.Gazetteer(gazetteer._packaged_rows(), world=False)",
    "all layers + one world lookup": "from warlog import gazetteer; gazetteer.load().resolve('Bankass', 'ML')",
}


def cold(code: str, rounds: int = 5) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, stdout=subprocess.DEVNULL)
        best = min(best, time.perf_counter() - start)
    return best


def main():
    from warlog import gazetteer

    gazetteer.world_db()  # build the world index once, outside the timing
    floor = cold("pass")
    for name, code in SNIPPETS.items():
        t = cold(code)
        print(f"{t * 1000:8.0f} ms  ({(t - floor) * 1000:6.0f} ms over the floor)  {name}")


if __name__ == "__main__":
    main()
