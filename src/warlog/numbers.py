"""Figures in words or digits: "14", "fourteen", "thirty-two", "a hundred", "30–32", "~30", "100+", "dozens"."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import Lexicon

_SPLIT = re.compile(r"[\s\u2013\u2014\u2012~-]+")
_DECIMAL = re.compile(r"\d+(?:\.\d+)?")
_SPACES = re.compile(r"\s+")


@dataclass(slots=True)
class Quantity:
    low: int | None
    high: int | None
    qualifier: str  # exact | approx | range | at_least | at_most | vague
    start: int
    end: int
    words: str


_FRACTIONS = {"half": 0.5, "quarter": 0.25}


def word_number(text: str, lex: Lexicon) -> int | None:
    """The value of one number written in digits or English words; None if it is not one."""
    t = text.strip().lower().replace(",", "")
    if t.isdigit():
        return int(t)
    scales = lex.raw["numbers"]["scales"]
    total = current = 0
    seen = False
    for w in _SPLIT.split(t):
        if w in ("and", ""):
            continue
        if _DECIMAL.fullmatch(w):  # "1.5 million"
            current += float(w)
        elif w in ("a", "an"):
            current = current or 1  # ("half a million": the half stays)
        elif w in _FRACTIONS:
            current = _FRACTIONS[w]  # "half a million", "a quarter of a million"
        elif w == "of" and 0 < current < 1:
            continue
        elif w == "dozen":
            current = max(current, 1) * lex.raw["numbers"]["dozen"]
        elif w in lex.number_words:
            current += lex.number_words[w]
        elif w in scales:
            total += (current or 1) * scales[w]
            current = 0
        else:
            return None
        seen = True
    return int(round(total + current)) if seen else None


def _numbers_in(body: str, lex: Lexicon) -> list[int]:
    """The numbers a figure's words hold ("twenty-one", "two to three hundred"), kept in the
    lexicon's memo: the same words come back in every article."""
    def compute(words: str) -> tuple[int, ...]:
        nums = (word_number(x.group(0), lex) for x in lex.patterns.number_re.finditer(words))
        return tuple(n for n in nums if n is not None)

    return list(lex.remembered("numbers", body, compute))


def from_match(m: re.Match, lex: Lexicon) -> Quantity | None:
    """Interpret a match of ``Patterns.quantity``."""
    if m.group("vague"):
        return Quantity(None, None, "vague", m.start(), m.end(), m.group(0))
    body = m.group("num")
    if body.isdigit():  # the common case, "12": the number pattern would find just it
        nums = [int(body)]
    else:
        nums = _numbers_in(body, lex)
    if not nums:
        return None
    qual_word = _SPACES.sub(" ", (m.group("qual") or "").lower())
    if len(nums) >= 2:
        low, high = min(nums[0], nums[-1]), max(nums[0], nums[-1])
        if low < 1000 <= high and low * 1000 <= high < low * 2000:
            low *= 1000  # "10-11,000 killed": ten to eleven thousand, the thousands written once
        kind = "range"
    else:
        low = high = nums[0]
        kind = "exact"
    if m.groupdict().get("open"):
        return Quantity(low, None, "at_least", m.start(), m.end(), m.group(0))  # "between 35 and over 300"
    if m.group("suffix") == "±":
        return Quantity(low, high, "approx" if kind == "exact" else kind, m.start(), m.end(), m.group(0))
    if m.group("suffix"):
        return Quantity(low, None, "at_least", m.start(), m.end(), m.group(0))
    qk = lex.patterns.qualifier_kind.get(qual_word)
    if qual_word == "+" and (m.string[:m.start()].rstrip(" ")[-1:] == "(" or not m.group(0)[1:2].isdigit()):
        qk = None  # "8 (+8 attackers)", "37 civilians + 1 perpetrator": more, not at least
    if qk == "at_least" and kind == "range":
        return Quantity(low, high, "range", m.start(), m.end(), m.group(0))  # "at least 64–101": the range
    if qk == "at_least":
        return Quantity(low, None, "at_least", m.start(), m.end(), m.group(0))
    if qk == "at_most":
        return Quantity(None, high, "at_most", m.start(), m.end(), m.group(0))
    if qk == "approx" and kind == "exact":
        kind = "approx"
    return Quantity(low, high, kind, m.start(), m.end(), m.group(0))


