"""One error hierarchy for warlog. Each error names its input and carries a stable code."""
from __future__ import annotations


class WarlogError(Exception):
    """Base of every error warlog raises on purpose."""

    code = "error"

    def __init__(self, reason: str, *, path: str | None = None, line: int | None = None):
        super().__init__(reason)
        self.reason = reason
        self.path = path
        self.line = line

    def __str__(self) -> str:
        where = self.path or "<input>"
        if self.line is not None:
            where += f":{self.line}"
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
