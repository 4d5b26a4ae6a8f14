"""A MediaWiki dump streamed into events: found exactly the conflict articles planted among
thousands of ordinary pages, with the same events as `warlog extract` on those articles; a damaged
dump is never lost silently (issue 9): what failed is named, not marked done, and a rerun on the
repaired file finds every article exactly once."""
from __future__ import annotations

import bz2
import gzip
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import ROOT

import dumpgen
from warlog import cli, dump, readers, store
from warlog.events import from_document

N_ORDINARY = 2000


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    folder = tmp_path_factory.mktemp("dump")
    planted = dumpgen.planted_articles(ROOT)
    path, index = folder / "enwiki-test-multistream.xml.bz2", folder / "enwiki-test-multistream-index.txt.bz2"
    dumpgen.write_multistream(path, index, dumpgen.pages(planted, N_ORDINARY))
    expected = {}
    for title, text in planted.items():
        doc = readers.read_text(text, title, "wikitext", title=title)
        expected[title] = [_comparable(e.to_dict()) for e in from_document(doc)]
    return path, index, expected


def _comparable(ev: dict) -> dict:
    return {k: v for k, v in ev.items() if k not in ("document", "id")}  # ids follow the page id


def _by_title(lines) -> dict:
    out = {}
    for ev in lines:
        out.setdefault(ev["document"]["title"], []).append(_comparable(ev))
    return out


def _jsonl(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_dump_finds_the_planted_articles_and_nothing_else(made, tmp_path):
    path, index, expected = made
    out = tmp_path / "events.jsonl"
    summary = dump.run(path, index, out=str(out), workers=0)
    assert summary.matched == len(expected) and not summary.errors
    assert summary.pages == N_ORDINARY + 5 + len(expected)
    got = _by_title(_jsonl(out))
    assert got == expected


def test_dump_events_carry_page_provenance(made, tmp_path):
    path, index, _ = made
    out = tmp_path / "events.jsonl"
    dump.run(path, index, out=str(out), workers=0)
    doc = _jsonl(out)[0]["document"]
    assert doc["page_id"] > 0 and doc["revision_id"] == doc["page_id"] * 10 + 1 and doc["format"] == "wikitext"


def test_dump_without_index_single_pass(made, tmp_path):
    path, _, expected = made
    out = tmp_path / "events.jsonl"
    summary = dump.run(path, None, out=str(out), workers=0)
    assert _by_title(_jsonl(out)) == expected and summary.matched == len(expected)
    assert summary.compressed == path.stat().st_size  # MB/s counts the file's own bytes
    assert summary.pages == N_ORDINARY + 5 + len(expected)  # counted in the XML, as the index lists them


def test_dump_into_the_store_is_resumable(made, tmp_path, monkeypatch):
    path, index, expected = made
    url = f"sqlite:///{tmp_path / 'w.db'}"
    real_write, calls = dump.StoreSink.write, []

    def crash_after_two(self, r):
        if len(calls) == 2:
            raise KeyboardInterrupt  # the run stops between chunks
        calls.append(1)
        real_write(self, r)

    monkeypatch.setattr(dump.StoreSink, "write", crash_after_two)
    with pytest.raises(KeyboardInterrupt):
        dump.run(path, index, url, workers=0, chunk_bytes=50_000)
    monkeypatch.setattr(dump.StoreSink, "write", real_write)
    summary = dump.run(path, index, url, workers=0, chunk_bytes=50_000)
    assert summary.skipped == sum(len(c) for c in dump.plan(path, dump.read_index(index), 50_000)[:2])
    s = store.Store(url)
    with s.engine.connect() as con:
        titles = con.execute(s.sa.select(s.t["documents"].c.title)).scalars().all()
        n_events = con.execute(s.sa.select(s.sa.func.count()).select_from(s.t["events"])).scalar_one()
    assert sorted(titles) == sorted(expected) and n_events == sum(map(len, expected.values()))


def test_dump_on_a_local_pool_of_two_workers(made, tmp_path):
    path, index, expected = made
    out = tmp_path / "events.jsonl"
    summary = dump.run(path, index, out=str(out), workers=2, chunk_bytes=20_000)
    n_streams = len(dump.read_index(index)) + 1
    assert summary.chunks > 12 and len((tmp_path / "events.jsonl.done").read_text().splitlines()) == n_streams
    assert _by_title(_jsonl(out)) == expected


def test_dump_on_an_existing_cluster_a_failed_chunk_is_left_for_the_rerun(made, tmp_path, monkeypatch):
    distributed = pytest.importorskip("dask.distributed")
    path, index, expected = made
    real = dump.scan_chunk
    bad = dump.plan(path, dump.read_index(index), 100_000)[1][0][0]  # the second chunk's first stream

    def flaky(dump_path, streams, *args):
        if streams[0][0] == bad:
            raise OSError("disk went away")
        return real(dump_path, streams, *args)

    out = tmp_path / "events.jsonl"
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None) as cl:
        monkeypatch.setattr(dump, "scan_chunk", flaky)
        first = dump.run(path, index, out=str(out), scheduler=cl.scheduler_address, chunk_bytes=100_000)
        assert any("failed on its worker" in e and "disk went away" in e for e in first.errors)
        monkeypatch.setattr(dump, "scan_chunk", real)
        again = dump.run(path, index, out=str(out), scheduler=cl.scheduler_address, chunk_bytes=100_000)
    bad_chunk = next(c for c in dump.plan(path, dump.read_index(index), 100_000) if c[0][0] == bad)
    assert again.streams == len(bad_chunk) and again.skipped == len(dump.read_index(index)) + 1 - len(bad_chunk)
    assert _by_title(_jsonl(out)) == expected


