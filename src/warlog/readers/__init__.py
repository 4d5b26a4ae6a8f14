"""Readers: one per input form, each turning decoded text into a Document.

The form is told from the text itself: MediaWiki markup, the plain-text infobox form, or the text
of a rendered page. Anything else is read as plain running text.
"""
from __future__ import annotations

from pathlib import Path

from ..document import Document
from ..errors import UnknownFormat
from ..records import Provenance
from .source import DEFAULT_MAX_BYTES, decode, sha256

FORMATS = ("infobox-text", "rendered-page", "wikitext", "html", "text")
LICENCE = "CC BY-SA 4.0 (Wikipedia)"


def detect(text: str) -> str:
    """The input form of ``text``."""
    # the readers load on first use: a command that reads no article (``warlog --help``, the store's
    # queries) does not pay for the parsers
    from . import html, infobox_text, rendered, wikitext

    if html.sniff(text):
        return "html"
    if wikitext.sniff(text):
        return "wikitext"
    if infobox_text.sniff(text):
        return "infobox-text"
    if rendered.sniff(text):
        return "rendered-page"
    return "text"


def read_text(text: str, path: str = "<text>", fmt: str = "auto", title: str = "", **prov) -> Document:
    """A Document from decoded text; ``fmt`` is one of FORMATS or "auto"; ``title``, ``page_id`` and
    ``revision_id`` are the page's where it comes from a dump."""
    from . import html, infobox_text, rendered, spoofed, wikitext

    digest, source = sha256(text), text
    # ("kiwwed": a mirror's swapped letters, put back one for one to read; the quotes are the file's)
    text = spoofed.restore(text) or text
    form = detect(text) if fmt == "auto" else fmt
    p = Provenance(path=path, format=form, title=title, sha256=digest,
                   licence=LICENCE if form in ("wikitext", "infobox-text", "rendered-page", "html") else None, **prov)
    if form == "wikitext":
        doc = wikitext.read(text, p)
    elif form == "infobox-text":
        doc = infobox_text.read(text, p)
    elif form in ("rendered-page", "text"):
        doc = rendered.read(text, p)
    elif form == "html":
        doc = html.read(text, p)
    else:
        raise UnknownFormat(f"{form} input is not supported", path=path)
    p.title = p.title or doc.title
    doc.text = source
    if title:
        doc.title = title
    return doc


def read_path(path: str | Path, fmt: str = "auto", max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read and decode one file into a Document, or raise an InputError naming it."""
    from ..errors import InputError

    path = str(path)
    try:
        with open(path, "rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path=path) from None
    return read_text(decode(data, path, max_bytes), path, fmt)
