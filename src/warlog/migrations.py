"""Schema versions of the event store and the path from each to the next.

The version stands in the ``meta`` table. Opening a store creates what is missing and runs every
step from its version to ``store.SCHEMA_VERSION``, each in a transaction of its own.
"""
from __future__ import annotations


def _v1_to_v2(store, con) -> None:
    """v2 keeps where each point came from (locations.geo_source)."""
    con.exec_driver_sql('ALTER TABLE locations ADD COLUMN geo_source TEXT')


def _v2_to_v3(store, con) -> None:
    """v3 declares the foreign keys between documents, events, actors, places and claims, keeps the
    estimates as rows, indexes actor names in any case, and (SQLite) makes the search tables external-content
    FTS5 tables over ``documents`` and ``claims``, kept by triggers: Datasette's search box uses them."""
    if store.sqlite:
        for name in ("documents_fts", "claims_fts"):  # v2's were standalone copies of the text
            con.exec_driver_sql(f"DROP TABLE IF EXISTS {name}")
        _sqlite_foreign_keys(store, con)
    else:
        _server_foreign_keys(store, con)
    store.t["estimates"].create(con, checkfirst=True)
    _fill_estimates(store, con)
    filter_indexes(store, con)
    _search_tables(store, con)
    if store.sqlite:
        for name in ("documents_fts", "claims_fts"):
            con.exec_driver_sql(f"INSERT INTO {name} ({name}) VALUES ('rebuild')")
        con.exec_driver_sql("PRAGMA analysis_limit = 1000")
        con.exec_driver_sql("ANALYZE")  # as Store.analyze does after every ingest


STEPS = {1: _v1_to_v2, 2: _v2_to_v3}

# parents before their children: a table is rebuilt before any table that refers to it
_KEYED = ("documents", "actors", "events", "event_actors", "locations", "claims", "claim_sources")


def _missing_keys(store, con, name: str) -> list:
    """The foreign keys of ``name`` that the schema declares and the database does not have."""
    have = {(tuple(k["constrained_columns"]), k["referred_table"]) for k in store.sa.inspect(con).get_foreign_keys(name)}
    return [fk for fk in store.t[name].foreign_keys if ((fk.parent.name,), fk.column.table.name) not in have]


def _sqlite_foreign_keys(store, con) -> None:
    """SQLite cannot add a constraint to a table: each table is rebuilt with its keys, as SQLite's manual
    says (a new table, the rows copied, the old one dropped). The legacy rename leaves the references
    other tables make to the renamed table as they are."""
    con.exec_driver_sql("PRAGMA legacy_alter_table = ON")
    try:
        for name in _KEYED:
            if store.sa.inspect(con).has_table(name) and _missing_keys(store, con, name):
                _rebuild(store, con, name)
    finally:
        con.exec_driver_sql("PRAGMA legacy_alter_table = OFF")


def _rebuild(store, con, name: str) -> None:
    old = f"{name}_v2"
    columns = [row[1] for row in con.exec_driver_sql(f'PRAGMA table_info("{name}")')]
    con.exec_driver_sql(f'ALTER TABLE "{name}" RENAME TO "{old}"')
    indexes = con.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? "
                                  "AND sql IS NOT NULL", (old,)).scalars().all()
    for index in indexes:  # their names are the new table's
        con.exec_driver_sql(f'DROP INDEX "{index}"')
    store.t[name].create(con)
    kept = ", ".join(f'"{c}"' for c in columns if c in store.t[name].c)
    con.exec_driver_sql(f'INSERT INTO "{name}" ({kept}) SELECT {kept} FROM "{old}"')
    con.exec_driver_sql(f'DROP TABLE "{old}"')


def _server_foreign_keys(store, con) -> None:
    """PostgreSQL adds the constraints in place. NOT VALID: rows written from now on are checked, the
    rows already there are not (warlog never wrote an orphan; a migration should not stop on one)."""
    for name in _KEYED:
        for fk in _missing_keys(store, con, name):
            con.exec_driver_sql(f'ALTER TABLE "{name}" ADD CONSTRAINT "{name}_{fk.parent.name}_fkey" '
                                f'FOREIGN KEY ("{fk.parent.name}") REFERENCES "{fk.column.table.name}" '
                                f'("{fk.column.name}") NOT VALID')


def _fill_estimates(store, con) -> None:
    """The estimates of the events already stored, read from their records, a thousand at a time."""
    from .store import estimate_rows

    sa, e = store.sa, store.t["events"]
    last = ""
    while True:
        batch = con.execute(sa.select(e.c.id, e.c.record).where(e.c.id > last).order_by(e.c.id).limit(1000)).all()
        if not batch:
            return
        rows = [r for eid, record in batch for r in estimate_rows(eid, *_estimates_of(record))]
        if rows:
            con.execute(store.t["estimates"].insert(), rows)
        last = batch[-1][0]


