"""The rendered-page reader on real copies of Wikipedia pages, one layout family per golden case
(tests/rendered/*.case), and on whole pages of several sites (tests/articles/*_rendered_*.txt)."""
from __future__ import annotations

from pathlib import Path

import pytest

import warlog
from warlog import readers
from warlog.readers import rendered_box, spoofed
from warlog.readers.rendered_data import load

HERE = Path(__file__).parent
CASES = sorted((HERE / "rendered").glob("*.case"))
ARTICLES = HERE / "articles"
CORPUS = HERE / "corpus"


def parse_case(path: Path) -> tuple[str, dict]:
    """A case file: comment lines, ``--- text``, the page's text, ``--- expect``, then lines of
    ``format: ...``, ``title: ...``, ``sided: yes|no``, ``field KEY: ITEM`` (one line per item of the
    field, in order; the fields listed are all the document has) and ``paragraph: SECTION | START``
    (every paragraph, in order, by the start of its text)."""
    body = path.read_text(encoding="utf-8").split("--- text\n", 1)[1]
    text, expect = body.split("\n--- expect\n", 1)
    want: dict = {"fields": {}, "paragraphs": []}
    for line in expect.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        key, _, value = line.partition(":")
        value = value[1:] if value.startswith(" ") else value
        if key.startswith("field "):
            want["fields"].setdefault(key[6:], []).append(value)
        elif key == "paragraph":
            section, _, start = value.partition(" | ")
            want["paragraphs"].append((section.strip(), start))
        else:
            want[key] = value
    return text + "\n", want


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_rendered_case_reads_fields_title_and_paragraphs(path):
    text, want = parse_case(path)
    doc = readers.read_text(text, path.name)
    assert doc.provenance.format == want["format"]
    assert doc.title == want["title"]
    assert doc.sided == (want["sided"] == "yes")
    got = {key: f.value.text.split("\n") for key, f in doc.fields.items()}
    assert got == want["fields"]
    if want["paragraphs"]:
        paras = [(p.section, p.text.text) for p in doc.paragraphs]
        assert len(paras) == len(want["paragraphs"]), [(s, t[:40]) for s, t in paras]
        for (section, para), (w_section, w_start) in zip(paras, want["paragraphs"]):
            assert section == w_section and para.startswith(w_start), (section, para[:60])


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_rendered_case_keeps_every_character_at_its_offset(path):
    text, _ = parse_case(path)
    doc = readers.read_text(text, path.name)
    segments = [f.value for f in doc.fields.values()] + [p.text for p in doc.paragraphs] + doc.references
    for seg in segments:
        for run in seg.runs:
            if run.verbatim:
                n = run.src_end - run.src_start
                assert text[run.src_start:run.src_end] == seg.text[run.plain_start:run.plain_start + n]


@pytest.mark.parametrize("text,form", [
    # a mirror's table copy with no banner (wikimili)
    ("2014 Bentiu massacre | |\n---|---|\nPart of South Sudanese Civil War | |\nLocation | Bentiu, South Sudan |\n"
     "Date | 15 April 2014 |\nDeaths | 400+ [1] |\n", "rendered-page"),
    # labels glued to values and a block label (kiwix)
    ("Battle of Konna\n\nBattle of Konna\nPart of the Northern Mali conflict\nDate10–18 January 2013\n"
     "LocationKonna, Mali\nBelligerents\n", "rendered-page"),
    # a site's footer naming Wikipedia (datana)
    ("Fourth Battle of Gao\n\nThe Fourth Battle of Gao was fought in the city of Gao.\n"
     "This article is issued from Wikipedia. The text is licensed under Creative Commons.", "rendered-page"),
    # running text with a date in it stays text
    ("On 9 January 2020, a large group of militants assaulted a military base.\n"
     "Date of the report: 10 January.\n", "text"),
])
def test_rendered_detects_copies_by_labels_and_chrome(text, form):
    assert readers.detect(text) == form


