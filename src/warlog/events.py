"""From a Document to its events: the article's own (role "main") and the ones it mentions."""
from __future__ import annotations

import hashlib
import re

from . import actors, attacker, dates, estimates, event_country, event_types, geocode, infobox, prose, sides
from .figures import subject_kind
from .document import Document
from .errors import NotAnEvent
from .records import Claim, Event, Location, Result, Side
from .resources import Resources

_YEAR = re.compile(r"^\s*(?:1[89]|20)\d\d\s+")

def _id(doc: Document, role: str, name: str = "") -> str:
    """Stable for the same document and event across edits of its text (the document's key, not its
    digest), and never shared by two documents."""
    return hashlib.sha256(f"{doc.provenance.key}\x00{role}\x00{name}".encode()).hexdigest()[:16]


def from_document(doc: Document, res: Resources | None = None) -> list[Event]:
    """Every event of one document, the main event first. Raises NotAnEvent when there is none."""
    res = res or Resources.load()
    lex, reg, gaz = res.lexicon, res.actors, res.gazetteer
    ev_sides = infobox.build_sides(doc, res)
    sides.tidy(ev_sides, reg, doc.text)
    if "perpetrator" in doc.fields and not any(k.startswith("combatant") for k in doc.fields):
        sides.civilian_target(ev_sides, doc.get("target").text if doc.get("target") else None, reg, lex)
    span = infobox.date(doc, lex) or _lead_date(doc)
    # the country first: the state whose forces a side names without their state is its state
    point = geocode.article_point(doc)
    locations = _locations(doc, lex)
    verdict = _country(doc, locations, ev_sides, res, point)
    country, code = verdict.name, verdict.code
    sides.state_forces(ev_sides, code, reg)
    infobox.victim_state(doc, ev_sides, code, reg)
    # (the result before the claims: a victor a column lost to flag images fills that column)
    result = infobox.result(doc, ev_sides, reg, lex)
    box_claims = infobox.casualty_claims(doc, ev_sides, res)
    main_claims, related = prose.extract(doc, ev_sides, span, reg, lex,
                                         infobox.on_civilians(doc, ev_sides) or infobox.massacre(doc, lex))
    if not doc.fields and not box_claims and not main_claims and not related:
        raise NotAnEvent("no infobox and no casualty figures", path=doc.provenance.path)
    locations += geocode.extra_places(doc, lex.patterns.event_verb, gaz, code)
    for loc in locations:
        loc.country_code = code or loc.country_code  # the event's country, weighed, over one line's word
    main = Event(
        id=_id(doc, "main"), role="main", title=infobox.title(doc), part_of=infobox.part_of(doc),
        date_start=span.start if span else None, date_end=span.end if span and not infobox.ongoing(doc, lex) else None,
        date_precision=span.precision if span else None, country=country, country_code=code,
        locations=locations, sides=ev_sides, result=result,
        claims=_number(box_claims + main_claims), document=doc.provenance)
    main_text = _main_text(doc, related)
    event_types.assign(main, main_text, res)
    attacker.assign(main, main_text, res, perpetrators="perpetrator" in doc.fields)
    _repelled(main, lex)
    ctx = geocode.context(doc)
    geocode.resolve(main, doc, gaz, ctx, point, verdict)
    events = [main]
    titles: dict[str, int] = {}
    for rel in _split_related(related):
        events.append(_related_event(doc, rel, main, res, titles))
        geocode.resolve(events[-1], doc, gaz, ctx, verdict=verdict)
    for ev in events:
        ev.estimates, ev.discrepancies = estimates.compute(ev.claims)
    return events


def _locations(doc: Document, lex) -> list[Location]:
    """The event's places as written: the infobox's, else the lead's, else the title's."""
    locs = _title_first(infobox.places(doc)[0], infobox.title(doc))
    if not locs:
        locs = [Location(name=n, text=doc.text[s:e], start=s, end=e) for n, s, e in prose.lead_places(doc)]
    if not locs:
        locs = _title_places(doc, lex)
    return [loc for loc in locs if loc.name.strip().lower() not in _NO_PLACE]


_NO_PLACE = {"the", "a", "an", "of", "in", "on", "at", "and", "or", "near", "unknown", ""}  # a copy's debris


def _title_first(locs: list[Location], title: str) -> list[Location]:
    """A place line of several places, the one the title names first: "Between Nampalari and Dogofry"
    under "2017 Dogofry ambush" happened at Dogofry (the main place is the first)."""
    named = [loc for loc in locs[1:] if re.search(rf"(?<!\w){re.escape(loc.name)}(?!\w)", title)]
    if not named or re.search(rf"(?<!\w){re.escape(locs[0].name)}(?!\w)", title):
        return locs
    return [named[0]] + [loc for loc in locs if loc is not named[0]]


_CONTEXT_SECTIONS = re.compile(r"background|prelude|context|aftermath|reaction|response|legacy|analysis|"
                               r"investigation|casualt|consequence|see also|memorial|trial|notes|references", re.I)


