"""The bytes of a MediaWiki dump: its form, its index, its bz2 streams, and the pages in them.

``dump`` decides what to do with the pages; this module only reads, and says plainly when the file
is not what it should be: not a dump at all, an index that is another dump's or points past the end,
a bz2 stream that is damaged or cut off, a page over the size limit (passed over without being held).
"""
from __future__ import annotations

import bz2
import gzip
import html
import re
import zlib
from collections import Counter
from pathlib import Path

from .errors import InputError, TruncatedInput, UnknownFormat

NOT_A_DUMP = "not a MediaWiki XML dump (.xml, .xml.bz2, .xml.gz)"
READ_BYTES = 1024 * 1024  # compressed bytes read at a time inside a stream
PIECE_BYTES = 8 * 1024 * 1024  # decompressed bytes handled at a time: a stream of 100 ordinary pages is one piece
HEAD_BYTES = 4096  # a page's title, namespace, id and redirect come within its first bytes
PROBES = 16  # index offsets tried before a run

# where a bz2 stream starts: "BZh", the block size, then a block's magic (or, empty, the end's)
_BZ2_START = re.compile(rb"BZh[1-9](?:1AY&SY|\x17rE8P\x90)")
_INDEX_LINE = re.compile(rb"^(\d+):(\d+):", re.M)
_FIELD = {name: re.compile(rb"<%s>([^<]*)</%s>" % (name, name)) for name in (b"title", b"ns", b"id")}
_END = b"</page>"


class IndexMismatch(InputError):
    """An index that does not describe this dump: shifted, or another dump's."""

    code = "index-mismatch"


# -- the file's form ---------------------------------------------------------------------------------

def form_of(dump: Path) -> str:
    """``"bz2"``, ``"gzip"`` or ``"xml"``, from the file's first bytes (not its name); a file whose
    text does not begin as a MediaWiki export is refused. A compressed start that cannot be read is
    left to the run, which reports the damaged stream."""
    with open(dump, "rb") as fh:
        magic = fh.read(3)
    form = "bz2" if magic == b"BZh" else "gzip" if magic[:2] == b"\x1f\x8b" else "xml"
    try:
        with open(dump, "rb") as raw, open_xml(raw, form) as xml:
            head = xml.read(HEAD_BYTES)
    except (OSError, EOFError, zlib.error):
        if form == "xml":
            raise
        return form
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not text.startswith(b"<") or b"<mediawiki" not in head:
        raise UnknownFormat(NOT_A_DUMP, path=str(dump))
    return form


def open_xml(raw, form: str):
    """The dump's XML as a binary file over ``raw``: bz2 (any number of streams), gzip, or as it is."""
    if form == "bz2":
        return bz2.BZ2File(raw)
    if form == "gzip":
        return gzip.GzipFile(fileobj=raw)
    return raw


# -- the index ---------------------------------------------------------------------------------------

def read_index(index: Path, counts: dict[int, int] | None = None) -> dict[int, int]:
    """The streams a multistream index names: each distinct offset, in order, with the id of the first
    page it lists there; ``counts``, when given, is filled with the number of pages it lists at each
    offset. Read in blocks, so a 1 GB index is never held whole."""
    first: dict[bytes, bytes] = {}
    lines_at: dict[bytes, int] = {}
    line = 0
    try:
        with _open_index(index) as fh:
            for block in _line_blocks(fh):
                heads = _INDEX_LINE.findall(block)
                lines = block.count(b"\n") + (not block.endswith(b"\n"))
                if len(heads) != lines:
                    bad = next(n for n, text in enumerate(block.split(b"\n"), 1) if not _INDEX_LINE.match(text))
                    raise InputError("not an index line ('offset:page_id:title')", path=str(index), line=line + bad)
                for offset, page_id in dict(reversed(heads)).items():  # reversed: the first line wins
                    first.setdefault(offset, page_id)
                if counts is not None:
                    for offset, n in Counter(offset for offset, _ in heads).items():
                        lines_at[offset] = lines_at.get(offset, 0) + n
                line += lines
                del heads  # a block's lines as objects weigh several times the block: one at a time
    except (OSError, EOFError) as exc:
        raise InputError(f"cannot read the index: {exc}", path=str(index)) from None
    if not first:
        raise InputError("the index is empty", path=str(index))
    if counts is not None:
        counts.update((int(o), n) for o, n in lines_at.items())
    return {int(o): int(p) for o, p in sorted(first.items(), key=lambda item: int(item[0]))}


