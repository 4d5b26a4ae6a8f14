"""Sides: who fought on which side, and whose people a phrase counts."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from . import forces
from .actors import ARMED_KINDS, STATE_KINDS, ActorRecord, Registry, fold
from .records import Actor, Side


@dataclass
class SideView:
    """The sides of one event as the resolvers see them: label -> registry records."""

    labels: list[str]
    records: dict[str, list[ActorRecord]]
    # an attack on civilians (perpetrators, no combatants): people of no stated side are its victims
    victims_are_civilians: bool = False
    # the words of each side's actors the registry does not know ("Nigerien contingent",
    # "Unspecified Islamist insurgents", "Local tribal militias")
    unnamed: dict[str, set[str]] | None = None
    # the words of every actor's name of each side, as written ("Czechoslovak Legion")
    named: dict[str, set[str]] | None = None
    # the names of each side's commanders, word by word, but words both sides' share ("Frederick")
    leaders: dict[str, set[str]] | None = None

    def of_leader(self, name: str) -> str | None:
        """The one side a commander of which goes by ``name`` ("Frederick's army", "Wayne's division")."""
        found = [label for label, names in (self.leaders or {}).items() if name in names]
        return found[0] if len(found) == 1 else None

    def of_words(self, subject: str) -> str | None:
        """The one side an unknown actor's name of which shares a word with ``subject`` ("Nigerien
        soldiers" -> the side of the "Nigerien contingent"; "34 insurgents" -> the side of the
        "Unspecified Islamist insurgents")."""
        return self._one_sharing(subject, self.unnamed)

    def of_name(self, owner: str) -> str | None:
        """The one side whose actor a name's word names ("Losses of the Legion were: ..." -> the side
        of the Czechoslovak Legion)."""
        return self._one_sharing(owner, self.named)

    @staticmethod
    def _one_sharing(words: str, names_by_side: dict[str, set[str]] | None) -> str | None:
        mine = _content_words(words)
        found = [label for label, names in (names_by_side or {}).items() if mine & names]
        return found[0] if len(found) == 1 else None

    def of_actor(self, actor: ActorRecord, reg: Registry) -> str | None:
        for label in self.labels:
            if any(r.id == actor.id for r in self.records[label]):
                return label
        for label in self.labels:
            if any(reg.allies(actor, r) for r in self.records[label]):
                return label
        for label in self.labels:
            # "British losses" beside the East India Company: a member's parent is the actor or its ally
            parents = [reg.by_id.get(r.parent) for r in self.records[label] if r.parent]
            if any(p is not None and (p.id == actor.id or reg.allies(actor, p)) for p in parents):
                return label
        return None

    def of_kind(self, kinds: set[str]) -> str | None:
        for label in self.labels:
            if any(r.kind in kinds for r in self.records[label]):
                return label
        return None

    def without_kind(self, kinds: set[str]) -> str | None:
        for label in self.labels:
            if not any(r.kind in kinds for r in self.records[label]):
                return label
        return None


def view(sides: dict, reg: Registry, victims_are_civilians: bool = False) -> SideView:
    sides = {label: side for label, side in sides.items() if side.belligerent}  # not the civilians attacked
    records = {label: [reg.by_id[a.id] for a in side.actors if a.id in reg.by_id] for label, side in sides.items()}
    unnamed = {label: set().union(*(_content_words(a.name) for a in side.actors if a.id is None))
               for label, side in sides.items()}
    named = {label: set().union(*(_content_words(a.name) for a in side.actors)) for label, side in sides.items()}
    return SideView(list(sides), records, victims_are_civilians, unnamed, named, _leaders(sides))


def _leaders(sides: dict) -> dict[str, set[str]]:
    """Each side's commanders' names, word by word (capitalised words of three letters or more), less
    the words of both sides' (a shared given name, "Nguyễn")."""
    words = {label: {w for name in side.commanders for w in _NAME_WORD.findall(name)} for label, side in sides.items()}
    shared = {w for label, ws in words.items() for other, vs in words.items() if other != label for w in ws & vs}
    return {label: ws - shared for label, ws in words.items()}


_NAME_WORD = re.compile(r"\b[A-Z][^\W\d_]{2,}\b")


def _content_words(name: str) -> set[str]:
    """A name's words that may say who (lower case, a plural's -s off): not the words of any force."""
    words = {w.lower() for w in re.findall(r"[^\W\d_]{4,}", name)}
    return {w[:-1] if w.endswith("s") else w for w in words} - _GENERIC_WORDS


_GENERIC_WORDS = frozenset(forces.words()["generic_name_words"])


