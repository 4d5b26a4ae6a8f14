"""``warlog actors from-dump``: the armed groups, military units and states of a MediaWiki XML dump
(plain or bz2), streamed, into the user's actor registry, as ``places from-dump`` does for settlements.

Read: {{Infobox militant organization}} (an armed group: its other names, the countries of its areas
of operation, the group it is part of, its allies), {{Infobox military unit}} (a state's unit: its
country is its parent) and {{Infobox country}} / {{Infobox former country}} (a state: its long and
common names, its demonym). An article whose name the registry already knows adds nothing.
"""
from __future__ import annotations

import re
from pathlib import Path

import mwparserfromhell
import yaml

from . import actors, countries
from .dump_places import pages
from .readers.wikitext import render

_KINDS = {"infobox militant organization": "armed_group", "infobox militant organisation": "armed_group",
          "infobox military unit": "state", "infobox country": "state", "infobox former country": "state"}
_DISAMBIG = re.compile(r"\s*\([^)]*\)$")
_SPLIT = re.compile(r"\s*(?:\n|,|;|\*|•|<br\s*/?>)\s*")


def _value(tpl, *keys: str) -> str:
    for key in keys:
        if tpl.has(key):
            text = render(tpl.get(key).value, 0).text.strip()
            if text:
                return text
    return ""


def _names(text: str) -> list[str]:
    return [n.strip(" .'\"") for n in _SPLIT.split(text) if n.strip(" .'\"")]


def record(title: str, text: str, reg: actors.Registry) -> dict | None:
    """The registry row an article's infobox gives, or None (no such infobox, or a name already known)."""
    if "{{" not in text or "nfobox" not in text[:5000]:
        return None
    for tpl in mwparserfromhell.parse(text).filter_templates(recursive=False):
        kind = _KINDS.get(" ".join(str(tpl.name).strip().lower().replace("_", " ").split()))
        if kind:
            return _row(title, tpl, kind, reg)
    return None


def _row(title: str, tpl, kind: str, reg: actors.Registry) -> dict | None:
    name = _value(tpl, "name", "unit_name", "conventional_long_name", "common_name") or _DISAMBIG.sub("", title)
    name = _DISAMBIG.sub("", name.split("\n")[0]).strip()
    if not name or reg.explain(name) and not reg.explain(name)[1].startswith("it mentions"):
        return None  # known already
    aliases = [n for key in ("native_name", "other_name", "nickname", "common_name", "conventional_long_name",
                             "aliases") for n in _names(_value(tpl, key)) if n != name and len(n) <= 80]
    row: dict = {"id": actors._slug(name), "name": name, "kind": kind,
                 "aliases": list(dict.fromkeys(a for a in aliases if a)), "source": f"Wikipedia: {title}"}
    if kind == "armed_group":
        area = _value(tpl, "area", "areas", "area of operations")
        fights = list(dict.fromkeys(code for _, code, _, _ in countries.find_all(area)))
        if fights:
            row["fights_in"] = fights
        allies = [reg.lookup(n) for n in _names(_value(tpl, "allies"))]
        if any(allies):
            row["allied_with"] = list(dict.fromkeys(a.id for a in allies if a))
        part = reg.lookup(_value(tpl, "partof", "part of")) if _value(tpl, "partof", "part of") else None
        if part:
            row["parent"] = part.id
    elif tpl.has("unit_name"):  # a unit: its state is its parent
        state = reg.lookup(_value(tpl, "country", "allegiance"))
        if state and state.kind in actors.STATE_KINDS:
            row["parent"] = state.id
    else:
        demonym = _names(_value(tpl, "demonym"))
        if demonym:
            row["demonym"] = demonym[0]
    return row


def import_dump(path: str | Path, registry: Path | None = None, progress=None) -> int:
    """Add every militant organisation, military unit and country article of a dump that the registry
    does not know yet to the user's registry file; returns how many. ``progress(pages, found)`` is
    called every 10,000 pages."""
    target = Path(registry or actors.user_registry_path())
    mine = (actors._user_yaml(str(target)) or []) if target.exists() else []
    reg = actors.load(str(target) if target.exists() else None)
    ids = {r.id for r in reg.by_id.values()}
    added = []
    for i, (title, ns, redirect, text) in enumerate(pages(Path(path)), 1):
        if progress and i % 10_000 == 0:
            progress(i, len(added))
        if ns != "0" or redirect:
            continue
        row = record(title, text, reg)
        if row and row["id"] not in ids:
            ids.add(row["id"])
            added.append(row)
    if added:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(".tmp")
        tmp.write_text(yaml.safe_dump(mine + added, allow_unicode=True, sort_keys=False), encoding="utf-8")
        tmp.replace(target)  # the registry file is whole or as it was
        actors.load.cache_clear()
    return len(added)
