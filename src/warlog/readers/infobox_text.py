"""infobox-text: ``= Title =``, an ``Infobox`` block of ``- Key: Value`` lines, ``== Section ==`` prose."""
from __future__ import annotations

import re

from ..document import Document, Field, Paragraph, normalise_key
from ..errors import TruncatedInput
from ..records import Provenance
from ..text import Segment

# greedy to the last non-blank, not lazy before blanks: a line of thousands of tabs costs linear time
_TITLE = re.compile(r"^\s*+=\s*+(?P<t>[^=\s](?:.*[^\s=])?)\s*=\s*$")
_HEADING = re.compile(r"^\s*(?P<eq>={2,6})\s*(?P<t>.*?)\s*(?P=eq)\s*$")
_FIELD = re.compile(r"^\s*+[-*]\s*+(?P<key>[^:\n]{1,40}?)\s*:\s*+(?P<value>(?:.*\S)?)\s*$")
# a copy's "Combatant1:MOJWA" line: no list mark, a template's own key (read only where it is one)
_BARE_FIELD = re.compile(r"^\s*+(?P<key>[A-Za-z][A-Za-z_ ]{1,24}?\d?[a-z]?)\s*:\s*+(?P<value>(?:.*\S)?)\s*$")


# Keys that only an infobox has: a run of ``- Key: Value`` lines holding two of them is the box even
# where a copy lost its ``Infobox`` line (a list in prose rarely has a "Combatant1" or a "Partof").
_BOX_KEYS = frozenset({"conflict", "partof", "date", "place", "result", "territory", "perpetrator", "target",
                       "deaths", "injuries", "weapons", "defender", "coordinates"})
_BOX_STEMS = re.compile(r"(combatant|commander|strength|casualties|units)\d")
_RUN = 3  # field lines in a row that can make a box without its heading
MAX_CONTINUED = 20  # lines a printed template's field goes on for (each one re-reads the field: linear time)


def _is_box_key(key: str) -> bool:
    key = normalise_key(key)
    return key in _BOX_KEYS or bool(_BOX_STEMS.match(key))


def _box_key(line: str) -> bool:
    m = _FIELD.match(line) or _BARE_FIELD.match(line)
    return bool(m) and _is_box_key(m.group("key"))


def _field(line: str) -> re.Match | None:
    """A ``- Key: Value`` line, or a bare ``Key:Value`` one whose key is an infobox's."""
    m = _FIELD.match(line)
    if m is None and (m := _BARE_FIELD.match(line)) and not _is_box_key(m.group("key")):
        return None
    return m


def _headless_box(lines: list[str]) -> bool:
    """Whether the field lines starting ``lines`` form an infobox without its ``Infobox`` line."""
    run, printed = [], False
    for i, line in enumerate(lines):
        if not _field(line):
            if printed and line.strip() and len(line.split()) <= 40:
                continue  # a printed template's value goes on below its key ("Result: | X victory" / "|")
            if printed and not line.strip() and _field_follows(lines, i + 1):
                continue  # "Combatant1: Iraq" / "" / "Iran" / "" / "Combatant2: ...": one value's lines apart
            break
        run.append(line)
        printed = printed or not _FIELD.match(line)
    if printed:
        # bare "Key:Value" lines are also how a mirror prints its own labels ("Location:Hombori"):
        # only the template's numbered keys (Combatant1, Casualties2) say it printed the template
        numbered = [m for line in run if (m := _BARE_FIELD.match(line)) and _BOX_STEMS.match(normalise_key(m.group("key")))]
        return len(numbered) >= 2
    return len(run) >= _RUN and sum(map(_box_key, run)) >= 2


def _field_follows(lines: list[str], at: int, reach: int = 6) -> bool:
    """Whether a field line comes within the next few lines, blank or short, of a printed template."""
    for line in lines[at:at + reach]:
        if _field(line):
            return True
        if len(line.split()) > 40:
            return False
    return False


# a mirror that printed the template's parameters ("Infobox Military Conflict", then "conflict=Battle
# of Pooneryn", "casualties1=441 killed"): the same box, "=" for ":"
_DUMP_HEAD = re.compile(r"^\s*Infobox[ _](?:military[ _]conflict|civilian[ _]attack|war[ _]faction|battle)\s*$", re.I | re.M)
_DUMP_FIELD = re.compile(r"^\s*+(?P<key>[a-z][a-z_ ]{1,24}?\d?[a-z]?)\s*=\s*+(?P<value>(?:.*\S)?)\s*$")