def actor(name: str, reg: Registry, text: str | None = None, start: int | None = None,
          end: int | None = None) -> Actor:
    """An Actor record for a name as written, linked to the registry where it resolves."""
    rec = reg.lookup(name)
    if rec is None and _GENERIC_ARMED.fullmatch(name.strip()):
        rec = reg.by_id.get(UNIDENTIFIED)  # "Islamists", "Unknown gunmen": a group the article cannot name
    if rec is None:
        return Actor(name, None, [], "unknown", text, start, end)
    return Actor(rec.name, rec.id, [name] + [a for a in rec.aliases if a != name], rec.kind, text, start, end)


UNIDENTIFIED = "unidentified_armed_group"
_GENERIC_ARMED = re.compile(rf"(?:(?:{forces.alt('generic_armed_modifiers')})\s+){{0,2}}(?:{forces.alt('generic_armed_heads')})",
                            re.I)


def kind_of_several(kind: str | None, sv: SideView) -> bool:
    """Whether two sides or more have actors of the kind a subject word says ("soldiers": states),
    so that the word alone says whose people they are of neither."""
    kinds = STATE_KINDS if kind == "state" else ARMED_KINDS if kind == "armed" else None
    return kinds is not None and sum(any(r.kind in kinds for r in sv.records[lab]) for lab in sv.labels) > 1


def side_named(subject: str, subject_kind: str | None, sv: SideView, reg: Registry) -> str | None:
    """``side_of_subject``, but people named by their kind alone say whose only where one side has
    that kind ("servicemen" where both sides are states are either's)."""
    if not reg.find(subject) and kind_of_several(subject_kind, sv):
        return None
    return side_of_subject(subject, subject_kind, sv, reg)


def nationals(mention, subject_kind: str | None) -> bool:
    """"Somali Islamists", "Afghan insurgents": a state's nationals in an armed group, not its forces."""
    return subject_kind == "armed" and mention.by_demonym and mention.actor.kind in STATE_KINDS


_HELD = re.compile(r"\b(?:prisoners?|detainees?|inmates?|captives?)\b", re.I)


def side_of_subject(subject: str | None, subject_kind: str | None, sv: SideView, reg: Registry) -> str | None:
    """The side whose people ``subject`` counts ("Malian soldiers" -> the side with Mali); None if unknown.
    Civilians are civilians whoever's they are ("Israeli civilians")."""
    if subject_kind == "civilians":
        return "civilians"
    named_state = False
    if subject:
        for mention in reg.find(subject):
            if nationals(mention, subject_kind) or mention.by_demonym and sv.victims_are_civilians \
                    and _HELD.search(subject):
                continue  # ("thousands of Libyan prisoners were killed" by the Libyan regime: its victims)
            label = sv.of_actor(mention.actor, reg)
            if label:
                return label
            named_state = named_state or mention.actor.kind in STATE_KINDS
        if subject_kind not in (None, "unknown") and (label := sv.of_words(subject)):
            return label  # (fighters, not "Eleven Nationalist supporters" of the "Nationalist troops")
    if subject_kind == "state":
        # "1 Cameroonian soldier" where Cameroon fights on no side: not the other state's people
        return None if named_state else sv.of_kind(STATE_KINDS)
    if subject_kind == "un":
        return sv.of_kind({"un_mission"}) or sv.of_kind(STATE_KINDS)
    if subject_kind == "pmc":
        return sv.of_kind({"pmc"}) or sv.of_kind(STATE_KINDS)
    if subject_kind == "armed":
        # "jihadists", "rebels": the side of the armed groups before the one of militias, which mostly
        # fight beside a state (GATIA, the VDP); "militiamen" are the militias'
        if subject and _JIHADIST_WORDS.search(subject) and (label := _jihadist_side(sv, reg)):
            return label
        first = {"militia"} if subject and _MILITIA.search(subject) else {"armed_group"}
        return sv.of_kind(first) or sv.of_kind(ARMED_KINDS) or sv.without_kind(STATE_KINDS | {"pmc"})
    if subject_kind == "unknown" and sv.victims_are_civilians:
        return "civilians"
    return None


_JIHADIST_WORDS = forces.whole("jihadist_words")
_JIHADIST_NAME = re.compile(forces.alt("jihadist_name_parts"), re.I)


def jihadist(rec: ActorRecord, reg: Registry) -> bool:
    """A group of the global jihadist movements: al-Qaeda's or the Islamic State's, by its lineage or name."""
    seen = set()
    while rec is not None and rec.id not in seen:
        if rec.id in ("al_qaeda", "islamic_state") or _JIHADIST_NAME.search(rec.name):
            return True
        seen.add(rec.id)
        rec = reg.by_id.get(rec.parent) if rec.parent else None
    return False


