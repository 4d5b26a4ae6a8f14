"""What the wikitext reader discards, found before the parse and hidden from it.

References (``<ref>...</ref>``, ``<ref name=x />``, ``<references>...</references>``), footnote
templates (``{{sfn}}``, ``{{efn}}``, ``{{refn}}`` and their kin) and the bodies of the sections the
reader skips (References, Notes, Bibliography, Further reading, External links...) render as
nothing, yet in a long article they are most of the markup, and mwparserfromhell spends most of its
time on them. ``hide`` replaces each by blanks of the same length, so every offset holds; the
reader leaves the spans hidden out of the text it copies (``Hidden.cut``), so its output is the same.
(Blanks, not comments: a comment is a node of the parse, and the parser's time goes by its nodes.)
The spans hidden are kept, and ``citations`` reads the citation templates in them ({{cite news}},
{{cite web}}, {{citation}}: title, outlet, date, url). Plain links (``[[Mali|Malian]]``, no markup in
them) outside templates are hidden too, though the reader keeps their labels: the parser spends
about a quarter of its time on links; ``Hidden.cut`` puts the label where the link stood.

Hiding is conservative, for mwparserfromhell does not take a reference's content as opaque: in
``<ref>{{a|b</ref> c}}`` the template swallows the closing tag, and so do an open link, bracket, tag
or bold run. A span is hidden only when nothing in it can reach past its end: a reference or a
footnote whose content closes all it opens and holds no comment or ``<nowiki>``; a section body that
closes all it opens, after a heading the parser sees at the top level (a scan keeps the depth of
comments, templates, links, tables, tags and bold and italic runs, which the parser pairs across
lines). Where the markup is irregular, the scan stops and the rest is left to the parser as it is.
The parser also reads ahead: a tag that may stand alone ("<td>", "<li>") holds all up to a closing tag
of its own and is text where another closing tag comes first; an external address runs on through a
comment or a template; a template's "}}" in a link's label closes nothing; a NUL ends the text in
some places. A span is not hidden where any of these could change what the parser makes of the text
around it (tests/test_discarded.py has each case).
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from ..text import Segment

# the sections the reader skips (wikitext.read): their bodies may be hidden
END_SECTIONS = {"references", "notes", "citations", "sources", "external links", "see also", "further reading",
                "bibliography", "footnotes"}
# footnote templates: warlog renders none of them (data/templates.yaml has no rule for any)
FOOTNOTES = r"sfn[a-z]*|harv(?:nb|txt|p)?|efn(?:[ _-][a-z]+)?|refn|rp?"
# a tag's attributes as the scan follows them: names, values plain or quoted, no markup in them (the
# parser reads templates, links and a quote left open in attributes; where such a tag ends is not
# followed here)
ATTRS = r"""(?:[ \t]+[^\s<>{}\[\]"'=/]+(?:[ \t]*=[ \t]*(?:"[^"<>{}\[\]]*"|'[^'<>{}\[\]]*'|[^\s<>{}\[\]"'/]+))?)*[ \t]*"""
# every alternative begins with a character outside any group: the engine then skips the text between
# tokens in C (a group first, and it tries every alternative at every character: ten times slower)
_TOKEN = re.compile(
    r"<(?:(?P<comment>!--)"
    r"|(?P<opaque>(?:nowiki|pre|math|chem|ce|syntaxhighlight|source|score|timeline|graph|hiero|poem|gallery|"
    r"imagemap|templatedata|includeonly|noinclude|onlyinclude|section)(?=[ \t/>]))"
    r"|(?P<ref>ref(?:erences)?(?=[ \t/>]))"
    r"|(?P<tag>(?P<slash>/)?(?P<name>[a-zA-Z][a-zA-Z0-9]*)(?(slash)[ \t]*|" + ATTRS + r"(?P<self>/?))>)"
    # a tag whose ">" comes after another "<" (or never), or whose attributes are not plain (braces,
    # a quote left open): the parser may take what lies between, references and headings too, for
    # its attributes; or a name followed by what the parser takes for no tag ("<ref|", "<span\n",
    # "</span x>"): text to it, but where it ends is not followed here
    r"|(?P<tangled>/?[a-zA-Z]))"
    r"|\{\{(?:(?P<note>\s*(?:" + FOOTNOTES + r")\s*(?:\||\}\}))|(?P<open>))"
    r"|\}(?P<close>\})|\[(?P<lopen>\[)|\](?P<lclose>\])"
    r"|\n(?:(?P<table>[ \t]*\{\|)|(?P<tclose>[ \t]*\|\})|(?P<heading>=))"
    r"|'(?P<quotes>'+)",
    re.I)
_FIRST_LINE = re.compile(r"(?P<table>[ \t]*\{\|)|(?P<tclose>[ \t]*\|\})|(?P<heading>=)")  # no line break before it
_OPAQUE_END: dict[str, re.Pattern] = {}  # name -> its closing tag, built as met
_OPAQUE_OPEN = re.compile(r"<[a-z]+" + ATTRS + r"/?>", re.I)
_REF_OPEN = re.compile(r"<(ref(?:erences)?)" + ATTRS + r"(/?)>", re.I)
_REF_CLOSE = {"ref": re.compile(r"</ref\s*>", re.I), "references": re.compile(r"</references\s*>", re.I)}
_BRACES = re.compile(r"\{\{|\}\}")
# inside a reference or a footnote: what could carry it past its end (each alternative begins with a
# character outside any group, as in _TOKEN)
_INNER = re.compile(
    r"<(?:(?P<bad>!--|(?:nowiki|pre|math|syntaxhighlight|source|poem|gallery)\b)"
    r"|(?P<tag>(?P<slash>/)?(?P<name>[a-zA-Z][a-zA-Z0-9]*)(?(slash)[ \t]*|" + ATTRS + r"(?P<self>/?))>)|(?P<tangled>/?[a-zA-Z]))"
    r"|\n(?P<heading>=)|\{(?:(?P<braces3>\{\{)|(?P<table>\|)|(?P<open>\{))|\}(?:(?P<closes3>\}\})|(?P<close>\}))"
    r"|\|(?P<tclose>\})|\[(?P<lopen>\[?)|\](?P<lclose>\]?)|'(?P<q>'+)", re.I)
_INNER_BAD = {"bad", "tangled", "heading", "braces3", "table", "closes3", "tclose"}
_PAIRS = {"}}": "{{", "]]": "[[", "]": "["}
# a template or a link the parser takes for one: a name of plain characters ("{{}}" is none)
_NAMED = {"{{": re.compile(r"\{\{\s*[^\s{}\[\]<>|]+(?:[^{}\[\]<>|\n]*[^\s{}\[\]<>|])?\s*(?:\||\}\})"),
          "[[": re.compile(r"\[\[\s*[^\s{}\[\]<>|]+(?:[^{}\[\]<>|\n]*[^\s{}\[\]<>|])?\s*(?:\||\]\])")}
_HEADING = re.compile(r"(={1,6})[ \t]*([^=\n]+?)[ \t]*\1[ \t]*$", re.M)
MAX_HEADING = 300  # characters of a heading line
# an infobox's template: "Infobox ...", or the names of the older dumps ("Warbox", "Battlebox", 2004-2007)
BOX_NAME = r"(?:infobox|warbox|battlebox)\b"
_INFOBOX = re.compile(r"\{\{\s*" + BOX_NAME, re.I)
# tags that always stand alone (mwparserfromhell's SINGLE_ONLY)
_SINGLE = {"br", "wbr", "hr", "meta", "link", "img"}
# tags that stand alone only where no closing tag of theirs follows: with one after them, the parser
# takes everything up to it for their content, headings included ("<td>a\n== H ==\nb</td>" is one
# tag). "li", "dt", "dd", "th", "td" and "tr" are its SINGLE; "<p>" and "<col>" with no closing tag
# after them are text to it.
_MAYBE_SINGLE = {"li", "dt", "dd", "th", "td", "tr", "p", "col"}
_MAYBE_CLOSER = re.compile(r"</\s*(li|dt|dd|th|td|tr|p|col)\b", re.I)
# what always ends an external link's address for the parser (others do in some contexts only)
_URL_ENDS = ("\n", " ", "[", "]", "<", ">", '"')
_URL_ENDS_PLAIN = frozenset(_URL_ENDS) - {">"}  # right before a span, no address runs into it (">": a comment's end may)
URL_REACH = 2000
COMMENT_MIN = 7  # a span shorter than a comment ("<!---->", as spans were hidden before) stays as it is
# a link of plain text ("[[Mali|Malian]]", "[[Ségou Region]]"): no markup, entity, quote, colon (a file,
# a category, another wiki) or bracket in its title or label; the parser makes one node of each
_PLAIN_LINK = re.compile(r"\[\[(?P<title>[^\W_][\w ,.()\-–’]*)(?:\|(?P<label>[\w ,.()\-–’]+))?\]\](?!\])")
BOLD, ITALIC = "'''", "''"


@dataclass
class Hidden:
    """The text as the parser gets it, and the spans hidden from it: ``(start, end, kind)``, kind one
    of ``ref``, ``note``, ``section`` or ``link``. ``found``: every reference and footnote met, hidden or not
    (one in a template is left to the parser). ``bold_hidden``: a hidden section body held bold text
    (a page without a title of its own takes it from the first bold text)."""

    text: str
    spans: list[tuple[int, int, str]] = field(default_factory=list)
    found: list[tuple[int, int]] = field(default_factory=list)
    bold_hidden: bool = False
    # the plain links hidden (kind ``link``): where each stands -> (where its label stands, the label),
    # which the reader renders in its place
    links: dict[int, tuple[int, str]] = field(default_factory=dict)

    def __post_init__(self):
        self.ends = [b for _, b, _ in self.spans]  # in order, as the spans (which do not overlap)

    def cut(self, b, value: str, pos: int) -> None:
        """Copy the text ``value`` of the parsed text at ``pos`` into the SegmentBuilder ``b``, less
        the blanks of the spans hidden in it, and a hidden link's label where the link stands."""
        i = bisect.bisect_right(self.ends, pos)
        end = pos + len(value)
        if i == len(self.spans) or self.spans[i][0] >= end:
            b.copy(value, pos)  # nothing hidden in it: most text
            return
        at = pos
        for start, stop, kind in self.spans[i:]:
            if start >= end:
                break
            if start > at:
                b.copy(value[at - pos:start - pos], at)
            if kind == "link" and start >= pos:
                label_at, label = self.links[start]
                b.copy(label, label_at)
            at = max(at, stop)
        if at < end:
            b.copy(value[at - pos:], at)

    def references(self, source: str) -> list[Segment]:
        """The references, footnotes and skipped section bodies, in order, as segments of the source
        text (one inside another is left out: the outer one holds it)."""
        spans = sorted({*self.found, *((a, b) for a, b, k in self.spans if k == "section")}, key=lambda s: (s[0], -s[1]))
        out, end = [], -1
        for a, b in spans:
            if a >= end:
                out.append(Segment.verbatim(source[a:b], a))
                end = b
        return out


