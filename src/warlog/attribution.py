"""Who said so: the claimants and relays of the figures in a sentence.

A sentence's attributions come from "NP stated/told/claimed ..." (the subject before a reporting
verb), "corroborated by NP", "according to NP", "(per NP)" and "NP told MEDIA" (MEDIA relays).
A figure takes the nearest attribution before it; failing that, one after it ("..., officials said").
Pronouns and "the source"/"the group" resolve to the attribution or actor named last.
"""
from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, field

from . import countries
from .actors import Registry
from .lexicon import Lexicon
from .patterns import MONTHS, last_match
from .records import Source

_SCAN = 50  # how many attributions a figure looks through on either side
REACH = 300  # how far from its verb a claimant phrase is read, so a long sentence costs linear time
_BOUNDARY = re.compile(r"(?:,\s+|;\s+|\s*[—–]\s*|\bthat\s+|\(\s*|:\s+|\bwhile\s+|\bwhereas\s+|\balthough\s+|\bbut\s+|"
                       r"\bwith\s+(?=(?:\S+\s+){0,4}\S+\s*$))")  # "... with Burkinabe officials claiming"
_TRAIL_ADVERBS = re.compile(r"(?:\s+(?:also|later|initially|first|then|subsequently|reportedly|officially|"
                            r"had|has|have|which|who|further|again|eventually|soon|quickly|publicly|only|both))+\s*$", re.I)
# leading words that are no part of a claimant; "Earlier the government" (but "later reports")
_LEAD = re.compile(r"^(?:(?:and|but|while|although|whereas|as|so|then|with)\s+|(?:earlier|later|initially|subsequently|"
                   r"meanwhile|instead|officially|publicly|separately|also)\s+(?=(?:the|a|an)\b|(?-i:[A-Z])))+", re.I)
# two capitalised words before a reporting verb: a name ("The Associated Press reports that")
_NAME_BEFORE = re.compile(r"(?-i:[A-Z])[\w'’.-]*\s+(?-i:[A-Z])[\w'’.-]*\s+$")
# an attack claimed: its doer owns it, no figure ("which was claimed by", "the bombing was claimed by")
_RESPONSIBILITY = re.compile(r"(?:\bwhich|\bthat|\b(?:attack|attacks|bombing|bombings|ambush|raid|assault|massacre|"
                             r"blast|explosion|killing|killings|it))\s+(?:was|were|has\s+been|had\s+been|is)\s+"
                             r"(?:(?:later|quickly|subsequently|also)\s+)?$", re.I)
# a date before the claimant: "On 18 May local authorities told ...", "In March 2014, the governor said"
_DATE_LEAD = re.compile(rf"^(?:on|in|by|since)\s+(?:(?:\d{{1,2}}(?:st|nd|rd|th)?\s+)?(?:{MONTHS})\.?(?:\s+\d{{1,2}}(?:st|nd|rd|th)?)?"
                        rf"(?:,?\s+\d{{4}})?|\d{{4}}|(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday))\s*,?\s+", re.I)
_STATEMENT = re.compile(r"^(?P<who>.+?)\s+(?:released|issued|published|posted|put\s+out|sent|made)\s+(?:a|an|its|their|his|her)\s+"
                        r"(?:[\w-]+\s+){0,2}(?:statement|communiqu[eé]|video|report|message|press\s+release|release|"
                        r"bulletin|announcement)$", re.I)
_DET = re.compile(r"^(?:the|a|an)\s+", re.I)
# "RFI, citing local sources, stated", "A local civilian, on the other side, claimed": the aside is no name
_ASIDE = re.compile(r"^(?:citing|according|who|which|quoting|in\s+a|in\s+its|via|on\s+the\s+other\s+(?:side|hand)|"
                    r"however|meanwhile|instead|in\s+turn|in\s+contrast|for\s+(?:its|their|his|her)\s+part)\b", re.I)
