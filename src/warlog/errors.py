"""One error hierarchy for warlog. Each error names its input and carries a stable code, and the
exit status the command line gives it (``warlog`` turns it into one line in ``cli.Warlog.invoke``)."""
from __future__ import annotations

import errno
import sqlite3


class WarlogError(Exception):
    """Base of every error warlog raises on purpose."""

    code = "error"
    exit_status = 1  # 1: an input or the data failed; 2: the command line is wrong (see README, Bad input)

    def __init__(self, reason: str, *, path: str | None = None, line: int | None = None):
        super().__init__(reason)
        self.reason = reason
        self.path = path
        self.line = line

    def __str__(self) -> str:
        if self.path is None:  # nothing to name (a missing extra, say): the reason alone
            return f"{self.reason} [{self.code}]"
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.reason} [{self.code}]"

    def to_dict(self) -> dict:
        return {"path": self.path, "line": self.line, "code": self.code, "reason": self.reason}


class InputError(WarlogError):
    """An input document that cannot be read as an article."""

    code = "bad-input"


class EmptyInput(InputError):
    code = "empty"


class BinaryInput(InputError):
    code = "binary"


class UndecodableInput(InputError):
    code = "encoding"


class InputTooLarge(InputError):
    code = "too-large"


class TruncatedInput(InputError):
    code = "truncated"


class NotAnEvent(InputError):
    code = "no-event"


class UnknownFormat(InputError):
    code = "format"


class DataFileError(WarlogError):
    """A packaged or user data file (lexicon, actor registry) that is malformed."""

    code = "data-file"


class MissingExtra(WarlogError):
    """An optional dependency is not installed."""

    code = "missing-extra"


class BadArgument(WarlogError):
    """An argument that is malformed or names nothing known (a date, a country, an event type...);
    ``path`` names the option."""

    code = "bad-argument"
    exit_status = 2


class StoreError(WarlogError):
    """The event store cannot be opened, read or written. It stops a run: no later document could be stored."""

    code = "store"


class NoSuchDatabase(StoreError):
    code = "no-database"
    exit_status = 2  # like any file the command line names that is not there


class NotAStore(StoreError):
    code = "not-a-store"


class ReadOnlyStore(StoreError):
    code = "read-only"


class WriteError(WarlogError):
    """An output (an export, the store) cannot be written."""

    code = "write"


class NoSuchFolder(WriteError):
    code = "no-folder"
    exit_status = 2  # like any path the command line names that is not there


class DiskFull(WriteError):
    """No space left where warlog writes; what was written before stays."""

    code = "disk-full"


class DatabaseFull(StoreError, DiskFull):
    """A full disk under the store: a DiskFull that also stops an ingest, as every StoreError does."""

    code = "disk-full"


class BelowThreshold(WarlogError):
    """``warlog evaluate``: a score under the floor a user set (--min-recall ...), for CI to fail on."""

    code = "below-threshold"


class NotFound(WarlogError):
    """Something asked for by its id (an event) that the store does not hold."""

    code = "not-found"


def is_disk_full(exc: BaseException) -> bool:
    """True for a full disk as the system (ENOSPC), SQLite (SQLITE_FULL) or PostgreSQL (53100) reports it,
    also when SQLAlchemy wraps the driver's error."""
    orig = getattr(exc, "orig", None) or exc
    return (getattr(orig, "errno", None) == errno.ENOSPC or getattr(orig, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL
            or getattr(orig, "sqlstate", None) == "53100")

