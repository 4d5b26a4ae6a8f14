"""Small MediaWiki dumps in the real format, for the tests and the benchmark: export-0.11 XML with
siteinfo and namespaces, redirects, talk and template pages, several revisions, XML entities, as a
bz2 multistream file of 100 pages a stream with its index."""
from __future__ import annotations

import bz2
import random
from pathlib import Path
from xml.sax.saxutils import escape

HEADER = """<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.11/" version="0.11" xml:lang="en">
  <siteinfo>
    <sitename>Wikipedia</sitename>
    <dbname>enwiki</dbname>
    <namespaces>
      <namespace key="0" case="first-letter" />
      <namespace key="1" case="first-letter">Talk</namespace>
      <namespace key="10" case="first-letter">Template</namespace>
    </namespaces>
  </siteinfo>
"""
WORDS = ("the river valley town market district province village road bridge council school harvest rain "
         "season festival railway station museum church mosque population census mayor history founded").split()


def page(pid: int, title: str, text: str, ns: int = 0, redirect: str | None = None, older: str | None = None) -> str:
    revs = []
    if older is not None:
        revs.append(f"    <revision>\n      <id>{pid * 10}</id>\n      <text xml:space=\"preserve\">{escape(older)}</text>\n"
                    f"    </revision>\n")
    revs.append(f"    <revision>\n      <id>{pid * 10 + 1}</id>\n      <timestamp>2024-01-01T00:00:00Z</timestamp>\n"
                f"      <text bytes=\"{len(text)}\" xml:space=\"preserve\">{escape(text)}</text>\n    </revision>\n")
    red = f'    <redirect title="{escape(redirect)}" />\n' if redirect else ""
    return f"  <page>\n    <title>{escape(title)}</title>\n    <ns>{ns}</ns>\n    <id>{pid}</id>\n{red}{''.join(revs)}  </page>\n"


def filler(rng: random.Random, n_words: int) -> str:
    body = " ".join(rng.choice(WORDS) for _ in range(n_words))
    return (f"{{{{Infobox settlement\n| name = X\n}}}}\n'''X''' is a place &amp; more. {body}. "
            f"See [[Something|else]] and <ref>{{{{cite web|title=y}}}}</ref>.\n")


def pages(planted: dict[str, str], n_ordinary: int, words: int = 300, seed: int = 1):
    """(page id, title, xml) for ordinary pages with the planted articles spread among them, and the
    decoys a pre-filter must pass over."""
    rng = random.Random(seed)
    items = [("Template:Infobox military conflict", "{{Infobox military conflict\n| conflict = {{{conflict|}}}\n}}", 10, None, None),
             ("Talk:Some battle", "Why is {{Infobox military conflict}} missing here?", 1, None, None),
             ("Battle redirect", "#REDIRECT [[Some battle]] {{Infobox military conflict}}", 0, "Some battle", None),
             ("Old battle", "A page that no longer has the box.", 0, None, "{{Infobox military conflict\n| conflict = Old\n}}"),
             ("Mentions", "The template Infobox military conflict is used on battle articles.", 0, None, None)]
    items += [(t, text, 0, None, "An older stub.") for t, text in planted.items()]
    ordinary = [(f"Place {i}", filler(rng, words), 0, None, None) for i in range(n_ordinary)]
    for item in items:
        ordinary.insert(rng.randrange(len(ordinary) + 1), item)
    for pid, (title, text, ns, redirect, older) in enumerate(ordinary, start=1):
        yield pid, title, page(pid, title, text, ns, redirect, older)


def write_multistream(path: Path, index: Path, page_items, per_stream: int = 100, version: str = "0.11") -> None:
    """The dump as bz2 streams of ``per_stream`` pages, with the header and footer streams of their own."""
    with open(path, "wb") as out, bz2.open(index, "wt", encoding="utf-8") as idx:
        out.write(bz2.compress(HEADER.replace("0.11", version).encode("utf-8")))
        batch = []

        def flush():
            offset = out.tell()
            out.write(bz2.compress("".join(xml for _, _, xml in batch).encode("utf-8")))
            for pid, title, _ in batch:
                idx.write(f"{offset}:{pid}:{title}\n")
            batch.clear()

        for item in page_items:
            batch.append(item)
            if len(batch) == per_stream:
                flush()
        if batch:
            flush()
        out.write(bz2.compress(b"</mediawiki>\n"))


def planted_articles(root: Path) -> dict[str, str]:
    """The wikitext test articles, by title."""
    files = sorted((root / "samples" / "wikitext").iterdir()) + sorted((root / "tests" / "articles").glob("*.wiki"))
    out = {}
    for f in files:
        text = f.read_text(encoding="utf-8")
        out[f"Planted {f.stem}"] = text
    return out


def index_lines(index: Path) -> list[str]:
    """The index's lines, ``offset:page_id:title``."""
    return bz2.decompress(index.read_bytes()).decode("utf-8").splitlines()


def write_index(index: Path, lines: list[str]) -> None:
    index.write_bytes(bz2.compress("".join(line + "\n" for line in lines).encode("utf-8")))


def offset_of(index: Path, title: str) -> int:
    """Where the stream that holds the page ``title`` starts."""
    return next(int(line.split(":", 2)[0]) for line in index_lines(index) if line.split(":", 2)[2] == title)


def padded(text: str, n_bytes: int) -> str:
    """The article with an HTML comment of ``n_bytes`` after it: a page too large for the limit."""
    return text + "\n<!-- " + "x" * n_bytes + " -->\n"
