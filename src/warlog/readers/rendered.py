"""rendered-page: the text of a rendered Wikipedia page, as a browser copies it or a site serves it
(Wikipedia, its mobile pages, mirrors, offline copies).

The page is read as lines. The site's chrome (banners, navigation, "From Wikipedia...", footers, map
captions) is told by the phrase lists of ``data/rendered.yaml`` and skipped. The infobox is found by
its labels wherever it stands (before or after the lead) and read by ``rendered_box`` in whichever
layout it came: one cell per line, tabs, or a pipe table. The title is the article's own name: the
infobox's header, else the line the page repeats or the lead restates. Citation markers and "[edit]"
are dropped from the plain text but stay in the source, so offsets still point at the page's characters.
"""
from __future__ import annotations

import re

from ..document import Document, Field, Paragraph
from ..records import Provenance
from ..text import Segment, SegmentBuilder
from . import rendered_box
from .rendered_box import MARKER, PART_OF, Box, Line
from .rendered_data import Layout, load

_EDIT = re.compile(r"\[\s*edit\s*\]")
_REF = re.compile(r"^\s*\d+\.\s*(?:\^|\d+ \d+\b|\d+\.\d+ \d+\.\d+ )"
                  # a citation: a quoted title, then when it was read ("... Al Jazeera. Retrieved 21 March 2015.")
                  r"|^[^\n]{0,300}[\"“][^\"”\n]{4,200}[\"”][^\n]{0,200}\b(?:Retrieved|Accessed)\s+(?:on\s+)?\w")
_BULLET = re.compile(r"^\s*[•·*▪◦-]\s")
_END = re.compile(r"[.!?][\"”’')\]]*\s*$")
_BANNER = re.compile(r"the free encyclopedia|^(?:fro'?m?|from) (?:wikipedia|encyclopedia)", re.I)


def _compat() -> tuple[dict[str, str], list[tuple[str, str]]]:
    lay = load()
    return dict(lay.blocks), sorted(lay.labels.items(), key=lambda kv: -len(kv[0]))


# the labels, for the HTML reader's infobox table
BLOCK, INLINE = _compat()


def sniff(text: str) -> bool:
    """A rendered page: Wikipedia's banner or edit links, infobox labels near the top (block labels,
    "Date..."/"Location..." lines), or the chrome of a site that copies Wikipedia."""
    head = text[:6000]
    low = head.lower()
    if "from wikipedia, the free encyclopedia" in low or "jump to content" in low or "[edit]" in text:
        return True
    lay = load()
    blocks, inline, chrome = set(), set(), 0
    # (a markdown table opens each row with a bar too: "| Belligerents | |||||||")
    for line in [ln.strip().lstrip("|").strip() for ln in head.splitlines() if ln.strip()][:150]:
        label = lay.label_of(line.split("|")[0]) if "|" in line else None
        m = lay.label_start.match(line)
        label = label or (" ".join(m.group("label").lower().split()) if m and not _is_prose(line) else None)
        if label in lay.blocks:
            blocks.add(label)
        elif label or PART_OF.match(line):
            inline.add(label or "part of")
        if _BANNER.search(line) or "wikipedia" in line.lower() and (lay.is_chrome(line) or lay.ends.search(line.lower())):
            return True  # a site's banner or footer naming Wikipedia
        chrome += lay.is_chrome(line)
    return 2 * len(blocks) + len(inline) + min(chrome, 1) >= 3


def _is_prose(line: str) -> bool:
    """A sentence of running text, not an infobox cell: long, and ending as a sentence does (or very long)."""
    s = MARKER.sub("", line).strip()
    if not s or _BULLET.match(s) or s.startswith(("(", "|")) or s.endswith("|"):
        return False
    words = len(s.split())
    if _counts_line(s, words):
        return False
    return words >= 40 or (words >= 12 and bool(_END.search(s)))


def _counts_line(s: str, words: int) -> bool:
    """A cell that lists counts ("Wellington's army: 3,500 dead; 10,200 wounded; 3,300 missing."): three
    figures or more, a few words each; a sentence tells more between its figures."""
    figures = len(_FIGURES.findall(s))
    return figures >= 3 and words <= 4 * figures and not _TWO_SENTENCES.search(s)


_FIGURES = re.compile(r"(?<![\w.,])\d[\d,.]*")
# "... were killed. Between 30 and 40 soldiers were wounded.": two sentences, running text
_TWO_SENTENCES = re.compile(r"[a-z]{2}\.\s+[A-Z][a-z]+\s[^.]{0,200}?\b(?:were|was|are|is|had|have)\b")


