"""A MediaWiki dump streamed into events: found exactly the conflict articles planted among
thousands of ordinary pages, with the same events as `warlog extract` on those articles."""
from __future__ import annotations

import bz2
import json

import pytest

from conftest import ROOT

import dumpgen
from warlog import dump, readers, store
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
    assert summary.skipped == 2
    s = store.Store(url)
    with s.engine.connect() as con:
        titles = con.execute(s.sa.select(s.t["documents"].c.title)).scalars().all()
        n_events = con.execute(s.sa.select(s.sa.func.count()).select_from(s.t["events"])).scalar_one()
    assert sorted(titles) == sorted(expected) and n_events == sum(map(len, expected.values()))


def test_dump_corrupt_stream_is_reported_and_skipped(made, tmp_path):
    path, index, expected = made
    offsets = dump.read_index(index)
    data = bytearray(path.read_bytes())
    bad = offsets[len(offsets) // 2]
    data[bad + 50:bad + 60] = b"\x00" * 10
    broken = tmp_path / "broken.xml.bz2"
    broken.write_bytes(bytes(data))
    summary = dump.run(broken, index, out=str(tmp_path / "e.jsonl"), workers=0, chunk_bytes=1)
    assert any(f"stream at byte {bad}" in e for e in summary.errors)
    assert summary.matched >= len(expected) - 1  # the rest is still read


def test_dump_truncated_file_without_index_ends_cleanly(made, tmp_path):
    path, _, _ = made
    cut = tmp_path / "cut.xml.bz2"
    cut.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    summary = dump.run(cut, None, out=str(tmp_path / "e.jsonl"), workers=0)
    assert any("cut off or corrupt" in e for e in summary.errors)


def test_dump_on_a_local_dask_cluster_with_two_workers(made, tmp_path):
    pytest.importorskip("dask.distributed")
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

    def flaky(dump_path, streams):
        if streams[0][0] == bad:
            raise OSError("disk went away")
        return real(dump_path, streams)

    out = tmp_path / "events.jsonl"
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None) as cl:
        monkeypatch.setattr(dump, "scan_chunk", flaky)
        first = dump.run(path, index, out=str(out), scheduler=cl.scheduler_address, chunk_bytes=100_000)
        assert any("failed on its worker" in e and "disk went away" in e for e in first.errors)
        monkeypatch.setattr(dump, "scan_chunk", real)
        again = dump.run(path, index, out=str(out), scheduler=cl.scheduler_address, chunk_bytes=100_000)
    assert again.chunks == 1 and again.skipped == first.chunks - 1
    assert _by_title(_jsonl(out)) == expected


def test_dump_reads_the_export_0_10_schema_too(tmp_path):
    planted = dict(list(dumpgen.planted_articles(ROOT).items())[:2])
    path, index = tmp_path / "old.xml.bz2", tmp_path / "old-index.txt.bz2"
    dumpgen.write_multistream(path, index, dumpgen.pages(planted, 300), version="0.10")
    assert b"export-0.10" in bz2.BZ2Decompressor().decompress(path.read_bytes())  # the header's own stream
    out = tmp_path / "e.jsonl"
    summary = dump.run(path, index, out=str(out), workers=0)
    assert summary.matched == 2 and {e["document"]["title"] for e in _jsonl(out)} == set(planted)
