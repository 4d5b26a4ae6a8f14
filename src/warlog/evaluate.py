"""How far to trust warlog on a sample you coded by hand: its claims and its main events held against an
answer key, with the counts of the project's scorer (``../shared/tools/score.py``), whose rules these are.

The answer key (the shape of ``../shared/gold/seeds.json``) lists documents by file name, each with its
main event's fields and its claims. Events are grouped by the base name of ``document.path``; a
document's main event is its first event with role "main" (else its first event), and its claims are
the claims of all its events.

A claim of warlog's matches a claim of the key when its side is one the key accepts, its category too,
its origin (infobox or prose) is the key's, its low and high are the key's (unless the key gives neither:
a vague amount), and, where the key names sources, one accepted name is part of one of the claim's
source or relay names (compared without case or accents). Claims are paired one to one, as many as can
be (a maximum matching; the required claims of the key first, so an optional one never takes a place a
required one needs). **Recall** counts the key's required claims that are paired; **precision** the
claims of warlog's that are paired with any claim of the key; **fields** the main event's fields that
are right: title and part_of (the key's text within warlog's), dates and country code (equal), places
(one name within another), the winner, each side (every group of the key found among the side's actor
names, aliases or ids) and, where the key gives them, the strengths.
"""
from __future__ import annotations

import json
import pathlib
import unicodedata
from dataclasses import dataclass, field

from .errors import BelowThreshold, DataFileError


def norm(text) -> str:
    """Text as the key is compared: without accents or case, straight quotes, no outer spaces."""
    plain = unicodedata.normalize("NFKD", str(text or "")).encode("ascii", "ignore").decode()
    return plain.lower().replace("\u2019", "'").replace("`", "'").strip()


# -- claims ----------------------------------------------------------------------------------------------

def _names(claim: dict) -> list[str]:
    people = list(claim.get("sources") or []) + list(claim.get("via") or [])
    names = [p.get("name") if isinstance(p, dict) else p for p in people]
    return [norm(n) for n in names if n]


def pairs_with(key: dict, claim: dict) -> bool:
    """A claim of warlog's is the key's claim (see the module's docstring)."""
    if claim.get("side") not in key["side"] or claim.get("category") not in key["category"]:
        return False
    if claim.get("origin") != key["origin"]:
        return False
    if (key["low"], key["high"]) != (None, None) and (claim.get("low"), claim.get("high")) != (key["low"], key["high"]):
        return False
    if key["sources"]:
        names = _names(claim)
        return any(norm(accepted) in name for accepted in key["sources"] for name in names)
    return True


def pair_up(keys: list[dict], claims: list[dict]) -> dict[int, int]:
    """The most pairs (key claim index -> warlog claim index), required key claims taken first."""
    fits = [[j for j, c in enumerate(claims) if pairs_with(k, c)] for k in keys]
    owner: dict[int, int] = {}  # warlog claim -> key claim

    def place(i: int, tried: set[int]) -> bool:
        # Kuhn's augmenting path: take a free claim, or move its owner to another of its fits
        for j in fits[i]:
            if j not in tried:
                tried.add(j)
                if j not in owner or place(owner[j], tried):
                    owner[j] = i
                    return True
        return False

    for i in sorted(range(len(keys)), key=lambda i: not keys[i]["required"]):
        place(i, set())
    return {i: j for j, i in owner.items()}


# -- event fields ----------------------------------------------------------------------------------------

def _actor_names(side: dict | None) -> list[str]:
    out = []
    for a in (side or {}).get("actors") or []:
        if isinstance(a, str):
            out.append(norm(a))
            continue
        out += [norm(a.get("name"))] + [norm(x) for x in a.get("aliases") or []]
        if a.get("id"):
            out.append(norm(a["id"]))
    return [n for n in out if n]


def _found(group: list[str], names: list[str]) -> bool:
    return any(norm(accepted) == n or norm(accepted) in n for accepted in group for n in names)


def field_checks(key: dict, ev: dict) -> list[tuple[str, bool]]:
    """Each field of the key's main event, and whether warlog's main event has it right."""
    out = [(f, norm(key[f]) in norm(ev.get(f))) for f in ("title", "part_of")]
    out += [(f, ev.get(f) == key[f]) for f in ("date_start", "date_end", "country_code")]
    places = [norm(loc.get("name")) for loc in ev.get("locations") or [] if isinstance(loc, dict)]
    out.append(("places", any(norm(p) in loc or loc in norm(p) for p in key["places"] for loc in places if loc)))
    out.append(("winner", (ev.get("result") or {}).get("winner") == key["winner"]))
    sides = ev.get("sides") or {}
    for f, label in (("side_a", "A"), ("side_b", "B")):
        names = _actor_names(sides.get(label))
        out.append((f, bool(names) and all(_found(group, names) for group in key[f])))
    for f, label in (("strength_a", "A"), ("strength_b", "B")):
        if f in key:
            strength = (sides.get(label) or {}).get("strength") or {}
            out.append((f, [strength.get("low"), strength.get("high")] == key[f]))
    return out


# -- scores ----------------------------------------------------------------------------------------------

