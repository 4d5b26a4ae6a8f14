"""Opening a store: a missing one, a file that is not one, and one on read-only media (SQLite)."""
from __future__ import annotations

import os
import sqlite3
import subprocess

import pytest

from conftest import SAMPLES
from test_cli import invoke

from warlog import errors, migrations, query, store
from warlog.query import Filters

SEEDS = SAMPLES / "seeds"


@pytest.fixture(scope="module")
def seeded_file(tmp_path_factory):
    """A SQLite store of the seed articles, to copy."""
    path = tmp_path_factory.mktemp("seeded") / "warlog.db"
    assert invoke("ingest", SEEDS, "--db", path, "--no-progress").exit_code == 0
    return path


def _copy(seeded_file, folder):
    """A copy by SQLite's backup, whole: a file copy would miss what still sits in the -wal file."""
    folder.mkdir(exist_ok=True)
    dest = folder / "warlog.db"
    with sqlite3.connect(seeded_file) as src, sqlite3.connect(dest) as out:
        src.backup(out)
    out.close()
    src.close()
    return dest


@pytest.mark.parametrize("args", [["events"], ["show", "0000000000000000"], ["export", "--format", "jsonl"]])
def test_store_missing_database_refused_by_query_commands(tmp_path, args):
    nope = tmp_path / "nope.db"
    res = invoke(*args, "--db", nope)
    assert (res.exit_code, res.stderr) == (2, f"warlog: {nope}: no such database (warlog ingest creates it) [no-database]\n")
    assert not nope.exists()


@pytest.mark.parametrize("command", ["ingest", "dump"])
def test_store_missing_database_created_by_ingest_and_dump(tmp_path, command):
    db = tmp_path / "new.db"
    args = [SEEDS / "003_d37e82a4d6691ff5.txt"] if command == "ingest" else [_tiny_dump(tmp_path), "--workers", 0]
    res = invoke(command, *args, "--db", db, "--no-progress")
    assert res.exit_code == 0, res.stderr
    assert store.Store(str(db)).counts()["events"] >= 1


def _tiny_dump(tmp_path):
    import dumpgen

    path = tmp_path / "dump.xml.bz2"
    kwala = (SAMPLES / "wikitext/003_d37e82a4d6691ff5.txt").read_text(encoding="utf-8")
    dumpgen.write_multistream(path, tmp_path / "index.txt.bz2", dumpgen.pages({"Kwala attack": kwala}, 10))
    return path


@pytest.mark.parametrize("args", [["events"], ["show", "0000000000000000"], ["export", "--format", "jsonl"],
                                  ["ingest", str(SEEDS / "003_d37e82a4d6691ff5.txt")]])
def test_store_text_file_is_not_a_warlog_database(tmp_path, args):
    notes = tmp_path / "notes.txt"
    notes.write_text("Some notes, not a database.\n" * 200, encoding="utf-8")
    res = invoke(*args, "--db", notes)
    assert (res.exit_code, res.stderr) == (1, f"warlog: {notes}: not a warlog database (not an SQLite file) [not-a-store]\n")
    assert notes.read_text(encoding="utf-8") == "Some notes, not a database.\n" * 200


@pytest.mark.parametrize("command", ["events"])
def test_store_other_sqlite_database_is_not_a_warlog_database(tmp_path, command):
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as con:
        con.execute("CREATE TABLE places (name TEXT)")
    res = invoke(command, "--db", other)
    assert (res.exit_code, res.stderr) == (1, f"warlog: {other}: not a warlog database (no warlog tables) [not-a-store]\n")
    with sqlite3.connect(other) as con:  # and nothing was added to it
        assert [r[0] for r in con.execute("SELECT name FROM sqlite_master")] == ["places"]


@pytest.mark.parametrize("title", ["Kwala attack"])
def test_store_not_writable_is_read_without_a_write(seeded_file, tmp_path, title):
    path = _copy(seeded_file, tmp_path / "ro")
    before = path.read_bytes()
    s = store.open_for_reading(str(path), writable=lambda p: False)
    assert [r["title"] for r in query.events(s, Filters(text="suicide"))] == [title]
    with pytest.raises(Exception, match="readonly"):  # the connection itself refuses writes
        s.fail("x.txt", "binary", "a test")
    s.engine.dispose()
    assert path.read_bytes() == before


@pytest.mark.parametrize("writable", [False, True])
def test_store_version_1_read_only_says_it_needs_a_migration(seeded_file, tmp_path, writable):
    path = _copy(seeded_file, tmp_path / "v1")
    with sqlite3.connect(path) as con:
        con.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
        con.execute("ALTER TABLE locations DROP COLUMN geo_source")
    if writable:  # a store that can be written is migrated on opening, as before
        s = store.open_for_reading(str(path), writable=lambda p: True)
        with s.engine.connect() as con:
            assert migrations.version(s, con) == store.SCHEMA_VERSION
        return
    with pytest.raises(errors.ReadOnlyStore) as err:
        store.open_for_reading(str(path), writable=lambda p: False)
    assert err.value.reason == (f"read-only, and written by an older warlog (schema version 1, this one reads "
                                f"{store.SCHEMA_VERSION}): open it once where it can be written, to migrate it")
    with sqlite3.connect(path) as con:
        assert con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone() == ("1",)


@pytest.mark.parametrize("args", [["events", "--country", "MLI"], ["export", "--format", "ged-csv"]])
def test_store_on_read_only_media_is_queried(seeded_file, tmp_path, args):
    media = tmp_path / "media"
    media.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(media)], capture_output=True).returncode:
        pytest.skip("cannot mount a tmpfs here (not root, or no CAP_SYS_ADMIN): the read-only media test needs one")
    try:
        path = _copy(seeded_file, media)
        subprocess.run(["mount", "-o", "remount,ro", str(media)], check=True)
        assert not os.access(media, os.W_OK)
        res = invoke(*args, "--db", path)
        assert res.exit_code == 0, res.stderr
        assert "Kwala" in res.stdout
    finally:
        subprocess.run(["umount", "-l", str(media)], check=True)


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes through chmod: the read-only media test above covers root")
@pytest.mark.parametrize("args", [["events", "--text", "suicide"], ["export", "--format", "acled-csv"]])
def test_store_chmod_444_file_in_555_folder_is_queried(seeded_file, tmp_path, args):
    folder = tmp_path / "locked"
    path = _copy(seeded_file, folder)
    os.chmod(path, 0o444)
    os.chmod(folder, 0o555)
    try:
        res = invoke(*args, "--db", path)
        assert res.exit_code == 0, res.stderr
        assert "Kwala" in res.stdout and os.listdir(folder) == ["warlog.db"]
    finally:
        os.chmod(folder, 0o755)
