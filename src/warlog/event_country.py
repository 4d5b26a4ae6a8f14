"""An event's country, from the evidence its article gives, weighed: "country first, then place".

Evidence, strongest first: the infobox's place line when it names today's country ("(present-day
Belgium)"); coordinates the article gives (the country of the populated places nearest them); the
country the place line ends with (a historical state loses to coordinates: "Austerlitz, Moravia,
Austrian Empire" is in Czechia); the divisions the place line names ("Borno State"); the countries the
title and the lead put the event in ("in northern Mali"); the countries the event's places lie in;
the conflict it is part of ("Mali War", "Syrian civil war"); the home countries of the armed groups
that fought; last and least, the states that fought (a foreign war's states tell little: Iwo Jima is
not in the United States). The verdict names its evidence, which ``geo_source`` then carries.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from . import countries, place_words, world
from .actors import STATE_KINDS, Registry
from .document import Document
from .gazetteer import SETTLEMENTS, Gazetteer
from .records import Location

RULE = "event_country.v1"
_PRESENT = re.compile(r"\((?:in\s+)?(?:present[- ]day|modern[- ]day|today|now)\b[^()]*\)", re.I)
# "Waterloo, present-day Walloon Brabant in Belgium": the same without brackets
_PRESENT_BARE = re.compile(r"\b(?:present[- ]day|modern[- ]day)\b[^,;()\n]{0,120}", re.I)
_IN_COUNTRY = r"\b(?:in|near|of|across)\s+(?:the\s+)?(?:(?:north|south|east|west|central)(?:ern|-?(?:east|west)(?:ern)?)?\s+)?"


# "in southern County Tyrone, Northern Ireland", "north-east of Leipzig, Germany": a place, then its country
_IN_PLACE_OF = re.compile(r"\b(?:in|at|near|of)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,3}?[A-Z][\w'’.-]+,\s*$")
_DEMONYM_PLACE = re.compile(r"\s+(?:(?:border\s+)?(?:town|village|city|capital|region|province|state|district|"
                            r"governorate|oblast|island|port|commune|territory)s?)\s+(?:of|in)\b", re.I)


@dataclass
class Verdict:
    """The country decided, its score, and the evidence behind it (strongest first)."""

    name: str | None = None
    code: str | None = None
    score: int = 0
    evidence: list[str] = field(default_factory=list)

    @property
    def why(self) -> str:
        return "; ".join(self.evidence[:3]) if self.code else "no evidence of a country"


class _Tally:
    def __init__(self):
        self.score: dict[str, int] = defaultdict(int)
        self.why: dict[str, list[tuple[int, str]]] = defaultdict(list)

    def add(self, code: str | None, weight: int, why: str) -> None:
        if code:
            self.score[code] += weight
            self.why[code].append((weight, why))


def decide(doc: Document, locs: list[Location], sides: dict, reg: Registry, gaz: Gazetteer,
           point: tuple[float, float] | None, lead: str, title: str, part_of: str | None) -> Verdict:
    """The country the evidence of an article points to, or an empty verdict. Only when nothing
    else tells, the paragraphs after the lead are read as the lead is."""
    t = _Tally()
    _place_line(doc, t)
    _place_line_demonyms(doc, reg, t)
    _description(doc, t)
    if point is not None:
        _coordinates(point, t)
    looked_up: dict[str, list] = {}  # name -> its candidates: a name is looked up once an article
    _places(locs, gaz, t, looked_up)
    _lead_places(lead, gaz, t, looked_up)
    _lead_divisions(lead, gaz, t, looked_up)
    _text(title, lead, part_of, reg, t)
    _actors(sides, reg, t)
    if not t.score and (body := _body(doc)):
        _lead_places(body, gaz, t, looked_up, "the article")
        _lead_divisions(body, gaz, t, looked_up, "the article")
        _text("", body, None, reg, t, "the article")
    if not t.score:
        return Verdict()
    ranked = sorted(t.score.items(), key=lambda kv: (-kv[1], -max(w for w, _ in t.why[kv[0]])))
    code, score = ranked[0]
    if len(ranked) > 1 and ranked[1][1] == score:
        return Verdict()  # a tie: JNIM alone fights in three countries; no country rather than a guess
    hit = countries.name_of(code)
    evidence = [why for _, why in sorted(t.why[code], key=lambda x: -x[0])]
    return Verdict(hit or code, code, score, evidence)


def _place_line(doc: Document, t: _Tally) -> None:
    seg = doc.get("place")
    if not seg:
        return
    text = seg.text
    for m in [*_PRESENT.finditer(text), *_PRESENT_BARE.finditer(text)]:
        hit = countries.find(m.group(0))
        if hit:
            t.add(hit[1], 100, f"the place line says present-day {hit[0]}")
            return
    # several places, each with its country ("Rome, Italy and Vienna, Austria"): the first place's country
    # (not "Bosnia and Herzegovina", "Lebanon and northern Israel": no place of its own after the "and")
    for item in re.split(r"[\n;]|\s+and\s+(?=[^,;\n]+,)", re.sub(r"\([^()]*\)", "", text)):
        if _place_item(item, t):
            return


def _place_item(text: str, t: _Tally) -> bool:
    parts = [p.strip() for p in text.split(",") if p.strip()]
    hits = [countries.lookup(p) for p in parts]
    if len(parts) > 1 and all(hits):
        # "Croatia, Bosnia and Herzegovina": countries only, the first is where it was fought most
        t.add(hits[0][1], 40, f"the place line names {hits[0][0]} first")
        return True
    for hit in reversed(hits):
        if hit:
            # (a country first, then its parts: "Falkland Islands, South Georgia and surrounding sea")
            t.add(hit[1], 40, f"the place line names {hit[0]}")
            return True
    for p in reversed(parts[1:] if len(parts) > 1 else parts):
        hit = countries.find(p)  # "Waterloo, south of Brussels in Belgium"; "Southeastern Iraq"
        if hit:
            t.add(hit[1], 40, f"the place line names {hit[0]}")
            return True
    return False


# the paragraphs after the lead read for the country when nothing before them tells (characters, paragraphs)
BODY_REACH, BODY_PARAGRAPHS = 3000, 6


def _body(doc: Document) -> str:
    return "\n".join(p.text.text for p in doc.paragraphs[1:BODY_PARAGRAPHS])[:BODY_REACH]


def _placed(before: str) -> bool:
    """Whether the words before a country's name put an event in it: "in northern Mali", "in
    Kidal, Mali"."""
    return bool(re.search(_IN_COUNTRY + r"$", before, re.I) or _IN_PLACE_OF.search(before))


