"""The one loop every entry point goes through: identity, one failure policy, ingest that survives."""
from __future__ import annotations

import os
import pty
import shutil
import subprocess
import sys
import time

import pytest

from conftest import SAMPLES

from warlog import pipeline, store
from warlog.readers import wikitext
from warlog.resources import Resources

SEEDS = SAMPLES / "seeds"
KWALA = SEEDS / "003_d37e82a4d6691ff5.txt"


def _ids(path) -> list[str]:
    return [e.id for o in pipeline.run([path]) for e in o.events]


@pytest.mark.parametrize("edit", ["\nA later sentence with no figure.\n", "\n== See also ==\nNothing.\n"])
def test_pipeline_event_ids_hold_across_edits_of_the_text(tmp_path, edit):
    doc = tmp_path / "kwala.txt"
    doc.write_text(KWALA.read_text(encoding="utf-8"), encoding="utf-8")
    before = _ids(doc)
    doc.write_text(KWALA.read_text(encoding="utf-8") + edit, encoding="utf-8")
    assert _ids(doc) == before


@pytest.mark.parametrize("copies", [2])
def test_pipeline_same_text_at_two_paths_is_two_documents(tmp_path, copies):
    for i in range(copies):
        shutil.copytree(SEEDS, tmp_path / f"copy{i}")
    db = store.Store(str(tmp_path / "w.db"))
    summary = pipeline.ingest([tmp_path / f"copy{i}" for i in range(copies)], db)
    assert summary.documents == 5 * copies and not summary.failures
    assert db.counts()["documents"] == 5 * copies
    assert len(set(_ids(tmp_path / "copy0")) & set(_ids(tmp_path / "copy1"))) == 0


@pytest.mark.parametrize("text", [
    "= Sapper attack =\n\nInfobox\n- Date: 1 May 2020\n- Casualties1: 3 unaccounted\u00a0for\n\nOn 1 May 2020, five soldiers were killed.\n",
    "= Digits attack =\n\nInfobox\n- Date: 1 May 2020\n- Casualties1: " + "9" * 4301 + " killed\n\nOn 1 May 2020, five soldiers were killed.\n",
    "= Big attack =\n\nInfobox\n- Date: 1 May 2020\n- Casualties1: 9223372036854775808 killed\n\nOn 1 May 2020, five soldiers were killed.\n",
])
def test_pipeline_hostile_rows_are_read_or_fail_alone(tmp_path, text):
    bad = tmp_path / "docs" / "000_bad.txt"
    bad.parent.mkdir()
    bad.write_text(text, encoding="utf-8")
    shutil.copy(KWALA, tmp_path / "docs" / "kwala.txt")
    db = store.Store(str(tmp_path / "w.db"))
    summary = pipeline.ingest([tmp_path / "docs"], db)
    assert summary.documents + len(summary.failures) == 2
    assert any(o.events and o.events[0].title == "Kwala attack" for o in pipeline.run([tmp_path / "docs"]))
    five = [c for o in pipeline.run([bad]) for e in o.events for c in e.claims if c.low == 5]
    assert five, "the sentence after the hostile row is still read"


def test_pipeline_a_document_the_store_refuses_is_its_failure(tmp_path):
    db = store.Store(str(tmp_path / "w.db"))
    res = Resources.load()
    outcome = pipeline.attempt(str(KWALA), lambda: pipeline.readers.read_path(KWALA), res)
    outcome.events[0].claims[0].low = 2 ** 63  # beyond SQLite's integers
    summary = pipeline.Summary()
    pipeline._keep(outcome, db, summary, prune=False)
    assert summary.failures and "could not be stored" in summary.failures[0][1]
    assert db.counts()["documents"] == 0
    later = pipeline.ingest([SEEDS], db)
    assert later.documents == 5 and db.counts()["documents"] == 5


def test_pipeline_gone_documents_are_reported_and_pruned(tmp_path):
    folder = tmp_path / "docs"
    shutil.copytree(SEEDS, folder)
    db = store.Store(str(tmp_path / "w.db"))
    pipeline.ingest([folder], db)
    (folder / "003_d37e82a4d6691ff5.txt").unlink()
    kept = pipeline.ingest([folder], db)
    assert [os.path.basename(k) for k in kept.missing] == ["003_d37e82a4d6691ff5.txt"]
    assert db.counts()["documents"] == 5
    pruned = pipeline.ingest([folder], db, prune=True)
    assert pruned.pruned == 1 and db.counts()["documents"] == 4


def test_pipeline_ingest_in_a_real_terminal_shows_progress(tmp_path):
    main, secondary = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "warlog", "ingest", str(SEEDS), "--db", str(tmp_path / "w.db")],
                            stdin=secondary, stdout=secondary, stderr=secondary, close_fds=True)
    os.close(secondary)
    out = b""
    while True:
        try:
            chunk = os.read(main, 4096)
        except OSError:  # the terminal closed: the command ended
            break
        if not chunk:
            break
        out += chunk
    assert proc.wait(timeout=60) == 0, out.decode(errors="replace")
    text = out.decode(errors="replace")
    assert "ingesting" in text and "5 documents stored" in text and "Traceback" not in text


def test_pipeline_two_ingests_at_once_on_one_sqlite_file(tmp_path):
    docs = tmp_path / "docs"
    shutil.copytree(SAMPLES, docs)
    db = str(tmp_path / "w.db")
    cmd = [sys.executable, "-m", "warlog", "ingest", str(docs), "--db", db, "--no-progress"]
    procs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(2)]
    for p in procs:
        _, err = p.communicate(timeout=120)
        assert p.returncode == 0, err.decode()
    assert store.Store(db).counts()["documents"] == 10


@pytest.mark.parametrize("opener", ["{{plainlist|", "[[a|", "<ref>"])
def test_pipeline_unclosed_markup_is_defused_in_linear_time(opener):
    text = ("{{Infobox military conflict\n| conflict = X attack\n| date = 1 May 2020\n| casualties1 = 5 killed\n}}\n"
            + opener * 3000 + "\nOn 1 May 2020, seven soldiers were killed.\n")
    defused = wikitext.defuse(text)
    assert len(defused) == len(text) and defused != text
    started = time.process_time()
    evs = pipeline.extract_text(text, fmt="wikitext")
    assert {c.low for c in evs[0].claims} >= {5, 7}
    assert all(text[c.start:c.end] == c.text for c in evs[0].claims)
    assert time.process_time() - started < 10  # about 20 s before the defusing; well under 1 s after