# where the claimant's words end; a copy may lose a full stop: "according to Cameroonian officials Boko
# Haram fighters retreated" (the people who say so end it before a new capitalised word)
# (a finite verb ends it too: "the toll given by the GNA was sixteen killed")
_END_NP = re.compile(r"\s*(?:,|;|\.|\)|\bthat\b|\bon\s+(?=[A-Z0-9])|\bin\s+a\b|\bwhich\b|"
                     r"\b(?:was|were|is|are|had|has|have|stood|stands|reached|rose|put)\b|$)|"
                     r"(?:" + "|".join(rf"(?<=\b{w})" for w in ("officials", "sources", "authorities", "residents", "witnesses",
                                                                 "survivors", "activists", "locals")) + r")\s+(?=(?:the\s+)?[A-Z])")
_CAPITAL = re.compile(r"[A-Z]")
_APPOSITIVE = re.compile(r"^(?:the|a|an|its|his|her|their)\s+[a-z]")
_ENDS_CLAUSE = re.compile(r"\s*(?:$|[.,;:)\]\"”]|\b(?:on|in|at|late|early|earlier|later|last|this|yesterday|today|"
                          r"afterwards|after|before|when|while|as|to|by|via|through)\b)", re.I)
_CLOSED = re.compile(r"\([^()]*\)")
_WORDS = re.compile(r"[A-Za-z]+")
_LY_END = re.compile(r"(?:\s+(?:\w+ly|later|then|soon|also|again|first|since))+$")  # "was later put at 84"
_RELATIVE = re.compile(r"(?:,\s*|\b)(?:which|who)\s+(?:\w+ly\s+|also\s+|later\s+)?$", re.I)


def kind_words(lex: Lexicon | None = None) -> list[tuple[str, str]]:
    """A claimant phrase's kind from its words, the most telling first: the lexicon's
    attribution.kind_words (a user's lexicon's, where one is in use)."""
    return lex.remembered("kind_words", "", lambda _: [(w, k) for w, k in lex.raw["attribution"]["kind_words"]]) \
        if lex is not None else _packaged_kind_words()


@functools.lru_cache(maxsize=1)
def _packaged_kind_words() -> list[tuple[str, str]]:
    from .lexicon import load
    return kind_words(load())


REGISTRY_KIND = {"state": "state", "foreign_state": "state", "armed_group": "armed_group", "militia": "armed_group",
                 "pmc": "armed_group", "un_mission": "un", "media": "media", "ngo": "ngo"}


@dataclass
class Attribution:
    sources: list[Source]
    via: list[Source] = field(default_factory=list)
    pos: int = 0  # where in the sentence it starts to govern
    trailing: bool = False  # "according to", "(per X)": governs what comes before it too
    forward: bool = False  # "X said that ...": governs only what comes after it
    scope: tuple[int, int] | None = None  # "(142 according to official tallies)": only within its brackets


def source(name: str, reg: Registry, lex: Lexicon | None = None) -> Source:
    """A Source for a claimant phrase, resolved against the registry where it names an actor."""
    name = _DET.sub("", name.strip().strip(",;:\"'“”"))
    mentions = reg.find(name)
    actor = mentions[0].actor if mentions else None
    if actor is None and (code := countries.capital_of(name)):
        actor = reg.state(code)  # "Baku reported": Azerbaijan's government
    low = name.lower()
    word_kind = next((k for w, k in kind_words(lex) if w in low), None)
    kind = REGISTRY_KIND.get(actor.kind) if actor else None
    if word_kind in ("anonymous_source", "local_official", "witness", "report") or kind is None:
        # "an anonymous source in the Malian military" is a source first, of the army second
        kind = word_kind or kind
    return Source(name, kind or "unknown", actor.id if actor else None)


def names_claimant(text: str, reg: Registry, lex: Lexicon | None = None) -> bool:
    """True when a phrase names someone who could make a claim (an actor, a source, officials)."""
    if reg.find(text):
        return True
    low = text.lower()
    return any(word in low for word, _ in kind_words(lex))


def _names_someone(np: str, reg: Registry, lex: Lexicon) -> bool:
    """A claimant phrase names someone: a capitalised name ("Reuters", "the Malian army"), or words
    for people who report ("officials", "a local source", "survivors", "authorities"); "and", "they
    increased this number" name no one."""
    if _ANONYMOUS.match(np):
        return False
    if _CAPITAL.search(np) or reg.find(np):
        return True
    words = {w.rstrip("s") for w in re.findall(r"[a-z]+", np.lower())}
    return any(word in np.lower() for word, _ in kind_words(lex)) or bool(words & _people_words(lex))


