"""The infobox's own facts: title, part of, date, places, sides, commanders, strength, result and
the casualty figures of each column."""
from __future__ import annotations

import re

from . import countries, dates, infobox_claims, sides
from .actors import ARMED_KINDS, BELLIGERENT_KINDS, STATE_KINDS, Registry
from .document import Document
from .lexicon import Lexicon
from .numbers import parse_strength
from .records import Actor, Claim, Location, Result, Side, Strength
from .resources import Resources
from .text import Segment, add_stripped

RULE = "infobox.v1"
_PAREN = re.compile(r"\s*\((?:[^()]*)\)")
_NOISE = re.compile(r"\s*(?:†|\(POW\)|\(WIA\)|\(KIA\)|\(MIA\)|\[\w+\])\s*", re.I)
# what flag images leave behind in copied infoboxes: "border|20px", "File:Flag of X.svg", "link="
_IMAGE_DEBRIS = re.compile(r"(?:\b(?:border|bordure)\s*\|?\s*)?\b\d{1,3}\s*px\b\s*|\b(?:File|Image|Fichier):[^|\n]*?\.(?:svg|png|jpe?g|gif)\b"
                           r"|\blink=\S*|^\s*(?:border|bordure|upright|thumb|alt=\S*)\s*$", re.I)
_SUPPORT = re.compile(r"^\s*(?:supported by|support|in support|allies|allied)\s*:?\s*$", re.I)
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
    seg = doc.get("conflict")
    return seg.text.split("\n")[0].strip() if seg and seg.text.strip() else doc.title


def part_of(doc: Document) -> str | None:
    seg = doc.get("partof")
    if not seg or not seg.text.strip():
        return None
    return re.sub(r"^the\s+", "", seg.text.split("\n")[0].strip(), flags=re.I) or None


_DASHED = re.compile(r"^\s*(?:[–—-]|to|until)\s*$")


def date(doc: Document) -> dates.DateSpan | None:
    """The infobox's date or range; "17 August 2024 – 19 August 2024" joins two full dates."""
    seg = doc.get("date")
    if seg is None:
        return None
    found = dates.find_all(seg.text, any_year=True)
    if len(found) >= 2 and _DASHED.match(seg.text[found[0].endpos:found[1].pos]):
        a, b = found[0], found[1]
        return dates.DateSpan(a.start, b.end, a.precision if a.precision == b.precision else "day",
                              True, a.pos, b.endpos)
    return found[0] if found else None


_PLACE_NAMES = re.compile(r"(?:^|\s+and\s+|\s*&\s*)(?P<name>[^()&]+?)(?=\s+and\s+|\s*&|\s*\(|$)")
_NEAR = re.compile(r"^(?:near|outside|around|between|in|at)\s+(?:the\s+)?", re.I)


def places(doc: Document) -> tuple[list[Location], str | None]:
    """Locations of the place field ("Kwala, Koulikoro Region, Mali"; "Diafarabé and Koumara, Mali")
    and the country it names."""
    seg = doc.get("place")
    if not seg:
        return [], None
    locs, country = [], _present_day(seg.text)
    for s, e in items(seg, split_commas=False):
        parts = [p.strip() for p in seg.text[s:e].split(",") if p.strip()]
        if not parts or _UNKNOWN.match(parts[0]):
            continue
        # the country is the last part that names one ("Mumbai, India, Leopold Café, ...")
        at = next((i for i in range(len(parts) - 1, 0, -1) if countries.lookup(_PAREN.sub("", parts[i]))), None)
        hit = countries.lookup(_PAREN.sub("", parts[at])) if at else None
        if hit:
            country = country or hit[0]
            parts = parts[:at]
        admin1 = parts[1] if len(parts) > 1 else None
        first = seg.text.index(parts[0], s)
        for m in _PLACE_NAMES.finditer(parts[0]):
            name = _NEAR.sub("", m.group("name")).strip()
            if not name or not name[0].isupper():
                continue
            ps, pe = seg.source_span(first + m.start("name"), first + m.end("name"))
            locs.append(Location(name=name, text=doc.text[ps:pe], start=ps, end=pe, admin1=admin1,
                                 country_code=hit[1] if hit else None))
    return locs, country


