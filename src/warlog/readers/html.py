"""html: a saved Wikipedia page (the rendered HTML). Its infobox is a table whose two combatant
columns are still apart, so the page reads sided; the body is its paragraphs and headings.
HTMLParser hands over text verbatim (entities apart), so offsets point into the HTML itself."""
from __future__ import annotations

import re
from html.parser import HTMLParser

from ..document import Document, Field, Paragraph, normalise_key
from ..records import Provenance
from ..text import SegmentBuilder
from .rendered import BLOCK, INLINE

SKIP_CLASSES = re.compile(r"\b(?:reference|mw-editsection|noprint|navbox|reflist|mw-references-wrap|metadata|"
                          r"mw-empty-elt|sidebar|hatnote|thumb|mw-cite-backlink)\b")
SKIP_TAGS = {"script", "style", "sup", "noscript", "math", "figure"}
SIDED = {"combatants": "combatant", "commanders": "commander", "strength": "strength", "casualties": "casualties",
         "units": "units"}
END_SECTIONS = {"references", "notes", "citations", "sources", "external links", "see also", "further reading"}
VOID = {"br", "img", "hr", "meta", "link", "input", "wbr", "col", "area", "base", "source"}


def sniff(text: str) -> bool:
    return bool(re.match(r"\s*(?:<!doctype html|<html)", text, re.I))


