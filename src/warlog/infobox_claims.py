"""Casualty rows of an infobox as claims, whatever the layout the reader found them in.

A column's rows are read in order, with the labels that stand among them:

- a **claimant**: "(per X)", "(according to X)", "(acc. X)", "(X claim)", "(X estimate)", or a bare "(X)"
  naming someone who reports rather than fights ("(Pinnacle News)", "(local sources)"); a heading line
  "Per X:", "X claim:", "X's claim:" over the rows below it, or the same as a prefix ("U.S. claim:
  100–200 killed"). A label after a figure also covers the figures before it that have none
  ("267 killed, 112 captured (Ukrainian claim)").
- a **counted party**: "Kenya: 150 killed", "United States 1 killed", "8 killed (US)", "Civilians:":
  a belligerent of this event, or civilians, named as a label. It says whose people, not who says so.
- a **scope**: "Total:", "Other estimate:", "Operation X:": ends a heading's reach.

A figure written with no category word is the row's whole loss: the field's own category ("Deaths:
160") or `casualties` ("23,000 (3,100 killed, 14,500 wounded)", "5,000–6,000 (Jena)").
Each rule is named in the claim's ``extractor``.
"""
from __future__ import annotations

import bisect
import dataclasses
import re
from dataclasses import dataclass

from . import attribution, figures, forces, sides
from .actors import BELLIGERENT_KINDS
from .document import Document
from .figures import Figure
from .numbers import from_match
from .patterns import MONTHS
from .readers.rendered_data import load as layout
from .records import Claim
from .resources import Resources
from .text import Segment

RULE = "infobox.v2"
_PAREN = re.compile(r"\(([^()]{1,160})\)")
_PER = re.compile(r"^(?:per|according\s+to|acc\.?|as\s+per|claimed\s+by|reported\s+by|sources?:?|source\s*-)\s+(?P<who>.+)$", re.I)
_SCOPE = re.compile(r"^(?:in\s+)?(?:(?:total|overall|combined|grand\s+total)(?:\s+(?:casualties|losses))?|all|sum|altogether|"
                    # "Other accounts:" after "Russian accounts:": nobody in particular, the claimant before ends
                    r"others?\s+(?:estimates?|accounts?|sources?|reports?|figures?|counts?)|"
                    # "Modern estimate:", "Higher estimates:": which estimate, not whose
                    r"(?:modern|contemporary|high(?:er|est)?|low(?:er|est)?|conservative|maximum|minimum|alternative|"
                    r"various|several|multiple|different|differing|conflicting|"
                    r"recent|early|earlier|later|revised|independent|total|official|unofficial)\s+(?:estimates?|figures?|counts?)|"
                    r"estimates?|estimated|confirmed|unconfirmed|official(?:ly)?|unofficial(?:ly)?|initial(?:ly)?|"
                    # "Disputed: ≥107 villagers": how sure, not who says so
                    r"disputed|contested|uncertain|unclear|alleged(?:ly)?|claimed|reported(?:ly)?|possibl[ey]|probabl[ey]|"
                    r"later|final|first\s+day|operation\s+.+|battle\s+of\s+.+|phase\s+.+|siege\s+of\s+.+|"
                    r"(?:in|at|during|before|after|until|from)\s+.+)$", re.I)
# a part of the same counts (a period, a phase, a place), under the same claimant and party: "VC claim:" /
# "From 9 to 12 June: 608 killed or wounded" / "From May to July:" / "4,386 casualties"
_PART = re.compile(rf"^(?:first\s+day|operation\s+.+|battle\s+of\s+.+|phase\s+.+|siege\s+of\s+.+|(?:{MONTHS})\.?|"
                   r"(?:in|at|during|before|after|until|from)\s+(?!total\b|all\b).+)$", re.I)
# ("Total casualties:", "Overall losses:")
_TOTAL = re.compile(r"^(?:in\s+)?(?:(?:total|overall|combined|grand\s+total)(?:\s+(?:casualties|losses))?|altogether|"
                    r"all\s+sides|both\s+sides)$", re.I)
# words after a figure that make it everyone's: "35 killed overall", "149 killed in total (all sides)"
_TOTAL_AFTER = re.compile(r"[^,;\n]{0,40}?\b(?:overall|in\s+total|total(?=\s*\.)|altogether|combined|all\s+(?:the\s+)?sides|"
                          r"both\s+sides)\b", re.I)
_HEADING = re.compile(r"^(?P<label>[^\d:()]{2,80}?)\s*:\s*(?P<rest>.*)$", re.S)
# possessive blanks: a run of thousands of tabs is passed once, not once per way to cut the name
_LEAD_NAME = re.compile(r"^(?P<name>[A-Z][^\d()~≈:,;\s]*(?:[ ][^\d()~≈:,;\s]+){0,5})\s++"
                        r"(?=(?:[~≈]|c\.|ca\.|about|at\s+least|over)?\s*+\d)")
# (a copy's reference markers may stand right after the count: "1,170–1,260[1]", "45[3][4]")
_AFTER_BARE = re.compile(r"\s*(?:\[[^\[\]\s]{1,8}\]\s*)*(?:$|[,;(:)+&]|<hr|\band\b|\bor\b|\btotal\b|\bper\b|\baccording\b|\bincluding\b(?!\s*:)|"
                         r"(?:estimated|confirmed|unconfirmed|reported|approx(?:imately|\.)?|est\.)(?:$|[\s,;(]))", re.I)
