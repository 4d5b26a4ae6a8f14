"""Casualty figures in a stretch of plain text: how many, who, and what happened to them.

The same finder reads an infobox item ("5 Wagner mercenaries killed") and a sentence ("fourteen
Malian soldiers were killed and seventeen were injured"). It knows nothing of sides or sources; the
prose and infobox extractors add those. The finder locates the figures, sets aside what is no count
(times, distances, years) and what is part of a count already made ("including two women"), and
asks the sentence shapes of ``shapes.py`` what each figure counts. Two shapes span figures and are
read here: a figure that replaces the last one ("this number was raised to thirteen": revision) and
one person without a number ("a French soldier was killed": singular).
"""
from __future__ import annotations

import re

from . import shapes
from .lexicon import Lexicon
from .numbers import Quantity, from_match
from .patterns import last_match
from .shapes import Figure, subject_kind  # noqa: F401 - re-exported: the records of this module

_WORD = re.compile(r"\w+")


WINDOW = 240


def find(text: str, lex: Lexicon, start: int = 0, end: int | None = None,
         previous: Figure | None = None) -> list[Figure]:
    """Figures in ``text[start:end]``; ``previous`` is the last figure before it (for revisions)."""
    P = lex.patterns
    end = len(text) if end is None else end
    if P.count_words.isdisjoint(_WORD.findall(text[start:end].lower())):
        return []
    figs: list[Figure] = []
    pending: list[tuple[Quantity, str, int]] = []
    subset_from = None
    for m in _quantities(text, start, end, P):
        q = from_match(m, lex)
        if q is None:
            continue
        # what stands before a figure is read within a window, so a sentence of a thousand figures
        # costs linear time, not quadratic
        before = text[max(start, m.start() - WINDOW):m.start()]
        last = figs[-1] if figs else previous
        rev = _revision(before, P)
        if rev and last is not None:
            figs.append(Figure(q, m.start() - len(before) + rev, q.end, last.subject, last.subject_kind, last.category,
                               shapes.REVISION.id, last.speaker_side, True, revises=last))
            pending.clear()
            continue
        if q.qualifier != "vague" and _not_a_count(text, q, before, P):
            continue
        if subset_from is not None or P.including.search(text, max(figs[-1].end if figs else start,
                                                                    q.start - WINDOW), q.start):
            # "twelve civilians including two women": a subset, not a new count
            subset_from = q.start
            continue
        fig = shapes.read(shapes.spot(text, q, before, end, last, figs[-1] if figs else None, lex))
        if fig is None:
            pending.clear()
            continue
        if fig.rule == "pending":
            pending.append((q, fig.subject, fig.end))
            continue
        for pq, psubj, pend in pending:
            figs.append(Figure(pq, pq.start, pend, psubj, subject_kind(psubj, lex), fig.category, shapes.SHARED.id))
        pending.clear()
        figs.append(fig)
    return _with_singulars(text, start, end, figs, lex) if P.singular_hint.search(text, start, end) else figs


def _with_singulars(text, start, end, figs, lex) -> list[Figure]:
    """"A French soldier was killed": one, though no number is written."""
    P = lex.patterns
    out = list(figs)
    for m in P.singular.finditer(text, start, end):
        if any(f.start <= m.start() < f.end for f in figs):
            continue
        q = Quantity(1, 1, "exact", m.start(), m.start("subj") - 1, m.group("art"))
        subject = m.group("subj")
        out.append(Figure(q, m.start(), m.end("verb"), subject, subject_kind(subject, lex),
                          lex.category(m.group("verb")), shapes.SINGULAR.id))
    return sorted(out, key=lambda f: f.start)


def bare(text: str, lex: Lexicon, start: int, end: int, category: str) -> list[Figure]:
    """The first figure of an infobox row whose field names the category ("Deaths: 160+")."""
    for m in _quantities(text, start, end, lex.patterns):
        q = from_match(m, lex)
        if q is not None and not _not_a_count(text, q, text[start:q.start], lex.patterns):
            subj = lex.patterns.subject.match(text, q.end, end)
            subject = subj.group("subj") if subj else None
            return [Figure(q, q.start, subj.end() if subj else q.end, subject, subject_kind(subject, lex),
                           category, "field")]
    return []


def _quantities(text: str, start: int, end: int, P):
    """Matches of the quantity pattern, tried only at words that can begin a figure (much faster
    than scanning every position with a pattern of a hundred alternatives)."""
    skip_to = start
    first = P.quantity_first
    for w in P.token.finditer(text, start, end):
        if w.start() < skip_to:
            continue
        tok = w.group(0)
        if not tok[0].isdigit() and tok.lower() not in first:
            continue
        m = P.quantity.match(text, w.start(), end)
        if m:
            skip_to = m.end()
            yield m


def _not_a_count(text, q, before, P) -> bool:
    """A time, a distance, a date or a year rather than a count of people."""
    if P.not_a_count.match(text, q.end) or P.month_before.search(before):
        return True
    year_like = q.words.isdigit() and 1800 <= int(q.words) <= 2100
    return year_like and bool(P.year_before.search(before) or not before.strip())


def _revision(before: str, P) -> int | None:
    if not before.rstrip().endswith(" to"):
        return None
    m = last_match(P.revision, before, max(0, len(before) - 120))
    if m and m.end() == len(before):
        return m.start()
    return None
