"""Shared fixtures: the repository's sample articles and the answer key beside the repository."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SHARED = ROOT.parent / "shared"
SEED_DIRS = [SAMPLES / "seeds", SAMPLES / "wikitext"]


ARTICLES = ROOT / "tests" / "articles"


def sample_files() -> list[Path]:
    """Every article the tests hold: the samples and the unseen-style test articles."""
    return sorted(p for d in SEED_DIRS + [ARTICLES] for p in d.iterdir() if p.is_file())


@pytest.fixture(scope="session")
def shared() -> Path:
    if not (SHARED / "tools" / "score.py").exists():
        pytest.skip(f"{SHARED} is absent: the answer key and scorer live there (checkout ../shared beside the repo)")
    return SHARED


@pytest.fixture(scope="session")
def postgres():
    from dbs import PostgresServer, pg_bindir

    if pg_bindir() is None:
        pytest.skip("no PostgreSQL server here (apt-get install postgresql): the PostgreSQL half of the store tests is skipped")
    server = PostgresServer().start()
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    """A fresh, empty database of each kind the store supports."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'warlog.db'}"
    return request.getfixturevalue("postgres").new_database()
