"""Sentence boundaries in plain text, as (start, end) offsets."""
from __future__ import annotations

import re
from collections.abc import Iterator

from .text import add_stripped

# a copy may lose the space after a full stop ("when they were bombed.He told me"): a word of two
# small letters or more, the stop, a capitalised word
# Both ends begin at a stop, which the engine skips to in C (with an alternative that begins with a
# look-behind it tries the pattern at every character). A glued end (the second) ends right after its
# stop: the sentence's end is the match's end, and its start is no stop of an abbreviation.
_END = re.compile(r"[.!?](?:[\"”’')\]]*(?=\s+[\"“‘(\[]?[A-Z0-9À-Ý])|(?<=[a-z]{2}[.!?])(?P<glued>)(?=[A-Z][a-z]+\b))")
_ABBREV = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Capt|Maj|Sgt|Cpl|Pvt|St|Mt|No|vs|c|ca|approx|Jan|Feb|Mar|Apr|"
                     r"Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Inc|Ltd|Co|Jr|Sr|U\.S|U\.N|e\.g|i\.e)|\b[A-Z])\.$")


# the letters an abbreviation of _ABBREV ends with, before its full stop ("U.S." ends with "S"): where the
# letters before a stop are none of them, _ABBREV cannot match and is not tried
_ABBREV_TAILS = frozenset("Mr Mrs Ms Dr Gen Lt Col Capt Maj Sgt Cpl Pvt St Mt No vs c ca approx Jan Feb Mar Apr Jun Jul "
                          "Aug Sep Sept Oct Nov Dec Inc Ltd Co Jr Sr S N g e".split()) | frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
_TAIL = re.compile(r"[A-Za-z]{1,6}$")


def _abbreviation(text: str, stop: int) -> bool:
    """True when the full stop at ``stop`` ends an abbreviation ("Gen.", "U.S.", "J.")."""
    window = text[max(0, stop - 6):stop + 1]
    tail = _TAIL.search(window, 0, len(window) - 1)
    return tail is not None and tail.group(0) in _ABBREV_TAILS and _ABBREV.search(window) is not None


def split(text: str) -> list[tuple[int, int]]:
    """Sentence spans of ``text``, leading white space excluded."""
    return list(spans(text))


def spans(text: str) -> Iterator[tuple[int, int]]:
    """The spans of ``split``, one at a time: a reader that stops at the first sentence it wants does
    not split the rest of the text."""
    start, found = 0, []
    for m in _END.finditer(text):
        end = m.end()
        # an abbreviation ends with its full stop: none before "!" or "?"
        if m.group("glued") is None and text[m.start()] == "." and _abbreviation(text, m.start()):
            continue
        add_stripped(found, text, start, end)
        start = end
        if found:
            yield found.pop()
    add_stripped(found, text, start, len(text))
    yield from found
