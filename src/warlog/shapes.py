"""Sentence shapes: how the words around one figure say who was counted and what happened to them.

Each shape is a small rule with a name and a version, registered in ``RULES`` and tried in that order
on every figure; the first that reads the figure wins, and the figure's claim names it
(``extractor: "prose_casualties.v1/passive.v2"``). A new shape is a new entry, not a new branch
in an old rule. The rules read only the words of the lexicon (``data/lexicon.yaml``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from .lexicon import Lexicon
from .numbers import Quantity
from .patterns import MONTHS

_JOIN = re.compile(r"\s*(?:,\s*)?(?:(?:and|along\s+with|together\s+with)\s+)?(?:all\s+)?")
# the joins of alternative figures for the same people: "600 or 3,000 dead", "seventy, one hundred, or"
# who said a figure, in brackets after it: "300 (according to Expresso) villagers", "45,000 (subsequent
# Radio Cairo claim) people killed"
SAID_BRACKET = r"\s*\((?:(?:according\s+to|per)\b[^()]{2,150}|[^()\d]{2,60}\b(?:claim|estimate|figure|count)s?)\)"
_ALTERNATIVES = re.compile(r"\s*,?\s+or\s+(?:perhaps\s+|possibly\s+|even\s+)?|\s*,\s*(?=[^,.;]{1,40}?,?\s+or\s+)"
                           # "between 150 (according to the Red Cross) and 300 (according to Expresso) villagers"
                           rf"|{SAID_BRACKET}\s*,?\s*(?:and|to|or)\s+"
                           # "21 (official) or 176 (Liberté) people": a name in brackets, then another estimate
                           r"|\s*\([^()\d]{2,60}\)\s*,?\s*or\s+(?=[\d~])")
_A = re.compile(r"(?:a|an)\s+", re.I)


@dataclass(slots=True)
class Figure:
    qty: Quantity
    start: int
    end: int
    subject: str | None
    subject_kind: str | None  # state | armed | pmc | civilians | unknown | None (no subject)
    category: str
    rule: str
    speaker_side: bool = False  # "losing four soldiers": the people counted are the speaker's own
    inherits: bool = False  # subject taken from the figure before ("and seventeen were injured")
    revises: "Figure | None" = None


def subject_kind(subject: str | None, lex: Lexicon) -> str | None:
    """What kind of people a subject phrase names, from its last one to three words."""
    if not subject:
        return None
    return lex.remembered("subject_kind", subject, lambda phrase: _subject_kind(phrase, lex))


def _subject_kind(subject: str, lex: Lexicon) -> str:
    low = " ".join(subject.lower().split())
    if _PRO_STATE.search(low) and " and " not in low:
        return "state"  # "pro-government militiamen" fight beside the state's forces
    if " and " in low:
        # "Malian soldiers and policemen": one kind; "civilians and security personnel": no one kind
        kinds = {subject_kind(part, lex) for part in low.split(" and ") if part}
        return kinds.pop() if len(kinds) == 1 else "unknown"
    first = low.split()[0]
    if len(low.split()) > 1 and first in lex.raw.get("kind_modifiers", {}):
        return lex.raw["kind_modifiers"][first]  # "two civilian contractors"
    owner = _MEMBERS.match(low)
    if owner and (kind := subject_kind(owner.group(1), lex)) != "unknown":
        return kind  # "special forces members" are the special forces' kind, "civilian casualties" civilians
    for n in range(min(3, len(low.split())), 0, -1):
        head = " ".join(low.split()[-n:])
        if head in lex.subject_kind:
            return lex.subject_kind[head]
        if head in lex.category_of:
            return lex.raw.get("captive_kinds", {}).get(head, "unknown")
    return "unknown"


_MEMBERS = re.compile(r"^(.+?)\s+(?:members?|personnel|casualties|fatalities|deaths|injuries|losses)$")
_PRO_STATE = re.compile(r"\bpro-(?:government|regime|junta)\b|\bloyalists?\b")


def noun_category(subject: str | None, lex: Lexicon) -> str | None:
    """The category a subject's head noun says ("prisoners of war": captured), if any."""
    if not subject:
        return None
    low = " ".join(subject.lower().split())
    for noun, cat in lex.patterns.noun_categories:  # longest first: "prisoners of war" before "prisoners"
        if low == noun or low.endswith(" " + noun):
            return cat
    return None


@dataclass(slots=True)
class Spot:
    """What the rules see of one figure: the text around it and the people named after it."""

    text: str
    q: Quantity
    before: str  # the text before the figure, within a bounded window
    end: int  # end of the stretch of text being read
    last: Figure | None  # the figure before (maybe in the sentence before)
    here: Figure | None  # the figure before in this stretch
    lex: Lexicon
    subject: str | None
    kind: str | None
    after_subj: int  # where the words after the subject (or the figure) begin
    own: bool = False  # "six of their fighters": the speaker's own people

    def at(self, start_in_before: int) -> int:
        """Offset in ``text`` of a position in ``before``."""
        return self.q.start - (len(self.before) - start_in_before)


