"""warlog: narrative reports of armed attacks in, source-attributed conflict events out.

    >>> import warlog
    >>> events = warlog.extract("samples/seeds")          # files or folders
    >>> events[0].title, events[0].claims[0].low
"""
from __future__ import annotations

from pathlib import Path

from .errors import WarlogError
from .records import Claim, Event

__version__ = "0.1.0"
__all__ = ["extract", "extract_text", "run", "Event", "Claim", "Outcome", "WarlogError"]


def __getattr__(name: str):
    # the pipeline (and the parsers behind it) loads on first use: a Dask worker that only scans
    # a dump's bytes, or `warlog --help`, does not pay for it
    if name in ("Outcome", "extract_text", "run"):
        from . import pipeline

        return getattr(pipeline, name)
    raise AttributeError(name)


def extract(*paths: str | Path, fmt: str = "auto", strict: bool = True) -> list[Event]:
    """Events of every file under ``paths``, main event of each document first.

    With ``strict`` a file that cannot be read raises its WarlogError; otherwise it is skipped
    (use ``run`` to see each failure).
    """
    from .pipeline import run

    out: list[Event] = []
    for outcome in run(paths, fmt):
        if outcome.error and strict:
            raise outcome.error
        out.extend(outcome.events)
    return out
