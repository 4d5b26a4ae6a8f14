"""The sentence shapes (shapes.RULES) one at a time, on the figure finder."""
from __future__ import annotations

import pytest

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