def _open_index(index: Path):
    with open(index, "rb") as fh:
        compressed = fh.read(3) == b"BZh"
    return bz2.open(index, "rb") if compressed else open(index, "rb")


def _line_blocks(fh, size: int = 256 * 1024):
    rest = b""
    while data := fh.read(size):
        data = rest + data
        cut = data.rfind(b"\n") + 1
        if cut:
            yield data[:cut]
        rest = data[cut:]
    if rest:
        yield rest


def line_of(index: Path, offset: int) -> int | None:
    """The number of the index's first line at ``offset`` (for messages)."""
    prefix = b"%d:" % offset
    with _open_index(index) as fh:
        return next((n for n, text in enumerate(fh, 1) if text.startswith(prefix)), None)


def check_offsets(dump: Path, index: dict[int, int], index_path: Path) -> None:
    """Every offset the index names lies inside the dump, or the run is refused (naming the line)."""
    size = dump.stat().st_size
    past = [o for o in index if o >= size]
    if past:
        raise InputError(f"offset {past[0]} is past the end of {dump.name} ({size} bytes), as are {len(past)} of the "
                         f"index's {len(index)} streams: the dump is cut off (an incomplete download?) or the "
                         f"index is another dump's", path=str(index_path), line=line_of(index_path, past[0]))


