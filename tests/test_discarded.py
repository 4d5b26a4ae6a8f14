"""What the wikitext reader discards is hidden from the parser without moving a character, changes
nothing the reader keeps, and its citations can still be read."""
from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT
from warlog.readers import discarded, wikitext
from warlog.records import Provenance

ARTICLES = sorted([*ROOT.glob("samples/wikitext/*.txt"), *ROOT.glob("tests/corpus/wikitext/*.txt"),
                   *ROOT.glob("tests/articles/*.wiki")])


def _read(text: str, hide: bool, monkeypatch=None):
    """What the reader keeps of ``text``: title, fields and paragraphs with their offsets."""
    if not hide:
        monkeypatch.setattr(discarded, "hide", lambda t: discarded.Hidden(t))
    try:
        doc = wikitext.read(text, Provenance(path="a/x.wiki", format="wikitext", title="", sha256=""))
    except Exception as exc:  # the same failure either way
        return ("error", type(exc).__name__, str(exc))
    finally:
        if not hide:
            monkeypatch.undo()
    return (doc.title, [(k, f.value.text, f.value.runs) for k, f in doc.fields.items()],
            [(p.section, p.text.text, p.text.runs) for p in doc.paragraphs])


@pytest.mark.parametrize("path", ARTICLES, ids=[p.name for p in ARTICLES])
def test_discarded_hiding_keeps_every_offset_and_the_reading(path, monkeypatch):
    text = path.read_text(encoding="utf-8")
    hidden = discarded.hide(text)
    assert len(hidden.text) == len(text)
    last = 0
    for a, b, _ in hidden.spans:
        assert hidden.text[last:a] == text[last:a] and re.fullmatch(r" *", hidden.text[a:b])
        last = b
    assert hidden.text[last:] == text[last:]
    assert _read(text, True) == _read(text, False, monkeypatch)


@pytest.mark.parametrize("text, kinds", [
    ("A.<ref>{{cite news |title=T |work=Reuters}}</ref> B.<ref name=a /> C.", ["ref", "ref"]),
    ("A.{{sfn|Weiss|2019|p=4}} B.{{efn|A note.<ref>x y z</ref>}}", ["note", "note"]),
    ("A.\n== References ==\n{{reflist}}\n== Aftermath ==\nB.", ["section"]),
    ("A.\n== Notes ==\n{{notelist}}", ["section"]),
    ("The [[Malian Armed Forces|Malian army]] took [[Ségou]].", ["link", "link"]),
], ids=["references", "footnotes", "section-between", "section-at-end", "plain-links"])
def test_discarded_hides_references_footnotes_and_skipped_sections(text, kinds):
    assert [k for _, _, k in discarded.hide(text).spans] == kinds


@pytest.mark.parametrize("text", [
    "{{Infobox military conflict|casualties1=5 killed<ref>{{cite web|title=a}}</ref>}}",  # inside a template
    "A.<ref>{{a|b</ref> c}} d",  # the template swallows the closing tag
    "A.<ref>''a</ref> b'' c",  # so does an open italic run
    "A.<ref>a<!-- </ref> -->b</ref>",  # a comment inside
    "'''A.\n== References ==\n{{reflist}}\n== B ==\nb'''",  # the heading stands inside a bold run
    "<div>\n== References ==\n{{reflist}}\n</div>",  # inside a tag
    "A.\n== References ==\n{{reflist|\n== After ==\nB.\n}}",  # a heading inside a template
    "<td>A.\n== References ==\n{{reflist}}\n</td>",  # a tag that may stand alone, closed after
    "<p>A.\n== Notes ==\n{{notelist}}\n</p> B.",  # a paragraph closed after
    "See http://x.com/a<ref>{{cite web|title=a}}</ref> b",  # after an address: a comment would lengthen it
    "[http://x.com/a<ref>{{cite web|title=a}}</ref> b]",  # in a bracketed one too
    '<a href=x y<ref>{{cite web|title=a}}</ref> z>t</a>',  # in a tag's attributes
    "A.<ref|x>{{cite web|title=a}}</ref> b",  # no reference to the parser, but text
    "A.\0<ref>{{cite web|title=a}}</ref> b",  # what the parser makes of a NUL is not followed
    "<td>A.\n== References ==\n{{reflist}}</li>\n",  # the closing tag that makes the lone tag text
    "A.{{efn|a <td> b}}",  # a lone tag reads on past the footnote's braces
    "http://x.com/a{{efn|a ''b''}}<ref>{{cite web|title=a}}</ref> c",  # the address goes on through a template
    "http://x.com/a<!-- c --><ref>{{cite web|title=a}}</ref> b",  # and through a comment
    "{{a|[[b|c}}\nd]]\n== References ==\n{{reflist}}",  # a template's closing braces in a link's label
    '<span title="{{a|">A.<ref>{{cite web|title=a}}</ref>}}">b</span>',  # a template in a tag's attributes
    "A.<ref {{{a|b}}}>{{cite web|title=a}}</ref> c",  # in a reference's
    "{{a|'''b}}\n== References ==\n{{reflist}}\n'''c}}",  # a bold run takes the template's braces in
    'A.<ref name="a />{{cite web|title=a}}</ref> b" />c',  # a quote left open in a reference's attributes
    "<span>A.\n== References ==\n{{reflist}}\n</span x>",  # no closing tag to the parser
    '\n== References ==\n<pre title="a>\n== B ==\nb</pre>',  # a tag the scan passes over, with a quote open
    "{{lang|fr|[[Armée malienne]]}} and [[File:Map.png|a map]]",  # a link in a template; a file
    "http://x.com/a[[Abcdef]] and [[[Abcdef]]]",  # after an address; in a bracket
    "[[Abcdef|''Le Monde'']] and [[Abcdef|A &amp; B]]",  # a label with markup, with an entity
    "\n== [[Abcdef]] ==\n",  # on a heading's line
], ids=["in-template", "template-across", "italic-across", "comment-inside", "bold-around", "tag-around",
        "heading-in-template", "maybe-single-around", "paragraph-around", "after-address", "in-bracketed-address",
        "in-attributes", "no-reference", "nul", "lone-tag-before", "lone-tag-in-note", "address-through-template",
        "address-through-comment", "braces-in-label", "template-in-attributes", "template-in-reference-attributes",
        "braces-in-bold", "quote-open", "no-closing-tag", "quote-open-in-pre", "link-in-template",
    "link-after-address", "link-with-markup", "link-in-heading"])
