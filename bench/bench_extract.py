"""Extraction speed: articles per second on one core.

    python bench/bench_extract.py [--seconds 3]

Measures the whole path a file takes (decode, read, extract, serialise to JSON) on
  - the seed articles (plain-text infobox form and the rendered page),
  - their wikitext forms,
  - a 200 KB wikitext article built from the wikitext seeds' prose (a long article of the same kind,
    with almost no references),
  - long reference-heavy wikitext articles of 60, 150 and 300 KB (``long_article``, below): the
    markup of a real long article, where the references are about half of the bytes,
in one process, so the figure is per core. The floor printed beside each is the time of parsing the
same text with mwparserfromhell alone, the one dependency every wikitext run pays for; for the long
articles the ratio of the extraction's time to that parse's is printed too (below 1: the extraction,
everything included, is faster than the parse alone, since the reader hides the references from it).
"""
from __future__ import annotations

import argparse
import json
import random
import re
import time
from pathlib import Path

import mwparserfromhell

from warlog import readers
from warlog.events import from_document
try:
    from warlog.records import events_json
except ImportError:  # an older warlog's source on the path, timed beside this one
    def events_json(events):
        return [e.to_json() for e in events]

ROOT = Path(__file__).resolve().parent.parent


def _rate(fn, texts, seconds, rounds=5):
    """Articles per second: the best of several rounds, as timeit advises (noise only slows a run)."""
    best = 0.0
    for _ in range(rounds):
        n, start = 0, time.perf_counter()
        while time.perf_counter() - start < seconds / rounds:
            for path, text in texts:
                fn(path, text)
                n += 1
        best = max(best, n / (time.perf_counter() - start))
    return best


def extract(path, text):
    events = from_document(readers.read_text(text, path))
    return "[" + ",".join(events_json(events)) + "]"


def parse_only(path, text):
    return mwparserfromhell.parse(text)


def big_article(target=200_000) -> str:
    wiki = sorted((ROOT / "samples/wikitext").glob("*.txt"))
    head = wiki[0].read_text(encoding="utf-8")
    box_end = head.index("\n}}\n") + 4
    bodies = []
    for p in wiki:
        t = p.read_text(encoding="utf-8")
        body = t[t.index("\n}}\n") + 4:]
        bodies.append(re.sub(r"==\s*References\s*==[\s\S]*", "", body))
    out, i = [head[:box_end]], 0
    while sum(map(len, out)) < target:
        out.append(f"\n== Part {i} ==\n" + bodies[i % len(bodies)])
        i += 1
    return "".join(out)


REAL = ["samples/wikitext/*.txt", "tests/corpus/wikitext/*.txt", "tests/articles/*.wiki"]
_REF = re.compile(r"<ref[^>/]*>(\{\{[Cc]ite[^<]*\}\})</ref>")
_END = re.compile(r"\n==\s*(?:References|Notes|Bibliography|External links|See also|Further reading)\s*==[\s\S]*")