# in a field that says what happened (Deaths: 76 in Tchoma Bangou, ~30 in Zaroumdareye): where, when
# or whose people: "14 civilian employees of Turkish Armed Forces"
_AFTER_FIELD = re.compile(r"\s+(?:in|at|on|near|during|from|since|as\s+of|under)\s+\S|\s+of\s+(?:the\s+)?(?-i:[A-Z])", re.I)
# "60 per Burkina Faso", "52 dead (27 militants and 22 civilians) per HRW": a claimant without brackets
_BARE_PER = re.compile(r"(?:(?<=\d)(?:\+|(?:\s+[^\W\d]\w*){1,3})?|(?<=\)))\s+(?P<label>(?:per|according\s+to)\s+(?:the\s+)?[A-Z][^,;()\n]{0,60})"
                       # "4 killed (per Mali": a bracket the copy cut before it closed
                       r"|(?<=\w)\s+\((?P<cut>(?:per|according\s+to)\s+(?:the\s+)?[A-Z][^,;()\n]{0,60})$")
_YEAR_CITED = re.compile(r"(?:1[0-9]|20)\d\d\)")
_SEPARATORS = re.compile(r"[,;]|<hr\s*/?>|\s[-–—_=]{3,}(?=\s)", re.I)  # (a rule drawn mid-row: "... ---- Per SDF:")
_CIVILIANS = re.compile(r"^(?:(?:civilians?|non-combatants?|villagers|residents|locals|population|people)|"
                        # "Civilian casualties" over the rows below it, with or without its colon
                        r"(?:civilians?|non-combatants?)\s+(?:casualties|losses|deaths|dead|killed|toll|victims))$", re.I)


@dataclass
class Label:
    """What a label in a row says: a claimant (``att``), a counted party (``side``) or a scope."""

    kind: str  # claimant | party | scope
    start: int
    end: int
    att: attribution.Attribution | None = None
    side: str | None = None
    heading: bool = False  # governs the rows below it, not only its own figures
    total: bool = False  # a scope of everyone ("Total:", "Overall:")
    category: str | None = None  # a label of what happened ("Killed: 183")
    part: bool = False  # a scope of a part of the same counts ("From May to July:"): it keeps who says and whose


@dataclass
class RowFigure:
    """One figure of a casualty row with what its labels say of it."""

    fig: Figure
    line: tuple[int, int]
    att: attribution.Attribution | None
    party: str | None  # the side a label names as the counted party
    rule: str
    att_from: str | None = None  # "label" (after the figure) | "heading" | None
    total: bool = False  # "Total: 30", "35 killed overall": everyone's, in a row of no side's own
    everyone: bool = False  # says so in its words: "overall", "41 (40 CRPF personnel, 1 suicide bomber)"
    headed_at: int | None = None  # where the party heading over it starts ("Civilian casualties")
    part_at: int | None = None  # where the heading of a part over it starts ("Operation Yoram:", "July 16:")
    claimed_at: int | None = None  # where the claimant heading over it starts ("Per Ukraine:")

    @property
    def claimant_key(self) -> str:
        return "; ".join(s.name.lower() for s in self.att.sources) if self.att else ""


MAX_LABEL = 120  # characters: a label is a few words; a longer run is text (and costs time to match)


def classify(text: str, sv, res: Resources) -> Label | None:
    """What a label says, or None when it says nothing warlog reads ("(Jena)", "(own losses)")."""
    t = text.strip().strip(":").strip()
    t = _DATED.sub("", t) if len(t) <= MAX_LABEL else t  # "Sun Yuanliang's report at noon on 31st October 1937"
    if not t or len(t) > MAX_LABEL or re.search(r"\d", t) and not _PER.match(t):
        return None
    if t.lower() in res.lexicon.category_of:
        return None  # "Killed:" says what happened, not who says so
    reg, lex = res.actors, res.lexicon
    if (_SCOPE.match(t) or _PART.match(t)) and not _PER.match(t):
        return Label("scope", 0, 0, total=bool(_TOTAL.match(t)), part=bool(_PART.match(t)))
    if (m := _PER.match(t)) or (m := lex.patterns.row_claim.match(t)):
        if _SCOPE.match(m.group("who").strip()):
            return Label("scope", 0, 0)  # "(official figure)", "(initial estimate)": how sure, not who says so
        who = re.sub(r"^(?:the\s+)?(?:unofficial|official|initial|other|some)\s+", "", m.group("who"), flags=re.I)
        who = _AS_OF.sub("", who)  # "Per Ukraine (as of 2 March)": the day it said so is no name
        att = attribution.parse_claimant(who, reg, lex)
        return Label("claimant", 0, 0, att=att) if att else None
    if _CIVILIANS.match(t):
        return Label("party", 0, 0, side="civilians")
    side = _party_side(t, sv, reg)
    if side is not None:
        # a belligerent of no side here is still whose losses the row gives, not who says so
        return Label("party", 0, 0, side=side)
    if attribution.names_claimant(t, reg, lex) or _names_reporter(t, lex) or _ACRONYM.fullmatch(t) or _writer(t, res):
        # "355 (MSF)", "502 (SOHR)": an organisation by its initials, no belligerent here, says so;
        # "11 Plataeans (Herodotus)": a writer's name, no place's
        att = attribution.parse_claimant(t, reg, lex)
        return Label("claimant", 0, 0, att=att) if att else None
    return None


