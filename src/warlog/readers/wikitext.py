"""wikitext: raw MediaWiki markup, parsed with mwparserfromhell.

mwparserfromhell's nodes carry no positions, but its parse is lossless (``str(parse(t)) == t``), so
the reader sums node lengths as it walks and every character of plain text it emits keeps its
offset in the markup. Links render as their label, ``<br />`` and list bullets as line breaks,
``{{flag|Mali}}`` as "Mali", references and citations as nothing (``data/templates.yaml``).

What renders as nothing anyway (references, footnote templates, the References and Bibliography
sections) is most of a long article's markup: it is hidden from the parser before the parse, each
span by blanks of the same length (``discarded``), which the reader leaves out of what it copies,
and kept as the Document's references, where ``discarded.citations`` reads the citation templates.
Plain links are hidden too, and their labels put back where they stood.
"""
from __future__ import annotations

import functools
import re
from importlib import resources

import mwparserfromhell
from mwparserfromhell.nodes import Comment, ExternalLink, Heading, HTMLEntity, Tag, Template, Text, Wikilink

from .. import countries, yamlfile
from ..document import Document, Field, Paragraph, normalise_key
from ..errors import TruncatedInput
from ..records import Citation, Provenance
from ..text import Segment, SegmentBuilder
from . import discarded

INFOBOX = re.compile(r"^\s*" + discarded.BOX_NAME, re.I)
_BOX_OPEN = re.compile(r"\{\{\s*" + discarded.BOX_NAME, re.I)
_SKIP_TAGS = {"ref", "references", "gallery", "math", "score", "timeline", "imagemap", "syntaxhighlight", "table",
              "templatestyles", "graph", "mapframe", "maplink", "noinclude", "includeonly"}
_BREAK_TAGS = {"br", "li", "dt", "dd", "p", "hr"}
# possessive blanks: a link title of thousands of blanks is passed once, not once per way to cut them
_SKIP_LINKS = re.compile(r"^\s*+(?::\s*+)?(?:file|image|category|media)\s*+:", re.I)
_END_SECTIONS = discarded.END_SECTIONS


def sniff(text: str) -> bool:
    head = text[:20000]
    return bool(_BOX_OPEN.search(head)) or (
        "[[" in head and "]]" in head and ("'''" in head or "{{" in head or "<ref" in head))


@functools.lru_cache(maxsize=1)
def _rules() -> dict:
    data = yamlfile.load(resources.files("warlog.data").joinpath("templates.yaml").read_text(encoding="utf-8"))
    return {k.lower(): v for k, v in data.items()}