# "Other sources estimate that 43 were killed", "some reports": a figure of nobody in particular
_ANONYMOUS = re.compile(r"^(?:the\s+)?(?:other|some|several|various|many|different|further|additional|unconfirmed|"
                        r"unnamed|unspecified|conflicting)\s+(?:sources?|reports?|estimates?|accounts?|figures?|counts?)$", re.I)

_PEOPLE: dict[int, frozenset] = {}


def _people_words(lex: Lexicon) -> frozenset:
    """Words for people who may report, without a plural -s: the lexicon's subjects and reporters."""
    if id(lex) not in _PEOPLE:
        _PEOPLE[id(lex)] = frozenset(w.rstrip("s") for w in list(lex.subject_kind) + lex.raw["infobox"]["reporter_words"]
                                     + ["authorities", "relatives", "people", "group", "loyalists", "separatists", "opposition"])
    return _PEOPLE[id(lex)]


def parse_claimant(np: str, reg: Registry, lex: Lexicon) -> Attribution | None:
    """Sources and relays named by one claimant phrase ("An AFP source within MINUSMA")."""
    P = lex.patterns
    np = _AFTER_BREAK.split(np)[-1]  # 'artillery" The Malian government': the name after the quote
    np = _TRAIL_ADVERBS.sub("", _LEAD.sub("", _DATE_LEAD.sub("", _ACCORDING.sub("", np.strip())))).strip(" ,")
    np = _RELATIVE_CLAUSE.split(np)[0]  # "a passenger who escaped the onslaught"
    if np and (by := _BY_AGENT.search(np)) and _clause(np[:by.start()], lex):
        np = by.group("who")  # "the attack was claimed on 15 October by Ansar Dine, who said": its agent
    if not np or P.pronoun.match(np) or _clause(np, lex) or not _names_someone(np, reg, lex):
        return None
    if (m := P.possessive_doc.match(np)):
        np = m.group("who")
    doc = last_match(P.document, np)
    if doc:
        np = np[doc.end():]
    via: list[Source] = []
    if (m := P.insider.match(np)):
        relay = reg.lookup(m.group("via")) if m.group("via").strip() else None
        if relay and relay.kind == "media":
            via.append(source(m.group("via"), reg, lex))
            np = m.group("who")
    parts = [p for p in re.split(r",?\s+and\s+|,\s+", np) if p.strip()]
    if len(parts) > 1 and all(_CAPITAL.search(p) for p in parts):
        return Attribution([source(p, reg, lex) for p in parts], via)
    return Attribution([source(np, reg, lex)], via)


def _clause(np: str, lex: Lexicon) -> bool:
    """True when the words read as a claimant are a clause or a piece of one, not a name: "when
    insurgents", "which were reprisal attacks", "Russian authorities declared a", "the attack was
    claimed by Ansar Dine", "two suicide bombers detonated their explosives", "at least 18 soldiers
    and 31 militants", "civilians killed according to"."""
    if not np.strip():
        return True
    words = [w if w.isupper() else w.lower() for w in np.split()]  # (not "IS", "ON": initials)
    first, last, any_ = _clause_words(lex)
    if words[0] in first or words[-1] in last or not any_.isdisjoint(words):
        return True
    if _DID_SOMETHING.search(np) or len(lex.patterns.quantity.findall(np)) > 1:
        return True
    return not lex.patterns.category_words.isdisjoint(w.lower() for w in _WORDS.findall(np))


_AFTER_BREAK = re.compile(r'["”]\s+(?=[A-Z])|\s+-\s+')  # a quotation's end, a dash: the name after them
_RELATIVE_CLAUSE = re.compile(r"\s+(?:who|whom|which)\s+")
_BY_AGENT = re.compile(r"\bby\s+(?P<who>(?:the\s+)?[A-Z][^,;]*)$")
_ACCORDING = re.compile(r"^according\s+to\s+", re.I)


