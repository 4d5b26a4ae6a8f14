"""Country names to ISO 3166-1 alpha-2 codes (pycountry, plus ``data/countries.yaml``)."""
from __future__ import annotations

import functools
import re


from .actors import fold


@functools.lru_cache(maxsize=1)
def _table() -> dict[str, tuple[str, str]]:
    import pycountry

    table: dict[str, tuple[str, str]] = {}
    for c in pycountry.countries:
        short = name_of(c.alpha_2)
        for name in {c.name, short, getattr(c, "common_name", c.name), getattr(c, "official_name", c.name)}:
            table[fold(name)] = (short, c.alpha_2)
    for name, code in {**_extra(), **_data()["territories"]}.items():
        table[fold(name)] = (name_of(code) or name, code)
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
    """The usual English name of a country given by its ISO alpha-2 code ("Russia", not "Russian
    Federation"; "Ukraine", never one of its regions)."""
    import pycountry

    code = code.upper()
    if code in _data()["preferred"]:
        return _data()["preferred"][code]
    hit = pycountry.countries.get(alpha_2=code)
    return (getattr(hit, "common_name", None) or hit.name) if hit else None


def _extra() -> dict[str, str]:
    """Other names of countries (data/countries.yaml): name -> code."""
    return _data()["names"]


@functools.lru_cache(maxsize=1)
def _data() -> dict:
    from .actors import packaged_yaml

    return packaged_yaml("countries.yaml")
