"""The actor registry (``data/actors.yaml``): canonical actors, their aliases, kinds and allies.

Finds actor mentions in text ("JNIM", "Jama'at Nasr al-Islam wal Muslimin", "Malian soldiers") and
names their canonical record. Resolution is by alias, case- and accent-insensitive.
"""
from __future__ import annotations

import functools
import os
import re
import unicodedata
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import ahocorasick

from . import forces, yamlfile
from .errors import DataFileError

STATE_KINDS = {"state", "foreign_state"}
ARMED_KINDS = {"armed_group", "militia"}
BELLIGERENT_KINDS = STATE_KINDS | ARMED_KINDS | {"pmc", "un_mission"}
FOUND_KEPT = 4096  # phrases whose mentions are kept (a few hundred kB)


class _FoldTable(dict):
    """str.translate table built as characters are met: each character to one lower-case,
    unaccented character, so folded text keeps every offset."""

    def __missing__(self, code: int) -> str:
        c = chr(code)
        if c in "’‘`´ʼʻ":
            out = "'"
        elif c in _UNDECOMPOSED:  # letters NFKD leaves whole: Đà Nẵng, Łódź, Ørsta, Kızılay
            out = _UNDECOMPOSED[c]
        else:
            out = (unicodedata.normalize("NFKD", c)[:1] or c).lower()[:1] or c
        self[code] = out
        return out


_UNDECOMPOSED = {"đ": "d", "Đ": "d", "ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "ı": "i", "ħ": "h", "Ħ": "h",
                 "ŧ": "t", "Ŧ": "t", "ß": "s", "æ": "a", "Æ": "a", "œ": "o", "Œ": "o", "ð": "d", "Ð": "d", "þ": "t"}
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
    exact: list[str] = field(default_factory=list)  # names matched only as written ("Platform")
    fights_in: list[str] = field(default_factory=list)  # countries an armed group fights in
    source: str | None = None  # where the name and its facts come from


@dataclass(frozen=True)
class Mention:
    actor: ActorRecord
    start: int
    end: int
    by_demonym: bool


# demonyms that take an -s as nouns for people (Nigerien -> Nigeriens); not French, Chinese, Swiss
_PLURAL = re.compile(r"(?:an|ien|i|ine|ite|ot|er|ek|ik|ak|on|ol)$")


def key(text: str) -> str:
    """The registry's key of a name: folded, a hyphen as a space ("wal-Muslimin", "wal Muslimin"),
    one character for one so that offsets into the text stay valid."""
    return fold(text).replace("-", " ")


