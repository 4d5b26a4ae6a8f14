"""Golden cases (tests/cases/*.case) run in every input form that can express them."""
from __future__ import annotations

from pathlib import Path

import pytest

import warlog

CASES = sorted((Path(__file__).parent / "cases").glob("*.case"))


def parse_case(path: Path) -> dict:
    return parse_case_text(path.read_text(encoding="utf-8"))


def parse_case_text(raw: str) -> dict:
    head, rest = raw.split("--- text\n", 1)
    text, claims = rest.split("--- claims\n", 1)
    meta = dict(line.split(": ", 1) for line in head.splitlines() if line and not line.startswith("#"))
    expected = []
    for line in claims.splitlines():
        if not line.strip():
            continue
        fields, _, who = line.partition("|")
        sources, _, rest = who.partition("|")
        via, _, extra = rest.partition("|")
        side, cat, low, high, qual = fields.split()
        expected.append({
            "side": side, "category": cat, "low": None if low == "-" else int(low),
            "high": None if high == "-" else int(high), "qualifier": qual,
            "sources": [s.strip() for s in sources.split(",") if s.strip()],
            "via": [v.strip() for v in via.split(",") if v.strip()],
            # optional: extractor=RULE (the rule's name), revises=N (the N-th claim of the case),
            # stated_on=DATE (or -)
            **dict(kv.split("=", 1) for kv in extra.split()),
        })
    return {"sides": [s.strip() for s in meta["sides"].split("|")], "date": meta["date"],
            "text": text.strip() + "\n", "claims": expected}


def as_infobox_text(case: dict) -> str:
    a, b = case["sides"]
    return (f"= Test event =\n\nInfobox\n- Conflict: Test event\n- Date: {case['date']}\n"
            f"- Combatant1: {a}\n- Combatant2: {b}\n\n{case['text']}")


def as_wikitext(case: dict) -> str:
    a, b = (("<br />".join(f"[[{n.strip()}]]" for n in side.split(","))) for side in case["sides"])
    paras = "\n\n".join(case["text"].strip().split("\n\n"))
    return (f"{{{{Infobox military conflict\n| conflict = Test event\n| date = {case['date']}\n"
            f"| combatant1 = {a}\n| combatant2 = {b}\n}}}}\n'''Test event''' was an attack.<ref>x</ref>\n\n{paras}\n")


def as_rendered_tabs(case: dict) -> str:
    """A browser's copy of the page: labels glued to values, the two columns apart by a tab."""
    a, b = (side.replace(",", "\n").strip() for side in case["sides"])
    return (f"Jump to content\n\nTest event\n\nFrom Wikipedia, the free encyclopedia\nTest event\n"
            f"Date{case['date']}\nBelligerents\n{a}\t{b}\n\n{case['text']}")


def as_rendered_pipes(case: dict) -> str:
    """A mirror's copy: the infobox as a pipe table, one row per line, the columns apart by bars."""
    a, b = (" ".join(n.strip() for n in side.split(",")) for side in case["sides"])
    return (f"Test event | ||\n---|---|---|\nDate | {case['date']} | |\nBelligerents | ||\n{a} | {b} | |\n"
            f"{case['text']}")


FORMS = {"infobox-text": (as_infobox_text, "infobox-text"), "wikitext": (as_wikitext, "wikitext"),
         "rendered-tabs": (as_rendered_tabs, "rendered-page"), "rendered-pipes": (as_rendered_pipes, "rendered-page")}


@pytest.mark.parametrize("form", list(FORMS))
@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_cases_claims_match_golden_file(path, form):
    case = parse_case(path)
    make, fmt = FORMS[form]
    text = make(case)
    events = warlog.extract_text(text, path.name)
    assert events[0].document.format == fmt
    got = [c for ev in events for c in ev.claims if c.origin == "prose"]
    assert len(got) == len(case["claims"]), [(c.side, c.category, c.low, c.text) for c in got]
    for claim, want in zip(got, case["claims"]):
        assert (claim.side, claim.category, claim.low, claim.high, claim.qualifier) == (
            want["side"], want["category"], want["low"], want["high"], want["qualifier"]), claim.text
        names = [s.name.lower() for s in claim.sources]
        assert len(names) == len(want["sources"]) or not want["sources"] and not names, claim.text
        for w in want["sources"]:
            assert any(w.lower() in n for n in names), (w, names)
        for w in want["via"]:
            assert any(w.lower() in v.name.lower() for v in claim.via), (w, claim.via)
        if "extractor" in want:
            assert claim.extractor.split("/")[-1].split(".v")[0] == want["extractor"], claim.text
        if "revises" in want:
            revised = _event_of(events, claim).claims[claim.revises] if claim.revises is not None else None
            assert revised is (None if want["revises"] == "-" else got[int(want["revises"])]), claim.text
        if "stated_on" in want:
            assert claim.stated_on == (None if want["stated_on"] == "-" else want["stated_on"]), claim.text
        assert text[claim.start:claim.end] == claim.text


def _event_of(events, claim):
    return next(ev for ev in events if any(c is claim for c in ev.claims))