class _Irregular(Exception):
    """Markup whose extent the scan cannot follow: the rest is left to the parser."""


def hide(text: str) -> Hidden:
    """``text`` with its references, footnote templates, skipped section bodies and plain links
    replaced by blanks of the same length (see the module's docstring)."""
    if "\0" in text:
        # mwparserfromhell's tokenizer takes a NUL for the end of the text in some places and not in
        # others: what it makes of the text around one is not followed here
        return Hidden(text)
    scan = _Scan(text)
    try:
        scan.run()
    except _Irregular:
        scan.section_at = None  # a section body under way is not hidden
    if not scan.spans:
        return Hidden(text, [], scan.found)
    out, last, links = [], 0, {}
    for a, b, kind in scan.spans:
        out += [text[last:a], " " * (b - a)]
        last = b
        if kind == "link":
            m = _PLAIN_LINK.match(text, a)
            shown = "label" if m.group("label") is not None else "title"
            links[a] = (m.start(shown), m.group(shown))
    out.append(text[last:])
    return Hidden("".join(out), scan.spans, scan.found, scan.bold_hidden, links)


class _Scan:
    """One pass over the markup's tokens, keeping the depth of what is open."""

    def __init__(self, text: str):
        self.text = text
        self.spans: list[tuple[int, int, str]] = []
        self.found: list[tuple[int, int]] = []
        self.depth = self.links = self.tables = 0
        self.nest: list[str] = []  # the templates and links open, innermost last
        self.tags: list[str] = []
        # bold and italic runs open: mwparserfromhell pairs them across lines, so a heading after an
        # odd one may stand inside a bold run
        self.bold = self.italic = False
        self.bold_in = self.italic_in = 0  # how many templates and links were open when each run began
        self.quotes_known = True
        self.section_at: int | None = None  # where the body of a skipped section begins
        self.bold_hidden = False
        self.closers = _last_closers(text)
        # a tag of _MAYBE_SINGLE met with nothing to close it: the parser reads on to the end of the
        # text for its closing tag, and takes it for text where another closing tag comes first
        self.alone = False
        self.comments: dict[int, int] = {}  # where each comment met ends -> where it begins

    def top(self) -> bool:
        """Nothing open: a heading here is one the parser sees at the top level."""
        return self.quotes_known and not (self.depth or self.links or self.tables or self.tags or self.bold
                                          or self.italic)

    def run(self) -> None:
        text, pos = self.text, 0
        if (m := _FIRST_LINE.match(text)) is not None:
            pos = getattr(self, "_" + m.lastgroup)(m)
        while (m := _TOKEN.search(text, pos)) is not None:
            pos = getattr(self, "_" + m.lastgroup)(m)
        self.close_section(len(text))

    def _comment(self, m) -> int:
        end = self.text.find("-->", m.end())
        if end < 0:
            raise _Irregular
        self.comments[end + 3] = m.start()
        return end + 3

    def _opaque(self, m) -> int:
        if not _OPAQUE_OPEN.match(self.text, m.start()):
            raise _Irregular  # its attributes are not plain: where the tag ends is not followed
        name = m.group(0)[1:].lower()
        rx = _OPAQUE_END.get(name) or _OPAQUE_END.setdefault(name, re.compile(rf"</{name}\s*>|<{name}\b[^<>]*/>", re.I))
        close = rx.search(self.text, m.start())
        if close is None:
            raise _Irregular
        return close.end()

    def _ref(self, m) -> int:
        """A reference: hidden when its content is plain. Otherwise whether the parser takes it for
        one, and where it ends, cannot be told: irregular."""
        opening = _REF_OPEN.match(self.text, m.start())
        if opening is None:
            raise _Irregular
        end = opening.end()
        if not opening.group(2):
            close = _REF_CLOSE[opening.group(1).lower()].search(self.text, opening.end())
            if close is None or not _plain(self.text, opening.end(), close.start(), False, self.closers):
                raise _Irregular
            end = close.end()
        self._hide(m.start(), end, "ref")
        return end

    def _note(self, m) -> int:
        """A footnote template: hidden when its braces close and its content is plain."""
        end = _template_end(self.text, m.start())
        if end is None or not _plain(self.text, m.start() + 2, end - 2, True, self.closers):
            return self._open(m)
        self._hide(m.start(), end, "note")
        return end

    def _hide(self, start: int, end: int, kind: str) -> None:
        self.found.append((start, end))
        # not inside a template or a link: whether the parser takes one for what it is can turn on
        # the nodes inside it ("{{efn|{{sfn|A}}{{sfn|B}}" and a heading: no template, but text)
        if (end - start >= COMMENT_MIN and not (self.depth or self.links) and not self._on_heading_line(start)
                and not self._after_url(start)):
            self.spans.append((start, end, kind))

    def _plain_link(self, start: int) -> int | None:
        """A plain link outside templates, links and tables (which the reader renders from the
        parameters' text, or not at all), on no heading's line and after no address: hidden, for the
        parser spends a quarter of its time on links; the reader renders its label in its place.
        Where it ends, or None when it is not hidden."""
        before = self.text[start - 1] if start else "\n"
        if self.depth or self.links or self.tables or before == "[":
            return None
        m = _PLAIN_LINK.match(self.text, start)
        if m is None or m.end() - start < COMMENT_MIN or self._on_heading_line(start) \
                or before not in _URL_ENDS_PLAIN and self._after_url(start):
            return None
        self.spans.append((start, m.end(), "link"))
        return m.end()

    def _after_url(self, pos: int) -> bool:
        """The text just before ``pos`` may be an external link's address: the parser ends one at a
        "<" or a blank but takes a comment into it (and a template), so a span hidden there would
        change the link. True when the run of text back to a character that always ends an address (comments
        passed over) holds a ":", or closes a template it does not open, or is longer than URL_REACH."""
        text, lo, end = self.text, max(0, pos - URL_REACH), pos
        while True:
            stop = max(text.rfind(c, lo, end) for c in _URL_ENDS)
            if stop < 0:
                if lo > 0:
                    return True
                break
            if text[stop] == ">" and text.startswith("--", stop - 2):  # a comment's end
                # where the scan met it begin ("<!-- a <!-- b -->" is one), else the last "<!--" before
                end = self.comments.get(stop + 1, text.rfind("<!--", lo, stop - 2))
                end = end if end >= lo else -1
                if end < 0:
                    return True
                continue
            break
        run = text[stop + 1:pos]
        return ":" in run or run.count("}}") > run.count("{{")

    def _on_heading_line(self, pos: int) -> bool:
        return self.text.startswith("=", self.text.rfind("\n", 0, pos) + 1)

    def _open(self, m) -> int:
        if self.text.startswith("{", m.start() + 2):
            raise _Irregular  # {{{parameter}}}
        self.depth += 1
        self.nest.append("{{")
        return m.start() + 2

    def _close(self, m) -> int:
        return self._closer("{{", m)

    def _lopen(self, m) -> int:
        if (end := self._plain_link(m.start())) is not None:
            return end
        self.links += 1
        self.nest.append("[[")
        return m.end()

    def _lclose(self, m) -> int:
        return self._closer("[[", m)

    def _closer(self, opener: str, m) -> int:
        """A "}}" or a "]]": it closes the innermost template or link. With nothing of its kind open it
        is text to the parser too; where the innermost is of the other kind (a template's "}}" in a
        link's label), whether it closes one turns on what follows."""
        if self.nest and (self.bold and self.bold_in >= len(self.nest) or self.italic and self.italic_in >= len(self.nest)):
            # a bold or italic run opened inside the innermost template or link takes its closer in
            # where the run is closed after it
            raise _Irregular
        if self.nest and self.nest[-1] == opener:
            self.nest.pop()
            if opener == "{{":
                self.depth -= 1
            else:
                self.links -= 1
        elif opener in self.nest:
            raise _Irregular
        return m.end()

    def _table(self, m) -> int:
        self.tables += 1
        return m.end()

    def _tclose(self, m) -> int:
        self.tables = max(0, self.tables - 1)
        return m.end()

    def _quotes(self, m) -> int:
        n = m.end() - m.start()
        if n not in (2, 3, 5):
            self.quotes_known = False  # how the parser pairs "''''" is not followed here
        self.bold ^= n in (3, 5)
        self.italic ^= n in (2, 5)
        if n in (3, 5) and self.bold:
            self.bold_in = len(self.nest)
        if n in (2, 5) and self.italic:
            self.italic_in = len(self.nest)
        return m.end()

    def _tangled(self, m) -> int:
        raise _Irregular  # where the tag ends, and what it holds, cannot be told

    def _tag(self, m) -> int:
        name = m.group("name").lower()
        if m.group("self") or name in _SINGLE:
            return m.end()
        if not m.group("slash"):
            if name in _MAYBE_SINGLE and self.closers.get(name, -1) < m.end():
                self.alone = True
                return m.end()  # nothing closes it: it stands alone (or is text)
            self.tags.append(name)
        elif self.tags and self.tags[-1] == name:
            self.tags.pop()
        elif name in self.tags:
            raise _Irregular  # tags closed out of order
        return m.end()

    def _heading(self, m) -> int:
        """A line that begins with "=": a heading, if the parser sees it at the top level. It ends the
        body of a skipped section; a heading of one starts a body."""
        if self.depth or self.links:
            # whether the parser takes the template or the link around it for one turns on the nodes
            # in it: what is open here cannot be told
            raise _Irregular
        if not self.top():
            return m.end()
        start = m.start("heading")
        self.close_section(start)
        line_end = self.text.find("\n", start)
        line_end = len(self.text) if line_end < 0 else line_end
        # a heading is a short line: a long one is text (and its lazy match would cost its square)
        h = _HEADING.match(self.text, start, line_end) if line_end - start <= MAX_HEADING else None
        if h is not None and h.group(2).lower() in END_SECTIONS:
            self.section_at = line_end + 1
        return m.end()

    def close_section(self, end: int) -> None:
        """The body of a skipped section ends at ``end``: hidden when everything opened in it was
        closed, and it holds no infobox."""
        start, self.section_at = self.section_at, None
        if start is None or not self.top():
            return
        if end < len(self.text):
            end -= 1  # the line break before the next heading stays
        if end - start < COMMENT_MIN or _INFOBOX.search(self.text, start, end):
            return
        if self.alone and self.text.find("</", start, end) >= 0:
            return  # a closing tag in it may be what makes a lone tag before it text
        self.bold_hidden = self.bold_hidden or BOLD in self.text[start:end]
        self.spans = [s for s in self.spans if s[1] <= start] + [(start, end, "section")]


