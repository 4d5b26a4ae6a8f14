"""rendered-page: the text of a rendered Wikipedia page, as copied from a browser.

The infobox arrives flattened: labels glued to their values ("DateJanuary 10, 2023") and the two
combatant columns run together, so its block fields are kept unsided (``combatants``, ``casualties``)
for the infobox interpreter to assign. "[edit]" and citation markers ("[4]") are dropped from the
plain text but stay in the source, so offsets still point at the page's own characters.
"""
from __future__ import annotations

import re

from ..document import Document, Field, Paragraph
from ..records import Provenance
from ..text import Segment, SegmentBuilder

CHROME = {"jump to content", "from wikipedia, the free encyclopedia", "main menu", "search", "toggle the table of contents"}
# label -> field key; inline labels carry their value on the same line
INLINE = [("part of", "partof"), ("date", "date"), ("location", "place"), ("result", "result"),
          ("territorial changes", "territory"), ("status", "result"), ("target", "target"),
          ("attack type", "type"), ("weapons", "weapons"), ("deaths", "deaths"), ("injured", "injuries"),
          ("victims", "victims"), ("perpetrators", "perpetrator"), ("perpetrator", "perpetrator"),
          ("motive", "motive")]
BLOCK = {"belligerents": "combatants", "commanders and leaders": "commanders", "units involved": "units",
         "strength": "strength", "casualties and losses": "casualties"}
_MARKER = re.compile(r"\[(?:\d+|[a-z]|citation needed|edit|note \d+)\]")
_EDIT = re.compile(r"\s*\[edit\]\s*$")
_REF = re.compile(r"^\s*\d+\.\s*\^")


def sniff(text: str) -> bool:
    head = text[:3000].lower()
    return "from wikipedia, the free encyclopedia" in head or "jump to content" in head or "[edit]" in text


def _lines(text):
    pos = 0
    for line in text.splitlines(keepends=True):
        yield pos, line.rstrip("\r\n")
        pos += len(line)


def _clean(line: str, pos: int) -> Segment:
    """The line without citation markers, mapped to its place in the source."""
    b = SegmentBuilder()
    last = 0
    for m in _MARKER.finditer(line):
        b.copy(line[last:m.start()], pos + last)
        last = m.end()
    b.copy(line[last:], pos + last)
    return b.build()


def _is_prose(line: str) -> bool:
    words = len(line.split())
    # a copy cut mid-sentence still ends its last paragraph in running text
    return words >= 40 or words >= 12 and bool(re.search(r"[.!?](?:\[\w+\])*[\"”]?\s*$", line))


def read(text: str, prov: Provenance) -> Document:
    doc = Document(prov, text, title="", sided=False)
    lines = list(_lines(text))
    i, block = 0, None
    block_lines: dict[str, list[tuple[int, str]]] = {}
    # title: the first line that is not chrome
    while i < len(lines) and (not lines[i][1].strip() or lines[i][1].strip().lower() in CHROME):
        i += 1
    if i < len(lines):
        doc.title = lines[i][1].strip()
        i += 1
    section, in_box = "", True
    for pos, line in lines[i:]:
        s = line.strip()
        low = s.lower()
        if not s or low in CHROME or low == doc.title.lower():
            continue
        if in_box and not _is_prose(s):
            block = _box_line(doc, block_lines, block, pos, line)
            continue
        in_box = False
        if _EDIT.search(line):
            section = _EDIT.sub("", s)
            continue
        if section.lower() in ("references", "notes", "citations", "sources") or _REF.match(line):
            doc.references.append(Segment.verbatim(line, pos))
            continue
        doc.paragraphs.append(Paragraph(section, _clean(line, pos)))
    if any("\t" in ln for _, ln in block_lines.get("combatants", [])):
        block_lines = _columns(block_lines)
        doc.sided = True
    for key, items in block_lines.items():
        if not items:
            continue
        b = SegmentBuilder()
        for n, (p, ln) in enumerate(items):
            if n:
                b.put("\n", p - 1, p)
            seg = _clean(ln, p)
            for run in seg.runs:
                b.copy(seg.text[run.plain_start:run.plain_start + run.src_end - run.src_start], run.src_start)
        doc.fields[key] = Field(key, b.build())
    return doc


SIDED = {"combatants": "combatant", "commanders": "commander", "strength": "strength", "casualties": "casualties",
         "units": "units"}


def _columns(block_lines: dict) -> dict:
    """A page copied with its table cells apart: a tab ends the left column's cell. Lines before
    a tab are the first side's, the text after it (and the lines below) the next side's."""
    out = {k: v for k, v in block_lines.items() if k not in SIDED}
    for key, stem in SIDED.items():
        col, cols = 0, {}
        for pos, line in block_lines.get(key, []):
            offset = 0
            for n, cell in enumerate(line.split("\t")):
                if n:
                    col += 1
                lead = len(cell) - len(cell.lstrip())
                if cell.strip():
                    cols.setdefault(col, []).append((pos + offset + lead, cell.strip()))
                offset += len(cell) + 1
        for col, cells in cols.items():
            out[f"{stem}{col + 1}"] = cells
    return out


def _box_line(doc, block_lines, block, pos, line):
    """File one infobox line under its field; returns the field whose lines continue below."""
    s = line.strip()
    low = s.lower()
    if low in BLOCK:
        return BLOCK[low]
    lead = len(line) - len(line.lstrip())
    for label, key in INLINE:
        if low.startswith(label) and key not in block_lines:
            value = line[lead + len(label):]
            vlead = len(value) - len(value.lstrip())
            if value.strip():
                block_lines[key] = [(pos + lead + len(label) + vlead, value.strip())]
            else:
                block_lines[key] = []
            return key  # a value may go on over the lines below ("Deaths 160+" / "132 (government)")
    if block:
        block_lines.setdefault(block, []).append((pos + lead, s))
    return block