def test_dump_reads_the_export_0_10_schema_too(tmp_path):
    planted = dict(list(dumpgen.planted_articles(ROOT).items())[:2])
    path, index = tmp_path / "old.xml.bz2", tmp_path / "old-index.txt.bz2"
    dumpgen.write_multistream(path, index, dumpgen.pages(planted, 300), version="0.10")
    assert b"export-0.10" in bz2.BZ2Decompressor().decompress(path.read_bytes())  # the header's own stream
    out = tmp_path / "e.jsonl"
    summary = dump.run(path, index, out=str(out), workers=0)
    assert summary.matched == 2 and {e["document"]["title"] for e in _jsonl(out)} == set(planted)


# -- a damaged dump is never lost silently --------------------------------------------------------

class _Sink:
    """Where a run writes (the store, or JSON Lines) and what it then holds."""

    def __init__(self, kind: str, folder: Path, dump_name: str):
        self.kind, self.dump_name = kind, dump_name
        self.url, self.out = f"sqlite:///{folder / 'w.db'}", folder / "events.jsonl"

    def args(self) -> list[str]:
        return ["--db", self.url] if self.kind == "store" else ["--out", str(self.out)]

    def kwargs(self) -> dict:
        return {"url": self.url} if self.kind == "store" else {"out": str(self.out)}

    def events(self) -> dict:
        if self.kind == "jsonl":
            return _by_title(_jsonl(self.out)) if self.out.exists() else {}
        s = store.Store(self.url)
        with s.engine.connect() as con:
            records = con.execute(s.sa.select(s.t["events"].c.record)).scalars().all()
        return _by_title(json.loads(r) for r in records)

    def done(self) -> set[int]:
        if self.kind == "jsonl":
            log = Path(f"{self.out}.done")
            return {int(line.split()[0]) for line in log.read_text().splitlines()} if log.exists() else set()
        return store.Store(self.url).done_streams(self.dump_name)

    def failures(self) -> dict[str, str]:
        """Failure key -> code."""
        if self.kind == "jsonl":
            log = Path(f"{self.out}.failures")
            return {r["path"]: r["code"] for r in map(json.loads, log.read_text().splitlines())} if log.exists() else {}
        s = store.Store(self.url)
        f = s.t["failures"]
        with s.engine.connect() as con:
            return dict(con.execute(s.sa.select(f.c.path, f.c.code)).all())


def _cli(*args, workers: int = 0):
    return CliRunner().invoke(cli.main, ["dump", *map(str, args), "--workers", str(workers), "--no-progress"])


def _ends(index: Path) -> dict[int, int]:
    offsets = sorted({int(line.split(":", 1)[0]) for line in dumpgen.index_lines(index)})
    return dict(zip(offsets, offsets[1:]))


@pytest.fixture(params=["store", "jsonl"])
def sink_kind(request):
    return request.param


