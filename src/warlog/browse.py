"""Reading the store as a browser shows it: a page of a filter's events in a chosen order with the
count of all of them, the filter's events and people per month, its events on a map, and one event's
document and neighbours. Every function takes the same ``query.Filters`` as ``warlog events``."""
from __future__ import annotations

from dataclasses import dataclass, replace

from .errors import BadArgument
from .query import ROW_COLUMNS, Filters, acted_in, actor_is, filtered
from .store import Store

# what a list can be ordered by, and the column that orders it
SORTS = {"date": "date_start", "title": "title", "country": "country_code", "type": "sub_event_type",
         "killed": "deaths_best"}
MAX_PAGE = 500
SIDES = ("A", "B", "C", "civilians", "unknown")
CATEGORIES = ("killed", "wounded", "captured", "missing", "casualties")


@dataclass
class Page:
    """One page of a filter's events: its rows, and how many events the filter holds in all."""

    rows: list[dict]
    total: int
    offset: int
    size: int
    sort: str
    descending: bool

    def to_dict(self) -> dict:
        return {"total": self.total, "offset": self.offset, "size": self.size, "sort": self.sort,
                "order": "desc" if self.descending else "asc", "events": self.rows}


def check_page(sort: str = "date", order: str = "desc", offset: int = 0, size: int = 50) -> None:
    """Refuse an order, an offset or a page size that is not one (BadArgument names the parameter)."""
    if sort not in SORTS:
        raise BadArgument(f"cannot sort by '{sort}'; by one of {', '.join(SORTS)}", path="--sort")
    if order not in ("asc", "desc"):
        raise BadArgument(f"order '{order}' is neither asc nor desc", path="--order")
    if offset < 0:
        raise BadArgument(f"must be 0 or more (got {offset})", path="--offset")
    if not 1 <= size <= MAX_PAGE:
        raise BadArgument(f"must be 1 to {MAX_PAGE} (got {size})", path="--size")


def page(store: Store, f: Filters, sort: str = "date", order: str = "desc", offset: int = 0, size: int = 50) -> Page:
    """``size`` events of the filter from ``offset`` on, ordered by ``sort`` (a key of SORTS; events
    without a value last, then newest first), and the number of events the filter holds."""
    check_page(sort, order, offset, size)
    sa, e = store.sa, store.t["events"]
    with store.engine.connect() as con:
        total = con.execute(_count(store, f)).scalar_one()
        ids = _walked(store, con, f, sort, order, offset, size, total) if f.actor and total else None
        if ids is None:  # the page's ids from an index alone (migrations.filter_indexes), then those rows only
            ids = con.execute(filtered(store, f, [e.c.id]).order_by(*_keys(e.c, sort, order))
                              .offset(offset).limit(size)).scalars().all()
        rows = [dict(r._mapping) for r in con.execute(sa.select(*[e.c[c] for c in ROW_COLUMNS])
                                                       .where(e.c.id.in_(ids)).order_by(*_keys(e.c, sort, order)))]
    return Page(rows, total, offset, size, sort, order == "desc")


def _count(store: Store, f: Filters):
    """How many events pass the filters: an actor alone is counted in the actor index, without the events."""
    sa, e, ea = store.sa, store.t["events"], store.t["event_actors"]
    if f.actor and replace(f, actor=None, limit=None) == Filters():
        return sa.select(sa.func.count(sa.distinct(ea.c.event_id))).where(actor_is(store, f.actor))
    return sa.select(sa.func.count()).select_from(filtered(store, f, [e.c.id]).subquery())


def _keys(columns, sort: str, order: str) -> list:
    """The order of a list: the sort column (its empty values last), then newest first, then id."""
    column = columns[SORTS[sort]]
    first = column.desc() if order == "desc" else column.asc()
    if sort == "date" and order == "desc":
        # in SQLite a NULL is the smallest value, so DESC puts the undated last already, and the index serves it
        return [first, columns["id"]]
    return [first.nulls_last(), columns["date_start"].desc(), columns["id"]]


WALK_FLOOR = 1000


