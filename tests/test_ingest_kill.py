"""An ingest killed at random moments (kill -9) leaves a consistent database; a rerun completes it,
and every document's events are then stored exactly once."""
from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time

from conftest import SAMPLES

import warlog
from warlog import store


def _corpus(folder, n=600):
    # enough documents that an ingest outlasts the first kill: batched writes store some 200 a second
    seeds = sorted((SAMPLES / "seeds").iterdir()) + sorted((SAMPLES / "wikitext").iterdir())
    folder.mkdir()
    for i in range(n):
        src = seeds[i % len(seeds)]
        # the same article under another name and with a line more: another document
        (folder / f"{i:03d}_{src.name}").write_text(src.read_text(encoding="utf-8") + f"\nCopy {i}.\n", encoding="utf-8")
    return {str((folder / f.name).resolve()): len(warlog.extract(folder / f.name)) for f in folder.iterdir()}


def test_ingest_kill_at_random_points_then_rerun(db_url, tmp_path):
    expected = _corpus(tmp_path / "docs")
    rng = random.Random(7)
    cmd = [sys.executable, "-m", "warlog", "ingest", str(tmp_path / "docs"), "--db", db_url, "--no-progress"]
    partial = []
    for _ in range(4):
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        time.sleep(rng.uniform(0.8, 2.0))
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        partial.append(store.Store(db_url).counts()["documents"])
    assert any(n < len(expected) for n in partial), partial  # the kills did land mid-run
    final = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert final.returncode == 0, final.stderr
    s = store.Store(db_url)
    e = s.t["events"]
    with s.engine.connect() as con:
        rows = con.execute(s.sa.select(e.c.document_id, s.sa.func.count()).group_by(e.c.document_id)).all()
        n_docs = con.execute(s.sa.select(s.sa.func.count()).select_from(s.t["documents"])).scalar_one()
    assert dict(rows) == expected
    assert n_docs == len(expected)