@pytest.mark.parametrize("line,key,items", [
    ("89+ killed, 6 injured 77 killed[1]", "casualties", ["89+ killed, 6 injured", "77 killed"]),
    ("Unknown 15 killed (per GATIA)", "casualties", ["Unknown", "15 killed (per GATIA)"]),
    ("None (per GATIA) 7 killed, 2 POWs (per CMA)", "casualties", ["None (per GATIA)", "7 killed, 2 POWs (per CMA)"]),
    ("60 per Burkina Faso 136 per CISC 147 per AI", "deaths", ["60 per Burkina Faso", "136 per CISC", "147 per AI"]),
    ("138 (including 7 attackers)", "deaths", ["138 (including 7 attackers)"]),
    ("37 civilians + 1 perpetrator", "deaths", ["37 civilians + 1 perpetrator"]),
    ("Mali 58 soldiers killed , 60 + injured", "casualties", ["Mali 58 soldiers killed , 60 + injured"]),
    ("65,000-75,000[1] 73,000-85,000[2]", "strength", ["65,000-75,000", "73,000-85,000"]),
    ("Flag of Mali.svg Mali AQMI Flag asymmetric.svg Jama'at Nasr al-Islam wal Muslimin", "combatants",
     ["Mali", "Jama'at Nasr al-Islam wal Muslimin"]),
    (" Mali  Azawad", "combatants", ["Mali", "Azawad"]),
    ("File:Flag of Mali.svg|20px|link= Mali", "combatants", ["Mali"]),
    ("File:Liwa Fatemiyoun infobox flag.png, link=, bordure, 20px Liwa Fatemiyoun", "combatants", ["Liwa Fatemiyoun"]),
    ("border clashes", "result", ["border clashes"]),
    ("–", "casualties", ["–"]),
    ("Islamic State Islamic State", "perpetrator", ["Islamic State"]),
    ("Ahmad Umar Ahmad", "commanders", ["Ahmad Umar Ahmad"]),
])
def test_rendered_value_splits_cells_glued_by_the_copy(line, key, items):
    seg = rendered_box.value(load(), [(0, line)], key)
    assert seg.text.split("\n") == items


def test_rendered_layout_vocabulary_is_data():
    lay = load()
    assert lay.labels["perpetrators"] == "perpetrator" and lay.blocks["casualties and losses"] == "casualties"
    assert lay.is_chrome("Extended-protected article") and lay.is_chrome("Coordinates: 36°58′50″N 38°25′32″E")
    assert lay.is_chrome("This page was last edited on 5 March 2024, at 10:00 (UTC).")
    assert not lay.is_chrome("Battle of Konna")


def _box(ev):
    return [(c.side, c.category, c.low, c.high) for c in ev.claims if c.origin == "infobox"]


def test_rendered_pipe_table_page_reads_sided_columns():
    # tests/corpus/rendered/h2_battle_of_tabankort_2014.txt (wikimili.com)
    ev = warlog.extract(ARTICLES / "tabankort_2014_rendered_pipes.txt")[0]
    assert (ev.document.format, ev.title, ev.part_of) == ("rendered-page", "Battle of Tabankort (2014)", "Mali War")
    assert [a.id for a in ev.sides["A"].actors] == ["minusma"] and ev.sides["B"].commanders == ["Hassan Ag Fagaga"]
    assert ev.sides["A"].strength.low == 200
    assert _box(ev) == [("A", "killed", 6, 6), ("A", "wounded", 15, 15), ("B", "killed", 10, 10),
                        ("B", "wounded", 35, 35), ("unknown", "casualties", None, None)]
    # ("Several dozen killed and injured" below both columns names nobody: everyone's; the key accepts
    # unknown or civilians)


def test_a_pipe_table_that_opens_the_page_names_it_in_its_caption_row():
    # tests/corpus/rendered/c50_karpalak_ambush_2001_clateway.txt: a merge banner, then the table
    # whose first row is "Karpalak ambush | |||||||"
    text = ("It has been suggested that 2001 anti-Albanian protests be merged into this article. (Discuss) "
            "Proposed since September 2024. |\nKarpalak ambush | |||||||\n---|---|---|---|---|---|---|---|\n"
            "Part of the 2001 insurgency in Macedonia | |||||||\n| |||||||\nBelligerents | |||||||\n"
            "National Liberation Army | Macedonia | ||||||\nCasualties and losses | |||||||\n"
            "Unknown | 8 killed | ||||||\n\nThe Karpalak ambush took place on 8 August 2001 near Karpalak.\n")
    ev = warlog.extract_text(text)[0]
    assert (ev.document.format, ev.title) == ("rendered-page", "Karpalak ambush")


