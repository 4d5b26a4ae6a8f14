"""Sides: who fought on which side, and whose people a phrase counts."""
from __future__ import annotations

from dataclasses import dataclass

from .actors import ARMED_KINDS, STATE_KINDS, ActorRecord, Registry
from .records import Actor


@dataclass
class SideView:
    """The sides of one event as the resolvers see them: label -> registry records."""

    labels: list[str]
    records: dict[str, list[ActorRecord]]
    # an attack on civilians (perpetrators, no combatants): people of no stated side are its victims
    victims_are_civilians: bool = False

    def of_actor(self, actor: ActorRecord, reg: Registry) -> str | None:
        for label in self.labels:
            if any(r.id == actor.id for r in self.records[label]):
                return label
        for label in self.labels:
            if any(reg.allies(actor, r) for r in self.records[label]):
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
    return SideView(list(sides), records, victims_are_civilians)


def actor(name: str, reg: Registry, text: str | None = None, start: int | None = None,
          end: int | None = None) -> Actor:
    """An Actor record for a name as written, linked to the registry where it resolves."""
    rec = reg.lookup(name)
    if rec is None:
        return Actor(name, None, [], "unknown", text, start, end)
    return Actor(rec.name, rec.id, [name] + [a for a in rec.aliases if a != name], rec.kind, text, start, end)


def side_of_subject(subject: str | None, subject_kind: str | None, sv: SideView, reg: Registry) -> str | None:
    """The side whose people ``subject`` counts ("Malian soldiers" -> the side with Mali); None if unknown."""
    if subject:
        for mention in reg.find(subject):
            label = sv.of_actor(mention.actor, reg)
            if label:
                return label
    if subject_kind == "civilians":
        return "civilians"
    if subject_kind == "state":
        return sv.of_kind(STATE_KINDS)
    if subject_kind == "un":
        return sv.of_kind({"un_mission"}) or sv.of_kind(STATE_KINDS)
    if subject_kind == "pmc":
        return sv.of_kind({"pmc"}) or sv.of_kind(STATE_KINDS)
    if subject_kind == "armed":
        return sv.of_kind(ARMED_KINDS) or sv.without_kind(STATE_KINDS | {"pmc"})
    if subject_kind == "unknown" and sv.victims_are_civilians:
        return "civilians"
    return None
