"""The side that acted (ACLED's actor1): read from who attacked, not from the infobox's column order."""
from __future__ import annotations

import pytest

from conftest import SAMPLES

import warlog

ARTICLE = """= Test attack =

Infobox
- Conflict: Test attack
- Place: Boni, Mali
- Date: March 3, 2019
- Combatant1: Mali
- Combatant2: Jama'at Nasr al-Islam wal Muslimin

{lead}
"""


@pytest.mark.parametrize("lead,side", [
    ("On March 3, 2019, militants from Jama'at Nasr al-Islam wal Muslimin attacked a Malian military base in Boni.", "B"),
    ("On March 3, 2019, a Malian convoy was ambushed by JNIM fighters near Boni.", "B"),
    ("On March 3, 2019, Malian soldiers attacked a JNIM camp near Boni.", "A"),
    ("On March 3, 2019, three soldiers were killed when jihadists stormed the post in Boni.", "B"),
    ("On March 3, 2019, the camp in Boni was attacked.", None),
    ("On March 3, 2019, the operation in Boni was never executed, and JNIM left.", None),
])
def test_attacker_subject_of_the_attack_verb(lead, side):
    ev = warlog.extract_text(ARTICLE.format(lead=lead))[0]
    assert ev.attacker == side
    assert ev.attacker_rule == ("attacker.subject.v1" if side else None)


@pytest.mark.parametrize("name", ["seeds/003_d37e82a4d6691ff5.txt", "wikitext/003_d37e82a4d6691ff5.txt"])
def test_attacker_kwala_is_jnim_though_mali_is_side_a(name):
    ev = warlog.extract(SAMPLES / name)[0]
    assert ev.sides["A"].actors[0].id == "mali"
    assert (ev.attacker, ev.sides[ev.attacker].actors[0].id) == ("B", "jnim")


def test_attacker_perpetrators_of_an_attack_on_civilians():
    from conftest import ARTICLES

    ev = warlog.extract(ARTICLES / "solhan_2021_rendered.txt")[0]
    assert (ev.attacker, ev.attacker_rule) == ("A", "attacker.perpetrators.v1")


def test_attacker_of_one_sided_violence_with_one_side():
    ev = next(e for e in warlog.extract(SAMPLES / "seeds/002_f0736b921dfecb07.txt") if e.title.startswith("Killings in"))
    assert (ev.violence_type, ev.attacker, ev.attacker_rule) == (3, "A", "attacker.one_sided.v1")
