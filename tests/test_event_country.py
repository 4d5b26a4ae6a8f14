"""Country first, then place: an event's country from the evidence of its article, on real articles
of the development corpus; then every place looked up within it."""
from __future__ import annotations

import pytest

from conftest import ROOT

import warlog
from warlog import world

CORPUS = ROOT / "tests" / "corpus"


def main_event(name: str):
    return warlog.extract(next(CORPUS.rglob(name)))[0]


@pytest.mark.parametrize("name,code,why", [
    # coordinates in the place line: the Pacific island, not the country of the side that took it
    ("h5_battle_of_iwo_jima.txt", "JP", "coordinates"),
    # the coordinates over a historical state named last in the place line ("Natal, British Empire")
    ("h5_battle_of_rorkes_drift.txt", "ZA", "article coordinates"),
    # "Uri, Indian administered Kashmir": the place line's nationality word; "from Pakistan" places nothing
    ("h4_uri_attack_2016.html", "IN", ""),
    # "the Syrian town of Al-Baghuz Fawqani ... near the Iraq–Syria border"
    ("h3_battle_of_baghuz_fawqani_owiki.txt", "SY", "Syrian town of"),
    # "Austerlitz, Moravia": no coordinates; Austerlitz of Czechia and Brno named in the lead
    ("h5_battle_of_austerlitz_kiwix2009.txt", "CZ", ""),
    # "Leipzig, Saxony", fought by Russia among others: the place is in Germany
    ("h5_battle_of_leipzig.txt", "DE", ""),
    # "Gao" alone, side MNLA: Gao of Mali, not Guantánamo ("Gao" is one of its other names)
    ("h1_battle_of_gao_2012.txt", "ML", ""),
    # "in southern County Tyrone, Northern Ireland" places it; "a councillor from Clones, Republic of
    # Ireland" does not
    ("c50_killeeshil_ambush_1994_wikimili.txt", "GB", "the lead puts it in United Kingdom"),
    # "at Breitenfeld, some 7.5 kilometres north-east of Leipzig, Germany": not the Breitenfeld of Styria
    ("c57_battle_of_breitenfeld_1642.txt", "DE", ""),
    # a place line of countries only ("Croatia, Bosnia and Herzegovina"): the first
    ("c56_operation_storm_1995_dweb.txt", "HR", "names Croatia first"),
    # "Southeastern Iraq", a country with a direction before it (Battle of 73 Easting, a saved page)
    ("c62_battle_of_73_easting_1991.html", "IQ", ""),
    # "Falkland Islands, South Georgia and surrounding sea": the country first, then its part (not Georgia)
    ("c19_falklands_war_1982_turkcebilgi.txt", "FK", ""),
    # wikitext's {{Short description|2014 massacre in Borno State, Nigeria}}; the village no layer knows
    ("c48_izghe_attack_2014.txt", "NG", "the short description puts it in Nigeria"),
    # "the Empire of Japan", "Charles XII of Sweden" are names, not where a battle was: Marengo is in Italy
    ("c37_battle_of_marengo_1800_ipfs.txt", "IT", ""),
    # a lead that names no place, and the paragraphs after it name the country ("in Jammu and Kashmir, India")
    ("c83_sangrampora_massacre_1997_bharatpedia.txt", "IN", "the article puts it in India"),
])
def test_event_country_from_the_articles_evidence(name, code, why):
    ev = main_event(name)
    assert ev.country_code == code, (ev.country, [loc.geo_source for loc in ev.locations])
    assert why in (ev.locations[0].geo_source or "")


@pytest.mark.parametrize("name,reference,km", [
    ("h3_baga_massacre_2015.txt", (13.11889, 13.85667), 25),   # Baga of Borno, not Bargarh (India)
    ("h1_battle_of_gao_2012.txt", (16.27167, -0.04472), 25),
    ("h1_battle_of_diabaly_2013.txt", (14.68333, -6.01667), 25),  # found now (the Sahel gazetteer)
    ("h1_bamako_attacks_2024.txt", (12.65, -8.0), 30),           # "Faladie ..., Bamako": not Koulikoro's Faladié
    ("c57_battle_of_breitenfeld_1642.txt", (51.4, 12.333), 25),   # "north-east of Leipzig, Germany": not Styria's
])
def test_event_country_place_looked_up_within_the_country(name, reference, km):
    loc = main_event(name).locations[0]
    assert world.km(reference, (loc.lat, loc.lon)) < km, loc


WATERLOO = """= Battle of Waterloo =

Infobox
- Conflict: Battle of Waterloo
- Part of: the War of the Seventh Coalition
- Date: 18 June 1815
- Place: Waterloo, Brabant, United Kingdom of the Netherlands (now Belgium)
- Result: Coalition victory
- Combatant1: French Empire
- Combatant2: United Kingdom, Prussia, Netherlands, Hanover, Nassau, Brunswick

The Battle of Waterloo was fought on Sunday 18 June 1815, near Waterloo (at that time in the United
Kingdom of the Netherlands, now in Belgium).
"""


