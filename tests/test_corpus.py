"""The development corpus (tests/corpus: real articles the rules were not written from, with an
analyst's answer key) as a quality gate: pinned floors per input form and per region, and exact
offsets on every claim of every article."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

from conftest import ROOT

CORPUS = ROOT / "tests" / "corpus"
GOLD = json.loads((CORPUS / "gold.json").read_text(encoding="utf-8"))

# Measured on the corpus when these floors were set (README: "Quality on unseen articles"), a
# little below, so that a change that loses ground fails here. Raise them as the rules improve.
FLOORS = {
    "format": {
        "html": (0.85, 0.89, 0.92),
        "infobox-text": (0.87, 0.9, 0.93),
        "rendered-page": (0.77, 0.81, 0.83),
        "wikitext": (0.86, 0.91, 0.91),
    },
    "region": {
        "africa": (0.81, 0.84, 0.87),
        "americas": (0.75, 0.82, 0.83),
        "asia": (0.77, 0.82, 0.87),
        "europe": (0.82, 0.85, 0.89),
        "historical": (0.81, 0.84, 0.85),
        "middle-east": (0.78, 0.84, 0.86),
        "sahel": (0.9, 0.91, 0.92),
    },
}


# articles with no infobox whose only figures stand far from their verb ("at least 23 ... men, women and
# children on a ferry boat named Kumudini sailing from ... were alleged to have been killed")
NOT_READ_YET = {"c53_kumudini_boat_massacre_1985_uncensoredwiki.html", "c53_krue_sae_mosque_2004_absoluteastronomy.html",
                # a table of the dead by nationality ("Spain | 142 |", "Total | 191 |") is no figure warlog reads yet
                "c80_madrid_train_bombings_2004_liquisearch.txt",
                # a machine translation's loss lines under no block label ("Love: 894 wounded: 2,911 missing /
                # captured: 471", "Love" for the German "Tote"), and no figure in its prose
                "c97_battle_of_perryville_1862_memim.txt"}


@pytest.fixture(scope="module")
def events(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("corpus") / "events.json"
    run = subprocess.run([sys.executable, "-m", "warlog", "extract", str(CORPUS), "--json"],
                         capture_output=True, text=True)
    # every article of the corpus yields its events, but the few whose one figure warlog cannot read
    # yet (each says so in one line, and is scored as missed)
    failed = {Path(line.split(": ")[1]).name for line in run.stderr.splitlines() if line.startswith("warlog: ")}
    assert failed <= NOT_READ_YET, run.stderr
    out.write_text(run.stdout, encoding="utf-8")
    return out


def _score(shared: Path, events: Path, docs: list[dict], tmp: Path) -> tuple[float, float, float, str]:
    gold = tmp / "gold.json"
    gold.write_text(json.dumps({**GOLD, "documents": docs}), encoding="utf-8")
    run = subprocess.run([sys.executable, str(shared / "tools" / "score.py"), str(gold), str(events), "--quiet"],
                         capture_output=True, text=True)
    last = run.stdout.strip().splitlines()[-1]
    m = re.search(r"recall ([\d.]+).*precision ([\d.]+).*event fields ([\d.]+)", last)
    return (*map(float, m.groups()), last)


def _groups(key: str) -> dict[str, list[dict]]:
    out = defaultdict(list)
    for d in GOLD["documents"]:
        out[d[key]].append(d)
    return out


def test_corpus_is_as_large_and_varied_as_promised():
    docs = GOLD["documents"]
    assert len(docs) >= 120
    regions = _groups("region")
    assert len(regions["sahel"]) >= 50 and len(docs) - len(regions["sahel"]) >= 50
    assert len(regions["historical"]) >= 15
    assert sum(d["kind"] == "massacre" for d in docs) >= 15
    assert {d["format"] for d in docs} == {"infobox-text", "rendered-page", "wikitext", "html"}
    assert len({d["site"] for d in docs if d["format"] == "rendered-page"}) >= 6
    sources = (CORPUS / "SOURCES.md").read_text(encoding="utf-8")
    assert all(d["file"] in sources for d in docs)


@pytest.mark.parametrize("key,group", [(k, g) for k, floors in FLOORS.items() for g in floors])
def test_corpus_floors(shared, events, tmp_path, key, group):
    recall, precision, fields, line = _score(shared, events, _groups(key)[group], tmp_path)
    floor_recall, floor_precision, floor_fields = FLOORS[key][group]
    assert recall >= floor_recall and precision >= floor_precision and fields >= floor_fields, f"{group}: {line}"


def test_corpus_every_offset_points_at_its_text(events):
    texts = {p.name: p.read_text(encoding="utf-8") for p in CORPUS.rglob("*") if p.parent.name in
             ("infobox-text", "rendered", "wikitext", "html")}
    claims = 0
    for ev in json.loads(events.read_text(encoding="utf-8")):
        text = texts[Path(ev["document"]["path"]).name]
        for c in ev["claims"]:
            assert text[c["start"]:c["end"]] == c["text"]
            claims += 1
        for loc in ev["locations"]:
            assert text[loc["start"]:loc["end"]] == loc["text"]
    assert claims > 500