class Registry:
    """Actors by id, and a matcher over every name, alias and demonym."""

    def __init__(self, records: list[ActorRecord]):
        self.by_id = {r.id: r for r in records}
        self._by_key: dict[str, tuple[ActorRecord, bool]] = {}
        # short acronyms ("IS", "US", "UN") match only as written: folded, they are common words;
        # so does a record's ``exact`` list ("Platform")
        self._exact: dict[str, ActorRecord] = {}
        for r in records:
            for alias in [r.name, *r.aliases]:
                if len(alias) <= 4 and alias.replace(".", "").isupper():
                    self._exact.setdefault(alias, r)
                else:
                    self._by_key.setdefault(key(alias), (r, False))
            for alias in r.exact:
                self._exact.setdefault(alias, r)
            for d in ([r.demonym] if r.demonym else []) + r.demonyms:
                if len(d) <= 4 and d.replace(".", "").isupper():
                    self._exact.setdefault(d, r)
                    continue
                self._by_key.setdefault(key(d), (r, True))
                if _PLURAL.search(d):  # "five Nigeriens", "four Americans", "Israelis"
                    self._by_key.setdefault(key(d) + "s", (r, True))
        self._words = _Words(self._by_key)
        self._exact_words = _Words(self._exact)
        self._found: dict[str, tuple[Mention, ...]] = {}
        self._states = {r.country: r for r in records if r.kind == "state" and r.country}

    def state(self, code: str | None) -> ActorRecord | None:
        """The state actor of an ISO 3166 country code ("KE" -> Kenya)."""
        return self._states.get(code) if code else None

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
        for start, end, k in self._words.finditer(key(text)):
            rec, demonym = self._by_key[k]
            found.append(Mention(rec, start, end, demonym))
        for start, end, k in self._exact_words.finditer(text):
            found.append(Mention(self._exact[k], start, end, False))
        found.sort(key=lambda x: (x.start, -x.end))
        out, last_end = [], -1
        for mention in found:
            if mention.start >= last_end:
                out.append(mention)
                last_end = mention.end
        return out

    def lookup(self, name: str) -> ActorRecord | None:
        """The actor a whole name denotes, or the one it mentions first."""
        hit = self.explain(name)
        return hit[0] if hit else None

    def explain(self, name: str) -> tuple[ActorRecord, str] | None:
        """(the actor a name denotes, why): a whole name or alias, one matched as written, or the first
        actor the name mentions. A nationality word counts only before words for a state's forces
        ("Nigerien soldiers" is Niger; "Syrian Democratic Forces" is not Syria)."""
        name = name.strip()
        if len(name) > MAX_NAME:
            return None  # a page of text is no actor's name (and the patterns below would cost its square)
        hit = self._by_key.get(key(name))
        if hit:
            return hit[0], f"{'demonym' if hit[1] else 'name or alias'} {name!r}"
        if name in self._exact:
            return self._exact[name], f"{name!r} as written"
        ged = _STATE_FORM.fullmatch(name)
        if ged:  # GED's "Government of Mali", "Government of Russia (Soviet Union)"; "Mali Armed Forces"
            state = self._by_key.get(key(ged.group("a") or ged.group("b")))
            if state and state[0].kind in STATE_KINDS and not state[1]:
                return state[0], f"the state's form {name!r}"
        for m in self.find(name):
            if m.by_demonym and not _STATE_FORCES.fullmatch(_PAREN.sub("", name[m.end:]).strip()):
                continue
            if _NAME_TAIL.search(name[:m.start]):
                continue  # "Union for Peace in the Central African Republic": a name of its own, not the state
            return m.actor, f"it mentions {name[m.start:m.end]!r}"
        return None

    def describe(self, name: str) -> list[str]:
        """What a name resolves to and why, as lines (``warlog actors lookup``)."""
        hit = self.explain(name)
        if hit is None:
            return [f"{name}: not in the registry; kept as written, kind unknown"]
        rec, why = hit
        facts = [f"country {rec.country}" if rec.country else "", f"fights in {', '.join(rec.fights_in)}" if rec.fights_in else "",
                 f"part of {rec.parent}" if rec.parent else "", f"allied with {', '.join(rec.allied_with)}" if rec.allied_with else ""]
        lines = [f"{rec.name} [{rec.id}] {rec.kind}" + "".join(f"; {f}" for f in facts if f), f"  because: {why}"]
        if rec.source:
            lines.append(f"  source: {rec.source}")
        names = [rec.name, *rec.aliases, *rec.exact, *([rec.demonym] if rec.demonym else []), *rec.demonyms]
        lines.append(f"  goes by: {', '.join(dict.fromkeys(names))}")
        return lines

    def allies(self, a: ActorRecord, b: ActorRecord) -> bool:
        """True when one is registered as allied with, or a member of, the other."""
        return (b.id in a.allied_with or a.id in b.allied_with
                or a.parent == b.id or b.parent == a.id)


_FORCE = rf"(?:(?:{forces.alt('state_name_modifiers')})\s+)*(?:{forces.alt('state_name_heads')})"
# what may follow a nationality word for the name to be its state's: "Nigerien soldiers", "Thai military
# and police", "Russian Empire"; not "Syrian Democratic Forces"
_STATE_FORCES = re.compile(rf"(?:{_FORCE}(?:\s+(?:and|&)\s+{_FORCE})?)?", re.I)
_PAREN = re.compile(r"\([^()]*\)")
MAX_NAME = 300  # characters
# a proper name that ends in another's: "Union for Peace in the Central African Republic"
_NAME_TAIL = re.compile(r"^[A-Z][\w'’.-]*(?:\s+[\w'’.-]+)*?\s+(?:of|in|for|de|du|des)\s+(?:the\s+)?$")
_STATE_FORM = re.compile(r"(?:the\s+)?(?:Government|Armed Forces|Army|Military|Forces|Police|Republic|Kingdom|State)\s+of\s+"
                         r"(?:the\s+)?(?P<a>[^()]+?)(?:\s*\([^()]*\))?|(?P<b>[^()]+?)\s+(?:Armed Forces|Defen[cs]e Forces)")


