"""Claims in running text: one per mention, with who is counted, who said so and when.

Sentences that tell of another dated incident (background, aftermath) are set apart as related
events; their figures belong to those events, not the article's own.
"""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field

from . import attribution, dates, figures, shapes, sides
from .actors import Registry
from .document import Document, Paragraph
from .lexicon import Lexicon
from .records import Claim

RULE = "prose_casualties.v1"
_LETTERS = re.compile(r"[A-Za-z]+")
_PLACE = re.compile(r"\b(?:in|at|near|(?:north|south|east|west|northeast|northwest|southeast|southwest)\s+of|"
                    r"raided|attacked|stormed|overran|struck|besieged|shelled)\s+(?:the\s+(?:villages?|towns?|city|cities|communes?|localities|locality|"
                    r"areas?|settlements?|camps?|districts?|district\s+capital|capital)\s+of\s+)?(?P<name>[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+)*)")


@dataclass
class Mention:
    """A sentence's place in the document and what was found in it."""

    para: Paragraph
    start: int
    end: int
    date: dates.DateSpan | None = None
    figs: list = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)


@dataclass
class RelatedSentence:
    mention: Mention
    verb: str
    places: list[tuple[str, int, int]]

    def place_after(self, pos: int, until: int) -> tuple[str, int, int] | None:
        """The first place named between ``pos`` and ``until`` (sentence offsets)."""
        return next((p for p in self.places if pos <= p[1] < until), None)


# Casualty figures read in one document's prose. An article holds a few hundred at most; a page of
# tens of thousands of numbers is a table, and reading on only costs time (linear, but ~0.1 ms each).
MAX_DOCUMENT_FIGURES = 5000


def sentences_of(doc: Document):
    for para in doc.paragraphs:
        for s, e in para.sentences():
            yield para, s, e


def extract(doc: Document, event_sides: dict, date_span, reg: Registry, lex: Lexicon,
            on_civilians: bool = False):
    """(claims of the article's own event, related sentences with their claims). ``on_civilians``:
    the event is an attack on civilians, whose victims of no stated side are civilians."""
    sv = sides.view(event_sides, reg, on_civilians)
    year = int(date_span.start[:4]) if date_span else None
    main_claims: list[Claim] = []
    related: list[RelatedSentence] = []
    read = 0  # figures read so far: a document's budget (MAX_DOCUMENT_FIGURES)
    # the infobox's notes are running text ("the spokesman of Jowzjan Province's governor claimed that
    # the Taliban had suffered 70 killed"), read as prose, the infobox's all the same
    notes = doc.get("notes")
    box = [Paragraph(NOTES, notes)] if notes is not None and notes.text.strip() else []
    for para in box + doc.paragraphs:
        if read >= MAX_DOCUMENT_FIGURES:
            break
        context, waiting, prev_figs = None, [], []
        last: tuple[list[Claim], str] = ([], "")  # the sentence before: its claims and its text
        sided: dict[int, tuple] = {}  # id(figure) -> (figure, its claim's side): what a revision revises
        read_once = _Sentences(year)
        for s, e in para.sentences():
            sent = para.text.text[s:e]
            rel = _related(sent, para, s, e, date_span, year, lex, reg, read_once)
            figs = figures.find(para.text.text, lex, s, e, previous=prev_figs) if read < MAX_DOCUMENT_FIGURES else []
            read += len(figs)
            claims = []
            if figs:
                # who said what in the sentences before matters only now ("according to the source")
                for before in waiting:
                    context = (attribution.in_sentence(before, lex, reg, context, read_once.words(before))
                               or [context])[-1]
                waiting = []
                atts = attribution.in_sentence(sent, lex, reg, context, read_once.words(sent))
                claims = _claims(doc, para, sent, s, figs, atts, context, sv, reg, lex, date_span, year,
                                 related=rel is not None, sided=sided, read_once=read_once, last=last)
                prev_figs = (prev_figs + figs)[-20:]
                context = atts[-1] if atts else context
            else:
                waiting.append(sent)
            last = (claims, sent)
            if para.section == NOTES:
                for c in claims:
                    c.origin = "infobox"
                main_claims.extend(claims)
            elif rel is not None:
                rel.mention.figs, rel.mention.claims = figs, claims
                related.append(rel)
            else:
                main_claims.extend(claims)
    return main_claims, related


