"""Event types by the rules of data/event_types.yaml, on whole articles."""
from __future__ import annotations

from pathlib import Path

import pytest

import warlog

HERE = Path(__file__).parent
SEEDS = HERE.parent / "samples" / "seeds"


def _by_title(path):
    return {e.title: e for e in warlog.extract(path)}


@pytest.mark.parametrize("path,title,types", [
    (SEEDS / "003_d37e82a4d6691ff5.txt", "Kwala attack",
     ("Explosions/Remote violence", "Suicide bomb", 1, "suicide_bomb.v1")),
    (SEEDS / "002_f0736b921dfecb07.txt", "Diafarabé and Koumara attacks",
     ("Explosions/Remote violence", "Remote explosive/landmine/IED", 1, "remote_explosive.v1")),
    (SEEDS / "001_747578ce42c5ab68.txt", "2015 Nampala raid",
     ("Battles", "Non-state actor overtakes territory", 1, "non_state_overtakes.v1")),
    (SEEDS / "000_4e2a94e7be750194.txt", "Soumpi attack", ("Battles", "Armed clash", 1, "armed_clash.v1")),
    (SEEDS / "004_845ec45266cabd06.txt", "Executions (2021-01-11)",
     ("Violence against civilians", "Attack", 3, "attack_on_civilians.v1")),
    (HERE / "articles" / "solhan_2021_rendered.txt", "Solhan massacre",
     ("Violence against civilians", "Attack", 3, "attack_on_civilians.v1")),
    (SEEDS / "001_747578ce42c5ab68.txt", "Arrests in Diabaly (2015-02-07)",
     ("Strategic developments", "Arrests", None, "arrests.v1")),
])
def test_event_types_rules(path, title, types):
    ev = _by_title(path)[title]
    assert (ev.event_type, ev.sub_event_type, ev.violence_type, ev.type_rule) == types


def test_event_types_related_executions_by_state_forces_are_one_sided():
    ev = _by_title(SEEDS / "004_845ec45266cabd06.txt")["Executions (2021-01-11)"]
    assert [a.id for a in ev.sides["A"].actors] == ["mali"]
    assert [c.side for c in ev.claims] == ["civilians"]
