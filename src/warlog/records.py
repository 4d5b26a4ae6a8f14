"""Typed records of the event contract (../shared/contract/event.md) and their JSON form.

Serialisation to the contract happens here and nowhere else: ``Event.to_dict``.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

CATEGORIES = ("killed", "wounded", "captured", "missing", "casualties")
QUALIFIERS = ("exact", "approx", "range", "at_least", "at_most", "vague")


@dataclass
class Citation:
    """A source the article cites ({{cite news|work=Reuters|date=|title=}}): who published it, when, under
    what headline; ``start``/``end`` are the citation's characters in the document's text."""

    work: str | None  # the outlet: work, website, newspaper..., else publisher, else agency
    date: str | None  # ISO (YYYY-MM-DD, YYYY-MM or YYYY) where it reads as a date, else as written
    title: str | None
    url: str | None
    start: int
    end: int


@dataclass
class Provenance:
    """Where a document came from: one record read by every exporter."""

    path: str
    format: str
    title: str
    sha256: str
    licence: str | None = None
    page_id: int | None = None
    revision_id: int | None = None
    citations: list[Citation] = field(default_factory=list)  # the sources it cites, where its form says

    @property
    def key(self) -> str:
        """The document's identity: its page in a dump, else its absolute path (the same text at two
        paths is two documents)."""
        if self.page_id is not None:
            return f"page:{self.page_id}"
        if self.path.startswith("<"):
            return self.path
        import os

        return os.path.abspath(self.path)


@dataclass
class Source:
    """Someone who made or relayed a claim."""

    name: str
    kind: str = "unknown"
    actor: str | None = None  # registry id where the name resolves


@dataclass
class Claim:
    """One casualty figure as one party stated it, at one place in the text."""

    side: str
    subject: str | None
    category: str
    low: int | None
    high: int | None
    qualifier: str
    sources: list[Source]
    via: list[Source]
    stated_on: str | None
    origin: str
    text: str
    start: int
    end: int
    revises: int | None = None  # index (in the event's claims) of the figure this one revises
    statement: int | None = None  # source offset of the sentence or infobox row it was read from
    extractor: str = ""
    # the figure it was read from, so the event can link revisions by index; not part of the record
    figure: Any = field(default=None, repr=False, compare=False, metadata={"internal": True})

    def value_range(self) -> tuple[int | None, int | None]:
        return self.low, self.high


@dataclass
class Actor:
    name: str
    id: str | None
    aliases: list[str]
    kind: str
    text: str | None = None
    start: int | None = None
    end: int | None = None


@dataclass
class Strength:
    low: int | None
    high: int | None
    qualifier: str | None
    text: str


@dataclass
class Side:
    actors: list[Actor] = field(default_factory=list)
    commanders: list[str] = field(default_factory=list)
    strength: Strength | None = None

    @property
    def belligerent(self) -> bool:
        """False for the civilians a one-sided attack targets (side B "Civilians", as in UCDP GED)."""
        return any(a.kind != "civilians" for a in self.actors)


@dataclass
class Location:
    name: str
    text: str
    start: int
    end: int
    admin1: str | None = None
    admin2: str | None = None
    country_code: str | None = None
    lat: float | None = None
    lon: float | None = None
    precision: int | None = None
    geo_source: str | None = None  # where the point comes from: the article, or a gazetteer row's source


@dataclass
class Result:
    text: str | None
    winner: str | None


@dataclass
class Event:
    id: str
    role: str
    title: str
    part_of: str | None
    date_start: str | None
    date_end: str | None
    date_precision: str | None
    country: str | None
    country_code: str | None
    locations: list[Location]
    sides: dict[str, Side]
    result: Result
    claims: list[Claim]
    document: Provenance
    estimates: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)
    discrepancies: list[dict[str, Any]] = field(default_factory=list)
    event_type: str | None = None
    sub_event_type: str | None = None
    violence_type: int | None = None
    type_rule: str | None = None  # the rule of data/event_types.yaml that typed the event
    attacker: str | None = None  # the side that acted (attacked, or perpetrated): "A", "B"... (attacker.py)
    attacker_rule: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The event as the JSON object of the contract."""
        return _plain(self)

    def to_json(self) -> str:
        """The event as contract JSON text (the same object as ``to_dict``, written without building it)."""
        return events_json([self])[0]

    def to_dict_json(self) -> str:
        """``json.dumps(self.to_dict(), ensure_ascii=False)``, written without building the dict (the
        store's record of the event)."""
        return json.dumps(self, default=_shallow_all, ensure_ascii=False)


def events_json(events: list[Event]) -> list[str]:
    """Each event's ``to_json``. The events of one document share its provenance record, whose
    citations are most of a long article's JSON (12 KB of an event's 16): it is written once for
    them all and set into each event's text."""
    names = _fields_of(Event)
    cut = names.index("document")
    written: dict[int, str] = {}
    out = []
    for ev in events:
        doc = written.get(id(ev.document))
        if doc is None:
            doc = written[id(ev.document)] = _dumps(ev.document)
        head = _dumps({k: getattr(ev, k) for k in names[:cut]})
        tail = _dumps({k: getattr(ev, k) for k in names[cut + 1:]})
        out.append(f'{head[:-1]}, "document": {doc}, {tail[1:]}')  # json.dumps's separators
    return out


def _dumps(value: Any) -> str:
    return json.dumps(value, default=_shallow, ensure_ascii=False)


def _fields_of(cls: type) -> tuple[str, ...]:
    """The fields written, in order: the contract's, not the internal ones. (The cache is the one
    ``_plain`` and ``_shallow_all`` fill with every field: whichever writes a class first decides
    for the process, as before; to_json and to_dict agree either way.)"""
    names = _FIELDS.get(cls)
    if names is None:
        names = _FIELDS[cls] = tuple(n for n, f in cls.__dataclass_fields__.items() if not f.metadata.get("internal"))
    return names


def _shallow(value: Any) -> dict:
    # json's C encoder walks dicts and lists itself and asks for each record only once
    return {k: getattr(value, k) for k in _fields_of(type(value))}


def _shallow_all(value: Any) -> dict:
    # the fields _plain walks, one level: json's encoder goes down the rest itself
    cls = type(value)
    names = _FIELDS.get(cls)
    if names is None:
        names = _FIELDS[cls] = tuple(value.__dataclass_fields__)
    return {k: getattr(value, k) for k in names}


_LEAF = (str, int, float, bool, type(None))
_FIELDS: dict[type, tuple[str, ...]] = {}


def _plain(value: Any) -> Any:
    # dataclasses.asdict deep-copies every leaf; records hold only plain values, so this need not
    if isinstance(value, _LEAF):
        return value
    if isinstance(value, list):
        return [x if isinstance(x, _LEAF) else _plain(x) for x in value]
    if isinstance(value, dict):
        return {k: (x if isinstance(x, _LEAF) else _plain(x)) for k, x in value.items()}
    cls = type(value)
    names = _FIELDS.get(cls)
    if names is None:
        names = _FIELDS[cls] = tuple(value.__dataclass_fields__)
    return {k: _plain(getattr(value, k)) for k in names}