def _description(doc: Document, t: _Tally) -> None:
    """The article's short description, where it puts the event ("2014 massacre in Borno State, Nigeria"):
    the last country it places the event in."""
    seg = doc.get("description")
    text = seg.text if seg else ""
    for name, code, s, _e in reversed(list(countries.find_all(text))):
        if _placed(text[max(0, s - 40):s]):
            t.add(code, 30, f"the short description puts it in {name}")
            return


def _place_line_demonyms(doc: Document, reg: Registry, t: _Tally) -> None:
    """"Uri, Indian administered Kashmir": a nationality word in the place line."""
    seg = doc.get("place")
    for m in reg.find(seg.text) if seg else []:
        if m.by_demonym and m.actor.country:
            t.add(m.actor.country, 20, f"the place line says {seg.text[m.start:m.end]}")
            return


def _coordinates(point: tuple[float, float], t: _Tally) -> None:
    """The country of the populated places nearest the article's coordinates."""
    for radius, weight in ((30, 60), (150, 45), (600, 30)):
        near = world.nearest(point[0], point[1], radius, limit=5)
        if near:
            votes: dict[str, int] = defaultdict(int)
            for _, row in near:
                votes[row[1]] += 1
            cc = max(votes, key=lambda c: (votes[c], c == near[0][1][1]))
            t.add(cc, weight, f"the article's coordinates are {near[0][0]:.0f} km from {near[0][1][0]} ({cc})")
            return


def _places(locs: list[Location], gaz: Gazetteer, t: _Tally, looked_up: dict) -> None:
    """The countries the event's places and their written divisions lie in. A name known in one
    country only is good evidence; one with namesakes in many is little."""
    for loc in locs[:4]:
        own = _countries_of(gaz, loc.name, False, looked_up)
        for name, weight, divisions in ((loc.name, 12, False), (loc.admin2, 16, True), (loc.admin1, 16, True)):
            if divisions and name and (near := place_words.near().match(name)):
                name, divisions = name[near.end():], False  # "Togbao, near Sarh": Sarh is a town, not a division
                by_cc = _countries_of(gaz, name, False, looked_up)
            else:
                by_cc = _countries_of(gaz, name, divisions, looked_up) if divisions else own
            if not by_cc or len(by_cc) > 4:
                continue
            for cc, pop in by_cc.items():
                w = weight // len(by_cc) + (4 if pop >= 50_000 else 0)
                if divisions and own and cc not in own:
                    w //= 2  # "Austerlitz, Moravia": a Moravia where no Austerlitz lies is a namesake
                t.add(cc, w, f"{name} is a {'division' if divisions else 'place'} of {cc}")


def _countries_of(gaz: Gazetteer, name: str | None, divisions: bool, looked_up: dict) -> dict[str, int]:
    """Country -> the largest population of the places (or divisions) a name may denote there."""
    by_cc: dict[str, int] = {}
    if name and name not in looked_up:
        looked_up[name] = gaz.candidates(name)
    # a written division is a division: "Moravia" is no town of Moravia, Iowa
    for c in looked_up[name] if name else []:
        if c.country_code and (not divisions or c.kind not in SETTLEMENTS):
            by_cc[c.country_code] = max(by_cc.get(c.country_code, 0), c.population or 1)
    return by_cc