def spot(text: str, q: Quantity, before: str, end: int, last, here, lex: Lexicon) -> Spot:
    """The figure at ``q`` and the people named after it: "nine soldiers", "dozens of civilians",
    "four of the attackers", "six of their fighters"."""
    P = lex.patterns
    own = False
    if (said := SAID.match(text, q.end, end)) and P.subject.match(text, said.end(), end):
        q_end = said.end()  # "300 (according to Expresso) villagers": who said so, then the people
    else:
        q_end = q.end
    subj_m = P.subject.match(text, q_end, end)
    them = P.of_them_after.match(text, q.end, end) or P.more_after.match(text, q.end, end)
    if subj_m is None and q.qualifier == "vague" and not them:
        of = P.of_subject.match(text, q.end, end)
        if of:
            subj_m = P.subject.match(text, of.end(), end)
    if subj_m is None and (share := P.out_of_after.match(text, q.end, end)):
        subj_m = P.subject.match(text, share.end(), end)
        if subj_m and subj_m.group("subj").split()[0].lower() in lex.category_of:
            subj_m = None  # "20 out of the 27 detained civilians": what befell the 27, not the 20
    if subj_m is None and (of := P.of_own.match(text, q.end, end)):
        subj_m = P.subject.match(text, of.end(), end)
        own = subj_m is not None and of.group("own").lower() in ("their", "its", "our", "his", "her")
    subject = subj_m.group("subj") if subj_m else None
    after = subj_m.end() if subj_m else q.end
    if subj_m is None and them:
        after = them.end()  # "several of them wounded", "six or seven of those were killed": the people before
    kind = subject_kind(subject, lex)
    if subject and subject.split()[-1].lower() in P.relational and (of := P.of_phrase.match(text, after, end)):
        # "69 members of indigenous peasant families": who they are is in the words after "of", when
        # the lexicon knows them ("members of the MNLA": the registry will)
        # "14 civilian employees of the military" are civilians: a word before the head says it first
        before_head = " ".join(subject.split()[:-1])
        named = [k for k in (subject_kind(before_head, lex), subject_kind(of.group("of"), lex)) if k not in (None, "unknown")]
        subject, after = subject + text[after:of.end()], of.end()
        kind = named[0] if named else "unknown" if _INDEFINITE_OWNER.match(of.group("of")) else kind
    return Spot(text, q, before, end, last, here, lex, subject, kind, after, own)


# whose they were, a body no name of the article's parties ("of a research mission"); not
# "of the group", "of the militia", which point back to a party
_INDEFINITE_OWNER = re.compile(r"(?:a|an)\s")
SAID = re.compile(SAID_BRACKET)  # (between a figure and its people, or right after it)
_OF = frozenset({"of", "the", "all", "to"})  # the words nominal_before can end with
_LAST_LETTERS = re.compile(r"[A-Za-z]+$")


def _may_end_with(before: str, words: frozenset[str]) -> bool:
    """False when ``before`` surely does not end with one of ``words`` and white space, as the
    patterns read here before a figure must: they are searched from every place of the window, and
    most windows end otherwise. (An ASCII window only: re.I reads "ſ" as "s".)"""
    if not before or not before[-1].isspace():
        return False
    if not before.isascii():
        return True
    t = before.rstrip()
    m = _LAST_LETTERS.search(t, max(0, len(t) - 24))
    return m is not None and m.group(0).lower() in words


def _anaphoric(subject: str | None, lex: Lexicon) -> bool:
    return subject is not None and subject.lower() in lex.raw["anaphoric_subjects"]


# --- the rules ---------------------------------------------------------------------------------

def passive(s: Spot) -> Figure | None:
    """Figure, optional subject, verb: "nine soldiers were killed", "ten wounded"."""
    P = s.lex.patterns
    verb = (P.verb_after_people if s.subject else P.verb_after).match(s.text, s.after_subj, s.end)
    if not verb:
        return None
    if s.subject and not verb.group("aux") and P.object_after.match(s.text, verb.end(), s.end):
        return None  # "two gunmen killed five people": the people did the killing
    return Figure(s.q, s.q.start, verb.end(), s.subject, s.kind, verbs_category(verb, s.lex), "",
                  inherits=s.subject is None or _anaphoric(s.subject, s.lex))


def verbs_category(verb: re.Match, lex: Lexicon) -> str:
    """The category of one category word, or of several joined: "killed or wounded" counts people
    without saying which of them died (casualties); "wounded or missing", "captured/missing" keep
    the first."""
    cat = lex.category(verb.group("verb"))
    if verb.group("verb2") is None:
        return cat
    words = re.findall(r"(?:fatally|mortally)\s+wounded|[\w.]+(?:\s+(?:for|in\s+action|prisoner|hostage|captive|dead|alive|to\s+death))?",
                       verb.group(0)[verb.start("verb") - verb.start():])
    order = [c for w in words if (c := lex.category_of.get(" ".join(w.lower().split())))]
    cats = set(order)
    if len(cats) == 2 and _sequel(order[0], order[-1], verb.group(0)):
        return "killed"  # "kidnapped and murdered", "captured and executed"
    return "casualties" if len(cats) > 1 and "killed" in cats else cat