def _jihadist_side(sv: SideView, reg: Registry) -> str | None:
    """The one side with a jihadist group ("Six jihadists were killed" where the other side has
    armed groups too: the MSA and GATIA beside France)."""
    found = [label for label in sv.labels if any(r.kind in ARMED_KINDS and jihadist(r, reg) for r in sv.records[label])]
    return found[0] if len(found) == 1 else None


_MILITIA = re.compile(rf"\b(?:{forces.alt('militia_words')})", re.I)


def tidy(sides: dict, reg: Registry, text: str) -> None:
    """The actors of each side made names: several glued in one rendered cell ("MNLA HCUA
    MAA-Dissident") split where the registry knows each; text that names nobody (a heading, a file
    name, a size, a sentence) dropped; one actor once per side. In place."""
    for side in sides.values():
        out: list[Actor] = []
        for a in side.actors:
            parts = [a] if a.kind == "civilians" else split(a, reg, text)
            out += [p for p in parts if p.id or p.kind == "civilians" or not debris(p.name)]
        seen: set = set()
        side.actors = [a for a in out if not ((a.id or a.name) in seen or seen.add(a.id or a.name))]


def split(a: Actor, reg: Registry, text: str) -> list[Actor]:
    """One actor per registry name in a cell that glues several; the cell's other names kept as written."""
    name = a.aliases[0] if a.id and a.aliases else a.name  # as written (sides.actor puts it first)
    why = reg.explain(name)
    if why and not why[1].startswith("it mentions"):
        return [a]  # a whole name, however many others it contains ("Islamic State of Iraq and the Levant")
    mentions = [m for m in reg.find(name) if not m.by_demonym]
    lead = bool(mentions) and name[:1].islower()  # "and other armed groups including PIJ"
    if len({m.actor.id for m in mentions}) < 2 and not lead:
        return [a]
    gaps = [name[x.end:y.start] for x, y in zip(mentions, mentions[1:])] + [name[mentions[-1].end:]]
    if not lead:
        gaps.append(name[:mentions[0].start])
    if not all(_GAP.fullmatch(g) for g in gaps):
        return [a]  # "United Kingdom of Great Britain and Ireland" is one name, not two
    out, last = [], 0
    for m in mentions:
        out += _leftover(name[last:m.start], a, reg, text)
        out.append(_part(name[m.start:m.end], a, reg, text))
        last = m.end
    return out + _leftover(name[last:], a, reg, text)


_SEP = r"[\s,;/&+|·•()\-–]*"
# what may stand between the names of a glued cell: separators, "and", or names of its own
_GAP = re.compile(rf"{_SEP}(?:and{_SEP})?|{_SEP}[A-Z][\w'’.\-]*(?:\s+[A-Z][\w'’.\-]*)*{_SEP}")
_JOINERS = re.compile(r"^[\s,;/&+|()\-–]*(?:(?:and|or|with|including|other|armed|groups?|the|of|supported|by)\b[\s,;/&+|()\-–]*)*|"
                      r"[\s,;/&+|()\-–]*$", re.I)


def _leftover(piece: str, a: Actor, reg: Registry, text: str) -> list[Actor]:
    """What a glued cell holds between registry names: a name of its own ("Berry Aviation"), or nothing."""
    piece = _JOINERS.sub("", piece)
    if not piece or not piece[:1].isupper() or len(piece) < 3:
        return []
    return [_part(piece, a, reg, text)]


def _part(written: str, a: Actor, reg: Registry, text: str) -> Actor:
    """An actor for a piece of a cell, its offsets found inside the cell's own span."""
    s = e = None
    if a.start is not None and a.end is not None:
        at = text.find(written, a.start, a.end)
        if at < 0:
            at = fold(text[a.start:a.end]).find(fold(written))
            at = a.start + at if at >= 0 else -1
        if at >= 0:
            s, e = at, at + len(written)
    return actor(written, reg, text[s:e] if s is not None else None, s, e)


@functools.lru_cache(maxsize=1)
def _not_actors() -> tuple[frozenset, re.Pattern]:
    from .actors import packaged_yaml

    data = packaged_yaml("not_actors.yaml")
    verbs = "|".join(re.escape(v) for v in data["verbs"])
    return frozenset(fold(x) for x in data["labels"]), re.compile(rf"\b(?:{verbs})\b", re.I)