def test_discarded_leaves_to_the_parser_what_could_reach_past_its_end(text):
    assert discarded.hide(text).spans == []


def test_discarded_citations_are_read_from_the_references():
    text = (ROOT / "tests/articles/boulkessi_2019.wiki").read_text(encoding="utf-8")
    doc = wikitext.read(text, Provenance(path="b.wiki", format="wikitext", title="", sha256=""))
    cites = discarded.citations(doc.references)
    assert [(c.kind, c.title, c.outlet) for c in cites] == [
        ("cite web", "Communiqué", "Gouvernement du Mali"),
        ("cite web", "JNIM claims Boulkessi raid", "Long War Journal"),
        ("cite news", "Mali: le JNIM revendique", "RFI")]
    assert cites[2].date == "4 October 2019"
    assert all(text[c.start:c.end].startswith("{{") and text[c.start:c.end].endswith("}}") for c in cites)


def test_discarded_footnote_templates_are_ones_the_reader_renders_as_nothing():
    names = wikitext._rules()
    assert not [n for n in names if re.fullmatch(discarded.FOOTNOTES, n, re.I)]


FRAGMENTS = ["text ", "12 soldiers were killed. ", "'''bold'''", "''it''", "'''", "''", "'''''", "''''", "[[Link]]",
             "[[A|b]]", "[[", "]]", "{{flag|Mali}}", "{{", "}}", "{{{", "}}}", "<ref>x</ref>", "<ref name=a/>",
             '<ref name="b" />', "<ref>{{cite web|title=a|url=b}}</ref>", "<ref>", "</ref>", "<ref>{{a|b</ref>",
             "<ref>''a</ref>", "<ref>[http://x.com a</ref>", "{{sfn|A|2020|p=4}}", "{{efn|note ''x''}}", "{{efn|",
             "{{refn|a<ref>b</ref>}}", "\n== References ==\n", "\n== Notes ==\n", "\n==Bibliography==\n",
             "\n== Aftermath ==\n", "\n=== Sub ===\n", "\n== External links ==\n", "\n= X =\n", "\n=", "<!-- c -->",
             "<!--", "-->", "<div>", "</div>", "<small>", "</small>", "\n{|\n", "\n|}\n", "\n", "[http://x.com T]", "[",
             "]", "<br />", "<nowiki>", "</nowiki>", "{{Infobox military conflict|conflict=X|casualties1=5 killed<ref>r</ref>}}",
             "\n* {{cite book|title=B}}\n", "{{reflist}}", "<references />", "<references>\n<ref name=a>x</ref>\n</references>",
             "[[Category:X]]", "[[Abcdef|a, b]]", "'''[[Abcdef]]'''", "{{r|a}}", "{{harvnb|A|2000}}", "&nbsp;", "<span>", "</span>", "|", "=", "{{}}",
             "<td>", "</td>", "<tr>", "<li>", "</li>", "<p>", "</p>", "\t", "http://x.com/a", "<ref|x>", "<a href=x ",
             "<span\n", "\0"]


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=40).map("".join))
def test_discarded_hiding_changes_nothing_the_reader_keeps(text):
    with pytest.MonkeyPatch.context() as mp:
        assert _read(text, True) == _read(text, False, mp)
