"""THE loop: sources in (files, dump pages), one Outcome each out (events, or the failure), in order.

``extract``, ``ingest`` and ``dump`` all go through ``attempt``: whatever goes wrong inside one
document becomes that document's failure, never the batch's.
"""
from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from . import events, readers
from .document import Document
from .errors import InputError, WarlogError
from .records import Event, Provenance
from .resources import Resources


@dataclass
class Outcome:
    """The events of one input, or why it failed; ``skipped`` when the caller already holds it."""

    path: str
    events: list[Event]
    error: WarlogError | None = None
    document: Document | None = None
    skipped: bool = False

    @property
    def ok(self) -> bool:
        return self.error is None


NOT_ARTICLES = ("readme", "license", "licence", "notice", "copying", "sources.")
# data beside the articles (an answer key, a table of sources) is no article either
NOT_ARTICLE_SUFFIXES = (".json", ".yaml", ".yml", ".csv", ".py", ".pyc")


def expand(paths: Iterable[str | Path]) -> Iterator[str]:
    """Files named, and the files below folders named, in a stable order. In folders, hidden files
    and a folder's own notes (README, LICENSE, SOURCES.md) and data files (.json, .yaml...) are no
    articles and are passed over."""
    for p in paths:
        p = Path(p)
        if p.is_dir():
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for f in sorted(files):
                    low = f.lower()
                    if not f.startswith(".") and not low.startswith(NOT_ARTICLES) and not low.endswith(NOT_ARTICLE_SUFFIXES):
                        yield str(Path(root) / f)
        else:
            yield str(p)


def attempt(label: str, read: Callable[[], Document], res: Resources,
            skip: Callable[[Provenance], bool] | None = None) -> Outcome:
    """Read one document with ``read`` and extract its events; any fault becomes its failure.
    ``skip(provenance)`` true: the document is not extracted (the store holds it unchanged)."""
    try:
        doc = read()
        if skip is not None and skip(doc.provenance):
            return Outcome(label, [], document=doc, skipped=True)
        return Outcome(label, events.from_document(doc, res), document=doc)
    except WarlogError as exc:
        exc.path = exc.path or label
        return Outcome(label, [], exc)
    except RecursionError:
        return Outcome(label, [], InputError("markup nested too deeply to read", path=label))
    except MemoryError:
        return Outcome(label, [], InputError("too large to extract in memory", path=label))
    except Exception as exc:  # a fault of ours on this input: reported, and the batch goes on
        return Outcome(label, [], InputError(f"could not be extracted ({type(exc).__name__}: {exc})", path=label))


def run(paths: Iterable[str | Path], fmt: str = "auto", max_bytes: int = readers.DEFAULT_MAX_BYTES,
        actors_file: str | None = None, res: Resources | None = None,
        skip: Callable[[Provenance], bool] | None = None) -> Iterator[Outcome]:
    """Extract every file under ``paths``; one bad file yields a failed Outcome and the run goes on.
    ``actors_file``: the user's own actors, added to the registry."""
    res = res or Resources.load(actors_file)
    for path in expand(paths):
        yield attempt(path, lambda: readers.read_path(path, fmt, max_bytes), res, skip)


def extract_text(text: str, path: str = "<text>", fmt: str = "auto") -> list[Event]:
    """Events of one article given as text."""
    return events.from_document(readers.read_text(text, path, fmt))


@dataclass
class Summary:
    """What one ``ingest`` did."""

    documents: int = 0
    unchanged: int = 0
    events: int = 0
    claims: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    pruned: int = 0

    def __str__(self) -> str:
        lines = [f"{self.documents} documents stored ({self.unchanged} unchanged), {self.events} events, "
                 f"{self.claims} claims, {len(self.failures)} failures"]
        lines += [f"  failed: {path}: {reason}" for path, reason in self.failures]
        if self.missing:
            done = "their events removed" if self.pruned else "their events kept; --prune removes them"
            lines.append(f"{len(self.missing)} stored documents are gone from their folder ({done})")
            lines += [f"  gone: {key}" for key in self.missing]
        return "\n".join(lines)


# Ingest stores documents in batches, one transaction each: a batch is stored whole or not at all, so
# each of its documents is too. A batch closes at this many documents, or this long after its first
# (a kill loses at most that much work; a rerun does it again).
BATCH_DOCUMENTS = 64
BATCH_SECONDS = 1.0


