"""All of Wikipedia: a MediaWiki XML dump streamed into events, on one machine or a Dask cluster.

A multistream dump (``...-pages-articles-multistream.xml.bz2``) is a row of bz2 streams of 100
pages each; its index (``...-multistream-index.txt.bz2``, lines ``offset:page_id:title``) says
where each starts. The dump is cut into chunks of whole streams; each chunk is read, decompressed
stream by stream and scanned by ``scan_chunk`` on whichever worker gets it. A stream whose bytes
hold no conflict infobox is dropped after one regular-expression search; only the pages that hold
one are parsed and extracted. Without an index the same scan runs over one pass of the file.

The one function ``scan_chunk`` does the work in every mode: in-process (``workers=0``), on a local
Dask cluster (the default) or on an existing one (``scheduler``).
"""
from __future__ import annotations

import bz2
import functools
import itertools
import os
import re
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError, MissingExtra

# Pre-filter on raw bytes: a conflict infobox anywhere in a stream ("{{Infobox military conflict",
# "{{infobox civilian attack", with spaces or underscores)
CONFLICT = re.compile(rb"\{\{\s*[Ii]nfobox[ _]+(?:[Mm]ilitary[ _]+conflict|[Cc]ivilian[ _]+attack)")
PAGE = re.compile(rb"<page>.*?</page>", re.S)
_INDEX_LINE = re.compile(rb"^(\d+):\d+:", re.M)
CHUNK_BYTES = 2 * 1024 * 1024  # compressed bytes a task reads: small tasks keep memory flat and workers even


@dataclass
class ChunkResult:
    """What one chunk held: its streams' offsets, page and byte counts, events and failures."""

    offsets: list[int]
    compressed: int = 0
    pages: int = 0
    matched: int = 0
    pages_found: list[tuple] = field(default_factory=list)  # (provenance, wikitext, [Event]) a matched page
    errors: list[str] = field(default_factory=list)


def read_index(index: Path) -> list[int]:
    """Sorted distinct stream offsets of a multistream index."""
    opener = bz2.open if str(index).endswith(".bz2") else open
    try:
        with opener(index, "rb") as fh:
            data = fh.read()
    except (OSError, EOFError) as exc:
        raise InputError(f"cannot read the index: {exc}", path=str(index)) from None
    lines = data.count(b"\n") + (not data.endswith(b"\n") and bool(data))
    heads = _INDEX_LINE.findall(data)
    if len(heads) != lines:
        bad = next(n for n, line in enumerate(data.splitlines(), 1) if not _INDEX_LINE.match(line + b"\n"))
        raise InputError(f"line {bad} is not 'offset:page_id:title'", path=str(index), line=bad)
    return sorted(set(map(int, heads)))


def plan(dump: Path, offsets: list[int], chunk_bytes: int = CHUNK_BYTES) -> list[list[tuple[int, int]]]:
    """Chunks of whole streams: (start, end) byte ranges, about ``chunk_bytes`` compressed each.
    The bytes before the first indexed stream (the siteinfo header) are a stream of their own."""
    size = dump.stat().st_size
    bounds = sorted({0, *offsets}) + [size]
    streams = [(a, b) for a, b in zip(bounds, bounds[1:]) if b > a]
    chunks, cur, cur_size = [], [], 0
    for s in streams:
        cur.append(s)
        cur_size += s[1] - s[0]
        if cur_size >= chunk_bytes:
            chunks.append(cur)
            cur, cur_size = [], 0
    if cur:
        chunks.append(cur)
    return chunks


def scan_chunk(dump: str, streams: list[tuple[int, int]]) -> ChunkResult:
    """Decompress and scan each stream of a chunk; extract the pages that hold a conflict infobox."""
    result = ChunkResult(offsets=[s for s, _ in streams])
    with open(dump, "rb") as fh:
        for start, end in streams:
            fh.seek(start)
            raw = fh.read(end - start)
            result.compressed += len(raw)
            try:
                data = bz2.decompress(raw)
            except (OSError, EOFError, ValueError) as exc:
                result.errors.append(f"stream at byte {start}: {exc}: skipped")
                continue
            _scan(data, dump, result)
    return result


def _scan(data: bytes, dump: str, result: ChunkResult) -> None:
    pages = data.count(b"<page>")
    result.pages += pages
    if not CONFLICT.search(data):
        return
    for m in PAGE.finditer(data):
        block = m.group(0)
        if CONFLICT.search(block):
            _page(block, dump, result)


@functools.lru_cache(maxsize=1)
def _resources():
    from .resources import Resources

    return Resources.load()


