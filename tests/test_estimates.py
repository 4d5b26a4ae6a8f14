from __future__ import annotations

import pytest

from conftest import SAMPLES

import warlog


def _main(name):
    return warlog.extract(SAMPLES / "seeds" / name)[0]


def test_estimates_parts_of_one_statement_are_summed_and_disagree_with_the_infobox():
    ev = _main("004_845ec45266cabd06.txt")  # infobox: 11 soldiers killed; officials: nine + three
    est = ev.estimates["killed"]["A"]
    assert (est["low"], est["best"], est["high"]) == (11, 11, 12)
    assert any(d["category"] == "killed" and d["side"] == "A" for d in ev.discrepancies)


def test_estimates_revision_replaces_the_first_figure():
    ev = _main("004_845ec45266cabd06.txt")
    revised = [c for c in ev.claims if c.revises is not None]
    assert [(ev.claims[c.revises].low, c.low) for c in revised] == [(9, 13)]
    assert ev.estimates["killed"]["B"]["low"] == 13


def test_estimates_later_statement_of_same_claimant_stands():
    ev = _main("002_f0736b921dfecb07.txt")  # Malian army: 12, then on January 11: 14
    assert ev.estimates["killed"]["A"]["best"] == 14
    assert ev.estimates["killed"]["B"] == {"low": 5, "best": 31, "high": 31, "vague": False, "claims": 4}


@pytest.mark.parametrize("name,category", [("003_d37e82a4d6691ff5.txt", "wounded")])
def test_estimates_vague_only_category_has_nulls(name, category):
    est = _main(name).estimates[category]["A"]
    assert est["vague"] and est["low"] is None and est["best"] is None


def _claim(low, high, qualifier, who, origin="prose"):
    from warlog.records import Claim, Source

    return Claim("civilians", None, "killed", low, high, qualifier, [Source(who)], [], None, origin, "", 0, 0)


@pytest.mark.parametrize("claims, want", [
    # "at least 400" (Reuters) and "up to 600" (CNN): the upper bound does not drive low to 0
    ([(400, None, "at_least", "Reuters"), (None, 600, "at_most", "CNN")], (400, 400, 600)),
    # only upper bounds: nothing known from below; the tightest bound is the best guess
    ([(None, 80, "at_most", "NYT"), (None, 150, "at_most", "Ministry")], (None, 80, 150)),
])
def test_estimates_an_upper_bound_is_no_lower_bound(claims, want):
    from warlog import estimates

    est, _ = estimates.compute([_claim(*c) for c in claims])
    got = est["killed"]["civilians"]
    assert (got["low"], got["best"], got["high"]) == want