class Renderer:
    """Renders wikicode into a SegmentBuilder, keeping each character's offset in the source."""

    def __init__(self, builder: SegmentBuilder, flag_sep: str | None = None, hidden: discarded.Hidden | None = None):
        self.b = builder
        # a flag icon's country, where it says whose: a combatant column ("{{flagicon|India}} [[Chhattisgarh]]")
        # or a casualty row ("{{flagicon|USA}} 3 killed"); elsewhere (commanders, prose) it is an icon
        self.flag_sep = flag_sep
        self.hidden = hidden or _NOTHING_HIDDEN  # what was hidden from the parser: blanks in its text nodes

    def code(self, code, pos: int) -> None:
        nodes = code.nodes
        for i, node in enumerate(nodes):
            raw = str(node)
            # (indices, not a slice: a slice of mwparserfromhell's SmartList is a live view of it)
            if self.flag_sep is not None and _named_after(node, [nodes[j] for j in range(i + 1, min(i + 3, len(nodes)))]):
                pos += len(raw)  # "{{flagicon|Mali}} [[Mali]]": the name follows its flag
                continue
            self.node(node, raw, pos)
            pos += len(raw)

    def node(self, node, raw: str, pos: int) -> None:
        if isinstance(node, Text):
            self.hidden.cut(self.b, node.value, pos)
        elif isinstance(node, Wikilink):
            self._link(node, raw, pos)
        elif isinstance(node, Template):
            self.template(node, raw, pos)
        elif isinstance(node, Tag):
            self._tag(node, raw, pos)
        elif isinstance(node, HTMLEntity):
            self.b.put(node.normalize(), pos, pos + len(raw))
        elif isinstance(node, ExternalLink):
            if node.title is not None:
                title = str(node.title)
                self.code(node.title, pos + raw.rfind(title, 0, len(raw) - 1))
        elif isinstance(node, Heading):
            self.code(node.title, pos + node.level)
        elif isinstance(node, Comment):
            pass

    def _link(self, node, raw, pos):
        title = str(node.title)
        if _SKIP_LINKS.match(title):
            return
        if node.text is not None:
            self.code(node.text, pos + 2 + len(title) + 1)
        else:
            self.code(node.title, pos + 2)

    def _tag(self, node, raw, pos):
        tag = str(node.tag).lower().strip()
        if tag in _SKIP_TAGS:
            return
        if tag in _BREAK_TAGS:
            self.b.put("\n", pos, pos + len(raw) if node.self_closing or node.contents is None else pos + 1)
            if node.contents is None or node.self_closing:
                return
        if node.contents is None or node.self_closing:
            return
        if node.wiki_markup:
            start = len(node.wiki_markup)
        else:
            start = raw.find(">") + 1
        self.code(node.contents, pos + start)

    def template(self, node, raw, pos):
        name = str(node.name).strip().lower().replace("_", " ")
        rule = _rules().get(name)
        if rule is None and name.startswith("lang-"):
            rule = {"show": 1}
        if not rule:
            return
        params = list(_param_offsets(node, pos))
        positional = [(p, off) for p, off in params if not p.showkey]
        if self.flag_sep is not None and name in _FLAG_ICONS and positional:
            p, off = positional[0]
            value = str(p.value)
            code = value.strip()
            # "{{flagicon|USA}}", "{{flagicon|FRA}}": a country's code stands for its name
            country = countries.name_of(countries.code_of(code) or "") if code.isalpha() and code.isupper() and len(code) <= 3 else None
            if country:
                self.b.put(country, off, off + len(value))
            else:
                self.code(p.value, off)
            self.b.put(self.flag_sep, pos + len(raw) - 2, pos + len(raw))
        elif "text" in rule:
            self.b.put(rule["text"], pos, pos + len(raw))
        elif rule.get("list"):
            if positional and self.b.tail().strip() and not self.b.tail().endswith("\n"):
                # a list after a heading ("Per Ukraine:" in bold, then the list) starts a line
                self.b.put("\n", pos, pos + 2)
            for n, (p, off) in enumerate(positional):
                if n:
                    self.b.put("\n", off - 1, off)
                self.code(p.value, off)
        elif "show" in rule:
            pick = positional[-1:] if rule["show"] == "last" else positional[rule["show"] - 1:rule["show"]]
            for p, off in pick:
                self.code(p.value, off)
        elif rule.get("date"):
            nums = [str(p.value).strip() for p, _ in positional if str(p.value).strip().isdigit()]
            if nums:
                parts = [nums[0].zfill(4)] + [n.zfill(2) for n in nums[1:3]]
                self.b.put("-".join(parts), pos, pos + len(raw))
        elif rule.get("coord"):
            point = _coord([str(p.value).strip() for p, _ in positional])
            if point:
                self.b.put(f"{point[0]}, {point[1]}", pos, pos + len(raw))
        elif rule.get("convert"):
            vals = [str(p.value).strip() for p, _ in positional[:2]]
            self.b.put(" ".join(vals), pos, pos + len(raw))