def test_a_cell_glued_to_the_reference_marker_of_the_one_before_is_the_next_column():
    # tests/corpus/rendered/c43_siege_of_luhansk_border_base_2014_movatter.txt: "10 wounded[5][6]11
    # killed, 8 wounded[5][6]" is the first column's count, then the second's
    ev = warlog.extract(CORPUS / "rendered" / "c43_siege_of_luhansk_border_base_2014_movatter.txt")[0]
    assert [(c.side, c.category, c.low) for c in ev.claims if c.origin == "infobox"][:3] == [
        ("A", "wounded", 10), ("B", "killed", 11), ("B", "wounded", 8)]
    assert (ev.sides["A"].strength.low, ev.sides["B"].strength.low, ev.sides["B"].strength.high) == (70, 100, 500)


def test_reference_markers_inside_a_range_keep_it_one_figure():
    # tests/corpus/rendered/c47_battle_of_idlib_2015_wikimili.txt: "66 [13] [18] –86 [19] soldiers
    # killed, 5 soldiers and 6 tanks captured [13] [20]"; the verb after the tanks is the soldiers' too
    ev = warlog.extract(CORPUS / "rendered" / "c47_battle_of_idlib_2015_wikimili.txt")[0]
    got = [(c.side, c.category, c.low, c.high) for c in ev.claims if c.origin == "infobox"]
    assert ("B", "killed", 66, 86) in got and ("B", "captured", 5, 5) in got


def test_rows_over_a_cell_that_said_nothing_stay_in_the_first_column():
    # tests/corpus/rendered/c42_dounkoun_ambush_2021_misplacedpages.txt: "12 killed" / "8 injured" /
    # "Unknown": the second column said nothing, both rows are the first's
    ev = warlog.extract(CORPUS / "rendered" / "c42_dounkoun_ambush_2021_misplacedpages.txt")[0]
    assert [(c.side, c.category, c.low) for c in ev.claims if c.origin == "infobox"] == [
        ("A", "killed", 12), ("A", "wounded", 8)]


def test_rendered_page_with_the_lead_above_the_infobox():
    # tests/corpus/rendered/h2_fourth_battle_of_gao_2013.txt (encyclopedia.datana.cloud)
    doc = readers.read_path(ARTICLES / "gao_2013_rendered_lead_first.txt")
    assert doc.get("combatants").text.split("\n") == ["Mali", "France", "Niger", "MOJWA", "Al-Mourabitoun"]
    assert doc.paragraphs[0].text.text.startswith("The Fourth Battle of Gao was fought")
    assert not any("issued from Wikipedia" in p.text.text for p in doc.paragraphs)
    ev = warlog.extract(ARTICLES / "gao_2013_rendered_lead_first.txt")[0]
    assert (ev.title, ev.date_start, ev.date_end, ev.country_code) == ("Fourth Battle of Gao", "2013-02-20", "2013-02-22", "ML")
    assert [c.category for c in ev.claims] == ["wounded", "wounded", "killed", "captured"]
    assert [c.low for c in ev.claims] == [5, 2, 16, 2]


def test_rendered_label_value_table_of_a_civilian_attack():
    # tests/corpus/rendered/h3_ankara_bombing_march_2016_piglix.txt (piglix.com)
    ev = warlog.extract(ARTICLES / "ankara_2016_rendered_label_cells.txt")[0]
    assert (ev.title, ev.date_start, ev.country_code) == ("March 2016 Ankara bombing", "2016-03-13", "TR")
    assert [loc.name for loc in ev.locations][:1] == ["Kızılay"]
    assert [a.name for a in ev.sides["A"].actors] == ["Kurdistan Freedom Hawks"]
    assert _box(ev) == [("civilians", "killed", 37, 37), ("A", "killed", 1, 1), ("civilians", "wounded", 127, 127)]