def _page(block: bytes, dump: str, result: ChunkResult) -> None:
    from . import pipeline, readers

    try:
        el = ET.fromstring(block)
    except ET.ParseError as exc:
        result.errors.append(f"page XML unreadable ({exc}): skipped")
        return
    ns = el.findtext("ns") or "0"
    if ns != "0" or el.find("redirect") is not None:
        return
    revs = el.findall("revision")
    if not revs:
        return
    rev = revs[-1]  # the latest revision, where a dump keeps several
    text = rev.findtext("text") or ""
    if not CONFLICT.search(text.encode("utf-8")):
        return  # the infobox was in an older revision only
    page = {"id": int(el.findtext("id") or 0), "title": el.findtext("title") or "",
            "revision": int(rev.findtext("id") or 0)}
    result.matched += 1
    label = f"{Path(dump).name}#{page['id']} {page['title']!r}"
    outcome = pipeline.attempt(label, lambda: readers.read_text(
        text, f"{Path(dump).name}#{page['id']}", "wikitext", title=page["title"], page_id=page["id"],
        revision_id=page["revision"]), _resources())
    if outcome.error:
        result.errors.append(f"page {page['id']} {page['title']!r}: {outcome.error.reason}")
        return
    result.pages_found.append((outcome.document.provenance, text, outcome.events))


def single_pass(dump: Path):
    """Without an index: one pass over the whole file (any number of bz2 streams), in pieces of
    whole pages. Yields one ChunkResult a piece."""
    raw = open(dump, "rb")
    dec_file = bz2.BZ2File(raw)
    buf = b""
    pos = read_so_far = 0
    try:
        while True:
            piece = dec_file.read(CHUNK_BYTES)
            if not piece:
                break
            buf += piece
            cut = buf.rfind(b"</page>")
            if cut < 0:
                continue
            cut += len(b"</page>")
            result = ChunkResult(offsets=[pos])
            _scan(buf[:cut], str(dump), result)
            result.compressed = raw.tell() - read_so_far  # compressed bytes this piece took
            read_so_far = raw.tell()
            pos += cut
            buf = buf[cut:]
            yield result
    except (OSError, EOFError) as exc:
        r = ChunkResult(offsets=[pos])
        r.errors.append(f"the dump is cut off or corrupt after {pos} bytes of XML: {exc}")
        yield r
    finally:
        dec_file.close()
        raw.close()
    if buf.strip():
        result = ChunkResult(offsets=[pos])
        _scan(buf, str(dump), result)
        yield result


@dataclass
class DumpSummary:
    chunks: int = 0
    skipped: int = 0  # chunks done by an earlier run
    compressed: int = 0
    pages: int = 0
    matched: int = 0
    events: int = 0
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def __str__(self) -> str:
        rate = self.compressed / 1e6 / self.seconds if self.seconds else 0
        lines = [f"{self.pages} pages in {self.chunks} chunks ({self.skipped} done before), {self.matched} conflict "
                 f"articles, {self.events} events, {len(self.errors)} problems; {self.seconds:.1f} s, "
                 f"{rate:.1f} MB/s compressed"]
        return "\n".join(lines + [f"  {e}" for e in self.errors[:50]])


class StoreSink:
    """Events into the event store, a chunk a transaction, with the chunk's streams marked done."""

    def __init__(self, url: str | None, dump: Path):
        from .store import Store

        self.store = Store(url)
        self.dump = dump.name

    def done(self) -> set[int]:
        return self.store.done_streams(self.dump)

    def write(self, r: ChunkResult) -> None:
        self.store.put_pages(r.pages_found, self.dump, r.offsets)

    def close(self) -> None:
        self.store.analyze()


class JsonlSink:
    """Events as JSON Lines; ``OUT.done`` records each chunk with the file's size after it, so a
    rerun cuts off a chunk half-written and skips the chunks done."""

    def __init__(self, out: str, dump: Path):
        self.out = Path(out)
        self.log = Path(out + ".done")
        self.marks = []
        if self.log.exists():
            for line in self.log.read_text().splitlines():
                off, size = line.split()
                self.marks.append((int(off), int(size)))
        size = self.marks[-1][1] if self.marks else 0
        with open(self.out, "a+b") as fh:
            fh.truncate(size)

    def done(self) -> set[int]:
        return {o for o, _ in self.marks}

    def write(self, r: ChunkResult) -> None:
        with open(self.out, "ab") as fh:
            for _prov, _text, evs in r.pages_found:
                for ev in evs:
                    fh.write((ev.to_json() + "\n").encode("utf-8"))
            fh.flush()
            os.fsync(fh.fileno())
            size = fh.tell()
        with open(self.log, "a") as log:
            log.write("".join(f"{o} {size}\n" for o in r.offsets))
        self.marks += [(o, size) for o in r.offsets]

    def close(self) -> None:
        pass  # each chunk is on disk when written


