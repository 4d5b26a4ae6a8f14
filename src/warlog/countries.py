"""Country names to ISO 3166-1 alpha-2 codes (pycountry, plus ``data/countries.yaml``)."""
from __future__ import annotations

import functools
import re
from importlib import resources

from . import yamlfile
from .actors import fold


@functools.lru_cache(maxsize=1)
def _table() -> dict[str, tuple[str, str]]:
    import pycountry

    table: dict[str, tuple[str, str]] = {}
    for c in pycountry.countries:
        short = getattr(c, "common_name", None) or c.name
        for name in {c.name, short, getattr(c, "official_name", c.name)}:
            table[fold(name)] = (short, c.alpha_2)
    extra = yamlfile.load(resources.files("warlog.data").joinpath("countries.yaml").read_text(encoding="utf-8"))
    for name, code in extra.items():
        table[fold(name)] = (name, code)
    return table


@functools.lru_cache(maxsize=1)
def _pattern() -> re.Pattern:
    names = sorted(_table(), key=len, reverse=True)
    return re.compile(r"(?<![\w])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w])")


def lookup(name: str) -> tuple[str, str] | None:
    """(name, code) for a whole country name, or None."""
    return _table().get(fold(name.strip().strip(".,")))


def code_of(text: str) -> str | None:
    """The ISO 3166-1 alpha-2 code of a country given by its name, alpha-2 or alpha-3 code, or None."""
    import pycountry

    given = text.strip()
    if given.isalpha() and len(given) in (2, 3):
        field = "alpha_2" if len(given) == 2 else "alpha_3"
        hit = pycountry.countries.get(**{field: given.upper()})
        if hit:
            return hit.alpha_2
    named = lookup(given)
    return named[1] if named else None


def find(text: str) -> tuple[str, str, int, int] | None:
    """The first country named in ``text``: (name, code, start, end)."""
    m = _pattern().search(fold(text))
    if not m:
        return None
    name, code = _table()[m.group(0)]
    return name, code, m.start(), m.end()
