"""Who said so, at clause level (attribution.in_sentence, for_position)."""
from __future__ import annotations

import pytest

from warlog import actors, attribution, lexicon


def _sources(sentence: str) -> list[list[str]]:
    atts = attribution.in_sentence(sentence, lexicon.load(), actors.load(), None)
    return [[s.name for s in a.sources] for a in atts]


@pytest.mark.parametrize("sentence, want", [
    # the name, not the description set beside it (h6_lahore_suicide_bombing_2016.txt, seed 001)
    ("Jamaat-ul-Ahrar, a group affiliated with the Pakistani Taliban, claimed responsibility for the attack.",
     [["Jamaat-ul-Ahrar"]]),
    ("Katiba Macina, an affiliate of Ansar Dine, claimed involvement in the attack a few months later.",
     [["Katiba Macina"]]),
])
def test_attribution_appositive_is_not_the_claimant(sentence, want):
    assert _sources(sentence) == want


def test_attribution_clause_opening_verb_governs_only_what_follows():
    # h1_gao_bombing_2017.txt: "Dozens of people were killed" is no one's claim
    s = ("Dozens of people were killed, though the exact number was initially unclear—Malian state broadcaster "
         "ORTM said that 47 were dead.")
    atts = attribution.in_sentence(s, lexicon.load(), actors.load(), None)
    assert attribution.for_position(atts, 0) is None
    assert [x.name for x in attribution.for_position(atts, s.index("47")).sources] == ["Malian state broadcaster ORTM"]


def test_attribution_a_users_kind_words_reach_the_sources(tmp_path):
    # a user's lexicon may say what kind of claimant its words name ("elders" are witnesses): the kind
    # words are the lexicon's, not the code's
    extra = tmp_path / "mine.yaml"
    extra.write_text("attribution:\n  kind_words: [[elder, witness]]\n", encoding="utf-8")
    reg = actors.load()
    assert attribution.source("village elders", reg).kind == "unknown"
    assert attribution.source("village elders", reg, lexicon.load(str(extra))).kind == "witness"
    assert attribution.source("a local source", reg, lexicon.load(str(extra))).kind == "anonymous_source"
