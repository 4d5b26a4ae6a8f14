"""An event's places resolved to points: article coordinates first, then the gazetteer's layers,
with the article's own regions and cercles to break ties between namesakes."""
from __future__ import annotations

import functools
import re

from . import countries, gazetteer, place_words, world
from .actors import fold
from .document import Document
from .event_country import Verdict
from .infobox import TODAY_ITEM
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
    """Coordinates the article gives for the event itself: the infobox's (its coordinates line, or its
    place line when that holds them: "Location 24.78, 141.32"), else the page's title coordinates."""
    for field in ("coordinates", "place"):
        seg = doc.get(field)
        point = gazetteer.parse_coordinates(seg.text) if seg is not None else None
        if point is not None:
            return point
    if doc.provenance.format == "rendered-page":
        return gazetteer.parse_coordinates(doc.text[:3000])
    return None


def resolve(ev: Event, doc: Document, gaz: gazetteer.Gazetteer, ctx: frozenset[str],
            point: tuple[float, float] | None = None, verdict: Verdict | None = None) -> None:
    """Fill each location's point, admin names and precision in place, within the event's country:
    the article's own coordinates for its main place; else the place in the gazetteer's layers; else
    its written division's point; else the country alone, without a point."""
    verdict = verdict or Verdict()
    for i, loc in enumerate(ev.locations):
        code = loc.country_code or ev.country_code
        now = _NOW.match(doc.text, loc.end) if loc.text else None
        # "Dettingen (now Karlstein am Main)": today's name is the one today's gazetteers know
        hit = (gaz.resolve(now.group("name").strip(), code, ctx) if now else None) or gaz.resolve(loc.name, code, ctx)
        written = _written(loc, doc)
        if hit is not None and not _inside_written(loc, hit, gaz, code, written):
            hit = None  # "Faladié, Bamako": not the Faladié 60 km away in Koulikoro
        elif hit is not None and not written and _elsewhere(hit, gaz, code, ctx):
            hit = None  # a village of that name in a region the article never names, while it names others
        if i == 0 and point is not None:
            _at_article_point(loc, hit, point, code)
        elif hit is not None:
            _at_place(loc, hit)
        else:
            _at_division_or_country(loc, ev, gaz, code, verdict, written)
    _dedupe(ev)


_NOW = re.compile(r"\s*\((?:now|today|present[- ]day|modern(?:[- ]day)?|now\s+part\s+of)\s+(?P<name>[^(),;]{2,60})\)", re.I)


def _at_article_point(loc: Location, hit, point: tuple[float, float], code: str | None) -> None:
    """The article's own coordinates for its event beat any gazetteer's point; the admin names are the
    named place's when it lies near them, else those of the populated place nearest them."""
    if hit and hit[1].lat is not None and world.km(point, (hit[1].lat, hit[1].lon)) <= 50:
        place = hit[0]
        loc.name, loc.admin1, loc.admin2 = place.name, _admin1(place) or loc.admin1, _admin2(place) or loc.admin2
    else:
        near = world.nearest(point[0], point[1], 30, limit=1)
        if near and (code is None or near[0][1][1] == code):
            loc.admin1, loc.admin2 = near[0][1][2] or loc.admin1, near[0][1][3] or loc.admin2
    loc.lat, loc.lon, loc.precision = point[0], point[1], 1
    loc.geo_source = "article coordinates"


def _at_place(loc: Location, hit) -> None:
    place, at, precision = hit
    if place.layer != "world":
        loc.name = place.name  # the packaged gazetteer's name, checked by hand ("Nampalari" is Nampala)
    # a world-layer place keeps the name the article writes ("Ilovaisk", not GeoNames' "Ilovays'k"); its
    # GeoNames identifier is in geo_source
    loc.lat, loc.lon, loc.precision = at.lat, at.lon, precision
    loc.admin1 = _admin1(place) or loc.admin1 or (at.admin1 if at is not place else None)
    loc.admin2 = _admin2(place) or loc.admin2
    loc.country_code = loc.country_code or place.country_code
    loc.geo_source = at.source if at is place else f"{place.source}; point of {at.name}: {at.source}"


