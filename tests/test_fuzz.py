"""Fuzzing the one loop: real articles of every input form, cut, spliced and laced with hostile
pieces, are read or fail alone (never a fault of ours), keep exact offsets, and ingest stores the
rest. bench/fuzz.py runs the same mutations over 100,000 documents."""
from __future__ import annotations

import json
import sys

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT

from warlog import pipeline, readers, store
from warlog.resources import Resources

sys.path.insert(0, str(ROOT / "bench"))
import fuzz  # noqa: E402  (the bench script's mutations, so both fuzz the same way)

TEXTS = fuzz.corpus()
FORMS = ("auto", "infobox-text", "rendered-page", "wikitext", "html", "text")
RES = Resources.load()


@st.composite
def documents(draw) -> bytes:
    import random

    return fuzz.mutate(TEXTS, random.Random(draw(st.integers(0, 2**32))))


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(documents(), st.sampled_from(FORMS))
def test_fuzz_every_form_reads_or_fails_alone(data, form):
    outcome = pipeline.attempt("fuzz.txt", lambda: readers.read_text(readers.decode(data, "fuzz.txt"), "fuzz.txt", form),
                               RES)
    if not outcome.ok:
        assert "could not be extracted" not in outcome.error.reason, outcome.error.reason
        return
    text = outcome.document.text
    for ev in outcome.events:
        assert json.loads(ev.to_json()) == ev.to_dict()
        for c in ev.claims:
            assert text[c.start:c.end] == c.text
            assert c.low is None or c.high is None or c.low <= c.high


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                                                 HealthCheck.function_scoped_fixture])
@given(st.lists(documents(), min_size=1, max_size=6))
def test_fuzz_ingest_stores_what_it_reads(tmp_path_factory, batch):
    folder = tmp_path_factory.mktemp("fuzz") / "docs"
    folder.mkdir()
    for i, data in enumerate(batch):
        (folder / f"doc{i}.txt").write_bytes(data)
    (folder / "kwala.txt").write_bytes((ROOT / "samples" / "seeds" / "003_d37e82a4d6691ff5.txt").read_bytes())
    db = store.Store(str(folder.parent / "w.db"))
    summary = pipeline.ingest([folder], db, RES)
    assert summary.documents + len(summary.failures) == len(batch) + 1
    assert not any("could not be" in reason for _, reason in summary.failures), summary.failures
    assert db.counts()["documents"] == summary.documents >= 1
    again = pipeline.ingest([folder], db, RES)
    assert again.documents == 0 and again.unchanged == summary.documents
