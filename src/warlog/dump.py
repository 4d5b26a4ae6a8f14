"""All of Wikipedia: a MediaWiki XML dump streamed into events, on one machine or a Dask cluster.

A multistream dump (``...-pages-articles-multistream.xml.bz2``) is a row of bz2 streams of 100
pages each; its index (``...-multistream-index.txt.bz2``, lines ``offset:page_id:title``) says
where each starts. The dump is cut into chunks of whole streams; each chunk is read, decompressed
stream by stream and scanned by ``scan_chunk`` on whichever worker gets it. A stream whose bytes
hold no conflict infobox is dropped after one regular-expression search; only the pages that hold
one are parsed and extracted. Without an index, and for ``.xml`` and ``.xml.gz`` dumps, the same
scan runs over one pass of the file (``single_pass``).

The one function ``scan_chunk`` does the work in every mode: in-process (``workers=0``), on a local
pool of worker processes (the default) or on an existing Dask cluster (``scheduler``); where it runs
is ``workers``'s concern.

A damaged dump is never lost silently. A stream is marked done only when it decompressed whole and
each of its pages was extracted or recorded as that page's failure; a stream that did not (damaged,
cut off, not where the index says) keeps nothing, is recorded with its byte offset, and is read again
by the next run. An index that is not the dump's is refused before anything is read. The reading of
the file itself (its form, the index, bz2 streams, pages and their size limit) is in ``dumpfile``.
"""
from __future__ import annotations

import contextlib
import functools
import importlib
import json
import os
import re
import time
import xml.etree.ElementTree as ET
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from .dumpfile import (HEAD_BYTES, PageScanner, check_index, check_offsets, form_of, open_xml, page_head,
                       read_index, unbzip)
from .errors import InputError, InputTooLarge, TruncatedInput, WarlogError
from .records import events_json
from .workers import IN_FLIGHT, Workers, in_process, on_dask

# Pre-filter on raw bytes: a conflict infobox anywhere in a stream ("{{Infobox military conflict",
# "{{infobox civilian attack", with spaces or underscores)
CONFLICT = re.compile(rb"\{\{\s*[Ii]nfobox[ _]+(?:[Mm]ilitary[ _]+conflict|[Cc]ivilian[ _]+attack)")
PAGE = re.compile(rb"<page>.*?</page>", re.S)
CHUNK_BYTES = 1024 * 1024  # compressed bytes a task reads: small tasks keep memory flat and the workers even to the end


def _limit(max_bytes: int | None) -> int:
    """The page size limit: ``warlog extract``'s unless one is given. Imported when needed: the readers
    are heavy, and a worker that only scans bytes does not load them."""
    if max_bytes is not None:
        return max_bytes
    from .readers.source import DEFAULT_MAX_BYTES

    return DEFAULT_MAX_BYTES


class Stream(NamedTuple):
    """One bz2 stream of a multistream dump: its bytes ``[start, end)``, the page the index names
    first in it (None for the header's stream, before the first page) and the number of pages the
    index lists in it (None: counted in the XML, which costs a twentieth of the scan)."""

    start: int
    end: int
    page_id: int | None = None
    pages: int | None = None


@dataclass
class Failure:
    """A stream not read whole (``offset``: where it starts), or a page that could not be extracted.
    ``key`` names it in the store's failures: ``<dump>@<offset>`` a stream, ``<dump>#<page id>`` a page."""

    key: str
    code: str
    reason: str
    offset: int | None = None

    def __str__(self) -> str:
        return f"{self.key}: {self.reason} [{self.code}]"


def stream_key(dump: str, offset: int) -> str:
    return f"{dump}@{offset}"


def page_key(dump: str, page_id: int | None) -> str:
    return f"{dump}#{page_id if page_id is not None else '?'}"