NOTES = "infobox notes"  # the section name of the infobox's notes read as a paragraph


class _Sentences:
    """What several readings of a paragraph's sentences ask of each, found once: its words (lower
    case, ASCII letters) and its dates."""

    def __init__(self, year: int | None):
        self.year = year
        self._words: dict[str, set[str]] = {}
        self._dates: dict[str, list] = {}

    def words(self, sent: str) -> set[str]:
        found = self._words.get(sent)
        if found is None:
            found = self._words[sent] = {w.lower() for w in _LETTERS.findall(sent)}
        return found

    def dates(self, sent: str) -> list:
        found = self._dates.get(sent)
        if found is None:
            found = self._dates[sent] = dates.find_all(sent, self.year)
        return found


def _claims(doc, para, sent, s0, figs, atts, context, sv, reg, lex, date_span, year, related,
            sided: dict | None = None, read_once: _Sentences | None = None, last: tuple = ([], "")) -> list[Claim]:
    sided = {} if sided is None else sided
    read_once = read_once or _Sentences(year)
    P = lex.patterns
    out: list[Claim] = []
    stated = _stated_on(read_once.dates(sent), date_span) if atts else None
    continued = context is not None and bool(P.continuation.search(sent))  # once a sentence: linear time
    for fig in figs:
        att = attribution.for_position(atts, fig.start - s0)
        if att is None and continued:
            att = context  # "Several dozen soldiers were wounded or missing as well."
        att = _bracketed_claimant(sent, fig, s0, reg, lex) or att
        revised = sided.get(id(fig.revises)) if fig.revises is not None and fig.inherits else None
        # whose losses, named after the figure before ("..., compared with Polish losses of some 4,500 killed")
        since = out[-1].figure.end - s0 if out and out[-1].figure is not None else 0
        owner = _owner(sent, fig.qty.start - s0, P, since) if fig.subject is None else None
        if fig.subject is None or fig.subject.lower() in lex.category_of:
            # "inflicted 1,300 casualties on the Katangese force": no people of their own, whose they were
            owner = owner or _inflicted_on(sent, fig.qty.start - s0, fig.end - s0)
        if fig.speaker_side and not (att and att.sources):
            owner = _loser(sent, fig.start - s0) or owner  # "the army lost 14 men": the army's
        elif fig.speaker_side and owner is None:
            # "the army claimed its own losses were 3 dead": a claimant no actor is, unless a loser is named
            owner = _loser(sent, fig.start - s0) or att.sources[0].name
        owner_kind = figures.subject_kind(owner, lex) if owner else None
        admitted = bool(att and att.sources and P.admission.search(sent, 0, max(0, fig.start - s0)))
        side = revised[1] if revised else _side(fig, out, sv, reg, att, related, sent, s0, owner, owner_kind, admitted, P=P)
        if side == "unknown":
            side = _side_from_clause(fig, sent, s0, bool(out), last, sv, reg, lex) or side
        each = _ON_EACH_SIDE.match(sent, fig.end - s0) if {"A", "B"} <= set(sv.labels) else None
        if _ON_BOTH_SIDES.match(sent, fig.end - s0) and not each:
            side = "unknown"  # "200 fighters had been killed on both sides": everyone's, no one side's
        if fig.category == "captured" and side == "civilians" and fig.subject_kind in (None, "unknown") \
                and P.suspects.search(sent, fig.start - s0, min(len(sent), fig.end - s0 + 40)):
            side = "unknown"  # "13 people were arrested in connection with the incident": suspects, not victims
        sided[id(fig)] = (fig, side)
        s, e = para.text.source_span(fig.start, fig.end)
        claim = Claim(side=side, subject=fig.subject, category=fig.category, low=fig.qty.low, high=fig.qty.high,
                      qualifier=fig.qty.qualifier, sources=list(att.sources) if att else [],
                      via=list(att.via) if att else [], stated_on=stated if att else None, origin="prose",
                      text=doc.text[s:e], start=s, end=e, extractor=f"{RULE}/{fig.rule}",
                      statement=para.text.source_span(s0, s0 + 1)[0])
        claim.figure = fig
        out.append(claim)
        if each:
            # "one killed on each side": as many on each of the two sides
            claim.side = "A"
            twin = dataclasses.replace(claim, side="B")
            twin.figure = fig
            out.append(twin)
    return out


