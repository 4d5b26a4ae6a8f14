"""Low, best and high estimates per category and side, and the discrepancies between claims.

The rules (after the UCDP GED codebook's practice), also in the README:

1. Figures a claimant gives for the same people in one sentence (or infobox row) are parts of one
   count and are summed ("nine soldiers killed at A, three at B" is twelve). A claimant is its
   registry actor where it resolves ("Malian officials", "the Malian army": Mali), else its name;
   claims that name nobody form one claimant.
2. Each claimant's latest statement stands: a revision ("raised to thirteen") or a later statement
   (by the date it was made, then by its place in the text) replaces its earlier one.
3. low  = the lowest credible figure: the smallest lower bound among the standing figures. An upper
   bound ("up to 600", "no more than 150") gives no lower bound: it never lowers low.
4. high = the highest figure: the largest upper bound (or lower bound, for "over 30").
5. best = the infobox's figure where it gives one (the article's own reconciled number), else the
   median of the standing figures' lower bounds, rounded down. A range's best is its lower end.
   Where only upper bounds stand, low is null and best is the smallest of them.
6. Vague amounts ("dozens") give no number; a category with only vague claims gets nulls and
   ``vague: true``.
A discrepancy is a side and category whose claims give more than one distinct figure.
"""
from __future__ import annotations

from collections import defaultdict

from .records import Claim


def _claimant(c: Claim) -> str:
    names = [s.actor or s.name.lower() for s in c.sources]
    return "|".join(sorted(names)) or "(unattributed)"


def _statements(claims: list[tuple[int, Claim]]) -> dict[tuple, Claim]:
    """One figure per statement: a claimant's figures for the same people in one sentence or row
    are parts of one count ("nine killed in A, three in B" is twelve); a revision replaces what it revises."""
    revised = {c.revises for _, c in claims if c.revises is not None}
    parts: dict[tuple, list[Claim]] = defaultdict(list)
    for i, c in claims:
        if i in revised:
            continue
        parts[(c.origin, _claimant(c), c.statement if c.statement is not None else c.start)].append(c)
    return {key: _sum(cs) for key, cs in parts.items()}


def _sum(cs: list[Claim]) -> Claim:
    if len(cs) == 1:
        return cs[0]
    lows = [c.low for c in cs]
    highs = [c.high for c in cs]
    low = sum(x or 0 for x in lows) if any(x is not None for x in lows) else None
    high = sum(highs) if all(h is not None for h in highs) else None
    first = cs[0]
    return Claim(first.side, first.subject, first.category, low, high, "exact" if low == high else "at_least",
                 first.sources, first.via, first.stated_on, first.origin, first.text, first.start, cs[-1].end,
                 statement=first.statement)


def _standing(claims: list[tuple[int, Claim]]) -> list[Claim]:
    """Each claimant's latest statement (by the date it was made, then by its place in the text)."""
    latest: dict[tuple, Claim] = {}
    for (origin, who, _), c in _statements(claims).items():
        prev = latest.get((origin, who))
        if prev is None or (c.stated_on or "") >= (prev.stated_on or ""):
            latest[(origin, who)] = c
    return list(latest.values())


def compute(claims: list[Claim]) -> tuple[dict, list[dict]]:
    """(estimates, discrepancies) for one event's claims."""
    groups: dict[tuple[str, str], list[tuple[int, Claim]]] = defaultdict(list)
    for i, c in enumerate(claims):
        groups[(c.category, c.side)].append((i, c))
    estimates: dict[str, dict[str, dict]] = {}
    discrepancies: list[dict] = []
    for (cat, side), group in groups.items():
        estimates.setdefault(cat, {})[side] = _estimate(group)
        values = sorted({(c.low, c.high) for _, c in group if c.low is not None or c.high is not None},
                        key=lambda v: (v[0] or 0, v[1] or 0))
        if len(values) > 1:
            discrepancies.append({
                "category": cat, "side": side,
                "values": [{"low": lo, "high": hi} for lo, hi in values],
                "claims": [i for i, c in group if c.low is not None or c.high is not None],
                "revisions": [i for i, c in group if c.revises is not None],
            })
    return estimates, discrepancies


def _estimate(group: list[tuple[int, Claim]]) -> dict:
    standing = [c for c in _standing(group) if c.low is not None or c.high is not None]
    if not standing:
        return {"low": None, "best": None, "high": None, "vague": True, "claims": len(group)}
    # an upper bound ("up to 600", "no more than 150") is no lower bound: it gives no low and no best
    lows = [c.low for c in standing if c.low is not None]
    highs = [c.high if c.high is not None else c.low for c in standing]
    if not lows:
        # only upper bounds stand: nothing is known from below; the tightest bound is the best guess
        return {"low": None, "best": min(highs), "high": max(highs), "vague": False, "claims": len(group)}
    infobox = [c for c in standing if c.origin == "infobox" and c.low is not None]
    if infobox:
        best = infobox[0].low
    else:
        ordered = sorted(lows)
        best = ordered[(len(ordered) - 1) // 2]
    return {"low": min(lows), "best": best, "high": max(highs), "vague": False, "claims": len(group)}
