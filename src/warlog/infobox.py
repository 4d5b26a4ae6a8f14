"""The infobox's own facts: title, part of, date, places, sides, commanders, strength, result and
the casualty figures of each column."""
from __future__ import annotations

import functools
import re

from . import countries, dates, forces, infobox_claims, sentences, sides
from .actors import ARMED_KINDS, BELLIGERENT_KINDS, STATE_KINDS, Mention, Registry
from .document import Document
from .lexicon import Lexicon
from .numbers import parse_strength, strength_figures
from .records import Actor, Claim, Location, Result, Side, Strength
from .resources import Resources
from .text import Segment, add_stripped

RULE = "infobox.v1"
_PAREN = re.compile(r"\s*\((?:[^()]*)\)")
_NOISE = re.compile(r"\s*(?:†|\(POW\)|\(WIA\)|\(KIA\)|\(MIA\)|\[\w+\])\s*", re.I)
# what flag images leave behind in copied infoboxes: "border|20px", "File:Flag of X.svg", "link="
_IMAGE_DEBRIS = re.compile(r"(?:\b(?:border|bordure)\s*\|?\s*)?\b\d{1,3}\s*px\b\s*|\b(?:File|Image|Fichier):[^|\n]*?\.(?:svg|png|jpe?g|gif)\b"
                           r"|\blink=\S*|^\s*(?:border|bordure|upright|thumb|alt=\S*)\s*$"
                           # a mirror's flag file before the actor's name: "Flag of Burkina Faso.svg Burkina Faso"
                           r"|(?<![\w'’-])Flag[ _]of[ _][^|\n.]{2,80}?\.(?:svg|png|jpe?g|gif)\b", re.I)
_SUPPORT = re.compile(r"^\s*+(?:supported by|support|in support|allies|allied)\s*+:?\s*+$", re.I)
_UNKNOWN = re.compile(r"^\s*(?:unknown|none|n/a|\?|-|–|—)\s*$", re.I)


def items(seg: Segment, split_commas: bool = True) -> list[tuple[int, int]]:
    """Item spans of a field value: one per line, and per top-level comma when asked."""
    out, text = [], seg.text
    pos = 0
    for line in text.split("\n"):
        if split_commas:
            depth, start = 0, 0
            for i, c in enumerate(line):
                depth += (c == "(") - (c == ")")
                if depth == 0 and c in ",;" and (i + 1 >= len(line) or line[i + 1] == " "):
                    add_stripped(out, text, pos + start, pos + i)
                    start = i + 1
            add_stripped(out, text, pos + start, pos + len(line))
        else:
            add_stripped(out, text, pos, pos + len(line))
        pos += len(line) + 1
    return out


def title(doc: Document) -> str:
    """The article's title: the page's own heading where the reader has it (``Document.titled``: "=
    2021 Zamfara school kidnapping =", where the infobox's Title row says "Zamfara kidnapping"); else
    the infobox's name of the conflict, which a copy keeps more surely than a guessed heading."""
    seg = doc.get("conflict")
    if doc.titled and doc.title.strip():
        return doc.title
    return seg.text.split("\n")[0].strip() if seg and seg.text.strip() else doc.title


def part_of(doc: Document) -> str | None:
    seg = doc.get("partof")
    if not seg or not seg.text.strip():
        return None
    return re.sub(r"^the\s+", "", seg.text.split("\n")[0].strip(), flags=re.I) or None


_DASHED = re.compile(r"^\s*(?:[–—-]|to|until)\s*$")


def date(doc: Document, lex: Lexicon) -> dates.DateSpan | None:
    """The infobox's date or range; "17 August 2024 – 19 August 2024" joins two full dates."""
    seg = doc.get("date")
    if seg is None:
        return None
    # the copy's machine dates "(2013-01-16)", times "21:16", "~09:30": blanked, the offsets kept
    text = _DATE_NOISE.sub(lambda m: " " * len(m.group(0)), seg.text)
    if lex.patterns.new_style.search(text):
        # "19 November 1700 (O.S.), 20 November 1700 (S.S.), 30 November 1700 (N.S.)": the Gregorian day
        text = lex.patterns.other_style.sub(lambda m: " " * len(m.group(0)), text)
    every = dates.find_all(text, any_year=True)
    found = [d for d in every if d.has_year]
    if len(found) == 1:
        # "May 31 June 12, 1864" (a copy lost the dash): a day before the dated one takes its year
        with_year = dates.find_all(text, int(found[0].start[:4]), any_year=True)
        if any(not d.has_year and d.pos < found[0].pos for d in with_year):
            found = with_year
    # a year the field names beside its days ("25 Nov 2001 – 1 Dec 2001" over a caption's "2001 uprising")
    found = [d for d in found if not any(e.start != d.start and e.start.startswith(d.start) for e in found)]
    if len(found) >= 2:
        # "16 January 2013 – 19 January 2013", "German phase: 5 – 20 July 1943, Soviet phase: 12 July –
        # 23 August 1943": from the first day to the last the field gives
        first, last = min(found, key=lambda d: d.start), max(found, key=lambda d: _end_key(d.end))
        precision = first.precision if all(d.precision == first.precision for d in found) else "day"
        return dates.DateSpan(first.start, last.end, precision, True, found[0].pos, found[-1].endpos)
    return found[0] if found else every[0] if every else None  # "17–18 March": the year comes from elsewhere




def ongoing(doc: Document, lex: Lexicon) -> bool:
    """A date row that runs to the present ("20 October 2024 – ongoing", "30 June 2024 – present"):
    the event has no last day yet."""
    seg = doc.get("date")
    return seg is not None and bool(lex.patterns.ongoing.search(seg.text))


_DATE_NOISE = re.compile(r"\(\s*\d{4}-\d{2}(?:-\d{2})?\s*\)|\d{1,2}:\d{2}|~|\((?:UTC|GMT|CET|EET)[^()]{0,20}\)")


def _end_key(iso: str) -> str:
    """An ISO end date compared at its latest: "1943-08" ends after "1943-08-23"."""
    return iso + {4: "-12-31", 7: "-31"}.get(len(iso), "")


_PLACE_NAMES = re.compile(r"(?:^|\s+and\s+|\s*&\s*)(?P<name>[^()&]+?)(?=\s+and\s+|\s*&|\s*\(|$)")
# words before a place's name: "near the village of X", "municipality of Ituango", "132–134 Ormeau Road",
# "Imperial city of Nördlingen", "the small town of X"
_NEAR = re.compile(r"^(?:\d+(?:\s*[\u2013-]\s*\d+)?\s+(?=[A-Z]))?(?:(?:near|outside|around|between|in|at)\s+)?(?:the\s+)?"
                   # (not "vicinity of", "outskirts of": a point near the place, geocode._near_hit)
                   r"(?:(?:[A-Za-z]+\s+)?(?:municipality|village|town|city|district|commune|hamlet|settlement|suburb|neighbou?rhood|"
                   # "Wilaya of Relizane", "Province of Buenos Aires": the division's own name
                   r"wilaya|province|governorate|prefecture)"
                   r"\s+of\s+(?:the\s+)?)?", re.I)


def places(doc: Document) -> tuple[list[Location], str | None]:
    """Locations of the place field ("Kwala, Koulikoro Region, Mali"; "Diafarabé and Koumara, Mali")
    and the country it names."""
    seg = doc.get("place")
    if not seg:
        return [], None
    locs, country = [], _present_day(seg.text)
    # "Present-day: Franklin County, Idaho" under "Bear River, Washington Territory": today's division
    today = [p.strip() for m in TODAY_ITEM.finditer(seg.text) for p in seg.text[m.end():].split("\n")[0].split(",")]
    today = [p for p in today if p and not countries.lookup(_PAREN.sub("", p))]
    for s, e in items(seg, split_commas=False):
        parts = [p.strip() for p in seg.text[s:e].split(",") if p.strip()]
        if not parts or _UNKNOWN.match(parts[0]) or len(parts[0]) > MAX_NAME:
            continue  # (a "place" of hundreds of characters is text, and its names' pattern would cost its square)
        if TODAY_ITEM.match(parts[0]):
            continue  # "Present-day: Franklin County, Idaho": where the place above lies today (geocode reads it)
        # the country is the last part that names one ("Mumbai, India, Leopold Café, ...")
        at = next((i for i in range(len(parts) - 1, 0, -1) if countries.lookup(_PAREN.sub("", parts[i]))), None)
        hit = countries.lookup(_PAREN.sub("", parts[at])) if at else None
        if hit:
            country = country or hit[0]
            parts = parts[:at]
        admin1 = today[-1] if today else parts[1] if len(parts) > 1 else None
        first = seg.text.index(parts[0], s)
        for m in _PLACE_NAMES.finditer(parts[0]):
            near = _NEAR.match(m.group("name"))
            name = m.group("name")[near.end():].strip()
            if not name or not name[0].isupper():
                continue
            ps, pe = seg.source_span(first + m.start("name") + near.end(), first + m.end("name"))
            locs.append(Location(name=name, text=doc.text[ps:pe], start=ps, end=pe, admin1=admin1,
                                 country_code=hit[1] if hit else None))
    return locs, country


