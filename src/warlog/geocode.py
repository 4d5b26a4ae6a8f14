"""An event's places resolved to points: article coordinates first, then the gazetteer's layers,
with the article's own regions and cercles to break ties between namesakes."""
from __future__ import annotations

import re

from . import gazetteer
from .actors import fold
from .document import Document
from .records import Event, Location

# the words without "\b" before them: a pattern that begins with plain letters is skipped to in C over a
# long article; the boundary before is checked on each match (_admin_words)
_ADMIN_WORD = re.compile(r"(?:Region|Cercle|Province|Department|Prefecture)\b")
_WORD_CHAR = re.compile(r"\w")
_BEFORE = re.compile(r"(?:[A-Z][\w'’\-]+\s+){1,2}$")
_AFTER = re.compile(r"\s+of\s+[A-Z][\w'’\-]+")
RULE = "geocode.v1"


def context(doc: Document) -> frozenset[str]:
    """Folded names of the regions, cercles and provinces an article names ("Ténenkou Cercle")."""
    text, names = doc.text, set()
    for m in _admin_words(text):
        # "Ténenkou Cercle", "Cercle of Ténenkou": the name stands before the word or after "of"
        before = _BEFORE.search(text, max(0, m.start() - 40), m.start())
        if before:
            names.add(fold(text[before.start():m.end()]))
        after = _AFTER.match(text, m.end())
        if after:
            names.add(fold(text[m.start():after.end()]))
    place = doc.get("place")
    if place:
        names |= {fold(p.strip()) for p in re.split(r"[,\n]", place.text) if p.strip()}
    return frozenset(names)


def _admin_words(text: str):
    """Matches of "\b(?:Region|...)\b" in ``text``."""
    for m in _ADMIN_WORD.finditer(text):
        if m.start() == 0 or not _WORD_CHAR.match(text, m.start() - 1):
            yield m


def article_point(doc: Document) -> tuple[float, float] | None:
    """Coordinates the article gives for the event itself: the infobox's, else the page's title coordinates."""
    seg = doc.get("coordinates")
    if seg is not None:
        return gazetteer.parse_coordinates(seg.text)
    if doc.provenance.format == "rendered-page":
        return gazetteer.parse_coordinates(doc.text[:3000])
    return None


def resolve(ev: Event, doc: Document, gaz: gazetteer.Gazetteer, ctx: frozenset[str],
            point: tuple[float, float] | None = None) -> None:
    """Fill each location's point, admin names and precision in place."""
    for i, loc in enumerate(ev.locations):
        hit = gaz.resolve(loc.name, loc.country_code or ev.country_code, ctx)
        if i == 0 and point is not None:
            # the article's own coordinates for its event beat any gazetteer's point
            if hit:
                loc.name, loc.admin1, loc.admin2 = hit[0].name, loc.admin1 or hit[0].admin1, loc.admin2 or hit[0].admin2
            loc.lat, loc.lon, loc.precision = point[0], point[1], 1
            loc.geo_source = "article coordinates"
            continue
        if hit is None:
            # "Solhan, Yagha Province": the place is unknown, its province is not
            hit = _admin_hit(loc, ev, gaz)
            if hit is None:
                loc.precision = None  # unknown to every layer: stays text
                continue
            place, at, precision = hit
            loc.lat, loc.lon, loc.precision = at.lat, at.lon, precision
            loc.geo_source = f"point of {at.name}: {at.source}"
            continue
        place, at, precision = hit
        loc.name = place.name
        loc.lat, loc.lon, loc.precision = at.lat, at.lon, precision
        loc.admin1 = loc.admin1 or place.admin1 or (at.admin1 if at is not place else None)
        loc.admin2 = loc.admin2 or place.admin2
        loc.country_code = loc.country_code or place.country_code
        loc.geo_source = at.source if at is place else f"{place.source}; point of {at.name}: {at.source}"
    _dedupe(ev)


def _admin_hit(loc: Location, ev: Event, gaz):
    for admin in (loc.admin2, loc.admin1):
        if admin:
            hit = gaz.resolve(admin, loc.country_code or ev.country_code)
            if hit and hit[2] > 1:
                return hit
    return None


def _dedupe(ev: Event) -> None:
    seen, out = set(), []
    for loc in ev.locations:
        key = (loc.name, loc.lat, loc.lon)
        if key not in seen:
            seen.add(key)
            out.append(loc)
    ev.locations = out


def extra_places(doc: Document, verbs: re.Pattern, gaz: gazetteer.Gazetteer, country: str | None) -> list[Location]:
    """Places the lead puts the fighting in ("ambushed ... at the bridge in Parou") that the gazetteer knows."""
    if not doc.paragraphs:
        return []
    para = doc.paragraphs[0]
    text = para.text.text
    out = []
    for v in verbs.finditer(text):
        window = min(len(text), v.end() + 200)  # a clause, not the rest of a run-on lead
        clause_end = min((i for i in (text.find(",", v.end(), window), text.find(".", v.end(), window)) if i >= 0),
                         default=window)
        m = _IN_PLACE.search(text, v.end(), clause_end)
        hit = gaz.resolve(m.group("name"), country) if m else None
        if hit and hit[0].kind in gazetteer.SETTLEMENTS:
            s, e = para.text.source_span(m.start("name"), m.end("name"))
            out.append(Location(name=m.group("name"), text=doc.text[s:e], start=s, end=e, country_code=country))
    return out


_IN_PLACE = re.compile(r"\b(?:in|at|near)\s+(?:the\s+(?:villages?|towns?|city|commune)\s+of\s+)?"
                       r"(?P<name>[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+)*)")
