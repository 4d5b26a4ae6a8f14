"""The infobox of a rendered page, whatever its layout, as the fields every reader produces.

Three layouts reach warlog:
- one cell per line: labels glued to their values ("DateJanuary 10, 2023"), after a colon or a
  space, or on a line of their own above the value; a block's cells one under the other, so its
  columns are lost and the block fields stay unsided (``combatants``, ``casualties``...);
- cells apart by tabs: within a block a tab moves to the next column (sided fields);
- a pipe table ("Belligerents | |||||||", "6 killed | 10 killed | ||||||"): a row's cells are its
  columns (sided fields); a lone cell under a row of columns is the full-width row.
Each layout yields rows of cells; ``Box`` files them under the fields. Values are cleaned of citation
markers and image debris (file names, sizes, flag alt texts) and split into items, one per line, where
a flag or a figure shows that a new entry starts; every character kept maps back to the source.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..dates import MONTHS
from ..text import Segment, SegmentBuilder
from .rendered_data import Layout

Line = tuple[int, str]  # (offset of the text in the source, text)

SIDED = {"combatants": "combatant", "commanders": "commander", "strength": "strength", "casualties": "casualties",
         "units": "units"}
PEOPLE = {"combatants", "commanders", "units", "perpetrator", "victims", "target"}
FIGURES = {"strength", "casualties", "deaths", "injuries", "victims", "missing", "hostages"}
PART_OF = re.compile(r"^\s*+(?i:part\s*of)\b\s*+:?\s*+")  # possessive: linear on long blank runs
MARKER = re.compile(r"\[\s*(?:\d{1,3}|[a-zA-Z]|[A-Z] \d{1,3}|\*{1,3}|citation needed|edit|note \d+|nb \d+|"
                    r"[a-z]{1,5} \d{1,3})\s*\]"
                    # the page a citation points to ({{rp}}: "345 killed[8]: 261  1500-2000 killed[6]: xiii"),
                    # where the next cell follows ("Per Mali[3]: 14 killed" is a row)
                    r"(?::\s?(?:\d{1,4}(?:[–-]\d{1,4})?|[ivxlc]{1,6})(?=\s{2,}|\t|\s?\[)"
                    # a range of pages or a roman one may end the line too ("39,402 casualties[1]: 20-21")
                    r"|:\s?(?:\d{1,4}[–-]\d{1,4}|[ivxlc]{1,6})(?=[ \t]*$))?", re.M)
COORDS = re.compile(r"-?\d{1,3}(?:\.\d+)?°")
FLAG_TRACE = re.compile(r"^ (?=[A-Z])")  # a flag icon copied as a space before the name it stands by
SEPARATOR = re.compile(r"^[ \t]*+(?:\|[ \t]*+)?:?-{3,}:?(?:[ \t]*+\|[ \t]*+:?-{3,}:?)*[ \t]*+(?:\|[ \t]*+)?$")


@dataclass
class Cell:
    lines: list[Line] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(t.strip() for _, t in self.lines).strip()


@dataclass
class Row:
    cells: list[Cell]
    complete: bool = True  # a table row that had all its cells (the last one may not)


@dataclass
class Box:
    """The infobox as it is read: inline fields and, per block, its lines by column."""

    lay: Layout
    inline: dict[str, list[Line]] = field(default_factory=dict)
    cols: dict[str, dict[int, list[Line]]] = field(default_factory=dict)
    wide: dict[str, list[Line]] = field(default_factory=dict)
    raw: dict[str, list[Line]] = field(default_factory=dict)  # one-cell-per-line blocks, tabs kept
    key: str | None = None  # the inline field whose value goes on below
    block: str | None = None
    sided: bool = False

    def open_inline(self, key: str, value: list[Line]) -> None:
        self.block = None
        if key in self.inline:  # a second "Location..." is a caption, not the field
            self.key = None
            return
        self.inline[key], self.key = list(value), key

    def open_block(self, stem: str) -> None:
        self.block, self.key = stem, None

    def close(self) -> None:
        self.block = self.key = None


# -- one cell per line, or tabs -------------------------------------------------------------------

_CASUALTIES_ALONE = re.compile(r"casualties:?$", re.I)


def read_lines(box: Box, lines: list[Line]) -> None:
    """File the lines of a one-cell-per-line (or tabbed) infobox."""
    lay, skip = box.lay, False
    stems = {lay.blocks.get(_label_name(lay, t)) for _, t in lines}
    lost = "combatants" not in stems and bool(stems - {None})  # the copy lost the "Belligerents" heading
    for n, (pos, text) in enumerate(lines):
        if skip:
            skip = False
            continue
        s = text.strip()
        if not s:
            continue
        if lay.maps.search(s.lower()):
            box.close()
            continue
        if lay.is_chrome(s):
            continue
        nxt = lines[n + 1][1].strip() if n + 1 < len(lines) else ""
        two = lay.label_of(f"{s} {nxt}") if nxt and " " not in s and len(nxt.split()) <= 2 else None
        if two:  # "Territorial" / "changes"
            skip = True
            _label(box, two, [])
            continue
        if box.block is None and (m := PART_OF.match(text)) and "partof" not in box.inline:
            box.open_inline("partof", [(pos + m.end(), text[m.end():])])
            box.key = None  # one line: the lines below are captions
            continue
        if box.block in ("strength", "units", "commanders") and _CASUALTIES_ALONE.match(s) and "casualties" not in box.raw:
            # "Casualties" alone on its line under the Strength block: the older template's heading of
            # the casualty block (alone elsewhere it may be an article's section)
            box.open_block("casualties")
            continue
        if (bullet := _BULLETED.match(s)) and " ".join(bullet.group(1).lower().split()) in lay.blocks:
            _label(box, " ".join(bullet.group(1).lower().split()), [])  # "  • Casualties and losses" in a list
            continue
        m = lay.label_start.match(text)
        label = " ".join(m.group("label").lower().split()) if m else None
        if label and (label in lay.blocks or box.block is None):
            _label(box, label, [(pos + m.end(), text[m.end():])] if text[m.end():].strip() else [])
            continue
        if lost and box.key and "combatants" not in box.raw and (FLAG_TRACE.match(text) or FLAG_OF.match(s)):
            # a flag's trace before a name, or its file ("Flag of the Pakistani Army.svg Pakistan Army"):
            # the belligerents have begun
            box.open_block("combatants")
        elif lost and box.block == "combatants" and "strength" not in stems and "strength" not in box.raw and _FIGURE.match(s):
            box.open_block("strength")  # "~150 insurgents": the copy lost the Strength heading too
        if box.block:
            box.raw.setdefault(box.block, []).append((pos, text))
        elif box.key:
            box.inline[box.key].append((pos, text))


_BULLETED = re.compile(r"^[•·*]\s*(.+?)\s*$")


def _label_name(lay: Layout, text: str) -> str | None:
    m = lay.label_start.match(text)
    return " ".join(m.group("label").lower().split()) if m else None


def _label(box: Box, label: str, value: list[Line]) -> None:
    if label in box.lay.blocks:
        box.open_block(box.lay.blocks[label])
        if value:
            box.raw.setdefault(box.block, []).extend(value)
    else:
        box.open_inline(box.lay.labels[label], value)


def tab_columns(box: Box) -> None:
    """Blocks copied with their cells apart: a tab ends the left column's cell. Lines before a tab are
    the first side's, the text after it (and the lines below) the next side's."""
    if not any("\t" in t for _, t in box.raw.get("combatants", [])):
        return
    for stem, lines in box.raw.items():
        col = 0
        for pos, line in lines:
            offset = 0
            for n, cell in enumerate(line.split("\t")):
                col += bool(n)
                if cell.strip():
                    box.cols.setdefault(stem, {}).setdefault(col, []).append((pos + offset, cell))
                offset += len(cell) + 1
    box.raw, box.sided = {}, True


# -- pipe tables -----------------------------------------------------------------------------------

def table_span(lines: list[Line], is_prose) -> tuple[int, int] | None:
    """(first, end) line indexes of the first pipe table: its rows end with a bar; it runs until prose."""
    ends = [i for i, (_, t) in enumerate(lines[:400]) if t.rstrip().endswith("|") and "|" in t.strip()[:-1] + "|"]
    seps = [i for i, (_, t) in enumerate(lines[:400]) if SEPARATOR.match(t) and "|" in t]
    if len(ends) < 3 and not seps:
        return None
    first = min(ends[:1] + [s - 1 for s in seps[:1]])
    while first < len(lines) - 1 and lines[first][1].strip() in ("|", ""):
        first += 1  # the bar that closed a notice above the table: not a row of it
    end = first
    for i in range(first, len(lines)):
        if is_prose(lines[i][1]):
            break
        if "|" in lines[i][1]:
            end = i + 1
    return first, end


def table_rows(box: Box, lines: list[Line]) -> list[Row]:
    """The rows of a pipe table: cells end at a bar; a row has as many cells as the separator line
    ("---|---|...") or the first row has columns, and a line that starts with a label starts a row.
    Markdown's tables also open each row with a bar ("| Date | 15 April 2014 |")."""
    if not lines:
        return []  # a table cut off before its first row
    sep = next((t for _, t in lines if SEPARATOR.match(t)), None)
    width = sep.count("-|") + sep.rstrip().endswith("-") if sep else max(lines[0][1].count("|"), 1)
    opening = (sep or lines[0][1]).lstrip().startswith("|")  # "| a | b |": a bar opens each row too
    width -= opening and not sep
    rows: list[Row] = []
    row: list[Cell] = []
    cell = Cell()
    spanning = re.compile(r"[^|\s][^|]*\|[ \t]+\|{%d}[ \t]*$" % (width - 1)) if width > 2 else None
    for pos, text in lines:
        if SEPARATOR.match(text):
            continue
        first = text.split("|")[0]
        if row and not cell.lines and box.lay.label_of(first) in box.lay.blocks:
            rows.append(Row(row, False))
            row = []
        offset = 0
        pieces = text.split("|")
        for k, piece in enumerate(pieces):
            if piece.strip():
                cell.lines.append((pos + offset, piece))
            offset += len(piece) + 1
            if k < len(pieces) - 1:
                if opening and k == 0 and not row and not cell.lines:
                    continue
                row.append(cell)
                cell = Cell()
                if len(row) == width:
                    # "Aid worker killed ... | |||||||": one cell of figures, then the empty ones bunched, is how a
                    # copy prints a cell that spans the columns (a row of no side), not a row with its second empty
                    # (a claimant's heading so printed still heads the columns below it)
                    spans = (width > 2 and not any(c.lines for c in row[1:]) and spanning.search(text) is not None
                             and re.search(r"\d", row[0].text) is not None and not row[0].text.rstrip().endswith(":"))
                    rows.append(Row(row, not spans))
                    row = []
    if row:
        rows.append(Row(row, False))
    return rows