def _sequel(first: str, then: str, words: str) -> bool:
    """Two fates joined by "and" that befell the same people one after the other: captured, then
    killed ("captured and executed", "captured and killed 10 soldiers") is killed; "killed or
    captured" says neither."""
    return first == "captured" and then == "killed" and not _EITHER.search(words)


_EITHER = re.compile(r"\bor\b|/")


def _unlisted(s: Spot) -> re.Match | None:
    """People the lexicon does not name, after the figure: "minelayers", "Tigrayans", "Dozo hunters";
    not things ("T-72 tanks"), not a category word."""
    if s.subject:
        return None
    m = s.lex.patterns.unlisted.match(s.text, s.q.end, s.end)
    if not m:
        return None
    head = m.group("np").split()[-1].lower()
    if head in s.lex.patterns.things or head in s.lex.category_of or any(c.isdigit() for c in head):
        return None  # "2 BRDM-2 captured": a model of vehicle
    return m


def unlisted(s: Spot) -> Figure | None:
    """Figure, people of any name, verb: "three minelayers were killed", "at least 5 Tigrayans were
    also killed", "8 Americans killed"."""
    m = _unlisted(s)
    if not m:
        return None
    P = s.lex.patterns
    verb = P.verb_after.match(s.text, m.end(), s.end)
    if not verb or (not verb.group("aux") and P.object_after.match(s.text, verb.end(), s.end)):
        return None
    np = m.group("np")
    # "15,000 Rohillas killed and wounded": the words joined count casualties, as for people the lexicon names
    return Figure(s.q, s.q.start, verb.end(), np, subject_kind(np, s.lex), verbs_category(verb, s.lex), "")


def toll(s: Spot) -> Figure | None:
    """A count of the dead (or the injured) with no people named: "put the death toll at 24"; "raising
    the toll to 53" after a figure of the dead revises it; "the number of injured is at 50"."""
    P = s.lex.patterns
    tail = s.before[-80:]
    m = P.toll.search(tail) if any(w in tail for w in P.toll_hints) else None
    if not m:
        return _toll_goes_on(s)
    start = s.q.start - (len(tail) - m.start())
    q = s.q
    if m.group("over") and q.qualifier == "exact":
        # "the death toll exceeded 400": at least 400
        q = Quantity(q.low, None, "at_least", q.start, q.end, q.words)
    cat = "wounded" if m.group("hurt") else "killed"  # "the number of injured is at 50"
    if s.subject is None and s.here is not None and s.here.category == cat:
        # "reported 35 soldiers killed, before raising the toll to 53": the same people
        return Figure(q, start, s.after_subj, s.here.subject, s.here.subject_kind, cat, "",
                      inherits=True, revises=s.here)
    return Figure(q, start, s.after_subj, s.subject, s.kind or "unknown", cat, "")


def _toll_goes_on(s: Spot) -> Figure | None:
    """The toll's other estimates after its first, each with whose it is: "ranging from 85 (initial
    official estimate) to 400 (The Economist) to 417 (independent sources)"; each its own claim."""
    here = s.here
    if here is None or here.rule.split(".v")[0] != "toll" or s.subject is not None \
            or not _TOLL_GOES_ON.fullmatch(s.text, here.end, s.q.start):
        return None
    return Figure(s.q, s.q.start, s.q.end, here.subject, here.subject_kind, here.category, "")


_TOLL_GOES_ON = re.compile(r"\s*\([^()\d]{2,80}\)\s*,?\s*(?:to|and|or)\s+")  # (each with whose it is: else one range)


def _bare(subject: str | None, lex: Lexicon) -> bool:
    """True when the words after a figure are only a category word ("wounded", "POWs")."""
    return subject is not None and subject.lower() in lex.category_of and lex.subject_kind.get(subject.lower()) is None


def category_word(s: Spot) -> Figure | None:
    """A figure and a category word standing for its people: "ten wounded", "14 dead" (the people
    are the figure before's)."""
    cat = noun_category(s.subject, s.lex)
    if cat and _bare(s.subject, s.lex):
        tail = s.lex.patterns.category_tail.match(s.text, s.after_subj, s.end)
        if tail and s.lex.patterns.object_after.match(s.text, tail.end(), s.end):
            tail = None  # "1,000 deaths, and wounded at least 3,000": a verb with people of its own
        other = s.lex.category(tail.group("verb2")) if tail else None
        if other and other != cat and "killed" in (cat, other):
            # "5,000 dead and wounded": no word says which of them died
            return Figure(s.q, s.q.start, tail.end(), None, None, "casualties", "", inherits=True)
        if cat == "captured" and s.subject.lower() in s.lex.raw.get("captive_kinds", {}):
            # "four hostages": people of their own (civilians), not the figure before's; prisoners and
            # POWs are still the people of the figure before ("ten MNLA fighters and four prisoners")
            return Figure(s.q, s.q.start, s.after_subj, s.subject, subject_kind(s.subject, s.lex), cat, "")
        return Figure(s.q, s.q.start, s.after_subj, None, None, cat, "", inherits=True)
    return None


