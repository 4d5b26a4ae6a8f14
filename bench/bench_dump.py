"""The dump pipeline against the decompression floor, on a generated multistream dump.

    python bench/bench_dump.py [--gb 1.0] [--workers 2] [--keep DIR]

Writes a dump of at least --gb GB of XML (the wikitext test articles planted among ordinary pages,
bz2 multistream with its index), then in the same run times `bzcat DUMP > /dev/null` (one core's
decompression: the floor) and `warlog dump DUMP --index INDEX --workers N --out ...`, alternated
--rounds times, best of each, sampling the whole process tree's memory. Prints the ratio of the wall
times (and of the CPU times of the process trees: on a machine others share, a run of two workers can
only be as parallel as the cores left to it), the peak memory of the whole process tree, whether
exactly the planted articles were found, and the projected time for the full English dump (about
100 GB of XML).
"""
from __future__ import annotations

import argparse
import bz2
import json
import multiprocessing as mp
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
import dumpgen  # noqa: E402


def _compress(batch):
    return bz2.compress("".join(xml for _, _, xml in batch).encode("utf-8")), [(pid, t) for pid, t, _ in batch]


def generate(folder: Path, gb: float) -> tuple[Path, Path, int, set[str]]:
    planted = dumpgen.planted_articles(ROOT)
    n = int(gb * 1e9 / 2300)  # ordinary pages of about 2.3 KB of XML
    path, index = folder / "enwiki-bench-multistream.xml.bz2", folder / "enwiki-bench-multistream-index.txt.bz2"
    items = dumpgen.pages(planted, n, words=300)
    batches, cur = [], []
    for item in items:
        cur.append(item)
        if len(cur) == 100:
            batches.append(cur)
            cur = []
    if cur:
        batches.append(cur)
    xml_bytes = 0
    with mp.Pool(2) as pool, open(path, "wb") as out, bz2.open(index, "wt", encoding="utf-8") as idx:
        out.write(bz2.compress(dumpgen.HEADER.encode()))
        for data, ids in pool.imap(_compress, batches, chunksize=8):
            off = out.tell()
            out.write(data)
            idx.writelines(f"{off}:{pid}:{t}\n" for pid, t in ids)
        out.write(bz2.compress(b"</mediawiki>\n"))
    xml_bytes = sum(len(xml.encode()) for b in batches for _, _, xml in b)
    return path, index, xml_bytes, set(planted)


def timed(cmd, stdout=subprocess.DEVNULL) -> tuple[float, int, float]:
    """Wall seconds, peak memory (bytes) and CPU seconds of a command and all its descendants."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=stdout, stderr=subprocess.PIPE)
    peak = 0
    ps = psutil.Process(proc.pid)
    stop = threading.Event()

    def sample():
        nonlocal peak
        while not stop.is_set():
            try:
                procs = [ps] + ps.children(recursive=True)
                peak = max(peak, sum(p.memory_info().rss for p in procs if p.is_running()))
            except psutil.Error:
                pass
            time.sleep(0.2)

    t = threading.Thread(target=sample, daemon=True)
    t.start()
    _, err = proc.communicate()
    stop.set()
    t.join()
    if proc.returncode:
        raise SystemExit(f"{cmd[0]} failed: {err.decode()[-2000:]}")
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the command's, and its reaped workers'
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return wall, peak, cpu


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--gb", type=float, default=1.0)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--keep", type=Path, help="generate (or reuse) the dump in this folder")
    ap.add_argument("--rounds", type=int, default=3, help="floor and run, alternated, this many times")
    args = ap.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="warlog-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    t = time.perf_counter()
    meta = folder / "bench.json"
    if meta.exists():  # reuse a dump generated before with --keep
        m = json.loads(meta.read_text())
        path, index, xml_bytes, planted = Path(m["path"]), Path(m["index"]), m["xml_bytes"], set(m["planted"])
    else:
        path, index, xml_bytes, planted = generate(folder, args.gb)
        if args.keep:
            meta.write_text(json.dumps({"path": str(path), "index": str(index), "xml_bytes": xml_bytes,
                                        "planted": sorted(planted)}))
    print(f"generated {xml_bytes / 1e9:.2f} GB of XML ({path.stat().st_size / 1e6:.0f} MB bz2) in "
          f"{time.perf_counter() - t:.0f} s")
    out = folder / "events.jsonl"
    floors, runs = [], []
    for _ in range(args.rounds):  # alternated, best of each: noise only ever slows a run down
        floors.append(timed(["bash", "-c", f"bzcat '{path}' > /dev/null"]))
        for f in (out, Path(str(out) + ".done")):
            f.unlink(missing_ok=True)
        runs.append(timed([sys.executable, "-m", "warlog", "dump", str(path), "--index", str(index),
                           "--workers", str(args.workers), "--out", str(out), "--no-progress"]))
    floor, floor_cpu = min(w for w, _, _ in floors), min(c for _, _, c in floors)
    took, peak, cpu = min(w for w, _, _ in runs), max(p for _, p, _ in runs), min(c for _, _, c in runs)
    found = {json.loads(line)["document"]["title"] for line in out.read_text(encoding="utf-8").splitlines()}
    print(f"bzcat (floor):  {floor:7.1f} s  ({xml_bytes / 1e6 / floor:.0f} MB/s of XML), {floor_cpu:.1f} s of CPU")
    print(f"warlog dump:    {took:7.1f} s  = {took / floor:.2f} x the floor, peak memory {peak / 2**20:.0f} MiB "
          f"of the process tree ({args.workers} workers); {cpu:.1f} s of CPU = {cpu / floor_cpu:.2f} x the floor's")
    print(f"planted articles found: {len(found & planted)}/{len(planted)}, others: {len(found - planted)}")
    print(f"projected for the full English dump (~100 GB of XML): {100e9 / (xml_bytes / took) / 3600:.1f} h "
          f"on this machine")


if __name__ == "__main__":
    main()
