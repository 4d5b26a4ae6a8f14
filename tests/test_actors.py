"""The actor registry: every spelling to one actor, unknown actors kept, the user's own added."""
from __future__ import annotations

import pytest

from conftest import SAMPLES

import warlog
from warlog import actors, errors
from warlog.sides import actor


@pytest.mark.parametrize("written,actor_id", [
    ("JNIM", "jnim"), ("Jama'at Nasr al-Islam wal Muslimin", "jnim"), ("Jama’at Nusrat al-Islam wal-Muslimin", "jnim"),
    ("GSIM", "jnim"), ("FAMa", "mali"), ("Malian Armed Forces", "mali"), ("the Malian army", "mali"),
    ("Wagner Group", "wagner"), ("Operation Barkhane", "france"), ("MINUSMA", "minusma"), ("ISGS", "isgs"),
    ("Coalition of the People of Azawad", "cpa"), ("Katiba Macina", "katiba_macina"), ("AQIM", "aqim"),
])
def test_actors_spellings_resolve(written, actor_id):
    assert actors.load().lookup(written).id == actor_id


def test_actors_short_acronyms_match_only_as_written():
    found = [m.actor.id for m in actors.load().find("It is us, said the US; IS claimed it")]
    assert found == ["united_states", "islamic_state"]


def test_actors_unknown_actor_kept_as_written():
    a = actor("Kel Ansar Patrol", actors.load())
    assert (a.name, a.id, a.kind) == ("Kel Ansar Patrol", None, "unknown")


def test_actors_every_seed_side_carries_registry_ids():
    for path in sorted((SAMPLES / "seeds").iterdir()):
        main = warlog.extract(path)[0]
        assert all(a.id for side in main.sides.values() for a in side.actors), path.name


def test_actors_rendered_page_puts_wagner_beside_mali():
    main = warlog.extract(SAMPLES / "seeds/002_f0736b921dfecb07.txt")[0]
    assert [a.id for a in main.sides["A"].actors] == ["mali", "wagner"]


def test_actors_user_file_adds_an_actor(tmp_path):
    extra = tmp_path / "mine.yaml"
    extra.write_text("- {id: kel_test, name: Kel Test Militia, kind: militia, aliases: [KTM]}\n", encoding="utf-8")
    reg = actors.load(str(extra))
    assert reg.lookup("KTM").kind == "militia" and reg.lookup("JNIM").id == "jnim"


def test_actors_bad_user_file_is_named(tmp_path):
    extra = tmp_path / "bad.yaml"
    extra.write_text("- {name: no id}\n", encoding="utf-8")
    with pytest.raises(errors.DataFileError) as err:
        actors.load(str(extra))
    assert str(extra) in str(err.value)


@pytest.mark.parametrize("content,line,reason", [
    (b"- {id: x, name: [unclosed\n", 2, "not valid YAML: expected ',' or ']', but got '<stream end>' (column 1)"),
    (b"- id: a\n\tname: b\n", 2, "not valid YAML: found character '\\t' that cannot start any token (column 1)"),
    (b"jnim: {name: JNIM}\n", None, "expected a list of actors"),
    (b"", None, "expected a list of actors"),
    (b"- just a name\n", None, "actor #1 needs id, name and kind"),
    (b"- {id: [1], name: X, kind: militia}\n", None, "actor #1: id, name and kind must be text"),
    (b"- {id: x, name: X, kind: militia, aliases: KTM}\n", None, "actor #1 (x): aliases must be a list of names"),
    (b"- {id: x, name: X, kind: militia, allied_with: [[mali]]}\n", None, "actor #1 (x): allied_with must be a list of names"),
    (b"- {id: x, name: X, kind: militia, country: [ML]}\n", None, "actor #1 (x): country must be text"),
    ("- {id: x, name: Ségou}\n".encode("latin-1"), None, "not valid UTF-8: byte 0xe9 at offset 17"),
], ids=["syntax", "tab", "mapping", "empty", "string-row", "id-list", "aliases-string", "allies-nested",
        "country-list", "latin-1"])
def test_actors_bad_user_file_is_one_line_naming_it(tmp_path, content, line, reason):
    extra = tmp_path / "mine.yaml"
    extra.write_bytes(content)
    with pytest.raises(errors.DataFileError) as err:
        actors.load(str(extra))
    assert (err.value.path, err.value.line, err.value.reason) == (str(extra), line, reason)