_NAME_BEFORE_OF = re.compile(r"(?-i:[A-Z])[\w'’\-]*\s+$")
# "the Empire of Japan", "Charles XII of Sweden": a name's part, not where it was
_NAME_OF = re.compile(r"(?-i:[A-Z])[\w'’\-]*\s+of\s+(?:the\s+)?$")
_LEAD_PLACE = re.compile(r"\b(?:in|at|near|of|from|outside|around)\s+(?P<name>[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+){0,2})")


def _lead_places(lead: str, gaz: Gazetteer, t: _Tally, looked_up: dict, where: str = "the lead") -> None:
    """Cities the lead names ("south-east of Brno"): a city of 50,000 people or more in one or two
    countries says a little."""
    seen = set()
    for m in _LEAD_PLACE.finditer(lead):
        if m.group(0)[:2] == "of" and _NAME_BEFORE_OF.search(lead, 0, m.start()):
            continue  # "the Irish War of Independence", "the Kingdom of Prussia": a name's part, no place
        by_cc = {cc: pop for cc, pop in _countries_of(gaz, m.group("name"), False, looked_up).items() if pop >= 50_000}
        if by_cc and len(by_cc) <= 2 and m.group("name") not in seen:
            seen.add(m.group("name"))
            for cc in by_cc:
                t.add(cc, 5, f"{where} names {m.group('name')}, a city of {cc}")


def _lead_divisions(lead: str, gaz: Gazetteer, t: _Tally, looked_up: dict, where: str = "the lead") -> None:
    """Divisions the lead names by their kind ("Borno State"): one known in one country places it there."""
    seen = set()
    for m in place_words.division().finditer(lead):
        name = m.group("name")
        by_cc = _countries_of(gaz, name, True, looked_up)
        if not by_cc and name.startswith("County "):
            by_cc = _countries_of(gaz, name[len("County "):], True, looked_up)  # GeoNames names it "Cork"
        if len(by_cc) == 1 and name not in seen:
            seen.add(name)
            cc = next(iter(by_cc))
            t.add(cc, 8, f"{where} names {name}, a division of {cc}")


# a country's name that names its forces or its state's people: "United States forces", "Russian troops"
_ACTOR_AFTER = re.compile(r"\s+(?:armed\s+)?(?:forces|troops|army|military|soldiers|marines|navy|air\s+force|personnel|"
                          r"authorities|officials|government|embassy|consulate)\b", re.I)


def _text(title: str, lead: str, part_of: str | None, reg: Registry, t: _Tally, lead_name: str = "the lead") -> None:
    """Countries the title and lead put the event in, and the conflict's country."""
    for text, weight, where in ((title, 20, "the title"), (lead, 15, lead_name)):
        seen = set()
        for name, code, s, e in countries.find_all(text):
            if code in seen or where == lead_name and _ACTOR_AFTER.match(text, e):
                continue  # ("committed by United States forces": who acted, not where)
            seen.add(code)
            before, after = text[max(0, s - 40):s], text[e:e + 8]
            # "near the Iraq–Syria border" puts it in neither
            placed = _placed(before) and not re.match(r"\s*(?:[–—-]|border)", after) and not _NAME_OF.search(before)
            t.add(code, weight if placed or where == "the title" else 4,
                  f"{where} puts it in {name}" if placed else f"{where} names {name}")
    best: dict[str, tuple[int, str]] = {}
    for m in reg.find(lead):
        if m.by_demonym and m.actor.country:
            # "the Syrian town of Al-Baghuz Fawqani" places it; "Malian soldiers" only hints
            placed = _DEMONYM_PLACE.match(lead, m.end)
            w = 15 if placed else 3
            if w > best.get(m.actor.country, (0, ""))[0]:
                best[m.actor.country] = (w, f"{lead_name} says {lead[m.start:m.end]}{placed.group(0) if placed else ''}")
    for code, (w, why) in best.items():
        t.add(code, w, why)
    if part_of:
        hit = countries.find(part_of)
        if hit:
            t.add(hit[1], 10, f"it is part of the {part_of}")
        else:
            for m in reg.find(part_of):
                if m.by_demonym and m.actor.country:
                    t.add(m.actor.country, 10, f"it is part of the {part_of}")
                    break


def _actors(sides: dict, reg: Registry, t: _Tally) -> None:
    """The countries the armed groups fight in (a group of one country says more than one of four);
    the states that fought (little: a foreign war's states are not where it was)."""
    seen = set()
    for side in sides.values():
        for a in side.actors:
            rec = reg.by_id.get(a.id) if a.id else None
            if rec is None or rec.id in seen:
                continue
            seen.add(rec.id)
            if rec.kind in STATE_KINDS and rec.country:
                t.add(rec.country, 3 if rec.kind == "state" else 1, f"{rec.name} fought")
            for cc in rec.fights_in:
                t.add(cc, max(2, 8 // len(rec.fights_in)), f"{rec.name} fights in {cc}")