def _inside_written(loc: Location, hit, gaz, code: str | None, line: list[str] = ()) -> bool:
    """Whether a place found for a name lies in the division or town the article writes it in: by the
    division's name, else within reach of its point (a town 50 km, a district 150, a region 400). A
    writing no layer knows is no evidence against it; a region the place's own region is not is
    ("Dettingen, Bavaria" is not the Dettingen of Baden-Württemberg)."""
    place, at = hit[0], hit[1]
    for written in dict.fromkeys(filter(None, (loc.admin2, loc.admin1, *line))):
        near = place_words.near().match(written)
        written = written[near.end():] if near else written  # "Zama, near Carthage": Carthage's region
        key = world.admin_key(written)
        if any(a and world.admin_key(a) == key for a in (place.admin1, place.admin2, place.name)):
            return True
        if _other_region(place, written):
            return False  # "Frenchtown, Michigan Territory": a first-level division the place is not in
        # a town of that name first: "Faladié, Bamako" is in the city, not anywhere in its district
        towns = [p for p, _ in gaz.ranked(written, code) if p.kind in gazetteer.SETTLEMENTS and p.lat is not None]
        there = (towns[0], towns[0], 1) if towns else gaz.resolve(written, code)
        if there is None and near and code is not None and at.lat is not None:
            # "Zama, near Carthage" where Zama was taken for Japan's: no town of the name written near it
            anywhere = [p for p, _ in gaz.ranked(written, None) if p.kind in gazetteer.SETTLEMENTS and p.lat is not None]
            if anywhere and all(world.km((at.lat, at.lon), (p.lat, p.lon)) > NEAR_REACH_KM for p in anywhere):
                return False
        if there is None or there[1].lat is None or at.lat is None:
            continue
        if there[0].kind == "region" and place.admin1 and place is at:
            # the region as the layers name it ("Kyiv Oblast" is their "Kyivska oblast"): the place's own or not
            return world.admin_key(there[0].name) == world.admin_key(place.admin1)
        reach = 50 if there[0].kind in gazetteer.SETTLEMENTS else 150 if there[2] == 3 else 300
        reach = max(reach, NEAR_REACH_KM) if near else reach
        return world.km((at.lat, at.lon), (there[1].lat, there[1].lon)) <= reach
    return True


def _elsewhere(hit, gaz, code: str | None, ctx: frozenset[str]) -> bool:
    """Whether the one namesake the world layer has lies in a region other than all the article's:
    "Bamba, Mali" in an article on the Gao Region is not the Bamba of Sikasso (the layer has no other)."""
    place = hit[0]
    if place.layer != "world" or place.kind not in gazetteer.SETTLEMENTS or (place.population or 0) >= 100_000:
        return False
    own = {world.admin_key(a) for a in (place.admin1, place.admin2) if a}
    regions = set()
    for name in ctx:
        there = gaz.resolve(name, code)
        if there is not None and there[0].kind == "region" and there[0].country_code == place.country_code:
            regions.add(world.admin_key(there[0].name))
    return bool(regions) and not regions & own


def _admin1(place) -> str | None:
    return place.name if place.kind == "region" else place.admin1


def _admin2(place) -> str | None:
    return place.name if place.kind in ("cercle", "district", "province", "department") else place.admin2


def _at_division_or_country(loc: Location, ev: Event, gaz, code: str | None, verdict: Verdict,
                            written: list[str]) -> None:
    """A place no layer knows in the event's country: its written division's point ("Solhan, Yagha
    Province"), else the country alone (precision 6, no point), else nothing."""
    hit = _near_hit(loc, gaz, code) or _admin_hit(loc, ev, gaz, written)
    # "Buena Vista": towns of the name in several provinces, none of which the article names
    alike = bool(code) and bool(gaz.ranked(loc.name, code))
    if hit is not None:
        place, at, precision = hit
        loc.lat, loc.lon, loc.precision = at.lat, at.lon, precision
        loc.admin1 = _admin1(place) or loc.admin1
        loc.admin2 = _admin2(place) or loc.admin2
        why = "names towns in several provinces" if alike else "is unknown to every layer"
        loc.geo_source = f"point of {at.name}: {at.source} ({loc.name} {why})"
        return
    if code and code == verdict.code:
        loc.lat = loc.lon = None
        loc.precision = 6
        why = (f"names towns in several provinces of {code}, none the article names" if alike
               else f"is unknown in {code} to every layer")
        loc.geo_source = f"country only: {loc.name} {why}; {code} as {verdict.why}"
        return
    loc.precision = None  # unknown to every layer, in no known country: stays text


