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


@pytest.mark.parametrize("sentence, figure, want", [
    # the subject, not the clause it opens (h4b_novofedorivka_explosions_2022.txt)
    ("Russian authorities declared a state of emergency and yellow-alert level of terrorist threat, but claimed the "
     "explosions were the result of an accident, and said one person was killed, over a dozen injured.", "one",
     ["Russian authorities"]),
    # the passive's agent is the claimant, not the clause around it (c42_goumakoura_ambush_2016.txt)
    ("The attack was claimed on 15 October 2016 by Ansar Dine, who claimed to have killed four soldiers, destroyed "
     "two vehicles, and captured two Malian soldiers, with one jihadist killed.", "four", ["Ansar Dine"]),
    # the person, not the relative clause after them (h3a_abuja_kaduna_train_attack_2022.txt)
    ("Approximately 970 passengers were on board, and several may have been abducted into the bush by the bandits, "
     "according to a passenger who escaped the onslaught.", "several", ["passenger"]),
    # a sentence whose subject is a figure and a verb says nothing of who counts (c17_battle_of_qamishli)
    ("According to Kurdish sources the NDF killed 2 Asayish members and 2 civilians with sniper fire.", "2",
     ["Kurdish sources"]),
])
def test_attribution_a_clause_is_no_claimant(sentence, figure, want):
    atts = attribution.in_sentence(sentence, lexicon.load(), actors.load(), None)
    got = attribution.for_position(atts, sentence.index(figure))
    assert (got and [s.name for s in got.sources]) == want