def _main_text(doc: Document, related) -> str:
    """The words the main event is typed by: the title, the infobox's type, the lead and the sections
    telling the event itself, less the sentences about related events."""
    skip = {(id(r.mention.para), r.mention.start) for r in related}
    parts = [infobox.title(doc), (doc.get("type").text if doc.get("type") else "")]
    for para, s, e in prose.sentences_of(doc):
        if (id(para), s) not in skip and not _CONTEXT_SECTIONS.search(para.section):
            parts.append(para.text.text[s:e])
    return "\n".join(parts)


def _number(claims: list[Claim]) -> list[Claim]:
    """Link each revision to the claim it revises, by index in the event's list."""
    index = {id(c.figure): i for i, c in enumerate(claims) if c.figure is not None}
    for c in claims:
        fig = c.figure
        if fig is not None and fig.revises is not None:
            c.revises = index.get(id(fig.revises))
        if fig is not None:
            c.figure = None
    return claims


def _repelled(ev: Event, lex) -> None:
    """"Attack repelled", "Assault repulsed": the side that did not attack won, once the attacker is
    known (attacker.assign). In place."""
    text = ev.result.text or ""
    if ev.result.winner is None and ev.attacker in ("A", "B") and {"A", "B"} <= ev.sides.keys() \
            and lex.patterns.repelled.match(text):
        ev.result.winner = "B" if ev.attacker == "A" else "A"



def _lead_date(doc: Document):
    """The event's date from the lead where no infobox gives one: the first dated paragraph of the
    lead (a copy may put a caption or a list first), any year ("On 16 April 1746")."""
    lead = [p for p in doc.paragraphs if p.section == ""][:LEAD_DATE_PARAGRAPHS] or doc.paragraphs[:1]
    first = None
    for para in lead:
        found = [d for d in dates.find_all(para.text.text[:LEAD_DATE_REACH], any_year=True) if d.has_year]
        # a day the lead names over a year before it ("the rising of 1745 ... on 16 April 1746", "the
        # 2021 phase of the civil war" / "The battle began on November 9, 2024")
        day = next((d for d in found if d.precision == "day"), None)
        if day is not None and (first is None or day.start.startswith(first.start)):
            # (a later paragraph's day only within the year or month the lead named first)
            return _lead_range(para.text.text, found, found.index(day)) or day
        first = first or (found[0] if found else None)
    return first or _day_of_title_year(doc, lead)


def _day_of_title_year(doc: Document, lead: list) -> dates.DateSpan | None:
    """The lead's first day of no year, in the title's year ("2016 Ar-Rutbah offensive" / "On May 16,
    the Iraqi Army launched an offensive")."""
    year = _YEAR_IN.search(infobox.title(doc) or "")
    for para in lead if year else ():
        found = [d for d in dates.find_all(para.text.text[:LEAD_DATE_REACH], int(year.group(0))) if d.precision == "day"]
        if found:
            return found[0]
    return None


_YEAR_IN = re.compile(r"\b(?:1[89]|20)\d\d\b")


def _lead_range(text: str, found: list, i: int):
    """The day at ``found[i]`` and the one the lead joins to it: "took place from March 5, 2022 to May
    25, 2022", "between December 18, 2013 and January 18, 2014"."""
    d = found[i]
    if i + 1 >= len(found) or not _RANGE_JOIN.fullmatch(text[d.endpos:found[i + 1].pos]):
        return None
    e = found[i + 1]
    if e.end < d.start:
        return None
    return dates.DateSpan(d.start, e.end, "day" if e.precision == "day" else d.precision, True, d.pos, e.endpos)


_RANGE_JOIN = re.compile(r"\s*,?\s*(?:to|until|till|through|and|[\u2013\u2014-])\s*")
LEAD_DATE_PARAGRAPHS = 3
LEAD_DATE_REACH = 1500  # characters of a paragraph read for its date


_TITLE_QUALIFIER = re.compile(r"\s*+\([^()]*\)")  # possessive blanks: a title of long blank runs costs linear time
_TITLE_LEAD = re.compile(r"^(?:the\s+)?(?:(?:first|second|third|fourth|fifth|sixth|\d+(?:st|nd|rd|th))\s+)?"
                         # "Naval Battle of Arica", "Great Siege of Malta", "Aerial bombing of X"
                         r"(?:(?:naval|aerial|air|great|grand|last|final|decisive|early|late|initial)\s+)?"
                         r"(?:battle|siege|massacre|attack|raid|ambush|bombing|fall|capture|sack|liberation|storming|"
                         r"assault|offensive|landing|defen[cs]e|occupation|shelling|bombardment)s?\s+(?:of|on|in|at|for)\s+",
                         re.I)


_CODENAME = re.compile(r"^\s*(?:operation|opération|operación|operação|operasi)\s", re.I)
MAX_TITLE = 300  # characters of a title read for its places: a longer one is a damaged page's text