_PRESENT = re.compile(r"\((?:in\s+)?(?:present[- ]day|modern[- ]day|today|now)\b[^()]*\)", re.I)
# an item of the place line that says where the place lies today: "Present-day: Franklin County, Idaho"
TODAY_ITEM = re.compile(r"^(?:present[- ]day|modern[- ]day|today|now)\s*:\s*", re.I | re.M)


def _present_day(text: str) -> str | None:
    """The country a place lies in today, where the field says so ("German Empire (present-day
    Poland)", "(today Bagrationovsk, Russia)"): a historical battle's country is today's."""
    for m in _PRESENT.finditer(text):
        hit = countries.find(m.group(0))
        if hit:
            return hit[0]
    return None


MAX_NAME = 300  # characters: a combatant cell's item longer than this is text, not a name (and costs time)


def _actor_names(seg: Segment, reg: Registry | None = None) -> list[tuple[str, int, int]]:
    out = []
    for s, e in items(seg):
        raw = seg.text[s:e]
        if len(raw) > MAX_NAME or _SUPPORT.match(raw):
            continue
        if (namely := _NAMELY.search(raw)) is not None:
            # "Islamist terrorists (namely Abu Sayyaf an' Jemaah Islamiyah)": the groups it names
            at, inner, pos = s + namely.start("who"), namely.group("who"), 0
            for sep in [*_NAMELY_SEP.finditer(inner), None]:
                end = sep.start() if sep else len(inner)
                part = inner[pos:end]
                if part.strip():
                    lead = len(part) - len(part.lstrip())
                    out.append((part.strip(), at + pos + lead, at + pos + lead + len(part.strip())))
                pos = sep.end() if sep else end
            continue
        name = _IMAGE_DEBRIS.sub(" ", _NOISE.sub(" ", _PAREN.sub("", raw))).strip(" :'\"|-–—*•")  # list marks too
        if reg is not None and ": " in name and (head := name.split(": ", 1)[0]) and reg.lookup(head) \
                and (off := raw.find(head)) >= 0:
            # "Russian Air Force: 22nd Guards Heavy Bomber Aviation Division": the force, then its unit
            out.append((head, s + off, s + off + len(head)))
            continue
        if reg is not None and "(" in raw:
            # "(since 2021)", "(FAPLA)" go; "Communist Party of India (Maoist)" is a name of its own
            whole = _IMAGE_DEBRIS.sub(" ", _NOISE.sub(" ", raw)).strip(" :'\"|-–—*•")
            hit = reg.explain(whole)
            if hit and hit[1].startswith("name or alias"):
                name = whole
        # text that names nobody ("Flag", a heading) goes before the sides are split, not after
        if name and re.search(r"\w{2}", name) and not _UNKNOWN.match(name) and not sides.is_label(name):
            out += _unglued(name, raw, s, e, reg)
    return out


_GLUED = re.compile(r"(?<=[a-z])(?=[A-Z][a-z])")
_NAMELY = re.compile(r"\((?:namely|i\.\s?e\.|that\s+is|specifically)\s+(?P<who>[^()]{3,200})\)", re.I)
# what parts the names of such a list: a comma, "and", "an'", "&"
_NAMELY_SEP = re.compile(r"\s*(?:,\s*(?:and\s+)?|&|\band\b|\ban')\s*", re.I)


def _unglued(name: str, raw: str, s: int, e: int, reg: Registry | None) -> list[tuple[str, int, int]]:
    """A copy that dropped the line break where a flag stood glues two names ("FinlandSoviet Union",
    "Nazi GermanyCondor Legion", "YemenHadi-led government"): cut after a whole name the registry knows."""
    off = raw.find(name)
    for m in _GLUED.finditer(name) if reg is not None and off >= 0 else ():
        hit = reg.explain(name[:m.start()])
        if hit and hit[1].startswith("name or alias"):
            cut = s + off + m.start()
            return [(name[:m.start()], s + off, cut)] + _unglued(name[m.start():], raw[cut - s:], cut, e, reg)
    return [(name, s, e)]


def build_sides(doc: Document, res: Resources) -> dict[str, Side]:
    """Sides A, B (, C ...) from the combatant columns; a rendered page's single list is split by alliance."""
    reg, lex = res.actors, res.lexicon
    out: dict[str, Side] = {}
    if doc.sided:
        for n in _columns(doc):
            seg = doc.get(f"combatant{n}")
            label = "ABCDE"[len(out)]
            out[label] = Side(actors=[_actor(doc, seg, x, reg) for x in _actor_names(seg, reg)] if seg is not None else [])
            for extra in "abcd":  # combatant1a, 1b...: further rows of the same column ("Supported by")
                more = doc.get(f"combatant{n}{extra}")
                if more is not None:
                    out[label].actors += [_actor(doc, more, x, reg) for x in _actor_names(more, reg)]
            out[label].actors = _distinct(out[label].actors)
            out[label].commanders = _commanders(doc.get(f"commander{n}"))
            out[label].strength = _strength(doc.get(f"strength{n}") or _numeric(doc.get(f"units{n}")), lex)
        if len(out) == 1 and not out["A"].actors:
            # one column, its names lost (a copy that kept a commander but no flag's name): the lead tells
            told = _told_sides(doc, reg, lex)
            if told.get("A"):
                told["A"].commanders = told["A"].commanders or out["A"].commanders
                return told
        return _fill_empty(out, doc, reg, lex) if out else _told_sides(doc, reg, lex)
    seg = doc.get("combatants")
    if seg is None:
        return _told_sides(doc, reg, lex, names_line=True)
    # a cell that glues both sides' names ("Niger Islamic State in the Greater Sahara") is split
    # first, so that each name finds its side
    found = [a for item in _actor_names(seg, reg) for a in sides.split(_actor(doc, seg, item, reg), reg, doc.text)]
    # the first names of the list may have stayed on the result's lines ("Coalition victory" / "Iraq
    # Iraq United States" / " United Kingdom": the copy opened the list at the flag of the third)
    if lost := _names_below_result(doc, reg, least=1):
        found = _distinct(lost + found)
    camps = _camp_split(found, reg) if 2 < len(found) <= MAX_FLATTENED else None
    for i, a in enumerate(found):
        label = camps[i] if camps else _side_for(a, out, reg)
        out.setdefault(label, Side()).actors.append(a)
    # one line per side, in the sides' order: the only case a flattened column can be split safely
    strengths = items(doc.get("strength"), split_commas=False) if doc.get("strength") else []
    if len(strengths) != len(out) and len(out) >= 2 and doc.get("strength"):
        # one figure of people per side in the sides' order, whatever the lines ("19,175 total / 43 guns /
        # 18,738 / 60 guns"; "Around 21,200 Russian troops Approximately 3,000 fighters")
        starts = strength_figures(doc.get("strength").text, lex)
        if len(starts) == len(out):
            strengths = list(zip(starts, starts[1:] + [len(doc.get("strength").text)]))
    for label, (s, e) in zip(out, strengths if len(strengths) == len(out) else []):
        out[label].strength = _strength_text(doc.get("strength").text[s:e], lex)
    leaders = items(doc.get("commanders"), split_commas=False) if doc.get("commanders") else []
    for label, (s, e) in zip(out, leaders if len(leaders) == len(out) else []):
        name = _NOISE.sub(" ", doc.get("commanders").text[s:e]).strip()
        if name and not _UNKNOWN.match(name):
            out[label].commanders = [name]
    return out


def _names_line(doc: Document, reg: Registry) -> dict[str, Side]:
    """A copy that lost the Belligerents heading leaves the names' line below the result ("LTTE
    victory" / "Liberation Tigers of Tamil Eelam Sri Lanka Sri Lanka"): a line the registry reads
    whole as two actors or more is the belligerents, in the columns' order."""
    found = _names_below_result(doc, reg)
    return {label: Side(actors=[a]) for label, a in zip("AB", found)} if len(found) >= 2 else {}


