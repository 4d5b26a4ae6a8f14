"""The event store, the same tests against SQLite and a real PostgreSQL server."""
from __future__ import annotations


import pytest

from conftest import SAMPLES

import warlog
from warlog import migrations, pipeline, query, store
from warlog.query import Filters

SEEDS = SAMPLES / "seeds"


@pytest.fixture
def seeded(db_url):
    pipeline.ingest([SEEDS], store.Store(db_url))
    return store.Store(db_url)


def test_store_ingest_twice_stores_once(db_url):
    first = pipeline.ingest([SEEDS], store.Store(db_url))
    counts = store.Store(db_url).counts()
    again = pipeline.ingest([SEEDS], store.Store(db_url))
    assert (first.documents, again.documents, again.unchanged) == (5, 0, 5)
    assert store.Store(db_url).counts() == counts
    assert counts["events"] == len(warlog.extract(SEEDS)) and counts["documents"] == 5


def test_store_changed_document_replaces_its_events(db_url, tmp_path):
    doc = tmp_path / "kwala.txt"
    doc.write_text((SEEDS / "003_d37e82a4d6691ff5.txt").read_text(encoding="utf-8"), encoding="utf-8")
    pipeline.ingest([doc], store.Store(db_url))
    doc.write_text(doc.read_text(encoding="utf-8").replace("Kwala attack", "Kwala raid"), encoding="utf-8")
    assert pipeline.ingest([doc], store.Store(db_url)).documents == 1
    rows = query.events(store.Store(db_url), Filters())
    assert [r["title"] for r in rows if r["role"] == "main"] == ["Kwala raid"]
    assert store.Store(db_url).counts()["documents"] == 1


def test_store_actor_and_date_filters(seeded):
    rows = query.events(seeded, Filters(actor="JNIM", since="2020"))
    expected = {e.id for e in warlog.extract(SEEDS) if e.date_start and e.date_start >= "2020"
                and any(a.id == "jnim" for s in e.sides.values() for a in s.actors)}
    assert {r["id"] for r in rows} == expected and expected


def test_store_full_text_finds_the_suicide_attack(seeded):
    assert [r["title"] for r in query.events(seeded, Filters(text="suicide"))] == ["Kwala attack"]


@pytest.mark.parametrize("filters,titles", [
    (Filters(min_killed=30, role="main"), {"Kwala attack", "Sokoura attack", "Diafarabé and Koumara attacks"}),
    (Filters(type="Suicide bomb"), {"Kwala attack"}),
    (Filters(country="ML", until="2015", role="main"), {"2015 Nampala raid"}),
])
def test_store_other_filters(seeded, filters, titles):
    assert {r["title"] for r in query.events(seeded, filters)} == titles


def test_store_show_groups_claims_by_claimant(seeded):
    kwala = query.events(seeded, Filters(text="suicide"))[0]
    shown = query.show(seeded, kwala["id"])
    assert set(shown["claims_by_claimant"]) >= {"RFI, JNIM", "RFI", "JNIM", "(unattributed)"}
    claim = shown["claims_by_claimant"]["JNIM"][-1]
    assert claim["text"] in claim["sentence"] and claim["sentence"].startswith("On March 4")


def test_store_failures_are_kept_with_their_reason(db_url, tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_bytes(b"\x00\x01")
    (docs / "b.txt").write_text((SEEDS / "000_4e2a94e7be750194.txt").read_text(encoding="utf-8"), encoding="utf-8")
    summary = pipeline.ingest([docs], store.Store(db_url))
    assert summary.documents == 1 and [p.endswith("a.txt") for p, _ in summary.failures] == [True]
    s = store.Store(db_url)
    with s.engine.connect() as con:
        assert con.execute(s.sa.select(s.t["failures"].c.code)).scalars().all() == ["binary"]


def test_store_migrates_a_version_1_database(db_url):
    s = store.Store(db_url)
    with s.engine.begin() as con:  # make it what version 1 was: no geo_source, version 1
        con.exec_driver_sql("DROP TABLE locations")
        con.exec_driver_sql('CREATE TABLE locations (event_id VARCHAR(32), position INTEGER, name TEXT, admin1 TEXT, '
                            'admin2 TEXT, country_code VARCHAR(2), lat FLOAT, lon FLOAT, precision INTEGER, '
                            'text TEXT, start INTEGER, "end" INTEGER)')
        con.exec_driver_sql("INSERT INTO locations (event_id, name) VALUES ('x', 'Soumpi')")
        con.exec_driver_sql("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    s = store.Store(db_url)
    with s.engine.connect() as con:
        assert migrations.version(s, con) == store.SCHEMA_VERSION
        assert con.exec_driver_sql("SELECT name, geo_source FROM locations").all() == [("Soumpi", None)]


@pytest.mark.parametrize("victim", ["003_d37e82a4d6691ff5.txt"])
def test_store_ingest_batch_keeps_the_others_when_the_store_refuses_one(db_url, monkeypatch, victim):
    real = store.Store._put_event

    def refuse(self, rows, key, ev):
        if key.endswith(victim):
            raise OverflowError("a count beyond the database's integers")
        return real(self, rows, key, ev)

    monkeypatch.setattr(store.Store, "_put_event", refuse)
    summary = pipeline.ingest([SEEDS], store.Store(db_url))
    assert summary.documents == 4 and [p for p, _ in summary.failures] == [str(SEEDS / victim)]
    assert "could not be stored (OverflowError" in summary.failures[0][1]
    assert store.Store(db_url).counts()["documents"] == 4


@pytest.mark.parametrize("batch", [1, 2, 64])
def test_store_ingest_in_batches_stores_the_same_rows(db_url, tmp_path, monkeypatch, batch):
    monkeypatch.setattr(pipeline, "BATCH_DOCUMENTS", batch)
    summary = pipeline.ingest([SEEDS, SEEDS / "000_4e2a94e7be750194.txt"], store.Store(db_url))
    s = store.Store(db_url)
    with s.engine.connect() as con:
        events = con.execute(s.sa.select(s.t["events"].c.id, s.t["events"].c.record).order_by(s.t["events"].c.id)).all()
    # the first seed named twice: stored once, its second copy unchanged
    assert (summary.documents, summary.unchanged) == (5, 1)
    assert [r.id for r in events] == sorted(e.id for e in warlog.extract(SEEDS))
    assert s.counts()["documents"] == 5