def read_rows(box: Box, rows: list[Row]) -> None:
    """File the rows of a pipe table: label rows, block headings, and the blocks' columns."""
    lay, last_width = box.lay, 0
    for row in rows:
        cells = list(row.cells)
        while cells and not cells[-1].text:
            cells.pop()
        if not cells:
            continue
        label = lay.label_of(cells[0].text)
        if len(cells) == 1 and (block := lay.table_block(cells[0].text)):
            box.open_block(block)
            last_width = 0
            continue
        if label in lay.labels and box.block is None:
            box.open_inline(lay.labels[label], [ln for c in cells[1:] for ln in c.lines])
            continue
        if box.block is None:
            if len(cells) == 1:  # a full-width line: "Part of Mali War", "Location Kidal"
                read_lines(box, cells[0].lines)
                box.key = None
            continue
        stem = box.block
        if len(cells) == 1 and not row.complete and last_width > 1:
            box.wide.setdefault(stem, []).extend(cells[0].lines)
            continue
        for col, c in enumerate(cells):
            box.cols.setdefault(stem, {}).setdefault(col, []).extend(c.lines)
        last_width = max(last_width, len(cells))
    box.sided = bool(box.cols)


# -- fields ----------------------------------------------------------------------------------------

def fields(box: Box) -> dict[str, Segment]:
    """The Document fields of the infobox read so far."""
    lay, out = box.lay, {}
    inline = dict(box.inline)
    _result_unlabelled(inline)
    if "place" in inline:
        inline["place"], coords = _split_coords(inline["place"])
        inline.setdefault("coordinates", coords)
    for key, lines in inline.items():
        seg = value(lay, lines, key)
        if seg.text.strip():
            out[key] = seg
    if box.sided:
        ncols = max((max(c) + 1 for c in box.cols.values() if c), default=0)
        for stem, cols in box.cols.items():
            for col, lines in sorted(cols.items()):
                out[f"{SIDED[stem]}{col + 1}"] = value(lay, lines, stem)
        for col in range(ncols):  # a column whose names the copy lost still is a side
            out.setdefault(f"combatant{col + 1}", Segment("", []))
        for stem, lines in box.wide.items():
            out[f"{SIDED[stem]}{ncols + 1}"] = value(lay, lines, stem)
    else:
        for stem, lines in box.raw.items():
            seg = value(lay, lines, stem)
            if seg.text.strip():
                out[stem] = seg
    return out