def _bracketed_claimant(sent: str, fig, s0: int, reg, lex):
    """Who said a figure of no people of its own, in brackets right after it: "from 12 (police) to as
    many as 600 (Associated Press)"; not a part of it ("(including 16 children)", "(mostly civilians)")."""
    right_after = _BRACKET_AFTER.match(sent, fig.qty.end - s0)
    if fig.subject is not None and right_after and (shapes.SAID.match(sent, fig.qty.end - s0)
                                                    or _AFTER_ESTIMATE.search(sent, 0, fig.qty.start - s0)):
        m = right_after  # "300 (according to Expresso) villagers", "21 (official) or 176 (Liberté) people"
    elif fig.subject is not None and shapes.SAID.match(sent, fig.end - s0):
        m = _BRACKET_AFTER.match(sent, fig.end - s0)  # "78 people (initial official estimate), 252 people ..."
    elif fig.subject is not None and (inner := _SAID_INSIDE.search(sent, fig.qty.end - s0, fig.end - s0)):
        m = _BRACKET_AFTER.match(sent, inner.start())  # "412 people (according to Liberté) were killed"
    elif fig.subject is not None:
        return None  # ("150 rebels (MNLA)": the people's name)
    else:
        m = right_after or _BRACKET_AFTER.match(sent, fig.end - s0)  # "176 (Liberté) were killed"
    if m is None or lex.patterns.not_claimant.match(m.group("who")):
        return None
    return attribution.parse_claimant(lex.patterns.claim_word_after.sub("", m.group("who")), reg, lex)  # "(French claim)": French


_BRACKET_AFTER = re.compile(r"\s*\((?P<who>[^()\d]{2,150})\)")
_AFTER_ESTIMATE = re.compile(r"\([^()\d]{2,60}\)\s*,?\s*or\s+$")  # another estimate, its claimant in brackets, before
_SAID_INSIDE = re.compile(rf"(?={shapes.SAID_BRACKET})")


OWNER_REACH = 120  # characters before a figure searched for whose losses it counts
_ON_EACH_SIDE = re.compile(r"[^,;.()]{0,30}?\b(?:on|from)\s+each\s+side\b", re.I)
_ON_BOTH_SIDES = re.compile(r"[^,;.()]{0,30}?\b(?:on|from|of|among)\s+(?:both|all)\s+(?:the\s+)?sides\b", re.I)


def _owner(sent: str, pos: int, P, since: int = 0) -> str | None:
    """Whose losses a sentence gives before its figures: "Nigerien casualties amounted to 4 killed",
    "Chadian losses were 10 dead", "The Nigerien death toll stood at 12" (lexicon whose_losses)."""
    m = P.owner.search(sent, max(0, since, pos - OWNER_REACH), pos)
    return (m.group("who") or m.group("who2")) if m else None


# who lost the people a losing verb counts: the words that open its clause ("The army lost 14 men",
# "..., while Niger had lost 14,300 men")
_LOSER = re.compile(r"(?:^|[,;:]\s*|\b(?:while|whereas|and|but)\s+)(?P<who>(?:the\s+)?(?:[\w'’.-]+\s+){0,3}?[\w'’.-]+)"
                    r"\s+(?:(?:had|has|have|reportedly|also|allegedly|later|eventually)\s+)*$", re.I)


def _loser(sent: str, pos: int) -> str | None:
    m = _LOSER.search(sent, max(0, pos - OWNER_REACH), pos)
    return m.group("who") if m else None


