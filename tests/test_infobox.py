"""The infobox's own facts: winner, dates, strength, places, commanders."""
from __future__ import annotations

import pytest

import warlog


def _event(**fields):
    box = {"Conflict": "Test attack", "Date": "2020", "Combatant1": "Mali, Wagner Group", "Combatant2": "JNIM", **fields}
    lines = "".join(f"- {k}: {v}\n" for k, v in box.items())
    return warlog.extract_text(f"= Test attack =\n\nInfobox\n{lines}\nText.\n")[0]


@pytest.mark.parametrize("result,winner", [
    ("Victory for JNIM", "B"), ("Decisive Malian victory", "A"), ("JNIM-CPA victory", "B"), ("Jihadist victory", "B"),
    ("Indecisive", None), ("Inconclusive", None), ("Pyrrhic Wagner victory", "A"), ("Malian government victory", "A"),
])
def test_infobox_winner(result, winner):
    assert _event(Result=result).result.winner == winner


@pytest.mark.parametrize("date,start,end,precision", [
    ("January 27, 2018", "2018-01-27", "2018-01-27", "day"),
    ("17 August 2024 – 19 August 2024", "2024-08-17", "2024-08-19", "day"),
    ("4–5 June 2021", "2021-06-04", "2021-06-05", "day"),
    ("March 2013", "2013-03", "2013-03", "month"),
])
def test_infobox_dates(date, start, end, precision):
    ev = _event(Date=date)
    assert (ev.date_start, ev.date_end, ev.date_precision) == (start, end, precision)


@pytest.mark.parametrize("strength,low,high,qualifier", [
    ("~30", 30, 30, "approx"), ("100+ fighters", 100, None, "at_least"), ("200–300", 200, 300, "range"),
    ("Unknown", None, None, None),
])
def test_infobox_strength(strength, low, high, qualifier):
    st = _event(Strength1=strength).sides["A"].strength
    assert (st.low, st.high, st.qualifier) == (low, high, qualifier)


def test_infobox_commanders_lose_their_markers():
    ev = _event(Commander1="Col. A. Traoré †, B. Keïta (POW)")
    assert ev.sides["A"].commanders == ["Col. A. Traoré", "B. Keïta"]


def test_infobox_supporting_rows_join_their_column():
    text = ("{{Infobox military conflict\n| conflict = X attack\n| date = 2020\n| combatant1 = {{flag|Mali}}\n"
            "| combatant1a = ''Supported by:''<br />{{flagicon|France}} [[Operation Barkhane]]\n"
            "| combatant2 = [[Jama'at Nasr al-Islam wal Muslimin|JNIM]]\n}}\n'''X attack''' was an attack.\n")
    ev = warlog.extract_text(text)[0]
    assert [a.id for a in ev.sides["A"].actors] == ["mali", "france"]
    assert [a.id for a in ev.sides["B"].actors] == ["jnim"]


@pytest.mark.parametrize("box", ["- Combatant1: ,\n", "- Combatant1: ,\n- Combatant2: Mali\n", "- Combatant2: ,\n"])
def test_infobox_columns_that_lost_their_names_never_fail(box):
    text = f"= X attack =\n\nInfobox\n- Date: 1 May 2020\n{box}\nOn 1 May 2020, jihadists attacked Malian soldiers; five soldiers were killed.\n"
    events = warlog.extract_text(text)
    assert events[0].claims and events[0].claims[0].low == 5
