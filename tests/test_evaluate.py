"""warlog evaluate: the answer-key scoring of ../shared/tools/score.py in warlog, with the same counts."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import ROOT, SAMPLES

from warlog import evaluate

CORPUS_GOLD = ROOT / "tests" / "corpus" / "gold.json"


def _extract(folder, tmp_path):
    out = tmp_path / "events.json"
    run = subprocess.run([sys.executable, "-m", "warlog", "extract", str(folder), "--json"], capture_output=True,
                         text=True)
    out.write_text(run.stdout, encoding="utf-8")
    return out


def _scorer(shared, gold, events):
    run = subprocess.run([sys.executable, str(shared / "tools" / "score.py"), str(gold), str(events)],
                         capture_output=True, text=True)
    return run.stdout.splitlines()


@pytest.fixture(scope="module")
def corpus_events(tmp_path_factory):
    return _extract(ROOT / "tests" / "corpus", tmp_path_factory.mktemp("evaluate"))


@pytest.mark.parametrize("folder", ["seeds", "wikitext"])
def test_evaluate_seeds_gives_the_scorers_counts(shared, tmp_path, folder):
    from test_cli import invoke

    events = _extract(SAMPLES / folder, tmp_path)
    gold = shared / "gold" / "seeds.json"
    mine = invoke("evaluate", gold, events, "-v")
    assert mine.exit_code == 0
    assert mine.stdout.splitlines() == _scorer(shared, gold, events)


def test_evaluate_corpus_gives_the_scorers_counts(shared, corpus_events):
    from test_cli import invoke

    mine = invoke("evaluate", CORPUS_GOLD, corpus_events, "-v").stdout.splitlines()
    theirs = _scorer(shared, CORPUS_GOLD, corpus_events)
    assert mine[-1] == theirs[-1]  # the overall line: every count
    assert mine == theirs  # and each document's counts, misses, unpaired claims and wrong fields


def test_evaluate_corpus_json_counts(corpus_events):
    from test_cli import invoke

    got = json.loads(invoke("evaluate", CORPUS_GOLD, corpus_events, "--format", "json").stdout)
    c = got["counts"]
    assert got["recall"] == c["required_hit"] / c["required"] and got["precision"] == c["claims_hit"] / c["claims"]
    assert len(got["documents"]) == len(json.loads(CORPUS_GOLD.read_text(encoding="utf-8"))["documents"])
    assert 0 < got["recall"] < 1 and 0 < got["fields"] < 1


@pytest.mark.parametrize("floors,status", [
    ([], 0), (["--min-recall", "0.1", "--min-precision", "0.1", "--min-fields", "0.1"], 0),
    (["--min-recall", "0.99"], 1), (["--min-fields", "0.999"], 1), (["--min-precision", "1.01"], 1),
])
def test_evaluate_thresholds_set_the_exit_status(corpus_events, floors, status):
    from test_cli import invoke

    res = invoke("evaluate", CORPUS_GOLD, corpus_events, *floors)
    assert res.exit_code == status
    assert res.stdout.splitlines()[-1].startswith("claims recall ")
    if status:
        assert res.stderr.startswith("warlog: ") and res.stderr.rstrip().endswith("[below-threshold]")


def test_evaluate_reads_the_store(tmp_path):
    from test_cli import invoke

    gold = {"documents": [{"file": "004_845ec45266cabd06.txt", "event": {
        "title": "Sokoura attack", "part_of": "Mali War", "date_start": "2020-10-13", "date_end": "2020-10-13",
        "country_code": "ML", "places": ["Sokoura"], "winner": None, "side_a": [["mali"]], "side_b": [["jnim"]]},
        "claims": [{"side": ["B"], "category": ["killed"], "low": 13, "high": 13, "sources": ["Mali"],
                    "origin": "infobox", "required": True, "note": ""}]}]}
    key = tmp_path / "gold.json"
    key.write_text(json.dumps(gold), encoding="utf-8")
    db = tmp_path / "warlog.db"
    assert invoke("ingest", SAMPLES / "seeds" / "004_845ec45266cabd06.txt", "--db", db, "--no-progress").exit_code == 0
    res = invoke("evaluate", key, "--db", db, "--format", "json")
    got = json.loads(res.stdout)
    assert got["counts"]["required_hit"] == 1 and got["fields"] == 1.0


def _key(**kw):
    return {"side": ["A"], "category": ["killed"], "low": 5, "high": 5, "sources": [], "origin": "prose",
            "required": True, **kw}


def _claim(**kw):
    return {"side": "A", "category": "killed", "low": 5, "high": 5, "sources": [], "via": [], "origin": "prose", **kw}


@pytest.mark.parametrize("key,claim,paired", [
    (_key(), _claim(), True),
    (_key(), _claim(side="B"), False),
    (_key(origin="infobox"), _claim(), False),
    (_key(low=None, high=None), _claim(low=None, high=None), True),
    (_key(low=None, high=None), _claim(low=7, high=None), True),  # a vague key: any figure
    (_key(sources=["Malian army"]), _claim(sources=[{"name": "the Malian Army", "kind": "state"}]), True),
    (_key(sources=["AFP"]), _claim(sources=[{"name": "MINUSMA"}], via=[{"name": "AFP"}]), True),
    (_key(sources=["Mali"]), _claim(), False),
    (_key(sources=["Diafarabé"]), _claim(sources=[{"name": "DIAFARABE elders"}]), True),
])
def test_evaluate_claim_pairing_rules(key, claim, paired):
    assert evaluate.pairs_with(key, claim) is paired


def test_evaluate_required_claims_are_paired_first():
    optional, required = _key(required=False), _key(sources=["AFP"])
    claims = [_claim(sources=[{"name": "AFP"}])]
    assert evaluate.pair_up([optional, required], claims) == {1: 0}
    # two claims: both keys paired, whatever the order they come in
    assert sorted(evaluate.pair_up([optional, required], claims + [_claim()]).items()) == [(0, 1), (1, 0)]


@pytest.mark.parametrize("text,reason", [("{", "not JSON"), ('{"documents": 3}', "not an answer key")])
def test_evaluate_unusable_key_is_one_line(tmp_path, text, reason):
    from test_cli import invoke

    key = tmp_path / "gold.json"
    key.write_text(text, encoding="utf-8")
    events = tmp_path / "events.json"
    events.write_text("[]", encoding="utf-8")
    res = invoke("evaluate", key, events)
    assert res.exit_code == 1 and res.stderr.startswith(f"warlog: {key}: {reason}") and "[data-file]" in res.stderr