def _is_sentence(line: str) -> bool:
    """Running text after the infobox: prose, or a short sentence ("Over thirty soldiers were killed.");
    not a row that ends in its claimant's bracket ("Less than 100 total (ISAF claim).")."""
    s = MARKER.sub("", line).strip()
    if _CLAIMANT_END.search(s) or s[:1].isdigit() and not _FINITE.search(s):
        return False  # "17 wounded on land. Unknown on HMS Glamorgan.": a row of counts, no verb of its own
    return _is_prose(s) or (len(s.split()) >= 6 and bool(_END.search(s)) and bool(re.match(r"[\"“'A-Z0-9]", s))
                            and not _counts_line(s, len(s.split())))


_FINITE = re.compile(r"\b(?:were|was|are|is|had|has|have|been|said|says|reported|claimed|died|killed\s+(?:by|in)\b)", re.I)
_CLAIMANT_END = re.compile(r"\((?:[^()]*\b(?:claims?|estimates?|figures?)|per\b[^()]*|according\s+to\b[^()]*)\)\.?$", re.I)


# a copy that printed two cells as one glues the second's figure to the first's reference marker:
# "10 wounded[5][6]11 killed, 8 wounded", "70[3]100–500[4]"
_NEXT_CELL = re.compile(r"(?<=[^\W\d_]\])(?=\d)|(?<=\d\])(?=\d)")


def _lines(text: str, lay: Layout) -> list[Line]:
    """The page's lines up to the site's footer; a block label glued to the cell before it
    ("UnknownCasualties and losses") starts a line of its own, and so does a cell glued to the
    reference marker that ends the one before ("10 wounded[5][6]11 killed")."""
    glued = _glued(lay)
    out, pos = [], 0
    for raw in text.splitlines(keepends=True):
        line = raw.rstrip("\r\n")
        if out and lay.ends.search(line.strip().lower()):
            break
        cuts = [0] + [m.start() for m in glued.finditer(line)] + [len(line)]
        out += [(pos + a, line[a:b]) for a, b in zip(cuts, cuts[1:]) if b > a or len(cuts) == 2]
        pos += len(raw)
    return out


_GLUED: dict[int, re.Pattern] = {}


def _glued(lay: Layout) -> re.Pattern:
    """Where a line the copy glued together is cut (built once a layout): before a block label glued to
    the cell before it, between a reference marker and the next cell's count, after an old revision's
    banner ("... Newer revision → (diff)Birmingham pub bombings"), after a column's empty cell glued to
    the next one's count ("Unknown1,500 killed")."""
    if id(lay) not in _GLUED:
        empty = "|".join(r"(?<=\b%s)" % re.escape(w[:1].upper() + w[1:]) for w in sorted(lay.empty_cells)
                         if w.isalpha() and len(w) > 3)
        _GLUED[id(lay)] = re.compile(r"(?<=[a-z0-9)\]])(?=(?:%s)\b)|%s|(?<=→ \(diff\))(?=\w)|(?:%s)(?=\d)" % ("|".join(
            re.escape(b[:1].upper() + b[1:]) for b in lay.blocks if " " in b or b == "belligerents"), _NEXT_CELL.pattern,
            empty or "(?!)"))
    return _GLUED[id(lay)]


def read(text: str, prov: Provenance) -> Document:
    lay = load()
    doc = Document(prov, text, title="", sided=False)
    lines = _lines(text, lay)
    box, anchor, end, header = _infobox(lay, lines)
    doc.title = (header and _heading_over(lay, lines[:anchor], header)) or header or _title(lay, lines, anchor)
    for key, seg in rendered_box.fields(box).items():
        doc.fields[key] = Field(key, seg)
    doc.sided = box.sided
    # the site's banner ("From Wikipedia, the free encyclopedia") opens the article: prose above it is the site's
    banner = max((i for i, (_, t) in enumerate(lines[:anchor]) if _BANNER.search(t)), default=-1)
    if anchor == len(lines):  # no infobox: the whole page is the article
        _body(doc, lay, lines[banner + 1:])
        return doc
    for i in range(banner + 1, anchor):
        if _is_prose(lines[i][1]) and not lay.is_chrome(lines[i][1].strip()):
            doc.paragraphs.append(Paragraph("", _clean(lay, *lines[i])))
    _body(doc, lay, lines[end:])
    return doc