def ingest(paths: Iterable[str | Path], store, res: Resources | None = None, progress: bool = False,
           prune: bool = False, fmt: str = "auto", max_bytes: int = readers.DEFAULT_MAX_BYTES) -> Summary:
    """Extract and store every file under ``paths`` (``store``: a ``store.Store``); unchanged documents
    are skipped, a failed one is recorded in the store's failures and the run goes on. Stored documents
    of a folder that are gone from it are reported, and with ``prune`` forgotten."""
    res = res or Resources.load()
    files = list(expand(paths))
    summary = Summary()
    batch = _Batch(store, summary, prune)
    with _progress(files, progress) as bar:
        for i, path in enumerate(bar):
            if i % BATCH_DOCUMENTS == 0:
                batch.look_ahead(files[i:i + BATCH_DOCUMENTS])
            outcome = attempt(path, lambda: readers.read_path(path, fmt, max_bytes), res, batch.unchanged)
            batch.keep(outcome)
        batch.flush()
    _gone(paths, files, store, summary, prune)
    if summary.documents or prune:
        store.analyze()
    return summary


class _Batch:
    """The documents extracted and not yet stored, written together (``Store.put_many``)."""

    def __init__(self, store, summary: Summary, prune: bool):
        self.store, self.summary, self.prune = store, summary, prune
        self.pending: list[Outcome] = []
        self.keys: set[str] = set()  # the pending documents' keys
        self.started = 0.0
        self.digests: dict[str, str | None] = {}  # key -> stored digest, read ahead for the next files

    def look_ahead(self, files: list[str]) -> None:
        """Read the stored digests of the next files at once, not one query a file."""
        keys = [os.path.abspath(f) for f in files]
        self.digests = dict.fromkeys(keys)
        self.digests.update(self.store.digests(keys))

    def unchanged(self, prov: Provenance) -> bool:
        """True when the store holds this document with the same text (``Store.unchanged``)."""
        key = prov.key
        if key in self.keys:  # the same file again before its batch is written: write it first
            self.flush()
        if key in self.digests:
            return self.digests[key] == prov.sha256
        return self.store.unchanged(prov)

    def keep(self, outcome: Outcome) -> None:
        if outcome.ok and not outcome.skipped:
            if not self.pending:
                self.started = time.perf_counter()
            self.pending.append(outcome)
            key = outcome.document.provenance.key
            self.keys.add(key)
            self.digests.pop(key, None)  # what the store holds of it is about to change
            if len(self.pending) >= BATCH_DOCUMENTS or time.perf_counter() - self.started >= BATCH_SECONDS:
                self.flush()
            return
        _keep(outcome, self.store, self.summary, self.prune)

    def flush(self) -> None:
        """Store the pending documents in one transaction; when the store refuses one of them (a count
        beyond its integers, say), each is stored alone, and the one refused is its failure."""
        from .store import StoreError

        pending, self.pending, self.keys = self.pending, [], set()
        if not pending:
            return
        try:
            self.store.put_many([(o.document.provenance, o.document.text, o.events) for o in pending])
        except StoreError:
            raise
        except Exception:
            for outcome in pending:
                _keep(outcome, self.store, self.summary, self.prune)
            return
        for outcome in pending:
            _count(outcome, self.summary)


def _keep(outcome: Outcome, store, summary: Summary, prune: bool) -> None:
    """Store one outcome; a document the store refuses (a count beyond its integers, say) is that
    document's failure. A store that cannot be written at all (StoreError) stops the run."""
    from .store import StoreError

    if outcome.skipped:
        summary.unchanged += 1
        return
    if outcome.ok:
        doc = outcome.document
        try:
            store.put(doc.provenance, doc.text, outcome.events)
        except StoreError:
            raise
        except Exception as exc:
            outcome.error = InputError(f"could not be stored ({type(exc).__name__}: {str(exc).splitlines()[0]})",
                                       path=outcome.path)
        else:
            _count(outcome, summary)
            return
    err = outcome.error
    store.fail(outcome.path, err.code, err.reason)
    summary.failures.append((outcome.path, err.reason))
    if prune:
        store.remove(os.path.abspath(outcome.path))


def _count(outcome: Outcome, summary: Summary) -> None:
    summary.documents += 1
    summary.events += len(outcome.events)
    summary.claims += sum(len(e.claims) for e in outcome.events)


def _gone(paths, files: list[str], store, summary: Summary, prune: bool) -> None:
    present = {os.path.abspath(f) for f in files}
    for folder in {os.path.abspath(p) for p in paths if Path(p).is_dir()}:
        for key in store.documents_under(folder):
            if key not in present:
                summary.missing.append(key)
                if prune:
                    store.remove(key)
                    summary.pruned += 1


def _progress(items: list[str], show: bool):
    """A progress bar on stderr (used as a context manager, as click requires in a terminal)."""
    if not show:
        from contextlib import nullcontext

        return nullcontext(items)
    import click

    return click.progressbar(items, label="ingesting", file=click.get_text_stream("stderr"), show_pos=True,
                             item_show_func=lambda p: Path(p).name if p else "")
