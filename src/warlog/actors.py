"""The actor registry (``data/actors.yaml``): canonical actors, their aliases, kinds and allies.

Finds actor mentions in text ("JNIM", "Jama'at Nasr al-Islam wal Muslimin", "Malian soldiers") and
names their canonical record. Resolution is by alias, case- and accent-insensitive.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from . import yamlfile
from .errors import DataFileError
from .lexicon import _alt

STATE_KINDS = {"state", "foreign_state"}
ARMED_KINDS = {"armed_group", "militia"}
BELLIGERENT_KINDS = STATE_KINDS | ARMED_KINDS | {"pmc", "un_mission"}
FOUND_KEPT = 4096  # phrases whose mentions are kept (a few hundred kB)


class _FoldTable(dict):
    """str.translate table built as characters are met: each character to one lower-case,
    unaccented character, so folded text keeps every offset."""

    def __missing__(self, code: int) -> str:
        c = chr(code)
        if c in "’‘`´":
            out = "'"
        else:
            out = (unicodedata.normalize("NFKD", c)[:1] or c).lower()[:1] or c
        self[code] = out
        return out


_FOLD = _FoldTable()


def fold(text: str) -> str:
    """Lower case without accents, one character for one, so offsets stay valid."""
    return text.translate(_FOLD)


@dataclass
class ActorRecord:
    id: str
    name: str
    kind: str
    aliases: list[str] = field(default_factory=list)
    country: str | None = None
    demonym: str | None = None
    parent: str | None = None
    allied_with: list[str] = field(default_factory=list)
    demonyms: list[str] = field(default_factory=list)  # further nationality words ("Burkinabè")


@dataclass(frozen=True)
class Mention:
    actor: ActorRecord
    start: int
    end: int
    by_demonym: bool


class Registry:
    """Actors by id, and a matcher over every name, alias and demonym."""

    def __init__(self, records: list[ActorRecord]):
        self.by_id = {r.id: r for r in records}
        self._by_key: dict[str, tuple[ActorRecord, bool]] = {}
        # short acronyms ("IS", "US", "UN") match only as written: folded, they are common words
        self._exact: dict[str, ActorRecord] = {}
        for r in records:
            for alias in [r.name, *r.aliases]:
                if len(alias) <= 4 and alias.replace(".", "").isupper():
                    self._exact.setdefault(alias, r)
                else:
                    self._by_key.setdefault(fold(alias), (r, False))
            for d in ([r.demonym] if r.demonym else []) + r.demonyms:
                if len(d) <= 4 and d.replace(".", "").isupper():
                    self._exact.setdefault(d, r)
                else:
                    self._by_key.setdefault(fold(d), (r, True))
        self._re = _words_re(self._by_key)
        self._exact_re = _words_re(self._exact)
        self._found: dict[str, tuple[Mention, ...]] = {}

    def find(self, text: str) -> tuple[Mention, ...]:
        """Every actor mention in ``text``, leftmost-longest, without overlaps. The same phrases come
        back again and again (a subject, a claimant, a sentence read by several stages): the answers
        for the latest few thousand are kept."""
        found = self._found.get(text)
        if found is None:
            if len(self._found) >= FOUND_KEPT:
                self._found.clear()
            found = self._found[text] = tuple(self._find(text))
        return found

    def _find(self, text: str) -> list[Mention]:
        found = []
        for m in self._re.finditer(fold(text)):
            rec, demonym = self._by_key[m.group(0)]
            found.append(Mention(rec, m.start(), m.end(), demonym))
        for m in self._exact_re.finditer(text):
            found.append(Mention(self._exact[m.group(0)], m.start(), m.end(), False))
        found.sort(key=lambda x: (x.start, -x.end))
        out, last_end = [], -1
        for mention in found:
            if mention.start >= last_end:
                out.append(mention)
                last_end = mention.end
        return out

    def lookup(self, name: str) -> ActorRecord | None:
        """The actor a whole name denotes, or the one it mentions first."""
        hit = self._by_key.get(fold(name.strip()))
        if hit:
            return hit[0]
        if name.strip() in self._exact:
            return self._exact[name.strip()]
        found = self.find(name)
        return found[0].actor if found else None

    def allies(self, a: ActorRecord, b: ActorRecord) -> bool:
        """True when one is registered as allied with, or a member of, the other."""
        return (b.id in a.allied_with or a.id in b.allied_with
                or a.parent == b.id or b.parent == a.id)


def _words_re(keys) -> re.Pattern:
    """Any of ``keys`` as a whole word, the longest at a place: a trie (one branch per letter), not an
    alternation of thousands of names tried one by one at every place."""
    alts = _alt(keys, exact=True) if keys else "(?!)"
    return re.compile(r"(?<![\w'])(?:" + alts + r")(?![\w])")


def _records(data, label: str) -> list[ActorRecord]:
    if not isinstance(data, list):
        raise DataFileError("expected a list of actors", path=label)
    return [_record(row, n, label) for n, row in enumerate(data, 1)]


def _scalar(value) -> bool:
    return isinstance(value, (str, int, float)) and not isinstance(value, bool)


def _record(row, n: int, label: str) -> ActorRecord:
    """One actor of a registry file, its shape checked: a wrong shape would not fail but match nonsense
    (a string of aliases would be read as its letters, each a one-letter alias)."""
    if not isinstance(row, dict) or not {"id", "name", "kind"} <= row.keys():
        raise DataFileError(f"actor #{n} needs id, name and kind", path=label)
    if not all(_scalar(row[k]) for k in ("id", "name", "kind")):
        raise DataFileError(f"actor #{n}: id, name and kind must be text", path=label)
    for key in ("aliases", "allied_with"):
        value = row.get(key) or []
        if not isinstance(value, list) or not all(_scalar(v) for v in value):
            raise DataFileError(f"actor #{n} ({row['id']}): {key} must be a list of names", path=label)
    for key in ("country", "demonym", "parent"):
        if row.get(key) is not None and not _scalar(row[key]):
            raise DataFileError(f"actor #{n} ({row['id']}): {key} must be text", path=label)
    return ActorRecord(
        id=str(row["id"]), name=str(row["name"]), kind=str(row["kind"]),
        aliases=[str(a) for a in row.get("aliases") or []], country=row.get("country"),
        demonym=row.get("demonym"), parent=row.get("parent"),
        allied_with=[str(a) for a in row.get("allied_with") or []])


def _user_yaml(path: str):
    """The YAML of a user's file; whatever stops it being read is one DataFileError naming the file."""
    try:
        return yamlfile.load(Path(path).read_bytes().decode("utf-8"))
    except OSError as exc:
        raise DataFileError(f"cannot read it: {exc.strerror or exc}", path=path) from None
    except UnicodeDecodeError as exc:
        raise DataFileError(f"not valid UTF-8: byte 0x{exc.object[exc.start]:02x} at offset {exc.start}",
                            path=path) from None
    except yamlfile.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f" (column {mark.column + 1})" if mark else ""
        raise DataFileError(f"not valid YAML: {exc.problem}{where}", path=path,
                            line=mark.line + 1 if mark else None) from None
    except yamlfile.YAMLError as exc:
        raise DataFileError(f"not valid YAML: {' '.join(str(exc).split())}", path=path) from None


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", fold(name)).strip("_")


