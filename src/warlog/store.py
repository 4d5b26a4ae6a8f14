"""The event store: documents, events, actors, places and claims in one database.

SQLite by default (one file, nothing to start) or PostgreSQL for a team's server, through one data
layer (SQLAlchemy Core). Documents are stored in batches, one transaction each (``put_many``): a
document is stored whole or not at all, a crash at any moment leaves the previous state, and a
rerun completes the work. A document's key is its absolute path (or its
page in a dump); the same text again stores nothing, a changed text replaces its old events.
"""
from __future__ import annotations

import datetime as dt
import functools
import os
import sqlite3
import time
import urllib.parse
from collections.abc import Callable
from pathlib import Path

# StoreError lives in errors.py; callers import it from here too
from .errors import DatabaseFull, MissingExtra, NoSuchDatabase, NotAStore, StoreError, is_disk_full
from .records import Event, Provenance

SCHEMA_VERSION = 3


def _sa():
    try:
        import sqlalchemy
    except ImportError:  # pragma: no cover - the store extra is missing
        raise MissingExtra("the event store needs SQLAlchemy: pip install 'warlog[store]'") from None
    return sqlalchemy


def url_of(db: str | None) -> str:
    """A database URL from what a user types: a URL as it is, a file name as a SQLite file."""
    db = db or os.environ.get("WARLOG_DB") or "warlog.db"
    return db if "://" in db else f"sqlite:///{db}"


def sqlite_path(url: str) -> Path | None:
    """The file of a SQLite database URL; None for a server, an in-memory database or a URI filename."""
    try:
        u = _sa().engine.make_url(url)
    except Exception:  # a bad URL: create_engine says why
        return None
    if u.get_backend_name() != "sqlite" or u.database in (None, "", ":memory:") or u.database.startswith("file:"):
        return None
    return Path(u.database)


def _where(url: str) -> str:
    """The database as a message names it: its file, or its URL without the password."""
    path = sqlite_path(url)
    if path is not None:
        return str(path)
    try:
        return _sa().engine.make_url(url).render_as_string(hide_password=True)
    except Exception:
        return url


def open_for_reading(db: str | None = None, writable: Callable[[Path], bool] | None = None) -> "Store":
    """The store a query reads: it must exist (NoSuchDatabase) and be a warlog store (NotAStore). A SQLite
    file that cannot be written (read-only media, or the file or its folder not writable, as
    ``writable(path)`` says; by default ``can_write``) is opened read-only and never migrated."""
    url = url_of(db)
    path = sqlite_path(url)
    if path is None:
        return Store(url, existing=True)
    if not path.exists():
        raise NoSuchDatabase("no such database (warlog ingest creates it)", path=str(path))
    return Store(url, existing=True, readonly=not (writable or can_write)(path))


def read_only(store: "Store") -> "Store":
    """The same database opened so that nothing can be written through it, for a server that only reads
    (``warlog serve``): a SQLite file over read-only connections (``mode=ro`` and ``query_only``), each
    with a page cache of 32 MB so the indexes that filters read stay in memory; a PostgreSQL session
    whose transactions are read-only."""
    s = Store(store.url, existing=True, readonly=True) if store.sqlite else store
    pragmas = ("PRAGMA query_only = 1", "PRAGMA cache_size = -32768") if s.sqlite else \
        ("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY",)

    def reader(dbapi_con, _record) -> None:
        cur = dbapi_con.cursor()
        for statement in pragmas:
            cur.execute(statement)
        cur.close()
        if not s.sqlite:
            dbapi_con.commit()

    s.sa.event.listen(s.engine, "connect", reader)
    s.engine.dispose()  # connections made before (the schema's check) have no such settings
    return s