def _coord(params: list[str]) -> tuple[float, float] | None:
    """{{coord|15|50|45|N|4|19|18|W}}, {{coord|14.51|N|1.67|W}} or {{coord|14.51|-1.67}} as (lat, lon)."""
    try:
        for i, p in enumerate(params):
            if p.upper() in ("N", "S"):
                lat = sum(float(x) / 60 ** k for k, x in enumerate(params[:i]))
                rest = params[i + 1:]
                j = next(k for k, x in enumerate(rest) if x.upper() in ("E", "W"))
                lon = sum(float(x) / 60 ** k for k, x in enumerate(rest[:j]))
                return (round(-lat if p.upper() == "S" else lat, 5), round(-lon if rest[j].upper() == "W" else lon, 5))
        return float(params[0]), float(params[1])
    except (ValueError, IndexError, StopIteration):
        return None


def _param_offsets(tpl, pos: int):
    """Each parameter of a template with the source offset of its value."""
    off = pos + 2 + len(str(tpl.name))
    for p in tpl.params:
        off += 1  # the pipe
        value_at = off + (len(str(p.name)) + 1 if p.showkey else 0)
        yield p, value_at
        off += len(str(p))


_FLAG_ICONS = {"flagicon", "flagdeco"}


def _named_after(node, following) -> bool:
    """A flag icon whose country the text right after it names anyway."""
    if not isinstance(node, Template) or str(node.name).strip().lower() not in _FLAG_ICONS:
        return False
    country = str(node.params[0].value).strip().lower() if node.params else ""
    return bool(country) and country in "".join(str(n) for n in following).lower()[:len(country) + 40]


def render(code, pos: int, flag_sep: str | None = None, hidden: discarded.Hidden | None = None) -> Segment:
    b = SegmentBuilder()
    Renderer(b, flag_sep, hidden).code(code, pos)
    return b.build()


_NOTHING_HIDDEN = discarded.Hidden("")


def _flag_sep(key: str) -> str | None:
    return "\n" if key.startswith("combatant") else " " if key.startswith("casualties") else None


# Openers that are never closed make mwparserfromhell's tokenizer retry each one to the end of the
# text: quadratic time (thousands of unclosed "{{plainlist|" in 32 KB took 20 s). A few are normal
# markup slips and parse fine; past this many, the unclosed ones are defused before parsing.
UNCLOSED_LIMIT = 8
_PAIRS = re.compile(r"\{\{|\}\}|\[\[|\]\]|<(?P<close>/)?(?P<tag>ref|table|tr|td|th|div|span|small|big|center|font|"
                    r"sup|sub|p|b|i|u|s|poem|blockquote|gallery|code|pre)\b[^<>]{0,300}?(?P<self>/)?>", re.I)
_CLOSERS = {"}}": "{{", "]]": "[["}


def defuse(text: str) -> str:
    """``text`` with its unclosed "{{", "[[" and tags ("<ref>", "<table>", "<td>"...) made plain,
    character for character (the same length, so every offset holds), when there are more than
    UNCLOSED_LIMIT of them."""
    stacks: dict[str, list[int]] = {"{{": [], "[[": []}
    for m in _PAIRS.finditer(text):
        tok = m.group(0)
        if tok in _CLOSERS:
            if stacks[_CLOSERS[tok]]:
                stacks[_CLOSERS[tok]].pop()
        elif tok in stacks:
            stacks[tok].append(m.start())
        elif not m.group("self"):
            stack = stacks.setdefault("<" + m.group("tag").lower(), [])
            if not m.group("close"):
                stack.append(m.start())
            elif stack:
                stack.pop()
    unclosed = sorted(p for stack in stacks.values() for p in stack)
    if len(unclosed) <= UNCLOSED_LIMIT:
        return text
    out, last = [], 0
    for p in unclosed:
        out += [text[last:p], "\u2039" if text[p] == "<" else text[p] + " "]
        last = p + (1 if text[p] == "<" else 2)
    out.append(text[last:])
    return "".join(out)


