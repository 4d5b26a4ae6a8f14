"""Casualty figures in a stretch of plain text: how many, who, and what happened to them.

The same finder reads an infobox item ("5 Wagner mercenaries killed") and a sentence ("fourteen
Malian soldiers were killed and seventeen were injured"). It knows nothing of sides or sources; the
prose and infobox extractors add those. Forms it reads (rule names in brackets):

- [passive]  figure, optional subject, verb:      "nine soldiers were killed", "ten wounded"
- [noun]     figure and a category noun:          "three Malian prisoners", "seven bodies", "2 hostages"
- [active]   verb, figure, subject:                "killing 12 civilians", "losing four soldiers"
- [shared]   figures joined before one verb:       "five mercenaries and seven soldiers were killed"
- [chain]    a figure that continues the last one: "killing two people in A and five in B"
- [revision] a figure that replaces the last one:  "this number was raised to thirteen"
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import Lexicon
from .numbers import Quantity, from_match
from .patterns import last_match

LOSING = {"losing", "lost", "lose"}
_WORD = re.compile(r"\w+")
_JOIN = re.compile(r"\s*(?:,\s*)?(?:and\s+)?")


@dataclass(slots=True)
class Figure:
    qty: Quantity
    start: int
    end: int
    subject: str | None
    subject_kind: str | None  # state | armed | pmc | civilians | unknown | None (no subject)
    category: str
    rule: str
    speaker_side: bool = False  # "losing four soldiers": the people counted are the speaker's own
    inherits: bool = False  # subject taken from the figure before ("and seventeen were injured")
    revises: "Figure | None" = None


def subject_kind(subject: str | None, lex: Lexicon) -> str | None:
    if not subject:
        return None
    low = " ".join(subject.lower().split())
    for n in range(min(3, len(low.split())), 0, -1):
        head = " ".join(low.split()[-n:])
        if head in lex.subject_kind:
            return lex.subject_kind[head]
        if head in lex.category_of:
            return "unknown"
    return "unknown"


def _noun_category(subject: str | None, lex: Lexicon) -> str | None:
    if not subject:
        return None
    low = " ".join(subject.lower().split())
    for noun, cat in lex.patterns.noun_categories:  # longest first: "prisoners of war" before "prisoners"
        if low == noun or low.endswith(" " + noun):
            return cat
    return None


WINDOW = 240
NEAR = 48  # the words just before a figure: a qualifier, a month, an active verb


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
    for m in quantities(text, start, end, P):
        q = from_match(m, lex)
        if q is None:
            continue
        # what stands before a figure is read within a window, so a sentence of a thousand figures
        # costs linear time, not quadratic
        before = text[max(start, m.start() - WINDOW):m.start()]
        last = figs[-1] if figs else previous
        rev = _revision(before, P)
        if rev and last is not None:
            figs.append(Figure(q, rev + start, q.end, last.subject, last.subject_kind, last.category,
                               "revision", last.speaker_side, True, revises=last))
            pending.clear()
            continue
        if q.qualifier != "vague" and not_a_count(text, q, before, P):
            continue
        if subset_from is not None or P.including.search(text, max(figs[-1].end if figs else start,
                                                                    q.start - WINDOW), q.start):
            # "twelve civilians including two women": a subset, not a new count
            subset_from = q.start
            continue
        fig = _read_one(text, q, before, last, pending, lex, end, figs[-1] if figs else None)
        if fig is None:
            continue
        if fig.rule == "pending":
            pending.append((q, fig.subject, fig.end))
            continue
        for pq, psubj, pend in pending:
            figs.append(Figure(pq, pq.start, pend, psubj, subject_kind(psubj, lex), fig.category, "shared"))
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
                          lex.category(m.group("verb")), "singular"))
    return sorted(out, key=lambda f: f.start)


def bare(text: str, lex: Lexicon, start: int, end: int, category: str) -> list[Figure]:
    """The first figure of an infobox row whose field names the category ("Deaths: 160+")."""
    for m in quantities(text, start, end, lex.patterns):
        q = from_match(m, lex)
        if q is not None and not not_a_count(text, q, text[start:q.start], lex.patterns):
            subj = lex.patterns.subject.match(text, q.end, end)
            subject = subj.group("subj") if subj else None
            return [Figure(q, q.start, subj.end() if subj else q.end, subject, subject_kind(subject, lex),
                           category, "field")]
    return []


def quantities(text: str, start: int, end: int, P):
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


def verbs_category(verb: re.Match, lex: Lexicon) -> str:
    """The category of one category word, or of several joined: "killed or wounded" counts people
    without saying which of them died (casualties); "wounded or missing", "captured/missing" keep
    the first."""
    cat = lex.category(verb.group("verb"))
    if verb.group("verb2") is None:
        return cat
    words = re.findall(r"[\w.]+(?:\s+(?:for|in\s+action|prisoner|hostage|captive|dead|alive|to\s+death))?",
                       verb.group(0)[verb.start("verb") - verb.start():])
    cats = {lex.category_of.get(" ".join(w.lower().split())) for w in words} - {None}
    return "casualties" if len(cats) > 1 and "killed" in cats else cat


def not_a_count(text, q, before, P) -> bool:
    """A time, a distance, a date or a year rather than a count of people."""
    near = before[-NEAR:]  # the end-anchored patterns read only what they can match
    if P.not_a_count.match(text, q.end) or P.month_before.search(near):
        return True
    year_like = q.words.isdigit() and 1800 <= int(q.words) <= 2100
    return year_like and bool(P.year_before.search(near) or not before.strip())


def _revision(before: str, P) -> int | None:
    if not before.rstrip().endswith(" to"):
        return None
    m = last_match(P.revision, before, max(0, len(before) - 120))
    if m and m.end() == len(before):
        return m.start()
    return None


def _read_one(text, q, before, last, pending, lex, end, here=None) -> Figure | None:
    """One figure at ``q``; ``last`` is the figure before it (maybe in the sentence before), ``here``
    the one before it in this stretch of text."""
    P = lex.patterns
    pos = q.end
    subj_m = P.subject.match(text, pos, end)
    if subj_m is None and q.qualifier == "vague":
        of = P.of_subject.match(text, pos, end)
        if of:
            subj_m = P.subject.match(text, of.end(), end)
    subject = subj_m.group("subj") if subj_m else None
    after_subj = subj_m.end() if subj_m else pos
    kind = subject_kind(subject, lex)
    verb = P.verb_after.match(text, after_subj, end)
    if verb:
        cat = verbs_category(verb, lex)
        return Figure(q, q.start, verb.end(), subject, kind, cat, "passive",
                      inherits=subject is None or subject.lower() in lex.raw["anaphoric_subjects"])
    tail = before[-80:]
    toll = P.toll.search(tail) if any(w in tail for w in P.toll_hints) else None
    if toll:
        if subject is None and here is not None and here.category == "killed":
            # "reported 35 soldiers killed, before raising the toll to 53": the same people
            return Figure(q, q.start - (len(tail) - toll.start()), after_subj, here.subject, here.subject_kind,
                          "killed", "toll", inherits=True, revises=here)
        return Figure(q, q.start - (len(tail) - toll.start()), after_subj, subject, kind or "unknown",
                      "killed", "toll")
    noun_cat = _noun_category(subject, lex)
    if noun_cat and subject.lower() in lex.category_of and lex.subject_kind.get(subject.lower()) is None:
        # "ten wounded", "14 dead": the word is the category, the people are the last figure's
        tail = P.category_tail.match(text, after_subj, end)
        if tail and "killed" in {noun_cat, lex.category(tail.group("verb2"))} != {noun_cat}:
            return Figure(q, q.start, tail.end(), None, None, "casualties", "passive", inherits=True)
        return Figure(q, q.start, after_subj, None, None, noun_cat, "passive", inherits=True)
    if noun_cat:
        return Figure(q, q.start, after_subj, subject, kind, noun_cat, "noun")
    near = before[-NEAR:]
    active = P.active_before.search(near)
    if active:
        at = q.start - (len(near) - active.start())  # where the verb stands in ``text``
        cat = lex.category(active.group("active"))
        if subject:
            return Figure(q, at, after_subj, subject, kind, cat, "active",
                          speaker_side=active.group("active").lower() in LOSING,
                          inherits=subject.lower() in lex.raw["anaphoric_subjects"])
        if last is not None and last.end <= at and P.chain_gap.match(text[last.end:at]):
            # "killed 40 soldiers and captured 2": the people of the figure before
            return Figure(q, at, after_subj, last.subject, last.subject_kind, cat, "active", inherits=True)
        if P.chain_ok_after.match(text, pos):
            # "killing at least 20, including 14 soldiers": people of no stated side
            return Figure(q, at, pos, None, None, cat, "active")
    if last is not None and last.rule in ("active", "chain", "passive", "shared") \
            and P.chain_gap.match(text[last.end:q.start]) and (subject or P.chain_ok_after.match(text, pos)):
        return Figure(q, q.start, after_subj, subject or last.subject, kind or last.subject_kind,
                      last.category, "chain", last.speaker_side, inherits=subject is None)
    if subject and _joins_next(text, after_subj, end, P):
        return Figure(q, q.start, after_subj, subject, kind, "", "pending")
    pending.clear()
    return None


def _joins_next(text, pos, end, P) -> bool:
    """True when another figure follows at once after "and" or a comma (figures sharing a verb)."""
    m = _JOIN.match(text, pos, end)
    nxt = P.quantity.match(text, m.end(), end) if m else None
    return bool(nxt and m.end() > pos)
