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

import dataclasses
import re
from collections.abc import Sequence

from . import shapes
from .lexicon import Lexicon
from .numbers import Quantity, from_match
from .patterns import last_match
from .shapes import Figure, subject_kind  # noqa: F401 - re-exported: the records of this module

_WORD = re.compile(r"\w+")
_CLOSED = re.compile(r"\([^()]*\)")


WINDOW = 240
NEAR = 48  # the end-anchored checks (a month, "in" before a year) read only the last words
# Numbers read in one stretch of text (a sentence, an infobox row). A report's sentence holds a few
# dozen at most; past this it is a table or a list of numbers, and reading on would only cost time
# (a 60 KB "sentence" of 20,000 numbers took over 2 s): the rest are not read.
MAX_QUANTITIES = 1000


def find(text: str, lex: Lexicon, start: int = 0, end: int | None = None,
         previous: Sequence[Figure] = ()) -> list[Figure]:
    """Figures in ``text[start:end]``; ``previous`` are the figures before it, in order (the last of
    them, or the last of the dead, is what a revision revises)."""
    P = lex.patterns
    end = len(text) if end is None else end
    if P.count_words.isdisjoint(_WORD.findall(text[start:end].lower())):
        return []
    figs: list[Figure] = []
    pending: list[tuple[Quantity, str, int]] = []
    group: _Subset | None = None
    whole: str | None = None  # the people of a whole the counts after it are parts of
    for n, m in enumerate(_quantities(text, start, end, P)):
        if n >= MAX_QUANTITIES:
            break
        q = from_match(m, lex)
        if q is None:
            continue
        if q.qualifier == "vague" and figs and m.group(0).lower() == "many" \
                and _AS_BEFORE.search(text, max(start, m.start() - 4), m.start()):
            # "two were killed and as many wounded": as many as the figure before
            p = figs[-1].qty
            q = Quantity(p.low, p.high, p.qualifier, q.start, q.end, q.words)
        # what stands before a figure is read within a window, so a sentence of a thousand figures
        # costs linear time, not quadratic
        before = text[max(start, m.start() - WINDOW):m.start()]
        last = figs[-1] if figs else (previous[-1] if previous else None)
        rev = _revision(before, P)
        if rev is None and q.qualifier == "at_most" and _UP_TO.match(m.group(0)):
            # "bringing the death toll up to 15": the new toll, not a bound ("up" belongs to the verb)
            up = m.start() + _UP_TO.match(m.group(0)).end()
            rev = _revision(text[max(start, up - WINDOW):up], P)
            if rev is not None:
                before = text[max(start, up - WINDOW):m.start()]
                q = Quantity(q.high, q.high, "exact", q.start, q.end, q.words)
        said = _category_after(text, q, end, lex) if rev else None
        target = _revised(rev, figs, previous, P, said[0] if said else None) if rev else None
        if target is not None:
            figs.append(_revision_figure(text, q, m.start() - len(before) + rev.start(), end, target, lex, said))
            pending.clear()
            continue
        if _RATE_OR_PART.match(text, q.end, end):
            continue  # "100 for each German soldier killed", "151 of those killed": a rate, a part of a count
        if whole_of := _whole(text, q, before, end, lex):
            # "Of the 6,300 Santee, 2,000 were taken prisoner": the whole the count after it is part of;
            # its people are the part's ("Of the 6000 American troops, about 500 were killed")
            whole = shapes.spot(text, q, before, whole_of, None, None, lex).subject
            continue
        if q.qualifier == "vague" and P.of_things.match(text, q.end, end):
            continue  # "capturing dozens of heavy weaponry"
        if q.qualifier != "vague" and _not_a_count(text, q, before, P):
            if pending and (verb := _things_verb(text, q, end, P)):
                # "2 civilians and 1 horse killed": the people waiting share the verb, the horse is no one
                figs += [Figure(pq, pq.start, pend, psubj, subject_kind(psubj, lex), lex.category(verb.group("verb")),
                                shapes.SHARED.id) for pq, psubj, pend in pending]
                pending.clear()
            continue
        alt = _alternative(text, q, before, end, figs[-1] if figs else None, P)
        if alt is not None:
            figs.append(alt)
            continue
        if group is not None and group.nested(text, q):
            continue  # "including 20 hostages (18 foreigners and 2 locals), 2 police officers": a part of a part
        if group is not None and not group.goes_on(text, q, end, P):
            figs.extend(group.breakdown(lex))
            group = None
        if group is None and _opens_subset(text, q, before, end, figs[-1] if figs else None, start, lex):
            group = _Subset(figs[-1] if figs else None, "(" in text[max(start, q.start - 60):q.start])
        if group is not None:
            # "twelve civilians including two women": a part of the count before, not a new count
            group.add(shapes.spot(text, q, before, end, None, None, lex), P)
            continue
        spot = shapes.spot(text, q, before, end, last, figs[-1] if figs else None, lex)
        fig = shapes.read(spot)
        if fig is None:
            pending.clear()
            if spot.subject and P.singular_joined.match(text, spot.after_subj, end):
                pending.append((q, spot.subject, spot.after_subj))  # "Ten policemen and a civilian driver were killed"
            continue
        if whole and fig.subject is None:
            fig = dataclasses.replace(fig, subject=whole, subject_kind=subject_kind(whole, lex), inherits=False)
        if fig.rule == "pending":
            pending.append((q, fig.subject, fig.end))
            continue
        for pq, psubj, pend in pending:
            # (alternatives waiting with no people of their own are the people of the figure that ends them)
            psubj = _with_head(psubj, fig.subject) or fig.subject
            figs.append(Figure(pq, pq.start, pend, psubj, subject_kind(psubj, lex), fig.category, shapes.SHARED.id))
        pending.clear()
        figs.append(fig)
    if group is not None:
        figs.extend(group.breakdown(lex))
    figs = _and_one(text, end, pending, figs, lex)
    _people_at_the_end(text, figs)
    figs = _with_one_more(text, end, figs, lex)
    if P.singular_hint.search(text, start, end):
        figs = _with_singulars(text, start, end, figs, lex)
    return _with_another(text, end, figs, lex)