def _infobox(lay: Layout, lines: list[Line]) -> tuple[Box, int, int, str]:
    """The infobox read from the page: (box, first line, end line, header); first = end = the
    number of lines when the page has none."""
    box = Box(lay)
    span = rendered_box.table_span(lines, _is_prose)
    if span:
        rows = rendered_box.table_rows(box, lines[span[0]:span[1]])
        rendered_box.read_rows(box, rows)
        if box.inline or box.cols:
            # the table's first row that is the article's (a mirror may put its own notice in the table)
            header = next((r.cells[0].text for r in rows if r.cells and r.cells[0].text.strip()
                           and not lay.is_chrome(" ".join(c.text for c in r.cells).strip())), "")
            return box, span[0], span[1], "" if lay.label_of(header) or PART_OF.match(header) else header
        box = Box(lay)
    anchor = _anchor(lay, lines)
    if anchor is None:
        return box, len(lines), len(lines), ""
    end = anchor + 1
    while end < len(lines) and not (_is_sentence(lines[end][1]) and not _label_follows(lay, lines, end)
                                    and not _labelled(lay, lines[end][1])):
        end += 1
    rendered_box.read_lines(box, lines[anchor:end])
    rendered_box.tab_columns(box)
    header = ""
    if PART_OF.match(lines[anchor][1]):
        above = [t.strip() for _, t in lines[max(anchor - 6, 0):anchor] if t.strip() and not lay.is_chrome(t.strip())]
        header = above[-1] if above and _is_candidate(lay, above[-1]) else ""
    return box, anchor, end, header


def _heading_over(lay: Layout, top: list[Line], caption: str) -> str:
    """The page's heading above the infobox's caption where the two name one event in other words
    ("2015 Sousse attacks" / "2015 Sousse attack", "Battle of Aden (2018)" / "Battle of Aden",
    "Ethnic cleansing of Georgians in Sukhumi" / "Fall of Sukhumi"): the article is the heading's.
    The two share a word of the name (four letters alike at its start), not a word any event's name holds."""
    words = _name_stems(lay, caption)
    for _, t in top[-HEADING_REACH:]:
        c = lay.site_suffix.sub("", _EDIT.sub("", t).strip().rstrip(" |\t")).strip()
        if c and c != caption and "°" not in c and _is_candidate(lay, c) and words & _name_stems(lay, c):
            return c
    return ""


HEADING_REACH = 12  # lines above the caption


def _name_stems(lay: Layout, name: str) -> set[str]:
    return {w[:4].lower() for w in re.findall(r"[^\W\d_]{4,}", name) if w.lower() not in lay.title_generic}


def _anchor(lay: Layout, lines: list[Line]) -> int | None:
    """The infobox's first line: "Part of ..." or a label, near the top and not in running text."""
    seen = 0
    for i, (_, text) in enumerate(lines):
        s = text.strip()
        if not s or lay.is_chrome(s):
            continue
        seen += 1
        if seen > 150:
            return None
        if _is_prose(s):
            continue
        if _is_label(lay, s) and (lay.label_of(s) in lay.blocks or any(
                _is_label(lay, t.strip()) for _, t in lines[i + 1:i + 12])):
            return i  # an infobox has more than one label: a lone "Status..." line is not one
    return None


def _is_label(lay: Layout, s: str) -> bool:
    return bool(PART_OF.match(s) or lay.label_start.match(s)) and not _is_prose(s)


def _labelled(lay: Layout, line: str) -> bool:
    """A field of the infobox that reads as a sentence ("Result Mission successful; 102 (out of 105)
    hostages rescued."): its label says it is the box's, not the article's first sentence."""
    m = lay.label_start.match(line)
    return bool(m) and " ".join(m.group("label").lower().split()) in lay.labels and not _is_prose(line[m.end():])


def _label_follows(lay: Layout, lines: list[Line], i: int) -> bool:
    """A long sentence inside the infobox (a caption, a result note) is followed by more labels."""
    nxt = [t for _, t in lines[i + 1:i + 12] if t.strip() and not lay.is_chrome(t.strip())][:LABEL_LOOKAHEAD + 1]
    return any(lay.label_start.match(t) and not _is_prose(t) and not _section_heading(lay, t, nxt[k + 1:k + 2])
               # a label the copy broke over two lines ("Territorial" / "changes")
               or k + 1 < len(nxt) and lay.label_of(f"{t.strip()} {nxt[k + 1].strip()}") is not None
               for k, t in enumerate(nxt[:LABEL_LOOKAHEAD]))


