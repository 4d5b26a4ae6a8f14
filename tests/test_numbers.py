from __future__ import annotations

import pytest

from warlog import lexicon, numbers

LEX = lexicon.load()


def first(text):
    m = next(LEX.patterns.quantity.finditer(text))
    q = numbers.from_match(m, LEX)
    return q.low, q.high, q.qualifier


@pytest.mark.parametrize("text,expected", [
    ("14 killed", (14, 14, "exact")),
    ("fourteen soldiers", (14, 14, "exact")),
    ("thirty-two", (32, 32, "exact")),
    ("a hundred", (100, 100, "exact")),
    ("two hundred and fifty", (250, 250, "exact")),
    ("1,200 people", (1200, 1200, "exact")),
    ("30–32 killed", (30, 32, "range")),
    ("10-11,000 killed", (10000, 11000, "range")),  # the thousands written once (Battle of Sievierodonetsk)
    ("500–1,000 killed", (500, 1000, "range")),
    ("+250 killed", (250, None, "at_least")),
    ("> 26 injured", (26, None, "at_least")),
    ("between thirty and thirty-two", (30, 32, "range")),
    ("two or three", (2, 3, "range")),
    ("~30", (30, 30, "approx")),
    ("around 30", (30, 30, "approx")),
    ("100+ fighters", (100, None, "at_least")),
    ("over thirty", (30, None, "at_least")),
    ("at least 160", (160, None, "at_least")),
    ("20 or more", (20, None, "at_least")),
    ("up to 40", (None, 40, "at_most")),
    ("several dozen", (None, None, "vague")),
    ("dozens", (None, None, "vague")),
    ("a dozen", (12, 12, "exact")),
    # a share of a scale (Iran–Iraq War: "Half a million Iraqi and Iranian soldiers")
    ("half a million", (500000, 500000, "exact")),
    ("a quarter of a million", (250000, 250000, "exact")),
])
def test_numbers_quantity_forms(text, expected):
    assert first(text) == expected


@pytest.mark.parametrize("text,expected", [("Unknown", (None, None, None)), ("~30", (30, 30, "approx")),
                                           ("100+ fighters", (100, None, "at_least")),
                                           # Battle of Eylau (tests/corpus): a total before its parts, never
                                           # cut at its thousands comma; a unit's number before a colon is none
                                           ("75,000:, Napoleon: 45,000, Ney: 14,500", (75000, 75000, "exact")),
                                           ("Brigade 2506:", (None, None, None)),
                                           ("10:30 am, 5 fighters", (5, 5, "exact"))])
def test_numbers_strength(text, expected):
    assert numbers.parse_strength(text, LEX) == expected


def test_numbers_a_strength_row_of_thousands_of_figures_costs_linear_time():
    # a fuzzed copy's strength row of some 6,000 numbers took 4 s when each figure tried every later one
    # as a part of it; a total's parts are a few figures right after it
    import time

    from warlog.numbers import strength_figures

    row = " ".join(f"{n} men" for n in range(1, 20_001))
    start = time.perf_counter()
    found = strength_figures(row, LEX)
    assert len(found) == 20_000 and time.perf_counter() - start < 5  # quadratic: minutes
    # (the parts of a total still go: "11,000 fighters / 7,000 Iraqi soldiers / 4,000 PMF militiamen")
    assert len(strength_figures("11,000 fighters 7,000 Iraqi soldiers 4,000 PMF militiamen", LEX)) == 1
