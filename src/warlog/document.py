"""The document model every reader yields: title, infobox fields, paragraphs and references,
each a Segment that maps back to the document's source text."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .records import Provenance
from .text import Segment


@dataclass
class Field:
    """One infobox field. Items are separated by newlines (one per <br>, bullet or rendered line)."""

    key: str
    value: Segment


@dataclass
class Paragraph:
    section: str  # "" for the lead
    text: Segment

    def sentences(self) -> list[tuple[int, int]]:
        """The sentence spans of the paragraph's text (``sentences.split``), found once: the prose
        reader and the event's typing both read them."""
        spans = self.__dict__.get("_sentences")
        if spans is None or spans[0] is not self.text.text:
            from .sentences import split

            spans = self.__dict__["_sentences"] = (self.text.text, split(self.text.text))
        return spans[1]


@dataclass
class Document:
    provenance: Provenance
    text: str  # the decoded source text; every offset points into it
    title: str
    fields: dict[str, Field] = field(default_factory=dict)
    paragraphs: list[Paragraph] = field(default_factory=list)
    references: list[Segment] = field(default_factory=list)
    # Rendered pages lose the infobox's columns: their combatant and casualty lines are unsided.
    sided: bool = True
    # The title is the page's own heading ("= 2021 Zamfara school kidnapping ="), surer than the name
    # the infobox gives ("Title: Zamfara kidnapping"); a copy's guessed title is not.
    titled: bool = False

    def get(self, key: str) -> Segment | None:
        f = self.fields.get(key)
        return f.value if f else None


def _key_aliases() -> dict[str, str]:
    from importlib import resources

    from . import yamlfile

    text = resources.files("warlog.data").joinpath("infobox_keys.yaml").read_text(encoding="utf-8")
    return {re.sub(r"[\s_]+", " ", str(k).lower()): str(v) for k, v in yamlfile.load(text).items()}


_KEY_ALIASES = _key_aliases()
_NUMBERED = re.compile(r"^(combatant|commander|strength|casualties|units|casualty|side|leadfigures|howmany)\s*(\d)([a-z]?)$")
# {{Infobox civil conflict}}'s numbered parameters: the parties, their lead figures and their numbers
_NUMBERED_STEMS = {"casualty": "casualties", "side": "combatant", "leadfigures": "commander", "howmany": "strength"}


def normalise_key(key: str) -> str:
    """'Combatant1', 'combatant 1', 'casualties1' -> 'combatant1'; 'Partof' -> 'partof'."""
    k = re.sub(r"[\s_]+", " ", key.strip().lower())
    m = _NUMBERED.match(k.replace(" ", ""))
    if m:
        stem = _NUMBERED_STEMS.get(m.group(1), m.group(1))
        return f"{stem}{m.group(2)}{m.group(3)}"
    return _KEY_ALIASES.get(k, k.replace(" ", ""))