# a figure that is a rate ("kill 50 communists for every wounded German soldier", "100 for each German
# soldier killed") or a part of a count given already ("At least 151 of those killed were rebels")
# ("Two of the injured died in hospital" counts two dead: the injured are a count of their own)
_RATE_OR_PART = re.compile(r"(?:\s+[\w'’-]+){0,2}?\s+for\s+(?:each|every)\b|\s+of\s+(?:those|the)\s+"
                           # "22 of the 60 dead were children", "Twelve of the 45 people killed": a part of the count after
                           r"(?:(?:[\d,]+|(?:[a-z]+-)?(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                           r"[a-z]+teen|[a-z]+ty|hundred|thousand))\s+(?:(?:people|persons|confirmed)\s+)?"
                           r"(?=killed|dead|victims)|(?!people|persons|confirmed))"
                           r"(?:(?:people|persons|confirmed)\s+)?(?:killed|dead|who\s+died|murdered|slain|executed|victims)\b"
                           # "one of the wounded", but "Two of the injured later died": those died
                           r"|\s+of\s+(?:those|the)\s+(?:wounded|injured|missing)\b"
                           r"(?!(?:\s+[\w'’-]+){0,3}?\s+(?:died|succumbed|perished|(?:were|was)\s+killed)\b)", re.I)
_AS_BEFORE = re.compile(r"\bas\s+$", re.I)
_UP_TO = re.compile(r"up\s+to\s+", re.I)
# a whole that opens a clause, the count of its part after the comma: "Of the 6,300 Santee, 2,000 were
# taken prisoner", "Of the 40 passengers, 12 died"
_WHOLE_BEFORE = re.compile(r"(?:^|[.;:(]\s*|,\s+)of\s+(?:the|these|those|its|their|his|her)\s+$", re.I)
def _whole(text: str, q: Quantity, before: str, end: int, lex: Lexicon) -> int | None:
    """Where the words of a whole end ("Of the 6,300 Santee, 2,000 ..."): a clause that opens with "of
    the", a count, a comma and another count; not when its words say what befell them ("Of the five
    people killed, four were ...": a count of the dead of its own)."""
    if not _WHOLE_BEFORE.search(before[-NEAR:]) or not (m := _PART_AFTER.match(text, q.end, end)) \
            or not (lex.patterns.quantity.match(text, m.end(), end) or _SHARE.match(text, m.end(), end)):
        return None
    comma = m.end() - len(m.group("gap"))
    if any(w in lex.category_of for w in _WORD.findall(text[q.end:comma].lower())):
        return None
    return comma