@dataclass
class ChunkResult:
    """What one chunk held: the streams read whole (``done``) and those that failed, page and byte
    counts, the events of the matched pages, and the pages that failed. Pages and page failures come
    from done streams only: a stream that failed keeps nothing, and is read again by the next run."""

    streams: list[int]
    done: list[int] = field(default_factory=list)
    failed: list[Failure] = field(default_factory=list)
    compressed: int = 0
    pages: int = 0
    matched: int = 0
    pages_found: list[tuple] = field(default_factory=list)  # (provenance, wikitext, [Event]) a matched page
    page_failures: list[Failure] = field(default_factory=list)
    skipped: int = 0  # a piece of a single pass done by an earlier run, passed over

    def add(self, part: ChunkResult) -> None:
        """Take in the pages of one stream read whole."""
        self.pages += part.pages
        self.matched += part.matched
        self.pages_found += part.pages_found
        self.page_failures += part.page_failures


def plan(dump: Path, index: dict[int, int], chunk_bytes: int = CHUNK_BYTES,
         done: set[int] | frozenset[int] = frozenset(), counts: dict[int, int] | None = None) -> list[list[Stream]]:
    """Chunks of whole streams not ``done`` yet, about ``chunk_bytes`` compressed each. ``index``:
    stream offset -> first page id, ``counts``: offset -> pages listed (``read_index``). The bytes
    before the first indexed stream (the siteinfo header) are a stream of their own."""
    size = Path(dump).stat().st_size
    starts = sorted({0, *index})
    counts = counts or {}
    streams = [Stream(a, b, index.get(a), counts.get(a)) for a, b in zip(starts, starts[1:] + [size])
               if b > a and a not in done]
    chunks, cur, cur_size = [], [], 0
    for s in streams:
        cur.append(s)
        cur_size += s.end - s.start
        if cur_size >= chunk_bytes:
            chunks.append(cur)
            cur, cur_size = [], 0
    if cur:
        chunks.append(cur)
    return chunks


def scan_chunk(dump: str, streams: list[Stream], max_bytes: int | None = None) -> ChunkResult:
    """Decompress and scan each stream of a chunk; extract the pages that hold a conflict infobox.
    A stream is done when it decompressed whole, begins with the page the index names, and each of
    its pages was extracted or failed on its own; otherwise it is a failed stream and keeps nothing."""
    name, max_bytes = Path(dump).name, _limit(max_bytes)
    result = ChunkResult(streams=[s[0] for s in streams])
    with open(dump, "rb") as fh:
        for s in (Stream(*s) for s in streams):
            part = ChunkResult(streams=[s.start])
            scanner = PageScanner(_Pages(name, part, max_bytes, s.pages is None), max_bytes, CONFLICT, s.page_id)
            try:
                for piece in unbzip(fh, s.start, s.end):
                    scanner.feed(piece)
                scanner.finish()
            except (OSError, EOFError, WarlogError) as exc:
                result.failed.append(_stream_failed(name, s.start, exc))
            else:
                part.pages = part.pages if s.pages is None else s.pages
                result.add(part)
                result.done.append(s.start)
            result.compressed += s.end - s.start
    return result


def _stream_failed(name: str, offset: int, exc: Exception) -> Failure:
    code, why = _fault(exc)
    return Failure(stream_key(name, offset), code, f"stream at byte {offset}: {why}", offset)


def _fault(exc: Exception) -> tuple[str, str]:
    """The code and reason of what stopped a read: ours (an index mismatch, a page cut off), the end
    of the data inside a compressed stream, or damaged data."""
    if isinstance(exc, WarlogError):
        return exc.code, exc.reason
    if isinstance(exc, EOFError):
        return TruncatedInput.code, f"cut off ({exc})"
    return "corrupt", f"damaged ({exc})"


class _Pages:
    """What becomes of the pages of one stream (or piece of a single pass): counted into ``result``,
    those with a conflict infobox extracted, those over ``max_bytes`` failed without being parsed."""

    def __init__(self, dump: str, result: ChunkResult, max_bytes: int, count: bool = True):
        self.dump, self.result, self.max_bytes, self.count = dump, result, max_bytes, count

    def whole(self, data: bytes, end: int) -> None:
        """Whole pages, ``data[:end]``."""
        if self.count:
            self.result.pages += data.count(b"<page>", 0, end)
        if not CONFLICT.search(data, 0, end):
            return
        for m in PAGE.finditer(data, 0, end):
            if not CONFLICT.search(data, m.start(), m.end()):
                continue
            if m.end() - m.start() > self.max_bytes:
                self._refuse(data[m.start():m.start() + HEAD_BYTES], m.end() - m.start())
            else:
                _page(m.group(0), self.dump, self.result)

    def too_large(self, head: bytes, size: int, conflict: bool) -> None:
        """A page that grew past the limit as it streamed by."""
        self.result.pages += self.count
        if conflict:
            self._refuse(head, size)

    def _refuse(self, head: bytes, size: int) -> None:
        page = page_head(head)
        if page["ns"] != "0" or page["redirect"]:
            return
        self.result.matched += 1
        self.result.page_failures.append(Failure(
            page_key(self.dump, page["id"]), InputTooLarge.code,
            f"{page['title']!r}: {size:,} bytes of XML, over the limit of {self.max_bytes:,} (--max-bytes raises it)"))