def attributive(s: Spot) -> Figure | None:
    """A category word before the people: "many wounded people", "12 dead soldiers", "800 corpses of
    the Armenian soldiers"."""
    if not s.subject:
        return None
    first, _, rest = s.subject.partition(" ")
    cat = s.lex.category_of.get(first.lower()) if rest else None
    if cat is None:
        return None
    rest = _OF_LEAD.sub("", rest)  # "800 corpses of the Armenian soldiers": the soldiers are counted
    return Figure(s.q, s.q.start, s.after_subj, rest, subject_kind(rest, s.lex), cat, "")


_OF_LEAD = re.compile(r"^(?:of|belonging\s+to)\s+(?:the\s+)?", re.I)


def noun(s: Spot) -> Figure | None:
    """Figure and a category noun: "three Malian prisoners", "seven bodies", "2 hostages", "8 civilian
    hostages" (a word of people, then the noun)."""
    cat = noun_category(s.subject, s.lex)
    if cat is None and s.subject and (after := _NEXT_WORD.match(s.text, s.after_subj, s.end)) \
            and (cat := noun_category(after.group(1), s.lex)) == "captured":
        subject = f"{s.subject} {after.group(1)}"
        return Figure(s.q, s.q.start, after.end(1), subject, subject_kind(subject, s.lex), cat, "")
    if cat == "casualties" and s.q.qualifier == "vague" and _UNKNOWN_NUMBER.match(s.text, s.q.start, s.q.end):
        return None  # "an unknown number of casualties": nobody counted them
    return Figure(s.q, s.q.start, s.after_subj, s.subject, s.kind, cat, "") if cat else None


_NEXT_WORD = re.compile(r"[^\S\n]+([A-Za-z]+)\b")
_UNKNOWN_NUMBER = re.compile(r"(?:an?\s+)?(?:unknown|undisclosed|unspecified|undetermined)\b", re.I)


def nominal(s: Spot) -> Figure | None:
    """A noun of what happened, "of" and the figure: "resulted in the deaths of 40 personnel",
    "claimed the lives of 69 members", "the injuries of five others", "the capture of 30 soldiers"."""
    m = s.lex.patterns.nominal_before.search(s.before) if _may_end_with(s.before, _OF) else None
    if not m or (s.q.qualifier == "vague" and not s.subject):
        return None
    noun = m.group("nominal") or m.group("nominal_to")
    cat = s.lex.category(noun) if m.group("nominal") else "wounded"  # "injuries to over 141 others"
    if not s.subject and (named := _named_people(s)):
        # "the death of one American, one Australian, two Dutch and 16 Afghan soldiers"
        return Figure(s.q, s.at(m.start()), named.end(), named.group("np"), subject_kind(named.group("np"), s.lex),
                      cat, "")
    return Figure(s.q, s.at(m.start()), s.after_subj, s.subject, s.kind, cat, "",
                  speaker_side=noun.lower() in LOSING_NOUNS,  # "Baku reported the loss of 31 servicemen"
                  inherits=_anaphoric(s.subject, s.lex))


def hostage(s: Spot) -> Figure | None:
    """A taking verb, the figure, its people and a captive word: "took over 700 students hostage",
    "holding 12 villagers as hostages", "took hostage hundreds of guests"."""
    P = s.lex.patterns
    if s.subject and _may_end_with(s.before, P.captive_words) and (
            first := P.taking_captive_before.search(s.before, max(0, len(s.before) - NEAR))):
        return Figure(s.q, s.at(first.start()), s.after_subj, s.subject, s.kind, "captured", "")
    m = P.taking_before.search(s.before) if _may_end_with(s.before, P.taking_words) else None
    if not m or not s.subject or not (captive := _captive_after(s)):
        return None
    return Figure(s.q, s.at(m.start()), captive.end(), s.subject, s.kind, "captured", "")


def _captive_after(s: Spot) -> re.Match | None:
    """The captive word after the people, or after whose they were ("took 26 members of a World
    Wildlife Fund research mission captive")."""
    P = s.lex.patterns
    if m := P.captive_after.match(s.text, s.after_subj, s.end):
        return m
    m = P.captive_after.search(s.text, s.after_subj, min(s.end, s.after_subj + CAPTIVE_REACH))
    return m if m and _OF_GAP.fullmatch(s.text, s.after_subj, m.start()) else None


