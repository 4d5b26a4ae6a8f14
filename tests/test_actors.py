"""The actor registry: every spelling to one actor, unknown actors kept, the user's own added."""
from __future__ import annotations

import pytest

from conftest import SAMPLES

import warlog
from warlog import actors, errors, sides
from warlog.sides import actor


@pytest.mark.parametrize("written,actor_id", [
    ("JNIM", "jnim"), ("Jama'at Nasr al-Islam wal Muslimin", "jnim"), ("Jama’at Nusrat al-Islam wal-Muslimin", "jnim"),
    ("GSIM", "jnim"), ("FAMa", "mali"), ("Malian Armed Forces", "mali"), ("the Malian army", "mali"),
    ("Wagner Group", "wagner"), ("Operation Barkhane", "france"), ("MINUSMA", "minusma"), ("ISGS", "isgs"),
    ("Coalition of the People of Azawad", "cpa"), ("Katiba Macina", "katiba_macina"), ("AQIM", "aqim"),
    # stop 13's round: units and groups real articles named as sides (Qibya, Tantura, Jaffar Express,
    # Gharyan, Battle of al-Hasakah) and armed groups still missing (Libya, Ethiopia)
    ("Unit 101", "israel"), ("Alexandroni Brigade", "israel"), ("Majeed Brigade", "bla"),
    ("House of Representatives", "libya_hor"), ("Libyan Islamic Fighting Group", "lifg"),
])
def test_actors_spellings_resolve(written, actor_id):
    assert actors.load().lookup(written).id == actor_id


def test_actors_short_acronyms_match_only_as_written():
    found = [m.actor.id for m in actors.load().find("It is us, said the US; IS claimed it")]
    assert found == ["united_states", "islamic_state"]


def test_actors_unknown_actor_kept_as_written():
    a = actor("Kel Ansar Patrol", actors.load())
    assert (a.name, a.id, a.kind) == ("Kel Ansar Patrol", None, "unknown")


def test_actors_every_seed_side_carries_registry_ids():
    for path in sorted((SAMPLES / "seeds").iterdir()):
        main = warlog.extract(path)[0]
        assert all(a.id for side in main.sides.values() for a in side.actors), path.name


def test_actors_rendered_page_puts_wagner_beside_mali():
    main = warlog.extract(SAMPLES / "seeds/002_f0736b921dfecb07.txt")[0]
    assert [a.id for a in main.sides["A"].actors] == ["mali", "wagner"]


def test_actors_user_file_adds_an_actor(tmp_path):
    extra = tmp_path / "mine.yaml"
    extra.write_text("- {id: kel_test, name: Kel Test Militia, kind: militia, aliases: [KTM]}\n", encoding="utf-8")
    reg = actors.load(str(extra))
    assert reg.lookup("KTM").kind == "militia" and reg.lookup("JNIM").id == "jnim"


def test_actors_bad_user_file_is_named(tmp_path):
    extra = tmp_path / "bad.yaml"
    extra.write_text("- {name: no id}\n", encoding="utf-8")
    with pytest.raises(errors.DataFileError) as err:
        actors.load(str(extra))
    assert str(extra) in str(err.value)


@pytest.mark.parametrize("content,line,reason", [
    (b"- {id: x, name: [unclosed\n", 2, "not valid YAML: expected ',' or ']', but got '<stream end>' (column 1)"),
    (b"- id: a\n\tname: b\n", 2, "not valid YAML: found character '\\t' that cannot start any token (column 1)"),
    (b"jnim: {name: JNIM}\n", None, "expected a list of actors"),
    (b"", None, "expected a list of actors"),
    (b"- just a name\n", None, "actor #1 needs id, name and kind"),
    (b"- {id: [1], name: X, kind: militia}\n", None, "actor #1: id, name and kind must be text"),
    (b"- {id: x, name: X, kind: militia, aliases: KTM}\n", None, "actor #1 (x): aliases must be a list of names"),
    (b"- {id: x, name: X, kind: militia, allied_with: [[mali]]}\n", None, "actor #1 (x): allied_with must be a list of names"),
    (b"- {id: x, name: X, kind: militia, country: [ML]}\n", None, "actor #1 (x): country must be text"),
    ("- {id: x, name: Ségou}\n".encode("latin-1"), None, "not valid UTF-8: byte 0xe9 at offset 17"),
], ids=["syntax", "tab", "mapping", "empty", "string-row", "id-list", "aliases-string", "allies-nested",
        "country-list", "latin-1"])
