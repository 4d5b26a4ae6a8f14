"""The SQLite store in Datasette (in-process), with the metadata `warlog datasette-metadata` writes: its
search boxes search the articles and the claims, an event's row links to its claims, the canned
queries run."""
from __future__ import annotations

import asyncio
import json
import re
import subprocess
import sys

import pytest
import yaml

from conftest import ROOT, SAMPLES

from warlog import metadata, pipeline, store
from warlog.errors import BadArgument

SEEDS = SAMPLES / "seeds"


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("datasette") / "warlog.db"
    pipeline.ingest([SEEDS], store.Store(str(path)))
    return path


@pytest.fixture(scope="module")
def meta_file(db):
    out = db.with_name("metadata.json")
    res = subprocess.run([sys.executable, "-m", "warlog", "datasette-metadata", "--db", str(db), "--out", str(out)],
                         cwd=ROOT, capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    return out


@pytest.fixture(scope="module")
def get(db, meta_file):
    datasette = pytest.importorskip("datasette.app")
    ds = datasette.Datasette([str(db)], metadata=json.loads(meta_file.read_text(encoding="utf-8")))

    def fetch(path: str):
        return asyncio.run(ds.client.get(path))

    return fetch


def kwala_id(db) -> str:
    s = store.Store(str(db))
    with s.engine.connect() as con:
        return con.exec_driver_sql("SELECT id FROM events WHERE title = 'Kwala attack'").scalar_one()


@pytest.mark.parametrize("table,words,expected", [("documents", "suicide", ["Kwala attack"]),
                                                  ("claims", "hostages", ["2 hostages"])])
def test_datasette_search_box_searches(get, table, words, expected):
    page = get(f"/warlog/{table}")
    assert 'name="_search"' in page.text  # Datasette found the table's FTS5 index
    rows = get(f"/warlog/{table}.json?_search={words}&_shape=array").json()
    assert [r["title" if table == "documents" else "text"] for r in rows] == expected


def test_datasette_event_row_links_to_its_claims(get, db):
    eid = kwala_id(db)
    html = get(f"/warlog/events/{eid}").text
    assert re.search(rf'<a href="/warlog/claims\?event_id={eid}">\s*8 rows</a>', html)
    assert f'/warlog/locations?event_id={eid}' in html and f'/warlog/event_actors?event_id={eid}' in html


def test_datasette_claim_names_its_event(get, db):
    html = get(f"/warlog/claims?event_id={kwala_id(db)}").text
    assert f'<a href="/warlog/events/{kwala_id(db)}">' in html and "Kwala attack" in html  # the label column


def test_datasette_canned_query_events_by_actor(get):
    rows = get("/warlog/events_by_actor.json?actor=JNIM&_shape=array").json()
    assert "Kwala attack" in {r["title"] for r in rows} and all(r["actor_as_written"] for r in rows)


def test_datasette_canned_query_claims_in_disagreement(get):
    rows = get("/warlog/claims_in_disagreement.json?_shape=array").json()
    kwala = {(r["low"], r["high"]) for r in rows if r["title"] == "Kwala attack" and r["category"] == "killed"}
    assert kwala == {(30, 32), (30, None)}


def test_datasette_metadata_titles_and_units(get):
    assert "Every casualty figure" in get("/warlog/claims").text
    assert get("/warlog/locations.json?_shape=array&_size=1").status_code == 200
    assert metadata.TABLES["locations"]["units"] == {"lat": "degrees", "lon": "degrees"}


@pytest.mark.parametrize("name", ["metadata.yml", "metadata.yaml"])
def test_datasette_metadata_as_yaml(db, tmp_path, name):
    text = metadata.write(store.Store(str(db)), str(tmp_path / name))
    assert yaml.safe_load((tmp_path / name).read_text(encoding="utf-8")) == metadata.metadata("warlog") == \
        yaml.safe_load(text)


@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
def test_datasette_metadata_refuses_a_server_database(db_url):
    with pytest.raises(BadArgument, match="Datasette opens SQLite files"):
        metadata.write(store.Store(db_url))