def test_event_country_waterloo_is_in_belgium_not_texas():
    # Wikipedia's infobox place line (Battle of Waterloo, CC BY-SA 4.0); "Waterloo" is also an old name of Austin
    ev = warlog.extract_text(WATERLOO)[0]
    loc = ev.locations[0]
    assert (ev.country_code, loc.precision, loc.admin1) == ("BE", 1, "Wallonia")
    assert world.km((50.68, 4.41), (loc.lat, loc.lon)) < 10


def test_event_country_a_place_no_layer_knows_is_the_country_alone_with_the_reason():
    loc = main_event("h2_battle_of_tabankort_2014.txt").locations[0]
    assert (loc.name, loc.lat, loc.precision) == ("Tabankort", None, 6)
    assert loc.geo_source.startswith("country only: Tabankort is unknown in ML")


def test_event_country_vicinity_of_a_town_is_within_25_km_of_it():
    loc = main_event("h1_second_battle_of_menaka_2012.txt").locations[0]
    assert (loc.name, loc.precision) == ("Vicinity of Ménaka", 2) and "point of Ménaka" in loc.geo_source


def test_event_country_place_inside_a_written_town_takes_the_town_at_precision_2():
    loc = main_event("h3_westgate_shopping_mall_attack.txt").locations[0]
    assert (loc.precision, loc.admin1) == (2, "Nairobi City") and "point of Nairobi" in loc.geo_source


MY_LAI = """= My Lai massacre =

Infobox
- Conflict: My Lai massacre
- Date: 16 March 1968
- Place: Sơn Mỹ, Sơn Tịnh District, Quảng Ngãi Province, South Vietnam
- Combatant1: United States

The My Lai massacre was the mass murder of unarmed South Vietnamese civilians by United States troops.
"""


def test_event_country_former_state_and_written_province_place_an_unknown_village():
    # Wikipedia's place line (My Lai massacre, CC BY-SA 4.0): South Vietnam is today's Vietnam; the
    # village no layer knows stands at its province's point, precision 4
    ev = warlog.extract_text(MY_LAI)[0]
    loc = ev.locations[0]
    assert (ev.country_code, loc.precision, loc.admin1) == ("VN", 4, "Quảng Ngãi")
    assert world.km((15.18, 108.87), (loc.lat, loc.lon)) < 30


def test_event_country_a_tie_of_evidence_is_no_country():
    # JNIM fights in Mali, Burkina Faso and Niger; an unknown village names none of them
    text = "= Attack on Tinfakaro =\n\nInfobox\n- Place: Tinfakaro\n- Date: 2021\n- Combatant1: JNIM\n\nGunmen attacked.\n"
    ev = warlog.extract_text(text)[0]
    assert (ev.country_code, ev.locations[0].precision) == (None, None)


def test_event_country_a_namesake_in_another_region_than_the_written_one_is_no_place():
    # the Battle of Dettingen (1743) was fought in Bavaria: the Dettingens of Baden-Württemberg are others,
    # so the place is left at its written region rather than placed wrong
    text = ("= Battle of Dettingen =\n\nInfobox\n- Conflict: Battle of Dettingen\n- Date: 27 June 1743\n"
            "- Place: Dettingen (now Karlstein am Main), Bavaria\n- Combatant1: Great Britain\n- Combatant2: France\n\n"
            "The battle killed 300 soldiers.\n")
    loc = warlog.extract_text(text)[0].locations[0]
    assert loc.precision > 2 and loc.admin1 in ("Bavaria", None), loc


def test_event_country_from_a_division_the_lead_names_by_its_kind():
    # a page of no infobox whose lead names the state: "the village of Chakawa in Borno State"
    text = ("= Test attack =\n\nGunmen attacked the village of Izghe in Borno State in the early hours of the "
            "morning and killed 105 men.\n")
    ev = warlog.extract_text(text)[0]
    assert ev.country_code == "NG" and "Borno State, a division of NG" in ev.locations[0].geo_source


def test_event_country_a_first_level_division_written_rules_out_a_namesake_in_another():
    # "Frenchtown, Michigan Territory": the layers know no Frenchtown of Michigan, and one of Indiana is
    # no answer: the country alone, honestly coarse (Battle of Frenchtown, 1813)
    loc = main_event("c60_battle_of_frenchtown_1813.txt").locations[0]
    assert loc.precision == 6 and loc.lat is None
    # "Bucha, Kyiv Oblast": the layers call it "Kyivska oblast", the same division under another name
    assert main_event("h4_bucha_massacre.html").locations[0].precision == 1


def test_event_country_today_s_divisions_over_historical_ones():
    # "Bear River, Washington Territory / Present-day: Franklin County, Idaho": not Washington state's
    # point 1,000 km off, nor Alabama's Franklin County; no line of the place is a place of its own
    ev = main_event("c60_bear_river_massacre_1863_eudic.txt")
    assert [loc.name for loc in ev.locations] == ["Bear River"]
    loc = ev.locations[0]
    assert loc.lat is None or world.km((42.146, -111.914), (loc.lat, loc.lon)) < 300