def _template_end(text: str, start: int) -> int | None:
    """The end of the template opening at ``start``, by its braces; None if they never close."""
    depth = 0
    for m in _BRACES.finditer(text, start):
        depth += 1 if m.group(0) == "{{" else -1
        if depth == 0:
            return m.end()
    return None


def _last_closers(text: str) -> dict[str, int]:
    """Where the last closing tag of each of _MAYBE_SINGLE stands in ``text`` (one pass)."""
    return {m.group(1).lower(): m.start() for m in _MAYBE_CLOSER.finditer(text)}


def _plain(text: str, start: int, end: int, refs: bool, closers: dict[str, int]) -> bool:
    """True when ``text[start:end]`` closes whatever it opens (templates, links, brackets, tags, bold
    and italic runs) and holds no comment, <nowiki> or the like: nothing in it can reach past ``end``.
    ``refs``: references may stand in it (a footnote's), else not (a reference's). ``closers``:
    ``_last_closers(text)``, to tell a tag of _MAYBE_SINGLE that stands alone."""
    stack: list[str] = []
    bold = italic = False
    for m in _INNER.finditer(text, start, end):
        kind = m.lastgroup
        if kind in _INNER_BAD:
            return False
        if kind != "tag":
            tok = m.group(0)
            if kind == "q":
                if len(tok) not in (2, 3, 5):
                    return False
                bold ^= len(tok) in (3, 5)
                italic ^= len(tok) in (2, 5)
            elif tok in _PAIRS:
                if not stack or stack.pop() != _PAIRS[tok]:
                    return False
            elif tok in _NAMED and not _NAMED[tok].match(text, m.start(), end):
                return False
            else:
                stack.append(tok)
        else:
            name = m.group("name").lower()
            if name in ("ref", "references") and not refs:
                return False
            if name in _SINGLE and m.group("slash"):
                return False  # "</br>" in a tag's body ends it as text
            if m.group("self") or name in _SINGLE:
                continue
            if not m.group("slash"):
                if name in _MAYBE_SINGLE and closers.get(name, -1) < m.end():
                    return False  # nothing closes it: the parser reads on past the end for its closing tag
                stack.append(name)
            elif not stack or stack.pop() != name:
                return False
    return not (stack or bold or italic)


