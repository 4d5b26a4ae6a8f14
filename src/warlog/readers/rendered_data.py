"""The vocabulary of rendered pages (``data/rendered.yaml``): infobox labels, site chrome, image debris,
compiled once into the patterns the rendered-page reader matches lines with."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources

from .. import yamlfile
from ..errors import DataFileError


def _site_suffix(words) -> re.Pattern:
    named = "|".join(r"\s+".join(map(re.escape, w.split())) for w in words) or "(?!)"
    return re.compile(rf"(?<!\s)\s++[-–—|]\s++(?:wikipedia|wiki\w*)\b.*$|(?<=\w)\s+(?:{named})\s*$", re.I)


@dataclass(frozen=True)
class Layout:
    labels: dict[str, str]  # inline label -> field key
    blocks: dict[str, str]  # block label -> field stem (unsided key)
    label_start: re.Pattern  # a label at the start of a line, group "label"
    chrome_lines: frozenset[str]
    chrome_starts: tuple[str, ...]
    chrome: AnyOf
    maps: AnyOf
    ends: AnyOf
    reference_sections: frozenset[str]
    debris: re.Pattern
    joiners: frozenset[str]
    empty_cells: frozenset[str]
    # a claimant's heading inside a line of figures ("Western estimates:", "United States claimed:",
    # "PAVN claim (only 4th Corps):"): one to three words, the last a word of claims; group "label"
    inline_claim: re.Pattern
    title_generic: frozenset[str] = frozenset()  # words any event's name may hold ("battle", "attacks")
    table_blocks: dict[str, str] | None = None  # block labels of a pipe table's own rows only ("Casualties")
    # a site's words after the article's name in its heading: "X - Wikipedia, the free...", "X facts for kids"
    site_suffix: re.Pattern = _site_suffix(())
    # a short word glued to the capitalised word of a link after it ("between theSomali Army")
    glued_link: re.Pattern = re.compile("(?!)")

    def table_block(self, text: str) -> str | None:
        """The block a pipe table's lone label cell opens: a block label, or one of the table's own."""
        low = " ".join(text.strip().rstrip(":").split()).lower()
        return self.blocks.get(low) or (self.table_blocks or {}).get(low)

    def is_chrome(self, line: str) -> bool:
        """A line of the site's, not the article's: banners, navigation, map captions, file names."""
        low = " ".join(line.lower().split())
        return (low in self.chrome_lines or low.startswith(self.chrome_starts) or bool(self.chrome.search(low))
                or bool(self.maps.search(low)))

    def label_of(self, text: str) -> str | None:
        """The label (lower case, one space) ``text`` is, with or without a colon."""
        low = " ".join(text.strip().rstrip(":").split()).lower()
        return low if low in self.labels or low in self.blocks else None


def _any(patterns) -> re.Pattern:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.I)


class AnyOf:
    """Whether a line matches any of the patterns, case-insensitive: ``search`` gives a match or None.
    The patterns anchored at the line's start are tried there only, the rest searched for: one
    pattern of them all is tried at every character of a long line (a paragraph), each of its
    alternatives there."""

    def __init__(self, patterns):
        at_start = [p for p in patterns if _anchored(p)]
        rest = [p for p in patterns if not _anchored(p)]
        self._at_start = _any(at_start) if at_start else None
        self._rest = _any(rest) if rest else None

    def search(self, text: str) -> re.Match | None:
        return (self._at_start.match(text) if self._at_start else None) or \
            (self._rest.search(text) if self._rest else None)


_GLOBAL_FLAGS = re.compile(r"\(\?[aiLmsux]+\)")


def _anchored(p: str) -> bool:
    """True when every match of pattern ``p`` begins at the text's start: it begins with "^", sets no
    flag ("(?m)" lets "^" match after a line break) and has no "|" outside brackets (no alternative
    that may match elsewhere)."""
    if not p.startswith("^") or _GLOBAL_FLAGS.search(p):
        return False
    depth, i, in_class = 0, 0, False
    while i < len(p):
        c = p[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
            i += 1 if p.startswith("^", i + 1) else 0
            i += 1 if p.startswith("]", i + 1) else 0  # "[]a]": the first "]" is one of the class
        elif c in "()":
            depth += 1 if c == "(" else -1
        elif c == "|" and depth == 0:
            return False
        i += 1
    return True


def _inline_claim(words) -> re.Pattern:
    heads = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![\w'’-])(?P<label>[A-Z][\w'’.-]*(?:[ ][A-Za-z][\w'’.-]*){{0,2}}[ ](?i:{heads}))"
                      rf"(?:[ ]?\([^()\n]{{0,40}}\))?[ ]?:")


def _label_start(labels, value_words=()) -> re.Pattern:
    """A label at a line's start, then its value's start: after a colon, a cell bar or blanks (not
    before a lower-case word: "Location of the attack" is a caption), glued to a capital, digit or sign
    ("DateJanuary", "Deaths105", "Injured~ 30"), or nothing (the value is below). Possessive blanks
    keep the match linear in the line's length."""
    alts = "|".join(r"\s+".join(map(re.escape, lab.split())) for lab in sorted(labels, key=len, reverse=True))
    # a value may open with a lower-case word of amount, glued or not ("Deathsat least 13", "Injured over 50")
    words = "|".join(r"\s+".join(map(re.escape, w.split())) for w in sorted(value_words, key=len, reverse=True)) or "(?!)"
    return re.compile(rf"^\s*+(?P<label>(?i:{alts}))(?:[ \t]*+(?:[:|]|$)|[ \t]++(?![a-z])|(?=[A-Z0-9~≈<>+(\"“'–—-])"
                      rf"|[ \t]*+(?=(?:{words})\b))")


@functools.lru_cache(maxsize=1)
def load() -> Layout:
    """The packaged layout vocabulary."""
    text = resources.files("warlog.data").joinpath("rendered.yaml").read_text(encoding="utf-8")
    try:
        raw = yamlfile.load(text)
        chrome = raw["chrome"]
        labels = {k.lower(): v for k, v in raw["labels"].items()}
        blocks = {k.lower(): v for k, v in raw["blocks"].items()}
        return Layout(
            labels=labels, blocks=blocks, label_start=_label_start([*labels, *blocks], raw.get("value_words", [])),
            chrome_lines=frozenset(x.lower() for x in chrome["lines"]),
            chrome_starts=tuple(x.lower() for x in chrome["starts"]),
            chrome=AnyOf(chrome["patterns"]), maps=AnyOf(chrome["maps"]), ends=AnyOf(chrome["ends"]),
            reference_sections=frozenset(x.lower() for x in raw["reference_sections"]),
            debris=_any(raw["debris"]), joiners=frozenset(x.lower() for x in raw["joiners"]),
            empty_cells=frozenset(x.lower() for x in raw["empty_cells"]),
            inline_claim=_inline_claim(raw["claim_words"]),
            title_generic=frozenset(x.lower() for x in raw.get("title_generic_words", [])),
            table_blocks={k.lower(): v for k, v in (raw.get("table_blocks") or {}).items()},
            site_suffix=_site_suffix(raw.get("title_suffixes", [])),
            glued_link=re.compile(r"\b(?:%s)(?=[A-Z][a-z])" % "|".join(map(re.escape, raw.get("glued_link_words", [])))
                                  if raw.get("glued_link_words") else "(?!)"))
    except (yamlfile.YAMLError, KeyError, TypeError, AttributeError, re.error) as exc:
        raise DataFileError(f"not a valid layout file: {exc}", path="warlog/data/rendered.yaml") from exc