def _estimates_of(record: str | None) -> tuple[str | None, dict]:
    """An event record's start date and estimates."""
    import json

    try:
        rec = json.loads(record or "{}")
        return rec.get("date_start"), rec.get("estimates") or {}
    except (ValueError, AttributeError):
        return None, {}


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
            filter_indexes(store, con)
            _search_tables(store, con)
            con.execute(store.t["meta"].insert(), [{"key": "schema_version", "value": str(SCHEMA_VERSION)}])
            return
        while current < SCHEMA_VERSION:
            STEPS[current](store, con)
            current += 1
            con.execute(store.sa.text("UPDATE meta SET value = :v WHERE key = 'schema_version'"), {"v": str(current)})
        store.md.create_all(con)  # tables a later version adds
        filter_indexes(store, con)
        _search_tables(store, con)


# The columns every filter and order of a list reads (query.filtered, browse.page). In SQLite each index
# the planner may start from holds them all, so that counting a filter's events and finding its first
# page read only the index, never the events' rows (whose contract record makes them several KB each):
# over 100,000 events a filter's first page then takes milliseconds (bench/bench_web.py).
_LISTED = ("date_start", "country_code", "deaths_best", "event_type", "sub_event_type", "role", "title", "id")
_SQLITE_INDEXES = {
    **{f"ix_events_by_{name}": ("events", (first,) + tuple(c for c in _LISTED if c != first))
       for name, first in (("date", "date_start"), ("country", "country_code"), ("killed", "deaths_best"),
                           ("title", "title"), ("id", "id"))},
    "ix_event_actors_by_actor": ("event_actors", ("actor_id", "event_id")),
    "ix_event_actors_by_name": ("event_actors", ("lower(name)", "event_id")),
    "ix_estimates_by_event": ("estimates", ("event_id", "category", "side", "best")),
    "ix_estimates_by_month": ("estimates", ("category", "month", "side", "best")),
    "ix_locations_by_event": ("locations", ("event_id", "position", "lat", "lon", "name")),
}
# PostgreSQL keeps one-column indexes (its planner combines them, and a B-tree entry may not exceed
# 2,700 bytes: a long title or actor name must not make a row unstorable; a hash index has no such limit)
_SERVER_INDEXES = {
    "ix_events_date_start": "events (date_start)", "ix_events_country_code": "events (country_code)",
    "ix_events_deaths_best": "events (deaths_best)", "ix_event_actors_actor_id": "event_actors (actor_id)",
    "ix_event_actors_name_lower": "event_actors USING hash (lower(name))",
    "ix_estimates_event_id": "estimates (event_id)",
}
# version 2's one-column indexes in SQLite, which the covering ones above replace
_SQLITE_REPLACED = ("ix_events_date_start", "ix_events_country_code", "ix_events_deaths_best", "ix_event_actors_actor_id")


def filter_indexes(store, con) -> None:
    """The indexes that filters and orders use, as each database is best served (see above)."""
    if store.sqlite:
        for name in _SQLITE_REPLACED:
            con.exec_driver_sql(f"DROP INDEX IF EXISTS {name}")
        for name, (table, columns) in _SQLITE_INDEXES.items():
            con.exec_driver_sql(f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({', '.join(columns)})")
    elif store.engine.dialect.name == "postgresql":
        for name, what in _SERVER_INDEXES.items():
            con.exec_driver_sql(f"CREATE INDEX IF NOT EXISTS {name} ON {what}")


def _lock(store, con) -> None:
    """PostgreSQL: one schema change at a time (SQLite's BEGIN IMMEDIATE already is that lock)."""
    if store.engine.dialect.name == "postgresql":
        con.exec_driver_sql("SELECT pg_advisory_xact_lock(724372)")


def _search_tables(store, con) -> None:
    """Full-text search: in SQLite, FTS5 tables over the text of ``documents`` and ``claims`` (external
    content: the text is stored once), kept by triggers named as sqlite-utils names them, and found by
    Datasette (``content="documents"``); in PostgreSQL, a GIN index over to_tsvector."""
    if store.sqlite:
        for table, columns in (("documents", ("title", "text")), ("claims", ("text",))):
            _fts5(con, table, columns)
    elif store.engine.dialect.name == "postgresql":
        con.exec_driver_sql("CREATE INDEX IF NOT EXISTS documents_text_fts ON documents "
                            "USING gin (to_tsvector('english', coalesce(title,'') || ' ' || coalesce(text,'')))")
        con.exec_driver_sql("CREATE INDEX IF NOT EXISTS claims_text_fts ON claims "
                            "USING gin (to_tsvector('english', coalesce(text,'')))")


def _fts5(con, table: str, columns: tuple[str, ...]) -> None:
    fts, cols = f"{table}_fts", ", ".join(columns)
    new = ", ".join(f"new.{c}" for c in columns)
    old = ", ".join(f"old.{c}" for c in columns)
    con.exec_driver_sql(f'CREATE VIRTUAL TABLE IF NOT EXISTS {fts} USING fts5({cols}, content="{table}")')
    insert = f"INSERT INTO {fts} (rowid, {cols}) VALUES (new.rowid, {new});"
    delete = f"INSERT INTO {fts} ({fts}, rowid, {cols}) VALUES ('delete', old.rowid, {old});"
    for name, when, body in (("ai", "INSERT", insert), ("ad", "DELETE", delete), ("au", "UPDATE", delete + " " + insert)):
        con.exec_driver_sql(f"CREATE TRIGGER IF NOT EXISTS {table}_{name} AFTER {when} ON {table} BEGIN {body} END")
