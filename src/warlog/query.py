"""Reading the store: filtered event lists, one event with its claims by claimant, full-text search."""
from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass

from .errors import BadArgument
from .store import Store


@dataclass
class Filters:
    country: str | None = None  # name or ISO code
    actor: str | None = None  # registry id, name or alias
    since: str | None = None  # YYYY, YYYY-MM or YYYY-MM-DD
    until: str | None = None
    type: str | None = None  # ACLED event or sub-event type
    min_killed: int | None = None
    text: str | None = None
    role: str | None = None
    limit: int | None = None

    @classmethod
    def parse(cls, *, country=None, actor=None, since=None, until=None, type=None, min_killed=None, text=None,
              role=None, limit=None) -> "Filters":
        """Filters from what a user typed, checked and put in the store's terms (a country as its alpha-2
        code, a type as ACLED spells it); BadArgument names the option that is wrong and why."""
        return cls(country=_country(country), actor=actor, since=_date("since", since), until=_date("until", until),
                   type=_event_type(type), min_killed=_at_least("min-killed", min_killed, 0), text=_words(text),
                   role=_role(role), limit=_at_least("limit", limit, 1))


_ISO_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def _date(option: str, value: str | None) -> str | None:
    if value is None:
        return None
    m = _ISO_DATE.fullmatch(value.strip())
    if not m:
        raise BadArgument(f"'{value}' is not a date: use YYYY, YYYY-MM or YYYY-MM-DD", path=f"--{option}")
    try:
        dt.date(int(m[1]), int(m[2] or 1), int(m[3] or 1))
    except ValueError as exc:
        raise BadArgument(f"'{value}' is not a real date ({exc})", path=f"--{option}") from None
    return m[0]


def _country(value: str | None) -> str | None:
    from .countries import code_of

    if value is None:
        return None
    code = code_of(value)
    if code is None:
        raise BadArgument(f"unknown country '{value}': give its name or ISO code (Mali, ML, MLI)", path="--country")
    return code


def _event_type(value: str | None) -> str | None:
    from .event_types import known

    if value is None:
        return None
    by_folded = {t.casefold(): t for t in known()}
    if value.strip().casefold() not in by_folded:
        raise BadArgument(f"unknown event type '{value}'; known: {', '.join(known())}", path="--type")
    return by_folded[value.strip().casefold()]


def _known_type(value: str) -> str:
    """A type as data/event_types.yaml spells it, whatever its case (or as given when it is none of them)."""
    from .event_types import known

    return {t.casefold(): t for t in known()}.get(value.strip().casefold(), value)


def _at_least(option: str, value: int | None, floor: int) -> int | None:
    if value is not None and value < floor:
        raise BadArgument(f"must be {floor} or more (got {value})", path=f"--{option}")
    return value


def _words(value: str | None) -> str | None:
    # full-text search matches words: a query of spaces or punctuation would match nothing, silently
    if value is not None and not any(ch.isalnum() for ch in value):
        raise BadArgument(f"nothing to search for in '{value}': give a word", path="--text")
    return value


def _role(value: str | None) -> str | None:
    if value is not None and value not in ("main", "related"):
        raise BadArgument(f"role '{value}' is neither main nor related", path="--role")
    return value


ROW_COLUMNS = ("id", "role", "date_start", "date_end", "title", "country", "country_code", "event_type",
               "sub_event_type", "side_a", "side_b", "deaths_low", "deaths_best", "deaths_high", "document_id")


def events(store: Store, f: Filters) -> list[dict]:
    """Events matching every filter given, newest first, as flat rows."""
    e = store.t["events"]
    q = filtered(store, f, [e.c[c] for c in ROW_COLUMNS]).order_by(e.c.date_start.desc(), e.c.id)
    if f.limit:
        q = q.limit(f.limit)
    with store.engine.connect() as con:
        return [dict(r._mapping) for r in con.execute(q)]


def filtered(store: Store, f: Filters, columns: list):
    """A SELECT of ``columns`` over the events that pass every filter of ``f`` (its limit aside)."""
    sa, e = store.sa, store.t["events"]
    q = sa.select(*columns).select_from(e)
    if f.country:  # Filters.parse makes it a code; a name is matched as a name, in any case
        q = q.where(e.c.country_code == f.country.upper() if len(f.country) == 2
                    else sa.func.lower(e.c.country) == f.country.lower())
    if f.actor:
        q = q.where(e.c.id.in_(_actor_events(store, f.actor)))
    if f.since:
        q = q.where(e.c.date_start >= f.since)
    if f.until:
        q = q.where(e.c.date_start <= _end_of(f.until))
    if f.type:  # stored as data/event_types.yaml spells it: compared as it is, an index serves it
        kind = _known_type(f.type)
        q = q.where(sa.or_(e.c.event_type == kind, e.c.sub_event_type == kind))
    if f.min_killed is not None:
        q = q.where(e.c.deaths_best >= f.min_killed)
    if f.role:
        q = q.where(e.c.role == f.role)
    if f.text:
        q = q.where(e.c.id.in_(list(search(store, f.text))))
    return q