class _PassOver:
    """The pages of a piece done by an earlier run: not looked at."""

    def whole(self, data: bytes, end: int) -> None:
        pass

    def too_large(self, head: bytes, size: int, conflict: bool) -> None:
        pass


@functools.lru_cache(maxsize=1)
def _resources():
    from .resources import Resources

    return Resources.load()


def _page(block: bytes, dump: str, result: ChunkResult) -> None:
    """One page with a conflict infobox somewhere in it: extracted when it is an article whose latest
    revision holds one, or recorded as that page's failure."""
    from . import pipeline, readers

    try:
        page = _article(block)
    except (ET.ParseError, ValueError) as exc:
        head = page_head(block[:HEAD_BYTES])
        if head["ns"] == "0" and not head["redirect"]:
            result.matched += 1
            result.page_failures.append(Failure(page_key(dump, head["id"]), InputError.code,
                                                f"{head['title']!r}: the page's XML is unreadable ({exc})"))
        return
    if page is None:
        return
    result.matched += 1
    key = page_key(dump, page["id"])
    outcome = pipeline.attempt(f"{key} {page['title']!r}", lambda: readers.read_text(
        page["text"], key, "wikitext", title=page["title"], page_id=page["id"], revision_id=page["revision"]),
        _resources())
    if outcome.error:
        result.page_failures.append(Failure(key, outcome.error.code, f"{page['title']!r}: {outcome.error.reason}"))
        return
    result.pages_found.append((outcome.document.provenance, page["text"], outcome.events))


def _article(block: bytes) -> dict | None:
    """The page's id, title, revision and text; None unless it is an article (main namespace, not a
    redirect) whose latest revision holds a conflict infobox."""
    el = ET.fromstring(block)
    if (el.findtext("ns") or "0") != "0" or el.find("redirect") is not None:
        return None
    revs = el.findall("revision")
    if not revs:
        return None
    rev = revs[-1]  # the latest revision, where a dump keeps several
    text = rev.findtext("text") or ""
    if not CONFLICT.search(text.encode("utf-8")):
        return None  # the infobox was in an older revision only
    return {"id": int(el.findtext("id") or 0), "title": el.findtext("title") or "",
            "revision": int(rev.findtext("id") or 0), "text": text}


def single_pass(dump: Path, form: str | None = None, done: set[int] | frozenset[int] = frozenset(),
                max_bytes: int | None = None, piece_bytes: int = CHUNK_BYTES):
    """Without an index (and for .xml and .xml.gz dumps): one pass over the decompressed XML, in
    pieces of whole pages; yields one ChunkResult a piece, named by the byte of the XML where it
    starts. A piece is cut only after a full read, so a rerun on the same file, repaired or completed,
    cuts the same pieces and passes over those done. A read that fails, or XML that ends inside a page
    or before ``</mediawiki>``, fails the piece under way: nothing of it is kept, and the pass stops."""
    dump = Path(dump)
    form, name, max_bytes = form or form_of(dump), dump.name, _limit(max_bytes)
    with open(dump, "rb") as raw, open_xml(raw, form) as xml:
        pos = read_before = 0
        result = ChunkResult(streams=[pos])
        scanner = PageScanner(_Pages(name, result, max_bytes) if pos not in done else _PassOver(), max_bytes, CONFLICT)
        while True:
            try:
                data = xml.read(piece_bytes)
            except (OSError, EOFError, zlib.error) as exc:
                yield _piece_failed(name, pos, exc)
                return
            scanner.feed(data)
            if len(data) < piece_bytes:
                break  # the end of the file
            if scanner.ended > pos:
                result.compressed, read_before = raw.tell() - read_before, raw.tell()
                yield _piece_read(result, pos, done)
                pos = scanner.ended
                result = ChunkResult(streams=[pos])
                scanner.pages = _Pages(name, result, max_bytes) if pos not in done else _PassOver()
        try:
            scanner.finish()
            if b"</mediawiki>" not in scanner.rest:
                raise TruncatedInput("the XML ends before </mediawiki>: cut off")
        except InputError as exc:
            yield _piece_failed(name, pos, exc)
            return
        result.compressed = raw.tell() - read_before
        yield _piece_read(result, pos, done)