# whose losses were inflicted: "inflicted approximately 1,300 casualties on the Katangese force"
_INFLICT = re.compile(r"\binflict(?:ed|ing|s)?\b", re.I)
_ON_WHOM = re.compile(r"\s*(?:\([^()]{0,120}\)\s*)?(?:[\w'’-]+\s+){0,3}?(?:on|upon|against)\s+(?:the\s+)?"
                      r"(?P<who>[^,.;()]{2,60})")  # (an aside may stand between: "(including ... up to 300 killed)")


def _inflicted_on(sent: str, pos: int, end: int) -> str | None:
    if not _INFLICT.search(sent, max(0, pos - 60), pos):
        return None
    m = _ON_WHOM.match(sent, end)
    return m.group("who") if m else None


def _side(fig, earlier: list[Claim], sv, reg, att, related: bool, sent: str, s0: int, owner: str | None = None,
          owner_kind: str | None = None, admitted: bool = False, *, P) -> str:
    if fig.speaker_side and att and att.sources:
        # "JNIM ... losing four soldiers": the speaker's own people
        if label := _speaker_side(att, sv, reg):
            return label
    if owner and fig.inherits and (label := sides.side_of_subject(owner, owner_kind if owner_kind != "unknown" else None, sv, reg)):
        return label  # a new owner named since the figure before
    if fig.inherits and earlier:
        return earlier[-1].side
    if fig.subject is None and fig.rule.split(".v")[0] in OWN_LOSS_RULES and att and att.sources \
            and all(len(src.name.split()) <= CLAIMANT_WORDS for src in att.sources) \
            and (label := _speaker_side(att, sv, reg)):
        # "the Malian army reported two dead and ten wounded": a side's count of people it does not
        # name is of its own
        return label
    if owner and (label := sides.side_of_subject(owner, owner_kind if owner_kind != "unknown" else None, sv, reg)
                  or owner[:1].isupper() and sv.of_name(owner)):
        return label
    if fig.subject is None and sv.victims_are_civilians and not related:
        return "civilians"  # an attack on civilians: "at least 336 deaths", "51 killed" count its victims
    if admitted and fig.subject_kind == "state" and sides.kind_of_several("state", sv) and not reg.find(fig.subject or "") \
            and (label := _speaker_side(att, sv, reg)):
        # "Russian officials confirmed that 63 troops were killed", states on both sides: troops of no
        # nation named are the ones of the state that owns up to them
        return label
    if label := sides.side_of_subject(fig.subject, fig.subject_kind, sv, reg) or _leader_side(sent, fig, s0, sv, P):
        return label
    if sv.victims_are_civilians and not related and fig.subject_kind in (None, "unknown") and not reg.find(fig.subject or ""):
        return "civilians"  # people of no side in an attack on civilians: "2,000 Dinka", "nine men"
    return "unknown"


def _side_from_clause(fig, sent: str, s0: int, after_others: bool, last: tuple, sv, reg, lex) -> str | None:
    """The side of people whose own words name none, from the rest of their clause: who did it to
    them, the main clause a fronted phrase is of, the people an anaphor points back to."""
    # (fighters or captives only: "people killed by soldiers" may be anyone's, often civilians)
    if (fig.subject_kind in ("state", "armed") or fig.category == "captured") and len(sv.labels) == 2 \
            and (agent := _BY_AGENT.match(sent, fig.end - s0)) \
            and (doer := _subject_after(agent.group(1), sv, reg, lex)):
        return next(label for label in sv.labels if label != doer)  # "71 prisoners were taken by the British"
    if (m := _FRONTED_WITH.match(sent)) and fig.end - s0 <= m.end() \
            and (label := _subject_after(sent[m.end():m.end() + SUBJECT_REACH], sv, reg, lex)):
        return label
    if not after_others and _ANAPHOR.search(sent, max(0, fig.start - s0 - 10), fig.end - s0) \
            and not _JOINED_TO.search(sent, max(0, fig.qty.start - s0 - 8), fig.qty.start - s0):
        # (not "the town mayor and 68 others": more of the same sentence's people)
        return _side_before(last, sv, reg, lex)
    return None