def check_index(dump: Path, index: dict[int, int], index_path: Path) -> None:
    """Refuse an index that is not this dump's, before anything is read: at a sample of its offsets a
    bz2 stream must start, and where one does, its first page must be the one the index names. One
    damaged stream does not fail this (the run reports it); a shifted or foreign index does."""
    offsets = list(index)
    n = min(PROBES, len(offsets))
    sample = sorted({offsets[i * (len(offsets) - 1) // max(n - 1, 1)] for i in range(n)})
    ends = dict(zip(offsets, offsets[1:] + [dump.stat().st_size]))
    no_stream = []
    with open(dump, "rb") as fh:
        for offset in sample:
            fh.seek(offset)
            if not _BZ2_START.match(fh.read(10)):
                no_stream.append(offset)
                continue
            found = _first_page_in(fh, offset, ends[offset])
            if found is not None and found != index[offset]:
                raise IndexMismatch(f"not the index of {dump.name}: it names page {index[offset]} first in the stream "
                                    f"at byte {offset}, which begins with page {found}: it is another dump's index",
                                    path=str(index_path), line=line_of(index_path, offset))
    if len(no_stream) * 2 > len(sample):
        where = ", ".join(map(str, no_stream[:3]))
        raise IndexMismatch(f"not the index of {dump.name}: no bz2 stream starts at {len(no_stream)} of the "
                            f"{len(sample)} offsets tried (bytes {where}...): its offsets are shifted, or it is "
                            f"another dump's index", path=str(index_path))


def _first_page_in(fh, start: int, end: int) -> int | None:
    try:
        for piece in unbzip(fh, start, end):
            return first_page_id(piece)
    except (OSError, EOFError):
        return None  # a damaged stream says nothing about the index
    return None


# -- bz2 streams -------------------------------------------------------------------------------------

def unbzip(fh, start: int, end: int):
    """The XML of the bz2 streams that fill ``[start, end)`` of ``fh``, in pieces of at most
    PIECE_BYTES. Raises OSError where a stream is damaged or what follows one is not a stream, and
    EOFError where the bytes end inside a stream: the range must be whole streams and nothing else."""
    fh.seek(start)
    left = end - start
    dec = bz2.BZ2Decompressor()
    while True:
        if dec.eof:
            data = dec.unused_data
            if not data and not left:
                return
            dec = bz2.BZ2Decompressor()  # another stream follows (the footer's, after the last pages)
        elif dec.needs_input:
            if not left:
                raise EOFError("the bytes end inside the stream")
            data = fh.read(min(READ_BYTES, left))
            if not data:
                raise EOFError("the file ends inside the stream")
            left -= len(data)
        else:
            data = b""  # more output is waiting for the same input
        piece = dec.decompress(data, PIECE_BYTES)
        if piece:
            yield piece


# -- pages -------------------------------------------------------------------------------------------

def first_page_id(data: bytes) -> int | None:
    """The id of the first page that begins in ``data``."""
    at = data.find(b"<page>")
    if at < 0:
        return None
    m = _FIELD[b"id"].search(data, at, at + HEAD_BYTES)
    return int(m.group(1)) if m and m.group(1).isdigit() else None


def page_head(head: bytes) -> dict:
    """A page's id, title, namespace and whether it is a redirect, from its first bytes (no XML tree)."""
    found = {name.decode(): m.group(1).decode("utf-8", "replace") for name, rx in _FIELD.items()
             if (m := rx.search(head))}
    return {"id": int(found["id"]) if found.get("id", "").isdigit() else None,
            "title": html.unescape(found.get("title", "")), "ns": found.get("ns", "0"),
            "redirect": b"<redirect" in head}


class PageScanner:
    """Decompressed XML fed piece by piece, cut into whole pages for ``pages``: regions of whole pages
    go to ``pages.whole(data, end)``; a page that grows past ``max_bytes`` before it ends is passed
    over as it streams by, never held, and handed to ``pages.too_large(head, size, watched)``
    (``watched``: ``watch`` matched somewhere in it). With ``expect``, the first page must have that id.

    ``ended`` counts the bytes fed up to the end of the last whole page: where a piece of a single pass
    may be cut."""

    def __init__(self, pages, max_bytes: int, watch: re.Pattern, expect: int | None = None):
        self.pages, self.max_bytes, self.watch, self.expect = pages, max_bytes, watch, expect
        self.rest = b""  # the start of a page not ended yet (or text between pages)
        self.big: _BigPage | None = None
        self.fed = self.ended = 0

    def feed(self, data: bytes) -> None:
        self.fed += len(data)
        if self.big is not None:
            data = self.big.swallow(data)
            if self.big.open:
                return
            self.pages.too_large(self.big.head, self.big.size, self.big.watched)
            self.big = None
            self.ended = self.fed - len(data)
        buf = self.rest + data if self.rest else data
        cut = buf.rfind(_END, max(0, len(self.rest) - len(_END)))
        if cut >= 0:
            cut += len(_END)
            self._check_first(buf)
            self.pages.whole(buf, cut)
            buf = buf[cut:]
            self.ended = self.fed - len(buf)
        start = buf.find(b"<page>")
        if start >= 0 and len(buf) - start > self.max_bytes:
            self._check_first(buf)
            self.big = _BigPage(buf[start:], self.watch)
            buf = b""
        self.rest = buf

    def finish(self) -> None:
        """The input ended: a page left open was cut off; a stream the index names a page for holds one."""
        if self.big is not None or b"<page>" in self.rest:
            raise TruncatedInput("the XML ends inside a page: cut off")
        if self.expect is not None:
            raise IndexMismatch(f"the index names page {self.expect} first in it; it holds no page")

    def _check_first(self, data: bytes) -> None:
        if self.expect is None:
            return
        found = first_page_id(data)
        if found is None:
            return  # no page begun yet
        if found != self.expect:
            raise IndexMismatch(f"the index names page {self.expect} first in it; it begins with page {found}")
        self.expect = None


class _BigPage:
    """A page over the size limit as it streams by: its head kept, whether it holds ``watch`` noted,
    its length counted; its text dropped piece by piece."""

    OVERLAP = 256  # bytes kept from one piece to the next, for a match or an end across the cut

    def __init__(self, part: bytes, watch: re.Pattern):
        self.head, self.size, self.watch = part[:HEAD_BYTES], len(part), watch
        self.watched = bool(watch.search(part))
        self.tail = part[-self.OVERLAP:]
        self.open = True

    def swallow(self, data: bytes) -> bytes:
        """Pass over ``data``; returns what follows the page's end (nothing while the page goes on)."""
        joined = self.tail + data
        end = joined.find(_END)
        stop = len(joined) if end < 0 else end + len(_END)
        self.watched = self.watched or bool(self.watch.search(joined, 0, stop))
        self.size += stop - len(self.tail)
        if end < 0:
            self.tail = joined[-self.OVERLAP:]
            return b""
        self.open = False
        return joined[stop:]