def _end_of(until: str) -> str:
    # "2023" and "2023-05" include the whole year or month
    return until + {4: "-12-31", 7: "-31"}.get(len(until), "")


def _actor_events(store: Store, actor: str):
    """The ids of the events an actor fought in (a list the database draws from its actor index)."""
    ea = store.t["event_actors"]
    return store.sa.select(ea.c.event_id).where(actor_is(store, actor))


def acted_in(store: Store, actor: str):
    """True of an event the actor fought in, asked of each event in turn (a correlated EXISTS): cheaper than
    ``_actor_events`` where an index is walked in order and the actor is in many of its events."""
    ea, e = store.t["event_actors"], store.t["events"]
    return store.sa.exists().where(ea.c.event_id == e.c.id, actor_is(store, actor))


def actor_is(store: Store, actor: str):
    """The condition on an ``event_actors`` row that it is the actor: its registry id (from any of its
    names), or the name as written, in any case."""
    from .actors import load

    sa, ea = store.sa, store.t["event_actors"]
    rec = load().lookup(actor)
    ids = {actor.lower()} | ({rec.id} if rec else set())
    return sa.or_(ea.c.actor_id.in_(ids), sa.func.lower(ea.c.name) == actor.lower())


def search(store: Store, text: str) -> set[str]:
    """Ids of events whose article or claim text matches: a hit in an article's text is its main event."""
    with store.engine.connect() as con:
        if store.sqlite:
            query = " ".join('"' + w.replace('"', '""') + '"' for w in text.split())
            docs = con.exec_driver_sql("SELECT id FROM documents WHERE rowid IN "
                                       "(SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?)",
                                       (query,)).scalars().all()
            claims = con.exec_driver_sql("SELECT event_id FROM claims WHERE rowid IN "
                                         "(SELECT rowid FROM claims_fts WHERE claims_fts MATCH ?)",
                                         (query,)).scalars().all()
        else:
            docs = con.execute(store.sa.text(
                "SELECT id FROM documents WHERE to_tsvector('english', coalesce(title,'') || ' ' || coalesce(text,'')) "
                "@@ plainto_tsquery('english', :q)"), {"q": text}).scalars().all()
            claims = con.execute(store.sa.text(
                "SELECT event_id FROM claims WHERE to_tsvector('english', coalesce(text,'')) "
                "@@ plainto_tsquery('english', :q)"), {"q": text}).scalars().all()
        e = store.t["events"]
        mains = con.execute(store.sa.select(e.c.id).where(e.c.document_id.in_(docs), e.c.role == "main")).scalars()
        return set(mains) | set(claims)


def show(store: Store, event_id: str) -> dict | None:
    """One event's record, with its claims grouped by claimant and each claim's sentence."""
    sa, t = store.sa, store.t
    with store.engine.connect() as con:
        row = con.execute(sa.select(t["events"].c.record, t["documents"].c.text)
                          .join(t["documents"], t["documents"].c.id == t["events"].c.document_id)
                          .where(t["events"].c.id == event_id)).first()
    if row is None:
        return None
    record, text = json.loads(row[0]), row[1] or ""
    by_claimant: dict[str, list[dict]] = {}
    for i, c in enumerate(record["claims"]):
        by_claimant.setdefault(claimant(c), []).append(
            {**c, "index": i, "sentence": sentence_around(text, c["start"], c["end"])})
    return {"event": record, "claims_by_claimant": by_claimant}


def claimant(claim: dict) -> str:
    """Who makes a claim (of the contract's JSON), as the ledger groups it: "RFI, JNIM", "AFP via
    Reuters", or "(unattributed)"."""
    who = ", ".join(s["name"] for s in claim["sources"]) or "(unattributed)"
    if claim["via"]:
        who += " via " + ", ".join(v["name"] for v in claim["via"])
    return who


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence (or infobox line) that holds ``text[start:end]``."""
    left = max(text.rfind(". ", 0, start) + 2, text.rfind("\n", 0, start) + 1, 0)
    stops = [i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0]
    right = min(stops) + 1 if stops else len(text)
    return text[left:right].strip()
