"""The word lists of ``data/places.yaml`` (what stands near a place, a building named by its place,
the kinds of divisions) as the patterns the geocoder and the event's country match with. Read once,
at first use."""
from __future__ import annotations

import functools
import re
from importlib import resources

from . import yamlfile


@functools.lru_cache(maxsize=1)
def words() -> dict[str, list[str]]:
    text = resources.files("warlog.data").joinpath("places.yaml").read_text(encoding="utf-8")
    return {k: [str(w) for w in v] for k, v in yamlfile.load(text).items()}


def _alt(key: str) -> str:
    return "|".join(words()[key])


@functools.lru_cache(maxsize=1)
def near() -> re.Pattern:
    """The words that open a place the event was by, not in: "near Kidal", "vicinity of Ménaka",
    "north-east of Brno"; the match ends where the place's name begins."""
    return re.compile(rf"^(?:(?:the\s+)?(?:{_alt('near_nouns')})\s+of|{_alt('near_prepositions')}|"
                      rf"(?:{_alt('compass_points')})(?:[- ]?(?:{_alt('compass_sides')}))?\s+of)\s+", re.I)


@functools.lru_cache(maxsize=1)
def facility() -> re.Pattern:
    """A building or camp at the end of a place's name ("Fambita mosque", "Bohama military camp"),
    its words before the place's name."""
    return re.compile(rf"\s+(?:(?:{_alt('facility_modifiers')})\s+)?(?:{_alt('facilities')})$", re.I)


@functools.lru_cache(maxsize=1)
def division() -> re.Pattern:
    """A division named by its kind ("Borno State", "County Cork"), group "name" (case kept: names
    are capitalised)."""
    name = r"[A-Z][\w'’\-]+"
    return re.compile(rf"\b(?P<name>{name}(?:\s+{name}){{0,2}}\s+(?:{_alt('division_kinds')})"
                      rf"|(?:{_alt('division_kinds_first')})\s+{name})\b")