_PART_AFTER = re.compile(r"[^,.;:()\d]{0,60}(?P<gap>,\s*)")  # the whole's words, then a comma before a count
_SHARE = re.compile(r"(?:most|all|half)\b", re.I)  # "Of the 300 soldiers, most were wounded"
# the whole of a share that is itself a count of the dead: "22 of the 60 dead", "12 of the 45 people killed"
_WHOLE_DEAD = re.compile(r"\s+(?:(?:people|persons|confirmed)\s+)?(?:killed|dead|victims)\b", re.I)


_PLURAL = re.compile(r"[^s]s$")


def _with_head(waiting: str | None, last: str | None) -> str | None:
    """The people of a figure that waited for its verb, given the head noun of the last figure's
    where it names them by a word of the same kind only: "100 Azerbaijani and 85 Armenian civilians
    killed" counts Azerbaijani civilians."""
    if not waiting or not last or " " in waiting or not waiting[:1].isupper() or _PLURAL.search(waiting):
        return waiting  # ("Five Malians and three French soldiers": Malians are people of their own)
    first, _, head = last.partition(" ")
    return f"{waiting} {head}" if head and first[:1].isupper() and not head[:1].isupper() else waiting


def _things_verb(text: str, q: Quantity, end: int, P) -> re.Match | None:
    """The verb after a figure of things ("1 horse killed"), if one follows its noun."""
    noun = P.not_a_count.match(text, q.end, end)
    return P.verb_after.match(text, noun.end(), end) if noun else None


def _alternative(text, q, before, end, here, P) -> Figure | None:
    """"At least 80 people (142 according to official tallies) were killed": another claimant's
    figure for the people of the figure around it."""
    if here is None or not before.rstrip().endswith("("):
        return None
    if not (here.start < q.start < here.end or here.end <= q.start and not text[here.end:q.start].strip(" (")):
        return None  # (inside the figure's words, or the bracket right after them: "1,100 prisoners (3,600, ...)")
    if not P.according_after.match(text, q.end, end):
        return None
    return Figure(q, q.start, q.end, here.subject, here.subject_kind, here.category, shapes.ALTERNATIVE.id,
                  here.speaker_side, True)


def _people_at_the_end(text: str, figs: list[Figure]) -> None:
    """"had killed 153, wounded over 100, and captured 134 IS-KP militants": the people the last
    verb's figure names are the earlier verbs' too, where those name none. In place."""
    for i in range(len(figs) - 1, 0, -1):
        last = figs[i]
        if not last.subject or last.rule.split(".v")[0] not in ("active", "chain"):
            continue
        j = i
        while j > 0 and figs[j - 1].subject is None and figs[j - 1].rule.split(".v")[0] == "active" \
                and _VERB_LIST_GAP.fullmatch(text, figs[j - 1].end, figs[j].start):
            j -= 1
            figs[j].subject, figs[j].subject_kind = last.subject, last.subject_kind


# between one verb's figure and the next verb, or the next figure: "killed 153, wounded over 100, and
# captured 134 ...", "killed between 150 (according to the Red Cross) and 300 (...) villagers"
_VERB_LIST_GAP = re.compile(r"\s*(?:\([^()]{0,150}\)\s*)?(?:,\s*(?:and\s+)?|and\s+|to\s+|or\s+)")


def _with_one_more(text, end, figs, lex) -> list[Figure]:
    """"The attack killed 14 military personnel, 14 civilian employees, and a civilian": one person
    without a number ends the list, and counts as the list does."""
    P, out = lex.patterns, []
    for i, f in enumerate(figs):
        out.append(f)
        m = P.singular_after.match(text, f.end, end) if f.category else None
        nxt = figs[i + 1] if i + 1 < len(figs) else None
        if m and not (nxt is not None and m.start("art") <= nxt.start < m.end()):
            q = Quantity(1, 1, "exact", m.start("art"), m.end("art"), m.group("art"))
            subject = m.group("subj")
            out.append(Figure(q, m.start("art"), m.end(), subject, subject_kind(subject, lex), f.category,
                              shapes.SINGULAR.id, f.speaker_side))
    return out