def test_rendered_mirror_chrome_is_not_the_article():
    # tests/corpus/rendered/h6_bankass_massacres_2022_wiki2.txt (wiki2.org)
    doc = readers.read_path(ARTICLES / "bankass_2022_rendered_mirror.txt")
    assert doc.title == "2022 Bankass massacres" and doc.get("deaths").text == "132"
    assert doc.get("place").text == "Diallassagou and nearby villages, Bankass Cercle, Mopti Region, Mali"
    assert not any("WIKI 2" in p.text.text or "Slayton" in p.text.text for p in doc.paragraphs)
    ev = warlog.extract(ARTICLES / "bankass_2022_rendered_mirror.txt")[0]
    assert (ev.date_start, ev.date_end, ev.country_code) == ("2022-06-18", "2022-06-19", "ML")
    assert [a.id for a in ev.sides["A"].actors] == ["katiba_macina"]
    assert _box(ev) == [("civilians", "killed", 132, 132)]


def test_rendered_short_lines_of_wrapped_text_stay_in_the_prose():
    # the lead of tests/corpus/rendered/h2_battle_of_konna_2013.txt, wrapped at 80 columns
    text = ("Battle of Konna\n\nThe fighting began when rebel fighters disguised as passengers on a public bus\n"
            "infiltrated the town. The bus was stopped at a Malian army checkpoint on the\nMalian Army\n"
            "outskirts of Konna.\n")
    doc = readers.read_text(text, "wrapped.txt")
    assert doc.title == "Battle of Konna"
    assert [p.text.text for p in doc.paragraphs] == text.split("\n")[2:-1]


def test_rendered_markdown_table_opens_rows_with_a_bar():
    # the rows of tests/corpus/rendered/h3_bentiu_massacre_2014_wikimili.txt as a Markdown table
    text = ("| 2014 Bentiu massacre | |\n|---|---|\n| Part of South Sudanese Civil War | |\n"
            "| Location | Bentiu, South Sudan |\n| Date | 15 April 2014 |\n| Deaths | 400+ [1] |\n"
            "| Perpetrators | SPLM/A-IO (denied) [3] |\n"
            "The 2014 Bentiu massacre occurred on 15 April 2014 in the town of Bentiu, in the north of South Sudan.\n")
    doc = readers.read_text(text, "bentiu.md")
    assert doc.title == "2014 Bentiu massacre"
    assert {k: f.value.text for k, f in doc.fields.items()} == {
        "partof": "South Sudanese Civil War", "place": "Bentiu, South Sudan", "date": "15 April 2014",
        "deaths": "400+", "perpetrator": "SPLM/A-IO (denied)"}


def test_rendered_a_lone_label_line_is_not_an_infobox():
    # the opening of tests/corpus/rendered/h3_battle_of_baghuz_fawqani_owiki.txt under a site's status line
    text = ("Status: Featured\n\nBattle of Baghuz Fawqani\n\n\nThe Battle of Baghuz Fawqani was an offensive by the "
            "Syrian Democratic Forces, assisted by Combined Joint Task Force – Operation Inherent Resolve coalition "
            "airstrikes, that began on 9 February 2019 as part of the Deir ez-Zor campaign of the Syrian Civil War.\n")
    doc = readers.read_text(text, "baghuz.txt")
    assert (doc.title, doc.fields, len(doc.paragraphs)) == ("Battle of Baghuz Fawqani", {}, 1)


@pytest.mark.parametrize("text", [
    "Battle\nDate" + " " * 200_000 + "x\nResult" + "\t" * 200_000 + "y",
    "Battle\nPart of X\nBelligerents\n" + "a" * 200_000 + "\n",
    "Battle\nPart of X\nBelligerents\n" + "File:a " * 30_000 + "\n",
    "Battle" + " " * 200_000 + " -x\n" + " (" * 100_000,
    "T | |\n---|---|\n" + "a | b |\n" * 20_000,
], ids=["blank runs after labels", "one long cell", "file names", "long title", "long table"])
def test_rendered_reads_in_linear_time(text):
    import time

    start = time.perf_counter()
    readers.read_text(text, "long.txt")
    assert time.perf_counter() - start < 5  # quadratic matching takes minutes here