def _names_below_result(doc: Document, reg: Registry, least: int = 2) -> list[Actor]:
    """The actors of the first line below the result's own that the registry reads whole, as each
    actor's first mention ("Iraq Iraq United States": Iraq, the United States), if ``least`` or more."""
    seg = doc.get("result")
    if seg is None:
        return []
    for s, e in items(seg, split_commas=False)[1:3]:
        line = seg.text[s:e]
        found = [m for m in reg.find(line) if m.actor.kind in BELLIGERENT_KINDS and not m.by_demonym]
        covered = sum(m.end - m.start for m in found)
        first = list({m.actor.id: m for m in reversed(found)}.values())[::-1]  # each actor's first mention
        if len(first) >= least and covered >= 0.8 * len(line.replace(" ", "")) and len(line) <= MAX_NAME:
            return [sides.actor(m.actor.name, reg, doc.text[ss:se], ss, se)
                    for m in first for ss, se in [seg.source_span(s + m.start, s + m.end)]]
    return []


def _distinct(found: list) -> list:
    """One entry per actor: "Kenya" written twice (a flag, then a name) is one belligerent."""
    seen, out = set(), []
    for a in found:
        key = a.id or a.name.lower()
        if key not in seen:
            seen.add(key)
            out.append(a)
    return out


def massacre(doc: Document, lex: Lexicon) -> bool:
    """An article its own title calls a massacre or a bombing (the lexicon's massacre_titles), or an
    attack on a place of civilians ("Sahafi Hotel attacks", "Garissa University College attack"):
    the people it counts without saying whose are the civilians killed ("at least 173 people were
    executed"), whatever its infobox."""
    words = lex.remembered("massacre_titles", "", lambda _: re.compile(
        r"\b(?:" + "|".join(r"\s+".join(map(re.escape, w.split())) for w in lex.raw["massacre_titles"]) + r")\b", re.I))
    name = title(doc) or ""
    return bool(words.search(name) or _CIVILIAN_TARGET.search(name) and lex.patterns.event_noun.search(name))

CIVILIAN_ATTACK_FIELDS = {"perpetrator", "deaths", "injuries", "victims", "target", "type", "weapons", "motive"}


def on_civilians(doc: Document, out_sides: dict[str, Side]) -> bool:
    """An {{Infobox civilian attack}} on civilians: its fields (perpetrators, deaths, victims...), no
    combatant columns, no armed target; or an article of no infobox whose lead names an armed group's
    attack and no one it fought (UCDP GED's one-sided violence). Its people of no stated side are the
    civilians attacked."""
    armed_target = armed_target_only(doc)
    return (bool(CIVILIAN_ATTACK_FIELDS & doc.fields.keys()) and not any(k.startswith("combatant") for k in doc.fields)
            and not armed_target) or _one_sided(doc, out_sides)


def _one_sided(doc: Document, out_sides: dict[str, Side]) -> bool:
    doers = out_sides.get("A")
    others = [a for label, side in out_sides.items() if label != "A" for a in side.actors]
    return not any(k.startswith(("combatant", "casualt")) or k in CIVILIAN_ATTACK_FIELDS for k in doc.fields) \
        and doers is not None and bool(doers.actors) \
        and all(a.kind in ARMED_KINDS for a in doers.actors) and all(a.kind == "civilians" for a in others)


def _perpetrator_side(doc: Document, reg: Registry, lex: Lexicon) -> dict[str, Side]:
    """{{Infobox civilian attack}}: the perpetrators are side A; the victims are counted as civilians."""
    seg = doc.get("perpetrator")
    if seg is None:
        return {}
    out = {"A": Side(actors=_distinct([_actor(doc, seg, x, reg) for x in _actor_names(seg, reg)]))}
    if (numparts := doc.get("participants")) is not None:
        out["A"].strength = _strength_text(numparts.text, lex)  # "Around 120–130 Jewish militiamen"
    target, defenders = doc.get("target"), doc.get("defender")
    if defenders is not None:
        # "Defenders: Special Services Group, ...": those who fought the attackers are side B
        out["B"] = Side(actors=_distinct([_actor(doc, defenders, x, reg) for x in _actor_names(defenders, reg)]))
    elif target is not None and _ARMED_TARGET.search(target.text) and not _civilian_victims(doc):
        # "Target: Burkinabe army base": an armed target is side B (not "Stade de France")
        found = [m for m in reg.find(target.text) if m.actor.kind in BELLIGERENT_KINDS]
        if found:
            m = found[0]
            s, e = target.source_span(m.start, m.end)
            out["B"] = Side(actors=[sides.actor(m.actor.name, reg, doc.text[s:e], s, e)])
    if "B" not in out:
        # one-sided violence: the other side is the civilians attacked (UCDP GED's "Civilians")
        out["B"] = Side(actors=[Actor("Civilians", None, [], "civilians")])
    return out


def armed_target_only(doc: Document) -> bool:
    """The attack's target is armed people alone ("Target: Burkinabe army base"), and its victims are
    not said to be civilians ("Target: Shining Path militants (intended)" / "Victims: Civilians")."""
    target = doc.get("target")
    if target is None or _civilian_victims(doc) or not (armed := _ARMED_TARGET.search(target.text)):
        return False
    # "Russian military personnel stationed at Professional Technical School No. 19": the school is
    # where the armed people were, not who was attacked
    return not any(not _WHERE_BEFORE.search(target.text, armed.end(), m.start())
                   for m in _CIVILIAN_TARGET.finditer(target.text))


_WHERE_BEFORE = re.compile(r"\b(?:at|in|inside|near|within|of)\s+(?:the\s+|a\s+|an\s+)?(?:[\w'’.-]+\s+){0,4}$", re.I)


def _civilian_victims(doc: Document) -> bool:
    victims = doc.get("victims")
    return victims is not None and bool(_CIVILIAN_TARGET.search(victims.text))


_ARMED_TARGET = forces.whole("armed_target")
_CIVILIAN_TARGET = forces.whole("civilian_target")


# people of a state's forces among an attack's victims: "14 soldiers", "31 Israeli security personnel",
# "Ukrainian prisoners of war", "40 CRPF personnel", "Target: Military personnel"
_FORCE_VICTIMS = forces.whole("force_victims")
VICTIM_KEYS = ("target", "deaths", "injuries", "victims", "missing", "hostages")


def victim_state(doc: Document, out_sides: dict[str, Side], code: str | None, reg: Registry) -> None:
    """An attack on civilians whose victims include a state's forces ("14 soldiers", "Ukrainian
    prisoners of war") was also fought against that state: it is side B, named where the row says
    whose ("Israeli"), else the state of the event's country. In place."""
    b = out_sides.get("B")
    if b is None or [a.kind for a in b.actors] != ["civilians"]:
        return
    perpetrators = {a.id for a in out_sides.get("A", Side()).actors}
    for key in VICTIM_KEYS:
        seg = doc.get(key)
        m = _FORCE_VICTIMS.search(seg.text[:MAX_HINT]) if seg is not None else None
        if m is None or key == "target" and _CIVILIAN_TARGET.search(seg.text):
            continue  # "Target: Civilians (TAK claim: Security forces)"
        named = [x for x in reg.find(seg.text[max(0, m.start() - 40):m.start()]) if x.actor.kind in STATE_KINDS]
        rec = named[-1].actor if named else reg.state(code)
        if rec is None or rec.id in perpetrators:
            return
        if named:
            s0 = max(0, m.start() - 40)
            s, e = seg.source_span(s0 + named[-1].start, s0 + named[-1].end)
            b.actors = [sides.actor(rec.name, reg, doc.text[s:e], s, e)]
        else:
            b.actors = [Actor(rec.name, rec.id, [rec.name] + rec.aliases, rec.kind)]
        return


def _told_sides(doc: Document, reg: Registry, lex: Lexicon, names_line: bool = False) -> dict[str, Side]:
    """Sides where no column names them: a perpetrators' row; a rendered page's line of names; a
    massacre's doer in its lead (before the lead's states, which are its victims' country); the lead's
    states against its armed groups; a lead sentence opposing two parties."""
    told = _perpetrator_side(doc, reg, lex) or (names_line and _names_line(doc, reg))
    if told:
        return told
    doers = _doers(doc, reg, lex)  # (read once for the massacre's reading and the attack's)
    return (_massacre_sides(doc, doers, lex) or _doer_sides(doc, doers, reg) or _lead_sides(doc, reg)
            or _between_sides(doc, reg, lex))


def _doer_sides(doc: Document, doers: list[Actor], reg: Registry) -> dict[str, Side]:
    """An attack's article that names no sides but its lead's one armed doer ("during an al-Shabaab
    attack", "killed by Boko Haram"): the doer is side A, as an {{Infobox civilian attack}} puts its
    perpetrators first; the states the lead names beside it (or as doers after it: the guards who
    shot the attackers) are side B, else no one is."""
    if not doers or doers[0].kind not in ARMED_KINDS or any(a.kind not in STATE_KINDS for a in doers[1:]) \
            or _on_forces(doc):
        return {}  # (an attack on a state's forces: the state is side A, as in ``_lead_sides``)
    # (a state named doing something after it, "security guards shot the men dead", fought the doer: side B)
    states, _ = _lead_actors(doc, reg)
    return {"A": Side(actors=doers[:1]), "B": Side(actors=[a for a in states if a.id != doers[0].id])}