def read(text: str, prov: Provenance) -> Document:
    hidden = discarded.hide(defuse(text))
    code = mwparserfromhell.parse(hidden.text)
    prov.citations = citations(text)
    doc = Document(prov, text, title=prov.title or "", references=hidden.references(text))
    box_found = False
    section = ""
    body = SegmentBuilder()
    r = Renderer(body, hidden=hidden)
    pos = 0
    for node in code.nodes:
        raw = str(node)
        if isinstance(node, Template) and not box_found and INFOBOX.match(str(node.name)):
            box_found = True
            _fields(doc, node, raw, pos)
        elif isinstance(node, Template) and _SHORT_DESCRIPTION.match(str(node.name)) and node.params:
            # "{{Short description|2014 massacre in Borno State, Nigeria}}": where, in the editors' words
            (p, off), *_ = _param_offsets(node, pos)
            if (seg := render(p.value, off)).text.strip():
                doc.fields["description"] = Field("description", seg)
        elif isinstance(node, Heading):
            _flush(doc, section, body)
            body = SegmentBuilder()
            r = Renderer(body, hidden=hidden)
            section = render(node.title, pos + node.level, hidden=hidden).text.strip()
        elif section.lower() not in _END_SECTIONS:
            r.node(node, raw, pos)
        pos += len(raw)
    _flush(doc, section, body)
    if not box_found and (m := _BOX_OPEN.search(text)):
        line = text.count("\n", 0, m.start()) + 1
        raise TruncatedInput("the infobox is never closed ('}}' missing): the markup is cut off",
                             path=prov.path, line=line)
    if not doc.title:
        shown = hidden
        if hidden.bold_hidden:  # the first bold text may be in a section hidden from the parse
            code, shown = mwparserfromhell.parse(defuse(text)), None
        doc.title = _bold_title(code, shown) or prov.path.rsplit("/", 1)[-1]
    return doc


_SHORT_DESCRIPTION = re.compile(r"\s*[Ss]hort description\s*$")
_CITE_AT = re.compile(r"\{\{\s*(?:[Cc]ite\b|[Cc]itation\s*[|}])")
_BRACES = re.compile(r"\{\{|\}\}")
_WORK_KEYS = ("work", "website", "newspaper", "magazine", "journal", "periodical", "publisher", "agency")
CITATION_LIMIT = 4000  # longer, it is no citation but an unclosed template: each scan stays short


def citations(text: str) -> list[Citation]:
    """The sources the article cites, in the order they stand: each ``{{cite ...}}`` or ``{{citation}}``
    (in a reference or a list of sources), with its outlet, date, title and URL, once each. Each is
    found by its braces and read alone, rather than by walking the whole article's tree."""
    out, seen, raws, rendered, dated = [], set(), set(), {}, {}
    for m in _CITE_AT.finditer(text):
        end = _template_end(text, m.start())
        if end is None or text[m.start():end] in raws:  # the same citation again: read once
            continue
        raws.add(text[m.start():end])
        cite = _citation(_params(text[m.start() + 2:end - 2], rendered), m.start(), end, dated)
        if (cite.work, cite.date, cite.title) not in seen:
            seen.add((cite.work, cite.date, cite.title))
            out.append(cite)
    return out


def _template_end(text: str, start: int) -> int | None:
    depth = 0
    for b in _BRACES.finditer(text, start, min(len(text), start + CITATION_LIMIT)):
        depth += 1 if b.group() == "{{" else -1
        if depth == 0:
            return b.end()
    return None


_PARTS = re.compile(r"\{\{|\}\}|\[\[|\]\]|\|")
_NESTED = re.compile(r"\{\{|\}\}|\[\[|\]\]")
_MARKUP = ("[[", "{{", "<", "&", "''")
_MARKUP_AT = re.compile("|".join(re.escape(m) for m in _MARKUP))  # any of them, in one search


