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


@pytest.fixture(scope="module")
def many(tmp_path_factory):
    """3,000 made-up events, each with two of five actors (one of them in four events of five; one in a few;
    a third actor in the early years only), in SQLite: enough for a page of an actor's events to be
    found by walking the order's index (browse._walked), and for such a walk to come back empty-handed."""
    import random

    s = store.Store(f"sqlite:///{tmp_path_factory.mktemp('many') / 'warlog.db'}")
    rng = random.Random(7)
    pool = [("jnim", "JNIM"), ("mali", "Mali"), ("isgs", "IS Sahel"), ("niger", "Niger"), ("rare", "Rare Group"),
            ("early", "Early Front")]
    events, actors = [], []
    for i in range(3000):
        eid = f"e{i:05d}"
        events.append({"id": eid, "document_id": "doc", "role": "main", "title": rng.choice(["Raid", "Ambush", None]),
                       "date_start": rng.choice([None, f"{rng.randint(2010, 2024)}-{rng.randint(1, 12):02d}-01"]),
                       "country_code": rng.choice(["ML", "BF"]), "deaths_best": rng.choice([None, rng.randint(0, 99)]),
                       "sub_event_type": rng.choice(["Armed clash", "Attack"]), "record": "{}"})
        mali = rng.random() < 0.8
        chosen = [pool[1]] if mali else []
        chosen += rng.sample([pool[0], pool[2], pool[3]] + ([pool[4]] if i % 97 == 0 else []), 2 - len(chosen))
        if (events[-1]["date_start"] or "9") < "2017":  # an actor of the early years only
            chosen.append(("early", "Early Front"))
        actors += [{"event_id": eid, "side": side, "actor_id": aid, "name": name, "kind": "x"}
                   for side, (aid, name) in zip("ABC", chosen)]
    with s.engine.begin() as con:
        con.execute(s.t["documents"].insert(), [{"id": "doc", "text": ""}])
        con.execute(s.t["actors"].insert(), [{"id": a, "name": n, "kind": "x"} for a, n in pool])
        con.execute(s.t["events"].insert(), events)
        con.execute(s.t["event_actors"].insert(), actors)
    s.analyze()
    return s


def _reference(rows, sort, order):
    """The order browse.page promises, computed in Python: the sort column (empty last), newest first, id."""
    col = browse.SORTS[sort]
    rows = sorted(rows, key=lambda r: r["id"])
    rows.sort(key=lambda r: r["date_start"] or "", reverse=True)
    rows.sort(key=lambda r: r["date_start"] is None)
    if sort != "date" or order != "desc":  # Python's sort is stable, reversed too
        rows = sorted((r for r in rows if r[col] is not None), key=lambda r: r[col], reverse=order == "desc") + \
            [r for r in rows if r[col] is None]
    return [r["id"] for r in rows]


@pytest.mark.parametrize("actor,since", [("Mali", None), ("JNIM", "2015"), ("Rare Group", None), ("Early Front", None)])
@pytest.mark.parametrize("sort,order", [("date", "desc"), ("date", "asc"), ("killed", "desc"), ("title", "asc")])
@pytest.mark.parametrize("offset", [0, 150])
def test_browse_page_of_an_actor_is_the_same_however_found(many, monkeypatch, actor, since, sort, order, offset):
    walked = []
    real = browse._walked
    monkeypatch.setattr(browse, "_walked", lambda *a: walked.append(real(*a)) or walked[-1])
    monkeypatch.setattr(browse, "WALK_FLOOR", 100)
    f = Filters.parse(actor=actor, since=since)
    page = browse.page(many, f, sort=sort, order=order, offset=offset, size=40)
    expected = _reference(query.events(many, f), sort, order)
    assert [r["id"] for r in page.rows] == expected[offset:offset + 40] and page.total == len(expected)
    assert walked[0] is not None or actor != "Mali"  # found by walking where the actor is in most events


def test_browse_timeline_of_every_event_is_the_sum_over_the_filters(seeded):
    """The unfiltered timeline reads the estimates alone (their month): it says what the filtered one says."""
    everything = browse.timeline(seeded, Filters())
    mains, related = (browse.timeline(seeded, Filters(role=r)) for r in ("main", "related"))
    summed = {}
    for tl in (mains, related):
        for m in tl["months"]:
            for k, n in m["people"].items():
                summed[(m["month"], k)] = summed.get((m["month"], k), 0) + n
    assert {(m["month"], k): n for m in everything["months"] for k, n in m["people"].items()} == summed