# a result whose label the copy lost, under the date or the place: "Iranian victory", "Decisive French victory"
_VICTORY_LINE = re.compile(r"^(?:[A-Z][\w'’.-]*\s+){1,5}victory\b[^|]{0,80}$")


def _result_unlabelled(inline: dict[str, list[Line]]) -> None:
    """Where no Result row was read, a line of the date's or the place's value that tells a victory is
    the result (a copy that lost the label printed it there)."""
    if "result" in inline:
        return
    for key in ("date", "place"):
        lines = inline.get(key, [])
        at = next((i for i, (_, t) in enumerate(lines) if _VICTORY_LINE.match(t.strip())), None)
        if at is not None and (at > 0 or key == "place"):
            inline["result"] = lines[at:at + 1]
            inline[key] = lines[:at] + lines[at + 1:]
            return


def _split_coords(lines: list[Line]) -> tuple[list[Line], list[Line]]:
    """A place's lines less its coordinates ("Mexico28°13′13″N ..." or a line of its own)."""
    place, coords = [], []
    for pos, text in lines:
        m = COORDS.search(text)
        if m:
            place.append((pos, text[:m.start()]))
            coords.append((pos + m.start(), text[m.start():]))
        else:
            place.append((pos, text))
    return place, coords


def value(lay: Layout, lines: list[Line], key: str) -> Segment:
    """The plain text of a field: its items, one per line, each mapped to the source."""
    b = SegmentBuilder()
    for pos, text in lines:
        for item in _items(lay, text, key):
            if b.tail():
                b.put("\n", pos + item[0][0], pos + item[0][0])
            for s, e in item:
                b.copy(text[s:e], pos + s)
    return b.build()


