"""Bad input: one clear line naming the file and the reason; the rest of the batch goes on."""
from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import SAMPLES

import warlog
from warlog import errors


def _write(tmp_path, name, data: bytes):
    p = tmp_path / name
    p.write_bytes(data)
    return p


@pytest.mark.parametrize("name,data,error", [
    ("empty.txt", b"", errors.EmptyInput),
    ("blank.txt", b"  \n\n ", errors.EmptyInput),
    ("binary.bin", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", errors.BinaryInput),
    ("latin1.txt", "= Attaque de Ségou =\nInfobox\n- Date: 2020\n".encode("latin-1"), errors.UndecodableInput),
    ("nothing.txt", b"Just some words about the weather, nothing more.\n", errors.NotAnEvent),
    ("cut.wiki", b"{{Infobox military conflict\n| conflict = X\n| casualties1 = 14 killed<br />", errors.TruncatedInput),
])
def test_errors_bad_input_has_its_reason(tmp_path, name, data, error):
    p = _write(tmp_path, name, data)
    outcome = next(warlog.run([p]))
    assert isinstance(outcome.error, error)
    assert str(p) in str(outcome.error)


def test_errors_huge_file_is_refused_without_reading_it_all(tmp_path):
    p = tmp_path / "huge.txt"
    with open(p, "wb") as fh:
        fh.write(b"= Huge =\n\n" + b"Fourteen soldiers were killed. " * (50 * 1024 * 1024 // 31))
    outcome = next(warlog.run([p]))
    assert isinstance(outcome.error, errors.InputTooLarge)
    assert "MB" in outcome.error.reason


def test_errors_utf16_with_bom_is_read(tmp_path):
    text = (SAMPLES / "seeds/000_4e2a94e7be750194.txt").read_text(encoding="utf-8")
    p = _write(tmp_path, "utf16.txt", text.encode("utf-16"))
    assert warlog.extract(p)[0].title == "Soumpi attack"


def test_errors_batch_goes_on_and_exit_status_says_so(tmp_path):
    bad = _write(tmp_path, "a_bad.txt", b"\x00\x01binary")
    good = tmp_path / "b_good.txt"
    good.write_text((SAMPLES / "seeds/003_d37e82a4d6691ff5.txt").read_text(encoding="utf-8"), encoding="utf-8")
    res = subprocess.run([sys.executable, "-m", "warlog", "extract", str(tmp_path), "--json"],
                         capture_output=True, text=True)
    assert res.returncode == 1
    assert res.stderr.strip().splitlines() == [f"warlog: {bad}: binary data (NUL byte at offset 0), not a text article [binary]"]
    assert '"Kwala attack"' in res.stdout


def test_errors_missing_file_is_named(tmp_path):
    outcome = next(warlog.run([tmp_path / "nope.txt"]))
    assert isinstance(outcome.error, errors.InputError) and "nope.txt" in str(outcome.error)
