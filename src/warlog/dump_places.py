"""``warlog places from-dump``: every settlement article's coordinates from a MediaWiki XML dump
(plain or bz2), streamed, into the user's places, so whole-Wikipedia runs geocode villages too."""
from __future__ import annotations

import bz2
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import mwparserfromhell

from . import countries, gazetteer
from .actors import fold
from .errors import InputError
from .readers.wikitext import _coord, render

_SETTLEMENT = re.compile(r"\{\{\s*infobox\s+(?:settlement|french commune|commune|village|town|city|"
                         r"[\w ]*(?:commune|village|town|city|settlement|place))", re.I)
_COORD = re.compile(r"\{\{\s*coord\s*\|", re.I)
_DISAMBIG = re.compile(r"\s*(?:\([^)]*\)|,.*)$")


def _open(path: Path):
    return bz2.open(path, "rb") if path.suffix == ".bz2" else open(path, "rb")


def pages(path: Path):
    """(title, namespace, is_redirect, text) of every page, streamed."""
    try:
        with _open(path) as fh:
            for _, el in ET.iterparse(fh, events=("end",)):
                if el.tag.rsplit("}", 1)[-1] != "page":
                    continue
                ns = el.findtext("{*}ns") or "0"
                title = el.findtext("{*}title") or ""
                redirect = el.find("{*}redirect") is not None
                text = el.findtext("{*}revision/{*}text") or ""
                yield title, ns, redirect, text
                el.clear()
    except (ET.ParseError, OSError, EOFError) as exc:
        raise InputError(f"cannot read the dump: {exc}", path=str(path)) from None


def settlement(title: str, text: str) -> tuple | None:
    """A places row for a settlement article, or None."""
    if not _SETTLEMENT.search(text) or not _COORD.search(text):
        return None
    code = mwparserfromhell.parse(text)
    point, country = None, None
    for tpl in code.filter_templates():
        name = str(tpl.name).strip().lower()
        if name == "coord" and point is None:
            point = _coord([str(p.value).strip() for p in tpl.params if not p.showkey])
        elif name.startswith("infobox") and tpl.has("subdivision_name"):
            country = render(tpl.get("subdivision_name").value, 0).text.strip()
    if point is None:
        return None
    hit = countries.lookup(country) if country else None
    name = _DISAMBIG.sub("", title)
    return (fold(name), name, "town", None, None, hit[1] if hit else None, point[0], point[1], 0,
            f"Wikipedia: {title}")


def import_dump(path: str | Path, db: Path | None = None) -> int:
    """Add every settlement article's point in a dump to the user's places; returns how many."""
    path = Path(path)
    con = gazetteer.open_places_db(db or gazetteer.user_db_path())
    n = 0
    try:
        for title, ns, redirect, text in pages(path):
            if ns != "0" or redirect:
                continue
            row = settlement(title, text)
            if row:
                con.execute("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?)", row)
                n += 1
        con.commit()
    finally:
        con.close()
    return n
