"""Sentence boundaries in plain text, as (start, end) offsets."""
from __future__ import annotations

import re

from .text import add_stripped

# a copy may lose the space after a full stop ("when they were bombed.He told me"): a word of two
# small letters or more, the stop, a capitalised word
_END = re.compile(r"[.!?][\"”’')\]]*(?=\s+[\"“‘(\[]?[A-Z0-9À-Ý])|(?<=[a-z]{2}[.!?])(?=[A-Z][a-z]+\b)")
_ABBREV = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Capt|Maj|Sgt|Cpl|Pvt|St|Mt|No|vs|c|ca|approx|Jan|Feb|Mar|Apr|"
                     r"Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Inc|Ltd|Co|Jr|Sr|U\.S|U\.N|e\.g|i\.e)|\b[A-Z])\.$")


def split(text: str) -> list[tuple[int, int]]:
    """Sentence spans of ``text``, leading white space excluded."""
    spans, start = [], 0
    for m in _END.finditer(text):
        end = m.end()
        # an abbreviation ends with its full stop: none before "!" or "?"
        if text[m.start()] == "." and _ABBREV.search(text[max(0, m.start() - 6):m.start() + 1]):
            continue
        add_stripped(spans, text, start, end)
        start = end
    add_stripped(spans, text, start, len(text))
    return spans
