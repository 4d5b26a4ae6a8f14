"""Country names to ISO 3166-1 alpha-2 codes (pycountry, plus ``data/countries.yaml``)."""
from __future__ import annotations

import functools
import re
from importlib import resources

import yaml

from .actors import fold


@functools.lru_cache(maxsize=1)
def _table() -> dict[str, tuple[str, str]]:
    import pycountry

    table: dict[str, tuple[str, str]] = {}
    for c in pycountry.countries:
        short = getattr(c, "common_name", None) or c.name
        for name in {c.name, short, getattr(c, "official_name", c.name)}:
            table[fold(name)] = (short, c.alpha_2)
    extra = yaml.safe_load(resources.files("warlog.data").joinpath("countries.yaml").read_text(encoding="utf-8"))
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


def find_all(text: str):
    """Every country named in ``text``: (name, code, start, end), in order."""
    for m in _pattern().finditer(fold(text)):
        name, code = _table()[m.group(0)]
        yield name, code, m.start(), m.end()


@functools.lru_cache(maxsize=512)
def name_of(code: str) -> str | None:
    """The usual English name of a country given by its ISO alpha-2 code."""
    import pycountry

    hit = pycountry.countries.get(alpha_2=code.upper())
    if hit is None:  # Kosovo: a code of its own, no ISO entry
        return next((n for n, c in _extra().items() if c == code.upper()), None)
    short = getattr(hit, "common_name", None) or hit.name
    preferred = {n for n, (_, c) in _table().items() if c == hit.alpha_2}
    # countries.yaml's spelling where an article writes it so ("Russia", "Syria", not "Russian Federation")
    extra = [n for n, c in _extra().items() if c == hit.alpha_2 and fold(n) in preferred and "," not in n]
    return extra[0] if extra and len(extra[0]) < len(short) else short


@functools.lru_cache(maxsize=1)
def _extra() -> dict[str, str]:
    return yaml.safe_load(resources.files("warlog.data").joinpath("countries.yaml").read_text(encoding="utf-8"))