def _clause_words(lex: Lexicon) -> tuple[frozenset, frozenset, frozenset]:
    """The lexicon's words that open, end or stand in a clause (attribution.clause_*)."""
    def words():
        raw = lex.raw["attribution"]
        return tuple(frozenset(str(w).lower() for w in raw.get(k, [])) for k in ("clause_first", "clause_last", "clause_any"))
    return lex.remembered("clause_words", "", lambda _: words())


_DID_SOMETHING = re.compile(r"\b[a-z]+ed\s+(?:the|a|an|their|its|his|her)\b")  # "detonated their", "published the"


def in_sentence(s: str, lex: Lexicon, reg: Registry, context: Attribution | None,
                words: set[str] | None = None) -> list[Attribution]:
    """Every attribution in sentence ``s``, in order of position. ``words``: its words in lower case
    (``[A-Za-z]+``), where the caller has them already."""
    P = lex.patterns
    found: list[Attribution] = []
    words = {w.lower() for w in _WORDS.findall(s)} if words is None else words
    if P.attribution_words.isdisjoint(words):
        return found
    last = context
    events = []
    ascii_only = s.isascii()  # re.I reads "ſ" as "s": the word test holds for ASCII text only

    def may(kind: str) -> bool:
        return not (ascii_only and P.attribution_first[kind].isdisjoint(words))

    for m in P.say_verb.finditer(s) if may("say") else ():
        if m.start() > 0 and m.group("verb")[:1].isupper():
            continue  # "the Islamic State", "Kebbi State": a name, not a verb
        if not (m.group("verb")[-1:].lower() == "s" and P.say_noun_before.search(s, max(0, m.start() - 40), m.start())
                and not _NAME_BEFORE.search(s, max(0, m.start() - 60), m.start())):
            # ("initial reports claimed": a noun; "The Associated Press reports that": a name's verb)
            events.append((m.start(), "say", m))
    for m in P.passive_by.finditer(s) if may("by") else ():
        if _RESPONSIBILITY.search(s, max(0, m.start() - 40), m.start()):
            continue  # "The attack, which was claimed by the Islamic State, killed 12": who did it, not who said
        events.append((m.start(), "by", m))
    for m in P.according.finditer(s) if may("acc") else ():
        events.append((m.start(), "acc", m))
    for m in P.toll_claimant.finditer(s) if may("toll") else ():
        events.append((m.start(), "toll", m))
    for pos, kind, m in sorted(events, key=lambda e: e[0]):
        if kind == "say":
            if _is_passive_use(s, m) or found and m.group("verb").lower() in _weak_verbs(lex):
                continue  # (a weak verb after someone who reports: "X said that rescue workers found ...")
            att = _subject_of(s, m, lex, reg, found[-1] if found else None, last)
        elif kind == "toll":
            att = Attribution([source(m.group("who"), reg, lex)])  # "the official death toll"
        else:
            np = s[m.end():m.end() + REACH]
            np = np[:_END_NP.search(np).start()]
            att = parse_claimant(np, reg, lex) or _resolve(np, s[max(0, pos - REACH):pos], reg, found[-1] if found else None, last)
            if att is not None:
                att.trailing = kind == "acc"
        if att is None:
            continue
        att.pos = pos
        att.scope = _brackets(s, pos)
        # "X said that 47 were dead", "X estimated there to be 60": only what follows; but "..., X said."
        att.forward = kind == "say" and m.group("verb").lower() != "told" and not _ENDS_CLAUSE.match(s, m.end())
        found.append(att)
        last = att
    return found


def _weak_verbs(lex: Lexicon) -> frozenset:
    return lex.remembered("weak_verbs", "", lambda _: frozenset(w.lower() for w in lex.raw["attribution"].get("weak_verbs", [])))


def _brackets(s: str, pos: int) -> tuple[int, int] | None:
    """The span of the brackets that enclose ``pos``, if any."""
    opened = s.rfind("(", max(0, pos - 200), pos)  # bounded both ways: linear time in long sentences
    if opened < 0 or s.find(")", opened, pos) >= 0:
        return None
    closed = s.find(")", pos, pos + 200)
    return (opened, closed if closed >= 0 else pos + 200)


