"""The vocabulary of rendered pages (``data/rendered.yaml``): infobox labels, site chrome, image debris,
compiled once into the patterns the rendered-page reader matches lines with."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources

from .. import yamlfile
from ..errors import DataFileError


@dataclass(frozen=True)
class Layout:
    labels: dict[str, str]  # inline label -> field key
    blocks: dict[str, str]  # block label -> field stem (unsided key)
    label_start: re.Pattern  # a label at the start of a line, group "label"
    chrome_lines: frozenset[str]
    chrome_starts: tuple[str, ...]
    chrome: re.Pattern
    maps: re.Pattern
    ends: re.Pattern
    reference_sections: frozenset[str]
    debris: re.Pattern
    joiners: frozenset[str]
    empty_cells: frozenset[str]
    # a claimant's heading inside a line of figures ("Western estimates:", "United States claimed:",
    # "PAVN claim (only 4th Corps):"): one to three words, the last a word of claims; group "label"
    inline_claim: re.Pattern

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


def _inline_claim(words) -> re.Pattern:
    heads = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![\w'’-])(?P<label>[A-Z][\w'’.-]*(?:[ ][A-Za-z][\w'’.-]*){{0,2}}[ ](?i:{heads}))"
                      rf"(?:[ ]?\([^()\n]{{0,40}}\))?[ ]?:")


def _label_start(labels) -> re.Pattern:
    """A label at a line's start, then its value's start: after a colon, a cell bar or blanks (not
    before a lower-case word: "Location of the attack" is a caption), glued to a capital, digit or sign
    ("DateJanuary", "Deaths105", "Injured~ 30"), or nothing (the value is below). Possessive blanks
    keep the match linear in the line's length."""
    alts = "|".join(r"\s+".join(map(re.escape, lab.split())) for lab in sorted(labels, key=len, reverse=True))
    return re.compile(rf"^\s*+(?P<label>(?i:{alts}))(?:[ \t]*+(?:[:|]|$)|[ \t]++(?![a-z])|(?=[A-Z0-9~≈<>+(\"“'–—-]))")


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
            labels=labels, blocks=blocks, label_start=_label_start([*labels, *blocks]),
            chrome_lines=frozenset(x.lower() for x in chrome["lines"]),
            chrome_starts=tuple(x.lower() for x in chrome["starts"]),
            chrome=_any(chrome["patterns"]), maps=_any(chrome["maps"]), ends=_any(chrome["ends"]),
            reference_sections=frozenset(x.lower() for x in raw["reference_sections"]),
            debris=_any(raw["debris"]), joiners=frozenset(x.lower() for x in raw["joiners"]),
            empty_cells=frozenset(x.lower() for x in raw["empty_cells"]),
            inline_claim=_inline_claim(raw["claim_words"]))
    except (yamlfile.YAMLError, KeyError, TypeError, AttributeError, re.error) as exc:
        raise DataFileError(f"not a valid layout file: {exc}", path="warlog/data/rendered.yaml") from exc
