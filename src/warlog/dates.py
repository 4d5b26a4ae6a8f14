"""Dates as articles write them: "January 27, 2018", "27 January 2018", "January 5–7, 2015",
"January 2015", "April–July 1992", "2015", "2018-01-27". Returned as ISO strings with their precision."""
from __future__ import annotations

import re
from dataclasses import dataclass

MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"], 1)}
MONTHS.update({k[:3]: v for k, v in list(MONTHS.items())})
MONTHS["sept"] = 9
_MON = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
_D = r"(?<!\d)(?:[12]?\d|3[01])(?:st|nd|rd|th)?(?!\d)"
_Y = r"(?:1[89]\d\d|20\d\d)"
# an infobox's date field may hold any year of our era (Crécy, 1346); in running text a number like
# 1500 is more often a count than a year
_Y_ANY = r"(?:1\d\d\d|20\d\d)"
_DASH = r"\s*(?:[\u2013\u2014-]|to|until|–)\s*"
# "between 3 and 7 January"; nothing where a copy lost the dash between a day and the next month
# ("June 25June 26, 1876")
_DAYS_DASH = rf"(?:\s*(?:[\u2013\u2014-]|to|until|–)\s*|\s+and\s+|(?<=\d)(?={_MON}\s))"


def _date_pattern(y: str) -> re.Pattern:
    """One date or a range, most specific forms first."""
    return re.compile(
        rf"(?P<iso>{y}-\d\d-\d\d)"
        rf"|(?P<m1>{_MON})\s+(?P<d1>{_D})(?:{_DAYS_DASH}(?:(?P<m2>{_MON})\s+)?(?P<d2>{_D}))?(?:,?\s+(?P<y1>{y}))?"
        rf"|(?P<d3>{_D})(?:\s+(?P<m3>{_MON}))?{_DAYS_DASH}(?P<d4>{_D})\s+(?P<m4>{_MON})(?:,?\s+(?P<y2>{y}))?"
        rf"|(?P<d5>{_D})\s+(?P<m5>{_MON})(?:,?\s+(?P<y3>{y}))?"
        rf"|(?:(?P<m6>{_MON})(?:{_DASH}(?P<m8>{_MON}))?\s+)?(?P<y4>{y})(?:{_DASH}(?:(?P<m7>{_MON})\s+)?(?P<y5>{y}))?",
        re.I)


DATE = _date_pattern(_Y)
DATE_ANY_YEAR = _date_pattern(_Y_ANY)


@dataclass(frozen=True)
class DateSpan:
    start: str  # ISO: YYYY-MM-DD, YYYY-MM or YYYY
    end: str
    precision: str  # day | month | year
    has_year: bool
    pos: int
    endpos: int


def _mon(s: str | None) -> int | None:
    return MONTHS.get(s.lower().rstrip(".")[:4].rstrip()) or MONTHS.get(s.lower()[:3]) if s else None


def _day(s: str) -> int:
    return int(re.match(r"\d+", s).group(0))


def _iso(y: int, m: int | None = None, d: int | None = None) -> str:
    return f"{y:04d}" + (f"-{m:02d}" if m else "") + (f"-{d:02d}" if d and m else "")


def parse(text: str, default_year: int | None = None) -> DateSpan | None:
    """The first date or date range in ``text``; a missing year is ``default_year``."""
    found = find_all(text, default_year)
    return found[0] if found else None


# where a date can begin: a number or a month name (DATE is tried only there)
_START = re.compile(rf"(?<![\w-])(?:\d|{_MON})", re.I)
_HINT = re.compile(r"\d{4}|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b", re.I)


# the same test in two patterns that begin with a plain character or class, which the engine skips to
# in C (a case-insensitive alternation it tries at every character); the month names in lower case,
# where lowering the text changes nothing else (ASCII)
_HINT_YEAR = re.compile(r"\d\d{3}")  # "\\d{4}" with a first character the engine skips to in C
_HINT_MONTH = re.compile(r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b")


def might_hold_date(text: str) -> bool:
    """A cheap test: False means ``text`` surely holds no date."""
    if _HINT_YEAR.search(text):
        return True
    if text.isascii():
        return _HINT_MONTH.search(text.lower()) is not None
    return _HINT.search(text) is not None


def find_all(text: str, default_year: int | None = None, any_year: bool = False) -> list[DateSpan]:
    """Every date in ``text``; ``any_year`` reads years before 1800 too (an infobox's date field)."""
    pattern = DATE_ANY_YEAR if any_year else DATE
    if not might_hold_date(text):
        return []  # no month and no year: skip the long pattern
    out, skip_to = [], 0
    for w in _START.finditer(text):
        if w.start() < skip_to:
            continue
        m = pattern.match(text, w.start())
        if m and (span := _from_match(m, default_year)):
            out.append(span)
            skip_to = m.end()
    return out


def _from_match(m: re.Match, default_year: int | None) -> DateSpan | None:
    g = m.groupdict()
    if g["iso"]:
        return DateSpan(g["iso"], g["iso"], "day", True, m.start(), m.end())
    if g["m1"]:
        y = g["y1"]
        year = int(y) if y else default_year
        if year is None:
            return None
        m1, m2 = _mon(g["m1"]), _mon(g["m2"]) or _mon(g["m1"])
        d1 = _day(g["d1"])
        d2 = _day(g["d2"]) if g["d2"] else d1
        return DateSpan(_iso(year, m1, d1), _iso(year, m2, d2), "day", bool(y), m.start(), m.end())
    if g["d3"]:
        y = g["y2"]
        year = int(y) if y else default_year
        if year is None:
            return None
        m2 = _mon(g["m4"])
        m1 = _mon(g["m3"]) or m2
        return DateSpan(_iso(year, m1, _day(g["d3"])), _iso(year, m2, _day(g["d4"])), "day", bool(y), m.start(), m.end())
    if g["d5"]:
        y = g["y3"]
        year = int(y) if y else default_year
        if year is None:
            return None
        d = _iso(year, _mon(g["m5"]), _day(g["d5"]))
        return DateSpan(d, d, "day", bool(y), m.start(), m.end())
    if g["y4"]:
        y1 = int(g["y4"])
        y2 = int(g["y5"]) if g["y5"] else y1
        m1 = _mon(g["m6"])
        m2 = _mon(g["m7"]) or _mon(g["m8"]) or (m1 if not g["y5"] else None)  # "April–July 1992"
        prec = "month" if m1 else "year"
        return DateSpan(_iso(y1, m1), _iso(y2, m2 if m1 else None), prec, True, m.start(), m.end())
    return None
