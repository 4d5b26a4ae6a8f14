"""Exports that open in the tools researchers use: pandas, polars, GeoPandas, sqlite-utils."""
from __future__ import annotations

import csv
import io
import json
import re

import pytest

from conftest import SAMPLES

import warlog
from warlog import export, pipeline, store

SEEDS = SAMPLES / "seeds"


@pytest.fixture
def seeded(db_url):
    pipeline.ingest([SEEDS], store.Store(db_url))
    return store.Store(db_url)


def _mains():
    return {e.id: e for e in warlog.extract(SEEDS) if e.role == "main"}


def _ged(s, all_events=False):
    return list(csv.DictReader(io.StringIO(export.export(s, "ged-csv", None, all_events=all_events))))


def _acled(s):
    return list(csv.DictReader(io.StringIO(export.export(s, "acled-csv", None))))


def test_export_ged_csv_carries_deaths_per_side_and_estimates(seeded):
    rows = {r["relid"]: r for r in _ged(seeded)}
    for eid, ev in _mains().items():
        row, killed = rows[eid], ev.estimates.get("killed", {})
        for col, side in (("deaths_a", "A"), ("deaths_b", "B"), ("deaths_civilians", "civilians")):
            est = killed.get(side)
            assert row[col] == str(est["best"] if est and not est["vague"] else 0), (ev.title, col)
        counted = [e for e in killed.values() if not e["vague"]]
        assert (row["best"], row["low"], row["high"]) == tuple(str(sum(e[k] for e in counted)) for k in ("best", "low", "high"))


# UCDP GED's columns in its order (GED codebook 21.1), written out here rather than read from the code
GED_HEADER = ("id relid year active_year code_status type_of_violence conflict_dset_id conflict_new_id conflict_name "
              "dyad_dset_id dyad_new_id dyad_name side_a_dset_id side_a_new_id side_a side_b_dset_id side_b_new_id "
              "side_b number_of_sources source_article source_office source_date source_headline source_original "
              "where_prec where_coordinates where_description adm_1 adm_2 latitude longitude geom_wkt priogrid_gid "
              "country country_id region event_clarity date_prec date_start date_end deaths_a deaths_b "
              "deaths_civilians deaths_unknown best high low gwnoa gwnob").split()
ACLED_HEADER = ("event_id_cnty event_date year time_precision disorder_type event_type sub_event_type actor1 "
                "assoc_actor_1 inter1 actor2 assoc_actor_2 inter2 interaction civilian_targeting iso region country "
                "admin1 admin2 admin3 location latitude longitude geo_precision source source_scale notes fatalities "
                "tags timestamp").split()


@pytest.mark.parametrize("fmt,header", [("ged-csv", GED_HEADER), ("acled-csv", ACLED_HEADER)])
def test_export_dataset_header_is_the_datasets_own(seeded, fmt, header):
    first = export.export(seeded, fmt, None).splitlines()[0]
    assert first.split(",") == header and len(header) == {"ged-csv": 49, "acled-csv": 31}[fmt]


def test_export_ged_csv_mali_is_gleditsch_ward_432(seeded):
    rows = _ged(seeded)
    assert rows and all(r["country"] == "Mali" for r in rows)
    assert {(r["country_id"], r["gwnoa"], r["region"]) for r in rows if r["side_a"] == "Government of Mali"} == {
        ("432", "432", "Africa")}
    assert all(r["country_id"] == "432" for r in rows)


def test_export_ged_csv_dates_are_whole_with_their_precision(seeded):
    rows = {r["relid"]: r for r in _ged(seeded, all_events=True)}
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\d", r[c]) for r in rows.values() for c in ("date_start", "date_end"))
    nara = next(e for e in warlog.extract(SEEDS) if e.date_precision == "year")  # "a notable attack in Nara in 2015"
    assert (rows[nara.id]["date_start"], rows[nara.id]["date_end"], rows[nara.id]["date_prec"]) == (
        "2015-01-01", "2015-12-31", "5")


@pytest.mark.parametrize("rec,span", [
    ({"date_start": "2019-02", "date_end": "2019-02", "date_precision": "month"}, ("2019-02-01", "2019-02-28", 4)),
    ({"date_start": "2020-12", "date_end": "2020-12", "date_precision": "month"}, ("2020-12-01", "2020-12-31", 4)),
    ({"date_start": "2015-01-05", "date_end": "2015-01-07", "date_precision": "day"}, ("2015-01-05", "2015-01-07", 2)),
    ({"date_start": "2015-01-05", "date_end": "2015-01-05", "date_precision": "day"}, ("2015-01-05", "2015-01-05", 1)),
    ({"date_start": None, "date_end": None, "date_precision": None}, (None, None, None)),
])
def test_export_ged_whole_dates(rec, span):
    from warlog import datasets

    assert (*datasets.whole_dates(rec), datasets.ged_date_prec(rec)) == span