_OF_GAP = re.compile(r"\s+(?:of|from)\s+[^,;.()\n]+")
CAPTIVE_REACH = 80  # characters from the people to their captive word


def others(s: Spot) -> Figure | None:
    """A killing of someone named and of others: "the attack killed the town mayor and 68 others"."""
    if not _anaphoric(s.subject, s.lex):
        return None
    m = s.lex.patterns.others_before.search(s.before)
    if not m:
        return None
    return Figure(s.q, s.at(m.start()), s.after_subj, s.subject, s.kind, s.lex.category(m.group("active")), "")


_AS_WERE = re.compile(r"\bas\s+(?:were|was|did|had|have)\s+(?:also\s+)?(?:the\s+)?$", re.I)
_AS_WERE_LAST = frozenset({"were", "was", "did", "had", "have", "also", "the"})  # the words _AS_WERE can end with


def ellipsis(s: Spot) -> Figure | None:
    """The verb of the figure before, left out: "37 hostages were killed, as were 29 militants"."""
    if s.here is None or not s.subject or not _may_end_with(s.before, _AS_WERE_LAST) \
            or not _AS_WERE.search(s.before, max(0, len(s.before) - NEAR)):
        return None
    return Figure(s.q, s.q.start, s.after_subj, s.subject, s.kind, s.here.category, "")


def suffered(s: Spot) -> Figure | None:
    """Someone suffered a figure of a category: "the Taliban suffered an estimated 150 killed" (the
    people counted are the sufferer's)."""
    P = s.lex.patterns
    if s.subject and not _bare(s.subject, s.lex) and noun_category(s.subject, s.lex) is None \
            and s.kind not in (None, "unknown"):
        # (a noun of losses is no people of its own: "suffered over 1,000 casualties"; nor are "men":
        # "The British suffered about 20 men killed")
        return None
    m = P.sufferer_before.search(s.before) if _may_end_with(s.before, P.suffering_words) else None
    if not m:
        return None
    verb = P.verb_after.match(s.text, s.q.end, s.end)
    if s.subject and not _bare(s.subject, s.lex) and noun_category(s.subject, s.lex) is None:
        verb = P.verb_after.match(s.text, s.after_subj, s.end)  # "about 20 men killed": the men's verb
    cat = verbs_category(verb, s.lex) if verb else noun_category(s.subject, s.lex)
    if cat is None or cat == "captured" and not verb and m.group("suffered").lower() in P.holding_words:
        return None  # (not "the French had 300 prisoners": they held them)
    who = m.group("who")
    if who is None:
        # "..., while losing 3 killed and suffering 63 wounded": the clause's speaker lost them
        return Figure(s.q, s.at(m.start("suffered")), verb.end() if verb else s.after_subj,
                      None, None, cat, "", speaker_side=True)
    return Figure(s.q, s.at(m.start("who")), verb.end() if verb else s.after_subj, who, subject_kind(who, s.lex),
                  cat, "")


def then_them(s: Spot) -> Figure | None:
    """People named, then what befell them last, its object "them": "hauled 18 men out and killed
    them", "abducted 12 people and later executed them" (a fate after another is the fate: killed)."""
    if not s.subject or _bare(s.subject, s.lex):
        return None
    m = s.lex.patterns.then_them.match(s.text, s.after_subj, s.end)
    if not m:
        return None
    cat = "killed" if m.group("dead") else s.lex.category(m.group("verb"))
    return Figure(s.q, s.q.start, m.end(), s.subject, s.kind, cat, "")


def whose_losses(s: Spot) -> Figure | None:
    """Whose losses, a link, the figure: "British losses are said to have been 847 killed and
    wounded", "French casualties were approximately 30,000" (the people counted are the named
    party's; the category is the words after the figure's, else the loss noun's)."""
    P = s.lex.patterns
    if not _may_end_with(s.before, P.whose_loss_words):
        return None
    m = P.whose_losses_before.search(s.before, max(0, len(s.before) - 2 * NEAR))
    if not m:
        return None
    verb = P.verb_after.match(s.text, s.after_subj, s.end)
    said = noun_category(s.subject, s.lex) if _bare(s.subject, s.lex) else None  # "were 36 dead"
    cat = said or (verbs_category(verb, s.lex) if verb else P.whose_loss_category[m.group("noun").lower()])
    who = m.group("who")
    if who is None:
        # "The TFG claimed its own casualties were 3 dead": the speaker's own people
        return Figure(s.q, s.at(m.start("own")), verb.end() if verb else s.after_subj,
                      None, None, cat, "", speaker_side=True)
    return Figure(s.q, s.at(m.start("who")), verb.end() if verb else s.after_subj, who, subject_kind(who, s.lex),
                  cat, "")


LOSING = {"losing", "lost", "lose"}
LOSING_NOUNS = {"loss", "losses"}
NEAR = 48  # the words just before a figure that an end-anchored pattern can match