def test_actors_bad_user_file_is_one_line_naming_it(tmp_path, content, line, reason):
    extra = tmp_path / "mine.yaml"
    extra.write_bytes(content)
    with pytest.raises(errors.DataFileError) as err:
        actors.load(str(extra))
    assert (err.value.path, err.value.line, err.value.reason) == (str(extra), line, reason)


@pytest.mark.parametrize("written,actor_id", [
    ("Al-Shabaab", "al_shabaab"), ("Taliban insurgents", "taliban"), ("Tehreek-e-Taliban Pakistan", "ttp"),
    ("ISIS-K", "is_khorasan"), ("Daesh", "islamic_state"), ("Wilayat Sinai", "is_sinai"), ("ISWAP", "iswap"),
    ("Boko Haram", "boko_haram"), ("LTTE", "ltte"), ("Izz ad-Din al-Qassam Brigades", "hamas"), ("PIJ", "pij"),
    ("Hezbollah", "hezbollah"), ("Ansar Allah", "houthis"), ("Houthi fighters", "houthis"), ("PKK", "pkk"),
    ("Kurdistan Freedom Hawks", "tak"), ("Syrian Democratic Forces", "sdf"), ("YPG", "ypg"), ("FSA", "fsa"),
    ("Syrian National Army", "sna"), ("HTS", "hts"), ("Jabhat al-Nusra", "al_nusra"), ("DPR", "dpr"),
    ("Donetsk People’s Republic", "dpr"), ("Luhansk People's Republic", "lpr"), ("RSF", "rsf"),
    ("Sudanese Armed Forces", "sudan"), ("TPLF", "tplf"), ("M23", "m23"), ("ADF", "adf"), ("FARC", "farc"),
    ("ELN", "eln"), ("AUC", "auc"), ("Shining Path", "shining_path"), ("CJNG", "cjng"), ("Sinaloa Cartel", "sinaloa_cartel"),
    ("MNDAA", "mndaa"), ("Arakan Army", "arakan_army"), ("Abu Sayyaf", "abu_sayyaf"), ("Maute group", "maute_group"),
    ("NPA", "npa"), ("AQAP", "aqap"), ("AQIM", "aqim"), ("Lashkar-e-Taiba", "let"), ("Jaish-e-Mohammed", "jem"),
    ("MUJAO", "mujao"), ("MOJWA", "mujao"), ("HCUA", "hcua"), ("MAA-Dissident", "maa_cma"), ("SPLM/A-IO", "splm_io"),
    ("Jama'at Nasr al-Islam wal-Muslimin", "jnim"), ("Ottoman Empire", "ottoman_empire"), ("Austria-Hungary", "austria_hungary"),
    ("Miniconjou", "miniconjou"), ("Blackwater", "blackwater"), ("Grupo Colina", "grupo_colina"),
    ("Hadi-led government", "yemen_government"),
    # round 7: Libya's tribal wars, a colony's company, a state's police unit named with its state
    ("Tubu tribe", "toubou_libya"), ("Zuwayya tribe", "zuwayya"), ("WIC", "dutch_west_india_company"),
    ("Sri Lankan Special Task Force", "sri_lanka"), ("FNCI", "forces_nouvelles"),
    # round 8: names that held another actor's name resolved to it ("... of the Congo", "United States of ...")
    ("Free Republic of the Congo", "free_republic_of_the_congo"), ("United States of Colombia", "united_states_of_colombia"),
    ("Uganda National Rescue Front", "unrf_uganda"), ("FANT", "chad"), ("Dzungar Khanate", "dzungar_khanate"),
    # round 9: a state's named forces whose names hold neither the country's name nor its people's
    ("Guardia Civil", "spain"), ("Garda Síochána", "ireland"), ("Carabineros de Chile", "chile"),
    ("Jandarma", "turkey"), ("Frontier Constabulary", "pakistan"),
    # names that held another's: "Scotland Yard" is not the Kingdom of Scotland, nor Argentina's federal
    # police Mexico's, nor the KCIA the United States'
    ("Scotland Yard", "united_kingdom"), ("Policía Federal Argentina", "argentina"),
    ("Korean Central Intelligence Agency", "south_korea"),
])
def test_actors_armed_groups_of_the_worlds_wars_resolve(written, actor_id):
    assert actors.load().lookup(written).id == actor_id