def _piece_read(result: ChunkResult, pos: int, done) -> ChunkResult:
    if pos in done:
        result.skipped = 1
    else:
        result.done = [pos]
    return result


def _piece_failed(name: str, pos: int, exc: Exception) -> ChunkResult:
    code, why = _fault(exc)
    return ChunkResult(streams=[pos], failed=[Failure(stream_key(name, pos), code, f"the XML from byte {pos} on: {why}",
                                                      pos)])


@dataclass
class DumpSummary:
    """What one run did; ``failed`` when a stream or a page failed (``warlog dump`` then exits 1)."""

    chunks: int = 0
    streams: int = 0  # streams (pieces, in a single pass) read whole by this run
    skipped: int = 0  # streams (pieces) done by an earlier run
    compressed: int = 0
    pages: int = 0
    matched: int = 0
    events: int = 0
    failed_streams: list[Failure] = field(default_factory=list)
    failed_pages: list[Failure] = field(default_factory=list)
    recorded_in: str = "the store's failures"
    unit: str = "streams"
    seconds: float = 0.0

    @property
    def failed(self) -> bool:
        return bool(self.failed_streams or self.failed_pages)

    @property
    def errors(self) -> list[str]:
        return [str(f) for f in self.failed_streams + self.failed_pages]

    def add(self, r: ChunkResult) -> None:
        self.chunks += not r.skipped
        self.skipped += r.skipped
        self.streams += len(r.done)
        self.compressed += r.compressed
        self.pages += r.pages
        self.matched += r.matched
        self.events += sum(len(evs) for _, _, evs in r.pages_found)
        self.failed_streams += r.failed
        self.failed_pages += r.page_failures

    def __str__(self) -> str:
        rate = self.compressed / 1e6 / self.seconds if self.seconds else 0
        failed = " and ".join(_count(len(fs), what) for fs, what in ((self.failed_streams, self.unit[:-1]),
                                                                     (self.failed_pages, "page")) if fs)
        lines = [f"{self.pages} pages in {_count(self.streams, self.unit[:-1])} ({self.skipped} done before), "
                 f"{_count(self.matched, 'conflict article')}, {_count(self.events, 'event')}; {failed + ' failed' if failed else 'nothing failed'}; "
                 f"{self.seconds:.1f} s, {rate:.1f} MB/s compressed"]
        if self.failed_streams:
            at = ", ".join(str(f.offset) for f in self.failed_streams[:5]) + (", ..." if len(self.failed_streams) > 5 else "")
            lines.append(f"  failed {self.unit}, not marked done (a rerun reads them again): at byte {at}; "
                         f"recorded in {self.recorded_in}")
        if self.failed_pages:
            keys = ", ".join(f.key for f in self.failed_pages[:5]) + (", ..." if len(self.failed_pages) > 5 else "")
            lines.append(f"  failed pages: {keys}; recorded in {self.recorded_in}")
        return "\n".join(lines + [f"  {e}" for e in self.errors[:50]])


def _count(n: int, what: str) -> str:
    return f"{n} {what}" + ("" if n == 1 else "s")


