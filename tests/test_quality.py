"""The quality gate: the scorer on the answer key, with pinned floors, for every input form."""
from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from conftest import SAMPLES, sample_files

import warlog

FLOORS = {"recall": 0.95, "precision": 0.90, "fields": 0.95}


def _score(shared, tmp_path, folder):
    out = tmp_path / "out.json"
    res = subprocess.run([sys.executable, "-m", "warlog", "extract", str(folder), "--json"],
                         capture_output=True, text=True, check=True)
    out.write_text(res.stdout)
    score = subprocess.run([sys.executable, str(shared / "tools" / "score.py"), str(shared / "gold" / "seeds.json"),
                            str(out), "--quiet"], capture_output=True, text=True)
    last = score.stdout.strip().splitlines()[-1]
    m = re.search(r"recall ([\d.]+).*precision ([\d.]+).*event fields ([\d.]+)", last)
    return dict(zip(("recall", "precision", "fields"), map(float, m.groups()))), last


@pytest.mark.parametrize("folder", ["seeds", "wikitext"])
def test_quality_answer_key_floors(shared, tmp_path, folder):
    got, line = _score(shared, tmp_path, SAMPLES / folder)
    for key, floor in FLOORS.items():
        assert got[key] >= floor, line


def test_quality_wikitext_scores_as_the_seeds(shared, tmp_path):
    plain, _ = _score(shared, tmp_path, SAMPLES / "seeds")
    wiki, _ = _score(shared, tmp_path, SAMPLES / "wikitext")
    assert wiki == plain


@pytest.mark.parametrize("path", sample_files(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_quality_every_offset_points_at_its_text(path):
    text = path.read_text(encoding="utf-8")
    for ev in warlog.extract(path):
        for c in ev.claims:
            assert text[c.start:c.end] == c.text
        for loc in ev.locations:
            assert text[loc.start:loc.end] == loc.text
        for side in ev.sides.values():
            for a in side.actors:
                assert a.text is None or text[a.start:a.end] == a.text


@pytest.mark.parametrize("path", sample_files(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_quality_json_follows_the_contract(path):
    for ev in warlog.extract(path):
        d = json.loads(json.dumps(ev.to_dict()))
        assert d["role"] in ("main", "related")
        assert {"id", "title", "part_of", "date_start", "date_end", "date_precision", "country", "country_code",
                "locations", "sides", "result", "event_type", "sub_event_type", "violence_type", "claims",
                "estimates", "discrepancies", "document"} <= d.keys()
        for c in d["claims"]:
            assert c["category"] in ("killed", "wounded", "captured", "missing", "casualties")
            assert c["qualifier"] in ("exact", "approx", "range", "at_least", "at_most", "vague")
            assert c["origin"] in ("infobox", "prose")
            assert c["side"] in (*d["sides"], "civilians", "unknown")


@pytest.mark.parametrize("path", sample_files(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_quality_json_text_is_the_record(path):
    for ev in warlog.extract(path):
        assert json.loads(ev.to_json()) == ev.to_dict()