def can_write(path: Path) -> bool:
    """SQLite writes the file and, beside it, its journal: both the file and its folder must be writable."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def _readonly_url(sa, path: Path):
    """A SQLite URI that opens ``path`` read-only. Where its folder cannot be written either, SQLite
    cannot create the WAL's shared-memory file beside it, so the file is declared immutable: a writer
    there would have left its -wal file, whose commits an immutable file would not see."""
    query = {"mode": "ro", "uri": "true"}
    if not os.access(path.parent, os.W_OK) and not path.with_name(path.name + "-wal").exists():
        query["immutable"] = "1"
    return sa.engine.URL.create("sqlite", database="file:" + urllib.parse.quote(str(path.resolve())), query=query)


def _refusal(exc: Exception, where: str) -> StoreError | None:
    """What a database failure means to its user, or None when it is no such case."""
    code = getattr(getattr(exc, "orig", exc), "sqlite_errorcode", None)
    if code == sqlite3.SQLITE_NOTADB:
        return NotAStore("not a warlog database (not an SQLite file)", path=where)
    if is_disk_full(exc):
        return DatabaseFull("disk full: what was stored before stays; free some space and run it again", path=where)
    return None


def tables(sa):
    """The schema. Foreign keys tie documents, events, their actors, places, claims and estimates together
    (Datasette links rows by them; PostgreSQL enforces them, SQLite only declares them). The indexes the
    filters use differ by database and are made by ``migrations.filter_indexes``."""
    md = sa.MetaData()
    T, C, S, I, F, Tx, FK = sa.Table, sa.Column, sa.String, sa.Integer, sa.Float, sa.Text, sa.ForeignKey
    T("meta", md, C("key", S(64), primary_key=True), C("value", S(255)))
    T("documents", md, C("id", S(1024), primary_key=True), C("path", Tx), C("format", S(32)), C("title", Tx),
      C("sha256", S(64)), C("licence", S(128)), C("page_id", sa.BigInteger), C("revision_id", sa.BigInteger),
      C("text", Tx), C("ingested_at", S(32)))
    T("events", md, C("id", S(32), primary_key=True), C("document_id", S(1024), FK("documents.id"), index=True),
      C("role", S(16)), C("title", Tx), C("part_of", Tx), C("date_start", S(10)), C("date_end", S(10)),
      C("date_precision", S(8)), C("year", I, index=True), C("country", S(128)), C("country_code", S(2)),
      C("event_type", S(64)), C("sub_event_type", S(64)), C("violence_type", I), C("type_rule", S(64)),
      C("result", Tx), C("winner", S(16)), C("side_a", Tx), C("side_b", Tx),
      C("deaths_low", I), C("deaths_best", I), C("deaths_high", I), C("record", Tx))
    T("actors", md, C("id", S(255), primary_key=True), C("name", Tx), C("kind", S(32)))
    T("event_actors", md, C("event_id", S(32), FK("events.id"), index=True), C("side", S(16)),
      C("actor_id", S(255), FK("actors.id")), C("name", Tx), C("kind", S(32)))
    T("locations", md, C("event_id", S(32), FK("events.id"), index=True), C("position", I), C("name", Tx),
      C("admin1", Tx), C("admin2", Tx), C("country_code", S(2)), C("lat", F), C("lon", F), C("precision", I),
      C("text", Tx), C("start", I), C("end", I), C("geo_source", Tx))
    T("claims", md, C("id", S(48), primary_key=True), C("event_id", S(32), FK("events.id"), index=True),
      C("position", I), C("side", S(16)), C("subject", Tx), C("category", S(16)), C("low", I), C("high", I),
      C("qualifier", S(16)), C("sources", Tx), C("via", Tx), C("stated_on", S(10)), C("origin", S(16)), C("text", Tx),
      C("start", I), C("end", I), C("extractor", S(64)), C("revises", I))
    T("claim_sources", md, C("claim_id", S(48), FK("claims.id"), index=True), C("role", S(8)), C("name", Tx),
      C("kind", S(32)), C("actor_id", S(255)))
    # the record's estimates as rows: per category and side, so a timeline sums them by side in SQL; with
    # the event's month (YYYY-MM of its start, or its year alone), so the timeline of every event reads
    # this table alone
    T("estimates", md, C("event_id", S(32), FK("events.id")), C("month", S(7)), C("category", S(16)),
      C("side", S(16)), C("low", I), C("best", I), C("high", I), C("vague", I), C("claims", I))
    T("dump_streams", md, C("dump", S(255), primary_key=True), C("offset", sa.BigInteger, primary_key=True),
      C("done_at", S(32)))
    T("failures", md, C("path", S(1024), primary_key=True), C("code", S(32)), C("reason", Tx), C("at", S(32)))
    return md


# children first: the order in which one document's rows are deleted (and the reverse, inserted)
EVENT_TABLES = ("claim_sources", "claims", "estimates", "locations", "event_actors")


def estimate_rows(event_id: str, date_start: str | None, estimates: dict) -> list[dict]:
    """An event's estimates (category -> side -> low/best/high) as rows of the ``estimates`` table."""
    month = date_start[:7] if date_start else None
    return [{"event_id": event_id, "month": month, "category": cat, "side": side, "low": e.get("low"),
             "best": e.get("best"), "high": e.get("high"), "vague": int(bool(e.get("vague"))),
             "claims": e.get("claims")}
            for cat, by_side in (estimates or {}).items() for side, e in by_side.items()]


