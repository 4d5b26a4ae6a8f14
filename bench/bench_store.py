"""The store's speed: ingest throughput, and a filtered query over 100,000 events.

    python bench/bench_store.py [--events 100000] [--db URL]

Ingest: N distinct documents (the sample articles, each copied with a line more) into a fresh
SQLite file, beside the floor of extracting the same documents without storing them, in the same run.
Query: 100,000 events made by varying the real extracted events (dates, countries, actors, deaths)
and written straight into the tables, then `warlog events --actor JNIM --since 2020 --min-killed 10`
and a full-text query, best of five.
"""
from __future__ import annotations

import argparse
import json
import random
import tempfile
import time
from pathlib import Path

import warlog
from warlog import pipeline, query, store
from warlog.query import Filters

ROOT = Path(__file__).resolve().parent.parent


def corpus(folder: Path, n: int) -> None:
    src = sorted((ROOT / "samples/seeds").iterdir()) + sorted((ROOT / "samples/wikitext").iterdir())
    for i in range(n):
        s = src[i % len(src)]
        (folder / f"{i:05d}_{s.name}").write_text(s.read_text(encoding="utf-8") + f"\nCopy {i}.\n", encoding="utf-8")


def bench_ingest(n: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        docs = Path(tmp) / "docs"
        docs.mkdir()
        corpus(docs, n)
        warlog.extract(ROOT / "samples/seeds")  # references loaded outside the timing
        t = time.perf_counter()
        for _ in pipeline.run([docs]):
            pass
        floor = time.perf_counter() - t
        t = time.perf_counter()
        pipeline.ingest([docs], store.Store(str(Path(tmp) / "w.db")))
        took = time.perf_counter() - t
        t = time.perf_counter()
        pipeline.ingest([docs], store.Store(str(Path(tmp) / "w.db")))
        again = time.perf_counter() - t
    print(f"ingest: {n / took:8.1f} documents/s  (extraction alone {n / floor:.1f}/s: storing costs "
          f"{(took - floor) / n * 1000:.1f} ms a document; a rerun of unchanged documents {n / again:.0f}/s)")


def fill(s: store.Store, n: int, records: bool = False) -> None:
    """n events varied from the seeds' into the tables; with ``records`` each keeps its seed event's
    contract record (id and title its own), so the rows are as large as real ones."""
    base = [e for e in warlog.extract(ROOT / "samples/seeds")]

    def record(e, eid: str, title: str) -> str:
        return json.dumps({**e.to_dict(), "id": eid, "title": title}, ensure_ascii=False) if records else "{}"

    rng = random.Random(1)
    countries = [("Mali", "ML"), ("Burkina Faso", "BF"), ("Niger", "NE")]
    actors_pool = [("jnim", "Jama'at Nasr al-Islam wal Muslimin", "armed_group"), ("isgs", "IS Sahel", "armed_group"),
                   ("mali", "Mali", "state"), ("burkina_faso", "Burkina Faso", "state"), ("niger", "Niger", "state")]
    ev_rows, ea_rows = [], []
    for i in range(n):
        e = base[i % len(base)]
        year = rng.randint(2012, 2025)
        country, code = rng.choice(countries)
        best = rng.randint(0, 120)
        eid = f"bench{i:07d}"
        ev_rows.append({"id": eid, "document_id": f"bench:{i // 3}", "role": e.role, "title": f"{e.title} #{i}",
                        "part_of": e.part_of, "date_start": f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                        "date_end": None, "date_precision": "day", "year": year, "country": country,
                        "country_code": code, "event_type": e.event_type, "sub_event_type": e.sub_event_type,
                        "violence_type": e.violence_type, "type_rule": e.type_rule, "result": None, "winner": None,
                        "side_a": None, "side_b": None, "deaths_low": best // 2, "deaths_best": best,
                        "deaths_high": best + 5, "record": record(e, eid, f"{e.title} #{i}")})
        for side, (aid, name, kind) in zip("AB", rng.sample(actors_pool, 2)):
            ea_rows.append({"event_id": eid, "side": side, "actor_id": aid, "name": name, "kind": kind})
    docs = [{"id": f"bench:{i}", "path": f"bench:{i}", "format": "text", "title": "t", "sha256": "",
             "text": "a suicide bombing" if i % 97 == 0 else "an ambush"} for i in range((n + 2) // 3)]
    with s.engine.begin() as con:  # parents first: PostgreSQL checks the foreign keys
        con.execute(s.t["documents"].insert(), docs)  # SQLite's search table follows by its trigger
        con.execute(s._insert_new(s.t["actors"]), [{"id": a, "name": name, "kind": kind} for a, name, kind in actors_pool])
        con.execute(s.t["events"].insert(), ev_rows)
        con.execute(s.t["event_actors"].insert(), ea_rows)


def timed(fn, rounds=5) -> tuple[float, int]:
    best, n = float("inf"), 0
    for _ in range(rounds):
        t = time.perf_counter()
        n = len(fn())
        best = min(best, time.perf_counter() - t)
    return best, n


def bench_query(n: int, url: str | None) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        s = store.Store(url or f"sqlite:///{tmp}/q.db")
        t = time.perf_counter()
        fill(s, n)
        print(f"filled {n} events in {time.perf_counter() - t:.1f} s")
        for label, f in [("--actor JNIM --since 2020 --min-killed 10", Filters(actor="JNIM", since="2020", min_killed=10)),
                         ("--country BF --type 'Armed clash' --until 2019", Filters(country="BF", type="Armed clash", until="2019")),
                         ("--text suicide", Filters(text="suicide"))]:
            took, rows = timed(lambda: query.events(s, f))
            print(f"query over {n} events: {took * 1000:7.1f} ms, {rows} rows  ({label})")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--documents", type=int, default=300)
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--db", help="a database URL for the query benchmark (default: a temporary SQLite file)")
    args = ap.parse_args()
    bench_ingest(args.documents)
    bench_query(args.events, args.db)


if __name__ == "__main__":
    main()
