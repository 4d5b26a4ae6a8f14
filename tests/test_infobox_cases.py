"""Golden cases of infobox casualty rows (tests/cases/infobox/*.case), each run in every form that
writes an infobox: the plain-text form (rows joined by ", " as the seeds join them), wikitext
(rows apart by ``<br />``) and a saved page (one ``<td>`` per column, rows apart by ``<br>``).

A case names its sides and date, then a ``--- casualtiesN`` block per column (one row per line) and
the ``--- claims`` it must give, in order, in tests/cases' claim-line notation. ``flattened: yes``
runs it also as a mirror's copy that lost the columns (one cell per line, every column's rows in a row)."""
from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

import warlog
from test_cases import parse_case_text

CASES = sorted((Path(__file__).parent / "cases" / "infobox").glob("*.case"))


def parse(path: Path) -> dict:
    """The case's sides, date and claims (as tests/cases), and its columns' rows."""
    raw = path.read_text(encoding="utf-8")
    blocks = dict(re.findall(r"^--- (casualties\d)\n(.*?)(?=^--- )", raw, re.M | re.S))
    head = raw.split("\n--- ", 1)[0]
    claims = raw.split("--- claims\n", 1)[1]
    case = parse_case_text(f"{head}\n--- text\nThe attack.\n--- claims\n{claims}")
    case["columns"] = {k: [r for r in v.splitlines() if r.strip()] for k, v in blocks.items()}
    case["flattened"] = bool(re.search(r"^flattened: yes$", head, re.M))
    return case


def as_infobox_text(case: dict) -> str:
    a, b = case["sides"]
    rows = "".join(f"- {k.capitalize()}: {', '.join(v)}\n" for k, v in case["columns"].items())
    return (f"= Test event =\n\nInfobox\n- Conflict: Test event\n- Date: {case['date']}\n"
            f"- Combatant1: {a}\n- Combatant2: {b}\n{rows}\n{case['text']}")


def as_wikitext(case: dict) -> str:
    a, b = ("<br />".join(f"[[{n.strip()}]]" for n in side.split(",")) for side in case["sides"])
    rows = "".join(f"| {k} = {'<br />'.join(v)}\n" for k, v in case["columns"].items())
    return (f"{{{{Infobox military conflict\n| conflict = Test event\n| date = {case['date']}\n"
            f"| combatant1 = {a}\n| combatant2 = {b}\n{rows}}}}}\n'''Test event''' was an attack.\n")


def as_html(case: dict) -> str:
    def cell(rows, cls, span=""):
        return f'<td{span} class="infobox-data {cls}">' + "<br>".join(html.escape(r) for r in rows) + "</td>"

    a, b = (html.escape(s) for s in case["sides"])
    cols = case["columns"]
    losses = "<tr>" + cell(cols.get("casualties1", []), "infobox-data-a") + cell(cols.get("casualties2", []), "infobox-data-b") + "</tr>"
    if "casualties3" in cols:
        losses += "<tr>" + cell(cols["casualties3"], "", ' colspan="2"') + "</tr>"
    return ("<html><head><title>Test event - Wikipedia</title></head><body><h1>Test event</h1>"
            '<table class="infobox vevent"><tbody>'
            '<tr><th colspan="2" class="infobox-above">Test event</th></tr>'
            f'<tr><th scope="row" class="infobox-label">Date</th><td class="infobox-data">{case["date"]}</td></tr>'
            '<tr><th colspan="2" class="infobox-header">Belligerents</th></tr>'
            f'<tr><td class="infobox-data infobox-data-a">{a}</td><td class="infobox-data infobox-data-b">{b}</td></tr>'
            f'<tr><th colspan="2" class="infobox-header">Casualties and losses</th></tr>{losses}'
            f"</tbody></table><p>{html.escape(case['text'])}</p></body></html>")


def as_rendered_lines(case: dict) -> str:
    """A mirror's copy of the rendered page, one cell per line: the columns' rows follow each other
    under "Casualties and losses", nothing marks where a column ends."""
    a, b = (side.replace(", ", "\n") for side in case["sides"])
    rows = "\n".join(r for k in sorted(case["columns"]) for r in case["columns"][k])
    return (f"Test event\n\nFrom Wikipedia, the free encyclopedia\n\nDate\n{case['date']}\nBelligerents\n{a}\n{b}\n"
            f"Casualties and losses\n{rows}\n\n{case['text']}\n")


FORMS = {"infobox-text": (as_infobox_text, "infobox-text"), "wikitext": (as_wikitext, "wikitext"),
         "html": (as_html, "html"), "rendered-lines": (as_rendered_lines, "rendered-page")}


# A copy that lost the columns (one cell per line) can only be read for what its rows say: a case
# that holds there too says "flattened: yes" and runs in that form as well.
RUNS = [(path, form) for path in CASES for form in FORMS if form != "rendered-lines" or parse(path)["flattened"]]


@pytest.mark.parametrize("path,form", RUNS, ids=[f"{p.stem}-{f}" for p, f in RUNS])
def test_infobox_cases_claims_match_golden_file(path, form):
    case = parse(path)
    make, fmt = FORMS[form]
    text = make(case)
    events = warlog.extract_text(text, path.name)
    assert events[0].document.format == fmt
    got = [c for c in events[0].claims if c.origin == "infobox"]
    assert [(c.side, c.category, c.low, c.high, c.qualifier) for c in got] == [
        (w["side"], w["category"], w["low"], w["high"], w["qualifier"]) for w in case["claims"]]
    for claim, want in zip(got, case["claims"]):
        names = [s.name.lower() for s in claim.sources]
        assert len(names) == len(want["sources"]) or not want["sources"] and not names, (claim.text, names)
        for w in want["sources"]:
            assert any(w.lower() in n for n in names), (w, names)
        if "extractor" in want:
            assert claim.extractor.split("/")[-1].split(".v")[0] == want["extractor"], claim.text
        assert text[claim.start:claim.end] == claim.text
