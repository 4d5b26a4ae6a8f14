"""Bytes to text: the checks every input passes before a reader sees it."""
from __future__ import annotations

import codecs
import hashlib

from ..errors import BinaryInput, EmptyInput, InputTooLarge, UndecodableInput

DEFAULT_MAX_BYTES = 16 * 1024 * 1024  # the longest Wikipedia article is a few MB of wikitext


def decode(data: bytes, path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """Decoded text of an input file, or an InputError naming the reason."""
    if len(data) > max_bytes:
        raise InputTooLarge(f"{len(data) / 1e6:.1f} MB is over the {max_bytes / 1e6:.0f} MB limit "
                            "(--max-bytes raises it)", path=path)
    if not data.strip():
        raise EmptyInput("the file is empty" if not data else "the file holds only white space", path=path)
    for bom, codec in ((codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return _decode(data, codec, path)
    if b"\x00" in data[:65536]:
        raise BinaryInput(f"binary data (NUL byte at offset {data.index(0)}), not a text article", path=path)
    return _decode(data, "utf-8-sig", path)


def _decode(data: bytes, codec: str, path: str) -> str:
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        raise UndecodableInput(f"not valid {codec.upper().replace('-SIG', '')}: byte 0x{data[exc.start]:02x} "
                               f"at offset {exc.start}", path=path) from None
    if not text.strip():
        raise EmptyInput("the file holds only white space", path=path)
    return text


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