def _on_forces(doc: Document) -> bool:
    """Whether the lead's first paragraph speaks of a state's forces ("Malian troops were ambushed")."""
    lead = [p for p in doc.paragraphs if p.section == ""][:1]
    return bool(lead) and bool(_FORCE_VICTIMS.search(lead[0].text.text[:800]))


def _lead_sides(doc: Document, reg: Registry) -> dict[str, Side]:
    """Sides from the lead when no infobox names them: the states it names on side A, the armed
    groups on side B, as UCDP GED orders a state-based conflict ("Malian troops were ambushed by the
    Islamic State in the Greater Sahara")."""
    states, groups = _lead_actors(doc, reg, both=True)
    return {"A": Side(actors=states), "B": Side(actors=groups)} if states and groups else {}


def _between_sides(doc: Document, reg: Registry, lex: Lexicon) -> dict[str, Side]:
    """Sides from a lead sentence that says who fought whom, in its order: "fought ... between the
    Bolivian and Paraguayan armies", "between the Russian Armed Forces and the Ukrainian Armed
    Forces" (the first named side A, the second B); "X won the battle against Y", "pitted X against
    Y", "fought by forces from both X and Y against Z" (those before "against" side A, the first
    after it side B). Each name the registry knows (by name, or a nationality word before its
    forces); an aside between dashes or brackets is not read ("UN forces—primarily Australian and
    Canadian—and the Chinese")."""
    for para in [p for p in doc.paragraphs if p.section == ""][:LEAD_PARAGRAPHS]:
        text = _ASIDE.sub(lambda m: " " * len(m.group(0)), para.text.text[:800])
        for start, end in sentences.spans(text):
            out = _opposed(text, start, end, reg, lex)
            if out:
                return {label: Side(actors=[_lead_actor(doc, para, x, reg) for x in found])
                        for label, found in out.items()}
    return {}


def _opposed(text: str, start: int, end: int, reg: Registry, lex: Lexicon) -> dict[str, list]:
    """The two sides of one sentence: the names on either side of its "between X and Y" or its
    "X ... against Y" (matches of the registry, offsets in ``text``)."""
    m = lex.patterns.opposed_between.search(text, start, end)
    if m is not None:
        a = _belligerents(text, m.end(), end, reg)[:1]
        if a:
            joint = _AND.search(text, a[0].end, end)
            b = _belligerents(text, joint.end(), end, reg)[:1] if joint else []
            return _two(a, b)
    m = _AGAINST.search(text, start, end)
    if m is not None and lex.patterns.opposed_against.search(text, start, m.start()):
        return _two(_belligerents(text, start, m.start(), reg), _belligerents(text, m.end(), end, reg)[:1])
    return {}


def _two(a: list, b: list) -> dict[str, list]:
    """Sides A and B of an opposing sentence, when both name someone and B's first is none of A's."""
    ids = {x.actor.id for x in a}
    return {"A": a, "B": b} if a and b and b[0].actor.id not in ids else {}


def _belligerents(text: str, start: int, end: int, reg: Registry) -> list:
    """The warring parties named in ``text[start:end]``, each once, in their order."""
    found, seen = [], set()
    for x in reg.find(text[start:end]):
        if x.actor.kind in BELLIGERENT_KINDS and x.actor.id not in seen and text[start + x.end:start + x.end + 6] != "-based":
            seen.add(x.actor.id)
            found.append(Mention(x.actor, start + x.start, start + x.end, x.by_demonym))
    return found


def _lead_actor(doc: Document, para, x, reg: Registry) -> Actor:
    s, e = para.text.source_span(x.start, x.end)
    return sides.actor(x.actor.name, reg, doc.text[s:e], s, e)


_AND = re.compile(r"\s(?:and|&)\s")
_AGAINST = re.compile(r"\bagainst\b")
_ASIDE = re.compile(r"\s*[\u2014\u2013]\s*[^\u2014\u2013.]{1,80}?\s*[\u2014\u2013]\s*|\([^()]{0,120}\)")


def _massacre_sides(doc: Document, doers: list[Actor], lex: Lexicon) -> dict[str, Side]:
    """A massacre's article with no infobox: the one belligerent its lead names as the doer ("killed
    by Boko Haram", "Boko Haram militants attacked") is the perpetrator, side A; the people killed are
    the civilians, side B (UCDP GED's one-sided violence). A state named only as the place's country
    ("in the Kompienga Province of Burkina Faso") is no perpetrator."""
    # an {{Infobox civilian attack}} that lost its perpetrators' row is read as a massacre when its
    # doer is an armed group (a state's strike there may be on fighters too: "4 Hamas members")
    kinds = BELLIGERENT_KINDS if massacre(doc, lex) else ARMED_KINDS if CIVILIAN_ATTACK_FIELDS & doc.fields.keys() else None
    if kinds is None or len(doers) != 1 or doers[0].kind not in kinds:
        return {}
    return {"A": Side(actors=doers), "B": Side(actors=[Actor("Civilians", None, [], "civilians")])}


def _doers(doc: Document, reg: Registry, lex: Lexicon) -> list[Actor]:
    """The belligerents the first lead paragraph naming any names as doers ("killed by Boko Haram",
    "Boko Haram militants attacked", "an al-Shabaab attack")."""
    P = lex.patterns
    for para in [p for p in doc.paragraphs if p.section == ""][:LEAD_PARAGRAPHS]:
        text = para.text.text[:800]
        doers = {}
        for m in reg.find(text):
            if m.actor.kind in BELLIGERENT_KINDS and (P.doer_before.search(text, max(0, m.start - DOER_REACH), m.start)
                                                     or P.doer_after.match(text, m.end)):
                s, e = para.text.source_span(m.start, m.end)
                doers.setdefault(m.actor.id, sides.actor(m.actor.name, reg, doc.text[s:e], s, e))
        if doers:
            return list(doers.values())
    return []


DOER_REACH = 40  # characters before a name where the words that make it the doer stand


def _lead_actors(doc: Document, reg: Registry, both: bool = False) -> tuple[list, list]:
    """The states and the armed groups the first lead paragraph naming any (``both``: naming both)
    names: a copy may put a footnote or a caption line first."""
    for para in [p for p in doc.paragraphs if p.section == ""][:LEAD_PARAGRAPHS]:
        states, groups = [], []
        for m in reg.find(para.text.text[:600]):
            if para.text.text[m.end:m.end + 6] == "-based":  # "US-based Human Rights Watch"
                continue
            kind = m.actor.kind
            bucket = states if kind in STATE_KINDS else groups if kind in ARMED_KINDS else None
            if bucket is not None and all(a.id != m.actor.id for a in bucket):
                s, e = para.text.source_span(m.start, m.end)
                bucket.append(sides.actor(m.actor.name, reg, doc.text[s:e], s, e))
        if (states and groups) if both else (states or groups):
            return states, groups
    return [], []


LEAD_PARAGRAPHS = 3


_COLUMN_STEMS = ("combatant", "commander", "units", "strength", "casualties")


def _columns(doc: Document) -> list[int]:
    """The numbers of the infobox's columns: those with a row of who fought (a copy may keep a
    column's commanders and units and lose its combatant names, shown as flags). A column of losses
    alone is not a side: the template's "casualties3" counts civilians and others across both."""
    return [n for n in range(1, 6) if any(doc.get(f"{stem}{n}") is not None for stem in _COLUMN_STEMS[:-1])]


def _column_names(doc: Document, label: str, reg: Registry) -> list:
    """The actors a column's other rows name ("15 Kenya Rifles", "Wagner Group: 2+", "KDF soldiers")."""
    n = "ABCDE".index(label) + 1
    found = []
    for stem in _COLUMN_STEMS[1:]:
        seg = doc.get(f"{stem}{n}")
        if seg is not None:
            # a claimant's label ("37 killed (Mali claim)", "Per Ukraine:") names who counted, not whose column
            found += [m.actor for m in reg.find(_CLAIMANT_LABEL.sub(" ", seg.text[:MAX_HINT]))]
    return found


_CLAIMANT_LABEL = re.compile(r"\([^()]*\b(?:claims?|per|according|estimates?|reports?|reported|figures?|sources?)\b[^()]*\)"
                             r"|(?m:^\s*(?:per|according\s+to)\b.*$)|[^\n(]*\b(?:claims?|estimates?)\s*:", re.I)


