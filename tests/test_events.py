"""Whole articles the seeds do not cover: a Niger battle in the plain-text form (written for the tests)."""
from __future__ import annotations

from pathlib import Path

import pytest

import warlog

ARTICLES = Path(__file__).parent / "articles"


def _events(name):
    return warlog.extract(ARTICLES / name)


def test_events_main_event_fields_of_an_unseen_article():
    ev = _events("inates_2019.txt")[0]
    assert (ev.title, ev.date_start, ev.country_code, ev.result.winner) == ("Battle of Inates", "2019-12-10", "NE", "B")
    assert [a.id for a in ev.sides["A"].actors] == ["niger"]
    assert [a.id for a in ev.sides["B"].actors] == ["isgs"]
    assert (ev.sides["B"].strength.low, ev.sides["B"].strength.high) == (150, None)


def test_events_death_toll_and_claimed_kills_are_claims():
    ev = _events("inates_2019.txt")[0]
    got = {(c.side, c.category, c.low, c.high, c.sources[0].name if c.sources else None) for c in ev.claims
           if c.origin == "prose"}
    assert ("unknown", "killed", 70, None, "Local media") in got
    assert ("A", "killed", 100, None, "Islamic State") in got
    assert ("A", "missing", 30, 30, "Two security sources") in got


def test_events_related_event_reads_claims_against_its_own_sides():
    related = [e for e in _events("inates_2019.txt") if e.role == "related"]
    indelimane = next(e for e in related if e.locations and e.locations[0].name == "Indelimane")
    assert indelimane.date_start == "2019-11" and indelimane.date_precision == "month"
    assert [a.id for a in indelimane.sides["A"].actors] == ["mali"]
    assert [(c.side, c.low) for c in indelimane.claims] == [("A", 49)]


def test_events_rendered_civilian_attack_rows_and_victims():
    ev = _events("solhan_2021_rendered.txt")[0]
    assert (ev.title, ev.date_start, ev.date_end, ev.country_code) == ("Solhan massacre", "2021-06-04", "2021-06-05", "BF")
    assert [a.id for a in ev.sides["A"].actors] == ["jnim"]
    box = [(c.side, c.category, c.low, c.high, [s.name for s in c.sources]) for c in ev.claims if c.origin == "infobox"]
    assert box == [("civilians", "killed", 160, None, ["local sources"]), ("civilians", "killed", 132, 132, ["government"]),
                   ("civilians", "wounded", 40, 40, [])]
    assert all(c.side == "civilians" for c in ev.claims)


def test_events_civilian_attack_infobox_with_an_armed_target():
    ev = _events("koutougou_2019.wiki")[0]
    assert ev.document.format == "wikitext"
    assert [a.id for a in ev.sides["B"].actors] == ["burkina_faso"]
    box = [(c.side, c.category, c.low) for c in ev.claims if c.origin == "infobox"]
    assert box == [("B", "killed", 24), ("B", "killed", None), ("B", "wounded", 7)]
    prose = {(c.side, c.category, c.low) for c in ev.claims if c.origin == "prose"}
    assert {("B", "missing", 5), ("A", "killed", None)} <= prose


def test_events_rendered_rows_assigned_by_named_people_and_repeated_claimants():
    ev = _events("tinzaouaten_2024_rendered.txt")[0]
    assert [a.id for a in ev.sides["A"].actors] == ["mali", "wagner"]
    assert [a.id for a in ev.sides["B"].actors] == ["csp", "jnim"]
    assert ev.result.winner == "B" and (ev.date_start, ev.date_end) == ("2024-07-25", "2024-07-27")
    box = [(c.side, c.category, c.low) for c in ev.claims if c.origin == "infobox"]
    assert box == [("A", "killed", 47), ("A", "killed", 84), ("B", "killed", 7), ("B", "wounded", 12)]
    assert [s.commanders for s in ev.sides.values()] == [["Sergei Shevchenko"], ["Alghabass Ag Intalla"]]
    lost = next(c for c in ev.claims if c.text == "lost 7 fighters")
    assert lost.side == "B" and lost.sources[0].name == "CSP spokesman"


def test_events_wikitext_with_real_markup_lists_tables_and_notes():
    ev = _events("boulkessi_2019.wiki")[0]
    assert [loc.name for loc in ev.locations] == ["Boulkessi", "Mondoro"]
    assert ev.sides["A"].commanders == ["Lt. Col. Abdoulaye Coulibaly"]
    assert (ev.sides["A"].strength.low, ev.sides["A"].strength.qualifier) == (200, "approx")
    box = [(c.side, c.category, c.low, [s.name for s in c.sources]) for c in ev.claims if c.origin == "infobox"]
    assert box[:2] == [("A", "killed", 38, ["Malian government"]), ("A", "killed", 85, ["local sources"])]
    assert ("civilians", "killed", 1, []) in box
    jnim = [(c.category, c.low) for c in ev.claims if c.sources and c.sources[0].actor == "jnim"]
    assert jnim == [("killed", 40), ("captured", 2)]
    parts = [c for c in ev.claims if c.origin == "prose" and c.low in (25, 13)]
    assert {c.statement for c in parts} == {parts[0].statement} and all(c.stated_on == "2019-10-02" for c in parts)