def _side_before(last: tuple, sv, reg, lex) -> str | None:
    """Whose people "them", "the other 13", "four others" are, from the sentence before: the side of its
    last claim, else of the last people it names ("Gunmen attacked the camp. Three of them were killed";
    "The victims were five French tourists. Four of them were killed")."""
    claims, text = last
    if claims:
        return claims[-1].side if claims[-1].side != "unknown" else None
    for m in reversed(list(_WORD_OF_PEOPLE.finditer(text))):
        kind = figures.subject_kind(m.group(0), lex)
        if kind not in (None, "unknown"):
            return "civilians" if kind == "civilians" else sides.side_of_subject(m.group(0), kind, sv, reg)
    return None


def _subject_after(words: str, sv, reg, lex) -> str | None:
    """The side of the main clause's subject after a fronted phrase ("With casualties of only 4 killed
    and 7 wounded, the British had routed ..."): a belligerent named, else people of a kind."""
    for m in reg.find(words)[:1]:
        if m.start <= SUBJECT_START and (label := sv.of_actor(m.actor, reg)):
            return label
    head = _SUBJECT_HEAD.match(words)
    kind = figures.subject_kind(head.group(1), lex) if head else None
    return sides.side_of_subject(head.group(1), kind, sv, reg) if kind not in (None, "unknown", "civilians") else None


# who did it to the people counted, named right after their verb: "were taken by the British"
_BY_AGENT = re.compile(r"(?:\s+(?:were|was|had\s+been|have\s+been)\s+(?:taken|captured|killed|wounded|executed|\w+ed))?"
                       r"\s+by\s+((?:the\s+)?[^,;.()]{2,50}?)(?=\s*(?:[,;.()]|$|\b(?:in|at|on|during|after|before|while|and)\b))", re.I)
# a phrase before the main clause that counts its subject's losses: "With casualties of only 4 killed and
# 7 wounded, the British ...", "With 12 men killed, the company withdrew"
_FRONTED_WITH = re.compile(r"\s*with\b[^,;]{0,120},", re.I)
SUBJECT_REACH, SUBJECT_START = 60, 12  # characters: the subject stands right after the comma
# (the subject before its verb, or an agent's words alone: "by the British")
_SUBJECT_HEAD = re.compile(r"\s*(?:the\s+)?((?:[\w'’-]+\s+){0,2}[\w'’-]+?)(?:\s+(?:had|have|has|was|were|is|are|\w+ed)\b|\s*$)", re.I)
_JOINED_TO = re.compile(r"(?:\band|,)\s*$", re.I)
# a figure that counts people named before it: "Three of them", "the other 13", "four others"
_ANAPHOR = re.compile(r"\bof\s+them\b|\bthe\s+other\b|\bothers\b", re.I)
_WORD_OF_PEOPLE = re.compile(r"[A-Za-z][\w'’-]*")


def _leader_side(sent: str, fig, s0: int, sv, P) -> str | None:
    """A commander's men named just before the figure or in it: "400 of Fanning's 524 men were
    killed", "Over 30% of Frederick's army was defeated; five generals were killed"."""
    label = None
    for m in P.leaders_men.finditer(sent, max(0, fig.start - s0 - LEADER_REACH), fig.end - s0):
        label = sv.of_leader(m.group("name")) or label
    return label


LEADER_REACH = 80


OWN_LOSS_RULES = {"bare", "passive"}  # shapes of a figure with no people of its own
# a longer "claimant" is a clause misread as one ("a shootout broke out between the police and alleged ...")
CLAIMANT_WORDS = 5


def _speaker_side(att, sv, reg) -> str | None:
    for src in att.sources:
        rec = reg.by_id.get(src.actor) if src.actor else None
        label = sv.of_actor(rec, reg) if rec else None
        if label:
            return label
    return None


