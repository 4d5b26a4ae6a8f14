"""Schema versions of the event store and the path from each to the next.

The version stands in the ``meta`` table. Opening a store creates what is missing and runs every
step from its version to ``store.SCHEMA_VERSION``, each in a transaction of its own.
"""
from __future__ import annotations


def _v1_to_v2(store, con) -> None:
    """v2 keeps where each point came from (locations.geo_source)."""
    con.exec_driver_sql('ALTER TABLE locations ADD COLUMN geo_source TEXT')


STEPS = {1: _v1_to_v2}


def version(store, con) -> int | None:
    sa = store.sa
    if not sa.inspect(con).has_table("meta"):
        return None
    row = con.execute(sa.text("SELECT value FROM meta WHERE key = 'schema_version'")).first()
    return int(row[0]) if row else None


def require(store, readonly: bool) -> None:
    """Open a store that must exist: a database without warlog's schema is refused, an older one is
    migrated unless it is read-only."""
    from .errors import NotAStore, ReadOnlyStore
    from .store import SCHEMA_VERSION

    with store.engine.connect() as con:
        current = version(store, con)
    if current is None:
        raise NotAStore("not a warlog database (no warlog tables)", path=store.where)
    if not readonly:
        upgrade(store)
    elif current < SCHEMA_VERSION:
        raise ReadOnlyStore(f"read-only, and written by an older warlog (schema version {current}, this one reads "
                            f"{SCHEMA_VERSION}): open it once where it can be written, to migrate it", path=store.where)


def upgrade(store) -> None:
    """Bring the store to SCHEMA_VERSION. A current store is only read (so a read-only one opens);
    otherwise the work runs under the database's write lock, so two processes opening a new store
    at once do not both create it."""
    from .store import SCHEMA_VERSION

    with store.engine.connect() as con:
        if version(store, con) == SCHEMA_VERSION:
            return
    with store.writing() as con:
        _lock(store, con)
        current = version(store, con)  # again, under the lock: another process may have done it
        if current is None:
            store.md.create_all(con)
            _search_tables(store, con)
            con.execute(store.t["meta"].insert(), [{"key": "schema_version", "value": str(SCHEMA_VERSION)}])
            return
        while current < SCHEMA_VERSION:
            STEPS[current](store, con)
            current += 1
            con.execute(store.sa.text("UPDATE meta SET value = :v WHERE key = 'schema_version'"), {"v": str(current)})
        store.md.create_all(con)  # tables a later version adds
        _search_tables(store, con)


def _lock(store, con) -> None:
    """PostgreSQL: one schema change at a time (SQLite's BEGIN IMMEDIATE already is that lock)."""
    if store.engine.dialect.name == "postgresql":
        con.exec_driver_sql("SELECT pg_advisory_xact_lock(724372)")


def _search_tables(store, con) -> None:
    """Full-text search: FTS5 tables in SQLite; a GIN index over to_tsvector in PostgreSQL."""
    if store.sqlite:
        con.exec_driver_sql("CREATE VIRTUAL TABLE IF NOT EXISTS documents_fts USING fts5(document_id UNINDEXED, "
                            "title, text)")
        con.exec_driver_sql("CREATE VIRTUAL TABLE IF NOT EXISTS claims_fts USING fts5(claim_id UNINDEXED, "
                            "event_id UNINDEXED, text)")
    elif store.engine.dialect.name == "postgresql":
        con.exec_driver_sql("CREATE INDEX IF NOT EXISTS documents_text_fts ON documents "
                            "USING gin (to_tsvector('english', coalesce(title,'') || ' ' || coalesce(text,'')))")
        con.exec_driver_sql("CREATE INDEX IF NOT EXISTS claims_text_fts ON claims "
                            "USING gin (to_tsvector('english', coalesce(text,'')))")
