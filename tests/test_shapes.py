"""The sentence shapes (shapes.RULES) one at a time, on the figure finder."""
from __future__ import annotations

import pytest

import warlog
from warlog import figures, lexicon, shapes


def _read(text: str) -> list[tuple]:
    return [(f.rule.split(".v")[0], f.category, f.qty.low, f.qty.high, f.subject)
            for f in figures.find(text, lexicon.load())]


def test_shapes_rule_ids_are_unique_and_versioned():
    ids = [r.id for r in shapes.RULES]
    assert len(ids) == len(set(ids)) and all(".v" in i for i in ids)


@pytest.mark.parametrize("text, want", [
    # the people before a verb in the active voice did the killing; they are no count
    ("Two gunmen killed five people.", [("active", "killed", 5, 5, "people")]),
    ("Five gunmen were killed.", [("passive", "killed", 5, 5, "gunmen")]),
])
def test_shapes_active_voice_is_no_passive(text, want):
    assert _read(text) == want


@pytest.mark.parametrize("text", [
    # casualty rows of real infoboxes that count things, not people
    "2 BRDM-2 captured, 1 BRDM-2 destroyed",
    "1 helicopter damaged or shot down",
    "Unknown, 2 boats destroyed",
    "14 tanks destroyed",
    "12 armoured vehicles captured",
    "a bounty of $50,000 was offered",
    "The attackers stayed for three hours, 15 km from the town",
    "2 suicide vests were captured and three strongholds were captured",
])
def test_shapes_things_and_units_are_no_counts(text):
    assert _read(text) == []


def test_shapes_a_killing_of_prisoners_counts_the_dead():
    assert _read("killing 10 to 20 prisoners of war") == [("active", "killed", 10, 20, "prisoners of war")]


def test_shapes_one_number_for_several_revises_the_dead():
    # the shape of "X reported N dead and M wounded, but these numbers soon rose to K"
    figs = figures.find("Officials reported 12 dead and 20 wounded, but these numbers soon rose to 30.", lexicon.load())
    assert [(f.rule.split(".v")[0], f.category, f.qty.low) for f in figs] == [
        ("bare", "killed", 12), ("bare", "wounded", 20), ("revision", "killed", 30)]
    assert figs[2].revises is figs[0]


def test_shapes_a_long_sentence_of_every_shape_costs_linear_time():
    import time

    import warlog

    unit = ("killing 12 civilians (including 3 children) and wounding 4 others, the death toll was raised to 15, "
            "the official death toll exceeded 20 (30 according to the UN), the Taliban suffered an estimated 150 "
            "killed whilst 8 Americans killed, officials said that 47 were dead, initial reports claimed the deaths "
            "of 60 fighters, including 62 civilians, five soldiers, and all four gunmen, took over 700 students "
            "hostage and killed the town mayor and 68 others, ")
    # 40 units: some 800 numbers, under the sentence's limit of figures read (figures.MAX_QUANTITIES)
    text = "= T =\n\nInfobox\n- Conflict: T\n\nThe attack went on, " + unit * 40 + "and ended.\n"
    started = time.process_time()
    claims = warlog.extract_text(text, "long.txt")[0].claims
    assert len(claims) >= 360
    assert time.process_time() - started < 5  # about 0.1 s; seconds before the bounded reaches


def test_shapes_a_sentence_of_thousands_of_numbers_is_read_up_to_its_limit():
    import warlog
    from warlog import figures

    text = "= T =\n\nInfobox\n- Conflict: T\n\nThe attack killed " + "3 civilians, " * 5000 + "and ended.\n"
    claims = warlog.extract_text(text, "numbers.txt")[0].claims
    assert 0.9 * figures.MAX_QUANTITIES <= len(claims) <= figures.MAX_QUANTITIES


def test_shapes_a_document_of_tens_of_thousands_of_numbers_is_read_up_to_its_budget():
    import warlog
    from warlog import prose

    sentence = "The attack killed " + "3 civilians, " * 900 + "and ended. "
    text = "= T =\n\nInfobox\n- Conflict: T\n\n" + sentence * 20 + "\n"
    claims = warlog.extract_text(text, "numbers.txt")[0].claims
    assert prose.MAX_DOCUMENT_FIGURES <= len(claims) < prose.MAX_DOCUMENT_FIGURES + 900


def test_a_long_blank_run_after_a_figure_is_read_in_linear_time():
    # a fuzzed copy of the Loughinisland massacre (tests/corpus): thousands of tabs after "by the Irish"
    # once cost "and another wounded" a try per way to cut them (seconds for 5,000, hours for 100,000)
    import time

    text = ("= Test attack =\n\nThe UVF claimed the attack was retaliation for the killing of three UVF members by "
            "the Irish " + "\t" * 100_000 + "x. Ten people were killed.\n")
    start = time.perf_counter()
    claims = warlog.extract_text(text)[0].claims
    assert time.perf_counter() - start < 5 and [c.low for c in claims] == [3, 10]