class _Reader(HTMLParser):
    def __init__(self, text: str):
        super().__init__(convert_charrefs=False)
        self.text = text
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.stack: list[tuple[str, bool]] = []  # (tag, skipped)
        self.skip = 0
        self.page_title, self.h1 = "", ""
        self.in_title = self.in_h1 = False
        self.table_depth = 0
        self.infobox_depth = None
        self.rows: list[list[tuple[str, int, SegmentBuilder]]] = []  # cells: (tag, colspan, text)
        self.cell: SegmentBuilder | None = None
        self.block: SegmentBuilder | None = None  # a <p> or a heading
        self.block_kind = ""
        self.section = ""
        self.paragraphs: list[tuple[str, SegmentBuilder]] = []
        self.ended = False

    def _pos(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        skipped = bool(self.skip) or tag in SKIP_TAGS or bool(SKIP_CLASSES.search(a.get("class") or ""))
        if tag == "table":
            self.table_depth += 1
            if self.infobox_depth is None and "infobox" in (a.get("class") or ""):
                self.infobox_depth = self.table_depth
                skipped = False
        if tag in VOID:
            if tag == "br":
                self._put("\n")
            return
        self.stack.append((tag, skipped))
        if skipped:
            self.skip += 1
            return
        if tag == "title":
            self.in_title = True
        elif tag == "h1":
            self.in_h1 = True
        elif self._in_infobox() and tag in ("td", "th"):
            self.cell = SegmentBuilder()
            if not self.rows:
                self.rows.append([])  # a cell before any row: the table's first row
            self.rows[-1].append((tag, _span(a.get("colspan")), self.cell))
        elif self._in_infobox() and tag == "tr":
            self.rows.append([])
        elif tag in ("p", "h2", "h3", "h4") and not self.table_depth:
            self.block, self.block_kind = SegmentBuilder(), tag
        elif tag == "li" and self.cell is not None:
            self._put("\n")

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        while self.stack:
            open_tag, skipped = self.stack.pop()
            if skipped:
                self.skip -= 1
            else:
                self._close(open_tag)
            if open_tag == tag:
                break

    def _close(self, tag):
        if tag in ("ul", "ol", "li", "p", "div", "dl", "dd") and self.cell is not None:
            self._put("\n")  # a list or paragraph ends its line in a cell: "...personnel</ul>100+ militants"
        if tag == "table":
            if self.infobox_depth == self.table_depth:
                self.infobox_depth = -1  # the first infobox only
            self.table_depth -= 1
        elif tag in ("td", "th"):
            self.cell = None
        elif tag == "title":
            self.in_title = False
        elif tag == "h1":
            self.in_h1 = False
        elif tag == self.block_kind and self.block is not None:
            seg = self.block.build()
            if self.block_kind == "p":
                if seg.text.strip() and not self.ended:
                    self.paragraphs.append((self.section, seg))
            else:
                self.section = seg.text.strip()
                self.ended = self.ended or self.section.lower() in END_SECTIONS
            self.block = None

    def _in_infobox(self) -> bool:
        return self.infobox_depth is not None and self.infobox_depth == self.table_depth

    def _put(self, text, raw_len=0):
        target = self.cell if self.cell is not None else self.block
        if target is not None and not self.skip:
            pos = self._pos()
            target.put(text, pos, pos + raw_len)

    def handle_data(self, data):
        if self.skip:
            return
        if self.in_h1:
            self.h1 += data
            return
        if self.in_title:
            self.page_title += data
            return
        target = self.cell if self.cell is not None else self.block
        if target is not None:
            target.copy(data, self._pos())

    def handle_entityref(self, name):
        from html import unescape

        self._put(unescape(f"&{name};"), len(name) + 2)

    def handle_charref(self, name):
        from html import unescape

        self._put(unescape(f"&#{name};"), len(name) + 3)


# a character reference of absurd length ("&#999...;", thousands of digits) would make the standard
# library's parser fail converting it (Python's limit of 4,300 digits) or spend its time on it: blanked,
# the length kept, so offsets still point into the source
_HUGE_CHARREF = re.compile(r"&#(?:[xX][0-9a-fA-F]{16,}|[0-9]{16,});?")


def read(text: str, prov: Provenance) -> Document:
    r = _Reader(text)
    r.feed(_HUGE_CHARREF.sub(lambda m: " " * len(m.group(0)), text))
    r.close()
    title = r.h1.strip() or re.sub(r"\s+-\s+Wikipedia\s*$", "", r.page_title).strip()
    doc = Document(prov, text, title=title)
    for section, seg in r.paragraphs:
        doc.paragraphs.append(Paragraph(section, seg))
    _infobox(doc, r.rows)
    return doc


def _infobox(doc: Document, rows) -> None:
    labels = dict(INLINE)
    block = None
    for cells in rows:
        texts = [(tag, span, b.build()) for tag, span, b in cells]
        if len(texts) == 1 and texts[0][0] == "th":
            head = texts[0][2].text.strip().lower()
            block = BLOCK.get(head)
            continue
        if len(texts) == 1 and block is None:
            # a full-width line such as "Part of Mali War"
            seg = texts[0][2]
            low = seg.text.strip().lower()
            for label, key in INLINE:
                if low.startswith(label) and key not in doc.fields:
                    lead = len(seg.text) - len(seg.text.lstrip()) + len(label)
                    doc.fields[key] = Field(key, seg.slice(lead, len(seg.text)))
                    break
            continue
        if len(texts) == 2 and texts[0][0] == "th":
            label = texts[0][2].text.strip().lower()
            key = labels.get(label) or normalise_key(label)
            doc.fields.setdefault(key, Field(key, texts[1][2]))
            block = None
            continue
        if block in SIDED:
            tds = [seg for tag, _, seg in texts if tag == "td"]
            stem = SIDED[block]
            n = 1
            while f"{stem}{n}" in doc.fields:
                n += 1
            if len(tds) == 1 and texts[0][1] > 1 and n > 1:  # a full-width row below the columns
                doc.fields[f"{stem}{n}"] = Field(f"{stem}{n}", tds[0])
                continue
            for i, seg in enumerate(tds, 1):
                doc.fields.setdefault(f"{stem}{i}", Field(f"{stem}{i}", seg))


def _span(value: str | None) -> int:
    """A cell's colspan as a browser reads it: its leading digits ("2", "2px"), else 1; at most 20."""
    m = re.match(r"\s*(\d{1,3})", value or "")
    return min(int(m.group(1)), 20) if m and int(m.group(1)) > 0 else 1