def _walked(store, con, f: Filters, sort: str, order: str, offset: int, size: int, total: int) -> list | None:
    """A page of an actor's events found by walking the order's index and asking each event whether the
    actor fought in it, within a window of the first events that pass the other filters: where the
    actor is in many events, a few thousand steps find the page, where listing the actor's events
    and sorting them all takes tens of milliseconds. None where the window holds too few of them (the
    actor's events lie further on, or are few): the caller lists them instead."""
    sa, e = store.sa, store.t["events"]
    everything = con.execute(sa.select(sa.func.count()).select_from(e)).scalar_one()
    reach = max(WALK_FLOOR, 4 * (offset + size) * everything // total)
    if reach >= everything // 2:
        return None
    cols = {c: e.c[c] for c in {SORTS[sort], "date_start", "id"}}
    window = (filtered(store, replace(f, actor=None), [*cols.values(), acted_in(store, f.actor).label("hit")])
              .order_by(*_keys(e.c, sort, order)).limit(reach).subquery())
    ids = con.execute(sa.select(window.c.id).where(window.c.hit).order_by(*_keys(window.c, sort, order))
                      .offset(offset).limit(size)).scalars().all()
    return ids if len(ids) == size or offset + len(ids) >= total else None


def timeline(store: Store, f: Filters, by: str = "side") -> dict:
    """Per month (``YYYY-MM`` of the start date): the filter's events, and its people by side (the best
    estimates of killed) or by category (every category's best estimates, all sides summed). Events
    dated to the year only are counted apart (``year_only``)."""
    if by not in ("side", "category"):
        raise BadArgument(f"by '{by}' is neither side nor category", path="--by")
    sa, e, es = store.sa, store.t["events"], store.t["estimates"]
    month = sa.func.substr(e.c.date_start, 1, 7).label("month")
    counts = filtered(store, f, [month, sa.func.count()]).group_by(month)
    key = es.c.side if by == "side" else es.c.category
    if f == Filters():  # every event: the estimates alone, in their month index's order
        people = (sa.select(es.c.month, key, sa.func.sum(es.c.best)).where(es.c.best.is_not(None))
                  .group_by(es.c.month, key))
    else:
        people = (filtered(store, f, [month, key, sa.func.sum(es.c.best)]).join(es, es.c.event_id == e.c.id)
                  .where(es.c.best.is_not(None)).group_by(month, key))
    if by == "side":
        people = people.where(es.c.category == "killed")
    months: dict[str, dict] = {}
    year_only = 0
    with store.engine.connect() as con:
        for m, n in con.execute(counts):
            if m is None or len(m) < 7:
                year_only += n
                continue
            months[m] = {"month": m, "events": n, "people": {}}
        for m, k, n in con.execute(people):
            if m in months and n:
                months[m]["people"][k] = n
    seen = {k for m in months.values() for k in m["people"]}
    order = SIDES if by == "side" else CATEGORIES
    keys = [k for k in order if k in seen] + sorted(seen - set(order))
    return {"by": by, "keys": keys, "months": [months[m] for m in sorted(months)], "year_only": year_only}


def places(store: Store, f: Filters) -> dict:
    """The filter's events on a map, as GeoJSON (RFC 7946): each event at its main place (its first
    location) where that has a point, one point per place and event type, with the number of events
    and their killed (best estimates). A point of one event names it."""
    sa, e, loc = store.sa, store.t["events"], store.t["locations"]
    q = (filtered(store, f, [loc.c.lat, loc.c.lon, sa.func.min(loc.c.name), e.c.event_type, sa.func.count(),
                             sa.func.sum(e.c.deaths_best), sa.func.min(e.c.id), sa.func.min(e.c.title)])
         .join(loc, sa.and_(loc.c.event_id == e.c.id, loc.c.position == 0)).where(loc.c.lat.is_not(None))
         .group_by(loc.c.lat, loc.c.lon, e.c.event_type))
    features = []
    with store.engine.connect() as con:
        for lat, lon, name, kind, n, killed, eid, title in con.execute(q):
            one = n == 1
            features.append({"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]},
                             "properties": {"place": name, "event_type": kind, "events": n, "killed": killed or 0,
                                            "event_id": eid if one else None, "title": title if one else None}})
    return {"type": "FeatureCollection", "features": features}


def document(store: Store, event_id: str) -> dict | None:
    """The document an event was read from: its provenance and its text (the offsets' text)."""
    sa, d, e = store.sa, store.t["documents"], store.t["events"]
    q = (sa.select(d.c.id, d.c.path, d.c.format, d.c.title, d.c.sha256, d.c.licence, d.c.page_id, d.c.revision_id,
                   d.c.ingested_at, d.c.text)
         .select_from(e.join(d, d.c.id == e.c.document_id)).where(e.c.id == event_id))
    with store.engine.connect() as con:
        row = con.execute(q).first()
    return None if row is None else {**row._mapping, "text": row.text or ""}


def neighbours(store: Store, event_id: str) -> list[dict]:
    """The other events read from the same document (the main event and the related ones), by date."""
    sa, e = store.sa, store.t["events"]
    doc = sa.select(e.c.document_id).where(e.c.id == event_id).scalar_subquery()
    q = (sa.select(e.c.id, e.c.role, e.c.title, e.c.date_start, e.c.deaths_best)
         .where(e.c.document_id == doc, e.c.id != event_id).order_by(e.c.role, e.c.date_start, e.c.id))
    with store.engine.connect() as con:
        return [dict(r._mapping) for r in con.execute(q)]