class _Words:
    r"""Whole words of many keys, leftmost-longest, as ``(?<![\w'])(?:key1|key2|...)(?![\w])`` would
    find them with ``finditer``: an Aho-Corasick automaton (pyahocorasick, C) finds every key in one
    pass, and the boundaries and the leftmost-longest choice are checked here. Thousands of names
    build in milliseconds, where the regular expression of them took a third of a second to compile."""

    def __init__(self, keys):
        self._auto = ahocorasick.Automaton()
        for k in keys:
            self._auto.add_word(k, (len(k), k))
        self._empty = len(self._auto) == 0
        if not self._empty:
            self._auto.make_automaton()

    def finditer(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, key) of each whole-word key in ``text``: at each place the longest, then on
        from its end."""
        if self._empty or not text:
            return []
        n = len(text)
        hits = []
        for last, (length, k) in self._auto.iter(text):
            start, end = last + 1 - length, last + 1
            if start > 0 and (_word_char(text[start - 1]) or text[start - 1] == "'"):
                continue
            if end < n and _word_char(text[end]):
                continue
            hits.append((start, -end, k))
        hits.sort()
        out, last_end = [], -1
        for start, neg_end, k in hits:
            if start >= last_end:
                out.append((start, -neg_end, k))
                last_end = -neg_end
        return out


def _word_char(c: str) -> bool:
    r"""What ``\w`` matches in a str pattern: a letter, digit or number of any script, or "_"."""
    return c.isalnum() or c == "_"


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
    for field_ in ("aliases", "allied_with", "exact", "fights_in", "demonyms"):
        value = row.get(field_) or []
        if not isinstance(value, list) or not all(_scalar(v) for v in value):
            raise DataFileError(f"actor #{n} ({row['id']}): {field_} must be a list of names", path=label)
    for field_ in ("country", "demonym", "parent", "source"):
        if row.get(field_) is not None and not _scalar(row[field_]):
            raise DataFileError(f"actor #{n} ({row['id']}): {field_} must be text", path=label)
    return ActorRecord(
        id=str(row["id"]), name=str(row["name"]), kind=str(row["kind"]),
        aliases=[str(a) for a in row.get("aliases") or []], country=row.get("country"),
        demonym=row.get("demonym"), parent=row.get("parent"),
        allied_with=[str(a) for a in row.get("allied_with") or []],
        exact=[str(a) for a in row.get("exact") or []], fights_in=[str(c) for c in row.get("fights_in") or []],
        demonyms=[str(d) for d in row.get("demonyms") or []],
        source=str(row["source"]) if row.get("source") is not None else None)


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


def packaged_yaml(name: str):
    """A packaged data file's YAML, read with libyaml where PyYAML has it (yamlfile: several times
    faster; the registry is loaded on every run)."""
    return yamlfile.load(resources.files("warlog.data").joinpath(name).read_text(encoding="utf-8"))


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", fold(name)).strip("_")


def states(records: list[ActorRecord]) -> list[ActorRecord]:
    """The registry's records with a state actor for every country of ISO 3166 it does not hold yet,
    each with its names and demonyms (data/demonyms.yaml), so that the states of any war resolve:
    "Kenya", "Kenyan soldiers"; GED's "Government of Kenya" through ``Registry.explain``."""
    import pycountry

    from . import countries

    words = packaged_yaml("demonyms.yaml")
    extra_names = countries._extra()
    by_country = {r.country: r for r in records if r.kind in STATE_KINDS and r.country}
    out = list(records)
    for c in pycountry.countries:
        names = {getattr(c, "common_name", None) or c.name, c.name, getattr(c, "official_name", c.name)}
        names |= {n for n, code in extra_names.items() if code == c.alpha_2}
        demonyms = [str(d) for d in words.get(c.alpha_2) or []]
        rec = by_country.get(c.alpha_2)
        short = countries.name_of(c.alpha_2)
        names.add(short)
        source = f"ISO 3166-1 {c.alpha_2} (pycountry); demonyms: data/demonyms.yaml"
        if rec is not None:  # a registered state keeps its record and gains the other words
            rec.demonyms += [d for d in demonyms if d != rec.demonym]
            rec.aliases += [n for n in sorted(names) if n != rec.name and n not in rec.aliases]
            rec.source = rec.source or source
            continue
        aliases = sorted(names - {short})
        out.append(ActorRecord(id=_slug(short), name=short, kind="state", aliases=aliases, country=c.alpha_2,
                               demonym=demonyms[0] if demonyms else None, demonyms=demonyms[1:], source=source))
    return out


def user_registry_path() -> Path:
    """The user's own actors (``warlog actors from-dump`` writes there), read on every run when present;
    ``WARLOG_DATA`` moves it, as it moves the user's places."""
    base = os.environ.get("WARLOG_DATA") or os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "warlog" / "actors.yaml"


@functools.lru_cache(maxsize=8)
def load(extra: str | None = None) -> Registry:
    """The packaged registry and a state for every country, plus the user's registry file when there is
    one and the YAML file ``extra`` (same shape; the same id overrides)."""
    records = states(_records(packaged_yaml("actors.yaml"), "warlog/data/actors.yaml"))
    user = user_registry_path()
    for path in [str(user) if user.exists() else None, extra]:
        if path:
            mine = _records(_user_yaml(path), path)
            ids = {r.id for r in mine}
            records = [r for r in records if r.id not in ids] + mine
    return Registry(records)