_PRESENT = re.compile(r"\((?:in\s+)?(?:present[- ]day|modern[- ]day|today|now)\b[^()]*\)", re.I)


def _present_day(text: str) -> str | None:
    """The country a place lies in today, where the field says so ("German Empire (present-day
    Poland)", "(today Bagrationovsk, Russia)"): a historical battle's country is today's."""
    for m in _PRESENT.finditer(text):
        hit = countries.find(m.group(0))
        if hit:
            return hit[0]
    return None


def _actor_names(seg: Segment) -> list[tuple[str, int, int]]:
    out = []
    for s, e in items(seg):
        raw = seg.text[s:e]
        if _SUPPORT.match(raw):
            continue
        name = _IMAGE_DEBRIS.sub(" ", _NOISE.sub(" ", _PAREN.sub("", raw))).strip(" :'\"|-–—")
        if name and re.search(r"\w{2}", name) and not _UNKNOWN.match(name):
            out.append((name, s, e))
    return out


def build_sides(doc: Document, res: Resources) -> dict[str, Side]:
    """Sides A, B (, C ...) from the combatant columns; a rendered page's single list is split by alliance."""
    reg, lex = res.actors, res.lexicon
    out: dict[str, Side] = {}
    if doc.sided:
        for n in range(1, 6):
            seg = doc.get(f"combatant{n}")
            if seg is None:
                continue
            label = "ABCDE"[len(out)]
            out[label] = Side(actors=[_actor(doc, seg, x, reg) for x in _actor_names(seg)])
            for extra in "abcd":  # combatant1a, 1b...: further rows of the same column ("Supported by")
                more = doc.get(f"combatant{n}{extra}")
                if more is not None:
                    out[label].actors += [_actor(doc, more, x, reg) for x in _actor_names(more)]
            out[label].actors = _distinct(out[label].actors)
            out[label].commanders = _commanders(doc.get(f"commander{n}"))
            out[label].strength = _strength(doc.get(f"strength{n}") or _numeric(doc.get(f"units{n}")), lex)
        return _fill_empty(out, doc, reg) if out else (_perpetrator_side(doc, reg) or _lead_sides(doc, reg))
    seg = doc.get("combatants")
    if seg is None:
        return _perpetrator_side(doc, reg) or _lead_sides(doc, reg)
    for name, s, e in _actor_names(seg):
        # a cell that glues both sides' names ("Niger Islamic State in the Greater Sahara") is split
        # first, so that each name finds its side
        for a in sides.split(_actor(doc, seg, (name, s, e), reg), reg, doc.text):
            label = _side_for(a, out, reg)
            out.setdefault(label, Side()).actors.append(a)
    # one line per side, in the sides' order: the only case a flattened column can be split safely
    strengths = items(doc.get("strength"), split_commas=False) if doc.get("strength") else []
    for label, (s, e) in zip(out, strengths if len(strengths) == len(out) else []):
        out[label].strength = _strength_text(doc.get("strength").text[s:e], lex)
    leaders = items(doc.get("commanders"), split_commas=False) if doc.get("commanders") else []
    for label, (s, e) in zip(out, leaders if len(leaders) == len(out) else []):
        name = _NOISE.sub(" ", doc.get("commanders").text[s:e]).strip()
        if name and not _UNKNOWN.match(name):
            out[label].commanders = [name]
    return out


def _distinct(found: list) -> list:
    """One entry per actor: "Kenya" written twice (a flag, then a name) is one belligerent."""
    seen, out = set(), []
    for a in found:
        key = a.id or a.name.lower()
        if key not in seen:
            seen.add(key)
            out.append(a)
    return out


