"""Datasette's metadata for a SQLite store (``warlog datasette-metadata``): titles, descriptions of every
table and column, units, the label a row is shown by, facets, and canned queries.

    warlog datasette-metadata --db warlog.db --out metadata.json && datasette warlog.db -m metadata.json

Datasette finds the search tables itself (``documents_fts`` and ``claims_fts`` are declared with
``content="documents"`` and ``content="claims"``) and links rows by the store's foreign keys: a claim
names its event, an event's page lists its claims, places, actors and estimates.
"""
from __future__ import annotations

import json
from pathlib import Path

import yaml

from .errors import BadArgument
from .store import Store, sqlite_path

EVENTS_BY_ACTOR = """\
select e.id, e.date_start, e.title, e.country, e.sub_event_type, ea.side, ea.name as actor_as_written,
  e.deaths_low, e.deaths_best, e.deaths_high
from event_actors ea join events e on e.id = ea.event_id
where ea.actor_id = lower(:actor) or lower(ea.name) = lower(:actor)
  or ea.actor_id in (select id from actors where lower(name) = lower(:actor))
order by e.date_start desc"""

CLAIMS_IN_DISAGREEMENT = """\
select c.event_id, e.title, c.side, c.category, c.low, c.high, c.qualifier, c.sources, c.via, c.stated_on,
  c.origin, c.text, c.start, c."end"
from claims c join events e on e.id = c.event_id
where c.qualifier != 'vague' and exists (
  select 1 from claims d
  where d.event_id = c.event_id and d.side = c.side and d.category = c.category and d.qualifier != 'vague'
    and (coalesce(d.low, -1) != coalesce(c.low, -1) or coalesce(d.high, -1) != coalesce(c.high, -1)))
order by e.date_start desc, c.event_id, c.category, c.side, c.low"""

PEOPLE = "people (best estimate of those killed, all sides)"
TABLES = {
    "documents": {
        "title": "Documents",
        "description": "The articles read, one row each, with their provenance and full text (search it).",
        "label_column": "title", "sort_desc": "ingested_at",
        "columns": {"id": "Its key: the absolute path, or page:ID for a dump's page", "path": "Where it was read",
                    "format": "infobox-text, rendered-page, wikitext, html or text", "title": "The article's title",
                    "sha256": "Digest of its bytes", "licence": "The text's licence",
                    "page_id": "MediaWiki page id (dumps)", "revision_id": "MediaWiki revision id (dumps)",
                    "text": "The decoded text: every claim's start and end count characters in it",
                    "ingested_at": "When it was stored (UTC)"},
    },
    "events": {
        "title": "Events",
        "description": "One row an event: an article's main event and the related events it mentions. "
                       "`record` holds the whole contract record as JSON.",
        "label_column": "title", "sort_desc": "date_start",
        "facets": ["country_code", "event_type", "role", "year"],
        "columns": {"id": "Stable across edits of the article's text", "document_id": "The article it was read from",
                    "role": "main (the article's own event) or related", "date_start": "First day (YYYY[-MM[-DD]])",
                    "date_end": "Last day", "date_precision": "day, month or year", "year": "Year of date_start",
                    "country_code": "ISO 3166-1 alpha-2", "event_type": "ACLED event type",
                    "sub_event_type": "ACLED sub-event type", "violence_type": "UCDP: 1 state-based, 2 non-state, "
                    "3 one-sided", "type_rule": "The rule of data/event_types.yaml that typed it",
                    "winner": "A, B or empty", "side_a": "Side A's actors", "side_b": "Side B's actors",
                    "deaths_low": "Killed, low estimate, all sides", "deaths_best": "Killed, " + PEOPLE,
                    "deaths_high": "Killed, high estimate, all sides", "record": "The event contract's JSON"},
    },
    "claims": {
        "title": "Claims",
        "description": "Every casualty figure, one per mention, with who made it and the exact characters "
                       "of the article it was read from (search their words).",
        "label_column": "text", "facets": ["category", "side", "origin", "qualifier"],
        "columns": {"event_id": "The event it counts for", "position": "Its index among the event's claims",
                    "side": "Whose people: A, B, civilians, unknown", "subject": "Who exactly",
                    "category": "killed, wounded, captured, missing or casualties",
                    "low": "Lower figure (null: none given)", "high": "Upper figure (null: none given)",
                    "qualifier": "exact, approx, range, at_least, at_most, vague",
                    "sources": "Who made the claim", "via": "Who relayed it", "stated_on": "When it was made",
                    "origin": "infobox or prose", "text": "Its words: documents.text[start:end]",
                    "start": "Offset of its first character in the document's text",
                    "end": "Offset just past its last character", "extractor": "The rule that read it",
                    "revises": "Position of the claim it revises"},
    },
    "estimates": {
        "title": "Estimates",
        "description": "Low, best and high per event, category and side, derived from the claims by the "
                       "rules in the README (Estimates).",
        "facets": ["category", "side"],
        "columns": {"vague": "1 when only vague figures were given", "claims": "How many claims it rests on"},
    },
    "event_actors": {"title": "Actors of events", "description": "Who fought on each side of each event.",
                     "facets": ["side", "kind"], "label_column": "name"},
    "actors": {"title": "Actors", "description": "The registry's actors met in the events (unknown:NAME when "
               "an actor is kept as written).", "label_column": "name", "facets": ["kind"]},
    "locations": {"title": "Places", "description": "Every place of every event, main place first (position 0).",
                  "label_column": "name", "units": {"lat": "degrees", "lon": "degrees"},
                  "columns": {"precision": "UCDP where_prec: 1 exact place ... 6 country",
                              "geo_source": "Where the point comes from"}},
    "claim_sources": {"title": "Claimants", "description": "Who made (source) or relayed (via) each claim.",
                      "facets": ["role", "kind"], "label_column": "name"},
    "failures": {"title": "Failures", "description": "Documents that could not be read, with the reason.",
                 "facets": ["code"]},
    "meta": {"hidden": True}, "dump_streams": {"hidden": True},
}


def metadata(name: str) -> dict:
    """Datasette's metadata for a store that Datasette names ``name`` (its file name without ``.db``)."""
    return {
        "title": "warlog: conflict events and their casualty claims",
        "description": "Events read from articles on armed attacks; every casualty figure kept as a claim "
                       "with its claimant and its exact place in the article.",
        "databases": {name: {
            "tables": TABLES,
            "queries": {
                "events_by_actor": {"title": "Events by actor", "sql": EVENTS_BY_ACTOR,
                                    "description": "Events an actor fought in, newest first: a registry id "
                                                   "(jnim, mali, wagner_group), its name, or a name as written."},
                "claims_in_disagreement": {"title": "Claims in disagreement", "sql": CLAIMS_IN_DISAGREEMENT,
                                           "description": "Claims on the same event, side and category that "
                                                          "give different figures (vague ones aside)."},
            },
        }},
    }


def write(store: Store, out: str | None = None) -> str:
    """The metadata of a SQLite store as JSON (YAML when ``out`` ends in .yml or .yaml), written to ``out``
    when given; the text either way."""
    path = sqlite_path(store.url)
    if path is None:
        raise BadArgument("Datasette opens SQLite files; this store is a server database", path="--db")
    meta = metadata(path.stem if path.suffix == ".db" else path.name)
    yaml_out = out is not None and out.endswith((".yml", ".yaml"))
    text = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True) if yaml_out else \
        json.dumps(meta, indent=2, ensure_ascii=False) + "\n"
    if out is not None:
        from .export import write_whole

        write_whole(out, [(Path(out), lambda tmp: tmp.write_text(text, encoding="utf-8"))])
    return text