def _title_places(doc: Document, lex) -> list[Location]:
    """"Diafarabé and Koumara attacks" -> Diafarabé, Koumara (the names left when the event noun goes)."""
    title = _TITLE_QUALIFIER.sub("", infobox.title(doc)[:MAX_TITLE])
    title = _TITLE_LEAD.sub("", _YEAR.sub("", title))  # "Second Battle of Kidal" -> "Kidal"
    if _CODENAME.match(title):
        return []  # "Operation Flash", "Operation Unceasing Waves II": a name, no place in it
    head = next((part for part in lex.patterns.event_noun.split(title) if part.strip()), "")
    names = [n.strip() for n in re.split(r",\s*|\s+and\s+", head) if n.strip()]
    out = []
    for n in map(lambda n: _feature(doc, n, lex), names):
        pos = doc.text.find(n)
        out.append(Location(name=n, text=n if pos >= 0 else "", start=max(pos, 0), end=max(pos, 0) + len(n) if pos >= 0 else 0))
    return [loc for loc in out if loc.name[:1].isupper()]


def _feature(doc: Document, name: str, lex) -> str:
    """The title's name as the text writes it where the text makes it a natural feature ("near the
    Yarmouk River"): a town of the same name is not where it happened."""
    P, named = lex.patterns, re.escape(name)
    m = re.search(rf"\b{named}\s+(?:{P.feature_after})\b|\b(?:{P.feature_before})\s+{named}\b", doc.text[:FEATURE_REACH], re.I)
    return doc.text[m.start():m.end()] if m and m.group(0)[:1].isupper() else name


FEATURE_REACH = 5000  # characters: the infobox and the lead


def _country(doc: Document, locs: list[Location], ev_sides, res: Resources, point) -> event_country.Verdict:
    """The event's country, weighed from the article's evidence (``event_country``)."""
    lead = doc.paragraphs[0].text.text[:600] if doc.paragraphs else ""
    return event_country.decide(doc, locs, ev_sides, res.actors, res.gazetteer, point, lead,
                                infobox.title(doc), infobox.part_of(doc))


def _split_related(related: list[prose.RelatedSentence]):
    """One related event per sentence; one per place when its figures stand in different places
    ("killing two people in A and five in B")."""
    for rel in related:
        claims, m = rel.mention.claims, rel.mention
        offsets = [_sentence_offset(rel, c) for c in claims]
        places = [rel.place_after(off, nxt) for off, nxt in zip(offsets, offsets[1:] + [m.end - m.start])]
        if len(claims) > 1 and all(places) and len({p[0] for p in places}) == len(claims):
            for claim, place in zip(claims, places):
                yield rel, [claim], [place]
        else:
            verb_at = rel.mention.para.text.text.find(rel.verb, m.start, m.end) - m.start
            first = rel.place_after(max(verb_at, 0), m.end - m.start) or (rel.places[0] if rel.places else None)
            yield rel, claims, [first] if first else []


def _sentence_offset(rel, claim) -> int:
    fig = claim.figure
    return fig.end - rel.mention.start if fig is not None else 0


def _reside(claims: list[Claim], ev_sides: dict, res: Resources) -> None:
    """A related event has sides of its own: read each claim's people against them."""
    reg, lex = res.actors, res.lexicon
    sv = sides.view(ev_sides, reg)
    for c in claims:
        if c.side in ("civilians", "unknown"):
            continue
        c.side = sides.side_of_subject(c.subject, subject_kind(c.subject, lex), sv, reg) or "unknown"


def _related_event(doc: Document, item, main: Event, res: Resources, titles: dict[str, int]) -> Event:
    reg = res.actors
    rel, claims, places = item
    m = rel.mention
    para = m.para
    sent = para.text.text[m.start:m.end]
    actors_here = []
    seen = set()
    for mention in reg.find(sent):
        if mention.actor.id in seen or mention.actor.kind not in actors.BELLIGERENT_KINDS:
            continue
        seen.add(mention.actor.id)
        s, e = para.text.source_span(m.start + mention.start, m.start + mention.end)
        actors_here.append(sides.actor(mention.actor.name, reg, doc.text[s:e], s, e))
    locs = []
    for name, s, e in places:
        ss, se = para.text.source_span(m.start + s, m.start + e)
        locs.append(Location(name=name, text=doc.text[ss:se], start=ss, end=se, country_code=main.country_code))
    ev_sides = {"A": Side(actors=actors_here)} if actors_here else {}
    _reside(claims, ev_sides, res)
    verb_title = res.lexicon.raw["related_titles"].get(rel.verb, "Incident")  # data/lexicon.yaml
    title = verb_title + (f" in {locs[0].name}" if locs else "") + f" ({m.date.start})"
    titles[title] = titles.get(title, 0) + 1  # two incidents of one day and place stay two events
    ev = Event(
        id=_id(doc, "related", f"{title}#{titles[title]}"), role="related", title=title, part_of=main.part_of,
        date_start=m.date.start, date_end=m.date.end, date_precision=m.date.precision,
        country=main.country, country_code=main.country_code, locations=locs,
        sides=ev_sides, result=Result(None, None),
        claims=_number(list(claims)), document=doc.provenance)
    event_types.assign(ev, sent, res)
    attacker.assign(ev, sent, res)
    return ev
