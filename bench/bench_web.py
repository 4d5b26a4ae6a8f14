"""The web explorer's speed over 100,000 stored events: the first page of a filter, measured as the
server's response time for the page and its API call.

    python bench/bench_web.py [--events 100000] [--rounds 20] [--keep DB]

The store: the 100,000 varied events of bench_store.py (dates, countries, actors, deaths), each given a
place and per-side estimates, and the seed articles ingested beside them. `warlog serve` runs in a
subprocess (uvicorn, as a user runs it); a client on the same machine asks for each filter's page
(`/?FILTER`) and the call its script makes (`/api/events?FILTER`) over one kept-alive connection, and
the time from sending a request to the last byte of its answer is taken. Median and worst of
``--rounds`` after one warm-up, per filter; the timeline's and the map's calls and an event page are
timed the same way. Where Chromium and Selenium are here, the browser's own Resource Timing (what
its network panel shows) is read for the same pages too.
"""
from __future__ import annotations

import argparse
import http.client
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import bench_store  # noqa: E402

from warlog import pipeline, query, store  # noqa: E402

FILTERS = [
    ("no filter", {}),
    ("actor JNIM, since 2020, min killed 10", {"actor": "JNIM", "since": "2020", "min_killed": "10"}),
    ("country BF, type Armed clash, until 2019", {"country": "BF", "type": "Armed clash", "until": "2019"}),
    ("actor Mali (40% of the events)", {"actor": "Mali"}),
    ("text suicide", {"text": "suicide"}),
    ("country ML, sorted by killed", {"country": "ML", "sort": "killed"}),
    ("since 2024-06, sorted by title ascending", {"since": "2024-06", "sort": "title", "order": "asc"}),
]