def _unbarred(value: str, pos: int) -> Segment:
    """A field's value without the cell bars a copied table left around it ("| Hezbollah victory |")."""
    inner = value.strip("| \t")
    if not inner:
        return Segment.verbatim(value, pos)
    start = value.index(inner)
    return Segment.verbatim(inner, pos + start)


def sniff(text: str) -> bool:
    head = text[:4000]
    if re.search(r"^\s*Infobox\s*$", head, re.M):
        return bool(re.search(r"^\s*-\s*\w[^:\n]*:", head, re.M))
    if (m := _DUMP_HEAD.search(head)) and sum(bool(_DUMP_FIELD.match(x)) for x in head[m.end():].splitlines()[:12]) >= 3:
        return True
    lines = head.splitlines()
    return any(_field(line) and _headless_box(lines[i:i + 40]) for i, line in enumerate(lines[:60]))


def _lines(text: str):
    pos = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        yield pos, body
        pos += len(line)


def read(text: str, prov: Provenance) -> Document:
    doc = Document(prov, text, title="")
    section, in_box, para_start, para_lines = "", False, None, []
    boxed = bool(re.search(r"^\s*Infobox\s*$", text[:4000], re.M))
    lines = text.splitlines()

    def flush():
        nonlocal para_start, para_lines
        if para_lines:
            end = para_lines[-1][0] + len(para_lines[-1][1])
            doc.paragraphs.append(Paragraph(section, Segment.verbatim(text[para_start:end], para_start)))
        para_start, para_lines = None, []

    dump, last, more = False, None, 0  # a printed template's parameters; the field a line goes on; how often
    printed = False  # a box of bare "Key:Value" lines whose values go on below them
    for n, (pos, line) in enumerate(_lines(text)):
        stripped = line.strip()
        if not doc.title and (m := _TITLE.match(line)):
            doc.title, doc.titled = m.group("t"), True
            continue
        if stripped.lower() == "infobox":
            flush()
            in_box = boxed = True
            continue
        if not boxed and _DUMP_HEAD.match(line):
            flush()
            in_box = boxed = dump = True
            continue
        if dump and in_box:
            if not stripped and any(_DUMP_FIELD.match(x) for x in lines[n + 1:n + 3] if x.strip()):
                continue  # "conflict= Battle of Concepción", a blank line, "partof= ...": the box goes on
            if (m := _DUMP_FIELD.match(line)):
                last, more = normalise_key(m.group("key")), 0
                if m.group("value") or _BOX_STEMS.match(last):
                    # an empty "combatant1=" still holds its column's place: "combatant2" is side B
                    doc.fields[last] = Field(last, Segment.verbatim(m.group("value"), pos + m.start("value")))
                continue
            if last in doc.fields and stripped and re.search(r"\d", stripped) and len(stripped.split()) <= 40 \
                    and (more := more + 1) <= MAX_CONTINUED:
                # "200 missing" on the line below "casualties1=441 killed": the field goes on
                seg = doc.fields[last].value
                start = seg.source_span(0, 1)[0]
                doc.fields[last] = Field(last, Segment.verbatim(text[start:pos + len(line)], start))
                continue
            in_box = dump = False
        if not boxed and _field(line) and _headless_box(lines[n:n + 40]):
            flush()
            in_box = boxed = True
            printed = not _FIELD.match(line)  # "Casualties1:US:" / "365 killed": a printed template's lines
        if in_box:
            if (m := _field(line)):
                last, more = normalise_key(m.group("key")), 0
                doc.fields[last] = Field(last, _unbarred(m.group("value"), pos + m.start("value")))
                continue
            if printed and not stripped and _field_follows(lines, n + 1):
                continue  # a blank line between a value's lines, the box going on below it
            if printed and stripped and last is not None and (more := more + 1) <= MAX_CONTINUED \
                    and len(stripped.split()) <= 40:
                # a printed template's value goes on over the lines below its key, up to a blank line
                start = doc.fields[last].value.source_span(0, 1)[0] if doc.fields[last].value.text else pos
                doc.fields[last] = Field(last, Segment.verbatim(text[start:pos + len(line)], start))
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