def states(records: list[ActorRecord]) -> list[ActorRecord]:
    """The registry's records with a state actor for every country of ISO 3166 it does not hold yet,
    each with its government's and armed forces' usual names and its demonyms (data/demonyms.yaml),
    so that the states of any war resolve: "Kenya", "Government of Kenya", "Kenyan soldiers"."""
    import pycountry

    words = yamlfile.load(resources.files("warlog.data").joinpath("demonyms.yaml").read_text(encoding="utf-8"))
    extra_names = yamlfile.load(resources.files("warlog.data").joinpath("countries.yaml").read_text(encoding="utf-8"))
    by_country = {r.country: r for r in records if r.kind in STATE_KINDS and r.country}
    out = list(records)
    for c in pycountry.countries:
        names = {getattr(c, "common_name", None) or c.name, c.name, getattr(c, "official_name", c.name)}
        names |= {n for n, code in extra_names.items() if code == c.alpha_2}
        demonyms = [str(d) for d in words.get(c.alpha_2) or []]
        rec = by_country.get(c.alpha_2)
        if rec is not None:  # a registered state keeps its record and gains the other words
            rec.demonyms += [d for d in demonyms if d != rec.demonym]
            rec.aliases += [n for n in sorted(names) if n != rec.name and n not in rec.aliases]
            continue
        name = getattr(c, "common_name", None) or c.name
        short = min((n for n in names if ", " not in n), key=len, default=name)
        aliases = sorted(names - {short}) + [f"Government of {short}", f"Armed Forces of {short}", f"{short} Armed Forces"]
        out.append(ActorRecord(id=_slug(short), name=short, kind="state", aliases=aliases, country=c.alpha_2,
                               demonym=demonyms[0] if demonyms else None, demonyms=demonyms[1:]))
    return out


@functools.lru_cache(maxsize=8)
def load(extra: str | None = None) -> Registry:
    """The packaged registry and a state for every country, plus the user's YAML file ``extra``
    (same shape; same id overrides)."""
    text = resources.files("warlog.data").joinpath("actors.yaml").read_text(encoding="utf-8")
    records = states(_records(yamlfile.load(text), "warlog/data/actors.yaml"))
    if extra:
        mine = _records(_user_yaml(extra), extra)
        ids = {r.id for r in mine}
        records = [r for r in records if r.id not in ids] + mine
    return Registry(records)