def run(dump, index=None, url=None, out=None, workers: int = 2, scheduler: str | None = None,
        progress: bool = False, chunk_bytes: int = CHUNK_BYTES) -> DumpSummary:
    """Stream a dump's conflict articles into the store (or JSON Lines with ``out``)."""
    dump = Path(dump)
    if not dump.exists():
        raise InputError("no such file", path=str(dump))
    sink = JsonlSink(out, dump) if out else StoreSink(url, dump)
    done = sink.done()
    summary = DumpSummary()
    start = time.perf_counter()
    if index:
        chunks = plan(dump, read_index(Path(index)), chunk_bytes)
        todo = [c for c in chunks if c[0][0] not in done]
        summary.skipped = len(chunks) - len(todo)
        results = execute(str(dump), todo, workers, scheduler)
        total = sum(b - a for c in todo for a, b in c)
    else:
        results = (r for r in single_pass(dump) if r.offsets[0] not in done)
        total = dump.stat().st_size
    with _Progress(total, progress, summary, start) as bar:
        for r in results:
            sink.write(r)
            summary.chunks += 1
            summary.compressed += r.compressed
            summary.pages += r.pages
            summary.matched += r.matched
            summary.events += sum(len(evs) for _, _, evs in r.pages_found)
            summary.errors += r.errors
            bar.step(r.compressed)
    sink.close()
    summary.seconds = time.perf_counter() - start
    return summary


# The local cluster's workers, tuned for a CPU-bound scan (measured on a 1 GB dump: from 0.84 to
# about 0.75 x bzcat). Dask's MALLOC_TRIM_THRESHOLD_=65536 hands memory back to the system after every
# decompressed stream (about 15% slower); its memory, system and event-loop monitors wake the
# workers every few milliseconds. Memory stays bounded here by the chunks in flight instead.
LOCAL_CLUSTER_CONFIG = {
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": 64 * 2**20,
    "distributed.worker.profile.enabled": False,
    "distributed.worker.memory.target": False, "distributed.worker.memory.spill": False,
    "distributed.worker.memory.pause": False, "distributed.worker.memory.terminate": False,
    "distributed.worker.memory.monitor-interval": "10s", "distributed.admin.system-monitor.interval": "10s",
    "distributed.admin.tick.interval": "1s",
}


def execute(dump: str, chunks, workers: int, scheduler: str | None):
    """ChunkResults of ``scan_chunk`` over every chunk, as they finish: in this process
    (``workers=0``), on a local Dask cluster, or on the cluster at ``scheduler``."""
    if not scheduler and workers <= 0:
        for c in chunks:
            yield scan_chunk(dump, c)
        return
    try:
        from dask.distributed import Client, LocalCluster, as_completed
    except ImportError:
        raise MissingExtra("parallel dump runs need Dask: pip install 'warlog[dask]'") from None
    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        import dask

        with dask.config.set(LOCAL_CLUSTER_CONFIG):
            # no nanny: one process less per worker contending for the cores; a worker lost is
            # reported as a failed chunk and left for the rerun
            cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, nanny=False,
                                   dashboard_address=None, silence_logs=40)
        client = Client(cluster)
    try:
        n = max(1, len(client.scheduler_info()["workers"]))
        pending = iter(chunks)
        # a bounded number of chunks in flight keeps memory flat whatever the dump's size
        first = [client.submit(scan_chunk, dump, c, pure=False) for c in itertools.islice(pending, 3 * n)]
        queue = as_completed(first)
        chunk_of = {f.key: c for f, c in zip(first, chunks)}
        for fut in queue:
            try:
                result = fut.result()
            except Exception as exc:  # a worker lost or a task failed: not marked done, left for the rerun
                start = chunk_of.get(fut.key, [(None, None)])[0][0]
                result = ChunkResult(offsets=[], errors=[f"chunk at byte {start} failed on its worker: {exc}"])
            chunk_of.pop(fut.key, None)
            fut.release()
            nxt = next(pending, None)
            if nxt is not None:
                f = client.submit(scan_chunk, dump, nxt, pure=False)
                chunk_of[f.key] = nxt
                queue.add(f)
            yield result
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


class _Progress:
    """A progress bar on stderr: MB/s, pages/s, events found, and the ETA."""

    def __init__(self, total: int, show: bool, summary: DumpSummary, start: float):
        self.show, self.summary, self.start = show, summary, start
        self.bar = None
        if show:
            import click

            self.bar = click.progressbar(length=max(total, 1), label="dump", show_eta=True, show_percent=True,
                                         item_show_func=self._status, file=click.get_text_stream("stderr"))

    def _status(self, _item=None) -> str:
        s, t = self.summary, max(time.perf_counter() - self.start, 1e-6)
        return f"{s.compressed / 1e6 / t:.1f} MB/s {s.pages / t:.0f} pages/s {s.events} events"

    def __enter__(self):
        if self.bar:
            self.bar.__enter__()
        return self

    def step(self, n: int) -> None:
        if self.bar:
            self.bar.update(n, current_item="")

    def __exit__(self, *exc):
        if self.bar:
            self.bar.__exit__(*exc)
