"""The command line: every failure is one line on stderr and a documented exit status, never a traceback."""
from __future__ import annotations

import re
import subprocess
import sys

import pytest
from click.testing import CliRunner

from conftest import SAMPLES

from warlog import cli, pipeline

SEEDS = SAMPLES / "seeds"


def invoke(*args):
    """Run ``warlog ARGS`` in this process; stdout and stderr apart (click 8.1 mixes them unless told)."""
    try:
        runner = CliRunner(mix_stderr=False)
    except TypeError:  # click >= 8.2 keeps them apart always
        runner = CliRunner()
    return runner.invoke(cli.main, [str(a) for a in args], catch_exceptions=False)


def warlog(*args, cwd=None):
    """Run ``python -m warlog ARGS`` as a user does."""
    return subprocess.run([sys.executable, "-m", "warlog", *map(str, args)], capture_output=True, text=True, cwd=cwd)


@pytest.mark.parametrize("yaml_text,reason", [("jnim: {name: JNIM}\n", "expected a list of actors")], ids=["mapping"])
def test_cli_warlog_error_is_one_line_and_exit_1(tmp_path, yaml_text, reason):
    mine = tmp_path / "mine.yaml"
    mine.write_text(yaml_text, encoding="utf-8")
    res = warlog("extract", SEEDS, "--actors", mine)
    assert res.returncode == 1
    assert res.stderr.splitlines() == [f"warlog: {mine}: {reason} [data-file]"]


@pytest.mark.parametrize("exc", [RuntimeError("boom\n  on two lines"), KeyError("nope")])
def test_cli_unexpected_exception_is_an_internal_error_exit_70(monkeypatch, exc):
    def broken(*_args, **_kw):
        raise exc

    monkeypatch.setattr(pipeline, "run", broken)
    res = invoke("extract", SEEDS / "000_4e2a94e7be750194.txt")
    assert res.exit_code == 70
    message = " ".join(str(exc).split())
    assert res.stderr == f"warlog: internal error: {type(exc).__name__}: {message} (please report)\n"


@pytest.mark.parametrize("exc,line", [
    (RuntimeError(), "warlog: internal error: RuntimeError (please report)"),
    (ValueError("x" * 1000), f"warlog: internal error: ValueError: {'x' * 400}... (please report)"),
])
def test_cli_internal_error_line_stays_short(monkeypatch, exc, line):
    def broken(*_args, **_kw):
        raise exc

    monkeypatch.setattr(pipeline, "run", broken)
    res = invoke("extract", SEEDS / "000_4e2a94e7be750194.txt")
    assert (res.exit_code, res.stderr.splitlines()) == (70, [line])


@pytest.mark.parametrize("args", [["events", "--bogus"], ["export"], ["nope"]])
def test_cli_usage_errors_stay_click_exit_2(args):
    res = invoke(*args)
    assert res.exit_code == 2 and "Usage:" in res.stderr


@pytest.fixture(scope="module")
def seeded_db(tmp_path_factory):
    """A SQLite store holding the seed articles."""
    db = tmp_path_factory.mktemp("store") / "warlog.db"
    assert invoke("ingest", SEEDS, "--db", db).exit_code == 0
    return db


@pytest.mark.parametrize("event_id", ["0000000000000000"])
def test_cli_show_unknown_event_is_one_line_exit_1(seeded_db, event_id):
    res = invoke("show", event_id, "--db", seeded_db)
    assert (res.exit_code, res.stderr) == (1, f"warlog: {event_id}: no such event [not-found]\n")


@pytest.mark.parametrize("args,line", [
    (["events", "--since", "yesterday"],
     "warlog: --since: 'yesterday' is not a date: use YYYY, YYYY-MM or YYYY-MM-DD [bad-argument]"),
    (["events", "--until", "2019-13-45"],
     "warlog: --until: '2019-13-45' is not a real date (month must be in 1..12) [bad-argument]"),
    (["export", "--format", "ged-csv", "--country", "Narnia"],
     "warlog: --country: unknown country 'Narnia': give its name or ISO code (Mali, ML, MLI) [bad-argument]"),
    (["events", "--limit", "0"], "warlog: --limit: must be 1 or more (got 0) [bad-argument]"),
    (["events", "--min-killed", "-1"], "warlog: --min-killed: must be 0 or more (got -1) [bad-argument]"),
    (["events", "--text", " ... "], "warlog: --text: nothing to search for in ' ... ': give a word [bad-argument]"),
])
def test_cli_bad_filter_is_one_line_exit_2(seeded_db, args, line):
    res = invoke(*args, "--db", seeded_db)
    assert (res.exit_code, res.stderr.splitlines()) == (2, [line])


@pytest.mark.parametrize("value", ["Bombing"])
def test_cli_unknown_type_lists_the_known_ones(seeded_db, value):
    res = invoke("events", "--type", value, "--db", seeded_db)
    assert res.exit_code == 2 and len(res.stderr.splitlines()) == 1
    assert res.stderr.startswith(f"warlog: --type: unknown event type '{value}'; known: Battles, ")


@pytest.mark.parametrize("country", ["MLI", "Mali", "ml"])
def test_cli_country_alpha3_finds_the_events(seeded_db, country):
    res = invoke("events", "--country", country, "--format", "json", "--db", seeded_db)
    assert res.exit_code == 0 and '"country_code": "ML"' in res.stdout


