"""Errors that reach the writer as one line of Chinese, never as a traceback.

Every error the CLI turns into exit status 2 derives from DrafterError; its str() is the whole
message, already naming the file (and line, for data files) it concerns.
"""

from __future__ import annotations


class DrafterError(Exception):
    """A problem the writer can fix: bad input, bad data file, bad option."""


class InputError(DrafterError):
    """A document that cannot be read (missing, binary, corrupt, legacy format)."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class DataFileError(DrafterError):
    """A data file (rules, config, phrase bank, preset) that is malformed."""

    def __init__(self, path: str, reason: str, line: int | None = None) -> None:
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {reason}")
        self.path = path
        self.line = line
        self.reason = reason
