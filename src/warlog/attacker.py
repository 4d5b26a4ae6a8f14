"""The side that acted: whose forces attacked, or the perpetrators of violence against civilians (ACLED's
``actor1``). Side A is only the infobox's first column; the attacker is read from the text.

Rules, tried in order; the one that decides is kept on the event as ``attacker_rule``:
- ``attacker.perpetrators.v1``: an {{Infobox civilian attack}} names its perpetrators, who are side A.
- ``attacker.subject.v1``: the first sentence of the event's own text with an attack verb (the
  lexicon's ``attack_verbs``) whose doer names one side: in the active voice the people named before
  the verb in its clause ("On January 27, militants from JNIM attacked a base"), in the passive those
  after "by" ("the convoy was ambushed by JNIM fighters"). The doer's side is the side of the first
  actor it names (or an ally of one), else the side its people's kind points to ("jihadists" -> the
  armed group's side).
- ``attacker.one_sided.v1``: violence against civilians with one side only: that side did it.
No rule deciding, ``attacker`` stays null (exports then take side A).
"""
from __future__ import annotations

import functools
import re

from . import sentences, sides
from .figures import subject_kind
from .lexicon import _alt
from .records import Event
from .resources import Resources

# where the doer's clause starts: a punctuation mark, a line break, a subordinating word ("killed when JNIM attacked")
_CLAUSE_END = re.compile(r"[,;:\n\u2014]|\s\u2013\s|\b(?:when|after|as|while|because|where|which|who|that|and then)\s", re.I)
_PASSIVE = re.compile(r"\b(?:was|were|been|being|is|are|be)\s+(?:\w+\s+){0,2}$", re.I)  # "was never executed"
_BY = re.compile(r"^\s*(?:\w+\s+){0,6}?by\s+(?P<doer>[^,;:.]+)", re.I)


@functools.lru_cache(maxsize=8)
def _verbs(words: tuple[str, ...]) -> re.Pattern:
    return re.compile(rf"\b(?:{_alt(words)})\b", re.I)


def assign(ev: Event, text: str, res: Resources, perpetrators: bool = False) -> None:
    """Set ``ev.attacker`` ("A", "B"... or None) and ``ev.attacker_rule`` from the event's own ``text``;
    ``perpetrators``: the event's side A are the perpetrators an {{Infobox civilian attack}} names."""
    if perpetrators and "A" in ev.sides:
        ev.attacker, ev.attacker_rule = "A", "attacker.perpetrators.v1"
        return
    label = subject_side(ev, text, res)
    if label:
        ev.attacker, ev.attacker_rule = label, "attacker.subject.v1"
        return
    acting = [label for label, side in ev.sides.items() if side.belligerent]
    if ev.violence_type == 3 and len(acting) == 1:
        ev.attacker, ev.attacker_rule = acting[0], "attacker.one_sided.v1"


def subject_side(ev: Event, text: str, res: Resources) -> str | None:
    """The side of the first attack verb's doer in ``text`` that names one of the event's sides."""
    sv = sides.view(ev.sides, res.actors)
    if not sv.labels:
        return None
    verbs = _verbs(tuple(res.lexicon.raw.get("attack_verbs") or ()))
    for s, e in sentences.spans(text):  # to the first sentence that says: the rest is not split
        sentence = text[s:e]
        for m in verbs.finditer(sentence):
            doer = _doer(sentence, m)
            label = _side_of(doer, sv, res) if doer else None
            if label:
                return label
    return None


def _doer(sentence: str, verb: re.Match) -> str | None:
    """Who does the verb: the words after "by" in the passive, else the clause before it."""
    before = sentence[:verb.start()]
    if _PASSIVE.search(before):
        by = _BY.match(sentence[verb.end():])
        return by.group("doer") if by else None
    cuts = list(_CLAUSE_END.finditer(before))
    return before[cuts[-1].end():] if cuts else before


def _side_of(doer: str, sv: sides.SideView, res: Resources) -> str | None:
    reg = res.actors
    for mention in reg.find(doer):
        label = sv.of_actor(mention.actor, reg)
        if label:
            return label
    kind = subject_kind(doer.strip(), res.lexicon)
    return sides.side_of_subject(None, kind, sv, reg) if kind not in (None, "unknown", "civilians") else None