def document_key(prov: Provenance) -> str:
    return prov.key


class Store:
    """One database of events; ``Store(url)`` opens it, creating or migrating its schema. With
    ``existing`` a database without warlog's schema is refused instead; with ``readonly`` a SQLite file
    is opened read-only, never migrated nor written (``open_for_reading`` decides both for a query)."""

    def __init__(self, url: str | None = None, *, existing: bool = False, readonly: bool = False):
        sa = self.sa = _sa()
        self.url = url_of(url)
        self.where = _where(self.url)
        self.readonly = readonly and sqlite_path(self.url) is not None  # a server's rights are its own
        self.engine = self._engine()
        self.sqlite = self.engine.dialect.name == "sqlite"
        if self.sqlite and not self.readonly:
            sa.event.listen(self.engine, "connect", _sqlite_pragmas)
        sa.event.listen(self.engine, "handle_error", self._refuse)
        self.md = tables(sa)
        self.t = self.md.tables
        self._actor_ids: set[str] | None = None
        self._open_schema(existing or self.readonly)

    def _engine(self):
        url = _readonly_url(self.sa, sqlite_path(self.url)) if self.readonly else self.url
        kw = {"future": True}
        if self.url.startswith("sqlite"):
            kw["connect_args"] = {"timeout": 60}
        try:
            return self.sa.create_engine(url, **kw)
        except ImportError as exc:
            hint = "pip install 'warlog[postgres]'" if self.url.startswith("postgres") else "install its SQLAlchemy driver"
            raise MissingExtra(f"the database needs its driver ({exc.name}): {hint}", path=self.where) from None
        except Exception as exc:  # a bad URL
            raise StoreError(f"cannot open the database: {exc}", path=self.where) from None

    def _open_schema(self, existing: bool) -> None:
        from . import migrations

        try:
            if existing:
                migrations.require(self, self.readonly)
            else:
                migrations.upgrade(self)
        except (self.sa.exc.DBAPIError, sqlite3.DatabaseError) as exc:
            raise _refusal(exc, self.where) or StoreError(
                f"cannot open the database: {getattr(exc, 'orig', exc)}", path=self.where) from None

    def _refuse(self, context) -> None:
        # every statement, wherever it runs (a document, a failure, a dump's chunk, a migration): a full
        # disk is one StoreError, which stops the run; the transactions committed before it stay
        refusal = _refusal(context.original_exception, self.where)
        if refusal is not None:
            raise refusal from context.original_exception

    # -- writing -----------------------------------------------------------------------------
    def unchanged(self, prov: Provenance) -> bool:
        """True when this document is stored already with the same text."""
        d = self.t["documents"]
        with self.engine.connect() as con:
            row = con.execute(self.sa.select(d.c.sha256).where(d.c.id == document_key(prov))).first()
        return row is not None and row[0] == prov.sha256

    def digests(self, keys: list[str]) -> dict[str, str]:
        """The stored digests (sha256) of those of ``keys`` the store holds."""
        d = self.t["documents"]
        with self.engine.connect() as con:
            return dict(con.execute(self.sa.select(d.c.id, d.c.sha256).where(d.c.id.in_(keys))).all()) if keys else {}

    def put(self, prov: Provenance, text: str, events: list[Event]) -> None:
        """Store one document's events in one transaction, replacing what it held before."""
        self.put_many([(prov, text, events)])

    def put_many(self, docs) -> None:
        """Store several documents' events ((provenance, text, events) each) in one transaction,
        replacing what they held before: all of them are stored whole, or none (a kill, a full disk,
        a row the database refuses). One statement per table for all of them (executemany): a
        transaction a document cost more in statements and commits than in rows."""
        last = {}
        for prov, text, events in docs:  # a document twice: its last copy replaces the first
            last.pop(document_key(prov), None)
            last[document_key(prov)] = (prov, text, events)
        docs = list(last.values())
        try:
            with self.writing() as con:
                # an upsert that writes first: the delete takes the write lock, so two ingests of
                # the same file wait for each other instead of both inserting
                self._delete(con, list(last))
                self._insert(con, docs)
        except Exception:
            self._actor_ids = None  # the transaction rolled back: what it added is not there
            raise

    def writing(self):
        """A write transaction; in SQLite it takes the write lock at once (BEGIN IMMEDIATE), so a
        second writer waits (busy timeout) instead of failing on a stale read."""
        return _Immediate(self.engine) if self.sqlite else self.engine.begin()

    def _insert(self, con, docs) -> None:
        """Insert documents ((provenance, text, events) each, keys not stored) and their rows."""
        if not docs:
            return
        rows = _Rows(con)
        rows.add("documents", [{
            "id": document_key(prov), "path": prov.path, "format": prov.format, "title": prov.title,
            "sha256": prov.sha256, "licence": prov.licence, "page_id": prov.page_id,
            "revision_id": prov.revision_id, "text": text, "ingested_at": _now()} for prov, text, _ in docs])
        for prov, _, events in docs:
            key = document_key(prov)
            for ev in events:
                self._put_event(rows, key, ev)
        rows.write(self)
        f = self.t["failures"]
        con.execute(f.delete().where(f.c.path.in_(list(dict.fromkeys(prov.path for prov, _, _ in docs)))))

    def put_pages(self, pages, dump: str, offsets: list[int], failures=(), resolved=()) -> None:
        """A dump chunk in one transaction: its pages' events, its ``failures`` ((key, code, reason):
        a stream or a page), and its streams read whole (``offsets``) marked done, with the failures
        they had (``resolved`` keys) cleared. Nothing is marked when ``offsets`` is empty."""
        try:
            self._put_pages(pages, dump, offsets, failures, resolved)
        except Exception:
            self._actor_ids = None
            raise

    def _put_pages(self, pages, dump: str, offsets: list[int], failures, resolved) -> None:
        with self.writing() as con:
            d = self.t["documents"]
            keys = list(dict.fromkeys(document_key(prov) for prov, _, _ in pages))
            stored = dict(con.execute(self.sa.select(d.c.id, d.c.sha256).where(d.c.id.in_(keys))).all()) if keys else {}
            new, gone = {}, []
            for prov, text, evs in pages:
                key = document_key(prov)
                if key in stored and stored[key] == prov.sha256:
                    continue  # a page twice in a chunk with the same text: its first copy
                was_stored = key in stored and key not in new
                new.pop(key, None)  # with another text: the later copy replaces the earlier
                new[key] = (prov, text, evs)
                stored[key] = prov.sha256
                if was_stored:
                    gone.append(key)
            self._delete(con, gone)
            self._insert(con, list(new.values()))
            f = self.t["failures"]
            rows = {key: {"path": key, "code": code, "reason": reason, "at": _now()} for key, code, reason in failures}
            gone = [*resolved, *rows]
            if gone:
                con.execute(f.delete().where(f.c.path.in_(gone)))
            if rows:
                con.execute(f.insert(), list(rows.values()))
            if offsets:
                done = self.t["dump_streams"]
                con.execute(done.delete().where(done.c.dump == dump, done.c.offset.in_(offsets)))
                con.execute(done.insert(), [{"dump": dump, "offset": o, "done_at": _now()} for o in offsets])

    def done_streams(self, dump: str) -> set[int]:
        done = self.t["dump_streams"]
        with self.engine.connect() as con:
            return set(con.execute(self.sa.select(done.c.offset).where(done.c.dump == dump)).scalars())

    def fail(self, path: str, code: str, reason: str) -> None:
        f = self.t["failures"]
        with self.writing() as con:
            con.execute(f.delete().where(f.c.path == path))
            con.execute(f.insert(), [{"path": path, "code": code, "reason": reason, "at": _now()}])

    def _delete(self, con, keys: list[str]) -> None:
        # children before their parents (PostgreSQL checks the foreign keys at each statement); in SQLite the
        # search tables follow by their triggers
        if not keys:
            return
        sa, t = self.sa, self.t
        ev_ids = sa.select(t["events"].c.id).where(t["events"].c.document_id.in_(keys))
        claim_ids = sa.select(t["claims"].c.id).where(t["claims"].c.event_id.in_(ev_ids))
        con.execute(t["claim_sources"].delete().where(t["claim_sources"].c.claim_id.in_(claim_ids)))
        for name in EVENT_TABLES[1:]:
            con.execute(t[name].delete().where(t[name].c.event_id.in_(ev_ids)))
        con.execute(t["events"].delete().where(t["events"].c.document_id.in_(keys)))
        con.execute(t["documents"].delete().where(t["documents"].c.id.in_(keys)))

    def _put_event(self, rows: "_Rows", key: str, ev: Event) -> None:
        """Add one event's rows to ``rows`` (written by table once the batch is gathered)."""
        low, best, high = deaths(ev)
        rows.add("events", [{
            "id": ev.id, "document_id": key, "role": ev.role, "title": ev.title, "part_of": ev.part_of,
            "date_start": ev.date_start, "date_end": ev.date_end, "date_precision": ev.date_precision,
            "year": int(ev.date_start[:4]) if ev.date_start else None, "country": ev.country,
            "country_code": ev.country_code, "event_type": ev.event_type, "sub_event_type": ev.sub_event_type,
            "violence_type": ev.violence_type, "type_rule": ev.type_rule, "result": ev.result.text,
            "winner": ev.result.winner, "side_a": side_names(ev, "A"), "side_b": side_names(ev, "B"),
            "deaths_low": low, "deaths_best": best, "deaths_high": high,
            "record": ev.to_dict_json()}])
        self._put_actors(rows, ev)
        rows.add("locations", [{"event_id": ev.id, "position": i, **{k: getattr(loc, k) for k in (
            "name", "admin1", "admin2", "country_code", "lat", "lon", "precision", "text", "start", "end",
            "geo_source")}} for i, loc in enumerate(ev.locations)])
        claims, sources = [], []
        for i, c in enumerate(ev.claims):
            cid = f"{ev.id}:{i}"
            claims.append({"id": cid, "event_id": ev.id, "position": i, "side": c.side, "subject": c.subject,
                           "category": c.category, "low": c.low, "high": c.high, "qualifier": c.qualifier,
                           "sources": "; ".join(s.name for s in c.sources), "via": "; ".join(v.name for v in c.via),
                           "stated_on": c.stated_on, "origin": c.origin, "text": c.text, "start": c.start,
                           "end": c.end, "extractor": c.extractor, "revises": c.revises})
            sources += [{"claim_id": cid, "role": role, "name": s.name, "kind": s.kind, "actor_id": s.actor}
                        for role, group in (("source", c.sources), ("via", c.via)) for s in group]
        rows.add("claims", claims)
        rows.add("claim_sources", sources)
        rows.add("estimates", estimate_rows(ev.id, ev.date_start, ev.estimates))

    def _put_actors(self, rows: "_Rows", ev: Event) -> None:
        t = self.t
        if self._actor_ids is None:
            self._actor_ids = set(rows.con.execute(self.sa.select(t["actors"].c.id)).scalars())
        new = {}
        for label, side in ev.sides.items():
            for a in side.actors:
                aid = a.id or f"unknown:{a.name}"
                rows.add("event_actors", [{"event_id": ev.id, "side": label, "actor_id": aid,
                                           "name": a.text or a.name, "kind": a.kind}])
                if aid not in self._actor_ids:
                    new[aid] = {"id": aid, "name": a.name, "kind": a.kind}
        for aid, row in new.items():  # an actor new to the store: as the first event to name it has it
            rows.actors.setdefault(aid, row)

    def _insert_new(self, table):
        """An insert that leaves rows already there (another process may have added the actor)."""
        if self.sqlite:
            return table.insert().prefix_with("OR IGNORE")
        if self.engine.dialect.name == "postgresql":
            from sqlalchemy.dialects.postgresql import insert

            return insert(table).on_conflict_do_nothing()
        return table.insert()

    def documents_under(self, folder: str) -> list[str]:
        """Keys of the stored documents whose path lies in ``folder`` (absolute)."""
        d = self.t["documents"]
        prefix = folder.rstrip(os.sep) + os.sep
        with self.engine.connect() as con:
            keys = con.execute(self.sa.select(d.c.id).where(d.c.id.like(_like_prefix(prefix), escape="\\"))).scalars()
            return sorted(keys)

    def remove(self, key: str) -> None:
        """Forget one document and its events."""
        with self.writing() as con:
            self._delete(con, [key])

    def analyze(self) -> None:
        """Refresh the query planner's statistics after a batch of writes: SQLite keeps none until asked,
        and without them picks an index that reads every event's row (see migrations.filter_indexes).
        A sample of each index is enough (analysis_limit), so it takes the same short time at any size."""
        if self.sqlite and not self.readonly:
            with self.writing() as con:
                con.exec_driver_sql("PRAGMA analysis_limit = 1000")
                con.exec_driver_sql("ANALYZE")

    def counts(self) -> dict[str, int]:
        with self.engine.connect() as con:
            return {name: con.execute(self.sa.select(self.sa.func.count()).select_from(self.t[name])).scalar_one()
                    for name in ("documents", "events", "claims", "locations", "event_actors", "actors")}