def long_article(target: int, seed: int = 7) -> str:
    """A long reference-heavy wikitext article of about ``target`` characters, built from the real
    wikitext of the samples and the development corpus (Wikipedia, CC BY-SA 4.0):

    - the first seed's infobox, then the corpus articles' prose sections one after another (renamed
      "Part N" so that none is a section the reader skips), repeated until the size is reached;
    - after three sentences in four, a reference as long articles carry them: 65% a new one, a citation
      template of the corpus with the fields the corpus copies dropped and real ones carry (url,
      access-date, archive-url, archive-date, url-status: about 400 characters), 25% a named reference
      used again (``<ref name="r12" />``), 10% a short footnote (``{{sfn|Weiss|2019|p=42}}``), and now
      and then an explanatory note (``{{efn|...}}``) with a reference inside;
    - references in the infobox's casualty fields;
    - the end matter of a long article: Notes ({{notelist}}), References ({{reflist}}), a Bibliography
      of {{cite book}} entries (one for every 25 references) and External links.

    References come to about half of the bytes, as in the long articles of the English Wikipedia
    (e.g. Battle of Mosul (2016-2017): 290 KB, 600 references)."""
    rng = random.Random(seed)
    texts = [p.read_text(encoding="utf-8") for pattern in REAL for p in sorted(ROOT.glob(pattern))]
    cites = [m.group(1) for t in texts for m in _REF.finditer(t)]
    head = texts[0]
    box_end = _box_end(head)
    box = re.sub(r"(\|\s*casualties\d\s*=[^\n]*)", lambda m: m.group(1) + _ref(rng, cites, 0), head[:box_end])
    bodies = []
    for t in texts:
        body = t[_box_end(t):]
        body = _END.sub("", re.sub(r"<ref[^>]*/>|<ref[^>]*>.*?</ref>", "", body, flags=re.S))
        bodies.append(re.sub(r"(?m)^(=+)[^=\n]+\1\s*$", "", body).strip())
    out, size, n, i = [box], len(box), 0, 0
    while size < target - 4000 - 320 * (n // 25):  # the end matter comes after
        part = [f"\n== Part {i} ==\n"]
        for sentence in re.split(r"(?<=[.!?])(?= )", bodies[i % len(bodies)]):
            part.append(sentence)
            if rng.random() < 0.75 and sentence.rstrip().endswith("."):
                n += 1
                part.append(_ref(rng, cites, n))
        out.append("".join(part))
        size += len(out[-1])
        i += 1
    books = "".join(f"* {{{{cite book |last=Author{k} |first=A. |title=The Sahel wars, volume {k} |publisher="
                    f"Oxford University Press |location=Oxford |year={1990 + k % 30} |isbn=978-0-19-{k:06d}-{k % 10}"
                    f" |url=https://books.example.org/{k} |access-date=12 March 2024}}}}\n" for k in range(n // 25 + 1))
    links = "".join(f"* [https://www.example.org/{k} Official report {k}]\n" for k in range(8))
    out.append(f"\n\n== Notes ==\n{{{{notelist}}}}\n\n== References ==\n{{{{reflist|30em}}}}\n\n"
               f"== Bibliography ==\n{{{{refbegin}}}}\n{books}{{{{refend}}}}\n\n== External links ==\n{links}"
               f"{{{{Mali War}}}}\n[[Category:Battles]]\n")
    return "".join(out)


def _box_end(text: str) -> int:
    """Where the infobox's template closes (0: no infobox)."""
    start, depth = text.find("{{Infobox"), 0
    for m in re.finditer(r"\{\{|\}\}", text[max(start, 0):]):
        depth += 1 if m.group(0) == "{{" else -1
        if depth == 0:
            return max(start, 0) + m.end()
    return 0


def _ref(rng: random.Random, cites: list[str], n: int) -> str:
    """One reference, as a long article's are mixed (see long_article)."""
    roll = rng.random()
    if n > 10 and roll < 0.25:
        return f'<ref name="r{rng.randrange(n)}" />'
    if roll < 0.35:
        return f"{{{{sfn|{rng.choice(['Weiss', 'Thurston', 'Lebovich', 'Raineri'])}|{rng.randrange(2012, 2024)}|p={rng.randrange(1, 300)}}}}}"
    cite = rng.choice(cites)
    if rng.random() < 0.05:
        return f"{{{{efn|An account of the same day gives other figures.<ref>{cite}</ref>}}}}"
    slug = re.sub(r"[^a-z0-9]+", "-", cite.lower())[20:80].strip("-")
    year = rng.randrange(2012, 2024)
    url = f"https://www.{rng.choice(['reuters', 'rfi', 'aljazeera', 'apnews', 'lemonde'])}.com/{year}/{slug}"
    extra = (f" |url={url} |access-date={rng.randrange(1, 28)} March {year + 1} |archive-url=https://web.archive.org/"
             f"web/{year}0{rng.randrange(1, 9)}{rng.randrange(10, 28)}000000/{url} |archive-date={rng.randrange(1, 28)} "
             f"April {year} |url-status=live")
    return f'<ref name="r{n}">{cite[:-2]}{extra}}}}}</ref>'


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=float, default=3.0)
    ap.add_argument("--json", type=Path, help="also write the figures here")
    args = ap.parse_args()
    seeds = [(str(p), p.read_text(encoding="utf-8")) for p in sorted((ROOT / "samples/seeds").glob("*.txt"))]
    wiki = [(str(p), p.read_text(encoding="utf-8")) for p in sorted((ROOT / "samples/wikitext").glob("*.txt"))]
    big = [("big.wiki", big_article())]
    extract(*seeds[0])  # load the lexicon, registry and country table once, outside the timing
    results = {
        "seed articles (infobox-text, rendered)": _rate(extract, seeds, args.seconds),
        "seed articles (wikitext)": _rate(extract, wiki, args.seconds),
        f"one {len(big[0][1]) // 1000} KB wikitext article": _rate(extract, big, args.seconds),
        "floor: mwparserfromhell.parse, wikitext seeds": _rate(parse_only, wiki, args.seconds),
        f"floor: mwparserfromhell.parse, {len(big[0][1]) // 1000} KB article": _rate(parse_only, big, args.seconds),
    }
    for name, rate in results.items():
        print(f"{rate:10.1f} articles/s  {name}")
    for kb in (60, 150, 300):
        text = long_article(kb * 1000)
        one = [(f"long-{kb}.wiki", text)]
        refs = sum(len(m.group(0)) for m in re.finditer(r"<ref[^>]*/>|<ref[^>]*>.*?</ref>|\{\{sfn[^}]*\}\}", text, re.S))
        # alternated, best of each: the ratio holds while the machine's speed drifts
        ext = max(_rate(extract, one, args.seconds / 3, rounds=3) for _ in range(2))
        parse = max(_rate(parse_only, one, args.seconds / 3, rounds=3) for _ in range(2))
        name = f"{len(text) // 1000} KB reference-heavy article ({100 * refs // len(text)}% references)"
        results[name] = ext
        results[f"floor: mwparserfromhell.parse, {name}"] = parse
        print(f"{ext:10.2f} articles/s  {name}: {parse / ext:.2f} x the time of mwparserfromhell.parse alone "
              f"({parse:.2f}/s)")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
