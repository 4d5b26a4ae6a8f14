"""`warlog serve` and `warlog datasette-metadata` as a user runs them: the server answers and stops, a
missing store or extra is one line, and the explorer reads a PostgreSQL store too."""
from __future__ import annotations

import json
import subprocess
import sys
import time
import urllib.request

import pytest

from conftest import SAMPLES

from warlog import pipeline, store

SEEDS = SAMPLES / "seeds"


def warlog(*args, **kw):
    return subprocess.run([sys.executable, "-m", "warlog", *map(str, args)], capture_output=True, text=True, **kw)


@pytest.fixture(scope="module")
def seeded_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("serve") / "warlog.db"
    pipeline.ingest([SEEDS], store.Store(str(path)))
    return path


def test_web_cli_serve_answers_until_stopped(seeded_db):
    pytest.importorskip("uvicorn")
    from browser import free_port

    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "warlog", "serve", "--db", str(seeded_db), "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        body = None
        for _ in range(600):  # up to a minute on a busy machine
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/events", timeout=2) as r:
                    body = json.load(r)
                break
            except OSError:
                assert proc.poll() is None, proc.stderr.read()
                time.sleep(0.1)
        assert body is not None and body["total"] == 11
    finally:
        proc.terminate()
        proc.wait(15)


def test_web_cli_serve_missing_store_is_one_line_exit_2(tmp_path):
    res = warlog("serve", "--db", tmp_path / "nope.db")
    assert res.returncode == 2 and res.stderr.strip().endswith("no such database (warlog ingest creates it) [no-database]")


def test_web_cli_serve_without_the_extra_names_it(seeded_db):
    code = "import sys; sys.modules['starlette'] = None; from warlog.cli import main; main()"
    res = subprocess.run([sys.executable, "-c", code, "serve", "--db", str(seeded_db)], capture_output=True, text=True)
    assert res.returncode == 1
    assert res.stderr.strip() == "warlog: the web explorer needs starlette: pip install 'warlog[web]' [missing-extra]"


def test_web_cli_datasette_metadata_printed(seeded_db):
    res = warlog("datasette-metadata", "--db", seeded_db)
    assert res.returncode == 0 and list(json.loads(res.stdout)["databases"]) == ["warlog"]


def test_web_cli_explorer_reads_postgresql(postgres):
    pytest.importorskip("httpx2")
    from starlette.testclient import TestClient

    from warlog import web

    url = postgres.new_database()
    pipeline.ingest([SEEDS], store.Store(url))
    with TestClient(web.create_app(store.read_only(store.open_for_reading(url)))) as client:
        assert client.get("/api/events").json()["total"] == 11
        assert client.get("/api/events", params={"text": "suicide"}).json()["events"][0]["title"] == "Kwala attack"
    s = store.read_only(store.open_for_reading(url))
    with pytest.raises(Exception, match="read-only transaction"):
        s.fail("x.txt", "binary", "a test")
