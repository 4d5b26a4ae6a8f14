"""One pipeline for every caller: paths (or documents) in, events or failures out, in order.

The CLI, a process pool and the dump reader all call ``run``; none has a second implementation.
"""
from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from . import actors, events, lexicon, readers
from .errors import InputError, WarlogError
from .records import Event


@dataclass
class Outcome:
    """The events of one input, or why it failed."""

    path: str
    events: list[Event]
    error: WarlogError | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


NOT_ARTICLES = ("readme", "license", "licence", "notice", "copying")


def expand(paths: Iterable[str | Path]) -> Iterator[str]:
    """Files named, and the files below folders named, in a stable order. In folders, hidden files
    and a folder's own notes (README, LICENSE...) are no articles and are passed over."""
    for p in paths:
        p = Path(p)
        if p.is_dir():
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for f in sorted(files):
                    if not f.startswith(".") and not f.lower().startswith(NOT_ARTICLES):
                        yield str(Path(root) / f)
        else:
            yield str(p)


def run(paths: Iterable[str | Path], fmt: str = "auto", max_bytes: int = readers.DEFAULT_MAX_BYTES,
        actors_file: str | None = None) -> Iterator[Outcome]:
    """Extract every file under ``paths``; one bad file yields a failed Outcome and the run goes on.
    ``actors_file``: the user's own actors, added to the registry."""
    lex, reg = lexicon.load(), actors.load(actors_file)
    for path in expand(paths):
        try:
            doc = readers.read_path(path, fmt, max_bytes)
            yield Outcome(path, events.from_document(doc, lex, reg))
        except WarlogError as exc:
            yield Outcome(path, [], exc)
        except RecursionError:
            yield Outcome(path, [], InputError("markup nested too deeply to read", path=path))
        except Exception as exc:  # a fault of ours on this input: reported, and the batch goes on
            yield Outcome(path, [], InputError(f"could not be extracted ({type(exc).__name__}: {exc})", path=path))


def extract_text(text: str, path: str = "<text>", fmt: str = "auto") -> list[Event]:
    """Events of one article given as text."""
    return events.from_document(readers.read_text(text, path, fmt))
