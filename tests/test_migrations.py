"""Schema version 2 to 3, on SQLite and PostgreSQL: a store as version 2 wrote it (no foreign keys, no
estimates table, SQLite's search tables as standalone copies of the text) opens as version 3."""
from __future__ import annotations

import pytest

from conftest import SAMPLES

from warlog import migrations, pipeline, query, store
from warlog.query import Filters

SEEDS = SAMPLES / "seeds"
KEYS = {("events", "document_id", "documents"), ("event_actors", "event_id", "events"),
        ("event_actors", "actor_id", "actors"), ("locations", "event_id", "events"),
        ("claims", "event_id", "events"), ("claim_sources", "claim_id", "claims"), ("estimates", "event_id", "events")}


def _v2_tables(sa):
    """Version 2's schema: today's tables less the foreign keys, the estimates and the name index."""
    md = sa.MetaData()
    for t in store.tables(sa).sorted_tables:
        if t.name != "estimates":
            sa.Table(t.name, md, *[sa.Column(c.name, c.type, primary_key=c.primary_key, index=c.index)
                                   for c in t.columns])
    return md


@pytest.fixture(scope="module")
def current(tmp_path_factory):
    """The seeds in a current store: the rows a version 2 store is made of."""
    url = f"sqlite:///{tmp_path_factory.mktemp('v3') / 'warlog.db'}"
    pipeline.ingest([SEEDS], store.Store(url))
    s = store.Store(url)
    with s.engine.connect() as con:
        rows = {t.name: [dict(r._mapping) for r in con.execute(s.sa.select(t))] for t in s.md.sorted_tables}
    return s, rows


@pytest.fixture
def v2(db_url, current):
    """``db_url`` made as version 2 made it, with the seeds' rows."""
    s, rows = current
    sa = s.sa
    engine = sa.create_engine(db_url)
    md = _v2_tables(sa)
    with engine.begin() as con:
        md.create_all(con)
        for t in md.sorted_tables:
            if rows[t.name]:
                con.execute(t.insert(), rows[t.name])
        con.execute(sa.text("UPDATE meta SET value = '2' WHERE key = 'schema_version'"))
        if engine.dialect.name == "sqlite":
            con.exec_driver_sql("CREATE VIRTUAL TABLE documents_fts USING fts5(document_id UNINDEXED, title, text)")
            con.exec_driver_sql("CREATE VIRTUAL TABLE claims_fts USING fts5(claim_id UNINDEXED, event_id UNINDEXED, "
                                "text)")
            con.exec_driver_sql("INSERT INTO documents_fts SELECT id, title, text FROM documents")
            con.exec_driver_sql("INSERT INTO claims_fts SELECT id, event_id, text FROM claims")
    engine.dispose()
    return db_url


def test_migrations_v2_gains_the_foreign_keys(v2):
    s = store.Store(v2)
    with s.engine.connect() as con:
        assert migrations.version(s, con) == 3
        inspector = s.sa.inspect(con)
        found = {(name, k["constrained_columns"][0], k["referred_table"])
                 for name in s.t for k in inspector.get_foreign_keys(name)}
    assert found == KEYS


def test_migrations_v2_keeps_every_row(v2, current):
    assert {k: v for k, v in store.Store(v2).counts().items()} == current[0].counts()


def test_migrations_v2_estimates_are_read_from_the_records(v2, current):
    s = store.Store(v2)
    cols = ("event_id", "month", "category", "side", "low", "best", "high", "vague", "claims")
    with s.engine.connect() as con:
        got = sorted(tuple(r) for r in con.execute(s.sa.select(*[s.t["estimates"].c[c] for c in cols])))
    assert got == sorted(tuple(r[c] for c in cols) for r in current[1]["estimates"]) and got


def test_migrations_v2_full_text_search_still_finds(v2):
    assert [r["title"] for r in query.events(store.Store(v2), Filters(text="suicide"))] == ["Kwala attack"]
    assert [r["title"] for r in query.events(store.Store(v2), Filters(text="hostages"))] == ["Kwala attack"]


def test_migrations_v2_then_takes_a_changed_document(v2, tmp_path):
    doc = tmp_path / "kwala.txt"
    kwala = (SEEDS / "003_d37e82a4d6691ff5.txt").read_text(encoding="utf-8")
    for word in ("kamikaze", "martyrdom"):  # stored, then replaced: the old text leaves the search tables
        doc.write_text(kwala.replace("suicide", word), encoding="utf-8")
        pipeline.ingest([doc], store.Store(v2))
    s = store.Store(v2)
    found = {word: [r["title"] for r in query.events(s, Filters(text=word))] for word in ("suicide", "kamikaze", "martyrdom")}
    assert found == {"suicide": ["Kwala attack"], "kamikaze": [], "martyrdom": ["Kwala attack"]}


@pytest.mark.parametrize("table", ["documents", "claims"])
def test_migrations_sqlite_search_tables_are_datasettes(tmp_path, table):
    s = store.Store(str(tmp_path / "warlog.db"))
    with s.engine.connect() as con:
        sql = con.exec_driver_sql("SELECT sql FROM sqlite_master WHERE name = ?", (f"{table}_fts",)).scalar_one()
    assert f'content="{table}"' in sql  # what Datasette's detect_fts looks for


def test_migrations_replacing_a_document_leaves_no_orphans(tmp_path):
    path = tmp_path / "warlog.db"
    doc = tmp_path / "kwala.txt"
    doc.write_text((SEEDS / "003_d37e82a4d6691ff5.txt").read_text(encoding="utf-8"), encoding="utf-8")
    pipeline.ingest([doc], store.Store(str(path)))
    doc.write_text(doc.read_text(encoding="utf-8") + "\nMore.\n", encoding="utf-8")
    pipeline.ingest([doc], store.Store(str(path)))
    s = store.Store(str(path))
    with s.engine.connect() as con:
        assert con.exec_driver_sql("PRAGMA foreign_key_check").all() == []
        for fts in ("documents_fts", "claims_fts"):  # raises where the index and the text disagree
            con.exec_driver_sql(f"INSERT INTO {fts} ({fts}) VALUES ('integrity-check')")