@dataclass
class DocumentScore:
    """One document of the key: its counts, and what was missed, extra or wrong."""

    file: str
    events: int
    required: int
    required_hit: int
    claims: int
    claims_hit: int
    fields: int
    fields_ok: int
    missed: list[dict] = field(default_factory=list)  # required claims of the key that nothing paired
    unpaired: list[dict] = field(default_factory=list)  # warlog's claims the key does not hold
    wrong_fields: list[str] = field(default_factory=list)


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


@dataclass
class Score:
    """The counts over every document of the key."""

    documents: list[DocumentScore]

    def _sum(self, name: str) -> int:
        return sum(getattr(d, name) for d in self.documents)

    @property
    def recall(self) -> float:
        return _ratio(self._sum("required_hit"), self._sum("required"))

    @property
    def precision(self) -> float:
        return _ratio(self._sum("claims_hit"), self._sum("claims"))

    @property
    def f1(self) -> float:
        r, p = self.recall, self.precision
        return 2 * r * p / (r + p) if r + p else 0.0

    @property
    def field_score(self) -> float:
        return _ratio(self._sum("fields_ok"), self._sum("fields"))

    def summary(self) -> str:
        """The overall line, as the scorer prints it."""
        return (f"claims recall {self.recall:.3f} ({self._sum('required_hit')}/{self._sum('required')}) precision "
                f"{self.precision:.3f} ({self._sum('claims_hit')}/{self._sum('claims')}) F1 {self.f1:.3f}; "
                f"event fields {self.field_score:.3f} ({self._sum('fields_ok')}/{self._sum('fields')})")

    def to_dict(self) -> dict:
        counts = {k: self._sum(k) for k in ("required", "required_hit", "claims", "claims_hit", "fields", "fields_ok")}
        return {"recall": self.recall, "precision": self.precision, "f1": self.f1, "fields": self.field_score,
                "counts": counts, "documents": [vars(d) for d in self.documents]}

    def check(self, min_recall: float | None = None, min_precision: float | None = None,
              min_fields: float | None = None) -> None:
        """Raise BelowThreshold naming each figure under its floor."""
        below = [f"{name} {value:.3f} is below --min-{name} {floor}" for name, value, floor in (
            ("recall", self.recall, min_recall), ("precision", self.precision, min_precision),
            ("fields", self.field_score, min_fields)) if floor is not None and value < floor]
        if below:
            raise BelowThreshold("; ".join(below))


def evaluate(key: dict, events: list[dict]) -> Score:
    """Hold warlog's event records against the answer key (see the module's docstring)."""
    by_file: dict[str, list[dict]] = {}
    for ev in events:
        path = ((ev or {}).get("document") or {}).get("path") or ""
        by_file.setdefault(pathlib.PurePath(path).name, []).append(ev)
    return Score([_document(doc, by_file.get(doc["file"], [])) for doc in key["documents"]])


def _document(doc: dict, evs: list[dict]) -> DocumentScore:
    main = next((e for e in evs if e.get("role") == "main"), evs[0] if evs else {})
    claims = [c for e in evs for c in e.get("claims") or []]
    keys = doc["claims"]
    paired = pair_up(keys, claims)
    required = [i for i, k in enumerate(keys) if k["required"]]
    checks = field_checks(doc["event"], main) if main else []
    taken = set(paired.values())
    return DocumentScore(
        file=doc["file"], events=len(evs), required=len(required), required_hit=sum(i in paired for i in required),
        claims=len(claims), claims_hit=len(paired), fields=len(checks or field_checks(doc["event"], {})),
        fields_ok=sum(ok for _, ok in checks), missed=[keys[i] for i in required if i not in paired],
        unpaired=[c for j, c in enumerate(claims) if j not in taken], wrong_fields=[f for f, ok in checks if not ok])


def load(path: str | pathlib.Path, what: str):
    """A JSON file (the answer key, or the events); a DataFileError naming it if it cannot be used."""
    try:
        data = json.loads(pathlib.Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise DataFileError(f"cannot read it: {exc.strerror or exc}", path=str(path)) from None
    except (UnicodeDecodeError, ValueError) as exc:
        raise DataFileError(f"not JSON: {exc}", path=str(path)) from None
    if what == "key" and not (isinstance(data, dict) and isinstance(data.get("documents"), list)):
        raise DataFileError("not an answer key: no list of documents", path=str(path))
    if what == "events" and not isinstance(data, list):
        raise DataFileError("expected a JSON array of events (warlog extract --json)", path=str(path))
    return data


def report(score: Score, verbose: bool = False) -> str:
    """The scorer's text: with ``verbose`` a block per document (missed, unpaired, wrong), then the
    overall line."""
    lines = []
    for d in score.documents if verbose else []:
        lines.append(f"== {d.file}: {d.events} events, claims recall {d.required_hit}/{d.required}, "
                     f"precision {d.claims_hit}/{d.claims}, fields {d.fields_ok}/{d.fields}")
        lines += [f"   missed: side={k['side']} {k['category']} {k['low']}-{k['high']} sources={k['sources']} "
                  f"origin={k['origin']}  ({k.get('note', '')})" for k in d.missed]
        lines += [f"   unmatched output: side={c.get('side')} {c.get('category')} {c.get('low')}-{c.get('high')} "
                  f"sources={_names(c)} origin={c.get('origin')} text={str(c.get('text'))[:60]!r}" for c in d.unpaired]
        lines += [f"   field wrong: {f}" for f in d.wrong_fields]
    lines.append(score.summary())
    return "\n".join(lines)