def _leaning(named: list, lead: dict[str, Side], reg: Registry) -> str | None:
    """Which of the lead's sides ("A": its states, "B": its armed groups) a column's names belong to:
    one of them or an ally; else the kind they are of."""
    def near(bucket: str) -> bool:
        recs = [reg.by_id[a.id] for a in lead[bucket].actors if a.id in reg.by_id]
        return any(r.id == x.id or reg.allies(r, x) for r in recs for x in named)
    a, b = near("A"), near("B")
    if a != b:
        return "A" if a else "B"
    kinds = {x.kind for x in named}
    if bool(kinds & STATE_KINDS) != bool(kinds & ARMED_KINDS):
        return "A" if kinds & STATE_KINDS else "B"
    return None


MAX_HINT = 2000  # characters of a row read for the names it gives its column


def _fill_empty(out: dict[str, Side], doc: Document, reg: Registry, lex: Lexicon) -> dict[str, Side]:
    """A column whose names the copy lost (flag images only) takes the lead's actors of the kind the
    other column lacks: the states if the other side is armed groups, and the other way round. Where
    both lost them, the kinds their other rows name (units, commanders, losses) tell which column the
    lead's states fill; nothing told, the states are side A, as in ``_lead_sides``. A lead naming no
    state against an armed group may still oppose two parties in a sentence ("fought between X and
    Y", "X won the battle against Y"): they fill the columns in its order."""
    if not {"A", "B"} <= out.keys():
        return out
    empty = [label for label in ("A", "B") if not out[label].actors]
    if not empty:
        return out
    if len(empty) == 1:
        return _fill_one(out, empty[0], doc, reg)
    lead = _lead_sides(doc, reg)
    if lead:
        a, b = (_leaning(_column_names(doc, label, reg), lead, reg) for label in ("A", "B"))
        swap = (a == "B" or b == "A") and not (a == "A" or b == "B")
        out["A"].actors, out["B"].actors = (lead["B"].actors, lead["A"].actors) if swap else (lead["A"].actors, lead["B"].actors)
    elif told := _between_sides(doc, reg, lex):
        out["A"].actors, out["B"].actors = told["A"].actors, told["B"].actors
    return out


def _fill_one(out: dict[str, Side], empty: str, doc: Document, reg: Registry) -> dict[str, Side]:
    """The one column that lost its names takes the lead's actors of the kind the other lacks."""
    other = out["B" if empty == "A" else "A"]
    kinds = {reg.by_id[a.id].kind for a in other.actors if a.id in reg.by_id}
    states, groups = _lead_actors(doc, reg)
    pick = groups if kinds & STATE_KINDS else states if kinds & ARMED_KINDS else []
    taken = {a.id for side in out.values() for a in side.actors}
    out[empty].actors = [a for a in pick if a.id not in taken]
    return out


def _camp_split(found: list, reg: Registry) -> list[str] | None:
    """A flattened list of two columns' names, cut where the camps change: the cut that keeps allies
    and names of one camp together and sets enemies apart ("Libya, GNA, United States, United
    Kingdom, France, Italy | ISIL"; "Mali, France, MINUSMA, GATIA, Wagner | CMA, AQIM, Islamic
    State"). Camps: a state's (states, UN missions, mercenaries, militias allied with a listed
    state), jihadist groups, other armed groups. None when no one cut is best (states only)."""
    recs = [reg.by_id.get(a.id) if a.id else None for a in found]
    known = [r for r in recs if r is not None]
    camps = [_camp(r, known, reg) if r is not None else None for r in recs]
    if len({c for c in camps if c}) < 2:
        return None
    n = len(found)

    def affinity(i: int, j: int) -> int:
        a, b = recs[i], recs[j]
        if a is None or b is None or not camps[i] or not camps[j]:
            return 0
        if a.id == b.id or reg.allies(a, b):
            return 2
        if camps[i] == camps[j]:
            return 1
        return -1 if "state" in (camps[i], camps[j]) else 0

    pairs = [[affinity(i, j) for j in range(n)] for i in range(n)]
    scores = []
    for k in range(1, n):
        within = sum(pairs[i][j] for i in range(n) for j in range(i + 1, n) if (i < k) == (j < k))
        across = sum(pairs[i][j] for i in range(k) for j in range(k, n))
        scores.append((within - across, k))
    top = max(scores)[0]
    cuts = [k for sc, k in scores if sc == top]
    if any(recs[i] is not None for i in range(cuts[0], cuts[-1])):
        return None  # cuts as good as each other across a name we know: no telling
    cut = cuts[-1]  # names we do not know ("Special Forces") go with the name before them
    return ["A" if i < cut else "B" for i in range(n)]


MAX_FLATTENED = 60  # names in one flattened list: the cut is weighed pair by pair (a square of them)


def _camp(rec, known: list, reg: Registry) -> str | None:
    if rec.kind in STATE_KINDS | {"un_mission", "pmc"}:
        return "state"
    if rec.kind in ARMED_KINDS and sides.jihadist(rec, reg):
        return "jihadist"
    if rec.kind in ARMED_KINDS and any(o.kind in STATE_KINDS and reg.allies(rec, o) for o in known):
        return "state"  # GATIA, Ganda Iso beside Mali
    if rec.kind in ARMED_KINDS:
        return "armed"
    return None


def _side_for(a, out: dict[str, Side], reg: Registry) -> str:
    rec = reg.by_id.get(a.id) if a.id else None
    for label, side in out.items():
        for other in side.actors:
            orec = reg.by_id.get(other.id) if other.id else None
            if rec and orec and (reg.allies(rec, orec) or rec.id == orec.id):
                return label
    return "A" if not out else ("B" if "B" not in out else list(out)[-1])


def _actor(doc, seg, item, reg):
    name, s, e = item
    ss, se = seg.source_span(s, e)
    found = sides.actor(name, reg, doc.text[ss:se], ss, se)
    if found.id is None and len(name.split()) > LONG_NAME_WORDS:
        # "Indian Army soldiers of the Indian Peace Keeping Force": a phrase no one's name, around the
        # belligerent it names (the longest name of one, the most particular)
        # (not people a nationality word says where they came from: "Russian and Ukrainian volunteers")
        named = [m for m in reg.find(name) if m.actor.kind in BELLIGERENT_KINDS] \
            if not _FROM_A_NATION.search(name) else []
        if named:
            m = max(named, key=lambda m: m.end - m.start)
            ms, me = seg.source_span(s + m.start, s + m.end)
            return sides.actor(m.actor.name, reg, doc.text[ms:me], ms, me)
    return found


LONG_NAME_WORDS = 3  # a cell's item of more words that resolves to no one may hold a name that does
_FROM_A_NATION = re.compile(r"\b(?:volunteers|mercenaries|vigilantes|settlers|exiles|émigrés|emigres|"
                            r"sympathi[sz]ers|supporters|diaspora)\s*$", re.I)


def _commanders(seg: Segment | None) -> list[str]:
    if seg is None:
        return []
    return [n for n, _, _ in _actor_names(seg)]


def _numeric(seg: Segment | None) -> Segment | None:
    return seg if seg is not None and re.match(r"^\s*[~c.]*\s*\d[\d,]*\s*\+?\s*$", seg.text) else None


def _strength(seg: Segment | None, lex: Lexicon) -> Strength | None:
    return _strength_text(seg.text, lex) if seg is not None else None


def _strength_text(text: str, lex: Lexicon) -> Strength | None:
    low, high, qual = parse_strength(text, lex)
    return Strength(low, high, qual, text.strip())


def result(doc: Document, out_sides: dict[str, Side], reg: Registry, lex: Lexicon) -> Result:
    """The result text and its winner: the side a "X victory" names by actor, demonym or kind."""
    seg = doc.get("result")
    if seg is None or not seg.text.strip():
        return Result(None, _lead_winner(doc, out_sides, reg, lex))
    text = seg.text.split("\n")[0].strip()
    low = _SEE.sub("", text).lower()  # "French victory (see Aftermath)" points to a section, no draw
    if any(w in low for w in lex.raw["results"]["draw"]) or _SPLIT_VERDICT.search(low):
        return Result(text, None)
    sv = sides.view(out_sides, reg)
    if "A" in out_sides and (lex.patterns.result_success.search(low) or (ran := lex.patterns.result_success_named.match(text))):
        # the side that ran the operation: the one the words name ("Successful LTTE commando raid"), else
        # its infobox's first column
        named = [label for m in reg.find(ran.group("words")) if (label := sv.of_actor(m.actor, reg))] \
            if not lex.patterns.result_success.search(low) else []
        return Result(text, named[0] if named else "A")
    if "victor" not in low and "win" not in low:  # ("victory", "victories")
        return Result(text, _winner_by_deed(seg.text, out_sides, sv, reg, lex))
    if _split_by_phase(seg.text, out_sides, sv, reg, lex):
        return Result(text, None)  # "1st battle: Russian victory ... 2nd battle: Ukrainian victory"
    # "JNIM victory", "Victory for JNIM", "Decisive Malian victory": the winner is named somewhere
    head = re.sub(r"\b(?:decisive|pyrrhic|tactical|strategic|major|minor|victory|victories|win|for|of|by|the)\b", " ", text,
                  flags=re.I)
    if (anti := _ANTI.search(text)) and (label := _against(anti.group("who"), out_sides, sv, reg)):
        return Result(text, label)
    if (pro := _PRO.search(text)) and (label := _for(pro.group("who") or pro.group("who2"), out_sides, sv, reg)):
        return Result(text, label)  # "Decisive pro-Gaddafi victory", "Kiir-loyalist victory"
    for mention in reg.find(head):
        # "Decisive victory for the British East India Company": a company of the empire on side A
        parent = reg.by_id.get(mention.actor.parent or "")
        label = sv.of_actor(mention.actor, reg) or (parent and sv.of_actor(parent, reg))
        if label:
            return Result(text, label)
    for mention in reg.find(head):
        label = _absent_winner(mention.actor, doc, seg, out_sides, sv, reg)
        if label:
            return Result(text, label)
    if label := _side_of_kind_word(head, sv, lex):
        return Result(text, label)
    for label, side in out_sides.items():
        if any(a.name.lower() in head.lower() for a in side.actors if a.id is None):
            return Result(text, label)
    label = _winner_by_words(head, out_sides)
    return Result(text, label)


