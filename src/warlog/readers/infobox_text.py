"""infobox-text: ``= Title =``, an ``Infobox`` block of ``- Key: Value`` lines, ``== Section ==`` prose."""
from __future__ import annotations

import re

from ..document import Document, Field, Paragraph, normalise_key
from ..errors import TruncatedInput
from ..records import Provenance
from ..text import Segment

_TITLE = re.compile(r"^\s*=\s*(?P<t>[^=].*?)\s*=\s*$")
_HEADING = re.compile(r"^\s*(?P<eq>={2,6})\s*(?P<t>.*?)\s*(?P=eq)\s*$")
_FIELD = re.compile(r"^\s*[-*]\s*(?P<key>[^:\n]{1,40}?)\s*:\s*(?P<value>.*?)\s*$")


def sniff(text: str) -> bool:
    head = text[:4000]
    return bool(re.search(r"^\s*Infobox\s*$", head, re.M) and re.search(r"^\s*-\s*\w[^:\n]*:", head, re.M))


def _lines(text: str):
    pos = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        yield pos, body
        pos += len(line)


def read(text: str, prov: Provenance) -> Document:
    doc = Document(prov, text, title="")
    section, in_box, para_start, para_lines = "", False, None, []

    def flush():
        nonlocal para_start, para_lines
        if para_lines:
            end = para_lines[-1][0] + len(para_lines[-1][1])
            doc.paragraphs.append(Paragraph(section, Segment.verbatim(text[para_start:end], para_start)))
        para_start, para_lines = None, []

    for pos, line in _lines(text):
        stripped = line.strip()
        if not doc.title and (m := _TITLE.match(line)):
            doc.title = m.group("t")
            continue
        if stripped.lower() == "infobox":
            flush()
            in_box = True
            continue
        if in_box:
            if (m := _FIELD.match(line)):
                key = normalise_key(m.group("key"))
                doc.fields[key] = Field(key, Segment.verbatim(m.group("value"), pos + m.start("value")))
                continue
            in_box = False
            if not stripped:
                continue
        if (m := _HEADING.match(line)):
            flush()
            section = m.group("t")
            continue
        if not stripped:
            flush()
            continue
        if para_start is None:
            para_start = pos
        para_lines.append((pos, line))
    flush()
    if not doc.title:
        first = text.lstrip().splitlines()[0]
        if first.lstrip().startswith("="):
            raise TruncatedInput("the title line is not closed by '='", path=prov.path, line=1)
    return doc