# lines after a sentence-like line in which a label keeps the box going: a belligerents' column of a
# few names ("Hizbul Islam (2009 - 2010 m.)" / "Federal Republic of Somalia:" / "United States" /
# "European Union" / "Commanders and leaders")
LABEL_LOOKAHEAD = 4


def _section_heading(lay: Layout, line: str, after: list[str]) -> bool:
    """A label's word alone on its line over running text is the article's section ("Perpetrators" /
    "The jihadist group Al-Mourabitoun has claimed responsibility ..."), not a row of the infobox."""
    m = lay.label_start.match(line)
    return m is not None and not line[m.end():].strip(" :|\t") and bool(after) and _is_sentence(after[0])


def _is_candidate(lay: Layout, s: str) -> bool:
    """A line that can be the article's name."""
    return (bool(re.search(r"[^\W\d_]", s)) and len(s.split()) <= 15 and not _is_prose(s) and not _BULLET.match(s)
            and not lay.is_chrome(s) and not lay.label_start.match(s) and "|" not in s and not s.endswith(":")
            and not _SENTENCE_END.search(s) and not _DATED_OPENING.match(s))


# a sentence's opening broken off by a link preview: "On 10 January 2013, several"
_DATED_OPENING = re.compile(r"^(?:On|In|At|By|During|From|Since)\s+(?:\d|the\s+(?:night|morning|evening)\b)")
# a short sentence is no name: "In total 340 people were killed in the attack." opens a news text
_SENTENCE_END = re.compile(r"[a-z]{2}[.!?]$")
# the name a lead opens with: "The Battle of Boquerón was", "The flour massacre occurred" (capitalised
# words, "of"/"the" between them, then a verb)
_LEAD_SUBJECT = re.compile(r"^(?:The\s+)?(?P<name>(?:[A-Z0-9][\w'’.-]*|of|the|on|in|at|de|del)(?:\s+(?:[A-Z0-9][\w'’.-]*|of|the|on|in|at|de|del|massacre|attack|attacks|bombing|bombings|raid|ambush|airstrike|shooting|siege|offensive|uprising|crisis|clashes|incident|war|battle)){0,7})"
                           r"\s+(?:\([^()]{0,120}\)\s+)?(?:was|were|is|occurred|took\s+place|refers)\b")
# "The flour massacre ... occurred": words of no capital ending in a word of what happened
_LEAD_EVENT = re.compile(r"^(?:The\s+)?(?P<name>(?:[\w'’-]+\s+){0,4}?(?:massacre|attack|attacks|bombing|bombings|"
                         r"raid|ambush|airstrike|shooting|siege|offensive|uprising|crisis|clashes|incident))"
                         r"\s+(?:\([^()]{0,120}\)\s+)?(?:was|were|is|occurred|took\s+place)\b", re.I)
# a heading in the wikitext way, in a plain text: "= Lidice massacre =", "== Background =="
_EQUALS_HEADING = re.compile(r"^(=+)\s*+(?P<h>[^=]++)\1\s*+$")  # possessive: linear on long blank runs


def _title(lay: Layout, lines: list[Line], anchor: int) -> str:
    """The article's name among the lines above the infobox (or the page's first lines): a line the
    page repeats (its heading, then the infobox header), else one the lead restates, else the first."""
    top = lines[:anchor] if anchor < len(lines) else lines[:40]
    named = _above_banner(lay, top)
    if named:
        return named
    if anchor == len(lines) and top and _is_prose(top[0][1]):
        top = []  # a copy that opens with the lead: the lines below it are its sections ("See also"), no name
    # (a table's caption row "Barrios Altos massacre | |" without its cell bars)
    cands = [_EQUALS_HEADING.sub(r"\g<h>", _EDIT.sub("", t).strip().rstrip(" |\t")).strip() for _, t in top]
    cands = [c for c in cands if c and _is_candidate(lay, c)]
    cands = [lay.site_suffix.sub("", c) for c in cands]
    if not cands:
        # a pipe table that opens the page: its caption row names the article ("Karpalak ambush | |||||||")
        cap = next((m.group(1) for _, t in lines[anchor:anchor + CAPTION_ROWS] if (m := _CAPTION_ROW.match(t))
                    and not lay.is_chrome(m.group(1)) and _is_candidate(lay, m.group(1))), None)
        if cap:
            return cap
    if not cands:
        # no line names the article: the lead's subject does ("The Battle of Boquerón was a battle ...")
        lead = next((MARKER.sub("", t).strip() for _, t in lines if _is_prose(t)), "")
        m = _LEAD_SUBJECT.match(lead) or _LEAD_EVENT.match(lead)
        return (m.group("name")[:1].upper() + m.group("name")[1:]) if m else ""
    keys = [c.lower() for c in cands]
    for c, k in zip(cands, keys):
        if keys.count(k) > 1:
            return c
    lead = next((MARKER.sub("", t).lower() for _, t in lines if _is_prose(t)), "")
    for c, k in zip(cands, keys):
        # "Battle of Ramadi (2015–2016)"; not a one-word heading ("Attack") that any lead holds
        if " " in k and (k[:k.rfind("(")].rstrip() if k.endswith(")") else k) in lead:
            return c
    return cands[0]


