"""A full disk while ingesting or exporting: one line (`disk full`), and what was stored before stays.

On a real full disk: a small tmpfs (needs root; skipped where mounting fails). Everywhere: SQLite's
own full database (``PRAGMA max_page_count``) and an export whose writes fail with ENOSPC."""
from __future__ import annotations

import errno
import os
import sqlite3
import subprocess
from pathlib import Path

import pytest

from conftest import SAMPLES
from test_cli import invoke

from warlog import errors, store

SEEDS = sorted((SAMPLES / "seeds").iterdir())


@pytest.fixture
def small_disk(tmp_path):
    """A 2 MB tmpfs, and a function that fills it up to ``leave`` free bytes."""
    disk = tmp_path / "disk"
    disk.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(disk)], capture_output=True).returncode:
        pytest.skip("cannot mount a tmpfs here (not root, or no CAP_SYS_ADMIN): the real full-disk test needs one")

    def fill(leave: int) -> Path:
        filler = disk / "filler"
        fd = os.open(filler, os.O_WRONLY | os.O_CREAT)
        try:
            while True:
                os.write(fd, b"\0" * 65536)
        except OSError as exc:
            assert exc.errno == errno.ENOSPC
        finally:
            os.close(fd)
        os.truncate(filler, max(0, filler.stat().st_size - leave))
        return filler

    try:
        yield disk, fill
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=True)


def _documents(db) -> int:
    with sqlite3.connect(db) as con:
        assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        return con.execute("SELECT count(*) FROM documents").fetchone()[0]


@pytest.mark.parametrize("leave", [96_000])
def test_store_full_disk_stops_ingest_and_keeps_what_was_stored(small_disk, leave):
    disk, fill = small_disk
    db = disk / "warlog.db"
    assert invoke("ingest", *SEEDS[:2], "--db", db, "--no-progress").exit_code == 0
    filler = fill(leave)
    res = invoke("ingest", *SEEDS, "--db", db, "--no-progress")
    assert res.exit_code == 1
    assert res.stderr.splitlines() == [f"warlog: {db}: disk full: what was stored before stays; free some space "
                                       f"and run it again [disk-full]"]
    filler.unlink()
    assert _documents(db) == 2


@pytest.mark.parametrize("spare_pages", [2])
def test_store_full_database_stops_ingest_and_keeps_what_was_stored(tmp_path, monkeypatch, spare_pages):
    db = tmp_path / "warlog.db"
    assert invoke("ingest", *SEEDS[:2], "--db", db, "--no-progress").exit_code == 0
    with sqlite3.connect(db) as con:
        limit = con.execute("PRAGMA page_count").fetchone()[0] + spare_pages
    pragmas = store._sqlite_pragmas

    def capped(dbapi_con, record):  # SQLite's own SQLITE_FULL, as on a full disk
        pragmas(dbapi_con, record)
        dbapi_con.execute(f"PRAGMA max_page_count = {limit}")

    monkeypatch.setattr(store, "_sqlite_pragmas", capped)
    res = invoke("ingest", *SEEDS, "--db", db, "--no-progress")
    assert (res.exit_code, res.stderr) == (1, f"warlog: {db}: disk full: what was stored before stays; free some "
                                              f"space and run it again [disk-full]\n")
    assert _documents(db) == 2


@pytest.fixture(scope="module")
def seeded_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("seeded") / "warlog.db"
    assert invoke("ingest", *SEEDS, "--db", db, "--no-progress").exit_code == 0
    return db


@pytest.mark.parametrize("fmt", ["jsonl", "ged-csv", "parquet"])
def test_export_full_disk_leaves_no_half_written_file(small_disk, seeded_db, fmt):
    disk, fill = small_disk
    fill(0)
    res = invoke("export", "--format", fmt, "--out", disk / "out", "--db", seeded_db)
    assert res.exit_code == 1
    assert res.stderr.splitlines() == [f"warlog: {disk / 'out'}: disk full: nothing of it was written [disk-full]"]
    assert sorted(os.listdir(disk)) == ["filler"]


@pytest.mark.parametrize("fmt", ["acled-csv"])
def test_export_write_failing_with_enospc_is_disk_full(tmp_path, seeded_db, monkeypatch, fmt):
    real_write = Path.write_text

    def half_then_full(self, text, *args, **kw):
        real_write(self, text[: len(text) // 2], *args, **kw)
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(self))

    monkeypatch.setattr(Path, "write_text", half_then_full)
    out = tmp_path / "acled.csv"
    res = invoke("export", "--format", fmt, "--out", out, "--db", seeded_db)
    assert (res.exit_code, res.stderr) == (1, f"warlog: {out}: disk full: nothing of it was written [disk-full]\n")
    assert os.listdir(tmp_path) == []


@pytest.mark.parametrize("exc,full", [
    (OSError(errno.ENOSPC, "No space left on device"), True),
    (OSError(errno.EACCES, "Permission denied"), False),
    (sqlite3.OperationalError("database or disk is full"), False),  # a message alone is no proof
    (ValueError("full"), False),
])
def test_errors_is_disk_full(exc, full):
    assert errors.is_disk_full(exc) is full