def active(s: Spot) -> Figure | None:
    """Verb, figure, subject: "killing 12 civilians", "losing four soldiers" (the speaker's own);
    "killed 40 soldiers and captured 2" (the people before); "killing at least 20, including"."""
    P = s.lex.patterns
    near = len(s.before) - min(len(s.before), NEAR)  # the verb stands just before the figure
    m = P.active_before.search(s.before, near)
    if not m:
        return None
    at = s.at(m.start())
    word = m.group("active")
    cat = s.lex.category(word)
    if (joined := _JOINED_BEFORE.search(s.before, max(0, m.start() - 30), m.start())) is not None:
        # "killing or wounding 50 soldiers": people of whom some died, some were hurt
        first = s.lex.category_of.get(joined.group("w").lower())
        if first and first != cat and "killed" in (first, cat) and joined.group("w").lower() in s.lex.patterns.active_words:
            # (a verb joined, not the noun of the figure before: "releasing 354 hostages and killing the 33")
            at, cat = s.at(joined.start("w")), "killed" if _sequel(first, cat, joined.group(0)) else "casualties"
    if s.subject and not _bare(s.subject, s.lex):
        return Figure(s.q, at, s.after_subj, s.subject, s.kind, cat, "", speaker_side=word.lower() in LOSING,
                      inherits=_anaphoric(s.subject, s.lex))
    if not s.subject and (named := _named_people(s)):
        # "killed two Americans, one Australian and 16 Afghan soldiers": people of a name
        return Figure(s.q, at, named.end(), named.group("np"), subject_kind(named.group("np"), s.lex), cat, "",
                      speaker_side=word.lower() in LOSING)
    if not s.subject and cat in ("killed", "wounded") and (plural := _plural_people(s)):
        # "killed 47 colonists": people no word list names, in the plural, whom a killing befell
        return Figure(s.q, at, plural.end(), plural.group("np"), subject_kind(plural.group("np"), s.lex), cat, "")
    last = s.last
    if last is not None and last.end <= at and P.chain_gap.match(s.text[last.end:at]):
        # "killed 107 soldiers and captured seven POWs": the people of the figure before
        return Figure(s.q, at, s.after_subj, last.subject, last.subject_kind, cat, "", inherits=True)
    if s.subject and s.subject.lower() not in P.category_words:
        # "killing 10 to 20 prisoners of war": the prisoners died (but "62 killed 30 wounded" is a list)
        return Figure(s.q, at, s.after_subj, s.subject, s.kind, cat, "")
    if P.chain_ok_after.match(s.text, s.q.end):
        # ("while Azerbaijan lost 12": the loser's own, who stands before the verb)
        return Figure(s.q, at, s.q.end, None, None, cat, "", speaker_side=word.lower() in LOSING)
    return None


_JOINED_BEFORE = re.compile(r"\b(?P<w>[A-Za-z]+)\s+(?:or|and|and/or)\s+$")

CHAINABLE = {"active", "chain", "passive", "bare", "shared", "nominal", "unlisted", "attributive", "whose_losses"}
REPORTABLE = CHAINABLE | {"toll", "suffered"}  # figures another account may follow ("the toll was 47, while X reported 58")


def chain(s: Spot) -> Figure | None:
    """A figure that continues the one before it: "killing two people in A and five in B"."""
    P, last = s.lex.patterns, s.last
    if last is None or last.rule.split(".v")[0] not in CHAINABLE or not P.chain_gap.match(s.text[last.end:s.q.start]):
        return None
    acronym = _ACRONYM_AFTER.match(s.text, s.q.end, s.end) if not s.subject else None
    named = _named_people(s) if not (s.subject or acronym) else None
    if named:
        # "the killing of 76 policemen and 8 Maoists": people of any name, when it is a name
        return Figure(s.q, s.q.start, named.end(), named.group("np"), subject_kind(named.group("np"), s.lex),
                      last.category, "")
    if not (s.subject or acronym or P.chain_ok_after.match(s.text, s.q.end)):
        return None
    if s.subject and P.aux_after.match(s.text, s.after_subj, s.end):
        return None  # "and one civilian was ..." with a verb of no category (or cut off): no continuation
    if s.subject and _verb_after_next(s):
        return None  # "66 soldiers killed, 5 soldiers and 6 tanks captured": the verb after the next is theirs
    if acronym:
        # "killed thirteen soldiers and two VDP": the people of a group named by its initials
        return Figure(s.q, s.q.start, acronym.end(), acronym.group("who"), None, last.category, "")
    return Figure(s.q, s.q.start, s.after_subj, s.subject or last.subject, s.kind or last.subject_kind,
                  last.category, "", last.speaker_side, inherits=s.subject is None)