@pytest.mark.parametrize("written,actor_id", [
    ("Government of Mali", "mali"), ("Government of Ukraine", "ukraine"), ("Government of Russia (Soviet Union)", "russia"),
    ("Government of Myanmar (Burma)", "myanmar"), ("Government of DR Congo (Zaire)", "dr_congo"),
    ("Government of United States of America", "united_states"), ("Armed Forces of the Philippines", "philippines"),
    ("Kenya Defence Forces", "kenya"), ("Nigerien soldiers", "niger"), ("US soldiers", "united_states"),
    ("Nigeriens", "niger"), ("Malians", "mali"),
    ("Thai military and police", "thailand"), ("Russian Empire", "russian_empire"), ("Thai Empire", "thailand"),
])
def test_actors_ged_style_and_state_names_resolve(written, actor_id):
    assert actors.load().lookup(written).id == actor_id


@pytest.mark.parametrize("written", ["Syrian Democratic Forces", "Free Syrian Army", "Chadian mercenaries"])
def test_actors_a_nationality_word_names_its_state_only_before_its_forces(written):
    rec = actors.load().lookup(written)
    assert rec is None or rec.kind not in actors.STATE_KINDS


def test_actors_state_actor_takes_the_countrys_usual_name():
    reg = actors.load()
    assert [reg.lookup(n).name for n in ("Ukraine", "Burma", "DRC")] == ["Ukraine", "Myanmar", "DR Congo"]
    assert reg.lookup("Crimea") is None  # a territory places an event; no state goes by it


def test_actors_a_common_word_alias_matches_only_as_written():
    reg = actors.load()
    assert reg.lookup("Platform").id == "platform" and reg.lookup("platform") is None


@pytest.mark.parametrize("path,label,expected", [
    ("rendered/h2_battle_of_tabankort_2014.txt", "B", [("mnla", "MNLA"), ("hcua", "HCUA"), ("maa_cma", "MAA-Dissident")]),
    ("rendered/h2_tongo_tongo_ambush_2017.txt", "A", [("niger", "Niger"), ("united_states", "United States"),
                                                       ("france", "France"), ("berry_aviation", "Berry Aviation")]),
    ("html/h3_beeri_massacre.html", "A", [("pij", "PIJ")]),
    # the groups a generic head names "(namely Abu Sayyaf an' Jemaah Islamiyah)" (Rizal Day bombings,
    # wikiclassic); a force and its unit "Russian Air Force: 22nd Guards ..." (Kremenchuk, wikitext)
    ("rendered/c28_rizal_day_bombings_2000_wikiclassic.txt", "A", [("abu_sayyaf", "Abu Sayyaf"),
                                                                   ("jemaah_islamiyah", "Jemaah Islamiyah")]),
    ("wikitext/c26_kremenchuk_shopping_mall_attack_2022.txt", "A", [("russia", "Russian Air Force")]),
])
def test_actors_glued_cell_is_split_where_the_registry_knows_each(path, label, expected):
    doc_path = SAMPLES.parent / "tests" / "corpus" / path
    ev = warlog.extract(doc_path)[0]
    got = [(a.id, a.text) for a in ev.sides[label].actors]
    assert got == expected
    text = doc_path.read_text(encoding="utf-8")
    assert all(text[a.start:a.end] == a.text for a in ev.sides[label].actors)  # offsets stay exact