def _params(body: str, rendered: dict[str, str] | None = None) -> dict[str, str]:
    """A template's named parameters (``name|key=value|...``), split at the bars outside links and
    templates; a value with markup rendered as text (a linked outlet is its label). ``rendered``:
    the values with markup rendered so far (an article's citations link the same outlets again and
    again), each parsed once."""
    rendered = {} if rendered is None else rendered
    if _NESTED.search(body) is None:
        parts = body.split("|")[1:]  # no link or template in it (most citations): every bar cuts
    else:
        cuts, depth = [], 0
        for t in _PARTS.finditer(body):
            if t.group() != "|":
                depth += 1 if t.group() in ("{{", "[[") else -1
            elif depth == 0:
                cuts.append(t.start())
        parts = [body[a + 1:b] for a, b in zip(cuts, cuts[1:] + [len(body)])]
    out = {}
    for part in parts:
        key, eq, value = part.partition("=")
        if eq:
            value = value.strip()
            if key.strip().lower() != "url" and _MARKUP_AT.search(value):
                if value not in rendered:
                    rendered[value] = render(mwparserfromhell.parse(value), 0).text.strip()
                value = rendered[value]
            out[key.strip().lower()] = value
    return out


def _citation(values: dict[str, str], start: int, end: int, dated: dict | None = None) -> Citation:
    """A citation of the values of its template. ``dated``: the dates read so far (an article's
    citations give the same dates again and again), each read once."""
    from ..dates import parse

    dated = {} if dated is None else dated
    work = next((values[k] for k in _WORK_KEYS if values.get(k)), None)
    date = values.get("date") or None
    if date and date not in dated:
        dated[date] = parse(date)
    span = dated[date] if date else None
    return Citation(work, span.start if span else date, values.get("title") or None, values.get("url") or None,
                    start, end)


def _fields(doc: Document, tpl, raw: str, pos: int) -> None:
    """The infobox's named parameters. Their offsets are found in the template's own text (``raw``),
    one "|name=" after the other: cheaper than stringifying every parameter, and only the
    parameters warlog reads are rendered."""
    cursor = 2 + len(str(tpl.name))
    for p in tpl.params:
        if not p.showkey:
            continue
        name = str(p.name)
        at = raw.find("|" + name + "=", cursor)
        if at < 0:  # not where expected: fall back to summing the parameters' lengths
            _fields_slow(doc, tpl, pos)
            return
        cursor = at + len(name) + 2
        key = normalise_key(name)
        if key not in USED_FIELDS and not _NUMBERED_FIELD.match(key):
            continue
        seg = render(p.value, pos + cursor, _flag_sep(key))
        if seg.text.strip():
            doc.fields[key] = Field(key, seg)


def _fields_slow(doc: Document, tpl, pos: int) -> None:
    for p, off in _param_offsets(tpl, pos):
        if p.showkey:
            key = normalise_key(str(p.name))
            seg = render(p.value, off, _flag_sep(key))
            if seg.text.strip():
                doc.fields[key] = Field(key, seg)


USED_FIELDS = {"conflict", "title", "partof", "date", "place", "coordinates", "result", "territory", "target",
               "type", "deaths", "injuries", "perpetrator", "victims", "missing", "hostages", "defender", "participants",
               "casualties", "notes"}
_NUMBERED_FIELD = re.compile(r"^(?:combatant|commander|strength|casualties|units)\d")


def _flush(doc: Document, section: str, body: SegmentBuilder) -> None:
    seg = body.build()
    text = seg.text
    start = 0
    for m in list(re.finditer(r"\n\s*\n", text)) + [None]:
        end = m.start() if m else len(text)
        chunk = text[start:end]
        lead = len(chunk) - len(chunk.lstrip())
        s, e = start + lead, start + len(chunk.rstrip())
        if e > s and re.search(r"[A-Za-z]{2}", text[s:e]):
            doc.paragraphs.append(Paragraph(section, seg.slice(s, e)))
        start = m.end() if m else len(text)


def _bold_title(code, hidden: discarded.Hidden | None) -> str | None:
    """The first bold text at the top level (its offsets found to render what was hidden in it)."""
    pos = 0
    for node in code.nodes:
        if isinstance(node, Tag) and node.wiki_markup == "'''":
            return render(node.contents, pos + len("'''"), hidden=hidden).text.strip() or None
        pos += len(str(node))
    return None