def _writer(t: str, res: Resources) -> bool:
    """A name of one or two capitalised words that is no place, actor or month ("Herodotus", "Gaston
    Bodart"): who gave the figures, as historians are cited in brackets."""
    return bool(_WRITER.fullmatch(t)) and not _MONTH_NAME.match(t) and not _FORCE_NAME.search(t) and not res.actors.find(t) \
        and not res.gazetteer.candidates(t)


_WRITER = re.compile(r"(?-i:[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)")
_MONTH_NAME = re.compile(rf"(?:{MONTHS})\b")


_ACRONYM = re.compile(r"(?-i:[A-Z]{2,6})")
_DAY_HEADING = re.compile(rf"^(?P<label>(?:{MONTHS})\.?\s+\d{{1,2}}|\d{{1,2}}\s+(?:{MONTHS})\.?)\s*:", re.I)
# a numbered unit of a side heading its part of the side's losses: "1st Marine Division:", "81st Infantry
# Division:" (the side's other units, and its total, follow in the same column)
_UNIT_HEADING = re.compile(r"^(?P<label>(?:[A-Z][\w.'’-]*\s+)?\d{1,3}(?:st|nd|rd|th)?\s+(?:[A-Z][\w.'’-]*\s+){0,3}"
                           rf"(?:{forces.alt('body_of_fighters')}))\s*:", re.I)
_RULE = re.compile(r"[-–—_=•·*]{2,}\s*")
_NAME_ONLY = re.compile(r"(?-i:[A-Z][\w'’.&-]*)(?:\s+(?-i:[A-Z][\w'’.&-]*|of|the|for|and)){0,4}")
# the day a claim was made, written after it: "report at noon on 31st October 1937", "estimate as of 2014"
_DAY_SAID = (r"(?<=\w)\s+(?:at\s+\w+\s+)?(?:on|as\s+of|of|in|dated|from)\s+"
             r"(?:\d{1,2}(?:st|nd|rd|th)?\s+)?(?:[A-Z][a-z]+\.?\s+)?(?:\d{1,2},?\s+)?\d{4}")
_DATED = re.compile(_DAY_SAID + r"$")
_AS_OF_HEADING = re.compile(r"\s*\((?:as\s+of|on|by|until|updated)\b[^()]*\)(?=\s*:)|" + _DAY_SAID + r"(?=\s*:)", re.I)
_AS_OF = re.compile(r"\s*\((?:as\s+of|on|by|until|updated)\b[^()]*\)\s*$", re.I)


def _party_side(text: str, sv, reg) -> str | None:
    """The side of a belligerent a label names as a whole ("Kenya", "US", "Ukrainian forces");
    "unknown" for a belligerent on no side of the event; None when the label names no belligerent."""
    found = reg.find(text)
    if len(found) != 1 or len(text) > 60:
        return None
    m = found[0]
    rest = (text[:m.start] + text[m.end:]).strip(" .,-")
    if rest and not re.fullmatch(r"(?:the\s+)?(?:forces|troops|army|military|side|losses|casualties|personnel|"
                                 r"armed forces|soldiers|government|police|security forces)?", rest, re.I):
        return None
    side = sv.of_actor(m.actor, reg)
    return side if side else "unknown" if m.actor.kind in BELLIGERENT_KINDS else None