_FILE = re.compile(r"\.(?:jpe?g|png|svg|gif|webp|tiff?)\b|^(?:File|Image)\s*:|\b\d+\s*px\b|\bthumb(?:nail)?\b", re.I)
_COUNT = re.compile(r"^\s*[~≈c.]*\s*\d[\d,.]*(?:\s*[-–]\s*\d[\d,.]*)?\+?\s+[a-z]")  # "4-6 attackers": a count, no name
_SIZE = re.compile(r"^[\d\s.,x×%]+(?:px|km|m|cm|mm|kb|mb)?$", re.I)


def is_label(name: str) -> bool:
    """A heading or label of a page that stands where names do ("Flag", "Belligerents", "Unknown")."""
    return fold(name.strip(" .:")) in _not_actors()[0]


def debris(name: str) -> bool:
    """Text that is no name: a heading or label, an image file or size, a sentence."""
    labels, verbs = _not_actors()
    words = name.split()
    return (not name.strip() or fold(name.strip(" .:")) in labels or bool(_FILE.search(name))
            or bool(_SIZE.match(name.strip())) or bool(_COUNT.match(name)) or len(words) > 8
            or (len(words) >= 4 and bool(verbs.search(name))) or name[:1].islower() or bool(_GLUED_DEBRIS.search(name)))


# a word glued to a number ("Casualties28 killed"), a table's cell id, a list's number ("4. ..."), an
# editor's tag ("[ unreliable source? ]"), a section's edit link ("Attacks edit"), a span of years
# heading a column's phases ("1927–1936")
_GLUED_DEBRIS = re.compile(r"[a-z]{3,}\d|_cell_|_header_|^\d+\.\s|^\s*\[|\sedit$|^\d{3,4}\s*[–-]\s*\d{2,4}$")


def civilian_target(sides: dict, target: str | None, reg: Registry, lex) -> None:
    """A one-sided attack's side B is the civilians attacked, not an armed actor its target line also
    names: "Target: Civilians caught in the crossfire between the AUC and FARC" is civilians, and the
    perpetrator named again ("Kurdistan Freedom Hawks (TAK)") is no target. In place.

    (The infobox reader takes the first belligerent its target line names; once the registry knows
    the actors of every war, it finds one in such lines too.)"""
    if "A" not in sides or "B" not in sides or not sides["B"].belligerent:
        return
    first = (target or "").strip().split()
    by_civilians = bool(first) and lex.subject_kind.get(first[0].lower().strip(",.;:")) == "civilians"
    a_recs = [reg.by_id[a.id] for a in sides["A"].actors if a.id in reg.by_id]
    b_recs = [reg.by_id[a.id] for a in sides["B"].actors if a.id in reg.by_id]
    perpetrator = b_recs and all(any(b.id == a.id or reg.allies(a, b) for a in a_recs) for b in b_recs)
    if by_civilians or perpetrator:
        sides["B"] = Side(actors=[Actor("Civilians", None, [], "civilians")])


# A side's name that is a state's force without saying whose: "Security Forces", "Mumbai Police",
# "Republican Guard", "National Intelligence Service", "Railway Protection Force"
_GENERIC = forces.alt("state_force_modifiers")
_STATE_FORCE = re.compile(rf"^(?:the\s+)?(?:(?:{_GENERIC})\s+){{0,4}}(?:{forces.alt('state_force_heads')})$"
                          rf"|^(?:the\s+)?(?:[A-Z][\w'’.-]*\s+){{0,3}}police(?:\s+(?:force|service))?$", re.I)


def state_forces(sides: dict, code: str | None, reg: Registry) -> None:
    """Name a state's force that the registry cannot place as its state: the state already on the
    same side where it is the only one, else, where no side names a state, the state of the event's
    country (UCDP GED's "Government of X" for its police and army alike). A side without a state
    facing one, or two sides each with such a force, keep them as written: in a civil war both may
    call theirs "Security Forces". In place."""
    def unnamed(a: Actor) -> bool:
        return a.id is None and a.kind != "civilians" and bool(_STATE_FORCE.match(a.name.strip()))

    states = {label: [a for a in side.actors if a.kind in STATE_KINDS] for label, side in sides.items()}
    forces = [label for label, side in sides.items() if any(map(unnamed, side.actors))]
    home = reg.state(code)
    for label in forces:
        side, own = sides[label], {a.id for a in states[label]}
        if len(own) == 1:
            rec = reg.by_id.get(next(iter(own)))
        elif not own and home is not None and not any(states.values()) and len(forces) == 1:
            rec = home
        else:
            continue
        for n, a in enumerate(side.actors):
            if unnamed(a) and rec is not None:
                side.actors[n] = Actor(a.name, rec.id, [a.name, rec.name] + rec.aliases, rec.kind, a.text, a.start, a.end)