class StoreSink:
    """Into the event store, a chunk a transaction: its pages' events, its failures, and its streams
    read whole marked done (their earlier failures cleared)."""

    where = "the store's failures table"

    def __init__(self, url: str | None, dump: Path):
        from .store import Store

        self.store = Store(url)
        self.dump = dump.name

    def done(self) -> set[int]:
        return self.store.done_streams(self.dump)

    def write(self, r: ChunkResult) -> None:
        from .store import StoreError

        failures = [(f.key, f.code, f.reason) for f in r.failed + r.page_failures]
        resolved = [stream_key(self.dump, o) for o in r.done]
        if not (r.pages_found or failures or r.done):
            return
        try:
            self.store.put_pages(r.pages_found, self.dump, r.done, failures, resolved)
        except StoreError:
            raise
        except Exception:
            self._page_by_page(r, failures, resolved)

    def _page_by_page(self, r: ChunkResult, failures: list, resolved: list) -> None:
        """A page the store refuses (a count beyond its integers, say) is that page's failure; the
        chunk's other pages are stored and its streams marked done. A store that cannot be written at
        all fails again on the marks, and stops the run."""
        from .store import StoreError

        stored = []
        for prov, text, evs in r.pages_found:
            try:
                self.store.put(prov, text, evs)
            except StoreError:
                raise
            except Exception as exc:
                why = (str(exc).splitlines() or [""])[0]
                f = Failure(prov.path, "store", f"{prov.title!r}: could not be stored ({type(exc).__name__}: {why})")
                r.page_failures.append(f)
                failures.append((f.key, f.code, f.reason))
            else:
                stored.append((prov, text, evs))
        r.pages_found = stored  # the summary counts the events stored
        self.store.put_pages([], self.dump, r.done, failures, resolved)

    def close(self) -> None:
        self.store.analyze()


class JsonlSink:
    """Events as JSON Lines. ``OUT.done`` records each stream done with the file's size after it, so
    a rerun cuts off a chunk half-written and passes over the streams done. ``OUT.failures`` holds the
    failures standing, one JSON object a line as in the store's failures table: a stream read whole by
    a later run leaves it."""

    def __init__(self, out: str, dump: Path):
        self.out = Path(out)
        self.log = Path(f"{out}.done")
        self.failures_file = Path(f"{out}.failures")
        self.where = str(self.failures_file)
        self.dump = dump.name
        self.marks = []
        if self.log.exists():
            for line in self.log.read_text().splitlines():
                off, size = line.split()
                self.marks.append((int(off), int(size)))
        size = self.marks[-1][1] if self.marks else 0
        with open(self.out, "a+b") as fh:
            fh.truncate(size)
        self.failures = {}
        if self.failures_file.exists():
            rows = map(json.loads, self.failures_file.read_text(encoding="utf-8").splitlines())
            self.failures = {row["path"]: row for row in rows}

    def done(self) -> set[int]:
        return {o for o, _ in self.marks}

    def write(self, r: ChunkResult) -> None:
        if not (r.pages_found or r.done or r.failed or r.page_failures):
            return
        with open(self.out, "ab") as fh:
            for _prov, _text, evs in r.pages_found:
                for text in events_json(evs):
                    fh.write((text + "\n").encode("utf-8"))
            fh.flush()
            os.fsync(fh.fileno())
            size = fh.tell()
        self._failures(r)
        if r.done:
            with open(self.log, "a") as log:
                log.write("".join(f"{o} {size}\n" for o in r.done))
            self.marks += [(o, size) for o in r.done]

    def _failures(self, r: ChunkResult) -> None:
        gone = {stream_key(self.dump, o) for o in r.done} | {prov.path for prov, _, _ in r.pages_found}
        new = {f.key: {"path": f.key, "code": f.code, "reason": f.reason, "offset": f.offset}
               for f in r.failed + r.page_failures}
        if not new and not gone & set(self.failures):
            return
        for key in gone:
            self.failures.pop(key, None)
        self.failures.update(new)
        if not self.failures:
            self.failures_file.unlink(missing_ok=True)
            return
        tmp = Path(f"{self.failures_file}.tmp")
        tmp.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in self.failures.values()),
                       encoding="utf-8")
        os.replace(tmp, self.failures_file)

    def close(self) -> None:
        pass  # each chunk is on disk when written


