"""What the explorer's pages show, built from the store's records: filters from a query string, the
claims ledger of an event, and its article cut into runs of text each marked with the claims over it.

Nothing here makes HTML: the templates do, and Jinja escapes every value they are given.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import BadArgument
from ..query import Filters, claimant

FILTER_PARAMS = ("text", "actor", "country", "type", "since", "until", "min_killed", "role")
SIDE_NAMES = {"civilians": "civilians", "unknown": "unknown"}


def filters(params) -> Filters:
    """Filters from a query string's parameters (blank ones ignored), checked as ``warlog events``
    checks its options; BadArgument names the parameter that is wrong."""
    given = {k: (params.get(k) or "").strip() or None for k in FILTER_PARAMS}
    given["min_killed"] = whole("min_killed", given["min_killed"])
    return Filters.parse(**given)


def whole(name: str, value: str | None) -> int | None:
    """A query parameter that must be a whole number, or None when it is not given."""
    if value is None:
        return None
    try:
        return int(value)
    except ValueError:
        raise BadArgument(f"'{value}' is not a whole number", path="--" + name.replace("_", "-")) from None


def parameter(exc: BadArgument) -> str | None:
    """The query parameter a BadArgument is about (its option's name, as a query string spells it)."""
    return exc.path.removeprefix("--").replace("-", "_") if exc.path else None


def figure(low, high, qualifier) -> str:
    """A claim's number as a reader writes it: 12, ~30, 30–32, 30+, ≤40, or "some" for a vague amount."""
    return {"exact": f"{low}", "approx": f"~{low}", "range": f"{low}–{high}", "at_least": f"{low}+",
            "at_most": f"≤{high}"}.get(qualifier, "some")


def side_labels(record: dict) -> dict[str, str]:
    """Each side's label as a reader knows it: "A (Mali; Wagner Group)", "civilians"."""
    labels = dict(SIDE_NAMES)
    for label, side in (record.get("sides") or {}).items():
        names = "; ".join(a["name"] for a in side.get("actors", []))
        labels[label] = f"{label} ({names})" if names else label
    return labels


@dataclass
class Ledger:
    """An event's claims grouped by claimant, with the estimates, discrepancies and revisions."""

    groups: list[tuple[str, list[dict]]]
    estimates: list[dict]
    discrepancies: list[dict]
    revisions: list[dict]
    sides: dict[str, str] = field(default_factory=dict)


def ledger(record: dict) -> Ledger:
    """The ledger of one event record (the contract's JSON)."""
    sides = side_labels(record)
    claims = [_claim(i, c, sides) for i, c in enumerate(record.get("claims") or [])]
    groups: dict[str, list[dict]] = {}
    for c in claims:
        groups.setdefault(c["claimant"], []).append(c)
    estimates = [{"category": cat, "side": sides.get(side, side), **e}
                 for cat, by_side in (record.get("estimates") or {}).items() for side, e in by_side.items()]
    discrepancies = [{"category": d["category"], "side": sides.get(d["side"], d["side"]),
                      "figures": [figure(v["low"], v["high"], _qualifier(v)) for v in d["values"]],
                      "claims": d["claims"]} for d in record.get("discrepancies") or []]
    revisions = [{"claim": c["index"], "revises": c["revises"]} for c in claims if c["revises"] is not None]
    return Ledger(list(groups.items()), estimates, discrepancies, revisions, sides)


def _claim(i: int, c: dict, sides: dict[str, str]) -> dict:
    who = claimant(c)
    side = sides.get(c["side"], c["side"])
    fig = figure(c["low"], c["high"], c["qualifier"])
    summary = f"#{i}  {side}, {c['category']}: {fig}, per {who} ({c['origin']}): “{c['text']}”"
    return {**c, "index": i, "claimant": who, "side_label": side, "figure": fig, "summary": summary}


def _qualifier(value: dict) -> str:
    low, high = value.get("low"), value.get("high")
    return "exact" if low == high else "range" if low is not None and high is not None else \
        "at_least" if low is not None else "at_most" if high is not None else "vague"


@dataclass
class Run:
    """A stretch of the article's text and the claims (their indexes) whose words it is part of."""

    start: int
    text: str
    claims: list[int]


def runs(text: str, claims: list[dict]) -> list[Run]:
    """The text cut wherever a claim's words start or end, so that overlapping claims each mark their
    own words: every run knows all the claims over it."""
    spans = [(max(0, min(c["start"], len(text))), max(0, min(c["end"], len(text)))) for c in claims]
    cuts = sorted({0, len(text)} | {p for span in spans for p in span})
    out = []
    for a, b in zip(cuts, cuts[1:]):
        if a < b:
            out.append(Run(a, text[a:b], [i for i, (s, e) in enumerate(spans) if s <= a and b <= e]))
    return out