_ANTI = re.compile(r"\b[Aa]nti-\s*(?P<who>[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,3})")


_PRO = re.compile(r"\b[Pp]ro-\s*(?P<who>[A-Z][\w'’.]+(?:\s+[A-Z][\w'’.]+){0,2})|(?P<who2>[A-Z][\w'’.]+)-loyalist")


def _for(words: str | None, out_sides: dict[str, Side], sv, reg: Registry) -> str | None:
    """"Pro-Gaddafi victory", "Kiir-loyalist victory": the one side whose actors or commanders the
    words name."""
    named = _naming(words or "", out_sides, sv, reg)
    return next(iter(named)) if len(named) == 1 else None


def _naming(words: str, out_sides: dict[str, Side], sv, reg: Registry) -> set[str]:
    """The sides whose actors or commanders ``words`` name."""
    named = {label for m in reg.find(words) if (label := sv.of_actor(m.actor, reg))}
    return named | {label for label, side in out_sides.items()
                    if any(w.lower() in c.lower().split() for c in side.commanders for w in words.split())}


def _against(words: str, out_sides: dict[str, Side], sv, reg: Registry) -> str | None:
    """"Anti-Gaddafi victory", "Anti-Taliban victory": the other of two sides than the one whose
    actors or commanders the words name."""
    named = _naming(words, out_sides, sv, reg)
    others = [label for label in ("A", "B") if label in out_sides and label not in named]
    return others[0] if len(named) == 1 and len(others) == 1 and {"A", "B"} <= out_sides.keys() else None


def _split_by_phase(text: str, out_sides: dict[str, Side], sv, reg: Registry, lex: Lexicon) -> bool:
    """A result whose victories name different sides, phase by phase ("First phase: Russian victory /
    Second phase: Ukrainian victory"): no one side won the whole."""
    won = {_side_named(m.group("who"), out_sides, sv, reg, lex) for m in _VICTORY_OF.finditer(text)}
    return len(won - {None}) > 1


_VICTORY_OF = re.compile(r"(?P<who>(?:[A-Z][\w'’-]*[\s/-]*){1,3})\s+(?:(?:tactical|strategic|decisive|major|pyrrhic)\s+)?victory\b")
# "Persian tactical victory; Greek strategic victory": each side won something, no one the battle
_SPLIT_VERDICT = re.compile(r"tactical\s+victory.*\bstrategic\s+victory|strategic\s+victory.*\btactical\s+victory")


# the lead's word on who won, where the copy lost the Result row (lexicon results, patterns.lead_victory);
# "The Ethiopian army defeated an invading Italian force"
_LEAD_DEFEAT = re.compile(r"(?P<who>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,3})(?:\s+(?:army|forces|troops))?\s+(?:decisively\s+|soundly\s+)?"
                          r"(?:defeated|routed|crushed)\s+(?:the\s+|an?\s+)?(?:invading\s+)?(?P<lost>[A-Z][\w'’-]+)")


def _lead_winner(doc: Document, out_sides: dict[str, Side], reg: Registry, lex: Lexicon) -> str | None:
    """The winner the lead names where there is no Result row: one side only, else none."""
    if len([label for label in ("A", "B") if label in out_sides and out_sides[label].actors]) < 2:
        return None
    sv = sides.view(out_sides, reg)
    for para in [p for p in doc.paragraphs if p.section == ""][:LEAD_PARAGRAPHS]:
        text = para.text.text[:1500]
        for m in lex.patterns.lead_victory.finditer(text):
            if label := _side_named(m.group("who") or m.group("who2"), out_sides, sv, reg, lex):
                return label
        for m in lex.patterns.lead_defeat_of.finditer(text):
            lost = _side_named(m.group("lost"), out_sides, sv, reg, lex)
            if lost in ("A", "B"):
                return "B" if lost == "A" else "A"  # "a decisive defeat of the Byzantine army"
        for m in _LEAD_DEFEAT.finditer(text):
            if not _names_event(text, m, doc):
                continue  # "rebels defeated Malian forces in Kidal" in a battle of Tabankort: another fight
            won, lost = (_side_named(m.group(g), out_sides, sv, reg, lex) for g in ("who", "lost"))
            if won and won != lost:
                return won
    return None


def _names_event(text: str, m: re.Match, doc: Document) -> bool:
    """Whether the sentence of a match speaks of the article's own event: it names the battle ("the
    battle", "at Adwa") or the title's place."""
    start = max(text.rfind(". ", 0, m.start()) + 1, 0)
    end = text.find(". ", m.end())
    sentence = text[start:end if end >= 0 else len(text)]
    place = re.sub(r"^(?:\d{4}\s+)?(?:(?:first|second|third)\s+)?(?:battle|siege|attack|raid|ambush)\s+(?:of|on|at)\s+", "",
                   title(doc), flags=re.I).split("(")[0].strip()
    return bool(re.search(r"\b(?:battle|this|the\s+fight)\b", sentence, re.I)) or bool(place) and place.lower() in sentence.lower()


_SEE = re.compile(r"\(\s*see\b[^()]*\)", re.I)


def _absent_winner(rec, doc: Document, seg: Segment, out_sides: dict[str, Side], sv, reg: Registry) -> str | None:
    """A victor the columns do not list ("German victory" where the German column lost its names to
    flag images): the one column left empty, which takes its name; else the only side of its kind
    (a state's victory where one side alone is states)."""
    empty = [label for label in ("A", "B") if label in out_sides and not out_sides[label].actors]
    if len(empty) == 1 and {"A", "B"} <= out_sides.keys() and all(out_sides[label].actors for label in ("A", "B") if label != empty[0]):
        found = next((m for m in reg.find(seg.text) if m.actor.id == rec.id), None)
        s, e = seg.source_span(found.start, found.end) if found else (None, None)
        out_sides[empty[0]].actors = [sides.actor(rec.name, reg, doc.text[s:e] if found else None, s, e)]
        return empty[0]
    kinds = STATE_KINDS if rec.kind in STATE_KINDS else ARMED_KINDS if rec.kind in ARMED_KINDS else None
    if kinds is None:
        return None
    of_kind = [label for label in sv.labels if any(r.kind in kinds for r in sv.records[label])]
    return of_kind[0] if len(of_kind) == 1 else None


def _winner_by_deed(text: str, out_sides: dict[str, Side], sv, reg: Registry, lex: Lexicon) -> str | None:
    """The winner of a result that tells what happened instead of naming a victory: the first clause
    that says who took the place, or who left it (the other of two sides won; lexicon results.deeds)."""
    P = lex.patterns
    clauses = [c.strip() for c in re.split(r"[\n;]|,\s+|\.\s+", text)]
    for n, clause in enumerate(clauses[:4]):
        m = P.taken.search(clause)  # the passive first: "Mansila captured by JNIM"
        who = (m.group("who") or m.group("who2") or m.group("who3") or m.group("who4")) if m else None
        if who is None and (m := P.took.match(clause)):
            who = m.group("who")
        if who and re.search(r"\bbut\b", clause, re.I):
            return None  # "KLA forces capture the outpost but are unable to advance further": mixed
        if who:
            won = _side_named(who, out_sides, sv, reg, lex)
            # "government retakes Palma, rebels maintain control over its surroundings": mixed
            kept = {_side_named(k.group("who"), out_sides, sv, reg, lex) for c in clauses[n + 1:] if (k := P.kept.match(c))}
            return won if not kept - {won, None} else None
        m = P.left.match(clause)
        if m:
            loser = _side_named(m.group("who") or m.group("who2"), out_sides, sv, reg, lex)
            others = [label for label in sv.labels if label != loser]
            return others[0] if loser and len(sv.labels) == 2 else None
    return None


