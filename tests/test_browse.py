"""The store as the web explorer reads it (browse.py): pages, timeline, map points, documents, on the
seeds, against SQLite and PostgreSQL."""
from __future__ import annotations

import pytest

from conftest import SAMPLES

import warlog
from warlog import browse, pipeline, query, store
from warlog.errors import BadArgument
from warlog.query import Filters

SEEDS = SAMPLES / "seeds"


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def seeded(request, tmp_path_factory):
    """The seeds in each kind of store, once a module: these tests only read."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('browse') / 'warlog.db'}"
    else:
        url = request.getfixturevalue("postgres").new_database()
    pipeline.ingest([SEEDS], store.Store(url))
    return store.Store(url)


@pytest.fixture(scope="module")
def extracted():
    return warlog.extract(SEEDS)


def test_browse_page_counts_all_and_returns_a_page(seeded, extracted):
    first, second = browse.page(seeded, Filters(), size=4), browse.page(seeded, Filters(), offset=4, size=4)
    assert (first.total, len(first.rows), len(second.rows)) == (len(extracted), 4, 4)
    everything = [r["id"] for r in query.events(seeded, Filters())]
    assert [r["id"] for r in first.rows + second.rows] == everything[:8]


@pytest.mark.parametrize("sort,order", [("killed", "desc"), ("killed", "asc"), ("title", "asc"), ("date", "asc"),
                                        ("country", "asc"), ("type", "desc")])
def test_browse_page_sorts_with_the_empty_last(seeded, sort, order):
    rows = browse.page(seeded, Filters(), sort=sort, order=order).rows
    col = browse.SORTS[sort]
    values = [r[col] for r in rows if r[col] is not None]
    assert values == sorted(values, reverse=order == "desc")
    assert [r[col] for r in rows[len(values):]] == [None] * (len(rows) - len(values))


def test_browse_page_applies_the_filters(seeded):
    page = browse.page(seeded, Filters.parse(text="suicide"))
    assert (page.total, [r["title"] for r in page.rows]) == (1, ["Kwala attack"])


@pytest.mark.parametrize("kw,path", [({"sort": "colour"}, "--sort"), ({"order": "up"}, "--order"),
                                     ({"offset": -1}, "--offset"), ({"size": 0}, "--size"), ({"size": 501}, "--size")])
def test_browse_page_refuses_what_is_no_order_or_page(seeded, kw, path):
    with pytest.raises(BadArgument) as err:
        browse.page(seeded, Filters(), **kw)
    assert err.value.path == path


def test_browse_timeline_counts_events_and_killed_by_side(seeded, extracted):
    tl = browse.timeline(seeded, Filters())
    assert sum(m["events"] for m in tl["months"]) + tl["year_only"] == len(extracted)
    kwala = next(m for m in tl["months"] if m["month"] == "2024-02")
    assert kwala == {"month": "2024-02", "events": 1, "people": {"A": 30}}
    killed = sum(e["best"] or 0 for ev in extracted if len(ev.date_start or "") >= 7
                 for e in ev.estimates.get("killed", {}).values())
    assert sum(sum(m["people"].values()) for m in tl["months"]) == killed
    assert tl["keys"][:2] == ["A", "B"]


def test_browse_timeline_by_category(seeded):
    kwala = next(m for m in browse.timeline(seeded, Filters(), by="category")["months"] if m["month"] == "2024-02")
    assert kwala["people"] == {"killed": 30, "captured": 2}  # its wounded are vague: no figure


def test_browse_places_put_each_event_at_its_main_place(seeded, extracted):
    features = browse.places(seeded, Filters.parse(text="suicide"))["features"]
    assert len(features) == 1
    f = features[0]
    assert f["geometry"]["coordinates"] == [-7.46944, 14.47361]
    assert f["properties"] == {"place": "Kwala", "event_type": "Explosions/Remote violence", "events": 1,
                               "killed": 30, "event_id": f["properties"]["event_id"], "title": "Kwala attack"}
    located = [e for e in extracted if e.locations and e.locations[0].lat is not None]
    assert sum(f["properties"]["events"] for f in browse.places(seeded, Filters())["features"]) == len(located)


def test_browse_document_is_the_text_the_offsets_count_in(seeded):
    kwala = query.events(seeded, Filters(text="suicide"))[0]
    doc = browse.document(seeded, kwala["id"])
    rec = query.show(seeded, kwala["id"])["event"]
    assert all(doc["text"][c["start"]:c["end"]] == c["text"] for c in rec["claims"])
    assert (doc["format"], doc["licence"], doc["title"]) == ("infobox-text", "CC BY-SA 4.0 (Wikipedia)", "Kwala attack")
    assert browse.document(seeded, "nope") is None


def test_browse_neighbours_are_the_other_events_of_the_document(seeded, extracted):
    sokoura = next(e for e in extracted if e.title == "Sokoura attack")
    others = {e.id for e in extracted if e.document.path == sokoura.document.path} - {sokoura.id}
    near = browse.neighbours(seeded, sokoura.id)
    assert {r["id"] for r in near} == others and others
    related = next(iter(others))
    assert browse.neighbours(seeded, related)[0]["id"] == sokoura.id  # the main event first
