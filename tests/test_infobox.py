"""The infobox's own facts: winner, dates, strength, places, commanders."""
from __future__ import annotations

from pathlib import Path

import pytest

import warlog
from warlog import infobox
from warlog.readers import detect, read_text


def _event(**fields):
    box = {"Conflict": "Test attack", "Date": "2020", "Combatant1": "Mali, Wagner Group", "Combatant2": "JNIM", **fields}
    lines = "".join(f"- {k}: {v}\n" for k, v in box.items())
    return warlog.extract_text(f"= Test attack =\n\nInfobox\n{lines}\nText.\n")[0]


@pytest.mark.parametrize("result,winner", [
    ("Victory for JNIM", "B"), ("Decisive Malian victory", "A"), ("JNIM-CPA victory", "B"), ("Jihadist victory", "B"),
    ("Indecisive", None), ("Inconclusive", None), ("Australia and North Vietnam both claim victory", None), ("Pyrrhic Wagner victory", "A"), ("Malian government victory", "A"),
    # each side won something (Battle of Thermopylae): no winner
    ("JNIM tactical victory; Malian strategic victory", None), ("Malian tactical and strategic victory", "A"),
    # an operation's success is its first column's (Operation Entebbe, Operation Linda Nchi); a ceasefire no one's
    ("Mission successful", "A"), ("Operational success", "A"), ("Ceasefire", None),
])
def test_infobox_winner(result, winner):
    assert _event(Result=result).result.winner == winner