_TOTAL = re.compile(r"\btotal[^\S\n]*:?[^\S\n]*(?=[~≈c.]*[^\S\n]*\d)", re.I)  # "Total: 489,000"; not "19,175 total[5]"


def strength_figures(text: str, lex: Lexicon) -> list[int]:
    """Where each figure of people in a strength row starts: not a vague amount, a date, or a count of
    things ("43 guns", "30 armored vehicles"). A flattened row with one such figure per side is
    read side by side ("19,175 total / 43 guns / 18,738 / 60 guns")."""
    P, out = lex.patterns, []
    text = _NOTE_MARK.sub(lambda m: " " * len(m.group(0)), text)
    for m in P.quantity.finditer(text):
        q = from_match(m, lex)
        if q is None or q.qualifier == "vague" or P.month_before.search(text[max(0, q.start - 16):q.start]):
            continue
        if P.not_a_count.match(text, q.end) or (adj := _THINGS_AFTER.match(text, q.end)) and \
                P.not_a_count.match(text, adj.end()):
            continue
        if text[q.end:q.end + 1] == "/" or text[max(0, q.start - 1):q.start] == "/":
            continue  # "5/6 archers": a share, not a count
        out.append(q)
    return [q.start for q in _without_parts(out)]


def _without_parts(figs: list[Quantity]) -> list[Quantity]:
    """The figures without the parts listed under a total: "11,000–14,500 fighters" / "7,000–10,500 Iraqi
    soldiers" / "4,000 PMF militiamen" (the parts sum to the total's low and high)."""
    out, i = [], 0
    while i < len(figs):
        whole = figs[i]
        out.append(whole)
        i += 1
        lows = highs = 0
        # (a total's parts are a few figures after it that add up to it: the sum passes the total's low
        # soon, and a row of thousands of numbers costs linear time, not quadratic)
        for j in range(i, min(len(figs), i + MAX_PARTS)):
            lows += figs[j].low or 0
            highs += figs[j].high or figs[j].low or 0
            if whole.low is None or lows > whole.low:
                break
            if j > i and (lows, highs) == (whole.low, whole.high or whole.low):
                i = j + 1
                break
    return out


MAX_PARTS = 20  # figures a total of a strength row is broken down into, at most


_NOTE_MARK = re.compile(r"\[(?:\d{1,3}|[a-z]{1,2}|note \d+)\]", re.I)  # "[5]", "[b]": a citation's mark
# an adjective between a count and its things: "30 armored vehicles", "12 heavy guns"
_THINGS_AFTER = re.compile(r"[^\S\n]+[a-z][\w-]*(?:[^\S\n]+[a-z][\w-]*)?(?=[^\S\n])")


def parse_strength(text: str, lex: Lexicon) -> tuple[int | None, int | None, str | None]:
    """A side's strength ("~30", "100+ fighters", "Unknown") as (low, high, qualifier): the stated
    total where the row gives one ("5 divisions ... Total: 489,000"), else its first figure that is
    no date ("October 16–17: 225,000")."""
    P = lex.patterns
    total = _TOTAL.search(text)
    for m in P.quantity.finditer(text, total.end() if total else 0):
        q = from_match(m, lex)
        if q is None or q.qualifier == "vague":
            continue
        if P.not_a_count.match(text, q.end) or P.month_before.search(text[max(0, q.start - 16):q.start]):
            continue
        return q.low, q.high, q.qualifier
    return None, None, None