# ("Flag of Mauritania (1959-2017).svg": the years of the flag's design are no part of the name)
FLAG_OF = re.compile(r"(?<![^\s|])Flag[ _]of[ _](?:the[ _])?(?P<x>[^|\n.()]{2,80}?)(?:[ _]*\([^()|\n]{0,40}\))?"
                     r"\.(?:svg|png|jpe?g|gif)\b", re.I)


_RANGE_ON = re.compile(r" (?:\[[^\[\]\s]{1,8}\] )*(?:[\u2013\u2014-]\s*\d|[a-z])")


def _items(lay: Layout, text: str, key: str) -> list[list[tuple[int, int]]]:
    """The items of one line: lists of kept (start, end) ranges, markers and debris left out."""
    keep = [True] * len(text)
    breaks: set[int] = set()
    for m in MARKER.finditer(text):
        # (with the space before it after a comma: "1 killed, [3] 7 wounded" is one cell, not two glued
        # by a run of blanks; "15,000 killed [12] 7,000 killed" stays two)
        gap = m.start() > 1 and text[m.start() - 2:m.start()] in (", ", "; ") and text[m.end():m.end() + 1] == " "
        keep[m.start() - gap:m.end()] = [False] * (m.end() - m.start() + gap)
        if text[m.start() - 1:m.start()] == " " and _RANGE_ON.match(text, m.end()):
            # "66 [13] [18] –86 [19] soldiers killed": markers inside a range or before the words of
            # its figure, whose blanks glue no two cells
            keep[m.end():m.end() + 1] = [False]
    tail = len(text.rstrip(" \t|"))
    if "|" in text[tail:]:  # "Deaths | 15 |": the table's cell ends, no value's (rstrip: linear on long blank runs)
        keep[tail:] = [False] * (len(text) - tail)
    for m in lay.debris.finditer(text):
        keep[m.start():m.end()] = [False] * (m.end() - m.start())
        breaks.add(m.start())
    for m in FLAG_OF.finditer(text):
        # "Flag of the United Kingdom.svg 1 killed": the file's words go; in a row of figures the
        # country it names stays (whose losses the row gives); beside a name it only repeats it
        keep[m.start():m.end()] = [False] * (m.end() - m.start())
        if key in FIGURES:
            keep[m.start("x"):m.end("x")] = [True] * (m.end("x") - m.start("x"))
        breaks.add(m.start())
    idx = [i for i, k in enumerate(keep) if k]
    kept = "".join(text[i] for i in idx)
    starts = _starts(lay, kept, key)
    out, cur = [], []
    for j, i in enumerate(idx):
        flag = j > 0 and any(idx[j - 1] < b <= i for b in breaks)  # a flag or file name stood here
        if cur and (j in starts or flag):
            out.append(cur)
            cur = []
        cur.append(i)
    if cur:
        out.append(cur)
    items = []
    for chars in out:
        chars = _strip(text, chars)
        if key in PEOPLE:
            chars = _unrepeat(text, chars)
        if any(text[i] not in "|,; \t" for i in chars):  # not the bars and commas debris leaves
            items.append(_ranges(chars))
    return items