def test_dump_corrupt_stream_fails_and_a_rerun_on_the_repaired_file_finds_every_article_once(made, tmp_path, sink_kind):
    path, index, expected = made
    good = path.read_bytes()
    bad = dumpgen.offset_of(index, sorted(expected)[0])  # the stream of a planted article
    mid = (bad + _ends(index)[bad]) // 2
    damaged = bytearray(good)
    damaged[mid:mid + 16] = bytes(b ^ 0xFF for b in damaged[mid:mid + 16])
    copy = tmp_path / path.name
    copy.write_bytes(bytes(damaged))
    sink = _Sink(sink_kind, tmp_path, path.name)
    res = _cli(copy, "--index", index, *sink.args())
    assert res.exit_code == 1, res.output
    assert f"at byte {bad}" in res.stderr and "1 stream" in res.stderr.splitlines()[0]
    assert bad not in sink.done() and sink.failures() == {f"{path.name}@{bad}": "corrupt"}
    assert set(sink.events()) == set(expected) - {sorted(expected)[0]}
    copy.write_bytes(good)
    again = _cli(copy, "--index", index, *sink.args())
    assert again.exit_code == 0, again.output
    assert sink.events() == expected and not sink.failures()
    assert bad in sink.done() and len(sink.done()) == len(_ends(index)) + 2  # the header's stream too