def test_a_copy_that_opens_with_its_lead_is_named_by_the_leads_subject():
    # c88_bor_massacre_1991_kiwix_sapo.txt (a kiwix copy without its heading): "The Bor massacre was a
    # massacre of ..." names it; the section headings below ("See also") do not, and a massacre's
    # people of no side ("at least 2,000 Dinka were killed") are its civilians
    ev = warlog.extract(CORPUS / "rendered" / "c88_bor_massacre_1991_kiwix_sapo.txt")[0]
    assert ev.title == "Bor massacre"
    assert {c.side for c in ev.claims if c.low == 2000} == {"civilians"}


def test_a_markdown_table_copy_with_glued_links_and_no_names_in_its_column():
    # c88_galmudug_clashes_2021_movatter.txt: rows opened by a bar ("| Belligerents | |||") are an
    # infobox's; the copy glues each link to the word before it ("between theSomali Army andAhlu Sunna
    # Waljama'a"), read with a space that stands for nothing in the source; its one column lost its
    # names (flags) but kept a commander, so the lead's two parties are the sides
    path = CORPUS / "rendered" / "c88_galmudug_clashes_2021_movatter.txt"
    text = path.read_text(encoding="utf-8")
    ev = warlog.extract(path)[0]
    assert ev.document.format == "rendered-page"
    assert [a.id for a in ev.sides["A"].actors][-1:] == ["somalia"] and [a.id for a in ev.sides["B"].actors] == ["aswj"]
    assert ev.sides["A"].commanders == ["Omar Moʽallim Nur"]
    sixteen = next(c for c in ev.claims if c.text == "16 soldiers had been killed")
    assert sixteen.side == "A" and text[sixteen.start:sixteen.end] == sixteen.text


def test_a_result_whose_label_the_copy_lost_is_read_under_the_date_or_place():
    # c94_operation_dawn_8_1986_enwiki_old.txt: "9–25 February 1986" / "Locational-Faw Peninsula" /
    # "Iranian victory" under one label; c18_battle_of_friedland_1807_worddisk.txt: "French victory" as
    # the first line of the place's value
    dawn = warlog.extract(CORPUS / "rendered" / "c94_operation_dawn_8_1986_enwiki_old.txt")[0]
    assert dawn.result.text.startswith("Iranian victory") and dawn.date_start == "1986-02-09"
    friedland = warlog.extract(CORPUS / "rendered" / "c18_battle_of_friedland_1807_worddisk.txt")[0]
    assert friedland.result.text.startswith("French victory")
    assert "French victory" not in [loc.name for loc in friedland.locations]


@pytest.mark.parametrize("name,title", [
    ("c54_battle_of_atbara_1898_kiddle.txt", "Battle of Atbara"),  # kiddle.co: "Battle of Atbara facts for kids"
    ("c80_hyde_park_regents_park_bombings_1982_kiddle.txt", "Hyde Park and Regent's Park bombings"),
])
def test_a_sites_words_after_the_articles_name_are_no_part_of_it(name, title):
    path = CORPUS / "rendered" / name
    assert readers.read_path(path).title == title


def test_a_mirrors_swapped_letters_are_put_back_one_for_one():
    # wikien4.appspot.com serves Wikipedia with every lower-case "l" written "w" ("Casuawties and
    # wosses", "kiwwed"): read with the letters put back where a known word comes of it, so the
    # infobox's block and rows read, and every offset still points into the file as it is
    path = CORPUS / "rendered" / "c101_russo_turkish_war_1877_appspot.txt"
    text = path.read_text(encoding="utf-8")
    restored = spoofed.restore(text)
    assert len(restored) == len(text) and "Casualties and losses" in restored and "kiwwed" not in restored
    assert "Gonagawa" in spoofed.restore((CORPUS / "rendered" / "c91_gonagala_massacre_1999_wikien4.txt").read_text())
    ev = warlog.extract(path)[0]
    killed = [c for c in ev.claims if c.category == "killed" and c.low == 15567]
    assert killed and text[killed[0].start:killed[0].end].endswith("kiwwed")
    assert ev.document.sha256 == readers.source.sha256(text)
    # an article in plain English is left alone
    assert spoofed.restore((CORPUS / "rendered" / "c54_battle_of_atbara_1898_kiddle.txt").read_text()) is None