def reported(s: Spot) -> Figure | None:
    """Another account of the people of the figure before, a count of no words of its own after a
    verb of saying: "Most papers reported 47 dead, while Le Matin reported 58" (the claimant is the
    verb's subject, read by the attribution)."""
    P, last = s.lex.patterns, s.last
    if last is None or s.subject or not last.category or last.rule.split(".v")[0] not in REPORTABLE \
            or not _may_end_with(s.before, P.reported_words) or not P.reported_before.search(s.before[-NEAR:]) \
            or not P.chain_ok_after.match(s.text, s.q.end):
        return None
    return Figure(s.q, s.q.start, s.q.end, last.subject, last.subject_kind, last.category, "", last.speaker_side,
                  inherits=True)


def _verb_after_next(s: Spot) -> bool:
    """Whether the figure's people are joined by "and" to a next figure whose words end in a verb of
    a category ("5 soldiers and 6 tanks captured")."""
    P = s.lex.patterns
    m = _AND.match(s.text, s.after_subj, s.end)
    q = P.quantity.match(s.text, m.end(), s.end) if m else None
    words = P.unlisted.match(s.text, q.end(), s.end) if q else None
    return bool(words and P.verb_after.match(s.text, words.end(), s.end))


_AND = re.compile(r"\s+and\s+")


def _named_people(s: Spot) -> re.Match | None:
    """People the lexicon does not name, when a name ("Maoists", "Naxalites") ends the clause."""
    m = _people_ending_clause(s)
    if not m or not all(_NAME_WORD.fullmatch(w) for w in m.group("np").split()):
        return None  # "37+ AFVs destroyed", "1 AC-130 shot down": things, or words of no name
    return m


def _people_ending_clause(s: Spot) -> re.Match | None:
    """People the lexicon does not name (``_unlisted``) whose words end the clause; not a day ("12 Tuesday")."""
    m = _unlisted(s)
    if not m or not s.lex.patterns.chain_ok_after.match(s.text, m.end()) or _WHEN_WORD.match(m.group("np")):
        return None
    return m


def _plural_people(s: Spot) -> re.Match | None:
    """People the lexicon does not name, a plural noun of one or two words that ends the clause
    ("colonists", "Red Cross workers"): not things, not a category word (``_unlisted``)."""
    m = _people_ending_clause(s)
    if not m or len(m.group("np").split()) > 2 or not _PLURAL.search(m.group("np")):
        return None
    return m


_PLURAL = re.compile(r"[a-z]{2}(?<!s)s$")


_WHEN_WORD = re.compile(rf"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|{MONTHS})\b", re.I)


_NAME_WORD = re.compile(r"[A-Z][a-z'’]+(?:-[A-Za-z'’]+)*")


_ACRONYM_AFTER = re.compile(r"\s+(?P<who>[A-Z]{2,6})(?=\s*(?:$|[.,;:()]|\band\b))")


def shared(s: Spot) -> Figure | None:
    """Figures joined before one verb: "five mercenaries and seven soldiers were killed". This one
    waits (rule "pending") for the verb of the figures after it."""
    subject, kind, after = s.subject, s.kind, s.after_subj
    if not subject and (alt := _ALTERNATIVES.match(s.text, s.q.end, s.end)) \
            and s.lex.patterns.quantity.match(s.text, alt.end(), s.end):
        # "either seventy, one hundred, or three hundred rebels were killed": estimates of the same
        # people, who and what happened to them said once, after the last
        return Figure(s.q, s.q.start, s.q.end, None, None, "", "pending")
    if not subject and (fig := _adjective_then_count(s)) is not None:
        return fig
    if not subject and (join := _AND_NEXT.match(s.text, s.q.end, s.end)) \
            and s.lex.patterns.quantity.match(s.text, join.end(), s.end) and _RESPECTIVELY.search(s.text, s.q.end, s.end):
        # "In Kubwat and Fungzai, 28 and 9 people were killed, respectively": the people and verb after the last
        return Figure(s.q, s.q.start, s.q.end, None, None, "", "pending")
    if not subject:
        # people of any name, when it is a name: "left five Nigeriens, four Americans, and 21 militants dead"
        named = _unlisted(s)
        if not named or not named.group("np")[:1].isupper() or s.lex.patterns.say_verb.search(named.group("np")):
            return None  # (not "One NTC source said 15 ...": who said so, not people counted)
        subject, kind, after = named.group("np"), subject_kind(named.group("np"), s.lex), named.end()
    P = s.lex.patterns
    m = _JOIN.match(s.text, after, s.end)
    if (said := SAID.match(s.text, after, s.end)) and (alt := _SAID_JOIN.match(s.text, said.end(), s.end)) \
            and P.quantity.match(s.text, alt.end(), s.end):
        # "78 people (initial official estimate), 252 people (according to Le Matin) ... were killed": each
        # its claimant's, the verb after the last
        return Figure(s.q, s.q.start, after, subject, kind, "", "pending")
    if not m or m.end() == after:
        return None
    if P.quantity.match(s.text, m.end(), s.end):
        return Figure(s.q, s.q.start, after, subject, kind, "", "pending")  # waits for its verb
    # "23 soldiers and a civilian were confirmed dead": one person without a number, then the verb
    one = _A.match(s.text, m.end(), s.end)
    # (anyone, named or not: "and a passer-by were killed")
    person = (P.subject.match(s.text, one.end(), s.end) or P.unlisted.match(s.text, one.end(), s.end)) if one else None
    verb = P.verb_after.match(s.text, person.end(), s.end) if person else None
    if verb:
        return Figure(s.q, s.q.start, after, subject, kind, s.lex.category(verb.group("verb")), "")
    return None


