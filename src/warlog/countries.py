"""Country names to ISO 3166-1 alpha-2 codes (pycountry, plus ``data/countries.yaml``), and each country's
codes in the datasets: ISO numeric (ACLED), Gleditsch-Ward numbers and regions (GED, ACLED)."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources

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


def table_names() -> list[str]:
    """Every name a country goes by, folded (lower case, no accents)."""
    return list(_table())


@functools.lru_cache(maxsize=1)
def _pattern() -> re.Pattern:
    """Any country name, whole words, the longest first. Written as its first character, then the
    boundary before it looked for behind that character (``(?<!\\w.)``), then the rest of the names
    that begin with it (in the same order): a pattern that begins with a character lets the engine
    skip in C to where a name can begin, where one that begins with a look-behind tries all the
    names at every character (3.5 times slower over the corpus; the same matches)."""
    by_first: dict[str, list[str]] = {}
    for name in sorted(_table(), key=len, reverse=True):
        by_first.setdefault(name[0], []).append(name)
    # (a name after "new" is another place's: New Jersey, New Mexico, New Guinea)
    branches = [re.escape(first) + r"(?<!\w[\s\S])(?<!\bnew\s[\s\S])(?:" + "|".join(re.escape(n[1:]) for n in names) + ")"
                for first, names in by_first.items()]
    return re.compile("(?:" + "|".join(branches) + r")(?![\w])")


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


@dataclass(frozen=True)
class Codes:
    """One country in the code systems of the datasets (``data/country_codes.csv``)."""

    alpha2: str
    alpha3: str | None
    iso_numeric: int | None  # ACLED's ``iso``
    gwno: int | None  # Gleditsch-Ward number: GED's ``country_id``, ``gwnoa``, ``gwnob``
    ged_name: str | None
    acled_region: str | None

    @property
    def ged_region(self) -> str | None:
        """GED's region, by UCDP's ranges of Gleditsch-Ward numbers."""
        if self.gwno is None:
            return None
        for top, name in _GED_REGIONS:
            if self.gwno <= top:
                return name
        return None


_GED_REGIONS = ((199, "Americas"), (399, "Europe"), (626, "Africa"), (699, "Middle East"), (999, "Asia"))


@functools.lru_cache(maxsize=1)
def _codes() -> dict[str, Codes]:
    import csv

    import pycountry

    text = resources.files("warlog.data").joinpath("country_codes.csv").read_text(encoding="utf-8")
    rows = csv.DictReader(line for line in text.splitlines() if not line.startswith("#"))
    out = {}
    for r in rows:
        hit = pycountry.countries.get(alpha_2=r["iso2"])
        out[r["iso2"]] = Codes(r["iso2"], hit.alpha_3 if hit else None, _int(r["iso_numeric"]), _int(r["gwno"]),
                               r["ged_name"] or None, r["acled_region"] or None)
    return out


def _int(text: str) -> int | None:
    return int(text) if text.strip() else None


def codes(alpha2: str | None) -> Codes | None:
    """The dataset codes of a country given by its ISO alpha-2 code; None for an unknown code."""
    return _codes().get((alpha2 or "").upper())


def by_gwno(gwno: int) -> Codes | None:
    """The country of a Gleditsch-Ward number (the first, where the list gives one number twice)."""
    return next((c for c in _codes().values() if c.gwno == gwno), None)


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


def capital_of(name: str) -> str | None:
    """The country whose government a capital's name stands for when it speaks ("Baku", "Moscow")."""
    return _data().get("capitals", {}).get(name.strip())


def _extra() -> dict[str, str]:
    """Other names of countries (data/countries.yaml): name -> code."""
    return _data()["names"]


@functools.lru_cache(maxsize=1)
def _data() -> dict:
    from .actors import packaged_yaml

    return packaged_yaml("countries.yaml")