@pytest.mark.parametrize("exc,line", [
    (OSError(28, "No space left on device", "events.jsonl"), "warlog: events.jsonl: disk full: No space left on device [disk-full]"),
    (OSError(28, "No space left on device"), "warlog: disk full: No space left on device [disk-full]"),
])
def test_cli_full_disk_the_library_did_not_name_is_still_one_line(monkeypatch, exc, line):
    def full(*_args, **_kw):
        raise exc

    monkeypatch.setattr(pipeline, "run", full)
    res = invoke("extract", SEEDS / "000_4e2a94e7be750194.txt")
    assert (res.exit_code, res.stderr.splitlines()) == (1, [line])


@pytest.mark.parametrize("yaml_text", ["- {id: x, name: [unclosed\n"])
def test_cli_actors_file_not_yaml_is_one_line_naming_it(tmp_path, yaml_text):
    mine = tmp_path / "mine.yaml"
    mine.write_text(yaml_text, encoding="utf-8")
    res = warlog("extract", SEEDS, "--actors", mine)
    assert res.returncode == 1
    assert res.stderr.splitlines() == [f"warlog: {mine}:2: not valid YAML: expected ',' or ']', but got "
                                       f"'<stream end>' (column 1) [data-file]"]


@pytest.mark.parametrize("fmt,name", [("ged-csv", "ged.csv"), ("parquet", "seeds")])
def test_cli_export_into_a_missing_folder_is_one_line(seeded_db, tmp_path, fmt, name):
    out = tmp_path / "no" / "such" / name
    res = invoke("export", "--format", fmt, "--out", out, "--db", seeded_db)
    assert (res.exit_code, res.stderr) == (2, f"warlog: cannot write {out}: no such folder [no-folder]\n")
    assert not (tmp_path / "no").exists()


CONTROLS = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")  # C0 but newline, DEL, C1


@pytest.fixture(scope="module")
def escapes(tmp_path_factory):
    """The Kwala seed with terminal escapes (clear screen, red, CSI) and a bell in its title, actors and prose."""
    folder = tmp_path_factory.mktemp("escapes")
    text = (SEEDS / "003_d37e82a4d6691ff5.txt").read_text(encoding="utf-8")
    for old, new in [("= Kwala attack =", "= Kwala \x1b[2J\x07attack\x1b[31m ="),
                     ("- Conflict: Kwala attack", "- Conflict: Kwala \x1b[2J\x07attack\x1b[31m"),
                     ("- Combatant2: Jama'at Nasr al-Islam wal Muslimin", "- Combatant2: JNIM\x1b[0m\x9b2J"),
                     ("jihadists from Jama'at", "jihadists\x07 from \x1b[2JJama'at")]:
        assert old in text
        text = text.replace(old, new)
    article = folder / "kwala.txt"
    article.write_text(text, encoding="utf-8")
    db = folder / "warlog.db"
    assert invoke("ingest", article, "--db", db).exit_code == 0
    return article, db


def test_cli_extract_summary_prints_no_control_characters(escapes):
    article, _ = escapes
    res = invoke("extract", article)
    assert res.exit_code == 0 and "Kwala [2Jattack[31m [main] 2024-02-28" in res.stdout
    assert not CONTROLS.search(res.stdout)


@pytest.mark.parametrize("args", [["events"], ["events", "--text", "jihadists"]])
def test_cli_events_table_prints_no_control_characters(escapes, args):
    res = invoke(*args, "--db", escapes[1])
    assert res.exit_code == 0 and "Kwala" in res.stdout
    assert not CONTROLS.search(res.stdout)


@pytest.mark.parametrize("as_json", [False, True])
def test_cli_show_prints_no_control_characters(escapes, as_json):
    event_id = invoke("events", "--db", escapes[1]).stdout.split()[0]
    res = invoke("show", event_id, "--db", escapes[1], *(["--json"] if as_json else []))
    assert res.exit_code == 0 and "Kwala" in res.stdout
    assert not CONTROLS.search(res.stdout)


def test_cli_error_line_prints_no_control_characters(tmp_path):
    bad = tmp_path / "bad\x1b[31m\x07.txt"
    bad.write_bytes(b"\x00\x01binary")
    res = invoke("extract", bad)
    assert res.exit_code == 1 and res.stderr.startswith("warlog: ") and "[31m" in res.stderr
    assert not CONTROLS.search(res.stderr)


def test_cli_places_import_reads_a_geonames_zip(tmp_path):
    from test_gazetteer import ML_ROWS, README_TXT, _zip

    src = _zip(tmp_path / "ML.zip", {"ML.txt": "\n".join(ML_ROWS) + "\n", "readme.txt": README_TXT})
    db = tmp_path / "places.sqlite"
    res = invoke("places", "import", src, "--db", db)
    assert (res.exit_code, res.stdout) == (0, f"3 places imported into {db}\n")


def test_cli_export_ged_csv_all_adds_the_events_without_deaths(tmp_path):
    db = tmp_path / "warlog.db"
    assert invoke("ingest", SEEDS, "--db", db, "--no-progress").exit_code == 0
    default = invoke("export", "--format", "ged-csv", "--db", db)
    every = invoke("export", "--format", "ged-csv", "--all", "--db", db)
    assert default.exit_code == every.exit_code == 0
    assert 1 < len(default.stdout.splitlines()) < len(every.stdout.splitlines())
