"""Copies whose site swapped letters to spoof its source: one mirror serves Wikipedia with every
lower-case "l" written "w" ("Casuawties and wosses", "15,567 kiwwed", "24 Apriw 1877"). Such a text
is read with the letters put back where a word warlog knows comes of it, one letter for one, so every
offset still points where it did in the file; other words stay as written ("wounded", "Gonagawa").
"""
from __future__ import annotations

import functools
import itertools
import re
from importlib import resources

# a spoofed copy: hardly a lower-case "l" among hundreds of "e"s, where English text has one "l" to
# three "e"s (letters counted by str.count: a look at every article costs next to nothing)
SAMPLE, MIN_E = 20_000, 60
MAX_L_PER_E, MIN_W_PER_E = 0.02, 0.1
MAX_SWAPS = 6  # w's a word may have (2^6 readings tried at most)

_WORD = re.compile(r"[A-Za-z]*w[A-Za-z]*")


def restore(text: str) -> str | None:
    """``text`` with the swapped letters put back, when it is a spoofed copy; else None."""
    head = text[:SAMPLE]
    e = head.count("e")
    if e < MIN_E or head.count("l") > MAX_L_PER_E * e or head.count("w") < MIN_W_PER_E * e:
        return None
    known = _vocabulary()
    return _WORD.sub(lambda m: _word(m.group(0), known), text)


def _word(word: str, known: frozenset[str]) -> str:
    low = word.lower()
    if low in known:
        return word  # ("wounded", "were")
    at = [i for i, c in enumerate(word) if c == "w"]
    if len(at) > MAX_SWAPS:
        return word
    for n in range(len(at), 0, -1):  # the most letters put back first: "kiwwed" is "killed", not "kilwed"
        for swap in itertools.combinations(at, n):
            chars = list(word)
            for i in swap:
                chars[i] = "l"
            if "".join(chars).lower() in known:
                return "".join(chars)
    return word


@functools.lru_cache(maxsize=1)
def _vocabulary() -> frozenset[str]:
    """The words warlog knows: every word of its data files (the lexicon, the layouts' labels, the
    actors' names, and the English of their comments), the months and the countries."""
    from .. import countries, dates

    words: set[str] = set(dates.MONTHS)
    for entry in resources.files("warlog.data").iterdir():
        if entry.name.endswith(".yaml"):
            words.update(w.lower() for w in re.findall(r"[A-Za-z]+", entry.read_text(encoding="utf-8")))
    words.update(w for name in countries.table_names() for w in re.findall(r"[a-z]+", name))
    return frozenset(words)