CAPTION_ROWS = 3
_CAPTION_ROW = re.compile(r"^\s*\|?\s*([^|]*[^|\s])\s*(?:\|\s*)+$")


def _above_banner(lay: Layout, top: list[Line]) -> str:
    """The line a page puts right above its "From Wikipedia, the free encyclopedia" banner (or a short
    description that ends in it, as wikiwand's does): the article's heading."""
    for i, (_, t) in enumerate(top):
        if _BANNER.search(t):
            for _, prev in reversed(top[max(0, i - 3):i]):
                c = lay.site_suffix.sub("", _EDIT.sub("", prev).strip())
                if c and _is_candidate(lay, c):
                    return c
            return ""
    return ""


def _clean(lay: Layout, pos: int, line: str) -> Segment:
    """The line without citation markers, mapped to its place in the source; a space where a copy
    glued a link to the word before it ("between theSomali Army andAhlu Sunna Waljama'a")."""
    b = SegmentBuilder()
    last = 0
    for m in MARKER.finditer(line):
        _copy_unglued(lay, b, line[last:m.start()], pos + last)
        last = m.end()
    _copy_unglued(lay, b, line[last:], pos + last)
    return b.build()


def _copy_unglued(lay: Layout, b: SegmentBuilder, text: str, pos: int) -> None:
    last = 0
    for m in lay.glued_link.finditer(text):
        b.copy(text[last:m.end()], pos + last)
        b.put(" ", pos + m.end(), pos + m.end())
        last = m.end()
    b.copy(text[last:], pos + last)


def _is_heading(lay: Layout, s: str) -> bool:
    s = MARKER.sub("", s).strip()
    return (0 < len(s.split()) <= 8 and not re.search(r"[.!?,;:\"”)]$", s) and not _BULLET.match(s)
            and not s[0].islower() and not _REF.match(s) and bool(re.search(r"[^\W\d_]", s)))


def _body(doc: Document, lay: Layout, lines: list[Line]) -> None:
    """Paragraphs under their sections, and the references, from the lines after the infobox. A
    heading is a short line standing apart: above a blank line or an "[edit]" mark, or between
    the end of a sentence (or another heading) and a capital; a short line inside wrapped text is not."""
    section, refs, title, prev = "", False, doc.title.lower(), "."
    for n, (pos, line) in enumerate(lines):
        s = line.strip()
        equals = _EQUALS_HEADING.match(s)
        s = equals.group("h").strip() if equals else s
        if not s or lay.is_chrome(s) or s.lower() == title or not s.strip("|- "):
            continue
        if equals or _is_heading(lay, s) and not _is_prose(s) and _stands_apart(lay, lines, n, prev):
            prev = "."
            if not doc.paragraphs:  # the lead has no heading: a short line above it is debris
                continue
            section = MARKER.sub("", _EDIT.sub("", s)).strip()
            refs = section.lower() in lay.reference_sections
            continue
        prev = MARKER.sub("", s).rstrip()
        if refs or _REF.match(line):
            doc.references.append(Segment.verbatim(line, pos))
            continue
        doc.paragraphs.append(Paragraph(section, _clean(lay, pos, line)))


def _stands_apart(lay: Layout, lines: list[Line], n: int, prev: str) -> bool:
    if _EDIT.search(lines[n][1]):
        return True
    nxt = lines[n + 1][1].strip() if n + 1 < len(lines) else ""
    if not nxt or _EDIT.fullmatch(nxt) or lay.is_chrome(nxt):
        return True
    return bool(_END.search(prev) or prev.endswith("]")) and bool(re.match(r"[\"“'(A-Z0-9]", nxt))
