"""Regular expressions compiled from the lexicon: figures, subjects, categories, attributions."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .lexicon import _alt

if TYPE_CHECKING:
    from .lexicon import Lexicon

MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|December|"
          "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec")
SIGNS = "~≈+>≥<≤"  # signs a figure can begin with: "~30", "+250 killed", "> 26"
DASH = r"\-\u2013\u2014\u2012"
# circa glued to its number, as rendered copies drop the full stop: "c655 killed", "c1,145 wounded"
GLUED_CIRCA = r"(?-i:c)(?=\d)"


def _alt_ascii_ci(words: list[str]) -> str:
    """Any of ``words`` (ASCII letters) in any case of their letters, as a trie; with no re.I, which
    would let "ſ" stand for "s" where ``str.lower`` does not."""
    trie: dict = {}
    for w in {w.lower() for w in words}:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def regex(node: dict) -> str:
        branches = [f"[{ch}{ch.upper()}]" + regex(node[ch]) for ch in sorted(k for k in node if k)]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return "(?:" + body + ")?" if "" in node else body

    return regex(trie)


def _first_word(phrase: str) -> str:
    """The first run of letters of a phrase, in lower case ("re-stated" -> "re")."""
    return re.search(r"[A-Za-z]+", phrase).group(0).lower()


def last_match(pattern: re.Pattern, text: str, pos: int = 0) -> re.Match | None:
    """The last match of ``pattern`` in ``text[pos:]``."""
    found = None
    for found in pattern.finditer(text, pos):  # noqa: B007 - the last one is wanted
        pass
    return found


class WordPattern:
    """A case-insensitive pattern that begins with a word boundary and a trie of lower-case words
    (``_alt``), searched as the compiled pattern would be, but faster. Python's engine tries such a
    pattern at every character; on ASCII text a twin without the boundary, run on the lowered text,
    begins with plain letters, which the engine skips to in C. It finds every place where the pattern
    could match (and more); the pattern itself is matched at each, so the matches, their groups and
    their order are the pattern's own. Text that is not ASCII is searched by the pattern alone
    (``str.lower`` and re.I disagree there: "ſ")."""

    def __init__(self, pattern: str):
        if not pattern.startswith(r"\b"):
            raise ValueError("a word pattern begins with \\b")
        self.full = re.compile(pattern, re.I)
        self.twin = re.compile(pattern[2:])  # lower-case words only: see _alt
        self.pattern = pattern

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None):
        end = len(text) if endpos is None else min(endpos, len(text))
        if not text.isascii():
            yield from self.full.finditer(text, pos, end)
            return
        low = text.lower()
        while (c := self.twin.search(low, pos, end)) is not None:
            m = self.full.match(text, c.start(), end)
            if m is None:
                pos = c.start() + 1
                continue
            yield m
            pos = m.end() if m.end() > m.start() else m.start() + 1

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match | None:
        return next(self.finditer(text, pos, endpos), None)


class Patterns:
    """Every compiled pattern the extractors use, built once per lexicon."""

    def __init__(self, lex: "Lexicon"):
        raw = lex.raw
        units = raw["numbers"]["units"]
        tens = raw["numbers"]["tens"]
        scales = raw["numbers"]["scales"]
        unit19 = _alt(units)
        unit9 = _alt([w for w, v in units.items() if 0 < v < 10])
        ten = _alt(tens)
        scale = _alt(scales)
        small = rf"(?:(?:{ten})(?:[{DASH}\s](?:{unit9}))?|(?:{unit19}))"
        # ("a dozen", "two dozen": twelve of them)
        # ("half a million", "a quarter of a million": a share of a scale)
        word_num = (rf"(?:(?:a\s+)?(?:half|quarter)\s+(?:of\s+)?an?\s+(?:{scale})"
                    rf"|(?:a|an|{small})\s+(?:{scale})(?:\s+(?:and\s+)?{small})?|(?:a|{small})\s+dozen|{small})")
        # more than ten digits is an identifier or debris, never a count of people (and int() of a
        # 4,301-digit run raises)
        # (never cut at a thousands comma: "75,000:" is 75,000, not 75)
        digits = r"(?:\d{1,3}(?:,\d{3}){1,3}(?!\d|,\d)|\d{1,10}(?!\d|,\d{3}(?!\d)))"
        # "2 million", "1.5 million"
        digits = rf"(?:\d{{1,3}}(?:\.\d{{1,3}})?\s+(?:{scale})\b|{digits})"
        self.number = rf"(?:{digits}|{word_num})"
        num = self.number
        q = raw["qualifiers"]
        qual = _alt(q["approx"] + q["at_least"] + q["at_most"] + q.get("plain", []))
        # "between 30 and 32", "between 200 - 300", "30–32", "172~200"
        # ("between 35 and over 300": a range whose upper end is open, read by from_match as at least 35)
        rng = (rf"(?:between\s+{num}\s*(?:and|[{DASH}])\s*(?P<open>(?:over|more\s+than)\s+)?{num}"
               # (a copy's reference markers may stand before the dash: "66 [13] [18] –86", "1,163[15]–900")
               rf"|{num}(?:\s*\[[^\[\]\s]{{1,8}}\])*\s*(?:[{DASH}~]|\bto\b|\bor\b)\s*{num})")
        suffix = r"(?:\s*\+|\s+or\s+more|[\s-]plus\b|\s+and\s+counting\b|±)"  # "125 and counting"; "190±" about 190
        vague = _alt(raw["vague"])
        # A figure: qualifier, number or range, lower-bound suffix; or a vague amount.
        self.quantity = re.compile(
            # ("5/6", "12/05": no figure after a slash that follows a digit; "16 KIA/79 wounded": one after a word)
            # (":5,237 killed" after a space is a line of a definition list, not a time's minutes)
            rf"(?<![\w.,\-])(?<!\d/)(?<!\S:)(?:(?P<qual>(?:{qual})|{GLUED_CIRCA})\s*)?(?P<num>{rng}|{num})(?P<suffix>{suffix})?(?:(?![\w:])|(?<=\d,\d\d\d)(?=:(?!\d)))"
            rf"|(?<![\w-])(?P<vague>{vague})\b",
            re.I,
        )
        self.number_re = re.compile(num, re.I)
        # Words a figure can begin with: the quantity pattern is tried only where one stands.
        first = set(units) | set(tens) | {"a", "an", "between", "half", "quarter"} | set(SIGNS)
        for phrase in q["approx"] + q["at_least"] + q["at_most"] + q.get("plain", []) + raw["vague"]:
            first.add(phrase.split()[0].lower().rstrip("."))
        self.quantity_first = frozenset(first)

        self.token = re.compile(rf"[{SIGNS}]|[^\W_][\w'’]*")
        # the next word a figure can begin with, the words before it passed over in one match (in C,
        # not word by word in Python): the words as ``token`` cuts them, a word in ``quantity_first``
        # in any case of its ASCII letters (as ``str.lower`` finds it), a digit, "~" or "≈"
        # A word that begins only phrases of more words ("in excess of", "a total of", "a hundred") is
        # one only before a second word of one of them (in the quantity's own case rule): "in", "a" and
        # "as" are common, and a figure seldom follows them
        phrases = q["approx"] + q["at_least"] + q["at_most"] + q.get("plain", []) + raw["vague"]
        seconds: dict[str, set[str]] = {"a": set(scales) | {"dozen"}, "an": set(scales)}
        for phrase in phrases:
            words = phrase.lower().split()
            seconds.setdefault(words[0].rstrip("."), set()).add(words[1] if len(words) > 1 else "")
        lead_only = {w: ws for w, ws in seconds.items() if w.isalpha() and "" not in ws and w not in units
                     and w not in tens and w != "between"}
        alone = _alt_ascii_ci([w for w in first if w.isalpha() and w not in lead_only])
        leads = "|".join(rf"{_alt_ascii_ci([w])}\s+(?i:{_alt(sorted(ws))})" for w, ws in sorted(lead_only.items()))
        self.quantity_candidate = re.compile(
            rf"(?:[^\w{SIGNS}]|_|(?!(?:{alone})(?![\w'’])|{leads}|{GLUED_CIRCA})[^\W\d_][\w'’]*)*+(?P<c>[{SIGNS}]|[^\W_][\w'’]*)")
        self.qualifier_kind = {w.lower(): kind for kind in ("approx", "at_least", "at_most") for w in q[kind]}
        self.qualifier_kind["c"] = "approx"

        cats = raw["categories"]
        verbs = [w for c in cats.values() for w in c.get("verbs") or []]
        nouns = [w for c in cats.values() for w in c.get("nouns") or []]
        active = [w for c in cats.values() for w in c.get("active") or []]
        nominal = [w for c in cats.values() for w in c.get("nominal") or []]
        heads = [w for ws in raw["subjects"].values() for w in ws]
        heads_alt = _alt(heads + nouns)
        stop = r"(?:were|was|are|is|had|have|has|been|and|or|in|at|on|by|from|the|with|who|which|that|to|of|as)"
        # a word that may stand in a subject: no stop word, but an acronym is no stop word ("IS militants")
        not_stop = rf"(?:(?=(?-i:[A-Z]{{2,}})\b)|(?!{stop}\b))"
        # who is counted: up to three modifiers ("Malian", "Wagner Group") before a head noun
        # two heads may stand together ("military personnel") or be joined ("soldiers and policemen",
        # but not "soldiers and seven civilians", "soldiers and a civilian": those are two counts)
        number_words = _alt(list(units) + list(tens) + list(scales) + ["dozen"])  # digits are kept out apart
        not_count = rf"(?!\d|(?:{number_words}|{vague}|a|an|the)\b)"
        # after a word of whose, losses stand for their people: "4 civilian deaths", "fifteen junta deaths"
        people = _alt(heads + raw.get("loss_nouns", []))
        # (a loss noun joins only its own modifier: "civilian deaths", not "soldiers and injuries")
        # ("men, women and children": heads listed, the last joined by "and")
        joined = (rf"(?:\s+(?:(?-i:[A-Z][\w'’-]*)\s+){{0,2}}(?:{people})|(?:\s*,\s*(?:{_alt(heads)})\b){{0,3}},?"
                  rf"\s+and\s+(?:{not_count}{not_stop}[^\W\d][\w'’]*(?:-[\w'’]+)*\s+){{0,2}}?(?:{_alt(heads)}))?")
        self.subject = re.compile(
            # "Houthi and allied fighters", "Malian and French soldiers": two modifiers joined, a name first
            rf"\s*(?:[\"“”'‘’]\s*)?(?P<subj>(?:(?-i:[A-Z])[\w'’-]*\s+and\s+)?"
            rf"(?:{not_stop}(?!\d|(?:{number_words})\b)[\w'’.]+(?:-[\w'’]+)*\s+){{0,3}}?(?:{heads_alt}){joined})\b",
            re.I)
        self.of_subject = re.compile(r"\s+of\s+(?:the\s+)?(?=\w)", re.I)
        self.relational = frozenset(w.lower() for w in raw["relational_subjects"])
        self.of_phrase = re.compile(
            r"\s+(?:of|belonging\s+to)\s+(?P<of>(?:(?:the|its|their)\s+)?(?:[\w'’\-]+\s+){0,4}?[\w'’\-]+)"
            r"(?=\s*(?:[,;.()]|$|\b(?:and|were|was|who|in|at|on|during|had|have|as|from|by|killed|wounded|"
            rf"{_alt(raw['taking']['captives'])})\b))", re.I)  # ("took 26 members of a research mission captive")
        # people the lexicon does not name: one to three words, none a category word ("three minelayers",
        # "Tigrayans", "Dozo hunters"); a rule reads them only before a verb of their own
        # (their age is an aside: "1,500 Moros aged 11–70 were killed")
        np_word = rf"{not_count}{not_stop}(?!(?:{_alt(verbs)}|aged)\b)[^\W\d_][\w'’]*(?:-[\w'’]+)*"
        self.unlisted = re.compile(rf"\s*(?:[\"“”'‘’]\s*)?(?P<np>(?:{np_word}\s+){{0,2}}{np_word})\b", re.I)
        aux = _alt(raw["passive"]["auxiliaries"])
        adv = rf"(?:{_alt(raw['passive']['adverbs'])}|\w+ly)"
        # asides between the people and their verb: "at least 18 soldiers, including an officer, were killed",
        # "642 civilians, including men, women, and children, were massacred", "(142 according to
        # official tallies)", "110 schoolgirls aged 11–19 years old were kidnapped"
        aside = (r"\s*,\s*(?:including|among\s+them|mostly|most\s+of\s+them|all\s+of\s+them|of\s+whom)\b[^;.()]{0,80}?,"
                 r"|\s*\([^()]{0,80}\)|\s+aged\s+[^,;.()]{0,25}?(?:\s+years?\s+old)?(?=\s)"
                 # the end of an aside before the verb: "30 fighters, along with nine southern fighters, were killed"
                 r"|\s*,(?=\s*(?:were|was|had\s+been|have\s+been)\s)")
        # who the people named were, between them and an auxiliary or "died" (read only after people
        # named, never after a bare figure: "100 breaches of the ceasefire were reported"): "340 people
        # from Lidice died", "Twelve residents including one member of the security team were killed",
        # "Three foreign kibbutz employees, two from Nepal and one from Moldova, were also killed"
        modifier = (rf"\s+(?:{_alt(raw['passive']['modifiers'])})\s+"
                    rf"[^,;.()]{{1,60}}?(?=\s+(?:(?:{aux})\s|(?:died|perished)\b))"
                    # "Eight soldiers of the Pakistan Army killed in the incident": of whom, then the verb
                    rf"|\s+of\s+(?:the\s+)?(?-i:[A-Z])[^,;.()]{{1,50}}?(?=\s+(?:killed|wounded|injured)\b)"
                    # what they were doing: "Nine people working in the field were killed"
                    rf"|\s+\w+ing\s+[^,;.()]{{1,60}}?(?=\s+(?:(?:{aux})\s|(?:died|perished)\b))"
                    # (not more people joined: "30 fighters, along with nine southern fighters, were killed")
                    rf"|\s*,(?!\s*(?:along|together|as\s+well|and|plus|or)\b)[^,;.()]{{1,80}},(?=\s*(?:{aux})\s)")
        # "74 civilians who were said to have died", "the 30 soldiers who died"
        harm = rf"(?:{_alt(raw['passive'].get('harms', []))})(?:\s*,\s*(?:and\s+)?|\s+and\s+)"
        verb = (rf"\s*(?:(?:who|that)\s+)?(?:{adv}\s+)?(?:(?P<aux>{aux})\s+)?(?:{adv}\s+(?:to\s+(?:be|have\s+been|have)\s+)?)*[\"“”'‘]?(?:{harm})*(?P<verb>{_alt(verbs)})\b"
                # "killed or wounded", "killed, wounded, missing or captured", "captured/missing"
                # "killed and seriously injured": an adverb before the second; "abducted, tortured, and killed"
                rf"(?:[\"“”'’]?(?:\s*,\s*(?:or\s+|and\s+)?|\s*/\s*|\s+(?:or|and|and/or)\s+)(?:(?!fatally|mortally)\w+ly\s+)?(?:{harm})*(?P<verb2>{_alt(verbs)})\b)*")
        self.verb_after = re.compile(rf"(?:{aside}){{0,2}}{verb}", re.I)
        # "hauled 18 men out and killed them", "abducted 12 people and later executed them": what
        # befell the people last, a verb of a category with "them" for its object
        self.then_them = re.compile(rf"[^,;.()\d]{{0,30}}?\s+and\s+(?:{adv}\s+)?(?P<verb>{_alt(verbs + active)})\s+them\b"
                                    rf"(?P<dead>\s+dead\b)?", re.I)
        self.verb_after_people = re.compile(rf"(?:{aside}|{modifier}){{0,2}}{verb}", re.I)
        # "14 dead and wounded": a category noun joined to another category word
        self.category_tail = re.compile(
            rf"(?:\s*,\s*(?:or\s+|and\s+)?|\s*/\s*|\s+(?:or|and|and/or)\s+)(?P<verb2>{_alt(verbs + nouns)})\b", re.I)
        # what follows a verb in the active voice: "two gunmen killed five people", "killed the mayor"
        self.object_after = re.compile(
            rf"\s+(?:{num}|{vague}|the|a|an|his|her|their|its|our|all|at\s+least|more\s+than|over|about|around)\b", re.I)
        # a category word (or a revision verb) must stand somewhere for a figure to be a casualty count
        self.noun_categories = sorted(((w.lower(), c) for c, forms in cats.items() for w in forms.get("nouns") or []),
                                      key=lambda nc: -len(nc[0]))
        tolls = raw["toll"] + raw.get("toll_wounded", [])
        # "..., bringing the toll to six killed": a sentence that gives the toll speaks of the event's count
        self.toll_named = re.compile(rf"\b(?:{_alt(tolls)})\b", re.I)
        self.toll_hints = tuple({p.split()[-1].lower() for p in tolls} | {p.split()[-1] for p in tolls})
        self.count_words = frozenset([re.findall(r"\w+", w.lower())[0]
                                      for w in verbs + nouns + active + nominal + raw["revision"]["verbs"] + ["toll"]]
                                     + [h.lower() for h in self.toll_hints])  # "the number of victims is ..."
        self.category_words = frozenset(w.lower() for w in verbs + active if " " not in w)
        # "a French soldier was killed": one person, written without a number
        # one person's words: up to a few words before a head noun in the singular
        modifiers = rf"(?:{not_stop}[\w'’.]+(?:-[\w'’]+)*\s+)"
        head_one = rf"(?:{_alt([w for w in heads if not w.endswith('s')])})"
        self.singular = re.compile(
            rf"\b(?P<art>[Aa]n?)\s+(?P<subj>{modifiers}{{0,3}}?{head_one})"
            rf"(?:\s*,[^,;.]{{1,60}},)?\s+(?:was|had\s+been|has\s+been)\s+(?:(?:also|reportedly|later)\s+)?"
            rf"(?P<verb>{_alt(verbs)})\b", re.I)
        self.singular_hint = re.compile(r"\b(?:was|had been|has been)\b", re.I)
        # "killed 14 military personnel, ..., and a civilian": one more, at the end of a list of counts
        self.singular_after = re.compile(
            rf"\s*,?\s*(?:and|as\s+well\s+as|along\s+with|plus)\s+(?P<art>an?)\s+"
            rf"(?P<subj>{modifiers}{{0,2}}?{head_one})\b"
            rf"(?!\s*(?:was|were|is|are|had|has|who|of)\b)", re.I)
        # "Ten policemen and a civilian driver were killed": the one after the counts waiting for a verb,
        # the verb theirs too
        self.singular_joined = re.compile(
            rf"\s*,?\s*(?:and|as\s+well\s+as)\s+(?P<art>an?)\s+"
            rf"(?P<subj>{modifiers}{{0,2}}?{head_one}(?:\s+[a-z]+)?)"
            rf"\s+(?:were|have\s+been|had\s+been)\s+(?:(?:also|reportedly|later|all)\s+)?(?P<verb>{_alt(verbs)})\b", re.I)
        # "two soldiers were killed, and a third wounded", "a civilian was killed and another injured":
        # one more of the same people, with a verb of its own
        self.another_after = re.compile(
            # (possessive blanks: a run of thousands of tabs is passed once, not once per way to cut it)
            rf"(?:\s+(?:in|at|on|during|near|by)\s+[^,;.()]{{1,40}}?)?\s*+,?\s*+and\s+"
            rf"(?P<art>another|one\s+other|a\s+(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth))"
            rf"(?:\s+(?:one|person))?\s+(?:(?:was|had\s+been|has\s+been)\s+)?(?:(?:also|seriously|critically|badly|"
            rf"severely|slightly|reportedly)\s+)?(?P<verb>{_alt(verbs)})\b", re.I)
        # "killing and mutilating an estimated 70": a second verb of what was done to them
        self.active_words = frozenset(w.lower() for w in active)
        # ("killed and burned over forty people": a second verb that says no other fate)
        self.active_before = re.compile(rf"\b(?P<active>{_alt(active)})[\"”’']?\s+"
                                        rf"(?:and\s+(?:[a-z]+ing|(?!(?:{_alt(verbs + active)})\b)[a-z]+ed)\s+)?"
                                        # one named before them: "killed Director General Shakil Ahmed, 56 other
                                        # army officers and 17 civilians", "killing the commander, 12 soldiers"
                                        # ("killed the village chief along with 12 other villagers")
                                        rf"(?:(?:(?:(?-i:[A-Z])[\w'’.-]*\s+){{0,4}}(?-i:[A-Z])[\w'’.-]*"
                                        rf"|(?:the|its|their|his|her)\s+(?:[\w'’-]+\s+){{0,2}}[\w'’-]+)"
                                        rf"(?:,\s+|\s+(?:along|together)\s+with\s+|\s+as\s+well\s+as\s+)"
                                        # (or where: "were killed in the raid along with up to 14 al-Qaeda fighters")
                                        rf"|(?:[a-z][\w'’-]*\s+){{0,2}}[a-z][\w'’-]*\s+(?:(?:along|together)\s+with|as\s+well\s+as)\s+)?"
                                        rf"(?:(?:at\s+least|some|about|all|all\s+the|the(?:\s+other)?|between)\s+)?$", re.I)
        take = raw["taking"]
        self.taking_words = frozenset(_first_word(w.split()[-1]) for w in take["verbs"])
        self.suffering_words = frozenset(_first_word(w.split()[-1]) for w in raw["suffering"])
        self.holding_words = frozenset(w.lower() for w in raw.get("holding", []))
        self.taking_before = re.compile(rf"\b(?:{_alt(take['verbs'])})\s+$", re.I)
        # "took hostage hundreds of guests": the captive word before the figure
        self.taking_captive_before = re.compile(
            rf"\b(?:{_alt(take['verbs'])})\s+(?:as\s+)?(?:{_alt(take['captives'])})\s+$", re.I)
        # the last word (letters) of each captive phrase: taking_captive_before ends with one
        self.captive_words = frozenset(re.findall(r"[A-Za-z]+", w)[-1].lower() for w in take["captives"])
        self.captive_after = re.compile(rf"\s+(?:as\s+)?(?:{_alt(take['captives'])})\b", re.I)
        # "killed the town mayor and 68 others": a killing of someone named, and others
        self.others_before = re.compile(
            rf"\b(?P<active>{_alt(active)})\s+(?:the|a|an|his|her|their|its)\s+[^,;.\d]{{1,40}}?\s+and\s+$", re.I)
        # "the Taliban suffered an estimated 150 killed"
        who_word = r"(?!(?:and|or|but)\s)[^\W\d][\w'’\-]*"  # (no figure, no conjunction: "losing 3 killed and")
        self.sufferer_before = re.compile(
            rf"(?:^|[,;:]\s*|\b(?:while|whilst|whereas|and|but|that)\s+)"
            # (not "..., while losing 3": the one who lost is the clause's speaker, read by the active rule)
            rf"(?:(?P<who>(?!(?:while|whilst|whereas|and|but|that|thus|so|also|each|after|before|by)\s)(?:the\s+)?"
            rf"(?:{who_word}\s+){{0,3}}?{who_word})"
            rf"\s+(?:(?:had|has|have|reportedly|also|allegedly|admitted|acknowledged|admit|admits|acknowledge|"
            rf"acknowledges)\s+)*)?(?P<suffered>{_alt(raw['suffering'])})\s+$", re.I)
        # "the deaths of 40", "the unlawful killings, including summary executions, of at least 73"
        self.nominal_before = re.compile(
            rf"\b(?P<nominal>{_alt(nominal)})(?:\s*,[^,;.]{{0,60}},)?\s+of\s+(?:(?:the|all)\s+)?$"
            # "injuries to over 141 others": what befell the people, then "to"
            rf"|\b(?P<nominal_to>injur(?:y|ies)|wounds?)\s+to\s+(?:(?:the|all)\s+)?$", re.I)
        # "six of their fighters": the speaker's own people
        self.of_own = re.compile(r"\s+of\s+(?P<own>their|its|our|his|her|the)\s+(?=\w)", re.I)
        self.among_own = re.compile(rf"\s+(?:among|in|within)\s+(?:its|their|our)\s+(?:own\s+)?(?:{_alt(raw['own_ranks'])})\b", re.I)
        # between two figures that share a verb: an optional place ("in the village of A") and "and"
        # (an aside may stand before "and": "63 civilians (including 9 children) and wounded 150")
        self.chain_gap = re.compile(
            r"^(?:\s*\([^()]{0,80}\)|\s*,[^,;.()]{0,60}(?=,))?"
            r"(?:\s+(?:in|at|near|on|from)\s+[^,;.]{0,60}?)?\s*(?:,\s*)?(?:and|as\s+well\s+as|along\s+with|plus|,)\s*$"
            # "41 people were killed; in Kokrajhar, 21; and in Barpeta Road, 15": a place, then the count
            r"|^\s*[;,]\s*(?:and\s+)?(?:in|at|near|on)\s+[^,;.()]{1,40}?,\s*$", re.I)
        # an auxiliary with no verb of the categories after it: "and one civilian was ki[lled]" cut off
        self.aux_after = re.compile(r"\s*(?:was|were|is|are|had|has|have)\b", re.I)
        self.chain_ok_after = re.compile(r"(?:\s*(?:$|[.,;:()]|\b(?:in|at|near|on|from|during|of|and|while|according\s+to)\b))", re.I)
        subset = _alt(raw["subset_words"])
        self.including = re.compile(rf"\b(?:{subset})\b", re.I)
        # a commander's men: "Fanning's 524 men", "Frederick's army" (case kept: a name, then lower-case words)
        self.leaders_men = re.compile(rf"\b(?P<name>[A-Z][^\W\d_]{{2,}})['’]s?\s+(?:[\d,]+\s+)?(?:[a-z][\w-]*\s+){{0,2}}?"
                                      rf"(?:{_alt(raw['commanded_bodies'])})\b")
        # a numbered unit after a number: capitalised words, then a unit's word ("14 Mechanised Infantry")
        self.unit_name = re.compile(rf"(?:\s+[A-Z][a-z]+){{0,2}}\s+(?:{_alt(raw['unit_names'], exact=True)})\b"
                                    rf"(?!\s+(?:{_alt(raw['unit_people'])})\b)")
        self.including_before = re.compile(rf"\b(?:{subset})\s*$", re.I)
        self.of_them_after = re.compile(r"\s+of\s+(?:them|whom|those|these)\b", re.I)
        # "four out of six gunmen": the people are the ones after the second number
        # "four out of six gunmen", "Five of the eight members of Black September": the people are the
        # ones after the second number, counted by the first
        # ("400 of Fanning's 524 men were killed": of a commander's)
        whose = r"(?-i:[A-Z])[\w.-]*(?:\s+(?-i:[A-Z])[\w.-]*){0,2}['’]s?"
        self.out_of_after = re.compile(rf"\s+(?:out\s+of\s+(?:the\s+)?|of\s+(?:the|its|their|{whose})\s+)(?:{self.number})\b", re.I)
        # the second number of such a share is a whole, not a count of its own
        self.share_before = re.compile(rf"\b(?:{self.number})\s+of\s+(?:the|its|their|{whose})\s+$", re.I)
        # "30 soldiers were killed and thirty more were injured": more of the same people
        self.more_after = re.compile(r"\s+more\b(?=\s+(?:were|was|are|had|have|died|later)\b)", re.I)
        # the words after a figure in a list of parts ("39 foreign nationals"), and what joins the parts
        self.member_words = re.compile(rf"(?:\s+{not_stop}[^\W\d_][\w'’.\-]*){{0,4}}", re.I)
        self.list_gap = re.compile(r"^\s*(?:,\s*)?(?:(?:and|or|as\s+well\s+as|plus)\s+)?(?:all\s+)?$", re.I)
        self.category_in = re.compile(rf"\b(?:{_alt(verbs + active + nominal)})\b", re.I)
        units, things = raw["not_people"]["units"], raw["not_people"]["things"]
        # "dozens of heavy weaponry", "hundreds of vehicles": a vague amount of things
        self.of_things = re.compile(rf"\s+of\s+(?:the\s+)?(?:[\w'’-]+\s+){{0,2}}?(?:{_alt(things)})(?!\w)", re.I)
        # ("12:30", "3.5"; but "20,160 :5,237 killed" is a total, then its parts on lines of a definition list)
        self.not_a_count = re.compile(rf"[:.]\d|[^\S\n]*(?:{MONTHS}|{_alt(units + things)})(?!\w)", re.I)
        self.money_before = re.compile(rf"(?:[$€£]|\b(?:{_alt(raw['not_people']['before'])}))\s*$", re.I)
        self.things = frozenset(w.lower() for w in things + raw["not_people"].get("people", []))
        self.month_before = re.compile(rf"\b(?:{MONTHS})\s*$", re.I)
        self.month_at_end = re.compile(rf"\b(?:{MONTHS})$", re.I)  # on text with no white space at its end
        self.year_before = re.compile(r"\b(?:in|since|by|until|from|during|of|early|late|mid|the|and)\s+$", re.I)
        # "Mission successful", "Operation accomplished": the side that ran it won (infobox.result)
        self.result_success = re.compile("|".join(f"(?:{p})" for p in raw["results"].get("success", [])) or r"(?!)")
        results = raw["results"]
        # "Successful LTTE commando raid": a few words (whose it was, what kind) before the operation's noun
        self.result_success_named = re.compile(
            rf"^(?:a\s+)?successful\s+(?P<words>(?:[\w'’-]+\s+){{0,4}}?)(?:{_alt(results['success_nouns'])})\b", re.I)
        adj = rf"(?:(?:{_alt(results['victory_adjectives'])})\s+)"
        # the lead's word on who won: "The Hanoverian victory ended ...", "a tactical victory for the French",
        # "the first major victory for the North Vietnamese Army"
        self.lead_victory = re.compile(
            rf"\b(?:an?|the)\s+{adj}*(?P<who>(?-i:[A-Z])[\w'’-]+(?:[ -](?-i:[A-Z])[\w'’-]+){{0,2}})\s+{adj}*victory\b"
            rf"|\b(?:an?|the)\s+{adj}*victory\s+for\s+(?:the\s+)?(?P<who2>(?-i:[A-Z])[\w'’-]+(?:[ -](?-i:[A-Z])[\w'’-]+){{0,2}})",
            re.I)
        # "a decisive defeat of the Byzantine army": the other side won
        self.lead_defeat_of = re.compile(
            rf"\b(?:an?|the)\s+{adj}*defeat\s+(?:of|for)\s+(?:the\s+)?(?P<lost>(?-i:[A-Z])[\w'’-]+(?:[ -](?-i:[A-Z])[\w'’-]+){{0,2}})",
            re.I)

        attr, sus, ib = raw["attribution"], raw["suspects"], raw["infobox"]
        # a natural feature's words after or before a name ("the Yarmouk River", "Mount X"): alternations
        # the title's places are tried with (events._feature)
        self.feature_after = _alt(raw["feature_words"]["after"])
        self.feature_before = _alt(raw["feature_words"]["before"])
        # "(French claim)": French; a row label "Ukrainian estimates", "Coalition numbers"
        self.claim_word_after = re.compile(rf"\s+(?:{_alt(attr['claim_nouns'])})\s*$", re.I)
        self.row_claim = re.compile(rf"^(?P<who>.+?)(?:['’‘]s|s['’])?\s+"
                                    rf"(?:{_alt(attr['claim_nouns'] + attr['row_claim_nouns'])})$", re.I)
        self.not_claimant = re.compile(rf"\s*(?:{_alt(attr['not_claimant'])})(?!\w)", re.I)
        perp = _alt(raw["perpetrator_words"])
        # "(the perpetrator)", "(both attackers)": the bracket after a count is the perpetrators alone; a
        # bracket that includes them ("(including the perpetrator)", "(incl. 3 attackers)") makes it everyone's
        self.perpetrators_only = re.compile(rf"\s*\(\s*(?:the|both|all|all\s+the|all\s+\w+)?\s*(?:{perp})\s*\)", re.I)
        # (not "(+4 bombers)", "(not including attackers)", "(excluding the gunman)": the count is the victims')
        self.perpetrators_among = re.compile(rf"\s*\((?!\s*\+|[^()]*\b(?:not|excluding|excl\.|plus|besides)\b)"
                                             rf"[^()]{{0,80}}?\b(?:{perp})\b[^()]{{0,80}}\)", re.I)
        self.suspects = re.compile(rf"\b(?:{_alt(sus['verbs'])})\s+(?:\w+\s+){{0,2}}?(?:{_alt(sus['links'])})\b"
                                   rf"|\b(?:{_alt(sus['nouns'])})", re.I)
        deeds = results["deeds"]
        self.took = re.compile(rf"^(?P<who>[^,;.()]{{2,80}}?)\s+(?:{_alt(deeds['took'])})\b", re.I)
        self.taken = re.compile(
            rf"\b(?:{_alt(deeds['taken_by'])})\s+by\s+(?P<who>[^,;.()]{{2,80}})|"
            rf"\b(?:{_alt(deeds['taking_of'])})\s+of\s+[^,;.()]{{2,60}}?\s+(?:by|to)\s+(?P<who4>[^,;.()]{{2,80}})|"
            rf"\b(?:{_alt(deeds['fell'])})\s+(?:to|under)\s+(?P<who2>[^,;.()]{{2,80}})|"
            # "Banibangou under brief ISSP control", "City under Houthi control"
            r"\bunder\s+(?:brief\s+|temporary\s+|full\s+|complete\s+|the\s+)?(?P<who3>[^,;.()]{2,40}?)\s+control\b", re.I)
        self.kept = re.compile(rf"^(?P<who>[^,;.()]{{2,80}}?)\s+(?:{_alt(deeds['kept'])})\b", re.I)
        self.left = re.compile(
            rf"^(?P<who>[^,;.()]{{2,80}}?)\s+(?:{_alt(deeds['left'])}|(?:is|are|was|were)\s+(?:{_alt(deeds['left_passive'])}))\b"
            rf"|^(?:the\s+)?(?:\w+\s+)?(?:{_alt(deeds['left_nouns'])})\s+of\s+(?:the\s+)?"
            r"(?P<who2>[^,;.()]{2,60}?)(?=\s+(?:to|from|toward|towards|across|into|behind|beyond)\b|\s*$)", re.I)
        self.repelled = re.compile(rf"\s*(?:the\s+)?(?:\w+\s+)?(?:{_alt(results['repelled_nouns'])})\s+"
                                   rf"(?:(?:was|were)\s+)?(?:{_alt(results['repelled_verbs'])})\b", re.I)
        self.ongoing = re.compile(rf"[\u2013\u2014-]\s*(?:{_alt(ib['ongoing'])})\b", re.I)
        self.new_style = re.compile(rf"\((?:{_alt(ib['new_style'])})\)", re.I)
        self.other_style = re.compile(rf"[^,;()]{{0,60}}\((?:{_alt(ib['old_style'])})\)\s*(?:or\b)?", re.I)

        self.toll = re.compile(
            rf"\b(?:{_alt(raw['toll'])}|(?P<hurt>{_alt(raw.get('toll_wounded', []) or ['(?!)'])}))\s+(?:[^\W\d]+\s+){{0,6}}?"
            rf"(?:(?P<over>{_alt(raw['toll_over'])})|{_alt(raw['toll_links'])})\s+$",
            re.I)
        whose = raw["whose_losses"]
        # "British losses are said to have been", "Mamluk–Ottoman casualties ranged from": a name (or
        # a nationality word) whose losses, a link, then the figure
        self.whose_losses_before = re.compile(
            rf"(?:^|(?<=[\s(]))(?:the\s+)?(?:(?P<who>(?!(?:the|a|an|these|those|its|their|his|her|our|such)\s)(?-i:[A-Z])[\w'’]+(?:[\s–-]+(?-i:[A-Z])[\w'’]+){{0,3}})(?:['’]s?)?"
            # "The TFG claimed its own casualties were 3 dead": the speaker's own
            rf"|(?P<own>(?:its|their|our)(?:\s+own)?))\s+"
            rf"(?P<noun>{_alt(list(whose['nouns']))})\s+(?:(?:\w+ly|also|later|then)\s+)?(?:{_alt(whose['links'])})\s+$", re.I)
        self.whose_loss_category = {k.lower(): v for k, v in whose["nouns"].items()}
        self.owner = re.compile(
            rf"(?:(?P<who>(?:[A-Z][\w'’.-]*\s+){{1,4}})(?:military\s+|army\s+|official\s+)?"
            rf"(?:{_alt(whose['owner_nouns'])})\s+(?:{_alt(whose['owner_links'])})\b"
            # "Losses of the Legion were: 145 killed, 210 wounded"
            rf"|\b(?:{'|'.join('[' + w[0].upper() + w[0] + ']' + re.escape(w[1:]) for w in whose['owner_of_nouns'])})"
            rf"\s+(?:of|among)\s+(?:the\s+)?(?P<who2>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){{0,3}})\s*"
            rf"(?:{_alt(whose['owner_of_links'])}|:))[^.;]*$")
        self.whose_loss_words = frozenset(w for link in whose["links"] for w in [link.split()[-1].lower()])
        rev = raw["revision"]
        # "the toll was later raised to", or the verb before it: "bringing the toll to"
        self.revision = re.compile(
            rf"\b(?:(?P<bring>{_alt(rev['bringing'])})\s+(?:the\s+|its\s+|their\s+)?(?:(?:overall|total|final)\s+)?)?"
            rf"(?P<noun>{_alt(rev['nouns'])})\s+(?(bring)(?:(?:up|upwards?)\s+)?|(?:(?:was|were|had\s+been|has\s+been|have\s+been|is|had|has|have)\s+)?"
            rf"(?:(?:later|subsequently|then|eventually|soon|quickly|again|further|rapidly)\s+)?"
            rf"(?:{_alt(rev['verbs'])})\s+(?:(?:upwards?|downwards?|up|down)\s+)?)to\s+", re.I)
        self.revision_of_dead = re.compile(rf"(?:{_alt(raw['toll'] + rev['of_the_dead'])})", re.I)

        att = raw["attribution"]
        # first words of the attribution phrases: a sentence with none of them has no attribution
        self.attribution_words = frozenset(
            w.split()[0].lower() for w in att["verbs"] + att["participles"] + att["passive"] + att["toll_claimants"]
            + ["according", "citing", "per"])
        # the first word (letters) of each pattern's phrases: where none stands in an ASCII sentence,
        # the pattern cannot match there, and is not run over it
        self.attribution_first = {
            name: frozenset(_first_word(w) for w in words) for name, words in (
                ("say", att["verbs"] + att["participles"]), ("by", att["passive"]),
                ("acc", ["according", "citing", "per"]), ("toll", att["toll_claimants"]))}
        self.toll_claimant = WordPattern(
            rf"\b(?P<who>{_alt(att['toll_claimants'])})\s+(?:(?:provisional|final|initial|first|latest)\s+)?"
            rf"(?:{_alt(raw['toll'])})\b")
        # "..., with Burkinabe officials claiming 160 were killed": a participle reports as its verb does
        # ("the blast claimed more than 50 lives", "claimed the lives of 12": took them, said nothing)
        self.say_verb = WordPattern(rf"\b(?P<verb>{_alt(att['verbs'] + att['participles'])})\b"
                                    rf"(?!\s+(?:{_alt(att['not_followed_by'])})\b)"
                                    rf"(?!\s+(?!that\b)(?:[\w,]+\s+){{0,3}}lives\b)")
        # "..., while Le Matin reported 58": a verb of saying right before a count of no words of its own
        self.reported_before = re.compile(rf"\b(?:{_alt(att['verbs'])})\s+$", re.I)
        self.reported_words = frozenset(w.split()[-1].lower() for w in att["verbs"])
        # "initial reports claimed": "reports" is a noun after these words
        self.say_noun_before = re.compile(rf"\b(?:{_alt(att['noun_before'])})\s+$", re.I)
        self.not_casualty_after = re.compile(
            rf"[^\S\n]*(?:(?:were|was|are|is|had\s+been|have\s+been|being|later|also|all)\s+)*"
            rf"(?:{_alt(raw.get('not_casualties', []) or ['(?!)'])})\b", re.I)
        self.not_casualty_before = re.compile(rf"\b(?:{_alt(raw.get('not_casualties_before', []) or ['(?!)'])})\s+$", re.I)
        self.still_taken = re.compile(rf"\b(?:{_alt(raw.get('still_taken', []) or ['(?!)'])})\b", re.I)
        self.admission = re.compile(rf"\b(?:{_alt(att.get('admission', []) or ['(?!)'])})\b", re.I)
        self.participle = re.compile(rf"\b(?:{_alt(att['participles'])})\b", re.I)
        self.passive_by = WordPattern(rf"\b(?:{_alt(att['passive'])})\s+")
        self.according_after = re.compile(r"\s*,?\s+(?:according\s+to|citing|per)\b", re.I)
        self.according = re.compile(r"(?:\b(?:according\s+to|citing)\s+|\(\s*per\s+|\bper\s+)", re.I)
        self.pronoun = re.compile(rf"^(?:{_alt(att['pronouns'])})$", re.I)
        self.document = re.compile(rf"\b(?:{_alt(att['documents'])})\s+(?:by|from|of|issued\s+by)\s+", re.I)
        self.possessive_doc = re.compile(rf"^(?P<who>.+?)['’]s?\s+(?:{_alt(att['documents'])})$", re.I)
        self.insider = re.compile(rf"^(?P<via>.*?)\s*\b(?:{_alt(att['insider'])})\s+(?:the\s+)?(?P<who>.+)$", re.I)
        # ("as well as" joins two counts; it carries no claimant on)
        self.continuation = WordPattern(rf"\b(?:{_alt(raw['continuation'])})\b(?!\s+as\b)")
        opp = raw["opposing"]
        self.opposed_between = re.compile(rf"\b(?:{_alt(opp['between'])})\b[^.;]{{0,100}}?\bbetween\s+")
        self.opposed_against = re.compile(rf"\b(?:{_alt(opp['against'])})\b")
        doers = raw["doers"]
        self.doer_before = re.compile(rf"\b(?:{_alt(doers['before'])})\s+(?:the\s+)?$", re.I)
        # (not a passive's subject: "Mogadishu, Somalia was attacked by al-Shabaab" names the victim's country)
        self.doer_after = re.compile(
            rf"(?:\s+(?!(?:was|were|is|are|been|being|be)\b)[\w'’-]+){{0,3}}?\s+(?:{_alt(doers['deeds'])})\b"
            rf"|\s+(?:{_alt(doers['deed_nouns'])})\b|\s+(?:{_alt(doers['blame'])})\b", re.I)
        self.event_verb = WordPattern(rf"\b(?:{_alt(raw['event_verbs'])})\b")
        self.event_verb_first = frozenset(_first_word(w) for w in raw["event_verbs"])
        self.event_noun = re.compile(rf"\s*\b(?:{_alt(raw['event_nouns'])})\b\s*", re.I)
