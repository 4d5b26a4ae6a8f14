"""Property tests: extraction never raises on arbitrary text, and offsets always round-trip."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from warlog import errors, readers
from warlog.events import from_document
from warlog.text import SegmentBuilder

WORDS = st.sampled_from(["fourteen", "soldiers", "were", "killed", "and", "Malian", "JNIM", "stated", "that", "over",
                         "30", "–", "32", "wounded", "civilians", "(per", "Mali)", ",", ".", "[[", "]]", "{{", "}}",
                         "|", "<br />", "<ref>", "</ref>", "'''", "==", "\n", "\n\n", "Infobox", "- Casualties1:",
                         "dozens", "of", "others", "according", "to", "the", "source", "January 7,", "2020"])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(WORDS, max_size=80).map(" ".join) | st.text(max_size=400))
def test_properties_extraction_never_raises_and_offsets_hold(text):
    try:
        doc = readers.read_text(text, "gen.txt")
        events = from_document(doc)
    except errors.WarlogError:
        return
    for ev in events:
        for c in ev.claims:
            assert text[c.start:c.end] == c.text


@given(st.lists(st.tuples(st.booleans(), st.text(min_size=1, max_size=8)), max_size=20))
def test_properties_segment_maps_verbatim_text_back(pieces):
    source, b = "", SegmentBuilder()
    for verbatim, piece in pieces:
        if verbatim:
            b.copy(piece, len(source))
        else:
            b.put("\n", len(source), len(source) + len(piece))
        source += piece
    seg = b.build()
    for run in seg.runs:
        if run.verbatim:
            s, e = seg.source_span(run.plain_start, run.plain_start + run.src_end - run.src_start)
            assert source[s:e] == seg.text[run.plain_start:run.plain_start + e - s]