def fill(s: store.Store, n: int) -> None:
    """bench_store's events, each with a place and its killed split between sides A, B and civilians."""
    bench_store.fill(s, n, records=True)
    rng = random.Random(2)
    seeds = [(loc.name, loc.lat, loc.lon) for ev in bench_store.warlog.extract(ROOT / "samples/seeds")
             for loc in ev.locations if loc.lat is not None]
    # 600 villages around the seeds' places: events happen at a gazetteer's points, many at each
    points = [(f"{name} {i}", lat + rng.randint(-30, 30) / 10, lon + rng.randint(-30, 30) / 10)
              for i, (name, lat, lon) in enumerate(rng.choice(seeds) for _ in range(600))]
    e = s.t["events"]
    with s.engine.connect() as con:
        rows = con.execute(s.sa.select(e.c.id, e.c.deaths_best, e.c.date_start).where(e.c.id.like("bench%"))).all()
    locs, ests = [], []
    for eid, best, start in rows:
        name, lat, lon = rng.choice(points)
        locs.append({"event_id": eid, "position": 0, "name": name, "lat": lat, "lon": lon, "precision": 1})
        a = rng.randint(0, best or 0)
        b = rng.randint(0, (best or 0) - a)
        for side, k in (("A", a), ("B", b), ("civilians", (best or 0) - a - b)):
            ests.append({"event_id": eid, "month": start[:7], "category": "killed", "side": side, "low": k, "best": k,
                         "high": k, "vague": 0, "claims": 1})
    with s.engine.begin() as con:
        con.execute(s.t["locations"].insert(), locs)
        con.execute(s.t["estimates"].insert(), ests)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(db: str, port: int) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.Popen([sys.executable, "-m", "warlog", "serve", "--db", db, "--port", str(port)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    for _ in range(200):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
            return proc
        except OSError:
            if proc.poll() is not None:
                raise SystemExit("warlog serve did not start: " + proc.stderr.read().decode())
            time.sleep(0.05)
    raise SystemExit("warlog serve did not answer in 10 s")


def fetch(con: http.client.HTTPConnection, path: str) -> float:
    """Seconds from sending the request to the last byte of the answer."""
    t = time.perf_counter()
    con.request("GET", path)
    resp = con.getresponse()
    body = resp.read()
    took = time.perf_counter() - t
    if resp.status != 200:
        raise SystemExit(f"{path}: {resp.status} {body[:200]!r}")
    return took


def timed(con, paths: list[str], rounds: int) -> list[float]:
    """The summed time of ``paths``, once per round (after one warm-up round)."""
    for p in paths:
        fetch(con, p)
    return [sum(fetch(con, p) for p in paths) for _ in range(rounds)]


def line(label: str, times: list[float]) -> str:
    return f"{statistics.median(times) * 1000:7.1f} ms median, {max(times) * 1000:7.1f} ms worst  {label}"


def bench_http(port: int, rounds: int, kwala: str) -> None:
    con = http.client.HTTPConnection("127.0.0.1", port)
    print("first page of a filter: the page + its /api/events call")
    for label, params in FILTERS:
        qs = urllib.parse.urlencode(params)
        print("  " + line(label, timed(con, [f"/?{qs}", f"/api/events?{qs}"], rounds)))
    print("the same filters' other calls: /api/timeline and /api/map")
    for label, params in FILTERS[:4]:
        qs = urllib.parse.urlencode({k: v for k, v in params.items() if k not in ("sort", "order")})
        print("  " + line(label, timed(con, [f"/api/timeline?{qs}", f"/api/map?{qs}"], rounds)))
    print("an event page (Kwala attack) and its document")
    print("  " + line("/events/ID", timed(con, [f"/events/{kwala}"], rounds)))
    con.close()


def bench_browser(port: int, rounds: int) -> None:
    """The browser's own figures: Resource Timing of the page and of its /api/events call."""
    try:
        sys.path.insert(0, str(ROOT / "tests"))
        from browser import chromium, close
    except ImportError:
        print("(no browser figures: Selenium is not installed)")
        return
    driver = chromium()
    if driver is None:
        print("(no browser figures: no Chromium here)")
        return
    print("in Chromium (Resource Timing, request start to response end): page + /api/events; then the charts' calls")
    try:
        for label, params in FILTERS:
            qs = urllib.parse.urlencode(params)
            times = []
            for _ in range(min(rounds, 5) + 1):
                driver.get(f"http://127.0.0.1:{port}/?{qs}")
                times.append(browser_times(driver))
            first, charts = zip(*times[1:])
            print("  " + line(label, list(first)) + f"   (timeline + map: {statistics.median(charts) * 1000:.0f} ms)")
    finally:
        close(driver)


def browser_times(driver) -> tuple[float, float]:
    """The page + its /api/events call, and the timeline's and map's calls after them (request start to
    response end each). It waits for every call to end, so no round's queries overlap the next round's."""
    from selenium.webdriver.support.ui import WebDriverWait

    done = "['/api/events', '/api/timeline', '/api/map'].every(p => performance.getEntriesByType('resource')" \
           ".some(r => r.name.includes(p) && r.responseEnd > 0))"
    WebDriverWait(driver, 60).until(lambda d: d.execute_script("return " + done))
    return driver.execute_script("""
        const nav = performance.getEntriesByType('navigation')[0];
        const took = (p) => { const r = performance.getEntriesByType('resource').find(r => r.name.includes(p));
                              return r.responseEnd - r.requestStart; };
        return [((nav.responseEnd - nav.requestStart) + took('/api/events')) / 1000,
                (took('/api/timeline') + took('/api/map')) / 1000];""")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--rounds", type=int, default=20)
    ap.add_argument("--keep", help="build the store in this file and keep it (reused when it exists)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.keep or str(Path(tmp) / "web.db")
        if not Path(db).exists():
            t = time.perf_counter()
            s = store.Store(db)
            fill(s, args.events)
            pipeline.ingest([ROOT / "samples/seeds"], s)
            print(f"stored {args.events} events and the seeds in {time.perf_counter() - t:.0f} s")
        kwala = next(r["id"] for r in query.events(store.Store(db), query.Filters(text="suicide", role="main"))
                     if r["title"] == "Kwala attack")
        port = free_port()
        server = start_server(db, port)
        print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (other work on the machine slows every figure)")
        try:
            bench_http(port, args.rounds, kwala)
            bench_browser(port, args.rounds)
        finally:
            server.terminate()
            server.wait()


if __name__ == "__main__":
    main()