CIVILIAN_ATTACK_FIELDS = {"perpetrator", "deaths", "injuries", "victims", "target", "type", "weapons", "motive"}


def on_civilians(doc: Document, out_sides: dict[str, Side]) -> bool:
    """An {{Infobox civilian attack}} on civilians: its fields (perpetrators, deaths, victims...), no
    combatant columns, no armed target. Its people of no stated side are the civilians attacked."""
    target = doc.get("target")
    armed_target = target is not None and _ARMED_TARGET.search(target.text) and not _CIVILIAN_TARGET.search(target.text)
    return (bool(CIVILIAN_ATTACK_FIELDS & doc.fields.keys()) and not any(k.startswith("combatant") for k in doc.fields)
            and not armed_target)


def _perpetrator_side(doc: Document, reg: Registry) -> dict[str, Side]:
    """{{Infobox civilian attack}}: the perpetrators are side A; the victims are counted as civilians."""
    seg = doc.get("perpetrator")
    if seg is None:
        return {}
    out = {"A": Side(actors=_distinct([_actor(doc, seg, x, reg) for x in _actor_names(seg)]))}
    target, defenders = doc.get("target"), doc.get("defender")
    if defenders is not None:
        # "Defenders: Special Services Group, ...": those who fought the attackers are side B
        out["B"] = Side(actors=_distinct([_actor(doc, defenders, x, reg) for x in _actor_names(defenders)]))
    elif target is not None and _ARMED_TARGET.search(target.text):
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


_ARMED_TARGET = re.compile(r"\b(?:army|military|soldiers?|troops?|forces?|police|gendarmes?|gendarmerie|base|camp|"
                           r"barracks|checkpoints?|post|outpost|garrison|convoy|patrol|personnel|guards?)\b", re.I)
_CIVILIAN_TARGET = re.compile(r"\b(?:civilians?|villagers?|residents|worshippers|students|pupils|children|women|"
                              r"passengers|shoppers|spectators|crowds?|market|mosque|church|school|hotel|stadium)\b", re.I)


def _lead_sides(doc: Document, reg: Registry) -> dict[str, Side]:
    """Sides from the lead when no infobox names them: the states it names on side A, the armed
    groups on side B, as UCDP GED orders a state-based conflict ("Malian troops were ambushed by the
    Islamic State in the Greater Sahara")."""
    if not doc.paragraphs:
        return {}
    para = doc.paragraphs[0]
    states, groups = [], []
    for m in reg.find(para.text.text[:600]):
        kind = m.actor.kind
        bucket = states if kind in STATE_KINDS else groups if kind in ARMED_KINDS else None
        if bucket is not None and all(a.id != m.actor.id for a in bucket):
            s, e = para.text.source_span(m.start, m.end)
            bucket.append(sides.actor(m.actor.name, reg, doc.text[s:e], s, e))
    if not states or not groups:
        return {}
    return {"A": Side(actors=states), "B": Side(actors=groups)}


