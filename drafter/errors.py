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


def shown(value: object, limit: int = 30) -> str:
    """A value as a message may quote it: a short prefix, control and bidi characters replaced.

    Messages quote what the writer typed so they can find it, but a bad value may be a megabyte
    string, a deeply nested structure or hold terminal escapes; none of that reaches the screen.
    """
    if isinstance(value, str):
        text = value
    elif isinstance(value, (int, float, bool)) or value is None:
        text = repr(value)
    elif isinstance(value, (list, tuple)):
        text = f"（含 {len(value)} 项的列表）"
    elif isinstance(value, dict):
        text = f"（含 {len(value)} 个键的映射）"
    else:
        text = f"（{type(value).__name__}）"
    cut = text[: limit + 1]
    clean = "".join(ch if ch.isprintable() and not _is_bidi(ch) else "?" for ch in cut[:limit])
    return clean + ("…" if len(text) > limit else "")


def _is_bidi(ch: str) -> bool:
    return "\u202a" <= ch <= "\u202e" or "\u2066" <= ch <= "\u2069" or ch in "\u200e\u200f\u061c"