@pytest.mark.parametrize("date,start,end,precision", [
    ("January 27, 2018", "2018-01-27", "2018-01-27", "day"),
    ("17 August 2024 – 19 August 2024", "2024-08-17", "2024-08-19", "day"),
    # a copy that lost the dash: the first day takes the last one's year (Battle of Cold Harbor, av1)
    ("May 31 (1864-05-31) June 12, 1864 (1864-06-13)", "1864-05-31", "1864-06-12", "day"),
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


CORPUS = Path(__file__).parent / "corpus"


def _corpus_event(name: str):
    path = next(CORPUS.glob(f"*/{name}"))
    return warlog.extract_text(path.read_text(encoding="utf-8"), str(path))[0]


def _actors(ev) -> dict:
    return {label: [(a.name, a.id) for a in side.actors] for label, side in ev.sides.items()}


def test_infobox_without_its_heading_is_read_and_its_nameless_columns_take_the_lead():
    # Battle of Kulbiyow as a copy kept it: no "Infobox" line, a footnote first, the combatant
    # names lost to flag images; the units and losses of column 2 name Kenya's forces
    ev = _corpus_event("x1_battle_of_kulbiyow_2017.txt")
    assert ev.document.format == "infobox-text" and ev.title == "Battle of Kulbiyow"
    assert _actors(ev) == {"A": [("al-Shabaab", "al_shabaab")], "B": [("Somalia", "somalia"), ("Kenya", "kenya")]}
    assert ev.result.winner == "A"
    assert [(c.side, c.category, c.low) for c in ev.claims if c.origin == "infobox"] == [
        ("B", "killed", 40), ("B", "captured", None), ("B", "killed", None)]


def test_a_list_of_keys_in_prose_is_no_infobox():
    text = "= Notes =\n\nThe report lists:\n- Name: the village\n- Note: five houses burnt\n- Source: locals\n\nText.\n"
    assert detect(text) != "infobox-text"


def test_state_forces_without_a_state_name_take_their_state():
    # 2008 Mumbai attacks: the defenders are Indian forces listed by name alone (the registry knows the
    # Mumbai Police as India's; the Railway Protection Force it does not know)
    ev = _corpus_event("h6_mumbai_attacks_2008.txt")
    assert ("Railway Protection Force", "india") in _actors(ev)["B"] and ("National Security Guards", "india") in _actors(ev)["B"]
    assert ("Mumbai Fire Brigade", None) in _actors(ev)["B"]  # no force


def test_state_forces_on_both_sides_of_a_civil_war_stay_as_written():
    # Battle of Aden (2015): each side lists its own "Security Forces"
    sides = _actors(_corpus_event("h3_battle_of_aden_2015.txt"))
    assert ("Security Forces", None) in sides["A"] and ("Security Forces", None) in sides["B"]


@pytest.mark.parametrize("row,want", [
    # Tchoma Bangou and Zaroumdareye massacres, 2017 Gao bombing, Owo church attack (tests/corpus)
    ("Deaths: 76 in Tchoma Bangou, ~30 in Zaroumdareye", [(76, 76), (30, 30)]),
    ("Injuries: 120 estimated", [(120, 120)]),
    ("Fatalities: 41 - 80 confirmed", [(41, 80)]),
    # a total broken down into two parties' counts: three figures (the total counts no one side)
    ("Deaths: 41 (40 CRPF personnel, 1 suicide bomber)", [(41, 41), (40, 40), (1, 1)]),
    # whose people a row names after the count: "of" a force, a people's plural (2016 Ankara bombing,
    # Be'eri massacre); not those who lived ("displaced", Battle of Kalbajar)
    ("Deaths: 14 civilian employees of Turkish Armed Forces, 14 soldiers", [(14, 14), (14, 14)]),
    ("Deaths: 132 Israelis", [(132, 132)]),
    ("Deaths: ~60,000 Azerbaijanis and Kurds displaced, 80 civilians", [(80, 80)]),
    # Tuareg rebellion 2012 (tests/corpus): the displaced, named in several words, are no losses
    ("Deaths: 80 civilians, 100,000+ internally displaced persons", [(80, 80)]),
])


def test_victim_rows_may_say_where_and_how_sure(row, want):
    text = f"= Test attack =\n\nInfobox\n- Title: Test attack\n- Date: 2019\n- Perpetrators: JNIM\n- {row}\n\nText.\n"
    assert [(c.low, c.high) for c in warlog.extract_text(text)[0].claims] == want


@pytest.mark.parametrize("result,winner", [
    # results that tell what happened (Battle of Diabaly 2013, 2012 Gao, Ramadi 2014-15, Palma in tests/corpus)
    ("Islamists capture Diabaly and hold it for a week", "B"),
    ("Mansila captured by JNIM", "B"),
    ("Northern Mali falls to Ansar Dine", "B"),
    ("Malian government forces retreat from the city, JNIM forces take full control", "B"),
    ("Malian government retakes Konna", "A"),
    ("Malian government retakes Konna, rebels maintain control over its surroundings", None),
    ("JNIM forces capture the outpost but are unable to make further advances", None),
    ("French victory (see Aftermath)", "A"),
    # 2025 Banibangou attack (tests/corpus): the place under the attackers' control
    ("Banibangou under brief JNIM control", "B"),
    # First Battle of Brega 2011 (tests/corpus): "Anti-X victory" where X commands the other side
    ("Anti-Goïta victory", "B"),
    ("Decisive anti-JNIM victory", "A"),
    # Battle of Bucha 2022 (tests/corpus): each phase its own victor, no one the whole
    ("1st battle: Malian victory, 2nd battle: JNIM victory", None),
    # First Battle of Zawiya, Battle of Juba 2016, Operation Gideon 2020 (tests/corpus)
    ("Decisive pro-Goïta victory", "A"),
    ("Goïta-loyalist victory", "A"),
    ("Plot infiltrated and foiled by Malian government", "A"),
])
def test_infobox_winner_from_what_happened(result, winner):
    box = {"Conflict": "Test attack", "Date": "2020", "Combatant1": "Mali, France", "Combatant2": "JNIM, Ansar Dine",
           "Commander1": "Assimi Goïta", "Result": result}
    lines = "".join(f"- {k}: {v}\n" for k, v in box.items())
    assert warlog.extract_text(f"= Test attack =\n\nInfobox\n{lines}\nText.\n")[0].result.winner == winner


def test_infobox_victor_of_a_column_that_lost_its_names_fills_it():
    # Battle of Tannenberg as a copy kept it: "German victory", the German column only flag images
    ev = _corpus_event("h5_battle_of_tannenberg_1914.txt")
    assert ev.result.winner == "A" and [a.id for a in ev.sides["A"].actors] == ["germany"]


@pytest.mark.parametrize("row,want", [
    # Japanese embassy hostage crisis, In Amenas hostage crisis (tests/corpus): hostages who died
    ("Fatalities: 17 (1 hostage, 2 soldiers, 14 MRTA militants)", ["killed"] * 4),
    ("Deaths: 3 hostages, 2 soldiers", ["killed", "killed"]),
    ("Hostages: 3 hostages", ["captured"]),
    ("Deaths: 5 killed, 3 captured", ["killed", "captured"]),
])
def test_victim_rows_count_hostages_who_died_as_dead(row, want):
    text = f"= Test attack =\n\nInfobox\n- Title: Test attack\n- Date: 2019\n- Perpetrators: JNIM\n- {row}\n\nText.\n"
    assert [c.category for c in warlog.extract_text(text)[0].claims] == want


@pytest.mark.parametrize("date,start,end", [
    # In Amenas hostage crisis, Battle of Kursk, November 2015 Paris attacks (tests/corpus)
    ("16 January 2013 (2013-01-16)–19 January 2013 (2013-01-19) (CETUTC +1)", "2013-01-16", "2013-01-19"),
    ("German offensive phase: 5 – 20 July 1943, Soviet offensive phase: 12 July – 23 August 1943", "1943-07-05", "1943-08-23"),
    ("21:16, 13 November 2015 (2015-11-13T21:16) – 00:58, 14 November 2015 (2015-11-14T00:58)", "2015-11-13", "2015-11-14"),
])
def test_infobox_dates_span_every_date_the_field_gives(date, start, end):
    ev = _event(Date=date)
    assert (ev.date_start, ev.date_end) == (start, end)


def test_event_date_from_the_lead_where_the_copy_has_no_date_row():
    # Battle of Agincourt as a study site copied it: no Date row, the lead dates the battle (any year)
    ev = _corpus_event("h10_battle_of_agincourt_1415_studymode.txt")
    assert ev.date_start == "1415-10-25"


def test_lead_date_is_the_day_it_names_over_a_year_in_a_name():
    # Battle of Culloden as piglix copied it: no Date row; the lead names "the Jacobite rising of 1745"
    # before the day of the battle
    ev = _corpus_event("h7_battle_of_culloden_1746_piglix.txt")
    assert (ev.date_start, ev.date_end) == ("1746-04-16", "1746-04-16")


def test_lead_date_is_a_later_paragraphs_day_within_the_year_named_first():
    # Battle of Zabadani (2015) as wikimili copied it, no Date row: the first paragraph gives 2015, the
    # next the day the battle began
    assert _corpus_event("c34_battle_of_zabadani_2015_wikimili.txt").date_start == "2015-07-03"


def test_a_date_rows_caption_year_does_not_widen_its_days():
    # Battle of Qala-i-Jangi as alchetron copied it: the Date cell runs on into a caption and a
    # "Similar" line naming "2001 uprising in Herat"
    ev = _corpus_event("h4b_battle_of_qala_i_jangi_2001_alchetron.txt")
    assert (ev.date_start, ev.date_end) == ("2001-11-25", "2001-12-01")


def test_a_printed_templates_rows_in_table_cells_are_the_box():
    # Battle of Ayta ash-Sha'b as cryer copied it: "Date: | 12 July – 14 August 2006 |", the Result
    # cell's bar on the line below, then the numbered keys
    ev = _corpus_event("c20_battle_of_ayta_ash_shab_2006_cryer.txt")
    assert (ev.title, ev.part_of, ev.date_start, ev.date_end) == (
        "Battle of Ayta ash-Sha'b", "2006 Lebanon War", "2006-07-12", "2006-08-14")
    assert ev.result.winner == "B"


@pytest.mark.parametrize("name,a,b", [
    # a flattened Strength block with one figure of people per side, whatever its lines: guns between
    # them (Lützen, nina), bulleted parts under the first (Third Battle of Fallujah, kiwix), one line
    # (Battle of Grozny 1999-2000, datana)
    ("h13_battle_of_lutzen_1632_nina.txt", (19175, 19175), (18738, 18738)),
    ("h3b_third_battle_of_fallujah_2016_kiwix.txt", (11000, 14500), (3500, 4000)),
    ("h15_battle_of_grozny_1999_2000_datana.txt", (21200, 21200), (3000, 3000)),
])
def test_flattened_strength_is_read_side_by_side(name, a, b):
    ev = _corpus_event(name)
    got = {k: (s.strength.low, s.strength.high) for k, s in ev.sides.items() if s.strength}
    assert (got.get("A"), got.get("B")) == (a, b)


@pytest.mark.parametrize("name,winner", [
    # the winner's company belongs to the empire on side A (Battle of Plassey: "Decisive victory for the
    # British East India Company"); a result that tells who secured or re-captured the place (Siege
    # of Lal Masjid: "Army secures the complex."; PNS Mehran attack: "Pakistan Navy re-captures naval base")
    ("h13_battle_of_plassey_1757.txt", "A"),
    ("h5b_siege_of_lal_masjid_2007_thefullwiki.txt", "A"),
    ("h12_pns_mehran_attack_2011_wikimili.txt", "A"),
])
def test_winner_of_a_company_or_a_deed(name, winner):
    assert _corpus_event(name).result.winner == winner


def test_winner_from_the_lead_where_the_copy_lost_the_result_row():
    # Battle of Adwa as an offline copy kept it (no Result row): the lead says who defeated whom in
    # this battle; a background sentence about another fight does not (Battle of Tabankort 2014)
    assert _corpus_event("h7_battle_of_adwa_1896_kiwix.txt").result.winner == "A"
    assert _corpus_event("h2_battle_of_tabankort_2014.txt").result.winner is None
    # "Operation Flash was a strategic victory for Croatia"; "a tactical victory for the French" (Ligny)
    assert _corpus_event("c29_operation_flash_1995_uncensoredwiki.txt").result.winner == "A"
    assert _corpus_event("c29_battle_of_ligny_1815_pwojczyn.txt").result.winner == "A"
    # "The offensive ended in a Chadian military victory" (Northern Chad offensive 2021, hubbry)
    assert _corpus_event("c34_northern_chad_offensive_2021_hubbry.txt").result.winner == "A"
    # "the first major victory for the North Vietnamese Army" (First Battle of Quang Tri, a saved page);
    # "resulted in a decisive defeat of the Byzantine army": the other side won (Manzikert, piglix)
    assert _corpus_event("c57_first_battle_of_quang_tri_1972.html").result.winner == "A"
    assert _corpus_event("c57_battle_of_manzikert_1071_piglix.txt").result.winner == "B"


def test_winner_of_a_successful_operation_is_the_side_that_ran_it():
    # "Successful LTTE commando raid": the Tigers' (side B), not the first column's; "Successful
    # counter-insurgency operation": the first column ran it (Araguaia Guerrilla War)
    assert _corpus_event("c56_raid_on_anuradhapura_air_force_base_2007.html").result.winner == "B"
    assert _corpus_event("c56_araguaia_guerrilla_war_1967_1974.txt").result.winner == "A"


def test_flattened_belligerents_are_cut_where_the_camps_change():
    # Battle of Sirte (2016) and the Mali War as mirrors copied them: one list of both columns' names
    sirte = _actors(_corpus_event("h3_battle_of_sirte_2016_askwikinow.txt"))
    assert [i for _, i in sirte["A"]] == ["libya", "gna", "united_states", "united_kingdom", "france", "italy", None]
    assert [i for _, i in sirte["B"]] == ["islamic_state"]
    mali = _actors(_corpus_event("h11_mali_war_wikizero.txt"))
    assert {"mali", "france", "minusma", "gatia", "cm_fpr", "wagner"} <= {i for _, i in mali["A"]}
    assert {"cma", "islamic_state"} <= {i for _, i in mali["B"]} and "gatia" not in {i for _, i in mali["B"]}


def test_a_category_heading_says_what_the_rows_below_it_count():
    # PNS Mehran attack as wikimili serves it: "Killed in action (total 18):" over one line a unit,
    # "Wounded in Action :", "Caught:"; the rows name their people with no verb
    claims = [(c.side, c.category, c.low, c.text) for c in _corpus_event("h12_pns_mehran_attack_2011_wikimili.txt").claims
              if c.origin == "infobox"]
    assert ("A", "killed", 18, "18") in claims and ("A", "killed", 11, "11 naval officers") in claims
    assert ("A", "killed", 1, "1 sailor") in claims and ("A", "wounded", 16, "16 naval personnel") in claims
    assert ("B", "killed", 4, "4 militants") in claims and ("B", "captured", 4, "4 militants") in claims
    # and a heading of several kinds ("54,000 dead, wounded or missing:") gives its parts none
    leipzig = _corpus_event("h5_battle_of_leipzig.txt").claims
    assert {c.category for c in leipzig if c.text == "34,000"} == {"casualties"}


def test_a_coalition_victory_is_the_side_of_several_states():
    # Battle of Nasiriyah, Battle of Mukalla: both sides hold states; the coalition is the one of several
    ev = _event(Combatant1="Iraq", Combatant2="United States, United Kingdom", Result="Coalition victory")
    assert ev.result.winner == "B"


def test_a_flattened_row_printed_on_one_line_holds_both_columns():
    # Palmyra offensive (March 2016) as goodnames.eth.limo serves it: "195 killed[31][32] (2+ Russians,
    # 1 Iranian)[32][33][7] 417 killed (per SOHR)[31]" is the row of both columns
    got = {(c.low, c.side) for c in _corpus_event("h14_palmyra_offensive_march_2016_goodnames.txt").claims
           if c.origin == "infobox"}
    assert (195, "A") in got and (417, "B") in got and (450, "B") in got


def test_a_victims_total_is_theirs_unless_the_rows_above_count_several_sides():
    # Kourakou and Tondobi attacks ("Total: 44" below the villages' dead), 2016 Ankara bombing ("Total:
    # 30" below soldiers, civilians and a perpetrator)
    def sides_of(deaths):
        text = f"= Test attack =\n\nInfobox\n- Title: Test attack\n- Date: 2023\n- Perpetrators: JNIM\n- Deaths: {deaths}\n\nText.\n"
        return [(c.low, c.side) for c in warlog.extract_text(text)[0].claims if c.origin == "infobox"]
    assert sides_of("31 in Kourakou, 13 in Tondobi, Total: 44")[-1] == (44, "civilians")
    assert sides_of("14 soldiers, 1 civilian, 1 perpetrator, Total: 16")[-1] == (16, "unknown")


def test_a_names_line_below_the_result_is_the_belligerents_where_the_registry_reads_it_whole():
    # Battle of Mullaitivu (1996) on en.wikipedia.org, Battle of Konduga on a mobile page: the copy lost
    # the Belligerents heading; the line below the result is the columns' names, in order
    mullaitivu = _actors(_corpus_event("h5b_battle_of_mullaitivu_1996_enwiki.txt"))
    assert [i for _, i in mullaitivu["A"]] == ["ltte"] and [i for _, i in mullaitivu["B"]] == ["sri_lanka"]
    konduga = _actors(_corpus_event("h11_battle_of_konduga_2015_mobile.txt"))
    assert [i for _, i in konduga["A"]] == ["boko_haram"] and [i for _, i in konduga["B"]] == ["nigeria"]


def test_names_left_on_the_result_lines_open_the_flattened_belligerents():
    # Battle of Nasiriyah on a Military Wiki copy: "Coalition victory" / "Iraq Iraq United States" /
    # " United Kingdom": the copy opened the belligerents' list at the third name's flag
    nasiriyah = _actors(_corpus_event("h10_battle_of_nasiriyah_2003_fandom.txt"))
    assert [i for _, i in nasiriyah["A"]] == ["iraq"]
    assert [i for _, i in nasiriyah["B"]] == ["united_states", "united_kingdom"]


@pytest.mark.parametrize("row,want", [
    # Siege of Dammaj on a clateway copy, Luxor massacre, Ouagadougou attacks 2018 (tests/corpus)
    ("+250 killed", [(250, None, "at_least")]),
    ("> 26 wounded", [(26, None, "at_least")]),
    ("< 40 killed", [(None, 40, "at_most")]),
    ("8 killed (+8 wounded)", [(8, 8, "exact"), (8, 8, "exact")]),
    ("37 killed + 1 wounded", [(37, 37, "exact"), (1, 1, "exact")]),
])
def test_a_sign_before_a_figure_bounds_it_at_a_cells_start_only(row, want):
    ev = _event(Casualties1=row)
    assert [(c.low, c.high, c.qualifier) for c in ev.claims] == want


def test_a_camp_of_people_who_fled_is_a_civilian_target():
    # Kibeho massacre (1995) on a lescigales copy: "Target: IDP camp"; its victims of no stated side
    # are civilians ("at least 4,000 people in the camp were killed")
    ev = warlog.extract_text("= Kibeho massacre =\n\nInfobox\n- Date: 22 April 1995\n- Target: IDP camp\n"
                             "- Type: Massacre\n- Perpetrators: Rwandan Patriotic Army\n\nAt least 4,000 people "
                             "in the camp were killed.\n")[0]
    assert [(c.side, c.low) for c in ev.claims] == [("civilians", 4000)]


def test_names_a_copy_glued_together_are_cut_after_a_whole_name():
    # Battle of Suomussalmi on an infomutt copy: the flags between the names were dropped with the
    # line break, "FinlandSoviet Union"
    ev = _corpus_event("h15_battle_of_suomussalmi_1939_infomutt.txt")
    assert [(a.id, a.text) for a in ev.sides["A"].actors] == [("finland", "Finland")]
    assert [(a.id, a.text) for a in ev.sides["B"].actors] == [("russia", "Soviet Union")]


def test_a_columns_total_below_its_rows_closes_the_column():
    # Waco siege on an opmmarketplace copy: "4 ATF agents killed / 16 wounded / Total: 4 killed" is the
    # first column's, and the rows after it the second's; a total that is no sum of the rows above
    # ("1,000–1,300 killed" / "Total: 641+ KIA", Battle of Mogadishu on datana) opens the next column
    waco = {(c.low, c.side) for c in _corpus_event("c16_waco_siege_1993_opmmarketplace.txt").claims if c.origin == "infobox"}
    assert {(4, "A"), (16, "A"), (6, "B"), (76, "B"), (82, "B")} <= waco
    mogadishu = {(c.low, c.side) for c in _corpus_event("c19_battle_of_mogadishu_2010_2011_datana.txt").claims
                 if c.origin == "infobox"}
    assert (641, "B") in mogadishu


def test_a_massacres_article_without_belligerents_takes_the_doer_its_lead_names():
    # Sharpeville massacre on wikispooks: no belligerents; "South African police opened fire" names the
    # perpetrator, side A, and the people killed are civilians, side B; the Madjoari massacre's lead
    # names Burkina Faso only as the place's country: no perpetrator
    ev = _corpus_event("c16_sharpeville_massacre_1960_wikispooks.txt")
    assert [a.id for a in ev.sides["A"].actors] == ["south_africa"]
    assert [a.kind for a in ev.sides["B"].actors] == ["civilians"]
    assert not _corpus_event("h9_madjoari_massacre_2022_wikimili.txt").sides.get("A", None)


def test_an_operations_codename_is_no_place():
    # Operation Flash as a wiki mirror printed it, with no Location row: "Operation Flash" names the
    # operation, not where it was; no place is better than a wrong one
    ev = _corpus_event("c29_operation_flash_1995_uncensoredwiki.txt")
    assert not any(loc.name.startswith("Operation") for loc in ev.locations)


def test_flattened_column_groups_and_their_total():
    # Battle of Dak To as Wikipedia rendered it, one cell per line: "United States 361 killed / 15 missing
    # / ... / South Vietnam 73 killed / 18 missing / 290 wounded / Total: 432 killed / 33 missing /
    # 1,771 wounded": a party's name opens a group of the first column, and the total (the article's sum,
    # 361 + 73 being 434) goes on over the rows that sum the groups' (15 + 18 missing)
    ev = _corpus_event("c30_battle_of_dak_to_1967_enwiki.txt")
    got = {(c.side, c.category, c.low) for c in ev.claims if c.origin == "infobox"}
    for row in [("A", "missing", 18), ("A", "wounded", 290), ("A", "killed", 432), ("A", "missing", 33)]:
        assert row in got


def test_flattened_party_prefix_covers_its_own_line_only():
    # South Thailand insurgency as a wiki mirror printed it: "Civilians: 5,469 killed, 9,653 wounded"
    # then "215 dead, 35 injured, 5,306 arrested, 21 executed" on the next line, the insurgents'
    # column: the prefix names the people of its own line, not the next column's
    ev = _corpus_event("c56_south_thailand_insurgency_2004_fandom.txt")
    got = {(c.side, c.category, c.low) for c in ev.claims if c.origin == "infobox"}
    assert {("civilians", "killed", 5469), ("B", "killed", 215), ("B", "captured", 5306)} <= got


def test_military_operation_infobox_name_executor_and_casualties():
    # {{Infobox military operation}} (Kunduz hospital airstrike, wikitext): "name" is the title,
    # "executed_by" the side that carried it out, its one "casualties" row the victims'
    ev = _corpus_event("c31_kunduz_hospital_airstrike_2015.txt")
    assert ev.title == "Kunduz hospital airstrike"
    assert "united_states" in [a.id for a in ev.sides["A"].actors]
    got = {(c.side, c.category, c.low) for c in ev.claims if c.origin == "infobox"}
    assert {("civilians", "killed", 42), ("civilians", "missing", 33), ("civilians", "wounded", 30)} <= got


def test_operation_casualties_at_an_armed_target_are_the_targets():
    # Makiivka military quarters shelling (saved page): "Target: Russian military personnel stationed
    # at Professional Technical School No. 19": the school is where they were; each claimant's count
    # of the dead is of the target's side
    ev = _corpus_event("c31_makiivka_military_quarters_shelling_2023.html")
    got = {(c.side, c.category, c.low, c.sources[0].name if c.sources else None)
           for c in ev.claims if c.origin == "infobox"}
    assert ("B", "killed", 89, "Russia") in got and ("B", "killed", 400, "Ukraine") in got


def test_an_airstrike_with_no_perpetrators_row_takes_the_doer_its_lead_names():
    # Mariupol theatre airstrike (plain-text form): no Perpetrators row; "the Russian Armed Forces
    # bombed the Mariupol theatre" names the doer, side A; the civilians sheltering are side B
    ev = _corpus_event("c27_mariupol_theatre_airstrike_2022.txt")
    assert [a.id for a in ev.sides["A"].actors] == ["russia"]
    assert ev.sides["B"].actors[0].kind == "civilians"


@pytest.mark.parametrize("name,rows", [
    # "36 killed / 190 wounded / US body count: 647 killed" (Battle of Suoi Tre, easychat): the US side's
    # own heading after its unlabelled rows counts the Viet Cong's dead; "US: 347 killed ... / China
    # estimate / 3,500 killed or wounded / UN estimate / 1,500 killed" (Pork Chop Hill, kiwix): China's
    # estimate stays in the UN column, the UN's estimate opens the Chinese column
    ("c30_battle_of_suoi_tre_1967_easychat.txt", [("A", "killed", 36), ("B", "killed", 647)]),
    ("c29_battle_of_pork_chop_hill_1953_kiwix.txt", [("A", "casualties", 3500), ("B", "killed", 1500),
                                                     ("B", "killed", 533)]),
])
def test_a_sides_own_claimant_heading_after_its_rows_counts_the_enemy(name, rows):
    ev = _corpus_event(name)
    got = {(c.side, c.category, c.low) for c in ev.claims if c.origin == "infobox"}
    assert set(rows) <= got


def test_a_row_of_counts_ending_in_full_stops_stays_in_the_infobox():
    # Battle of Two Sisters as a mirror printed it: "17 wounded on land.[2] unknown on HMS Glamorgan."
    # is a casualty row (no verb of its own), not the article's first sentence: the rows below it
    # (the other side's "20 killed / 50 wounded / 54 captured") are still read
    ev = _corpus_event("c37_battle_of_two_sisters_1982_bothsulfurmo547.txt")
    got = {(c.category, c.low) for c in ev.claims if c.origin == "infobox"}
    assert {("wounded", 17), ("killed", 20), ("wounded", 50), ("captured", 54)} <= got


def test_sides_from_a_lead_that_says_who_fought_whom():
    # Battle of Boquerón as a fandom wiki printed it, its infobox lost to "Template:..." text: "a battle
    # fought ... between the Bolivian and Paraguayan armies" gives the sides, in the lead's order
    ev = _corpus_event("c37_battle_of_boqueron_1932_fandom.txt")
    assert [(k, [a.id for a in s.actors]) for k, s in ev.sides.items()] == [("A", ["bolivia"]), ("B", ["paraguay"])]
    assert any(c.side == "A" and c.low == 240 for c in ev.claims)  # "240 Bolivian defenders surrendered"
    # the templates' names the wiki printed are chrome; the lead's subject names the article
    assert ev.title == "Battle of Boquerón"
    # "The flour massacre[6][7] (Arabic: ...) occurred in the Gaza Strip ...": a page that opens with its lead
    assert _corpus_event("c27_flour_massacre_2024_askwikinow.txt").title == "Flour massacre"


@pytest.mark.parametrize("name, a, b", [
    # "The Grande Armée won the battle against the Imperial Russian Army" (a copy that lost the flags)
    ("h5_battle_of_borodino_enwiki.txt", "french_empire", "russian_empire"),
    # "resulted in the victory of the allied French Army under Napoleon III and Kingdom of Sardinia
    # Army under Victor Emmanuel II (together known as ...) against the Austrian Army"
    ("c25_battle_of_solferino_1859_worldwizzy.txt", "france", "austria"),
    # "It was fought by forces from both the United States and the Philippines against Japanese troops"
    ("h3b_battle_of_manila_1945_enwiki.txt", "united_states", "japan"),
])
def test_sides_from_a_lead_that_opposes_two_parties(name, a, b):
    ev = _corpus_event(name)
    assert ev.sides["A"].actors[0].id == a and ev.sides["B"].actors[0].id == b


def test_parts_under_a_heading_repeat_categories_within_their_column():
    # Battles of Latrun (1948) as an academic dictionary printed them: "Bin Nun Bet: 44 KIA, 88 WIA" /
    # "Operation Yoram: over 16 KIA/79 wounded ..." / "July 16: 23 KIA": each a part of the same
    # column's counts, whose categories come again without starting the other side's column
    ev = _corpus_event("c32_battles_of_latrun_1948_academic.txt")
    got = {(c.side, c.category, c.low) for c in ev.claims if c.origin == "infobox"}
    assert {("A", "killed", 16), ("A", "wounded", 79), ("A", "killed", 23)} <= got


def test_the_plain_text_forms_heading_is_the_title_over_the_infobox_title_row():
    # 2021 Zamfara school kidnapping (tests/corpus): "= 2021 Zamfara school kidnapping =" over
    # "- Title: Zamfara kidnapping"; the article's name is its heading
    assert _corpus_event("c44_zamfara_school_kidnapping_2021.txt").title == "2021 Zamfara school kidnapping"


@pytest.mark.parametrize("row", ["20 October 2024 – ongoing", "30 June 2024 – present (1 year, 2 months)"])
def test_a_date_that_runs_to_the_present_has_no_last_day(row):
    # Eastern Gezira State massacres, Sennar offensive (tests/corpus)
    ev = warlog.extract_text(f"= Test offensive =\n\nInfobox\n- Date: {row}\n- Combatant1: Sudan\n- Combatant2: RSF\n\nText.\n")[0]
    assert ev.date_start[:4] == "2024" and ev.date_end is None


@pytest.mark.parametrize("row,name", [
    # El Aro massacre, Sean Graham bookmakers' shooting (tests/corpus)
    ("municipality of Ituango, Antioquia\nColombia", "Ituango"),
    ("132–134 Ormeau Road, Belfast, Northern Ireland", "Ormeau Road"),
    ("near the village of Kwala, Koulikoro Region, Mali", "Kwala"),
])
def test_a_place_rows_first_name_past_the_words_before_it(row, name):
    text = f"= Test attack =\n\nInfobox\n- Place: {row}\n- Combatant1: Mali\n- Combatant2: JNIM\n\nText.\n"
    assert infobox.places(read_text(text))[0][0].name == name


def test_an_attack_article_with_no_sides_takes_its_leads_armed_doer_as_side_a():
    # November 2022 Mogadishu attack (tests/corpus), no infobox: "15 people were killed during an
    # al-Shabaab attack at a hotel in Mogadishu, Somalia": the doer first, not the place's state
    ev = _corpus_event("c44_mogadishu_attack_november_2022.txt")
    assert [a.id for a in ev.sides["A"].actors] == ["al_shabaab"]
    # an attack on a state's forces keeps the state first ("Malian troops were ambushed by ...")
    assert _corpus_event("h2_battle_of_tabankort_2019.txt").sides["A"].actors[0].id == "mali"
    # a passive's subject is no doer: "The Sahafi Hotel in Mogadishu, Somalia was attacked by al-Shabaab"
    sahafi = _corpus_event("c88_sahafi_hotel_attacks_2015_2018_wikious.txt")
    assert [a.id for a in sahafi.sides["A"].actors] == ["al_shabaab"]
    assert {c.side for c in sahafi.claims if c.low == 9} == {"A"}  # "Nine attackers were killed"
    # a state named doing something after the doer fought it: "attacked by al-Shabaab gunmen ... Somali
    # security guards shot the men dead" (Dayah Hotel attack); a state named first is the doer
    # ("massacre of 50 to 100 residents ... by the Ethiopian National Defense Force", Merawi massacre)
    # an attack on a place of civilians by its title ("Sahafi Hotel attacks"): the people it counts are
    # the civilians attacked ("killing 52 people"); a spinning mirror's preamble ("In today's world,
    # Sahafi Hotel attacks has become a topic of great interest") is no lead, the country is Somalia's
    assert {c.side for c in sahafi.claims if c.low in (15, 52)} == {"civilians"}
    assert sahafi.country_code == "SO"
    dayah = _corpus_event("c88_dayah_hotel_attack_2017.txt")
    assert ([a.id for a in dayah.sides["A"].actors], [a.id for a in dayah.sides["B"].actors]) == (["al_shabaab"], ["somalia"])
    assert _corpus_event("c66_merawi_massacre_2024.txt").sides["A"].actors[0].id == "ethiopia"


def test_the_infobox_notes_are_read_as_prose_and_stay_the_infoboxs():
    # Battle of Darzab 2018 (tests/corpus): "Notes: ... the spokesman of Jowzjan Province's governor
    # claimed that the Taliban had suffered 70 killed and 100 wounded ..."
    ev = _corpus_event("c43_battle_of_darzab_2018.txt")
    got = {(c.category, c.low, c.origin) for c in ev.claims}
    assert {("killed", 70, "infobox"), ("wounded", 100, "infobox")} <= got
    assert any("governor" in s.name for c in ev.claims if c.low == 70 for s in c.sources)
    # the same row in wikitext, where a reader keeps the template's fields it uses
    wiki = ("{{Infobox military conflict\n| conflict = Battle of Darzab\n| date = 2018\n| combatant1 = Taliban\n"
            "| combatant2 = Islamic State – Khorasan Province\n| notes = The spokesman of Jowzjan Province's governor "
            "claimed that the Taliban had suffered 70 killed.\n}}\nThe battle was fought in 2018.\n")
    assert [(c.low, c.origin) for c in warlog.extract_text(wiki)[0].claims] == [(70, "infobox")]


def test_a_victor_that_fills_a_flag_only_column_is_there_for_the_claims():
    # Battle of Buxar (wikitext): combatant2 is only the East India Company's flag; "British East India
    # Company Victory" fills that column before the claims are read, so "British losses are said to
    # have been 847 killed and wounded" are the Company's side (its parent, the British Empire, is the
    # United Kingdom's ally)
    ev = _corpus_event("c45_battle_of_buxar_1764.txt")
    assert [a.id for a in ev.sides["B"].actors] == ["east_india_company"]
    assert ("B", "casualties", 847) in {(c.side, c.category, c.low) for c in ev.claims}


@pytest.mark.parametrize("date,start", [
    # a date row in several calendars: the Gregorian (New Style) day (Battle of Narva, Battle of Buxar)
    ("19 November 1700 (O.S.), 20 November 1700 (S.S.), 30 November 1700 (N.S.)", "1700-11-30"),
    ("November 6 (O.S.) or November 16 (N.S.), 1764", "1764-11-16"),
    ("7 September 1631 (O.S.)", "1631-09-07"),  # no New Style day given: the one there is
])
def test_infobox_date_of_several_calendars_is_the_gregorian(date, start):
    assert _event(Date=date).date_start == start


def test_people_arrested_in_connection_with_an_attack_on_civilians_are_suspects():
    # Manchester Arena bombing (a rendered copy): its victims are civilians, but "13 people were
    # arrested in connection with the incident" are suspects, nobody's victims
    ev = _corpus_event("c63_manchester_arena_bombing_2017_archiveis.txt")
    got = {(c.side, c.category, c.low) for c in ev.claims}
    assert ("unknown", "captured", 13) in got and ("civilians", "captured", 13) not in got


def test_a_regimes_prisoners_are_its_victims_not_its_forces():
    # Abu Salim prison massacre: "thousands of Libyan prisoners were killed" by the Gaddafi regime (side
    # A, the Libyan Arab Jamahiriya) are the massacre's victims, not the regime's people
    ev = _corpus_event("c55_abu_salim_prison_massacre_1996_wikimili.txt")
    assert [a.id for a in ev.sides["A"].actors] == ["libyan_arab_jamahiriya"]
    held = [c for c in ev.claims if "Libyan prisoners" in c.text]
    assert held and all(c.side == "civilians" for c in held)


def test_a_phrase_no_one_is_named_by_takes_the_belligerent_it_names():
    # 1989 Valvettiturai massacre (wikitext, tests/corpus): "| perps = [[Indian Army]] soldiers of the
    # [[Indian Peace Keeping Force]]" is the IPKF's, the longest name it holds; people a nationality
    # word says where they came from are no state ("Russian and Ukrainian volunteers")
    ev = _corpus_event("c91_valvettiturai_massacre_1989.txt")
    assert [a.id for a in ev.sides["A"].actors] == ["ipkf"]
    transnistria = _corpus_event("c50_transnistria_war_1992.txt")
    assert "Russian and Ukrainian volunteers" in [a.name for a in transnistria.sides["A"].actors]


def test_hostages_of_a_kind_in_a_deaths_row_died():
    # 1975 Savoy Hotel attack (fandom copy, tests/corpus): "8 civilian hostages" among the dead are
    # civilians killed, beside the soldiers and the attackers of the same row
    ev = _corpus_event("c94_savoy_hotel_attack_1975_fandom.txt")
    assert ("civilians", "killed", 8) in {(c.side, c.category, c.low) for c in ev.claims if c.origin == "infobox"}


@pytest.mark.parametrize("name,doer", [
    # "The U.S and the SLMM claimed that LTTE was the perpetrator" (the blame it took)
    ("c40_kebithigollewa_massacre_2006.txt", "ltte"),
    # "Gunmen suspected of being members of Boko Haram entered the village of Izghe" (the words before it)
    ("c48_izghe_attack_2014.txt", "boko_haram"),
])
def test_the_doer_an_attack_article_blames_or_suspects_without_an_infobox(name, doer):
    ev = _corpus_event(name)
    assert [a.id for a in ev.sides["A"].actors] == [doer]
    # an armed doer and no one it fought, no infobox: one-sided violence, its people of no side civilians
    if name == "c48_izghe_attack_2014.txt":
        assert {c.side for c in ev.claims if c.low == 105} == {"civilians"}  # "murdered 105 men"