def _fill_empty(out: dict[str, Side], doc: Document, reg: Registry) -> dict[str, Side]:
    """A column whose names the copy lost (flag images only) takes the lead's actors of the kind the
    other column lacks: the states if the other side is armed groups, and the other way round."""
    if not {"A", "B"} <= out.keys():
        return out
    empty = [label for label in ("A", "B") if not out[label].actors]
    if len(empty) != 1:
        return out
    lead = _lead_sides(doc, reg)
    if not lead:
        return out
    other = out["B" if empty[0] == "A" else "A"]
    taken = {a.id for side in out.values() for a in side.actors}
    kinds = {reg.by_id[a.id].kind for a in other.actors if a.id in reg.by_id}
    pick = lead["B"] if kinds & STATE_KINDS else lead["A"] if kinds & ARMED_KINDS else None
    if pick:
        out[empty[0]].actors = [a for a in pick.actors if a.id not in taken]
    return out


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
    return sides.actor(name, reg, doc.text[ss:se], ss, se)


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
        return Result(None, None)
    text = seg.text.split("\n")[0].strip()
    low = text.lower()
    if any(w in low for w in lex.raw["results"]["draw"]) or "victory" not in low and "win" not in low:
        return Result(text, None)
    sv = sides.view(out_sides, reg)
    # "JNIM victory", "Victory for JNIM", "Decisive Malian victory": the winner is named somewhere
    head = re.sub(r"\b(?:decisive|pyrrhic|tactical|strategic|major|minor|victory|win|for|of|the)\b", " ", text,
                  flags=re.I)
    for mention in reg.find(head):
        label = sv.of_actor(mention.actor, reg)
        if label:
            return Result(text, label)
    for word, kind in lex.raw["results"]["kinds"].items():
        if re.search(rf"\b{word}", head, re.I):
            label = sv.of_kind({"armed_group", "militia"} if kind == "armed" else {"state", "foreign_state"})
            if label:
                return Result(text, label)
    for label, side in out_sides.items():
        if any(a.name.lower() in head.lower() for a in side.actors if a.id is None):
            return Result(text, label)
    label = _winner_by_words(head, out_sides)
    return Result(text, label)


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
    sv = sides.view(out_sides, reg, on_civilians(doc, out_sides))
    claims: list[Claim] = []
    if doc.sided:
        labels = list(out_sides) or ["A", "B"]
        for n in range(1, 6):
            seg = doc.get(f"casualties{n}")
            if seg is None:
                continue
            default = labels[n - 1] if n <= len(labels) else None
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
    for (start, _end), label in zip(lines, _assign_rows(list(lines.values()), sv, reg)):
        for rf in lines[(start, _end)]:
            side = infobox_claims.side_of(rf, label, sv, reg)
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
    target = doc.get("target")
    # the victims: an armed target's people where the target is armed alone, else civilians
    armed_only = target is not None and _ARMED_TARGET.search(target.text) and not _CIVILIAN_TARGET.search(target.text)
    victims = "B" if "B" in sv.labels and armed_only else "civilians"
    for key, category in VICTIM_FIELDS.items():
        seg = doc.get(key)
        if seg is None:
            continue
        for rf in infobox_claims.row_figures(doc, seg, res, sv, category):
            side = infobox_claims.side_of(rf, victims, sv, res.actors)
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
    if fig.subject_kind == "civilians" or rf.party == "civilians":
        return "civilians"
    named = None
    if fig.subject:
        named = next((sv.of_actor(m.actor, reg) for m in reg.find(fig.subject) if sv.of_actor(m.actor, reg)), None)
    if default is None:
        return named or rf.party or sides.side_of_subject(fig.subject, fig.subject_kind, sv, reg) or (
            "unknown" if fig.subject_kind in ("unknown", "armed", "state") and fig.subject else "civilians")
    return named or rf.party or default


def _assign_rows(lines: list[list], sv, reg) -> list[str]:
    """Side of each flattened casualty row: rows that name their people say so; otherwise a claimant
    repeating a category it already gave for this side starts the next side's column."""
    labels = sv.labels or ["A", "B"]
    cur, used, out = 0, {lab: set() for lab in labels}, []
    for rfs in lines:
        named = {sides.side_of_subject(rf.fig.subject, rf.fig.subject_kind, sv, reg) for rf in rfs if rf.fig.subject}
        named |= {rf.party for rf in rfs if rf.party}
        named.discard(None)
        named.discard("civilians")
        keys = {(rf.claimant_key, rf.fig.category) for rf in rfs}
        if len(named) == 1:
            label = named.pop()
        else:
            if keys & used[labels[cur]] and cur + 1 < len(labels):
                cur += 1
            label = labels[cur]
        used[label] |= keys
        out.append(label)
    if len(lines) > 1 and len(set(out)) == 1 and len(labels) > 1:
        out[-1] = labels[1]
    return out