def test_events_raised_toll_singular_death_and_chained_civilian():
    evs = _events("indelimane_2019.txt")
    main = evs[0]
    got = [(c.side, c.category, c.low, c.extractor.split("/")[-1].split(".v")[0]) for c in main.claims]
    assert got == [("A", "killed", 53, "passive"), ("A", "killed", 53, "active"), ("civilians", "killed", 1, "chain"),
                   ("A", "killed", 35, "passive"), ("A", "killed", 53, "revision")]
    assert main.claims[3].sources[0].name == "Malian government"
    ied = next(e for e in evs if e.role == "related")
    assert [(c.category, c.low, c.subject) for c in ied.claims] == [("killed", 1, "French soldier")]
    assert (ied.date_start, ied.sub_event_type) == ("2019-11-02", "Remote explosive/landmine/IED")
    assert main.estimates["killed"]["A"]["high"] == 53 and main.claims[4].revises == 3


def test_events_rendered_page_with_tabbed_columns_is_sided():
    ev = _events("mondoro_2022_rendered_tabs.txt")[0]
    assert ev.document.format == "rendered-page"
    assert [a.id for a in ev.sides["B"].actors] == ["jnim"] and ev.result.winner == "A"
    assert (ev.sides["B"].strength.low, ev.sides["B"].strength.qualifier) == (200, "approx")
    box = [(c.side, c.category, c.low) for c in ev.claims if c.origin == "infobox"]
    assert box == [("A", "killed", 27), ("A", "wounded", 33), ("A", "missing", 7), ("B", "killed", 70)]


def test_events_a_date_in_a_clause_after_the_verb_makes_no_related_event(tmp_path):
    # the 2014 Farafra ambush's lead: the dates "since the July 2013 ouster" and of the clause after
    # "which" date other things, not the killing of the border guards
    path = tmp_path / "farafra.txt"
    path.write_text("= 2014 Farafra ambush =\n\nInfobox\n- Date: 19 July 2014\n- Combatant1: Ansar Bait al-Maqdis\n"
                    "- Combatant2: Egyptian Army\n\nThe 2014 Farafra ambush occurred on 19 July 2014 when unidentified "
                    "gunmen ambushed a desert checkpoint in Egypt's New Valley Governorate. Twenty-two border guards "
                    "were killed in the attack, which was one of the biggest since the July 2013 ouster of Egyptian "
                    "president Mohamed Morsi.\n", encoding="utf-8")
    events = warlog.extract(path)
    assert [e.role for e in events] == ["main"]
    assert [(c.side, c.low) for c in events[0].claims] == [("B", 22)]


def test_events_the_people_a_massacres_prose_counts_are_civilians(tmp_path):
    # the Lidice massacre (1942) in wikitext, no infobox: "173 men ... were executed" counts civilians;
    # the same sentence in an article on a battle counts people of no stated side
    lead = ("All 173 men over 15 years of age from the village were executed on 10 June 1942. "
            "About 340 people from Lidice died because of the German reprisal.\n")
    massacre = warlog.extract_text("= Lidice massacre =\n\n" + lead)[0]
    assert [(c.side, c.low) for c in massacre.claims] == [("civilians", 173), ("civilians", 340)]
    battle = warlog.extract_text("= Battle of Lidice =\n\n" + lead)[0]
    assert [(c.side, c.low) for c in battle.claims] == [("unknown", 173), ("unknown", 340)]


@pytest.mark.parametrize("lead,span", [
    # Battle of Nzacko 2022 and Battle of Bor 2013 as mirrors printed them, their Date rows lost (tests/corpus)
    ("The Battle of Nzacko took place from March 5, 2022 to May 25, 2022 in Nzacko.", ("2022-03-05", "2022-05-25")),
    ("The battle was fought between December 18, 2013 and January 18, 2014 in Bor.", ("2013-12-18", "2014-01-18")),
    ("The battle was fought on 5 March 2022 in Nzacko, and ended in May 2022.", ("2022-03-05", "2022-03-05")),
])
def test_a_lead_that_joins_two_days_gives_the_range(lead, span):
    ev = warlog.extract_text(f"= Battle of Nzacko =\n\n{lead}\n\nTen soldiers were killed.\n")[0]
    assert (ev.date_start, ev.date_end) == span


def test_a_lead_day_of_no_year_takes_the_titles_year():
    # Ar-Rutbah offensive (2016) as a mirror printed it, no Date row: "On May 16, the Iraqi Army ..."
    text = "= 2016 Ar-Rutbah offensive =\n\nOn May 16, the Iraqi Army launched an offensive to retake Rutbah.\n\n10 soldiers were killed.\n"
    ev = warlog.extract_text(text)[0]
    assert (ev.date_start, ev.date_end) == ("2016-05-16", "2016-05-16")


def test_a_span_of_years_in_brackets_is_no_count():
    # the campaign box after a mirror's infobox: "War in Iraq (2013–2017)" (Ar-Rutbah offensive, tests/corpus)
    text = ("= Test offensive =\n\nInfobox\n- Combatant1: Iraq\n- Combatant2: ISIL\n- Casualties1: 30 killed\n"
            "- Casualties3: War in Iraq (2013–2017)\n\nText.\n")
    assert [(c.side, c.low) for c in warlog.extract_text(text)[0].claims] == [("A", 30)]


def test_an_attack_repelled_was_won_by_the_side_that_did_not_attack():
    # Bannu cantonment attack 2024 (tests/corpus): "Result: Attack repelled, All attackers eliminated"
    ev = warlog.extract(ARTICLES.parent / "corpus" / "infobox-text" / "c31_bannu_cantonment_attack_2024.txt")[0]
    assert ev.attacker == "B" and ev.result.winner == "A"