def test_export_ged_csv_deaths_are_integers(seeded):
    for r in _ged(seeded, all_events=True):
        for col in ("deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown", "best", "high", "low"):
            assert re.fullmatch(r"\d+", r[col]), (r["relid"], col, r[col])


def test_export_ged_csv_one_sided_side_b_is_civilians(seeded):
    rows = _ged(seeded)
    one_sided = [r for r in rows if r["type_of_violence"] == "3"]
    assert one_sided and all(r["side_b"] == "Civilians" and r["dyad_name"].endswith(" - Civilians") for r in one_sided)
    assert {r["side_a"] for r in one_sided} == {"JNIM", "Government of Mali"}


def test_export_ged_csv_only_events_with_deaths_unless_all(seeded):
    every = {e.id for e in warlog.extract(SEEDS)}
    with_deaths = {e.id for e in warlog.extract(SEEDS)
                   if any((x["best"] or x["high"]) for x in e.estimates.get("killed", {}).values() if not x["vague"])}
    assert {r["relid"] for r in _ged(seeded)} == with_deaths != every
    assert {r["relid"] for r in _ged(seeded, all_events=True)} == every


def test_export_ged_csv_point_priogrid_and_wkt(seeded):
    soumpi = next(r for r in _ged(seeded) if r["source_article"] == "Soumpi attack")
    lat, lon = float(soumpi["latitude"]), float(soumpi["longitude"])
    assert soumpi["geom_wkt"] == f"POINT ({soumpi['longitude']} {soumpi['latitude']})"
    # PRIO-GRID: half-degree cells, row from -90 and column from -180, numbered from 1
    assert soumpi["priogrid_gid"] == str(int((lat + 90) // 0.5) * 720 + int((lon + 180) // 0.5) + 1) == "152272"


def test_export_ged_csv_sources_from_the_articles_citations(db_url):
    pipeline.ingest([SAMPLES / "wikitext" / "000_4e2a94e7be750194.txt"], store.Store(db_url))
    row = _ged(store.Store(db_url))[0]
    assert row["number_of_sources"] == "3"
    assert row["source_office"] == "Reuters; RFI; Long War Journal"
    assert row["source_date"] == "2018-01-28; 2018-01-28; 2018-01-30"
    assert row["source_headline"].startswith("Militants kill 14 soldiers in Mali attack; ")
    assert (row["side_a"], row["side_b"]) == ("Government of Mali", "JNIM, Coalition of the People of Azawad")


@pytest.mark.parametrize("engine", ["python", "c"])
def test_export_ged_csv_reads_into_pandas_with_dates_parsed(seeded, engine):
    pd = pytest.importorskip("pandas")
    frame = pd.read_csv(io.StringIO(export.export(seeded, "ged-csv", None)), parse_dates=["date_start", "date_end"],
                        engine=engine)
    assert pd.api.types.is_datetime64_any_dtype(frame["date_start"]) and frame["date_start"].notna().all()
    for col in ("deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown", "best", "low", "high", "country_id", "year"):
        assert pd.api.types.is_integer_dtype(frame[col]), (col, frame[col].dtype)


def test_export_ged_csv_reads_into_r_with_dates_parsed(seeded, tmp_path):
    import shutil
    import subprocess

    if shutil.which("Rscript") is None:
        pytest.skip("no Rscript here: the R half of the GED round trip is skipped")
    path = tmp_path / "ged.csv"
    export.export(seeded, "ged-csv", str(path))
    script = (f"d <- read.csv('{path}', stringsAsFactors = FALSE); d$date_start <- as.Date(d$date_start); "
              "stopifnot(!any(is.na(d$date_start)), is.integer(d$best), all(d$country_id == 432)); cat(nrow(d))")
    res = subprocess.run(["Rscript", "-e", script], capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    assert res.stdout.strip() == str(len(_ged(seeded)))


def test_export_acled_csv_fatalities_is_the_conservative_sum(seeded):
    rows = {r["event_id_cnty"]: r for r in _acled(seeded)}
    sokoura = next(e for e in _mains().values() if e.title == "Sokoura attack")
    lows = sum(e["low"] for e in sokoura.estimates["killed"].values() if not e["vague"])
    row = rows[sokoura.id]
    assert (row["fatalities"], row["event_type"], row["location"]) == (str(lows), "Explosions/Remote violence", "Sokoura")


def test_export_acled_csv_codes(seeded):
    rows = _acled(seeded)
    assert {(r["iso"], r["region"], r["country"]) for r in rows} == {("466", "Western Africa", "Mali")}
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\d", r["event_date"]) and r["time_precision"] in "123" for r in rows)
    assert all(r["geo_precision"] in ("", "1", "2", "3") for r in rows)
    assert all(r["tags"] == "" for r in rows)  # never warlog's rule ids


def test_export_acled_csv_kwala_actor1_is_jnim_the_attacker(seeded):
    kwala = next(r for r in _acled(seeded) if r["location"] == "Kwala")
    assert (kwala["actor1"], kwala["inter1"], kwala["actor2"], kwala["inter2"], kwala["interaction"]) == (
        "JNIM: Group for Support of Islam and Muslims", "2", "Military Forces of Mali", "1", "12")
    assert kwala["notes"].startswith("On 28 February 2024, Jama'at Nasr al-Islam wal Muslimin carried out a suicide "
                                     "bombing against the forces of Mali in Kwala")
    assert "v1" not in kwala["notes"] and "." in kwala["notes"]


def test_export_acled_csv_one_sided_actor2_is_civilians(seeded):
    rows = [r for r in _acled(seeded) if r["civilian_targeting"]]
    assert rows and all(r["actor2"] == "Civilians (Mali)" and r["inter2"] == "7" for r in rows)


def test_export_geojson_loads_in_geopandas(seeded, tmp_path):
    gpd = pytest.importorskip("geopandas")
    out = tmp_path / "events.geojson"
    export.export(seeded, "geojson", str(out))
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection"
    for feat in data["features"]:
        lon, lat = feat["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
    frame = gpd.read_file(out)
    assert len(frame) == len(data["features"]) and frame.crs.to_epsg() == 4326
    assert set(frame["place"]) >= {"Soumpi", "Kwala", "Sokoura", "Diafarabé", "Nampala"}


def test_export_parquet_reads_back_typed_in_pandas_and_polars(seeded, tmp_path):
    pd = pytest.importorskip("pandas")
    pl = pytest.importorskip("polars")
    events_path, claims_path = export.export(seeded, "parquet", str(tmp_path / "seeds"))
    frame = pd.read_parquet(events_path, dtype_backend="numpy_nullable")
    assert len(frame) == seeded.counts()["events"]
    assert str(frame["best"].dtype) == "Int64" and str(frame["deaths_a"].dtype) == "Int64"
    pframe = pl.read_parquet(events_path)
    assert pframe.schema["date_start"] == pl.Date and pframe.schema["best"] == pl.Int64
    claims = pl.read_parquet(claims_path)
    assert claims.schema["low"] == pl.Int64 and len(claims) == seeded.counts()["claims"]


def test_export_jsonl_is_the_contract(seeded):
    lines = export.export(seeded, "jsonl", None).splitlines()
    recs = [json.loads(line) for line in lines]
    assert {r["id"] for r in recs} == {e.id for e in warlog.extract(SEEDS)}
    assert all("claims" in r and "document" in r for r in recs)


def test_export_sqlite_file_opens_in_sqlite_utils(tmp_path):
    sqlite_utils = pytest.importorskip("sqlite_utils")
    path = tmp_path / "warlog.db"
    pipeline.ingest([SEEDS], store.Store(str(path)))
    db = sqlite_utils.Database(path)
    assert {"documents", "events", "claims", "locations", "actors", "event_actors"} <= set(db.table_names())
    assert db["events"].count == len(warlog.extract(SEEDS))
    assert "title" in db["events"].columns_dict and db["documents_fts"].exists()


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture(scope="module")
def formulas(tmp_path_factory):
    """The Sokoura seed with a title, actors, a claimant and a conflict that a spreadsheet would run."""
    from test_cli import invoke

    folder = tmp_path_factory.mktemp("formulas")
    text = (SEEDS / "004_845ec45266cabd06.txt").read_text(encoding="utf-8")
    for old, new in [("- Conflict: Sokoura attack", '- Conflict: =HYPERLINK("http://evil.example/x","Sokoura")'),
                     ("= Sokoura attack =", '= @HYPERLINK("http://evil.example/x","Sokoura") ='),
                     ("- Partof: Mali War", "- Partof: =SUM(A1:A9)"), ("- Combatant1: Mali", "- Combatant1: -2+3"),
                     ("- Combatant2: Jama'at Nasr al-Islam wal Muslimin", "- Combatant2: @SUM(1+1)"),
                     ("13 killed (per Mali)", "13 killed (per -2+3 Brigade)"),
                     ("On January 11, 2021, two", "On January 11, 2021, according to +Cmd Group, two")]:
        assert old in text
        text = text.replace(old, new)
    (folder / "sokoura.txt").write_text(text, encoding="utf-8")
    db = folder / "warlog.db"
    assert invoke("ingest", folder / "sokoura.txt", "--db", db, "--no-progress").exit_code == 0
    return store.Store(str(db))


def _csv(s, fmt):
    if fmt == "events-csv":
        from warlog import query

        rows = query.events(s, query.Filters())
        return export.to_csv(rows, list(rows[0]))
    return export.export(s, fmt, None)


@pytest.mark.parametrize("fmt,cells", [
    ("ged-csv", {"'+Cmd Group", "'-2+3 Brigade; Malian officials", "'@SUM"}),
    ("acled-csv", {"'+Cmd Group", "'-2+3 Brigade; Malian officials", "'@SUM"}),
    ("events-csv", {"'@HYPERLINK(\"http://evil.example/x\",\"Sokoura\")", "'@SUM"}),
])
def test_export_csv_cells_cannot_start_a_formula(formulas, fmt, cells):
    rows = list(csv.reader(io.StringIO(_csv(formulas, fmt))))
    found = {cell for row in rows for cell in row}
    assert cells <= found
    for cell in found:
        assert not cell.startswith(FORMULA_STARTS) or export.is_number(cell), cell


@pytest.mark.parametrize("fmt,numeric", [("ged-csv", ["latitude", "longitude", "best", "low", "high", "deaths_a"]),
                                         ("acled-csv", ["latitude", "longitude", "fatalities", "year"])])
def test_export_csv_numbers_stay_numbers_in_pandas(formulas, fmt, numeric):
    pd = pytest.importorskip("pandas")
    frame = pd.read_csv(io.StringIO(_csv(formulas, fmt)))
    for col in numeric:
        assert pd.api.types.is_numeric_dtype(frame[col]), (col, frame[col].dtype)
    assert (frame["longitude"].dropna() < 0).all()  # Mali lies west of Greenwich: a minus that stays a number


@pytest.mark.parametrize("value,cell", [
    ("=1+1", "'=1+1"), ("+cmd", "'+cmd"), ("-2+3", "'-2+3"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"),
    ("\rx", "'\rx"), ("-", "'-"), ("-5", "-5"), ("-0.5", "-0.5"), ("+3", "+3"), ("-1e-3", "-1e-3"), (-3.76667, "-3.76667"),
    (-5, "-5"), ("Sokoura", "Sokoura"), (" =1", " =1"), ("-inf", "'-inf"), ("-1_000", "'-1_000"), (None, ""),
])
def test_export_csv_cell_neutralised_unless_a_number(value, cell):
    assert list(csv.reader(io.StringIO(export.to_csv([{"v": value}], ["v"]), newline=""))) == [["v"], [cell]]


@pytest.mark.parametrize("title", ["Sokoura\rattack", "Sokoura\nattack", "Sokoura\r\nattack"])
def test_export_csv_line_breaks_in_a_cell_keep_the_row_whole(title):
    pd = pytest.importorskip("pandas")
    frame = pd.read_csv(io.StringIO(export.to_csv([{"title": title, "best": 12}], ["title", "best"]), newline=""))
    assert frame.shape == (1, 2) and frame["best"].tolist() == [12]


def test_export_ged_government_is_side_a_whatever_the_infobox_order():
    from conftest import ARTICLES
    from warlog import actors, datasets

    ev = warlog.extract(ARTICLES / "koutougou_2019.wiki")[0].to_dict()
    assert [a["id"] for a in ev["sides"]["A"]["actors"]] == ["ansarul_islam"]  # the infobox lists the attackers first
    row = datasets.ged_row(ev, actors.load())
    assert (row["side_a"], row["side_b"], row["gwnoa"], row["gwnob"]) == (
        "Government of Burkina Faso", "Ansaroul Islam", 439, None)
    assert row["deaths_a"] == ev["estimates"]["killed"]["B"]["best"]
    assert datasets.acled_row(ev, actors.load())["actor1"] == "Ansaroul Islam"