def run(dump, index=None, url=None, out=None, workers: int = 2, scheduler: str | None = None,
        progress: bool = False, chunk_bytes: int = CHUNK_BYTES, max_bytes: int | None = None) -> DumpSummary:
    """Stream a dump's conflict articles into the store (or JSON Lines with ``out``). A file that is
    not a dump, and an index that is not its own or names offsets past its end, are refused before
    anything is read (InputError). Streams and pages that fail are the summary's failures; pages over
    ``max_bytes`` of XML are failures too, never parsed."""
    dump, max_bytes = Path(dump), _limit(max_bytes)
    if not dump.is_file():
        raise InputError("no such file", path=str(dump))
    form = form_of(dump)
    if index and form != "bz2":
        raise InputError(f"an index goes with a bz2 multistream dump; this one is {form}: leave out the index",
                         path=str(dump))
    # the local workers start first: they load while this process reads the index
    with Workers(workers, warm=_warm) if index and workers > 0 and not scheduler else contextlib.nullcontext() as pool:
        streams = None
        if index:
            index = Path(index)
            streams = read_index(index, counts := {})
            check_offsets(dump, streams, index)
            check_index(dump, streams, index)
        sink = JsonlSink(out, dump) if out else StoreSink(url, dump)
        done = sink.done()
        summary = DumpSummary(recorded_in=sink.where, unit="streams" if index else "pieces")
        start = time.perf_counter()
        if streams is not None:
            if pool is not None:  # a small dump is still shared among the workers
                chunk_bytes = max(1, min(chunk_bytes, dump.stat().st_size // (2 * IN_FLIGHT * workers)))
            chunks = plan(dump, streams, chunk_bytes, done, counts)
            summary.skipped = len({0, *streams}) - sum(map(len, chunks))
            results = execute(str(dump), chunks, workers, scheduler, max_bytes, pool)
            total = sum(s.end - s.start for c in chunks for s in c)
        else:
            results = single_pass(dump, form, done, max_bytes)
            total = dump.stat().st_size
        try:
            with _Progress(total, progress, summary, start) as bar:
                for r in results:
                    sink.write(r)
                    summary.add(r)
                    bar.step(r.compressed)
        finally:
            results.close()  # whatever stopped the run (Ctrl-C too), its local workers are stopped here
    sink.close()  # the store's statistics refreshed, once the workers are stopped
    summary.seconds = time.perf_counter() - start
    return summary


def execute(dump: str, chunks: list[list[Stream]], workers: int, scheduler: str | None,
            max_bytes: int | None = None, pool: Workers | None = None):
    """ChunkResults of ``scan_chunk`` over every chunk, as they finish: in this process
    (``workers=0``), on ``pool`` or a local pool of ``workers`` processes, or on the Dask cluster at
    ``scheduler``. A chunk whose scan raises, here or on a worker, or whose worker dies, comes back
    with all its streams failed: none marked done. Closing the generator (``run`` does, however it
    ends) stops the local workers."""
    if not chunks:
        return
    tasks = ((dump, c, max_bytes) for c in chunks)
    if scheduler:
        outcomes = on_dask(scheduler, scan_chunk, tasks)
    elif pool is not None:
        outcomes = pool.map(scan_chunk, tasks)
    elif workers > 0:
        outcomes = _on_own_pool(workers, tasks)
    else:
        outcomes = in_process(scan_chunk, tasks)
    try:
        for (_, chunk, _), result, exc in outcomes:
            yield result if exc is None else _chunk_failed(dump, chunk, exc)
    finally:
        outcomes.close()  # now, not when collected: its workers or its cluster's client end with it


def _on_own_pool(workers: int, tasks):
    with Workers(workers, warm=_warm) as pool:
        yield from pool.map(scan_chunk, tasks)


def _warm() -> None:
    """A worker's first task: the references and the parser loaded before the first chunk comes."""
    importlib.import_module(".pipeline", __package__)  # the readers and the extractors
    _resources()


def _chunk_failed(dump: str, chunk: list[Stream], exc: Exception) -> ChunkResult:
    """A chunk whose scan raised: each of its streams failed, none marked done, all read again next run."""
    name = Path(dump).name
    why = f"the chunk at byte {chunk[0][0]} failed on its worker ({type(exc).__name__}: {exc})"
    return ChunkResult(streams=[s[0] for s in chunk], compressed=sum(s[1] - s[0] for s in chunk),
                       failed=[Failure(stream_key(name, s[0]), "worker", f"stream at byte {s[0]}: {why}", s[0])
                               for s in chunk])


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
