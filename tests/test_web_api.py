"""The web explorer in-process (Starlette's test client) over a store of the seeds: the JSON API, the
downloads, the error answers, the security headers, and hostile text escaped in the pages."""
from __future__ import annotations

import csv
import io
import json

import pytest

from conftest import ROOT, SAMPLES

pytest.importorskip("starlette")
pytest.importorskip("httpx2")
from starlette.testclient import TestClient  # noqa: E402

import warlog  # noqa: E402
from warlog import browse, pipeline, store, web  # noqa: E402
from warlog.web.app import CSP  # noqa: E402

SEEDS = SAMPLES / "seeds"
HOSTILE = ROOT / "tests" / "web" / "hostile_article.txt"


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("web") / "warlog.db"
    pipeline.ingest([SEEDS, HOSTILE], store.Store(str(path)))
    return str(path)


@pytest.fixture(scope="module")
def client(db):
    with TestClient(web.create_app(store.read_only(store.open_for_reading(db)))) as c:
        yield c


@pytest.fixture(scope="module")
def seeds():
    return {e.id: e for e in warlog.extract(SEEDS)}


@pytest.fixture(scope="module")
def kwala(seeds):
    return next(e for e in seeds.values() if e.title == "Kwala attack")


def hostile_id(client) -> str:
    return client.get("/api/events", params={"text": "gunmen"}).json()["events"][0]["id"]


def test_web_api_events_lists_the_seeds(client, seeds):
    body = client.get("/api/events", params={"size": 100}).json()
    ids = {r["id"] for r in body["events"]}
    assert ids - {hostile_id(client)} == set(seeds) and len(seeds) == 11
    assert body["total"] == 12 and (body["offset"], body["sort"], body["order"]) == (0, "date", "desc")


@pytest.mark.parametrize("params,titles", [
    ({"text": "suicide"}, {"Kwala attack"}),
    ({"type": "suicide bomb"}, {"Kwala attack"}),
    ({"min_killed": "30", "role": "main"}, {"Kwala attack", "Sokoura attack", "Diafarabé and Koumara attacks"}),
    ({"country": "MLI", "until": "2015", "role": "main"}, {"2015 Nampala raid"}),
    ({"actor": "Wagner Group"}, {"Diafarabé and Koumara attacks"}),
    ({"since": "2023-01-05", "until": "2024-12", "text": "", "country": ""}, {"Kwala attack", "Diafarabé and Koumara attacks"}),
])
def test_web_api_events_filters(client, params, titles):
    body = client.get("/api/events", params=params).json()
    assert {r["title"] for r in body["events"]} == titles and body["total"] == len(titles)


def test_web_api_events_pages(client):
    everything = [r["id"] for r in client.get("/api/events", params={"size": 100}).json()["events"]]
    pages = [client.get("/api/events", params={"size": 5, "offset": o}).json()["events"] for o in (0, 5, 10)]
    assert [r["id"] for p in pages for r in p] == everything


def test_web_api_events_sorts_by_killed(client):
    rows = client.get("/api/events", params={"sort": "killed"}).json()["events"]
    killed = [r["deaths_best"] for r in rows if r["deaths_best"] is not None]
    assert killed == sorted(killed, reverse=True) and killed[0] == 45


def test_web_api_event_is_the_contract_record(client, kwala):
    record = client.get(f"/api/events/{kwala.id}").json()
    assert record == json.loads(kwala.to_json())
    assert [(c["text"], [s["name"] for s in c["sources"]]) for c in record["claims"][:2]] == [
        ("30–32 killed", ["RFI", "JNIM"]), ("Several dozen wounded", ["RFI"])]


def test_web_api_document_is_the_text_the_claims_point_into(client, kwala):
    doc = client.get(f"/api/events/{kwala.id}/document").json()
    assert all(doc["text"][c.start:c.end] == c.text for c in kwala.claims)
    assert {k: doc[k] for k in ("format", "title", "licence")} == {
        "format": "infobox-text", "title": "Kwala attack", "licence": "CC BY-SA 4.0 (Wikipedia)"}


@pytest.mark.parametrize("path", ["/api/events/nope", "/api/events/nope/document"])
def test_web_api_unknown_event_is_404(client, path):
    r = client.get(path)
    assert r.status_code == 404 and r.json()["error"]["code"] == "not-found"


@pytest.mark.parametrize("params,parameter,reason", [
    ({"country": "Narnia"}, "country", "unknown country 'Narnia'"),
    ({"since": "yesterday"}, "since", "'yesterday' is not a date"),
    ({"min_killed": "many"}, "min_killed", "'many' is not a whole number"),
    ({"min_killed": "-1"}, "min_killed", "must be 0 or more"),
    ({"type": "Picnic"}, "type", "unknown event type 'Picnic'"),
    ({"text": "?!"}, "text", "nothing to search for"),
    ({"role": "side"}, "role", "role 'side' is neither main nor related"),
    ({"sort": "colour"}, "sort", "cannot sort by 'colour'"),
    ({"size": "0"}, "size", "must be 1 to 500"),
])
def test_web_api_bad_filter_is_400_naming_the_parameter(client, params, parameter, reason):
    r = client.get("/api/events", params=params)
    error = r.json()["error"]
    assert (r.status_code, error["parameter"], error["code"]) == (400, parameter, "bad-argument")
    assert error["reason"].startswith(reason)