def deaths(ev: Event) -> tuple[int | None, int | None, int | None]:
    """The event's killed (low, best, high), summed over every side's estimate."""
    by_side = ev.estimates.get("killed") or {}
    vals = [e for e in by_side.values() if not e.get("vague")]
    if not vals:
        return None, None, None
    return (sum(e["low"] or 0 for e in vals), sum(e["best"] or 0 for e in vals), sum(e["high"] or 0 for e in vals))


def side_names(ev: Event, label: str) -> str | None:
    side = ev.sides.get(label)
    return "; ".join(a.name for a in side.actors) if side and side.actors else None


def _like_prefix(prefix: str) -> str:
    return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


# the order in which a batch's rows are inserted: parents before their children (PostgreSQL checks the
# foreign keys at each statement); in each table the rows keep the order of the documents and events
INSERT_ORDER = ("documents", "events", "actors", "event_actors", "locations", "claims", "claim_sources", "estimates")


class _Rows:
    """The rows of a batch of documents, gathered by table, then written with one statement per table."""

    def __init__(self, con):
        self.con = con
        self.by_table: dict[str, list[dict]] = {name: [] for name in INSERT_ORDER}
        self.actors: dict[str, dict] = {}  # actors new to the store

    def add(self, table: str, rows: list[dict]) -> None:
        self.by_table[table] += rows

    def write(self, store: "Store") -> None:
        self.by_table["actors"] = list(self.actors.values())
        for name in INSERT_ORDER:
            rows = self.by_table[name]
            if not rows:
                continue
            if store.sqlite:
                # straight to the driver's executemany: SQLAlchemy's statement building and per-row
                # parameter processing (none of these types has any in SQLite) cost more than the inserts
                cols = tuple(rows[0])
                self.con.exec_driver_sql(_sqlite_insert(name, cols), [tuple(r[c] for c in cols) for r in rows])
                continue
            table = store.t[name]
            self.con.execute(store._insert_new(table) if name == "actors" else table.insert(), rows)
        if self.actors:
            store._actor_ids |= set(self.actors)  # noted once the insert is done: a rolled-back one is retried