def _strip(text: str, chars: list[int]) -> list[int]:
    a, b = 0, len(chars)
    while a < b and (text[chars[a]].isspace() or text[chars[a]] in "•·*"):
        a += 1
    while b > a and text[chars[b - 1]].isspace():
        b -= 1
    return chars[a:b]


def _ranges(chars: list[int]) -> list[tuple[int, int]]:
    out = [[chars[0], chars[0] + 1]]
    for i in chars[1:]:
        if i == out[-1][1]:
            out[-1][1] = i + 1
        else:
            out.append([i, i + 1])
    return [(s, e) for s, e in out]


_TOKEN = re.compile(r"\S+")
_FIGURE = re.compile(r"^[~≈c]?\.?\d")


def _starts(lay: Layout, kept: str, key: str) -> set[int]:
    """Where a new item starts inside one line of kept text: after a run of 2+ spaces (cells glued
    by the copy); in names, at a capital after a closing parenthesis ("United States (Union)
    Confederate States"); in figures, at a figure after a complete one ("89+ killed, 6 injured 77
    killed", "(per Mali) 50 killed") or after a cell that says nothing ("Unknown 15 killed")."""
    if key not in PEOPLE | FIGURES:
        return set()
    starts = {m.end() for m in re.finditer(r"\S\s{2,}(?=[^\s(])", kept)}
    depth, digit, only_empty, prev = 0, False, True, ""
    for m in _TOKEN.finditer(kept):
        tok = m.group()
        word = tok.lower().strip(".,;:()")
        if prev and depth == 0 and not _joins(lay, prev):
            if key in PEOPLE and prev.endswith(")") and tok[0].isupper():
                starts.add(m.start())
            elif key in FIGURES and digit and tok[0].isupper() and lay.inline_claim.match(kept, m.start()):
                starts.add(m.start())  # "... killed and wounded Western estimates: 8,000 killed": the next cell
            elif key in FIGURES and (word in lay.empty_cells or (
                    _FIGURE.match(tok) and (digit or only_empty or prev.endswith(")")))):
                starts.add(m.start())
        if m.start() in starts:
            digit, only_empty = False, True
        depth = max(depth + tok.count("(") - tok.count(")"), 0)
        digit = digit or any(c.isdigit() for c in tok)
        only_empty = only_empty and word in lay.empty_cells
        prev = tok
    return starts




def _joins(lay: Layout, prev: str) -> bool:
    if prev.lower().rstrip(".") in MONTHS:
        return True  # "6 killed on February 28": a date's day, not the next cell's figure
    if prev[-1] == "+" and len(prev) > 1 and prev[-2].isdigit():
        return False  # "5,000–7,000+ 1,500": a lower bound's sign ends its figure; "37 civilians + 1" joins
    return prev.lower() in lay.joiners or prev[-1] in ",;:–—-+&/" or prev.lower().rstrip(".") in lay.joiners


def _unrepeat(text: str, chars: list[int]) -> list[int]:
    """A flag's alt text before its link leaves a name twice ("Mali Mali", "United States United
    States (Union)", "Confederate States of America Confederate States"): the first copy goes."""
    s = "".join(text[i] for i in chars)
    words = [m for m in _TOKEN.finditer(s)]
    names = [w.group() for w in words]
    for k in range(1, min(len(words), 8)):  # an alt text is a short name
        m = min(k, len(words) - k)
        if m >= min(k, 2) and names[k:k + m] == names[:m]:
            return chars[words[k].start():]
    return chars