@dataclass
class Citation:
    """A citation template in the references: its kind ("cite news", "citation"), its named
    parameters, and where it stands in the source text."""

    kind: str
    params: dict[str, str]
    start: int
    end: int

    def get(self, *names: str) -> str | None:
        """The first of the parameters ``names`` given, as plain text (links as their labels)."""
        value = next((self.params[n] for n in names if self.params.get(n)), None)
        return _LINK.sub(lambda m: m.group(2) or m.group(1), value).replace("''", "").strip() if value else None

    @property
    def title(self) -> str | None:
        return self.get("title")

    @property
    def outlet(self) -> str | None:
        """Who published it: the work, newspaper, website, agency or publisher."""
        return self.get("work", "newspaper", "website", "agency", "publisher", "journal", "magazine")

    @property
    def date(self) -> str | None:
        return self.get("date")

    @property
    def url(self) -> str | None:
        return self.get("url")


_LINK = re.compile(r"\[\[([^|\]]*)(?:\|([^\]]*))?\]\]")
_CITE = re.compile(r"\{\{\s*(cite[ _][a-z ]+?|citation|cite)\s*\|", re.I)
_PIECE = re.compile(r"\{\{|\}\}|\[\[|\]\]|\|")


def citations(references: list[Segment]) -> list[Citation]:
    """The citation templates in ``references`` (a wikitext Document's), with their named parameters."""
    out = []
    for seg in references:
        text, at = seg.text, seg.runs[0].src_start if seg.runs else 0
        for m in _CITE.finditer(text):
            end, params = _params(text, m.end())
            if end is not None:
                out.append(Citation(" ".join(m.group(1).lower().replace("_", " ").split()), params,
                                    at + m.start(), at + end))
    return out


def _params(text: str, pos: int) -> tuple[int | None, dict[str, str]]:
    """The named parameters of a template from ``pos`` (after its first "|") to its closing braces,
    and where it ends (None: it never closes)."""
    depth, parts, begin = 0, [], pos
    for m in _PIECE.finditer(text, pos):
        tok = m.group(0)
        if tok in ("{{", "[["):
            depth += 1
        elif depth and tok in ("}}", "]]"):
            depth -= 1
        elif tok == "}}":
            parts.append(text[begin:m.start()])
            params = {}
            for p in parts:
                name, eq, value = p.partition("=")
                if eq and name.strip():
                    params[name.strip().lower()] = value.strip()
            return m.end(), params
        elif tok == "|" and not depth:
            parts.append(text[begin:m.start()])
            begin = m.end()
    return None, {}
