"""The words warlog reads (``data/lexicon.yaml``), loaded once and compiled into patterns."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from . import yamlfile
from .errors import DataFileError

if TYPE_CHECKING:
    from .patterns import Patterns


def _alt(words, exact: bool = False) -> str:
    """A regex matching any of ``words`` (case-insensitive use), longest first, built as a trie:
    Python's engine tries alternatives one by one, and a trie keeps that to one branch per letter.
    ``exact``: the words as written (case and single spaces kept), else lower case with any white
    space between words."""
    trie: dict = {}
    for w in set(words) if exact else {w.lower() for w in words}:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_regex(trie, exact)


def _trie_regex(node: dict, exact: bool = False) -> str:
    ends = "" in node
    branches = []
    for ch in sorted(k for k in node if k):
        piece = r"\s+" if ch == " " and not exact else re.escape(ch)
        branches.append(piece + _trie_regex(node[ch], exact))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends:
        return "(?:" + body + ")?"
    return body


MEMO_LIMIT = 20_000


@dataclass(frozen=True)
class Lexicon:
    raw: dict
    number_words: dict[str, int]
    category_of: dict[str, str]  # any category word (lower case) -> category
    subject_kind: dict[str, str]  # subject head noun -> state | armed | pmc | civilians | unknown

    def category(self, word: str) -> str:
        """The category of a matched category word, whatever whitespace the text put in it
        ("unaccounted\u00a0for")."""
        return self.category_of[" ".join(word.lower().split())]

    @functools.cached_property
    def memo(self) -> dict:
        """Answers of pure functions of a short phrase and this lexicon (a subject's kind, the value of
        a number written in words), kept to be given again: the same phrases come back in every
        article ("soldiers", "two"). Cleared past MEMO_LIMIT entries."""
        return {}

    def remembered(self, kind: str, phrase: str, compute):
        """``compute(phrase)``, once per phrase and kind of answer (see ``memo``)."""
        memo, key = self.memo, (kind, phrase)
        answer = memo.get(key)
        if answer is None:
            if len(memo) > MEMO_LIMIT:
                memo.clear()
            answer = memo[key] = compute(phrase)
        return answer

    @functools.cached_property
    def patterns(self) -> "Patterns":
        from .patterns import Patterns

        return Patterns(self)


def _merge(base: dict, extra: dict) -> dict:
    out = dict(base)
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        elif isinstance(value, list) and isinstance(out.get(key), list):
            out[key] = out[key] + [v for v in value if v not in out[key]]
        else:
            out[key] = value
    return out


def _read_yaml(path_or_text, label: str) -> dict:
    try:
        data = yamlfile.load(path_or_text)
    except yamlfile.YAMLError as exc:
        raise DataFileError(f"not valid YAML: {exc}", path=label) from exc
    if not isinstance(data, dict):
        raise DataFileError("expected a mapping at the top level", path=label)
    return data


@functools.lru_cache(maxsize=8)
def load(extra: str | None = None) -> Lexicon:
    """The packaged lexicon, extended by the user's YAML file ``extra`` (same shape) if given."""
    text = resources.files("warlog.data").joinpath("lexicon.yaml").read_text(encoding="utf-8")
    raw = _read_yaml(text, "warlog/data/lexicon.yaml")
    if extra:
        raw = _merge(raw, _read_yaml(Path(extra).read_text(encoding="utf-8"), extra))
    nums = raw["numbers"]
    number_words = {**nums["units"], **nums["tens"]}
    category_of: dict[str, str] = {}
    for cat, forms in raw["categories"].items():
        for kind in ("verbs", "active", "nouns", "nominal"):
            for w in forms.get(kind) or []:
                category_of.setdefault(w.lower(), cat)
    subject_kind = {w.lower(): kind for kind, words in raw["subjects"].items() for w in words}
    return Lexicon(raw, number_words, category_of, subject_kind)