def _side_named(words: str, out_sides: dict[str, Side], sv, reg: Registry, lex: Lexicon) -> str | None:
    """The side a few words name: an actor or an ally of one, a stem of one's names, or a word for
    a kind of side ("rebels", "government forces")."""
    for mention in reg.find(words):
        label = sv.of_actor(mention.actor, reg)
        if label:
            return label
    return _winner_by_words(words, out_sides) or _side_of_kind_word(words, sv, lex)


def _side_of_kind_word(words: str, sv, lex: Lexicon) -> str | None:
    """"Jihadist victory", "Government victory": the one side with actors of that kind; "Coalition
    victory" where both sides have states: the one side of several states."""
    for word, kind in lex.raw["results"]["kinds"].items():
        if re.search(rf"\b{word}", words, re.I):
            kinds = ARMED_KINDS if kind == "armed" else STATE_KINDS
            having = [lab for lab in sv.labels if any(r.kind in kinds for r in sv.records[lab])]
            if len(having) > 1 and word in _COALITION_WORDS:
                having = [lab for lab in having if sum(r.kind in kinds for r in sv.records[lab]) >= 2]
            if having:
                return having[0]
    return None


_COALITION_WORDS = {"coalition", "allied", "allies"}


_WINNER_WORD = re.compile(r"[A-Z][\w'’.]*")
_NAME_SKIP = {"of", "the", "and", "for", "de", "la", "al", "el"}


def _winner_by_words(head: str, out_sides: dict[str, Side]) -> str | None:
    """"Carthaginian victory", "English victory", "LTTE victory", "MNDAA victory": a capitalised word
    of the result that shares its stem with one side's actor names (Carthage, Kingdom of England),
    or is their initials (Liberation Tigers of Tamil Eelam). Only a word that points at one side."""
    found = set()
    for w in _WINNER_WORD.findall(head):
        for label, side in out_sides.items():
            if side.belligerent and any(_names_actor(w, name) for a in side.actors for name in [a.name, *a.aliases]):
                found.add(label)
    return found.pop() if len(found) == 1 else None


def _names_actor(word: str, name: str) -> bool:
    words = [x for x in re.findall(r"[\w'’]+", name) if x.lower() not in _NAME_SKIP]
    initials = "".join(x[0] for x in words).upper()
    if word.isupper() and len(word) >= 3:
        return word == initials or word in name.split()
    w = word.lower().rstrip("'’")
    return any(_shares_stem(w, x.lower()) for x in words)


def _shares_stem(a: str, b: str) -> bool:
    """"carthaginian"/"carthage", "english"/"england", "iraqi"/"iraq": a common beginning of at least
    four letters and more than half the shorter word."""
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n >= 4 and n >= 0.55 * min(len(a), len(b))


def casualty_claims(doc: Document, out_sides: dict[str, Side], res: Resources) -> list[Claim]:
    """Claims of the casualty rows: column n is side n; a rendered page's rows are assigned by rule."""
    reg = res.actors
    sv = sides.view(out_sides, reg, on_civilians(doc, out_sides) or massacre(doc, res.lexicon))
    claims: list[Claim] = []
    if doc.sided:
        labels = list(out_sides) or ["A", "B"]
        # {{Infobox military operation}} has one "casualties" row of no column: read as a full-width row
        keys = [f"casualties{n}" for n in range(1, 6)] if any(doc.get(f"casualties{n}") for n in range(1, 6)) \
            else ["", "", "", "", "casualties"]
        for n, key in enumerate(keys, 1):
            seg = doc.get(key) if key else None
            if seg is None:
                continue
            default = labels[n - 1] if n <= len(labels) else None
            if key == "casualties" and "B" in sv.labels and armed_target_only(doc):
                default = "B"  # an operation's casualties at an armed target: the target's people
            for rf in infobox_claims.row_figures(doc, seg, res, sv):
                side = _column_side(rf, default, sv, reg)
                claims.append(infobox_claims.to_claim(doc, seg, rf, side, seg.source_span(rf.line[0], rf.line[0] + 1)[0]))
        return claims + _victim_claims(doc, sv, res) + _result_claims(doc, sv, res)
    seg = doc.get("casualties")
    if seg is None:
        return claims + _victim_claims(doc, sv, res)
    rows = infobox_claims.row_figures(doc, seg, res, sv, column=False)
    lines: dict[tuple[int, int], list] = {}
    for rf in rows:
        lines.setdefault(rf.line, []).append(rf)
    # the line just before each row, read within a few characters (a block of thousands of rows: linear)
    first, before = _nothing()
    spans = [seg.source_span(s, e) for s, e in lines]
    # a row after a cell that said nothing ("None 11 killed"), or that the copy printed on the same line
    # as the row before it (a table's row flattened), is the next column's
    next_column = [first.match(seg.text, start) is not None
                   or before.search(seg.text, max(0, start - 40), start) is not None
                   or n > 0 and "\n" not in doc.text[spans[n - 1][1]:spans[n][0]]
                   for n, (start, _end) in enumerate(lines)]
    # "Total: 4 killed" on a row of its own below a column's rows sums them and closes the column
    # (or under a "Total casualties:" heading on the line above)
    closing = [_TOTAL_ROW.match(seg.text, start) is not None or all(rf.total for rf in rfs)
               for (start, _end), rfs in lines.items()]
    # "12 killed" / "8 injured" / "Unknown": the next column said nothing, the rows are all the first's
    last_end = max(end for _start, end in lines) if lines else 0
    said_nothing = bool(_EMPTY_AFTER.match(seg.text, last_end)) and \
        seg.text[last_end:].lstrip(" \t\n").split("\n")[0].strip(" .").lower() in _empty_words()
    for (start, _end), label in zip(lines, _assign_rows(list(lines.values()), sv, reg, next_column, closing,
                                                          last_is_next=not said_nothing)):
        for rf in lines[(start, _end)]:
            side = infobox_claims.side_of(rf, "unknown" if rf.everyone else label, sv, reg)
            if side == "unknown" and rf.party == "unknown" and not rf.everyone:
                side = label  # "Brigade 2506:", a body of no side we know: its place in the list tells
            claims.append(infobox_claims.to_claim(doc, seg, rf, side, seg.source_span(start, start + 1)[0]))
    return claims


# the fields of {{Infobox civilian attack}} that count victims, and what a bare figure there means
# ("Victims" says it in its own words: "176 hostages", "50+ civilians killed")
VICTIM_FIELDS = {"deaths": "killed", "injuries": "wounded", "missing": "missing", "hostages": "captured",
                 "victims": None}


def _victim_claims(doc: Document, sv, res: Resources) -> list[Claim]:
    """Rows of {{Infobox civilian attack}}: "Deaths 160+ (local sources)" counts the victims: the
    side the words name, else the armed target, else civilians."""
    claims = []
    # the victims: an armed target's people where the target is armed alone, else civilians
    victims = "B" if "B" in sv.labels and armed_target_only(doc) else "civilians"
    for key, category in VICTIM_FIELDS.items():
        seg = doc.get(key)
        if seg is None:
            continue
        rows = infobox_claims.row_figures(doc, seg, res, sv, category)
        parts = {infobox_claims.side_of(rf, victims, sv, res.actors) for rf in rows if not rf.total}
        for rf in rows:
            # "Fatalities: Total: 44" below the victims' rows is the victims' total; below rows of several
            # sides' people (soldiers, a perpetrator), or broken down into them, it is everyone's
            everyone = rf.everyone or rf.total and len(parts - {victims}) > 0
            side = infobox_claims.side_of(rf, "unknown" if everyone else victims, sv, res.actors)
            claims.append(infobox_claims.to_claim(doc, seg, rf, side, seg.source_span(rf.line[0], rf.line[0] + 1)[0]))
    return claims


def _result_claims(doc: Document, sv, res: Resources) -> list[Claim]:
    """Figures the result row states in words of its own ("Over 93 Malian soldiers are summarily
    executed", "21 killed"): whoever the words name, else no side."""
    seg = doc.get("result")
    if seg is None:
        return []
    claims = []
    for rf in infobox_claims.row_figures(doc, seg, res, sv, category=None, bare=False):
        fig = rf.fig
        side = "civilians" if fig.subject_kind == "civilians" else (
            sides.side_of_subject(fig.subject, fig.subject_kind, sv, res.actors) if fig.subject else None) or "unknown"
        claims.append(infobox_claims.to_claim(doc, seg, rf, side, seg.source_span(rf.line[0], rf.line[0] + 1)[0]))
    return claims