def test_web_api_timeline_counts_every_dated_event(client):
    body = client.get("/api/timeline").json()
    assert sum(m["events"] for m in body["months"]) + body["year_only"] == 12
    assert client.get("/api/timeline", params={"by": "category"}).json()["keys"][0] == "killed"
    assert client.get("/api/timeline", params={"by": "colour"}).status_code == 400


def test_web_api_map_is_geojson_of_located_events(client, kwala):
    r = client.get("/api/map", params={"text": "suicide"})
    assert r.headers["content-type"] == "application/geo+json"
    [point] = r.json()["features"]
    assert point["geometry"]["coordinates"] == [kwala.locations[0].lon, kwala.locations[0].lat]
    assert point["properties"]["event_id"] == kwala.id and point["properties"]["killed"] == 30


@pytest.mark.parametrize("fmt,check", [
    ("ged-csv", lambda body: [(r["best"], r["low"], r["high"]) for r in csv.DictReader(io.StringIO(body))]
     == [("30", "30", "32")]),
    ("acled-csv", lambda body: [r["fatalities"] for r in csv.DictReader(io.StringIO(body))] == ["30"]),
    ("geojson", lambda body: [f["properties"]["title"] for f in json.loads(body)["features"]] == ["Kwala attack"]),
    ("json", lambda body: [r["title"] for r in json.loads(body)] == ["Kwala attack"]),
])
def test_web_download_is_the_filter_in_each_format(client, fmt, check):
    r = client.get(f"/download/{fmt}", params={"text": "suicide"})
    assert r.status_code == 200 and r.headers["content-disposition"].startswith("attachment; filename=")
    assert check(r.text)


def test_web_download_unknown_format_is_404(client):
    assert client.get("/download/xlsx").json()["error"]["code"] == "not-found"


@pytest.mark.parametrize("path", ["/", "/events/nope", "/api/events", "/api/events/nope", "/static/style.css",
                                  "/static/world.geojson", "/no/such/page"])
def test_web_every_answer_carries_the_security_headers(client, path):
    headers = client.get(path).headers
    assert headers["content-security-policy"] == CSP and headers["x-content-type-options"] == "nosniff"
    assert "script-src 'self';" in CSP and "unsafe-inline" not in CSP and "require-trusted-types-for 'script'" in CSP


def test_web_pages_load_scripts_only_from_the_app(client, kwala):
    for path in ("/", f"/events/{kwala.id}"):
        html = client.get(path).text
        assert "<script>" not in html and " on" + "click=" not in html
        assert html.count("<script") == 1 and '<script type="module" src="/static/' in html


def test_web_event_page_shows_the_claims_beside_the_text(client, kwala):
    html = client.get(f"/events/{kwala.id}").text
    assert html.count('<tr class="claim"') == len(kwala.claims)
    assert '<mark data-claims="0" tabindex="0">30–32 killed</mark>' in html
    assert "CC BY-SA 4.0 (Wikipedia)" in html and "infobox-text" in html


def test_web_event_page_links_related_events_and_their_main_event(client, seeds):
    sokoura = next(e for e in seeds.values() if e.title == "Sokoura attack")
    related = [e for e in seeds.values() if e.document.path == sokoura.document.path and e.role == "related"]
    html = client.get(f"/events/{sokoura.id}").text
    assert all(f'href="/events/{e.id}"' in html for e in related) and related
    assert f'href="/events/{sokoura.id}"' in client.get(f"/events/{related[0].id}").text


def test_web_event_page_escapes_hostile_text(client):
    html = client.get(f"/events/{hostile_id(client)}").text
    body = html[html.index("<main>"):]
    assert "<script>window" not in body and "<img src=x" not in body and "<svg onload" not in body
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in body
    assert "&lt;i onclick=&#34;window.__pwned = 5&#34;&gt;officials&lt;/i&gt;" in body


def test_web_list_page_escapes_the_filter_it_is_given(client):
    html = client.get("/", params={"text": '"><script>alert(1)</script>'}).text
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_web_bad_filter_on_a_page_is_a_400_page(client):
    r = client.get("/", params={"country": "Narnia"})
    assert r.status_code == 400 and "unknown country" in r.text and r.headers["content-type"].startswith("text/html")


def test_web_internal_error_says_nothing_of_its_details(db, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("secret detail")

    monkeypatch.setattr(browse, "page", broken)
    with TestClient(web.create_app(store.open_for_reading(db)), raise_server_exceptions=False) as c:
        r = c.get("/api/events")
    assert r.status_code == 500 and r.json()["error"]["code"] == "internal" and "secret" not in r.text


def test_web_store_is_opened_read_only(db):
    s = store.read_only(store.open_for_reading(db))
    with pytest.raises(Exception, match="readonly|read-only"):
        s.fail("x.txt", "binary", "a test")