def _with_another(text, end, figs, lex) -> list[Figure]:
    """"Two soldiers were killed, and a third wounded", "a civilian was killed and another injured":
    one more of the people of the figure before, with a verb of its own."""
    P, out = lex.patterns, []
    for i, f in enumerate(figs):
        out.append(f)
        if not f.category or f.rule == shapes.ANOTHER.id:
            continue
        m = P.another_after.match(text, f.end, end)
        nxt = figs[i + 1] if i + 1 < len(figs) else None
        if m and not (nxt is not None and nxt.start < m.end()):
            q = Quantity(1, 1, "exact", m.start("art"), m.end("art"), m.group("art"))
            out.append(Figure(q, m.start("art"), m.end("verb"), f.subject, f.subject_kind,
                              lex.category(m.group("verb")), shapes.ANOTHER.id, f.speaker_side, True))
    return out


def _own_verb(text: str, q: Quantity, end: int, P) -> bool:
    """True when a category verb follows the figure and its people ("and more than 300 were wounded"),
    or stands for them ("including 8 militants and 1 Hamas militant, 100 wounded": the wounded are
    no part of the dead)."""
    subj = P.subject.match(text, q.end, end) or P.of_them_after.match(text, q.end, end)
    if subj is not None and P.category_in.fullmatch(subj.group(0).strip()):
        return True
    return bool(P.verb_after.match(text, subj.end() if subj else q.end, end))


def part_category(text: str, q: Quantity, end: int, lex) -> str | None:
    """The category a part's own words give it ("726 killed", "5,000 taken prisoner", "4,000
    prisoners"), if any."""
    P = lex.patterns
    subj = P.subject.match(text, q.end, end)
    if subj is not None and (cat := shapes.noun_category(subj.group("subj"), lex)):
        return cat
    if subj is not None and P.category_in.fullmatch(subj.group("subj")):
        return lex.category_of.get(subj.group("subj").lower())
    verb = P.verb_after.match(text, q.end, end)
    return lex.category(verb.group("verb")) if verb else None


def _opens_subset(text, q, before, end, here, start, lex) -> bool:
    """A figure that is a part of the count before it: right after "including" ("including two women"),
    "186 of them children", or in a list that "including" began since the last figure ("including
    the mayor and 3 guards"). A figure with a verb of its own is a count of its own; so is a part of
    casualties that says what befell them ("1,900 casualties including 726 killed", "15,000
    casualties, including 5,000 taken prisoner"); but "11,721 captured (of which 4,436 wounded)"
    counts no one twice."""
    P = lex.patterns
    if here is not None and P.of_them_after.match(text, q.end, end):
        return not _own_verb(text, q, end, P)
    if P.including_before.search(before):
        return here is None or here.category != "casualties" or part_category(text, q, end, lex) is None
    if here is None:
        return False
    if _BREAKDOWN_GAP.fullmatch(text, here.end, q.start) and not P.category_in.search(_list_after(text, q.start, end)):
        # "46 people died: 35 soldiers and 11 civilians", "17 killed (11 soldiers, six civilians)"; not
        # parts that say what befell them ("34 mineworkers dead (78 mineworkers injured)")
        return True
    gap_from = max(here.end, start, q.start - WINDOW)
    inc = last_match(P.including, text[gap_from:q.start])
    if inc is None:
        return False
    gap = text[gap_from + inc.end():q.start]
    return not (")" in gap or ";" in gap or P.category_in.search(gap) or _own_verb(text, q, end, P))


def _list_after(text: str, start: int, end: int) -> str:
    """The list that begins at ``start``: up to its closing bracket or the clause's end."""
    stop = _LIST_END.search(text, start, end)
    return text[start:stop.start() if stop else end]


_LIST_END = re.compile(r"[);.]")
# a colon or an opening bracket right after a count: what follows lists its parts
_BREAKDOWN_GAP = re.compile(r"\s*(?::|\(|:\s*(?:namely|that\s+is))\s*")