@pytest.mark.parametrize("indexed", [True, False], ids=["index", "single-pass"])
def test_dump_truncated_file_fails_and_a_rerun_on_the_whole_file_finds_every_article_once(made, tmp_path, sink_kind,
                                                                                        indexed):
    path, index, expected = made
    good = path.read_bytes()
    copy = tmp_path / path.name
    copy.write_bytes(good[: len(good) * 6 // 10])
    sink = _Sink(sink_kind, tmp_path, path.name)
    with_index = ["--index", index] if indexed else []
    res = _cli(copy, *with_index, *sink.args())
    assert res.exit_code == 1, res.output
    if indexed:  # refused before anything is read: the index names streams the file does not hold
        assert "past the end" in res.stderr and not sink.done() and not sink.events()
    else:  # what was read whole is kept; the rest is a failure at the piece where the XML broke off
        assert "cut off" in res.stderr and len(sink.failures()) == 1
        assert sink.done() and len(sink.events()) < len(expected)
    copy.write_bytes(good)
    again = _cli(copy, *with_index, *sink.args())
    assert again.exit_code == 0, again.output
    assert sink.events() == expected and not sink.failures()


@pytest.fixture(scope="module")
def other(tmp_path_factory):
    """Another dump's index: the same kind of pages, another draw of them."""
    folder = tmp_path_factory.mktemp("other")
    planted = dict(list(dumpgen.planted_articles(ROOT).items())[:3])
    path, index = folder / "other.xml.bz2", folder / "other-index.txt.bz2"
    dumpgen.write_multistream(path, index, dumpgen.pages(planted, 1500, seed=2))
    return index


@pytest.mark.parametrize("which", ["shifted", "foreign"])
def test_dump_index_of_another_file_is_refused_and_nothing_is_marked_done(made, other, tmp_path, sink_kind, which):
    path, index, _ = made
    if which == "shifted":
        wrong = tmp_path / "shifted-index.txt.bz2"
        dumpgen.write_index(wrong, [f"{int(o) + 1}:{rest}" for o, rest in
                                    (line.split(":", 1) for line in dumpgen.index_lines(index))])
    else:
        wrong = other
    sink = _Sink(sink_kind, tmp_path, path.name)
    res = _cli(path, "--index", wrong, *sink.args())
    assert res.exit_code == 1, res.output
    assert path.name in res.stderr and wrong.name in res.stderr and "index-mismatch" in res.stderr
    assert "Traceback" not in res.output and len(res.stderr.splitlines()) == 1
    assert not sink.done() and not sink.events()


@pytest.mark.parametrize("wrong_id", [1, 10**9], ids=["another-page", "no-such-page"])
def test_dump_stream_that_does_not_begin_with_the_indexed_page_fails_and_keeps_nothing(made, wrong_id):
    path, index, _ = made
    stream = next(s for c in dump.plan(path, dump.read_index(index)) for s in c if s.page_id and s.page_id > 1)
    result = dump.scan_chunk(str(path), [stream._replace(page_id=wrong_id)])
    assert not result.done and not result.pages and not result.pages_found
    assert [(f.offset, f.code) for f in result.failed] == [(stream.start, "index-mismatch")]
    assert f"begins with page {stream.page_id}" in result.failed[0].reason


@pytest.mark.parametrize("past", [5_000, 10**15], ids=["just-past", "far-past"])
def test_dump_index_offset_past_the_end_is_an_error_naming_its_line(made, tmp_path, past):
    path, index, _ = made
    lines = dumpgen.index_lines(index)
    ghost = tmp_path / "ghost-index.txt.bz2"
    dumpgen.write_index(ghost, lines + [f"{path.stat().st_size + past}:999999:Ghost page"])
    sink = _Sink("store", tmp_path, path.name)
    res = _cli(path, "--index", ghost, *sink.args())
    assert res.exit_code == 1, res.output
    assert f"{ghost}:{len(lines) + 1}:" in res.stderr and "past the end" in res.stderr
    assert not isinstance(res.exception, MemoryError) and not sink.done()


@pytest.mark.parametrize("form, name", [("xml", "enwiki.xml"), ("gzip", "enwiki.xml.gz"), ("bz2", "enwiki.xml.bz2"),
                                        ("xml", "named-wrongly.xml.bz2"), ("gzip", "named-wrongly.xml")])
def test_dump_plain_and_gzip_dumps_give_the_same_events_as_the_bz2(made, tmp_path, form, name):
    path, _, expected = made
    xml = bz2.decompress(path.read_bytes())
    f = tmp_path / name
    f.write_bytes({"xml": xml, "gzip": gzip.compress(xml, 6), "bz2": path.read_bytes()}[form])
    out = tmp_path / "e.jsonl"
    res = _cli(f, "--out", out)
    assert res.exit_code == 0, res.output
    assert _by_title(_jsonl(out)) == expected


@pytest.mark.parametrize("content", [b"PK\x03\x04\x14\x00 a zip file", b"\x89PNG\r\n\x1a\n", b"just some text\n",
                                     bz2.compress(b"Just some text, compressed.\n"), gzip.compress(b'{"a": 1}\n'),
                                     b"<html><body>not an export</body></html>"],
                         ids=["zip", "png", "text", "bz2-text", "gzip-json", "html"])
def test_dump_refuses_a_file_that_is_not_a_mediawiki_dump_in_one_line(tmp_path, content):
    f = tmp_path / "enwiki.xml.bz2"
    f.write_bytes(content)
    res = _cli(f, "--out", tmp_path / "e.jsonl")
    assert res.exit_code == 1
    assert res.stderr.splitlines() == [f"warlog: {f}: not a MediaWiki XML dump (.xml, .xml.bz2, .xml.gz) [format]"]
    assert not (tmp_path / "e.jsonl").exists()


def test_dump_index_with_a_dump_that_is_not_bz2_is_refused(made, tmp_path):
    path, index, _ = made
    f = tmp_path / "enwiki.xml"
    f.write_bytes(bz2.decompress(path.read_bytes()))
    res = _cli(f, "--index", index, "--out", tmp_path / "e.jsonl")
    assert res.exit_code == 1 and "bz2 multistream" in res.stderr and len(res.stderr.splitlines()) == 1


MAX = 200_000


@pytest.fixture(scope="module")
def with_huge_page(tmp_path_factory):
    """A dump where one conflict article and one ordinary page are over MAX bytes."""
    folder = tmp_path_factory.mktemp("huge")
    planted = dumpgen.planted_articles(ROOT)
    huge_title = sorted(planted)[0]
    planted[huge_title] = dumpgen.padded(planted[huge_title], 3 * MAX)
    planted["Huge list of villages"] = "A long list. " * (MAX // 5)  # no conflict infobox: passed over
    path, index = folder / "huge-multistream.xml.bz2", folder / "huge-multistream-index.txt.bz2"
    dumpgen.write_multistream(path, index, dumpgen.pages(planted, 600))
    page_id = next(int(line.split(":")[1]) for line in dumpgen.index_lines(index) if line.endswith(huge_title))
    return path, index, huge_title, page_id


@pytest.mark.parametrize("indexed", [True, False], ids=["index", "single-pass"])
def test_dump_page_over_max_bytes_is_a_failure_never_parsed_and_the_others_are_stored(made, with_huge_page, tmp_path,
                                                                                    monkeypatch, indexed):
    _, _, expected = made
    path, index, huge_title, page_id = with_huge_page
    parsed = []
    real = dump.ET.fromstring
    monkeypatch.setattr(dump.ET, "fromstring", lambda block, *a: parsed.append(len(block)) or real(block, *a))
    sink = _Sink("store", tmp_path, path.name)
    res = _cli(path, *(["--index", index] if indexed else []), "--max-bytes", MAX, *sink.args())
    assert res.exit_code == 1, res.output
    assert sink.failures() == {f"{path.name}#{page_id}": "too-large"}
    assert "1 page failed" in res.stderr and f"{path.name}#{page_id}" in res.stderr
    assert sink.events() == {t: evs for t, evs in expected.items() if t != huge_title}
    assert parsed and max(parsed) < MAX


@pytest.mark.parametrize("indexed", [True, False], ids=["index", "single-pass"])
def test_dump_memory_stays_flat_over_a_huge_page(tmp_path, indexed):
    import tracemalloc

    planted = dict(list(dumpgen.planted_articles(ROOT).items())[:1])
    planted["Planted huge"] = dumpgen.padded(next(iter(planted.values())), 80_000_000)
    path, index = tmp_path / "h.xml.bz2", tmp_path / "h-index.txt.bz2"
    dumpgen.write_multistream(path, index, dumpgen.pages(planted, 50))
    tracemalloc.start()
    try:
        summary = dump.run(path, index if indexed else None, out=str(tmp_path / "e.jsonl"), workers=0,
                           max_bytes=1_000_000)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [f.code for f in summary.failed_pages] == ["too-large"] and summary.matched == 2
    assert peak < 40_000_000, f"{peak / 1e6:.0f} MB held for an 80 MB page"


@pytest.mark.parametrize("mode", ["in-process", "dask"])
def test_dump_failed_chunk_marks_nothing_and_the_rerun_retries_it(made, tmp_path, monkeypatch, mode):
    path, index, expected = made
    chunks = dump.plan(path, dump.read_index(index), 100_000)
    bad = chunks[1]
    real = dump.scan_chunk

    def flaky(dump_path, streams, *args):
        if streams[0][0] == bad[0][0]:
            raise OSError("disk went away")
        return real(dump_path, streams, *args)

    sink = _Sink("store", tmp_path, path.name)
    kw = dict(sink.kwargs(), chunk_bytes=100_000, workers=0)
    monkeypatch.setattr(dump, "scan_chunk", flaky)
    if mode == "dask":
        distributed = pytest.importorskip("dask.distributed")
        cluster = distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None)
        kw["scheduler"] = cluster.scheduler_address
    try:
        first = dump.run(path, index, **kw)
        assert {f.offset for f in first.failed_streams} == {s[0] for s in bad}
        assert all("failed on its worker" in f.reason and "disk went away" in f.reason for f in first.failed_streams)
        assert not sink.done() & {s[0] for s in bad} and len(sink.done()) == len(_ends(index)) + 2 - len(bad)
        monkeypatch.setattr(dump, "scan_chunk", real)
        again = dump.run(path, index, **kw)
    finally:
        if mode == "dask":
            cluster.close()
    assert again.streams == len(bad) and not again.failed
    assert sink.events() == expected and not sink.failures()


def test_dump_page_that_fails_is_recorded_and_its_stream_is_done(made, tmp_path, monkeypatch, sink_kind):
    path, index, expected = made
    victim = sorted(expected)[1]
    real = readers.read_text

    def fragile(text, path_, *args, title="", **kw):
        if title == victim:
            raise ValueError("a fault of ours")
        return real(text, path_, *args, title=title, **kw)

    monkeypatch.setattr(readers, "read_text", fragile)
    sink = _Sink(sink_kind, tmp_path, path.name)
    summary = dump.run(path, index, workers=0, **sink.kwargs())
    page_id = next(int(line.split(":")[1]) for line in dumpgen.index_lines(index) if line.endswith(":" + victim))
    assert [f.key for f in summary.failed_pages] == [f"{path.name}#{page_id}"] and not summary.failed_streams
    assert sink.failures() == {f"{path.name}#{page_id}": "bad-input"}
    assert dumpgen.offset_of(index, victim) in sink.done()
    assert sink.events() == {t: evs for t, evs in expected.items() if t != victim}


def test_dump_page_the_store_refuses_is_that_page_s_failure(made, tmp_path, monkeypatch):
    path, index, expected = made
    victim = sorted(expected)[2]
    real = store.Store._put_event

    def refuse(self, con, key, ev):
        if ev.document.title == victim:
            raise OverflowError("a count beyond the database's integers")
        return real(self, con, key, ev)

    monkeypatch.setattr(store.Store, "_put_event", refuse)
    sink = _Sink("store", tmp_path, path.name)
    summary = dump.run(path, index, workers=0, **sink.kwargs())
    page_id = next(int(line.split(":")[1]) for line in dumpgen.index_lines(index) if line.endswith(":" + victim))
    assert sink.failures() == {f"{path.name}#{page_id}": "store"} and summary.failed
    assert set(sink.events()) == set(expected) - {victim} and len(sink.done()) == len(_ends(index)) + 2


def test_dump_exit_status_is_0_when_every_stream_and_page_was_read(made, tmp_path):
    path, index, _ = made
    res = _cli(path, "--index", index, "--out", tmp_path / "e.jsonl")
    assert res.exit_code == 0, res.output
    assert "nothing failed" in res.stderr.splitlines()[0] and len(res.stderr.splitlines()) == 1


@pytest.fixture(scope="module")
def slow(tmp_path_factory):
    """A dump whose scan takes several seconds: two thousand conflict articles to extract."""
    folder = tmp_path_factory.mktemp("slow")
    planted = {f"{t} copy {i}": text for i in range(300) for t, text in dumpgen.planted_articles(ROOT).items()}
    path, index = folder / "slow.xml.bz2", folder / "slow-index.txt.bz2"
    dumpgen.write_multistream(path, index, dumpgen.pages(planted, 200))
    return path, index


@pytest.mark.parametrize("sig, wait", [(signal.SIGINT, 2.0), (signal.SIGTERM, 2.0), (signal.SIGINT, 0.0)],
                         ids=["SIGINT-mid-scan", "SIGTERM-mid-scan", "SIGINT-while-the-pool-starts"])
def test_dump_interrupted_run_leaves_no_worker_process_behind(slow, tmp_path, sig, wait):
    psutil = pytest.importorskip("psutil")
    path, index = slow
    cmd = [sys.executable, "-m", "warlog", "dump", str(path), "--index", str(index), "--workers", "2",
           "--out", str(tmp_path / "e.jsonl"), "--no-progress"]
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]))
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True, env=env)
    main = psutil.Process(proc.pid)
    descendants = []
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:  # the local workers are up
            descendants = main.children(recursive=True)
            if sum("spawn_main" in " ".join(p.cmdline()) for p in descendants) >= 2:
                break
            time.sleep(0.2)
        else:
            pytest.fail("the local workers did not start")
        time.sleep(wait)  # the scan under way, or the workers still registering
        assert proc.poll() is None, "the run ended before it could be interrupted"
        descendants = main.children(recursive=True)
        proc.send_signal(sig)  # to the command alone, not its process group: it must close its workers itself
        _, err = proc.communicate(timeout=60)
        _, alive = psutil.wait_procs(descendants, timeout=10)
        assert not alive, f"left behind: {[(p.pid, p.cmdline()) for p in alive]}"
        assert proc.returncode == 128 + sig, err.decode()
        assert b"interrupted" in err and b"Traceback" not in err
    finally:
        for p in [main, *descendants]:
            try:
                p.kill()
            except psutil.NoSuchProcess:
                pass


def test_dump_worker_that_dies_fails_its_chunks_and_the_others_are_read(slow, tmp_path):
    psutil = pytest.importorskip("psutil")
    path, index = slow
    chunks = dump.plan(path, dump.read_index(index), 20_000)
    before = {p.pid for p in psutil.Process().children()}
    results = dump.execute(str(path), chunks, 2, None)
    got = [next(results)]
    workers = [p for p in psutil.Process().children() if p.pid not in before and "spawn_main" in " ".join(p.cmdline())]
    workers[0].kill()
    got += list(results)
    done = {o for r in got for o in r.done}
    failed = {f.offset for r in got for f in r.failed}
    assert failed and all(f.code == "worker" for r in got for f in r.failed)
    assert not done & failed and done | failed == {s[0] for c in chunks for s in c}
    _, alive = psutil.wait_procs(workers, timeout=10)
    assert not alive
    again = list(dump.execute(str(path), [c for c in chunks if c[0][0] in failed], 2, None))
    assert {o for r in again for o in r.done} == failed
