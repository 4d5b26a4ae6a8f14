"""warlog places lookup / actors lookup say where a name points and why; places import and the
from-dump commands fill the user's layers (GeoNames admin codes made names, settlement points from
latd/longd or the title's {{coord}}, armed groups and units from their infoboxes), with progress."""
from __future__ import annotations

import bz2

import pytest
from click.testing import CliRunner

from warlog import actors, cli, dump_actors, dump_places
from warlog.gazetteer import Gazetteer


def invoke(*args):
    try:
        runner = CliRunner(mix_stderr=False)
    except TypeError:
        runner = CliRunner()
    return runner.invoke(cli.main, [str(a) for a in args], catch_exceptions=False)


def test_lookups_places_lookup_names_the_namesakes_it_passed_over():
    out = invoke("places", "lookup", "Gao", "--country", "ML")
    assert out.exit_code == 0
    assert out.stdout.splitlines()[0].startswith("Gao (town, ML; Gao, population") and "chosen over" in out.stdout


def test_lookups_places_lookup_without_evidence_of_a_country_is_ambiguous():
    out = invoke("places", "lookup", "Waterloo")
    assert out.exit_code == 1 and out.stdout.startswith("ambiguous: Waterloo names places in BE, CA")


@pytest.mark.parametrize("name,first,why", [
    ("Government of Mali", "Mali [mali] state; country ML", "because: name or alias 'Government of Mali'"),
    ("Al-Shabaab", "al-Shabaab [al_shabaab] armed_group; fights in SO, KE; part of al_qaeda", "source: UCDP actor"),
    ("Nigerien soldiers", "Niger [niger] state; country NE; allied with mali, burkina_faso", "because: it mentions 'Nigerien'"),
])
def test_lookups_actors_lookup_says_what_a_name_resolves_to_and_why(name, first, why):
    out = invoke("actors", "lookup", name)
    assert out.exit_code == 0 and out.stdout.splitlines()[0] == first and why in out.stdout


def test_lookups_actors_lookup_of_an_unknown_name_keeps_it_as_written():
    out = invoke("actors", "lookup", "Kel Ansar Patrol")
    assert (out.exit_code, out.stdout.strip()) == (1, "Kel Ansar Patrol: not in the registry; kept as written, kind unknown")


GEONAMES_ROWS = "\n".join("\t".join(r) for r in [
    ["2457163", "Gao", "Gao", "Gao,Gâo", "16.27167", "-0.04472", "P", "PPLA", "ML", "", "09", "", "", "", "86633",
     "", "262", "Africa/Bamako", "2024-01-01"],
    ["2453514", "Menaka", "Menaka", "Ménaka", "15.91985", "2.39609", "P", "PPLA", "ML", "", "12070577", "", "", "",
     "14085", "", "270", "Africa/Bamako", "2024-01-01"],
]) + "\n"


def test_lookups_places_import_names_admin_codes_and_shows_progress(tmp_path):
    src = tmp_path / "ML.txt"
    src.write_text(GEONAMES_ROWS, encoding="utf-8")
    db = tmp_path / "places.sqlite"
    out = invoke("places", "import", src, "--db", db, "--progress")
    assert out.exit_code == 0 and "2 rows read" in out.stderr
    gaz = Gazetteer([], user_db=db, world=False)
    assert [gaz.resolve(n, "ML")[0].admin1 for n in ("Gao", "Ménaka")] == ["Gao", "Ménaka"]  # not "09", "12070577"


SETTLEMENTS = """<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.11/" version="0.11">
<page><title>Diabaly</title><ns>0</ns><id>1</id><revision><id>5</id><text>{{Infobox settlement
| name = Diabaly
| subdivision_name = {{flag|Mali}}
| latd = 14 | latm = 41 | latNS = N
| longd = 6 | longm = 1 | longEW = W
}}
'''Diabaly''' is a town and commune in the Cercle of Niono.</text></revision></page>
<page><title>Konna</title><ns>0</ns><id>2</id><revision><id>6</id><text>{{Infobox settlement
| name = Konna
| subdivision_name = {{flag|Mali}}
}}
Konna lies 60 km from Mopti, see {{coord|14.5|N|4.2|W|display=inline}}.
{{coord|14|56|48|N|3|53|36|W|display=title}}</text></revision></page>
</mediawiki>"""


def test_lookups_places_from_dump_reads_latd_longd_and_the_title_coordinates(tmp_path):
    dump = tmp_path / "dump.xml.bz2"
    dump.write_bytes(bz2.compress(SETTLEMENTS.encode()))
    db = tmp_path / "places.sqlite"
    assert dump_places.import_dump(dump, db) == 2
    gaz = Gazetteer([], user_db=db, world=False)
    assert gaz.resolve("Diabaly", "ML")[1].lat == 14.68333 and gaz.resolve("Diabaly", "ML")[1].lon == -6.01667
    assert (gaz.resolve("Konna", "ML")[1].lat, gaz.resolve("Konna", "ML")[1].lon) == (14.94667, -3.89333)


ACTORS_DUMP = """<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.11/" version="0.11">
<page><title>Ansar al-Zamunda</title><ns>0</ns><id>1</id><revision><id>5</id><text>{{Infobox militant organization
| name = Ansar al-Zamunda
| other_name = Harakat Ansar Zamunda
| area = [[Iran]], [[Pakistan]]
| allies = [[Jaish ul-Adl]]
| opponents = [[Iran]]
}}
'''Ansar al-Zamunda''' is a Baloch militant group.</text></revision></page>
<page><title>7th Cavalry Regiment</title><ns>0</ns><id>2</id><revision><id>6</id><text>{{Infobox military unit
| unit_name = 7th Cavalry Regiment
| country = [[United States]]
}}</text></revision></page>
<page><title>Republic of Zamunda</title><ns>0</ns><id>3</id><revision><id>7</id><text>{{Infobox former country
| conventional_long_name = Republic of Zamunda
| common_name = Zamunda
| demonym = Zamundan
}}</text></revision></page>
<page><title>Al-Shabaab (militant group)</title><ns>0</ns><id>4</id><revision><id>8</id><text>{{Infobox militant organization
| name = al-Shabaab
}}</text></revision></page>
</mediawiki>"""


def test_lookups_actors_from_dump_adds_groups_and_states_the_registry_lacks(tmp_path):
    dump = tmp_path / "dump.xml"
    dump.write_text(ACTORS_DUMP, encoding="utf-8")
    registry = tmp_path / "mine.yaml"
    out = invoke("actors", "from-dump", dump, "--registry", registry, "--progress")
    assert out.exit_code == 0 and out.stdout.startswith("2 actors added")  # the 7th Cavalry and al-Shabaab are known
    reg = actors.load(str(registry))
    furqan = reg.lookup("Harakat Ansar Zamunda")
    assert (furqan.kind, furqan.fights_in, furqan.parent, furqan.allied_with) == ("armed_group", ["IR", "PK"], None, ["jaish_al_adl"])
    assert furqan.source == "Wikipedia: Ansar al-Zamunda"
    zamunda = reg.lookup("Zamundan soldiers") or reg.lookup("Zamunda")
    assert (zamunda.name, zamunda.kind) == ("Republic of Zamunda", "state")
    assert dump_actors.import_dump(dump, registry) == 0  # a second run adds nothing twice
