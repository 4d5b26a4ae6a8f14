"""warlog compare: events held against UCDP GED and ACLED rows of the same events, by general rules."""
from __future__ import annotations

import csv
import io
import json

import pytest

from conftest import SAMPLES, SHARED

import warlog
from warlog import actors, compare, export, pipeline, store
from warlog.errors import DataFileError

SEEDS = SAMPLES / "seeds"
GED_SAMPLE = SHARED / "reference" / "ged_sahel_21_1.csv"


@pytest.fixture(scope="module")
def seed_events(tmp_path_factory):
    path = tmp_path_factory.mktemp("compare") / "events.json"
    path.write_text(json.dumps([e.to_dict() for e in warlog.extract(SEEDS)]), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def ged_sample():
    if not GED_SAMPLE.exists():
        pytest.skip(f"{GED_SAMPLE} is absent: the GED reference sample lives in ../shared")
    return GED_SAMPLE


def _json(*args):
    from test_cli import invoke

    res = invoke("compare", *args, "--format", "json")
    assert res.exit_code == 0, res.stderr
    return {e["title"]: e for e in json.loads(res.stdout)}


@pytest.mark.parametrize("title,ids", [
    ("Soumpi attack", ["253117"]),
    ("2015 Nampala raid", ["203532", "205056", "205057"]),
    ("Sokoura attack", ["364380", "364391"]),
])
def test_compare_seeds_link_their_ged_rows(seed_events, ged_sample, title, ids):
    got = _json(seed_events, "--ged", ged_sample)[title]
    assert sorted(m["id"] for m in got["matches"]) == ids
    for m in got["matches"]:
        assert {"id", "date_start", "distance_km", "low", "best", "high"} <= m.keys()
        assert m["distance_km"] <= compare.MAX_KM
    assert {"event_id", "title", "matches", "warlog", "reference", "agrees"} <= got.keys()
    assert got["reference"]["best"] == sum(m["best"] for m in got["matches"])


def test_compare_seeds_agreement_and_supporting_claims(seed_events, ged_sample):
    got = _json(seed_events, "--ged", ged_sample)
    soumpi, nampala, sokoura = got["Soumpi attack"], got["2015 Nampala raid"], got["Sokoura attack"]
    assert soumpi["agrees"] is True and soumpi["warlog"]["low"] <= soumpi["reference"]["best"] <= soumpi["warlog"]["high"]
    # GED's 11 for Nampala is Mali's 11 soldiers killed: not warlog's total, but claims say it
    assert nampala["agrees"] is False and nampala["reference"]["best"] == 11
    assert {c["text"] for c in nampala["supported_by"]} >= {"11 killed", "eleven soldiers were killed"}
    nine, twelve = sorted(sokoura["matches"], key=lambda m: m["best"])
    assert "nine soldiers were killed" in {c["text"] for c in nine["supported_by"]}
    assert all(c["side"] == "civilians" for c in twelve["supported_by"]) and twelve["supported_by"]


def test_compare_reads_the_store_as_the_events_file(tmp_path, seed_events, ged_sample):
    from test_cli import invoke

    db = tmp_path / "warlog.db"
    assert invoke("ingest", SEEDS, "--db", db, "--no-progress").exit_code == 0
    from_db = _json("--db", db, "--ged", ged_sample)
    from_file = _json(seed_events, "--ged", ged_sample)
    assert {t: [m["id"] for m in e["matches"]] for t, e in from_db.items()} == {
        t: [m["id"] for m in e["matches"]] for t, e in from_file.items()}


def test_compare_unmatched_lists_events_and_rows(seed_events, ged_sample):
    from test_cli import invoke

    res = invoke("compare", seed_events, "--ged", ged_sample, "--unmatched", "--format", "json")
    items = json.loads(res.stdout)
    assert "Kwala attack" in {e["title"] for e in items if e["event_id"] and not e["matches"]}  # GED 21.1 ends in 2020
    rows = {e["matches"][0]["id"]: e for e in items if e["event_id"] is None}
    assert rows["253118"]["nearest"]["reason"] == "too far"  # a day after Soumpi, 700 km away
    table = invoke("compare", seed_events, "--ged", ged_sample, "--unmatched").stdout
    assert "no GED row: Kwala attack" in table and "no event: GED 253118" in table


def test_compare_csv_has_a_row_per_match(seed_events, ged_sample):
    from test_cli import invoke

    rows = list(csv.DictReader(io.StringIO(invoke("compare", seed_events, "--ged", ged_sample, "--format", "csv").stdout)))
    assert list(rows[0]) == compare.CSV_COLUMNS
    assert sorted(r["row_id"] for r in rows if r["title"] == "2015 Nampala raid") == ["203532", "205056", "205057"]


GED_HEAD = "id,year,type_of_violence,side_a,side_b,country,latitude,longitude,date_start,low,best,high\n"


@pytest.mark.parametrize("row,matched", [
    ("1,2018,1,Government of Mali,JNIM,Mali,15.8436,-4.3255,2018-01-27,18,18,18", True),
    ("2,2018,1,Government of Mali,JNIM,Mali,15.8436,-4.3255,2018-01-28,18,18,18", True),  # a day later
    ("3,2018,1,Government of Mali,JNIM,Mali,15.8436,-4.3255,2018-01-29,18,18,18", False),  # two days later
    ("4,2018,1,Government of Mali,JNIM,Mali,16.4,-4.3255,2018-01-27,18,18,18", False),  # 62 km away
    ("5,2018,1,Government of Mali,IS,Mali,15.8436,-4.3255,2018-01-27,18,18,18", False),  # another group
    ("6,2018,1,Government of Niger,JNIM,Mali,15.8436,-4.3255,2018-01-27,18,18,18", False),  # another state
    ("7,2018,1,Government of Mali,Ansar Dine,Mali,15.8436,-4.3255,2018-01-27,3,3,3", True),  # a member of JNIM
    ("8,2018,1,Government of Mali,Unidentified Armed Group (Mali),Mali,15.8436,-4.3255,2018-01-27,3,3,3", True),  # unknown: not held against
    ("9,2018,3,JNIM,Civilians,Mali,15.8436,-4.3255,2018-01-27,3,3,3", False),  # no civilians among Soumpi's dead
    ("10,2018,1,Government of Mali,\"JNIM, Coalition of the People of Azawad\",Mali,15.8436,-4.3255,2018-01-27,1,1,1", True),
])
def test_compare_matching_rules(tmp_path, row, matched):
    path = tmp_path / "ged.csv"
    path.write_text(GED_HEAD + row + "\n", encoding="utf-8")
    soumpi = [e.to_dict() for e in warlog.extract(SEEDS / "000_4e2a94e7be750194.txt")]
    got = compare.compare(soumpi, compare.read_reference(path, "ged"), actors.load())
    assert bool(got.events[0]["matches"]) == matched


@pytest.mark.parametrize("name,actor_id", [
    ("Government of Mali", "mali"), ("Military Forces of Mali (2021-)", "mali"), ("JNIM", "jnim"),
    ("JNIM: Group for Support of Islam and Muslims", "jnim"), ("FLM", "katiba_macina"), ("Ansar Dine", "ansar_dine"),
    ("Islamic State (Sahel)", "isgs"), ("IS", "islamic_state"), ("Government of Russia (Soviet Union)", "russia"),
    ("Civilians (Mali)", compare.CIVILIANS), ("Civilians", compare.CIVILIANS), ("Dozos (Mali)", "dozo"),
    ("Unidentified Armed Group (Mali)", None), ("al-Murabitun", "al_mourabitoun"),
])
def test_compare_resolve_dataset_names(name, actor_id):
    hit = compare.resolve_name(name, actors.load())
    assert (hit if isinstance(hit, str) or hit is None else hit.id) == actor_id


def _store(db_url):
    pipeline.ingest([SEEDS], store.Store(db_url))
    return store.Store(db_url)


def test_compare_own_ged_export_matches_itself_side_by_side(tmp_path):
    s = _store(f"sqlite:///{tmp_path / 'w.db'}")
    path = tmp_path / "ged.csv"
    export.export(s, "ged-csv", str(path))
    recs = export.records(s)
    got = compare.compare(recs, compare.read_reference(path, "ged"), actors.load())
    located = {r["relid"] for r in csv.DictReader(path.open(encoding="utf-8")) if r["latitude"]}
    assert len(located) >= 4
    for e in got.events:
        if e["event_id"] in located:
            assert e["matches"], e["title"]
            assert e["agrees"] is True and all(s["agrees"] for s in e["by_side"]), e["title"]
    sokoura = next(e for e in got.events if e["title"] == "Sokoura attack")
    assert {(s["side"], s["reference"]) for s in sokoura["by_side"]} >= {("A", 11), ("B", 13), ("civilians", 12)}


def test_compare_civilians_match_an_event_with_civilian_victims(tmp_path):
    path = tmp_path / "ged.csv"
    path.write_text(GED_HEAD + "1,2020,3,JNIM,Civilians,Mali,13.5,-3.77,2020-10-13,12,12,12\n", encoding="utf-8")
    sokoura = [e.to_dict() for e in warlog.extract(SEEDS / "004_845ec45266cabd06.txt")][:1]
    got = compare.compare(sokoura, compare.read_reference(path, "ged"), actors.load()).events[0]
    assert [m["sides"] for m in got["matches"]] == [{"side_a": ["B"], "side_b": ["civilians"]}]


def test_compare_acled_file_with_its_own_date_and_actor_names(tmp_path):
    path = tmp_path / "acled.csv"
    path.write_text(
        "event_id_cnty,event_date,actor1,assoc_actor_1,actor2,assoc_actor_2,country,admin2,latitude,longitude,fatalities\n"
        "MLI1,28 February 2024,JNIM: Group for Support of Islam and Muslims,,Military Forces of Mali (2021-),"
        "Wagner Group,Mali,Nara,14.47,-7.47,31\n"
        "MLI2,28 February 2024,Islamic State (Sahel),,Military Forces of Mali (2021-),,Mali,Nara,14.47,-7.47,5\n",
        encoding="utf-8")
    kwala = [e.to_dict() for e in warlog.extract(SEEDS / "003_d37e82a4d6691ff5.txt")]
    got = compare.compare(kwala, compare.read_reference(path, "acled"), actors.load(), "acled").events[0]
    assert [m["id"] for m in got["matches"]] == ["MLI1"]
    assert got["reference"] == {"low": 31, "best": 31, "high": 31} and got["agrees"] is True


def test_compare_own_acled_export_matches_itself(tmp_path):
    s = _store(f"sqlite:///{tmp_path / 'w.db'}")
    path = tmp_path / "acled.csv"
    export.export(s, "acled-csv", str(path))
    got = compare.compare(export.records(s), compare.read_reference(path, "acled"), actors.load(), "acled")
    for e in got.events:
        if e["warlog"]["claims_low"] is not None and e["event_id"] in {m["id"] for m in e["matches"]}:
            assert e["agrees"] is True, e["title"]
    assert sum(e["event_id"] in {m["id"] for m in e["matches"]} for e in got.events) >= 5


@pytest.mark.parametrize("text,reason,line", [
    ("id,date_start\n1,2018-01-27\n", "not a GED file: no column latitude, longitude, side_a, side_b, best", None),
    (GED_HEAD + "1,2018,1,Government of Mali,JNIM,Mali,15.8,-4.3,27/13/2018,1,1,1\n", "'27/13/2018' is not a date", 2),
    (GED_HEAD + "1,2018,1,Government of Mali,JNIM,Mali,north,-4.3,2018-01-27,1,1,1\n", "could not convert", 2),
])
def test_compare_reference_file_errors_name_the_line(tmp_path, text, reason, line):
    path = tmp_path / "ged.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError) as err:
        compare.read_reference(path, "ged")
    assert reason in err.value.reason and err.value.line == line


@pytest.mark.parametrize("args", [[], ["--ged", "X", "--acled", "X"]])
def test_compare_needs_one_reference_file(tmp_path, args):
    from test_cli import invoke

    ref = tmp_path / "x.csv"
    ref.write_text(GED_HEAD, encoding="utf-8")
    res = invoke("compare", "--db", tmp_path / "none.db", *[ref if a == "X" else a for a in args])
    assert res.exit_code == 2 and "--ged FILE.csv or --acled FILE.csv" in res.stderr


def test_compare_events_file_that_is_no_array(tmp_path):
    from test_cli import invoke

    bad = tmp_path / "events.json"
    bad.write_text('{"id": 1}', encoding="utf-8")
    ref = tmp_path / "ged.csv"
    ref.write_text(GED_HEAD, encoding="utf-8")
    res = invoke("compare", bad, "--ged", ref)
    assert res.exit_code == 1 and res.stderr.startswith(f"warlog: {bad}: expected a JSON array of events")


def test_compare_readme_example_prints_what_it_shows(ged_sample, tmp_path):
    import re
    import subprocess
    import sys

    from conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```console\n(\$ warlog extract samples/seeds --json > seeds.json\n.*?)```", readme, re.S)
    extract, compare_line, *shown = block.group(1).splitlines()
    events = tmp_path / "seeds.json"
    args = extract.removeprefix("$ warlog ").split()[:-2]
    events.write_text(subprocess.run([sys.executable, "-m", "warlog", *args], cwd=ROOT, capture_output=True,
                                     text=True, check=True).stdout, encoding="utf-8")
    args = [str(events) if a == "seeds.json" else a for a in compare_line.removeprefix("$ warlog ").split()]
    res = subprocess.run([sys.executable, "-m", "warlog", *args], cwd=ROOT, capture_output=True, text=True)
    assert res.returncode == 0, res.stderr

    def masked(lines):  # an event's id follows its file's absolute path: the README's is one checkout's
        return [re.sub(r"\[[0-9a-f]{16}\]$", "[id]", line) for line in lines]

    assert masked(res.stdout.splitlines()) == masked(shown)