def _is_passive_use(s: str, m: re.Match) -> bool:
    # "was claimed by" is read by the passive pattern; "were reported killed" is no attribution
    before = s[max(0, m.start() - 30):m.start()].rstrip().lower()
    if s[m.end():m.end() + 10].lstrip().lower().startswith("by "):
        return True
    before = _LY_END.sub("", before)  # "were officially declared missing"
    return before.endswith((" was", " were", " been", " be", " is", " are"))


def _subject_of(s, m, lex, reg, previous, context) -> Attribution | None:
    left = s[max(0, m.start() - REACH):m.start()]  # a claimant stands near its verb: linear time
    if previous is not None and _RELATIVE.search(left):
        # "..., which released a statement": the subject is the one just named
        return Attribution(previous.sources, previous.via)
    left = _TRAIL_ADVERBS.sub("", left).rstrip()
    if left.endswith(",") and m.group("verb").lower().endswith("ing"):
        # "Witnesses reported the attack, saying ...": the one who spoke before, else nobody named here
        return Attribution(previous.sources, previous.via) if previous is not None else None
    if left.endswith(","):
        # "RFI, citing local sources, stated": drop the aside
        inner = left[:-1]
        cut = inner.rfind(", ")
        if cut >= 0 and _ASIDE.match(inner[cut + 2:]):
            left = inner[:cut]
        elif cut >= 0 and _APPOSITIVE.match(inner[cut + 2:]) and _CAPITAL.search(inner[max(0, cut - 40):cut]):
            # "ORTM, the state broadcaster, said": the name, not its description
            left = inner[:cut]
    # a closed bracket is no boundary: "The Office of the High Commissioner (OHCHR) and EHRC reported"
    starts = [b.end() for b in _BOUNDARY.finditer(_CLOSED.sub(lambda g: " " * len(g.group(0)), left))]
    np = left[starts[-1]:] if starts else left
    if not lex.patterns.category_words.isdisjoint(w.lower() for w in _WORDS.findall(np)):
        return None  # "Four soldiers were injured and admitted to hospital": the figure is no speaker
    if (st := _STATEMENT.match(np.strip())):
        np = st.group("who")  # "JNIM released a statement claiming ...": JNIM claims
    att = parse_claimant(np, reg, lex)
    if att is None:
        att = _resolve(np, left, reg, previous, context)
    if att is not None and m.group("verb").lower() == "told":
        rest = s[m.end():m.end() + REACH]
        obj = rest[:_END_NP.search(rest).start()]
        if obj.strip() and _CAPITAL.search(obj):
            att = Attribution(att.sources, att.via + [source(obj, reg, lex)])
    return att


def _resolve(np: str, left: str, reg: Registry, previous: Attribution | None,
             context: Attribution | None) -> Attribution | None:
    """A pronoun or "the source": the attribution named last, or the last actor named before it."""
    np = np.strip().lower()
    if not np and previous is None:
        return None
    if previous is not None:
        return Attribution(previous.sources, previous.via)
    mentions = reg.find(left)
    if np in ("they", "it", "the group", "which", "who", "he", "she") and mentions:
        return Attribution([source(left[mentions[-1].start:mentions[-1].end], reg)])
    if context is not None:
        return Attribution(context.sources, context.via)
    return None


def for_position(atts: list[Attribution], pos: int) -> Attribution | None:
    """The attribution that governs a figure at ``pos`` (``atts`` in order of position): the last
    one before it; failing that an "according to" (the nearest after it, or the first); failing that
    the first after it that ends its clause. Each look is bounded, so a sentence costs linear time."""
    def fits(a: Attribution) -> bool:
        return a.scope is None or a.scope[0] <= pos < a.scope[1]

    i = bisect.bisect_right(atts, pos, key=lambda a: a.pos)
    for a in reversed(atts[max(0, i - _SCAN):i]):
        if not a.trailing and fits(a):
            return a
    j = bisect.bisect_left(atts, pos, key=lambda a: a.pos)
    trailing = next((a for a in atts[j:j + _SCAN] if a.trailing and fits(a)), None)
    trailing = trailing or next((a for a in atts[:_SCAN] if a.trailing and fits(a)), None)
    if trailing:
        return trailing
    return next((a for a in atts[i:i + _SCAN] if not a.forward and fits(a)), None)