@pytest.mark.parametrize("path,label,dropped", [
    ("rendered/h6_darey_daye_massacre_2021_mobile.txt", "A", "Background"),
    ("rendered/h3_battle_of_ramadi_2015_2016_kiwix.txt", "B", "Air support"),
    ("wikitext/h5_gallipoli_campaign.txt", "A", "Naval support"),
])
def test_actors_text_that_names_nobody_is_no_actor(path, label, dropped):
    ev = warlog.extract(SAMPLES.parent / "tests" / "corpus" / path)[0]
    assert dropped not in [a.name for a in ev.sides[label].actors] and ev.sides[label].actors


def test_actors_united_kingdom_of_great_britain_and_ireland_is_one_state():
    ev = warlog.extract(SAMPLES.parent / "tests" / "corpus" / "wikitext" / "h5_gallipoli_campaign.txt")[0]
    assert [a.id for a in ev.sides["A"].actors][:1] == ["united_kingdom"] and "ireland" not in [a.id for a in ev.sides["A"].actors]


@pytest.mark.parametrize("path", ["infobox-text/h4_bojaya_massacre.txt", "rendered/h3_ankara_bombing_march_2016_piglix.txt"])
def test_actors_one_sided_attack_keeps_the_civilians_as_side_b(path):
    # "Target: Civilians caught in the crossfire between the AUC ... and FARC"; a target line naming the perpetrator
    ev = warlog.extract(SAMPLES.parent / "tests" / "corpus" / path)[0]
    assert [a.kind for a in ev.sides["B"].actors] == ["civilians"]


def test_actors_user_registry_is_read_on_every_run(tmp_path, monkeypatch):
    monkeypatch.setenv("WARLOG_DATA", str(tmp_path))
    (tmp_path / "warlog").mkdir()
    (tmp_path / "warlog" / "actors.yaml").write_text("- {id: kel_test, name: Kel Test Militia, kind: militia}\n")
    actors.load.cache_clear()
    try:
        assert actors.load().lookup("Kel Test Militia").id == "kel_test"
    finally:
        actors.load.cache_clear()


@pytest.mark.parametrize("written", ["Unknown jihadists", "Unidentified gunmen", "unknown assailants"])
def test_actors_a_group_the_article_cannot_name_is_the_unidentified_armed_group(written):
    # x1_aguelhok_attack_2014 and x2_namissiguima_attack_april_2022 (tests/corpus): "Unknown jihadists"
    assert actors.load().lookup(written).id == "unidentified_armed_group"


@pytest.mark.parametrize("cell,actor_id", [
    ("Islamists", "unidentified_armed_group"), ("Shi'ite militias", "unidentified_armed_group"),
    ("Local militants", "unidentified_armed_group"), ("Islamic State", "islamic_state"),
])
def test_actors_a_cell_of_armed_people_no_group_named_is_the_unidentified_armed_group(cell, actor_id):
    # h11_tuareg_rebellion_2012_studentb, h14_palmyra_offensive_march_2016 (tests/corpus): "Islamists",
    # "Shi'ite militias" as a column's belligerent
    assert sides.actor(cell, actors.load()).id == actor_id


@pytest.mark.parametrize("cell", ["Casualties28 killed", '4. "Gunmen kill 32', "Battle of Bunker Hill_header_cell_0_6_0",
                                  "Limited involvement",
                                  # a mirror's share button, a heading's edit link, a column's phase
                                  # (c89_kasindi_church_bombing_2023, c66_july_2014_kenya_attacks, c95_chinese_civil_war)
                                  "Share this article", "Attacks edit", "1927–1936"])
def test_actors_a_cell_glued_to_a_figure_or_a_tables_cell_id_is_debris(cell):
    assert sides.debris(cell) or sides.is_label(cell)
