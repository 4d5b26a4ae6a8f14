"""ACLED event and sub-event types and UCDP violence types, chosen by the rules in
``data/event_types.yaml`` from the sides' kinds, the people counted and the event's words.

UCDP violence_type: 1 state-based (a state's forces on one side), 2 non-state (armed groups on both
sides), 3 one-sided (an organised actor against civilians).
"""
from __future__ import annotations

import functools
import re
from importlib import resources

from . import yamlfile
from .actors import ARMED_KINDS, STATE_KINDS, Registry
from .figures import subject_kind
from .lexicon import _alt
from .records import Event
from .resources import Resources


@functools.lru_cache(maxsize=1)
def rules() -> list[dict]:
    data = yamlfile.load(resources.files("warlog.data").joinpath("event_types.yaml").read_text(encoding="utf-8"))
    out = []
    for rule in data["rules"]:
        rule = dict(rule)
        words = rule.get("words")
        if words:
            rule["_re"] = re.compile(r"\b(?:" + _alt(words) + r")s?\b", re.I)
            # the same on lowered ASCII text, beginning with plain letters (skipped to in C): see _says
            rule["_low"] = re.compile(r"(?:" + _alt(words) + r")s?\b")
        out.append(rule)
    return out


def known() -> list[str]:
    """The ACLED event types, then the sub-event types, that the rules assign, each in alphabetical order."""
    return sorted({r["event_type"] for r in rules()}) + sorted({r["sub_event_type"] for r in rules()})


def _kinds(ev: Event, reg: Registry, label: str) -> set[str]:
    side = ev.sides.get(label)
    if side is None or not side.belligerent:
        return set()
    return {reg.by_id[a.id].kind for a in side.actors if a.id in reg.by_id} or {"unknown"}


def _forces_counted(ev: Event, lex) -> bool:
    """Some claim counts fighters: a side's people, or soldiers/militants by the words."""
    return any(c.side not in ("civilians", "unknown") or subject_kind(c.subject, lex) in ("state", "armed", "pmc", "un")
               for c in ev.claims)


def _victims_civilian(ev: Event, lex) -> bool:
    return bool(ev.claims) and not _forces_counted(ev, lex) and not ("B" in ev.sides and ev.sides["B"].belligerent)


def assign(ev: Event, text: str, res: Resources) -> None:
    """Set the event's event_type, sub_event_type, violence_type and type_rule."""
    lex, reg = res.lexicon, res.actors
    a, b = _kinds(ev, reg, "A"), _kinds(ev, reg, "B")
    winner = _kinds(ev, reg, ev.result.winner) if ev.result.winner else set()
    low = text.lower() if text.isascii() else None
    for rule in rules():
        if rule.get("victims") == "civilians" and not _victims_civilian(ev, lex):
            continue
        if rule.get("two_sides") and not (a and b):
            continue
        if rule.get("forces_counted") and not _forces_counted(ev, lex):
            continue
        if rule.get("winner_kind") == "armed" and not winner & ARMED_KINDS:
            continue
        if rule.get("winner_kind") == "state" and not winner & STATE_KINDS:
            continue
        if rule.get("victims_or_target_only") and b & ARMED_KINDS and a & ARMED_KINDS:
            continue
        if rule.get("no_figures_but") and any(c.category != rule["no_figures_but"] for c in ev.claims):
            continue
        if "_re" in rule and not _says(rule, text, low):  # last: a search of the whole text costs most
            continue
        ev.event_type, ev.sub_event_type, ev.type_rule = rule["event_type"], rule["sub_event_type"], rule["id"]
        break
    ev.violence_type = _violence(ev, a, b, lex)


def _says(rule: dict, text: str, low: str | None) -> bool:
    """True when one of the rule's words stands in ``text`` (``rule["_re"]``). On ASCII text, lowered
    (``low``), a pattern without the leading boundary finds the candidates, and the boundary is
    checked on each: the same places, without trying the whole pattern at every character."""
    if low is None:
        return rule["_re"].search(text) is not None
    pos = 0
    while (m := rule["_low"].search(low, pos)) is not None:
        if m.start() == 0 or not _WORD_CHAR.match(low, m.start() - 1):
            return True
        pos = m.start() + 1
    return False


_WORD_CHAR = re.compile(r"\w")


def _violence(ev: Event, a: set[str], b: set[str], lex) -> int | None:
    if ev.event_type == "Violence against civilians":
        return 3
    if ev.event_type == "Strategic developments":
        return None
    if (a | b) & STATE_KINDS or any(subject_kind(c.subject, lex) == "state" for c in ev.claims):
        return 1
    if a & ARMED_KINDS and b & ARMED_KINDS:
        return 2
    return None