def _names_reporter(text: str, lex) -> bool:
    words = lex.raw["infobox"]["reporter_words"]
    return bool(re.search(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b", text, re.I))


def row_figures(doc: Document, seg: Segment, res: Resources, sv, category: str | None = None,
                column: bool = True, bare: bool = True) -> list[RowFigure]:
    """Every figure of a casualty field with its claimant and counted party. ``category``: the
    field's own category (Deaths: killed), else a figure with none is `casualties`."""
    lex = res.lexicon
    text = seg.text
    out: list[RowFigure] = []
    heading_att, heading_party, heading_total, headed_at, said = None, None, False, None, None
    claimed_at = None
    part_at = None  # the part heading the rows: "Operation Yoram:", "July 16:", "81st Infantry Division:"
    closers: list[tuple[int, attribution.Attribution | None]] = []  # labels that open a line (None: a party heading)
    from .infobox import items

    for s, e in items(seg, split_commas=False):
        party_before = heading_party
        labels = _labels(text, s, e, sv, res)
        figs = [(f, "row") for f in figures.find(text, lex, s, e)]
        if bare:
            figs += [(f, "bare") for f in _bare(text, s, e, [f for f, _ in figs], res, category)]
            figs = _said_category(figs, labels)
        if category in ("killed", "wounded"):
            figs = _captives_of_field(text, figs, category, lex)
        figs.sort(key=lambda fr: fr[0].start)
        figs = _outside_claimants(figs, labels)
        figs = _people_carried(text, figs)
        own = _category_heading(text, s, e, lex) if bare else None
        if own or said and not any(rule == "row" for _, rule in figs):
            # "Killed in action:" over "11 naval officers", "3 SSG(N) officers": what the rows below count
            said = own or said
            figs = [(dataclasses.replace(f, category=said) if rule == "bare" and f.category == "casualties" else f, rule)
                    for f, rule in figs]
        else:
            said = None
        heads = [lab for lab in labels if lab.heading]
        first = next((lab for lab in labels if lab.kind == "claimant" and not lab.heading), None)
        if first is not None and (not figs or first.start < figs[0][0].start):
            # "(According to the MNLA)" on a line of its own, or opening one: it closes the rows above
            closers.append((s, first.att))
        if any(lab.heading and lab.kind == "party" for lab in labels):
            closers.append((s, None))  # "Civilian casualties", "Kenya:": a claimant below covers nothing above
        starts = [lab.start for lab in labels]
        stops = [i for i, lab in enumerate(labels) if lab.heading or lab.kind == "claimant"]
        h = 0  # headings are applied once each, in order: a row of many figures costs linear time
        row_party = None  # "United States 1 killed, 7 wounded": a row's leading party is its later figures' too
        for i, (fig, rule) in enumerate(figs):
            while h < len(heads) and heads[h].start <= fig.start:
                heading_att, heading_party = _apply(heads[h], heading_att, heading_party)
                heading_total = heads[h].total
                headed_at = heads[h].start if heads[h].kind == "party" else headed_at
                claimed_at = heads[h].start if heads[h].kind == "claimant" else claimed_at
                part_at = heads[h].start if heads[h].part else None
                h += 1
            att = _claimant_after(fig, labels, starts, stops)
            att_from = "label" if att else ("heading" if heading_att else None)
            nxt = figs[i + 1][0].start if i + 1 < len(figs) else None
            prefix = _prefix_party(fig, labels, starts)
            row_party = prefix if i == 0 else row_party
            party = _party_after(fig, labels, starts, nxt) or prefix or (row_party if not fig.subject else None) \
                or heading_party
            everyone = bool(_TOTAL_AFTER.match(text, fig.end, nxt or e)) or _breakdown(text, fig.end, e, lex, sv, res.actors)
            if sv.victims_are_civilians and (perps := _perpetrators(text, fig, e, lex, sv)):
                # a civilian attack's count whose bracket names its perpetrators: "1 (the perpetrator)" is
                # theirs, "22 (including the perpetrator)" everyone's
                if perps == "everyone":
                    everyone = True
                else:
                    party = perps
            out.append(RowFigure(fig, (s, e), att or heading_att, party, rule, att_from, heading_total or everyone, everyone,
                                 headed_at, part_at, claimed_at if att_from == "heading" else None))
        _everyones_list(text, out[len(out) - len(figs):])
        for lab in heads[h:]:
            heading_att, heading_party = _apply(lab, heading_att, heading_party)
            heading_total = lab.total
            part_at = lab.start if lab.part else None  # "81st Infantry Division:" on a line of its own
            headed_at = lab.start if lab.kind == "party" else headed_at
            claimed_at = lab.start if lab.kind == "claimant" else claimed_at
        if not column and any(lab.kind == "party" and figs and lab.start < figs[-1][0].start for lab in heads[:h]):
            # "Civilians: 5,469 killed, 9,653 wounded" on a line of its own figures: a prefix of that
            # line, not a heading over the next column's lines of a flattened block
            heading_party = party_before
    return _labels_over_lines(out, closers, column)


def _everyones_list(text: str, row: list[RowFigure]) -> None:
    """"460 killed and 180 wounded from all the sides": words that make the last figure of a list
    everyone's make the list's (joined by "and" or commas, no bracket between). In place."""
    if len(row) < 2 or not row[-1].everyone:
        return
    for a, b in zip(row[-2::-1], row[:0:-1]):
        if not _LIST_JOIN.fullmatch(text, a.fig.end, b.fig.start):
            return
        a.everyone = a.total = True


_LIST_JOIN = re.compile(r"[^\d()\[\];\n]{0,40}")
_HEAD_END = re.compile(r"\s*:\s*$|^[^\d]{0,40}$")


def _category_heading(text: str, s: int, e: int, lex) -> str | None:
    """The category a heading line names for the rows below it: "Killed in action (total 18):",
    "Over 1,300 killed:", "Wounded in Action" on a line of its own; None for any other line."""
    line = text[s:e].strip()
    if not line or len(line) > 60 or not _HEAD_END.search(line) or len(line.rstrip(": ").split()) > 6:
        return None
    cats = {lex.category_of.get(m.group(0).lower()) for m in lex.patterns.category_in.finditer(line)} - {None}
    # "54,000 dead, wounded or missing:" heads parts of a loss of several kinds: no one category
    return cats.pop() if len(cats) == 1 else None


def _captives_of_field(text: str, figs: list, category: str, lex) -> list:
    """"Deaths: 1 hostage, 2 soldiers": in a field that says what happened, hostages and prisoners are
    who died (or were hurt), not a count of captives; a figure that continues one such takes it too."""
    out, converted = [], False
    for fig, rule in figs:
        name = fig.rule.split("/")[-1].split(".v")[0]
        words = text[fig.qty.end:fig.end].split()
        # "1 hostage" among the dead died; "76 taken hostage" in an injuries row were taken
        taken = len(words) >= 2 and words[-2].lower() in lex.raw["taking"]["verbs"]
        # (the people's noun may be of several words: "425 prisoners of war")
        captive = fig.category == "captured" and not taken \
            and any(lex.category_of.get(" ".join(words[-n:]).lower()) == "captured" for n in (1, 2, 3) if len(words) >= n)
        if captive and name in ("bare", "noun") or converted and name in ("chain", "shared"):
            fig = dataclasses.replace(fig, category=category)
            converted = True
        else:
            converted = False
        out.append((fig, rule))
    return out


def _said_category(figs: list, labels: list[Label]) -> list:
    """A figure of no category word right after a category label ("Killed: 183") counts that category."""
    cats = [lab for lab in labels if lab.kind == "category"]
    if not cats:
        return figs
    ends = [c.end for c in cats]
    out = []
    for fig, rule in figs:
        # the last category label ending before the figure, right before it (labels sorted: linear time)
        i = bisect.bisect_right(ends, fig.start) - 1
        lab = cats[i] if i >= 0 and fig.start - cats[i].end <= 3 else None
        if lab is not None and rule == "bare":
            fig = dataclasses.replace(fig, category=lab.category, rule="field")
        out.append((fig, rule))
    return out


def _perpetrators(text: str, fig, end: int, lex, sv) -> str | None:
    """The perpetrators' side where a count's bracket is of them alone, "everyone" where it includes
    them, else None."""
    P = lex.patterns
    if fig.subject is None and P.perpetrators_only.match(text, fig.end, end):
        return "A" if "A" in sv.labels else None  # (a civilian attack's perpetrators are its side A)
    return "everyone" if P.perpetrators_among.match(text, fig.end, end) else None


def _breakdown(text: str, pos: int, end: int, lex, sv, reg) -> bool:
    """"41 (40 CRPF personnel, 1 suicide bomber)": a figure broken down, in brackets, into the
    counts of several parties is a total of them all; not when every part named is one side's
    ("195 killed (2+ Russians, 1 Iranian)" beside Syria: that side's losses by nationality)."""
    m = _BRACKETS.match(text, pos, end)
    if not m:
        return False
    first = lead.end() if (lead := _SUBSET_LEAD.match(text, m.start(1), m.end(1))) else m.start(1)
    cuts = [first, *(x for sep in _PART_SEP.finditer(text, first, m.end(1)) for x in sep.span()), m.end(1)]
    parts = list(zip(cuts[::2], cuts[1::2]))
    if len(parts) < 2 or not all(_counts_people(text, a, b, lex) for a, b in parts):
        return False
    named = {sides.side_of_subject(text[a:b], figures.subject_kind(text[a:b], lex), sv, reg) for a, b in parts}
    if named == {None} or named == {"civilians"} and sv.victims_are_civilians:
        return False  # "Deaths: 14 (13 immediate, 1 died four months later)": parts by when or how, not by whose
    return not (len(named) == 1 and None not in named and "civilians" not in named)


_BRACKETS = re.compile(r"\s*\(([^()]{3,200})\)")
# ("27 (including 5 perpetrators, 17 law enforcement officers and 5 civilians)": the parts after it)
_SUBSET_LEAD = re.compile(r"\s*(?:including|incl\.|of\s+whom|among\s+them)\s+", re.I)
_PART_SEP = re.compile(r"\s*(?:[,;]|\band\b)\s*", re.I)


def _counts_people(text: str, s: int, e: int, lex) -> bool:
    """A part that is a count of someone: a number first, then words ("40 CRPF personnel", "one suicide bomber")."""
    lead = len(text[s:e]) - len(text[s:e].lstrip())
    q = next(iter(figures.quantities(text, s + lead, e, lex.patterns)), None)
    return q is not None and q.start() == s + lead and bool(re.match(r"\s+[A-Za-z]", text[q.end():e]))


def _labels_over_lines(rows: list[RowFigure], closers: list, column: bool) -> list[RowFigure]:
    """A list of rows closed by a claimant label ("88 killed / 100+ missing / 455 wounded (SLA claim)")
    is that claimant's: the label covers the unlabelled rows above it, up to a labelled row or heading.
    In a flattened block (both sides' rows in one) only a label that stands at a line's start closes
    the rows above; a label after a figure covers its own row."""
    carry, carried_from, boundary = None, None, None
    closers = sorted(closers, key=lambda c: c[0])
    for rf in reversed(rows):
        while closers and closers[-1][0] > rf.line[0]:
            carry, carried_from = closers.pop()[1], None
        if boundary is not None and rf.fig.start < boundary:
            carry = None  # a party heading between: "18 killed, Civilian casualties, 7 killed (X claim)"
        boundary = rf.headed_at
        if rf.att_from == "label":
            carry, carried_from = (rf.att if column else None), rf.line
        elif rf.att_from == "heading":
            carry = None
        elif carry is not None and rf.line != carried_from:
            # (a label's own line is read by _claimant_after: "78 killed (153 killed according to X)")
            rf.att, rf.att_from = carry, "label"
    return rows


def _apply(lab: Label, att, party):
    """The claimant and party in force after a heading."""
    if lab.kind == "claimant":
        return lab.att, None
    if lab.kind == "party":
        return att, lab.side
    if lab.part:
        return att, party
    return None, None  # a scope ("Total:") ends what came before


def _labels(text: str, s: int, e: int, sv, res) -> list[Label]:
    out = []
    for m in _BARE_PER.finditer(text, s, e):
        # "60 per Burkina Faso, 136 per CISC": a claimant without brackets
        group = "label" if m.group("label") else "cut"
        lab = classify(m.group(group).strip(" ,;"), sv, res)
        if lab and lab.kind == "claimant":
            lab.start, lab.end = m.start(group), m.end()
            out.append(lab)
            opened = text.rfind("(", s, m.start())
            if opened >= 0 and ")" not in text[opened:m.start()]:
                # "78 killed (153 killed according to Russian sources)": the bracket's own figure is theirs,
                # not the one before the bracket
                out.append(Label("claimant", opened, opened))
    unread = []
    for m in _PAREN.finditer(text, s, e):
        # "(LNA claim, 31 May 2018)": a claimant and the day it said so
        found = False
        for part in re.split(r";|,(?=\s*\d)", m.group(1)):
            lab = classify(part, sv, res)
            if lab:
                lab.start, lab.end = m.start(), m.end()
                out.append(lab)
                found = True
        if not found and _NAME_ONLY.fullmatch(m.group(1).strip()) and re.search(r"\d\+?\s*$", text[s:m.start()]):
            unread.append(m)
    if unread and any(lab.kind == "claimant" for lab in out):
        # "345 (HRW), 400 (Amnesty), 800 (AP)": a name in brackets after a figure, among claimants'
        # brackets, is a claimant too, known or not
        for m in unread:
            att = attribution.Attribution([attribution.source(m.group(1), res.actors, res.lexicon)], [])
            out.append(Label("claimant", m.start(), m.end(), att=att))
    pos = s
    for sep in [*_SEPARATORS.finditer(text, s, e), None]:
        _piece_label(text, pos, sep.start() if sep else e, sv, res, out)
        pos = sep.end() if sep else e
    starts = {lab.start for lab in out}
    for m in layout().inline_claim.finditer(text, s, e):
        # "... 90 wounded Argentine Estimate: 1,200 dead": a heading inside a row that lost its breaks
        if m.start() not in starts and (lab := classify(m.group("label"), sv, res)):
            lab.start, lab.end, lab.heading = m.start(), m.end(), True
            out.append(lab)
    return sorted(out, key=lambda lab: lab.start)


def _piece_label(text: str, s: int, e: int, sv, res, out: list[Label]) -> None:
    """A heading ("Per Ukraine:", "Total:"), a prefix ("Syrian claim: 55 killed") or a leading
    party name ("United States 1 killed") in one comma-separated piece of a row."""
    # "Per Ukraine (as of 2 March):": the day it said so, blanked so that the heading reads as one
    raw = _AS_OF_HEADING.sub(lambda m: " " * len(m.group(0)), text[s:e])
    lead = len(raw) - len(raw.lstrip())
    piece = raw.strip()
    if not piece or piece.startswith("("):
        return
    if (rule := _RULE.match(piece)) and piece[rule.end():]:
        # "---- Per SDF:": a rule the copy drew between two claimants' parts of one row
        lead += rule.end()
        piece = piece[rule.end():]
    if (day := _DAY_HEADING.match(piece) or _UNIT_HEADING.match(piece)) is not None:
        # "July 16: 23 KIA", "81st Infantry Division:": a part of the same counts, under the same claimant and party
        out.append(Label("scope", s + lead, s + lead + day.end("label"), heading=True, part=True))
        return
    m = _HEADING.match(piece)
    if m and (cat := res.lexicon.category_of.get(m.group("label").strip().lower())):
        # "Killed: 183", "Wounded: 40": what the figures after it count
        out.append(Label("category", s + lead, s + lead + m.start("rest"), category=cat))
        return
    if m and (both := _party_and_category(m.group("label"), sv, res)):
        # "Civilians killed: 13": whose people, and what happened to them
        party, cat = both
        party.start, party.end, party.heading = s + lead, s + lead + m.start("rest"), True
        out += [party, Label("category", s + lead, s + lead + m.start("rest"), category=cat)]
        return
    if m and re.search(r"[A-Za-z]", m.group("label")):
        lab = classify(m.group("label"), sv, res) or _force_heading(m.group("label")) or _named_claimant(m.group("label"), res)
        if lab:
            lab.start, lab.end, lab.heading = s + lead, s + lead + m.start("rest"), True
            out.append(lab)
        return
    if len(piece) <= MAX_LABEL and not re.search(r"\d", piece) and _CIVILIANS.match(piece):
        # a line "Civilian casualties" in a flattened list: the civilians' rows follow
        out.append(Label("party", s + lead, s + lead + len(piece), side="civilians", heading=True))
        return
    if len(piece) <= MAX_LABEL and not re.search(r"\d", piece) and (_PER.match(piece) or res.lexicon.patterns.row_claim.match(piece)):
        lab = classify(piece, sv, res)
        if lab:
            lab.start, lab.end, lab.heading = s + lead, s + lead + len(piece), True
            out.append(lab)
        return
    m = _LEAD_NAME.match(piece)
    if m:
        lab = classify(m.group("name"), sv, res)
        if lab and lab.kind == "party":
            lab.start, lab.end = s + lead, s + lead + m.end("name")
            out.append(lab)


_PROPER = re.compile(r"^(?:[A-Z][\w'’.-]*)(?:\s+(?:[A-Z][\w'’.-]*|of|de|von|van|du|al-\w+))*$")


# the last word of a body of fighters: "National Militia:", "Brigade 2506:", "5th Brigade:" head its losses
_FORCE_NAME = re.compile(rf"\b(?:{forces.alt('body_of_fighters')})\b(?:\s+\d+)?$", re.I)


def _party_and_category(label: str, sv, res) -> tuple[Label, str] | None:
    """A label of whose people and what befell them: "Civilians killed", "Israeli soldiers wounded"."""
    words = label.strip().split()
    cat = res.lexicon.category_of.get(words[-1].lower()) if len(words) >= 2 else None
    party = classify(" ".join(words[:-1]), sv, res) if cat else None
    return (party, cat) if party is not None and party.kind == "party" else None


def _force_heading(label: str) -> Label | None:
    """A heading naming a body of fighters the registry does not know: whose losses follow, of no
    side it can tell (the rows' place tells), and no claimant."""
    label = label.strip()
    if len(label) <= 60 and _FORCE_NAME.search(label) and re.match(r"[A-Z0-9]", label):
        return Label("party", 0, 0, side="unknown")
    return None


def _named_claimant(label: str, res) -> Label | None:
    """"Polybius :", "Horst Schulz:": a name standing as a heading gives figures: a claimant."""
    label = label.strip()
    if not _PROPER.match(label) or len(label.split()) > 5 or _FORCE_NAME.search(label):
        return None
    att = attribution.parse_claimant(label, res.actors, res.lexicon)
    return Label("claimant", 0, 0, att=att) if att else None


def _claimant_after(fig: Figure, labels: list[Label], starts: list[int], stops: list[int]) -> attribution.Attribution | None:
    """The first claimant label after the figure, before any heading that follows it: it covers
    this figure and the unlabelled ones before it. ``stops``: the indices of the headings and claimant
    labels, so that a row of thousands of other labels costs linear time."""
    k = bisect.bisect_left(stops, bisect.bisect_left(starts, fig.end))
    if k == len(stops):
        return None
    lab = labels[stops[k]]
    return None if lab.heading else lab.att


def _people_carried(text: str, figs: list) -> list:
    """"9 civilians killed, 6 wounded", "132 hostages killed, over 700 injured": a figure with no
    people of its own, right after one with people in the same list, counts the same people."""
    out = []
    for fig, rule in figs:
        prev = out[-1][0] if out else None
        if fig.subject is None and prev is not None and prev.subject and _LIST_GAP.fullmatch(text, prev.end, fig.start):
            fig = dataclasses.replace(fig, subject=prev.subject, subject_kind=prev.subject_kind)
        out.append((fig, rule))
    return out


_LIST_GAP = re.compile(r"\s*[,;]\s*(?:and\s+)?|\s+and\s+")


def _outside_claimants(figs: list, labels: list[Label]) -> list:
    """The figures that do not stand inside a claimant label ("(per the 2012 count)")."""
    spans = sorted((lab.start, lab.end) for lab in labels if lab.kind == "claimant")
    if not spans:
        return figs
    starts = [a for a, _ in spans]
    reach, furthest = [], -1
    for _, b in spans:  # the furthest end of the spans up to each: overlapping labels too
        furthest = max(furthest, b)
        reach.append(furthest)
    out = []
    for f, r in figs:
        i = bisect.bisect_right(starts, f.start) - 1
        if not (i >= 0 and f.start < reach[i]):
            out.append((f, r))
    return out


def _party_after(fig: Figure, labels: list[Label], starts: list[int], nxt: int | None) -> str | None:
    """A party label right after the figure ("8 killed (US)"), before the next figure."""
    for lab in labels[bisect.bisect_left(starts, fig.end):]:
        if nxt is not None and lab.start >= nxt:
            return None
        if lab.kind == "party" and not lab.heading:
            return lab.side
    return None


def _prefix_party(fig: Figure, labels: list[Label], starts: list[int]) -> str | None:
    """A party named just before the figure in its piece ("Kenya: 150 killed", "Libya 740 killed")."""
    for lab in labels[max(0, bisect.bisect_left(starts, fig.start) - 3):bisect.bisect_right(starts, fig.start)]:
        if lab.kind == "party" and lab.end <= fig.start and fig.start - lab.end <= 3:
            return lab.side
    return None


def _bare(text: str, s: int, e: int, found: list[Figure], res: Resources, category: str | None) -> list[Figure]:
    """Figures with no category word: the row's whole loss ("5,700–8,000", "23,000 (3,100 killed...)",
    "Deaths: 14 soldiers")."""
    lex = res.lexicon
    P = lex.patterns
    out = []
    for m in figures.quantities(text, s, e, P):
        q = from_match(m, lex)
        if q is None or (q.qualifier == "vague" and not category and not _vague_cell(text, s, e, q)) \
                or any(f.start <= q.start < f.end or q.start <= f.start < q.end
                                                        for f in found):
            continue
        if q.qualifier != "vague" and figures.not_a_count(text, q, text[max(s, q.start - figures.WINDOW):q.start], P):
            continue
        if q.low == 0 and q.high == 0:
            continue  # "Fatalities: 0": no one, as "None" is; a row says so, it counts no one
        if _YEAR_CITED.match(text, q.start, e) and text[max(s, q.start - 1):q.start] == "(":
            continue  # "Novitsky (1911)", "Gaston Bodart (1908)": the year of a work cited
        if out and out[-1].category == "casualties" and _subset(text, s, q.start, P) \
                and (part := figures.part_category(text, q, e, lex)):
            # "9,200 including 4,000 prisoners": a part of the casualties that says what befell them
            words = P.subject.match(text, q.end, e) or P.verb_after.match(text, q.end, e)
            out.append(Figure(q, q.start, words.end(), None, None, part, "field"))
            continue
        # a row that is a list of counts ("73 insurgents 1 soldier", "11 naval officers"): each names its
        # people; inside a sentence or after other words, a bare figure names no one
        before = text[s:q.start].strip(" -–•*\t")
        lead = not before or before.endswith(":") or bool(out) and out[-1].subject and not text[out[-1].end:q.start].strip(" ,;")
        subject, end = _bare_people(text, q.end, e, res) if category or lead else (None, q.end)
        if end >= 0 and _NOT_LOSS.match(text, end, e):
            continue  # "~60,000 Azerbaijanis and Kurds displaced": people who lived
        if end < 0 or not (_AFTER_BARE.match(text, end, e) or category and _AFTER_FIELD.match(text, end, e)) \
                or _inside_paren_after_figure(text, s, q.start, found) \
                or _subset(text, s, q.start, P):
            continue
        said = _PAREN_WORD.match(text, end, e)
        said = lex.category_of.get(said.group(1).lower()) if said else None  # "43 (disappeared)"
        out.append(Figure(q, q.start, end, subject, figures.subject_kind(subject, lex),
                          said or category or "casualties", "field" if category or said else "total"))
    return out


def _vague_cell(text: str, s: int, e: int, q) -> bool:
    """A casualty cell that is a vague amount alone, of a few words ("Dozens (per Niger)", "unknown
    number of horse archers"): the column's losses, not said how many."""
    return not text[s:q.start].strip(" -–•*\t") and bool(_VAGUE_REST.fullmatch(text, q.end, e))


_VAGUE_REST = re.compile(r"(?:\s+(?:of\s+)?(?:[^\W\d]+\s+){0,3}[^\W\d]+)?\s*(?:\([^()\d]{2,60}\))?[\s.,;]*")


def _bare_people(text: str, pos: int, e: int, res: Resources) -> tuple[str | None, int]:
    """Who a figure of no category word counts, named right after it: people ("73 insurgents",
    "14 soldiers") or a belligerent ("3000 UNITA", "2 VDP", "39 Cuba"); (None, pos) when no one is,
    (None, -1) when the people are no casualties ("50,000 refugees")."""
    P = res.lexicon.patterns
    subj = P.subject.match(text, pos, e)
    people, end = (subj.group("subj"), subj.end()) if subj else (None, pos)
    if subj and (more := P.subject.match(text, end, e)) and more.start("subj") == end + 1 \
            and more.group("subj").split()[-1].lower() not in res.lexicon.category_of:
        # whose people, then who they were: "425 Texian Army prisoners of war"
        people, end = text[subj.start("subj"):more.end("subj")], more.end()
    if subj:
        last = people.split()[-1].lower()
        if last in res.lexicon.category_of:
            return None, pos  # "41 wounded": what happened, read by the figure finder
        if last in P.things or " ".join(people.lower().split()) in P.things:
            return None, -1  # "50,000 refugees", "4 suspects", "100,000+ internally displaced persons": no casualties
        return people, end
    lead = len(text[pos:e]) - len(text[pos:e].lstrip(" "))
    if 0 < lead <= 2:
        for m in res.actors.find(text[pos + lead:min(e, pos + lead + MAX_LABEL)])[:1]:
            # a belligerent's name, or its people ("132 Israelis"); not a nationality word ("27 (2 Malian,
            # 1 Belgian)" counts victims by it)
            written = text[pos + lead + m.start:pos + lead + m.end]
            if m.start == 0 and m.actor.kind in BELLIGERENT_KINDS and (not m.by_demonym or written.endswith("s")):
                end = pos + lead + m.end
                # and the people of it named after it: "425 Texian Army prisoners of war"
                people = res.lexicon.patterns.subject.match(text, end, e)
                end = people.end() if people and text[end:people.start("subj")].strip() == "" else end
                return text[pos + lead:end], end
    return None, pos


_PAREN_WORD = re.compile(r"\s*\(\s*([A-Za-z][\w ]{0,30}?)\s*\)")
# what the rest of a bare count's piece says happened to people who are no casualties
_NOT_LOSS = re.compile(r"[^,;()\n]{0,40}?\b(?:displaced|evacuated|fled|rescued|freed|released|escaped|homeless|"
                       r"made\s+refugees|resettled|relocated)\b", re.I)


BRACKET_REACH = 200  # characters: how far back a figure's opening bracket is looked for


def _subset(text: str, s: int, pos: int, P) -> bool:
    """"119 civilians (including 45 children)", "108 (including 25 men, 34 women)": parts of the
    count before, no count of their own."""
    near = max(s, pos - BRACKET_REACH)  # brackets are looked for nearby: a row of thousands of figures costs linear time
    opened = text.rfind("(", near, pos)
    if opened > text.rfind(")", near, pos):
        return bool(P.including.search(text, opened, pos))
    return bool(P.including.search(text, max(s, pos - 30), pos))


def _inside_paren_after_figure(text: str, s: int, pos: int, found: list[Figure]) -> bool:
    """"858 civilians killed (256 by disease)": a number in a figure's parenthesis is a part of it."""
    near = max(s, pos - BRACKET_REACH)
    opened = text.rfind("(", near, pos)
    return opened > text.rfind(")", near, pos) and bool(found) and found[0].end <= opened


def to_claim(doc: Document, seg: Segment, rf: RowFigure, side: str, row_start: int) -> Claim:
    fig = rf.fig
    s, e = seg.source_span(fig.start, fig.end)
    att = rf.att
    return Claim(side=side, subject=fig.subject, category=fig.category, low=fig.qty.low, high=fig.qty.high,
                 qualifier=fig.qty.qualifier, sources=list(att.sources) if att else [],
                 via=list(att.via) if att else [], stated_on=None, origin="infobox", text=doc.text[s:e], start=s,
                 end=e, extractor=f"{RULE}/{fig.rule}", statement=row_start)


def side_of(rf: RowFigure, default: str, sv, reg) -> str:
    """Whose people: the figure's own words ("Malian soldiers"), else a party label, else the column."""
    fig = rf.fig
    if fig.subject_kind == "civilians":
        return "civilians"
    # ("servicemen" where both sides are states: the column's, where the row has one)
    named = (sides.side_named if default in sv.labels else sides.side_of_subject)(fig.subject, fig.subject_kind, sv, reg) \
        if fig.subject else None
    return named or rf.party or default