class _Subset:
    """Figures that are parts of the count before them, held until their list ends. When they add
    up to that count they are its breakdown by group ("71 total deaths, including 62 civilians, five
    Kenyan soldiers, and all four gunmen": rule breakdown); otherwise they are no claims."""

    def __init__(self, total: Figure | None, bracketed: bool):
        self.total = total
        self.bracketed = bracketed
        self.members: list[shapes.Spot] = []
        self.end = 0

    def add(self, s: shapes.Spot, P) -> None:
        self.members.append(s)
        words = P.member_words.match(s.text, s.q.end)
        self.end = max(s.after_subj, words.end() if words else s.q.end)

    def goes_on(self, text: str, q: Quantity, end: int, P) -> bool:
        """True when the figure at ``q`` continues the list ("..., five soldiers, and all four gunmen")."""
        gap = text[self.end:q.start]
        if self.bracketed and ")" in gap:
            return False
        gap = _CLOSED.sub("", gap)  # "20 hostages (18 foreigners and 2 locals), 2 police officers"
        return bool(P.list_gap.match(gap)) and not _own_verb(text, q, end, P)

    def nested(self, text: str, q: Quantity) -> bool:
        """True when the figure at ``q`` stands in brackets opened after the last part ("20 hostages
        (18 foreigners and 2 locals)"): a part of that part, not of the count."""
        if self.bracketed or not self.members:
            return False
        gap = text[self.end:q.start]
        return gap.rfind("(") > gap.rfind(")")

    def breakdown(self, lex: Lexicon) -> list[Figure]:
        t, ms = self.total, self.members
        if t is None or len(ms) < 2 or any(m.subject is None or m.q.qualifier != "exact" for m in ms):
            return []
        if sum(m.q.low for m in ms) not in (t.qty.low, t.qty.high):
            return []
        return [Figure(m.q, m.q.start, m.after_subj, m.subject, m.kind, t.category, shapes.BREAKDOWN.id)
                for m in ms]


def _and_one(text, end, pending, figs, lex) -> list[Figure]:
    """One person joined to the counts before, with the verb of all: "Ten policemen and a civilian
    driver were killed" counts ten policemen and one driver killed (the counts still waiting for a
    verb when the text ends take it too)."""
    last = pending[-1][2] if pending else figs[-1].end if figs else None
    m = lex.patterns.singular_joined.match(text, last, end) if last is not None else None
    if m is None or any(f.start <= m.start("art") < f.end for f in figs):
        return figs
    cat = lex.category(m.group("verb"))
    out = [Figure(pq, pq.start, pend, psubj, subject_kind(psubj, lex), cat, shapes.SHARED.id) for pq, psubj, pend in pending]
    q = Quantity(1, 1, "exact", m.start("art"), m.start("subj") - 1, m.group("art"))
    subject = m.group("subj")
    out.append(Figure(q, m.start("art"), m.end("verb"), subject, subject_kind(subject, lex), cat, shapes.SINGULAR.id))
    return sorted(figs + out, key=lambda f: f.start)


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


_IN_WORD = re.compile(r"[\w'’]*")


def _quantities(text: str, start: int, end: int, P):
    """Matches of the quantity pattern, tried only at words that can begin a figure (much faster
    than scanning every position with a pattern of a hundred alternatives); the next such word is
    found by one pattern (``quantity_candidate``), the words between passed over in C."""
    pos = start
    while (c := P.quantity_candidate.match(text, pos, end)) is not None:
        m = P.quantity.match(text, c.start("c"), end)
        if m is None:
            pos = c.end()
            continue
        yield m
        pos = m.end()
        if pos < end and text[pos - 1].isalnum():
            pos = _IN_WORD.match(text, pos, end).end()  # it ended inside a word ("12'5"): on after that word


def quantities(text: str, start: int, end: int, P):
    """Matches of the quantity pattern in ``text[start:end]`` (the infobox rows read them too)."""
    return _quantities(text, start, end, P)


def not_a_count(text, q, before, P) -> bool:
    return _not_a_count(text, q, before, P)