def _admin_hit(loc: Location, ev: Event, gaz, written: list[str] = ()):
    """The place's written division ("Solhan, Yagha Province": precision 3 or 4; "Sơn Mỹ, Sơn Tịnh
    District, Quảng Ngãi Province": the first the layers know), or the town it is written in
    ("Westgate, Westlands, Nairobi": within 25 km of it, precision 2)."""
    code = loc.country_code or ev.country_code
    admins = [*written, *(a for a in (loc.admin2, loc.admin1) if a and a not in written)]
    for i, admin in enumerate(admins):
        hit = gaz.resolve(admin, code)
        region = world.admin1_of(admin, code)
        if hit and region and hit[0].kind in gazetteer.SETTLEMENTS and _other_region(hit[0], admin):
            hit = None  # "Idaho" is the state, not Idaho Springs of Colorado (but "Hama" may be its capital)
        if hit is None and (region or world.admin_key(admin) != world.place_key(admin)):
            # "Quảng Ngãi Province" where the layers say "Quảng Ngãi": a division of that name, not its town
            divisions = [p for p, _ in gaz.ranked(world.admin_key(admin), code)
                         if p.kind not in gazetteer.SETTLEMENTS and p.lat is not None]
            hit = (divisions[0], divisions[0], divisions[0].precision) if divisions else None
        if hit and _outside_later(hit[0], admins[i + 1:], code):
            continue  # "Franklin County, Idaho": not Alabama's Franklin County
        if hit and hit[1].lat is not None:
            return hit[0], hit[1], max(hit[2], 2)
    return None


def _outside_later(place, later: list[str], code: str | None) -> bool:
    """Whether a division found lies outside a first-level division written after it."""
    return any(_other_region(place, w) for w in later)


def _other_region(place, written: str) -> bool:
    """Whether ``written`` names a first-level division of the place's country other than the place's
    own ("Frenchtown" of Indiana written in "Michigan Territory"); False when either is unknown."""
    theirs = world.admin1_of(written, place.country_code)
    own = world.admin1_of(place.admin1, place.country_code) if place.admin1 else frozenset()
    return bool(theirs) and bool(own) and not theirs & own


@functools.lru_cache(maxsize=64)
def _place_items(text: str) -> tuple[list[str], ...]:
    """The place line's items and their comma parts, cut once for all of its places."""
    return tuple([p.strip() for p in item.split(",") if p.strip()] for item in re.split(r"[\n;]|\s+and\s+", text))


def _written(loc: Location, doc: Document) -> list[str]:
    """The divisions the place line writes a place in, the nearest first ("Sơn Mỹ, Sơn Tịnh District,
    Quảng Ngãi Province, South Vietnam" -> the district, the province), countries left out."""
    seg = doc.get("place")
    if seg is None or loc.name not in seg.text:
        return []
    items = _place_items(seg.text)
    # "Bear River, Washington Territory / Present-day: Franklin County, Idaho": today's divisions, not the
    # historical ones (Washington Territory is no Washington of today)
    today = [p for parts in items if parts and TODAY_ITEM.match(parts[0])
             for p in [TODAY_ITEM.sub("", parts[0]), *parts[1:]]]
    for parts in items:
        if parts and loc.name in parts[0]:
            return [p for p in today or parts[1:] if p and not countries.lookup(re.sub(r"\([^()]*\)", "", p))]
    return []


NEAR_REACH_KM = 300  # "X, near Y": near as a battle's article means it, not a suburb (Zama lies 130 km from Carthage)


def _near_hit(loc: Location, gaz, code: str | None):
    """"Vicinity of Ménaka", "near Kidal", "Fambita mosque": within 25 km of the place named
    (precision 2)."""
    m = place_words.near().match(loc.name)
    f = place_words.facility().search(loc.name) if m is None else None
    hit = gaz.resolve(loc.name[m.end():], code) if m else gaz.resolve(loc.name[:f.start()], code) if f else None
    if hit and hit[1].lat is not None:
        return hit[0], hit[1], max(hit[2], 2)
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
