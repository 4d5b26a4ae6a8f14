"""Plain text read out of a document, with a map back to offsets in the document's source text.

Readers turn markup into plain text for the extractors; every span an extractor finds in that plain
text maps back to the source through ``Segment.source_span``, so a claim's ``text`` is always the
source's own characters (``source[start:end]``), markup and all.
"""
from __future__ import annotations

import bisect
from typing import NamedTuple


class Run(NamedTuple):
    plain_start: int
    src_start: int
    src_end: int
    verbatim: bool  # True: plain[i] == src[src_start + i - plain_start]


class Segment:
    """A piece of plain text and the runs that tie it to the source text."""

    __slots__ = ("text", "runs", "_starts")

    def __init__(self, text: str, runs: list[Run]):
        self.text = text
        self.runs = runs
        self._starts = [r.plain_start for r in runs]

    @classmethod
    def verbatim(cls, text: str, src_start: int) -> "Segment":
        """A segment that is a plain copy of ``source[src_start:src_start+len(text)]``."""
        return cls(text, [Run(0, src_start, src_start + len(text), True)] if text else [])

    def _run_at(self, i: int) -> Run:
        k = bisect.bisect_right(self._starts, i) - 1
        return self.runs[max(k, 0)]

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Source offsets (half-open) of ``self.text[start:end]``."""
        if not self.runs:
            return (0, 0)
        first = self._run_at(start)
        s = first.src_start + (start - first.plain_start if first.verbatim else 0)
        last = self._run_at(max(end - 1, start))
        e = last.src_start + (end - last.plain_start) if last.verbatim else last.src_end
        return s, max(e, s)

    def slice(self, start: int, end: int) -> "Segment":
        """``text[start:end]`` as a Segment of its own, still mapped to the source."""
        runs = []
        first = max(bisect.bisect_right(self._starts, start) - 1, 0)
        for k in range(first, len(self.runs)):
            r = self.runs[k]
            if r.plain_start >= end:
                break
            # a synthetic run covers the plain text up to the next run
            nxt = self.runs[k + 1].plain_start if k + 1 < len(self.runs) else len(self.text)
            r_end = r.plain_start + (r.src_end - r.src_start) if r.verbatim else nxt
            lo, hi = max(r.plain_start, start), min(r_end, end)
            if lo >= hi:
                continue
            if r.verbatim:
                runs.append(Run(lo - start, r.src_start + lo - r.plain_start, r.src_start + hi - r.plain_start, True))
            else:
                runs.append(Run(lo - start, r.src_start, r.src_end, False))
        return Segment(self.text[start:end], runs)

    def __repr__(self) -> str:
        return f"Segment({self.text[:40]!r}...)"


def add_stripped(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    """Append ``(start, end)`` narrowed to exclude white space at either end, unless nothing is left."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


class SegmentBuilder:
    """Builds a Segment piece by piece while a reader walks its markup."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._runs: list[Run] = []
        self._n = 0

    def copy(self, text: str, src_start: int) -> None:
        """Append text that stands verbatim in the source at ``src_start``."""
        if text:
            self._runs.append(Run(self._n, src_start, src_start + len(text), True))
            self._parts.append(text)
            self._n += len(text)

    def put(self, text: str, src_start: int, src_end: int) -> None:
        """Append text that stands for ``source[src_start:src_end]`` without copying it (an entity, a <br>)."""
        if text:
            self._runs.append(Run(self._n, src_start, src_end, False))
            self._parts.append(text)
            self._n += len(text)

    def tail(self) -> str:
        return self._parts[-1] if self._parts else ""

    def build(self) -> Segment:
        return Segment("".join(self._parts), self._runs)

