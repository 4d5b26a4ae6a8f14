"""wikitext: raw MediaWiki markup (placeholder until the full reader lands)."""
import re


def sniff(text: str) -> bool:
    return bool(re.search(r"\{\{\s*infobox", text[:20000], re.I)) or ("[[" in text and "]]" in text and "'''" in text)


def read(text, prov):
    raise NotImplementedError