@functools.lru_cache(maxsize=64)
def _sqlite_insert(table: str, cols: tuple[str, ...]) -> str:
    """SQLite's INSERT of ``cols`` into ``table``; actors already there are left as they are."""
    verb = "INSERT OR IGNORE" if table == "actors" else "INSERT"
    names = ", ".join(f'"{c}"' for c in cols)  # quoted: "end", "offset" are keywords
    return f"{verb} INTO {table} ({names}) VALUES ({', '.join('?' * len(cols))})"


class _Immediate:
    """``with`` a SQLite connection in a BEGIN IMMEDIATE transaction, committed or rolled back."""

    def __init__(self, engine):
        self.engine = engine

    def __enter__(self):
        self.con = self.engine.connect()
        self.con.exec_driver_sql("BEGIN IMMEDIATE")
        return self.con

    def __exit__(self, exc_type, *_):
        try:
            if exc_type is None:
                self.con.commit()
            else:
                self.con.rollback()
        finally:
            self.con.close()
        return False


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def _sqlite_pragmas(dbapi_con, _record) -> None:
    cur = dbapi_con.cursor()
    for attempt in range(50):
        # a killed writer leaves the last committed document intact. Switching a new file to WAL needs
        # the file to itself, and SQLite may say "locked" at once instead of waiting while another
        # process creates the same store: try again for a while
        try:
            cur.execute("PRAGMA journal_mode=WAL")
            break
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or attempt == 49:
                raise
            time.sleep(0.1)
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()