_SAID_JOIN = re.compile(r"\s*,?\s*(?:(?:and|or)\s+)?")
_AND_NEXT = re.compile(r"\s*,?\s*and\s+")
_RESPECTIVELY = re.compile(r"\brespectively\b", re.I)
_LONE_WORD = re.compile(r"\s+(?P<w>[a-z][\w'’-]*)(?=\s*,?\s+and\s)")


def _adjective_then_count(s: Spot) -> Figure | None:
    """A figure of a lower-case adjective alone, then another's with the people's noun: "About 250
    royalist and 150 pro-independence fighters were killed" counts royalist fighters (waiting for
    the verb)."""
    P = s.lex.patterns
    w = _LONE_WORD.match(s.text, s.q.end, s.end)
    if w is None or w.group("w").lower() in s.lex.category_of or P.say_verb.search(w.group("w")):
        return None
    join = _JOIN.match(s.text, w.end(), s.end)
    nxt = P.quantity.match(s.text, join.end(), s.end) if join else None
    people = P.subject.match(s.text, nxt.end(), s.end) if nxt else None
    if people is None:
        return None
    subject = f"{w.group('w')} {people.group('subj').split()[-1]}"
    return Figure(s.q, s.q.start, w.end(), subject, subject_kind(subject, s.lex), "", "pending")


@dataclass(frozen=True)
class Rule:
    name: str
    version: int
    read: Callable[[Spot], Figure | None]

    @property
    def id(self) -> str:
        return f"{self.name}.v{self.version}"


RULES: list[Rule] = [
    Rule("then_them", 1, then_them),  # before all: "hauled 18 men out and killed them" (the people's last fate)
    Rule("suffered", 2, suffered),  # before passive: "suffered 150 killed" counts the sufferer's people (v2: "admitted losing", joined categories)
    Rule("whose_losses", 1, whose_losses),  # before passive: "British losses were 847 killed and wounded"
    Rule("passive", 2, passive),
    Rule("ellipsis", 1, ellipsis),
    Rule("unlisted", 1, unlisted),
    Rule("nominal", 2, nominal),  # v2: "injuries to N"; people named by their nation
    Rule("toll", 3, toll),  # v3: the number of injured ("the number of wounded is at 50")
    Rule("hostage", 2, hostage),
    Rule("others", 1, others),
    Rule("active", 3, active),  # before the nouns: "killing 10 to 20 prisoners of war" counts the dead
    Rule("bare", 2, category_word),
    Rule("attributive", 2, attributive),
    Rule("noun", 2, noun),
    Rule("chain", 4, chain),  # v4: people of any name ("and 20 Naxalites")
    Rule("reported", 1, reported),  # "..., while Le Matin reported 58": the same people by another account
    Rule("shared", 3, shared),  # v3: "along with", "together with"
]

# rules applied by the finder itself (figures.py), outside the table: their ids, for the claims they make.
# A rule's version goes up when what it reads changes (version 1: as it read before the table).
REVISION = Rule("revision", 3, lambda s: None)  # v3: a revised figure's own category word ("rose to 26 killed")
SINGULAR = Rule("singular", 1, lambda s: None)
SHARED = next(r for r in RULES if r.name == "shared")
BREAKDOWN = Rule("breakdown", 2, lambda s: None)  # v2: a part's own parts in brackets passed over
ALTERNATIVE = Rule("alternative", 2, lambda s: None)  # v2: in a bracket right after the figure's words
ANOTHER = Rule("another", 1, lambda s: None)


NOT_CASUALTY_REACH = 24  # characters before a figure where a verb of freeing stands ("setting free ")


def read(s: Spot) -> Figure | None:
    """The first rule's reading of the figure at ``s``; None when no rule reads it."""
    for rule in RULES:
        fig = rule.read(s)
        if fig is not None:
            P = s.lex.patterns
            if (fig.end <= s.end and P.not_casualty_after.match(s.text, fig.end, s.end)
                    or P.not_casualty_before.search(s.text, max(0, s.q.start - NOT_CASUALTY_REACH), s.q.start)) \
                    and not (fig.subject and P.still_taken.search(fig.subject)):
                # "45,000 civilians displaced", "hundreds of prisoners escaped", "the raid freed 400
                # prisoners": no casualty (hostages freed were still taken: "176 hostages were released")
                return None
            if not fig.rule:
                fig.rule = rule.id
            fig.speaker_side = fig.speaker_side or s.own or bool(s.lex.patterns.among_own.match(s.text, fig.end, s.end))
            return fig
    return None
