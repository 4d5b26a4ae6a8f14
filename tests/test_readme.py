"""The README's quickstart, replayed: its commands print what the README says they print."""
from __future__ import annotations

import contextlib
import io
import os
import re
import subprocess
import sys

from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _block(lang: str) -> str:
    return re.search(rf"```{lang}\n(.*?)```", README, re.S).group(1)


def test_readme_cli_quickstart_prints_what_it_shows():
    block = _block("console").splitlines()
    cmd, expected = block[0].removeprefix("$ ").split(), block[1:]
    assert cmd[0] == "warlog"
    res = subprocess.run([sys.executable, "-m", "warlog", *cmd[1:]], cwd=ROOT, capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    assert res.stdout.splitlines() == expected


def test_readme_python_quickstart_prints_what_it_shows():
    out = io.StringIO()
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        with contextlib.redirect_stdout(out):
            exec(compile(_block("python"), "README.md", "exec"), {})
    finally:
        os.chdir(cwd)
    assert out.getvalue().splitlines() == _block("text").splitlines()