def _stated_on(found: list[dates.DateSpan], date_span) -> str | None:
    """The date the claim was made, when the sentence gives one (``found``: its dates): "On January 7,
    AFP confirmed ..."."""
    if not found:
        return None
    d = found[0]
    value = d.start
    if not d.has_year and date_span and value < date_span.start:
        value = str(int(value[:4]) + 1) + value[4:]  # a statement after the event, in the next year
    return value


def _related(sent: str, para: Paragraph, s: int, e: int, date_span, year, lex: Lexicon, reg: Registry,
             read_once: _Sentences) -> RelatedSentence | None:
    """A sentence (``para``'s text from ``s`` to ``e``) about another dated incident: a date apart
    from the event's and an event verb that no reporting verb introduces."""
    P = lex.patterns
    if date_span is None or not dates.might_hold_date(sent):
        return None
    # where no first word of an event verb (of a reporting verb) stands, none can match: the long
    # patterns are not run (ASCII sentences, as re.I reads "ſ" as "s")
    words = read_once.words(sent) if sent.isascii() else None
    if words is not None and P.event_verb_first.isdisjoint(words):
        return None
    verb = P.event_verb.search(sent)
    if not verb:
        return None
    if words is None or not P.attribution_first["say"].isdisjoint(words):
        if P.say_verb.search(sent, 0, verb.start()):
            return None
    if P.toll_named.search(sent, 0, verb.start()):
        return None  # "One of the wounded died on May 24, bringing the toll to six killed": the event's toll
    d = next((d for d in read_once.dates(sent) if (d.precision != "year" or d.has_year)
              and not _dates_another_clause(sent, d, verb.end())), None)
    if d is None or _overlaps(d, date_span):
        return None
    m = Mention(para, s, e, d)
    places = [(pm.group("name"), pm.start("name"), pm.end("name")) for pm in _PLACE.finditer(sent)
              if not dates.DATE.fullmatch(pm.group("name")) and not re.match(r"^(?:January|February|March|April|May|"
              r"June|July|August|September|October|November|December)\b", pm.group("name"))
              and not _names_actor(pm.group("name"), reg)]
    return RelatedSentence(m, verb.group(0).lower(), places)


def _dates_another_clause(sent: str, d: dates.DateSpan, verb_end: int) -> bool:
    """A date that dates no incident of the sentence's: a reference point ("the biggest since the July
    2013 ouster") or one in a relative clause after the verb ("Twenty-two border guards were killed in
    the attack, which was ... the second since 12 May")."""
    return bool(_SINCE.search(sent, max(0, d.pos - 12), d.pos)
                or d.pos > verb_end and _RELATIVE.search(sent, verb_end, d.pos))


_SINCE = re.compile(r"\bsince\s+(?:the\s+)?$", re.I)
_RELATIVE = re.compile(r",\s+(?:which|who|whose)\b", re.I)


def _names_actor(name: str, reg) -> bool:
    """"Malian", "JNIM": an actor or a demonym, not a place."""
    found = reg.find(name)
    return bool(found) and found[0].start == 0


def _overlaps(d: dates.DateSpan, main: dates.DateSpan) -> bool:
    n = min(len(d.start), len(main.start))
    return not (d.end[:n] < main.start[:n] or d.start[:n] > main.end[:n])


def lead_places(doc: Document) -> list[tuple[str, int, int]]:
    """Places the lead names ("in the villages of Diafarabé and Koumara"), as source spans."""
    if not doc.paragraphs:
        return []
    para = doc.paragraphs[0]
    text = para.text.text
    m = re.search(r"\b(?:in|at)\s+the\s+(?:villages?|towns?|city|cities|communes?|localities)\s+of\s+"
                  r"(?P<names>[A-Z][^,.;()]*?)(?=\s+(?:in|on|near|,)\b|[,.;]|$)", text)
    if not m:
        return []
    out = []
    for part in re.finditer(r"[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+)*", m.group("names")):
        s, e = para.text.source_span(m.start("names") + part.start(), m.start("names") + part.end())
        out.append((part.group(0), s, e))
    return out