def _column_side(rf, default: str | None, sv, reg) -> str:
    """A figure in column n counts side n's people, unless its words name civilians or another
    side's actor; the full-width row below the columns (no side of its own) is whoever the words
    name, else civilians."""
    fig = rf.fig
    captive = fig.subject and _captive(fig.subject)
    if (fig.subject_kind == "civilians" and not captive) or rf.party == "civilians":
        return "civilians"  # (hostages in a column are the column's people taken: "2 hostages")
    named = None
    if fig.subject:
        named = next((sv.of_actor(m.actor, reg) for m in reg.find(fig.subject) if sv.of_actor(m.actor, reg)
                      and not sides.nationals(m, fig.subject_kind)), None)
    if default is None:
        if rf.total and not named and not rf.party:
            return "unknown"  # "35 killed overall" below both columns: everyone's
        return named or rf.party or sides.side_of_subject(fig.subject, fig.subject_kind, sv, reg) or (
            "unknown" if fig.subject_kind in ("unknown", "armed", "state") or not (fig.subject or sv.victims_are_civilians) else "civilians")
    # a column's label naming a belligerent of no side ("Kenya:" where Kenya is not listed) is the column's
    return named or (rf.party if rf.party != "unknown" else None) or default


_EMPTY_AFTER = re.compile(r"[ \t]*\n")


@functools.lru_cache(maxsize=1)
def _empty_words() -> frozenset[str]:
    from .readers.rendered_data import load

    return frozenset(w.lower() for w in load().empty_cells)


@functools.lru_cache(maxsize=1)
def _nothing() -> tuple[re.Pattern, re.Pattern]:
    """"None 11 killed": the first column's cell said no losses (the words of data/rendered.yaml's
    empty cells, "no losses", a dash); the figures after it are the next column's. Patterns of a cell
    opening a row, and of one on the line above it."""
    from .readers.rendered_data import load

    words = sorted((w for w in load().empty_cells if w[0].isalpha()), key=len, reverse=True)
    nothing = "(?:" + "|".join(r"\s+".join(map(re.escape, w.split())) for w in words) + r"|no\s+losses|[—–-])"
    return (re.compile(rf"\s*{nothing}\s+(?=[~≈c.]*\s*\d)", re.I),
            re.compile(rf"(?:^|\n)[ \t]*{nothing}[ \t]*(?:\[\d+\])*[ \t]*\n[ \t]*$", re.I))


_CAPTIVES = re.compile(rf"\b(?:{forces.alt('captives')})$", re.I)


def _captive(subject: str) -> bool:
    return bool(_CAPTIVES.search(subject.strip()))


_TOTAL_ROW = re.compile(r"[ \t]*total\s*:?\s*(?=[~≈c.]*\s*\d)", re.I)


def _counts_of_the_enemy(rfs: list, label: str, used: set, sv, reg) -> bool:
    """"36 killed / 190 wounded / US body count: 647 killed": a side's own claimant heading, after the
    column's rows of no claimant, counts the other side's people (a side gives its own losses unlabelled
    and labels its count of the enemy's)."""
    if not any(not key[0] for key in used):
        return False
    sides_of = {sv.of_actor(reg.by_id[src.actor], reg) for rf in rfs if rf.att_from == "heading" and rf.att
                for src in rf.att.sources if src.actor in reg.by_id}
    return sides_of == {label}


def _about(total: int | None, figure: int | None) -> bool:
    """A figure that is the sum ``total``, give or take the slips of an article's arithmetic."""
    return total is not None and figure is not None and abs(total - figure) <= figure // 50


def _heading_again(rfs: list, claimed: dict[str, int]) -> bool:
    """A claimant's heading again over rows of a column that had its own ("Per Ukraine:" / "104
    soldiers captured" / "Per Ukraine:" / "81+ killed"): the next column's rows, the copy having
    repeated the heading for each column."""
    return any(rf.claimed_at is not None and claimed.get(_claimant_of(rf), rf.claimed_at) != rf.claimed_at for rf in rfs)


def _claimant_of(rf) -> str:
    """Who a row's claimant is, by the registry's id where it knows them ("Armenian claim:" and "Per
    Armenia:" are one claimant)."""
    return "; ".join(sorted(src.actor or src.name.lower() for src in rf.att.sources)) if rf.att else ""


def _casualties_again(rfs, used: set, sums: dict) -> bool:
    """"843 killed" / "3,656 wounded" / "1,982 killed or wounded": a count of the dead and the wounded
    together, after the column gave each, that does not sum them is the next column's."""
    whole = sum(v or 0 for v in sums.values())
    for rf in rfs:
        key = rf.claimant_key
        if rf.fig.category == "casualties" and {(key, "killed"), (key, "wounded")} <= used \
                and not (rf.total or rf.headed_at is not None or rf.party) \
                and not _about((sums.get("killed") or 0) + (sums.get("wounded") or 0), rf.fig.qty.low) \
                and not _about(whole, rf.fig.qty.low):
            return True  # (not a total of the column: "Total: 4,564" over killed, wounded and missing)
    return False


def _assign_rows(lines: list[list], sv, reg, next_column: list[bool] | None = None,
                 closing: list[bool] | None = None, last_is_next: bool = True) -> list[str]:
    """Side of each flattened casualty row: rows that name their people say so; otherwise a claimant
    repeating a category it already gave for this side starts the next side's column, and so does
    a row whose first cell said the first side lost none ("None 11 killed") or that shares the line
    of the row before (``next_column``)."""
    # a column that lost its names (flag images) still has its rows: two sides at least
    labels = sv.labels + [lab for lab in ("A", "B") if lab not in sv.labels][:max(0, 2 - len(sv.labels))]
    cur, used, out, closed = 0, {lab: set() for lab in labels}, [], False
    claimed: dict[str, dict[str, int]] = {lab: {} for lab in labels}  # claimant -> where its heading stood
    sums: dict[str, int] = {}  # the current column's figures so far, by category
    last_part = None
    for n, rfs in enumerate(lines):
        part = next((rf.part_at for rf in rfs if rf.part_at is not None), None)
        if part is not None and part != last_part:
            # "Operation Yoram:", "July 16:": a part of the same counts under the same claimant, whose
            # categories may come again without starting the next column
            keys_of = {rf.claimant_key for rf in rfs}
            used[labels[cur]] = {k for k in used[labels[cur]] if k[0] not in keys_of}
        last_part = part if part is not None else last_part
        # (within a few: "Total: 432 killed" over 361 and 73, the article's own arithmetic)
        sums_up = n > 0 and all(_about(sums.get(rf.fig.category), rf.fig.qty.low) for rf in rfs)
        if closed and sums_up and not (next_column and next_column[n]):
            out.append(labels[cur])  # "Total: 432 killed" / "33 missing" / "1,771 wounded": the total goes on
            continue
        if (next_column and next_column[n] or closed) and cur + 1 < len(labels):
            cur, sums = cur + 1, {}
        closed = False
        if closing and closing[n] and sums_up:
            out.append(labels[cur])  # the column's total (the sum of its rows above), which closes it
            closed = True
            continue
        named = {sides.side_named(rf.fig.subject, rf.fig.subject_kind, sv, reg) for rf in rfs if rf.fig.subject}
        named |= {rf.party for rf in rfs if rf.party and rf.party != "unknown"}
        named.discard(None)
        named.discard("civilians")
        keys = {(rf.claimant_key, rf.fig.category) for rf in rfs}
        if len(named) == 1:
            label = named.pop()
            cur = labels.index(label) if label in labels else cur
            if any(rf.party and rf.party != "unknown" and rf.headed_at is None for rf in rfs):
                # "South Vietnam 73 killed" / "18 missing" under "United States 361 killed" / "15 missing":
                # a party's name opening the row opens a group of the column, whose unattributed categories
                # start afresh
                # (a claimant repeating a category still starts the next column)
                used[label] = {k for k in used[label] if k[0]}
        else:
            if (keys & used[labels[cur]] or _heading_again(rfs, claimed[labels[cur]])
                    or _casualties_again(rfs, used[labels[cur]], sums)) and cur + 1 < len(labels):
                cur += 1
            elif cur + 1 < len(labels) and _counts_of_the_enemy(rfs, labels[cur], used[labels[cur]], sv, reg):
                cur += 1
            label = labels[cur]
        used[label] |= keys
        claimed[label].update({_claimant_of(rf): rf.claimed_at for rf in rfs if rf.claimed_at is not None})
        if label != labels[cur]:
            sums = {}
        for rf in rfs:
            sums[rf.fig.category] = sums.get(rf.fig.category, 0) + (rf.fig.qty.low or 0)
        out.append(label)
    if len(lines) > 1 and len(set(out)) == 1 and len(labels) > 1 and last_is_next:
        out[-1] = labels[1]
    return out
