"""``warlog places from-dump``: every settlement article's coordinates from a MediaWiki XML dump
(plain or bz2), streamed, into the user's places, so whole-Wikipedia runs geocode villages too."""
from __future__ import annotations

import bz2
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import mwparserfromhell

from . import countries, gazetteer
from .errors import InputError
from .world import place_key
from .readers.wikitext import _coord, render

_SETTLEMENT = re.compile(r"\{\{\s*infobox\s+(?:settlement|french commune|commune|village|town|city|"
                         r"[\w ]*(?:commune|village|town|city|settlement|place))", re.I)
_COORD = re.compile(r"\{\{\s*coord\s*\||\|\s*latd\s*=\s*-?\d", re.I)
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
    """A places row for a settlement article, or None. Its point: the {{coord}} shown at the title
    ("display=title", "display=inline,title"), else the infobox's own (its coordinates parameter, or
    latd/longd with their minutes, seconds and hemispheres), else the first {{coord}} of the page."""
    if not _SETTLEMENT.search(text) or not _COORD.search(text):
        return None
    code = mwparserfromhell.parse(text)
    titled, first, boxed, country = None, None, None, None
    for tpl in code.filter_templates():
        name = str(tpl.name).strip().lower()
        if name == "coord":
            point = _coord([str(p.value).strip() for p in tpl.params if not p.showkey])
            first = first or point
            display = str(tpl.get("display").value).lower() if tpl.has("display") else ""
            if "title" in display or re.search(r"\btitle\b|\bt\b", display):
                titled = titled or point
        elif name.startswith("infobox"):
            if tpl.has("subdivision_name"):
                country = render(tpl.get("subdivision_name").value, 0).text.strip()
            boxed = boxed or _latd_longd(tpl)
    point = titled or boxed or first
    if point is None:
        return None
    hit = countries.lookup(country) if country else None
    name = _DISAMBIG.sub("", title)
    return (place_key(name), name, "town", None, None, hit[1] if hit else None, point[0], point[1], 0,
            f"Wikipedia: {title}")


def _latd_longd(tpl) -> tuple[float, float] | None:
    """An infobox's latd/latm/lats/latNS and longd/longm/longs/longEW as (lat, lon)."""
    def num(key: str) -> float:
        return float(str(tpl.get(key).value).strip() or 0) if tpl.has(key) else 0.0

    if not (tpl.has("latd") and tpl.has("longd")):
        return None
    try:
        lat = abs(num("latd")) + num("latm") / 60 + num("lats") / 3600
        lon = abs(num("longd")) + num("longm") / 60 + num("longs") / 3600
    except ValueError:
        return None
    hemi = {k: str(tpl.get(k).value).strip().upper() for k in ("latNS", "longEW") if tpl.has(k)}
    south = hemi.get("latNS") == "S" or num("latd") < 0
    west = hemi.get("longEW") == "W" or num("longd") < 0
    return round(-lat if south else lat, 5), round(-lon if west else lon, 5)


def import_dump(path: str | Path, db: Path | None = None, progress=None) -> int:
    """Add every settlement article's point in a dump to the user's places; returns how many.
    ``progress(pages read, settlements found)`` is called every 10,000 pages."""
    path = Path(path)
    con = gazetteer.open_places_db(db or gazetteer.user_db_path())
    n = 0
    try:
        for i, (title, ns, redirect, text) in enumerate(pages(path), 1):
            if progress and i % 10_000 == 0:
                progress(i, n)
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
