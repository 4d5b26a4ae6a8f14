"""Exports that open in the tools researchers use: pandas, polars, GeoPandas, sqlite-utils."""
from __future__ import annotations

import csv
import io
import json

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


def test_export_ged_csv_carries_deaths_per_side_and_estimates(seeded):
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(export.export(seeded, "ged-csv", None)))}
    for eid, ev in _mains().items():
        row, killed = rows[eid], ev.estimates.get("killed", {})
        for col, side in (("deaths_a", "A"), ("deaths_b", "B"), ("deaths_civilians", "civilians")):
            est = killed.get(side)
            want = "" if not est or est["vague"] else str(est["best"])
            assert row[col] == want, (ev.title, col)
        bests = [e["best"] for e in killed.values() if not e["vague"]]
        assert row["best"] == (str(sum(bests)) if bests else "")
        assert row["low"] == (str(sum(e["low"] for e in killed.values() if not e["vague"])) if bests else "")
    assert list(rows.values())[0].keys() >= {"side_a", "side_b", "date_prec", "where_prec", "latitude", "adm_1"}


def test_export_acled_csv_fatalities_is_the_conservative_sum(seeded):
    rows = {r["event_id_cnty"]: r for r in csv.DictReader(io.StringIO(export.export(seeded, "acled-csv", None)))}
    sokoura = next(e for e in _mains().values() if e.title == "Sokoura attack")
    lows = sum(e["low"] for e in sokoura.estimates["killed"].values() if not e["vague"])
    row = rows[sokoura.id]
    assert (row["fatalities"], row["event_type"], row["actor1"], row["location"]) == (
        str(lows), "Explosions/Remote violence", "Mali", "Sokoura")


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
                     ("- Partof: Mali War", "- Partof: =SUM(A1:A9)"), ("- Combatant1: Mali", "- Combatant1: -2+3"),
                     ("- Combatant2: Jama'at Nasr al-Islam wal Muslimin", "- Combatant2: @SUM(1+1)"),
                     ("13 killed (per Mali)", "13 killed (per -2+3 Brigade)"),
                     ("On January 11, 2021, two", "On January 11, 2021, according to +cmd, two")]:
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
    ("ged-csv", {"'=SUM(A1:A9)", "'@SUM"}),
    ("acled-csv", {"'+cmd", "'-2+3 Brigade; Malian officials", "'@SUM"}),
    ("events-csv", {"'=HYPERLINK(\"http://evil.example/x\",\"Sokoura\")", "'@SUM"}),
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
