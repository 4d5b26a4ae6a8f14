"""Databases for the store tests: a SQLite file, and a real PostgreSQL server the tests start
(Debian's postgresql package; CI installs it)."""
from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path


def pg_bindir() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    return Path(found[-1]).parent if found else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PostgresServer:
    """A throw-away cluster in a temporary folder, on a free loopback port."""

    def __init__(self):
        self.bindir = pg_bindir()
        self.root = Path(tempfile.mkdtemp(prefix="warlog-pg-"))
        self.port = _free_port()
        # initdb refuses root: run the server as the package's postgres user then
        self.prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if self.prefix:
            shutil.chown(self.root, "postgres", "postgres")

    def _run(self, *args):
        subprocess.run(self.prefix + [str(a) for a in args], check=True, capture_output=True, cwd=self.root)

    def start(self) -> "PostgresServer":
        data = self.root / "data"
        self._run(self.bindir / "initdb", "-D", data, "-A", "trust", "-U", "warlog", "--no-sync", "-E", "UTF8")
        opts = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off"
        self._run(self.bindir / "pg_ctl", "-D", data, "-o", opts, "-w", "-l", self.root / "log", "start")
        return self

    def stop(self) -> None:
        try:
            self._run(self.bindir / "pg_ctl", "-D", self.root / "data", "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def new_database(self) -> str:
        import psycopg

        name = "t_" + uuid.uuid4().hex[:12]
        with psycopg.connect(f"host=127.0.0.1 port={self.port} user=warlog dbname=postgres", autocommit=True) as con:
            con.execute(f"CREATE DATABASE {name}")
        return f"postgresql+psycopg://warlog@127.0.0.1:{self.port}/{name}"