def _not_a_count(text, q, before, P) -> bool:
    """A time, a distance, a sum of money, a thing, a label ("camp number 1"), a share ("out of the
    27"), a date or a year rather than a count of people. A month's day is written in digits: "On 8
    March six members ..." counts six."""
    if P.not_a_count.match(text, q.end) or q.words[:1].isdigit() and _month_before(before[-NEAR:], P) \
            or P.money_before.search(before[-20:]) or P.share_before.search(before[-40:]) and not _WHOLE_DEAD.match(text, q.end):
        return True
    if q.words[:1].isdigit() and P.unit_name.match(text, q.end):
        return True  # "14 Mechanised Infantry", "3 Commando Brigade": a unit's number, no count
    if q.low and q.high and 1800 <= q.low < q.high <= 2100 and before.endswith("(") and text[q.end:q.end + 1] == ")":
        return True  # "War in Iraq (2013–2017)": a span of years in brackets
    year_like = q.words.isdigit() and 1800 <= int(q.words) <= 2100
    if year_like and (day := _DAY_BEFORE.search(before[-NEAR:])) and _month_before(before[-NEAR:][:day.start() + 1], P):
        return True  # "on March 16, 1968": the year of a date
    return year_like and bool(P.year_before.search(before[-NEAR:]) or not before.strip())


_DAY_BEFORE = re.compile(r"\s\d{1,2}(?:st|nd|rd|th)?,?\s*$")


MONTH_LONGEST = len("September")


def _month_before(window: str, P) -> bool:
    """``P.month_before`` (a month name, then white space to the end) found without trying the long
    pattern at every place: the name must end where the white space begins."""
    w = window.rstrip()
    return P.month_at_end.search(w, max(0, len(w) - MONTH_LONGEST)) is not None


def _revision(before: str, P) -> re.Match | None:
    """"this number was raised to", right before the figure."""
    if not before.rstrip().endswith(" to"):
        return None
    m = last_match(P.revision, before, max(0, len(before) - 120))
    return m if m and m.end() == len(before) else None


def _category_after(text: str, q: Quantity, end: int, lex: Lexicon) -> tuple[str, int] | None:
    """(category, where its word ends) of a bare category word or verb right after a figure ("rose to
    twenty-six killed", "raised to 40 dead"), if one stands there."""
    subj = lex.patterns.subject.match(text, q.end, end)
    if subj and _bare_word(subj.group("subj"), lex):
        return lex.category_of[subj.group("subj").lower()], subj.end()
    verb = lex.patterns.verb_after.match(text, q.end, end) if subj is None else None
    return (lex.category(verb.group("verb")), verb.end("verb")) if verb else None


def _revised(rev: re.Match, figs: list[Figure], previous: Sequence[Figure], P, category: str | None = None) -> Figure | None:
    """The figure a revision replaces: the last one, but the last of the dead for a toll or for one
    number of several ("this toll was later raised to 66", "these numbers soon rose to 30", after
    "58 killed and one injured"), and the last of its own category where it says one ("this rose to
    twenty-six killed and thirty-three injured")."""
    recent = (list(previous[-20:]) + figs[-20:])[::-1]  # a bounded look back: linear time
    if category is not None:
        return next((f for f in recent if f.category == category), recent[0] if recent else None)
    if P.revision_of_dead.fullmatch(rev.group("noun")):
        return next((f for f in recent if f.category == "killed"), None)
    return recent[0] if recent else None


def _revision_figure(text: str, q: Quantity, start: int, end: int, target: Figure, lex: Lexicon,
                     said: tuple[str, int] | None = None) -> Figure:
    """The revised figure: the people of the figure it replaces, unless it names its own ("raised to
    66 civilians killed")."""
    P = lex.patterns
    subj = P.subject.match(text, q.end, end)
    if subj is None or _bare_word(subj.group("subj"), lex):
        # ("rose to twenty-six killed": the word's category, ``said``, which the figure it revises has too)
        cat, stop = said if said else (target.category, q.end)
        return Figure(q, start, stop, target.subject, target.subject_kind, cat,
                      shapes.REVISION.id, target.speaker_side, True, revises=target)
    verb = P.verb_after.match(text, subj.end(), end)
    return Figure(q, start, verb.end("verb") if verb else subj.end(), subj.group("subj"),
                  subject_kind(subj.group("subj"), lex), target.category, shapes.REVISION.id, revises=target)


def _bare_word(subject: str, lex: Lexicon) -> bool:
    return subject.lower() in lex.category_of and lex.subject_kind.get(subject.lower()) is None
