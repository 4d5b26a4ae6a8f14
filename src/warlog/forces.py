"""The word lists of ``data/forces.yaml`` (a state's forces, armed groups, captives, targets) as the
patterns the side, actor and infobox rules match with. Read once, at first use."""
from __future__ import annotations

import functools
import re
from importlib import resources

from . import yamlfile


@functools.lru_cache(maxsize=1)
def words() -> dict[str, list[str]]:
    text = resources.files("warlog.data").joinpath("forces.yaml").read_text(encoding="utf-8")
    return {k: [str(w) for w in v] for k, v in yamlfile.load(text).items()}


def alt(key: str) -> str:
    """The list's words as one alternation, in the file's order."""
    return "|".join(words()[key])


def whole(key: str) -> re.Pattern:
    """Any of the list's words, as a whole word, any case."""
    return re.compile(rf"\b(?:{alt(key)})\b", re.I)
