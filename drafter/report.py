"""How findings reach the writer: readable lines with the blank marked, or JSON for tools.

Plain ANSI codes rather than a rendering library: `drafter check` must start in a blink.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from collections.abc import Callable, Iterable
from typing import TextIO

from drafter.checks.model import Finding, Severity
from drafter.textfold import INVISIBLE

# What json.dumps(s, ensure_ascii=False) calls for a string (the C version where it exists).
_encode_str = json.encoder.encode_basestring
# One finding's object in the array: Finding.to_json's keys, in its order, two-space indent.
_OBJECT = (
    '  {\n    "path": %s,\n    "line": %d,\n    "column": %d,\n    "rule": %s,\n    "severity": %s,\n'
    '    "text": %s,\n    "message": %s,\n    "suggestion": %s\n  }'
)

_COLOURS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "36"}
MARK_OPEN, MARK_CLOSE = "▶", "◀"
# What a file's text must never send to a terminal raw: C0 controls (an ESC starts a sequence
# that can clear the screen or hide the summary), DEL and C1 controls, line/paragraph separators,
# and bidi controls (an RLO reverses what follows). Invisible format characters are shown too,
# so a writer sees why `*`, U+200B, `*` is a blank.
_UNSAFE = re.compile(f"[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029{INVISIBLE}]")


def escape_terminal(text: str) -> str:
    """`text` safe to print: every control, bidi or invisible character as a visible <U+XXXX>."""
    if _UNSAFE.search(text) is None:
        return text
    return _UNSAFE.sub(lambda m: f"<U+{ord(m.group()):04X}>", text)


def use_colour(choice: str, stream: TextIO) -> bool:
    """`auto` colours a terminal unless NO_COLOR is set (https://no-color.org)."""
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR"):
        return False
    if not getattr(stream, "isatty", lambda: False)():
        return False
    return os.name != "nt" or _enable_windows_ansi()


def _enable_windows_ansi() -> bool:
    """The classic Windows console shows ANSI colours only once VT processing is switched on."""
    try:
        import ctypes

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        handle = kernel32.GetStdHandle(-11)  # STD_OUTPUT_HANDLE
        mode = ctypes.c_uint32()
        if not kernel32.GetConsoleMode(handle, ctypes.byref(mode)):
            return False
        return bool(kernel32.SetConsoleMode(handle, mode.value | 0x0004))  # ENABLE_VIRTUAL_TERMINAL_PROCESSING
    except (AttributeError, OSError):
        return False


def _paint(text: str, code: str, colour: bool) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if colour else text


def suggestion_text(suggestion: str) -> str:
    """The suggestion as the writer reads it after 建议： (the report, Word comments, the editor):
    a bare mark there reads as a typo (建议：：), so a replacement without a letter, digit or Hanzi
    is quoted, and an empty one (a space to delete) says 删去."""
    if not suggestion:
        return "删去"
    if not any(ch.isalnum() for ch in suggestion):
        return f"改为“{suggestion}”"
    return suggestion


def format_finding(f: Finding, colour: bool = False) -> str:
    """Two lines: `path:line:col: 级别 message [rule]`, then the text with the blank marked."""
    esc = escape_terminal
    sev = _paint(f.severity.label, "1;" + _COLOURS[f.severity], colour)
    where = f"（{esc(f.cell or f.location)}）" if f.location or f.cell else ""
    head = f"{esc(f.path)}:{f.line}:{f.column}: {sev}{where} {esc(f.message)} [{esc(f.rule)}]"
    if f.suggestion is not None:
        head += f"\n    建议：{esc(suggestion_text(f.suggestion))}"
    before = ("…" if f.before and len(f.before) >= 18 else "") + esc(f.before.replace("\t", " "))
    after = esc(f.after.replace("\t", " ")) + ("…" if f.after and len(f.after) >= 18 else "")
    text = esc(f.text.replace("\t", " "))
    if colour:
        marked = _paint(text, "1;7;" + _COLOURS[f.severity], True)
    else:
        marked = f"{MARK_OPEN}{text}{MARK_CLOSE}"
    context = f"{before}{marked}{after}"
    return f"{head}\n    {context}"


def write_human(findings: Iterable[Finding], stream: TextIO, colour: bool = False) -> None:
    """Write each finding; the caller prints the summary once all files are done."""
    for f in findings:
        stream.write(format_finding(f, colour) + "\n")


def summary_line(counts: Counter[Severity], files: int, unreadable: int, colour: bool = False) -> str:
    """One line with the counts, so a long report still ends with the answer."""
    total = sum(counts.values())
    files_part = f"检查了 {files} 个文件"
    if unreadable:
        files_part += f"，{unreadable} 个无法读取"
    if not total and unreadable:  # never "no problems" about files that were not read
        verdict = "没有检查任何文件" if not files else "读出的文件中未发现问题"
        return _paint(verdict, "1;33", colour) + f"：{files_part}，请先处理无法读取的文件"
    if not total:
        return _paint("未发现问题", "1;32", colour) + f"：{files_part}"
    detail = "、".join(f"{s.label} {counts[s]}" for s in Severity if counts[s])
    return _paint(f"发现 {total} 处问题", "1;31" if counts[Severity.ERROR] else "1;33", colour) + (
        f"（{detail}）：{files_part}"
    )


class JsonWriter:
    """Findings as one JSON array (the documented keys, two-space indent), written as they come.

    Each value is encoded by the json module's own C string encoder (`encode_basestring`, what
    `json.dumps(v, ensure_ascii=False)` calls for a string; `indent=` would switch to Python's
    pure encoder, and a `json.dumps` a value costs more in its Python set-up than in encoding:
    48,000 findings took a second), and the text is handed to the stream in large chunks, so the
    cost is the same whether or not PYTHONUNBUFFERED makes every write a system call. A folder
    report can add file by file and still produce one valid document at close()."""

    CHUNK = 1 << 16  # pieces per write

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self._pending: list[str] = []
        self._count = 0
        self._keys: dict[str, str] = {}
        # Encoded strings that repeat finding after finding (path, rule, severity, messages).
        self._seen: dict[str, str] = {}

    def add(self, findings: Iterable[Finding]) -> None:
        self.add_encoded(self.encode(f) for f in findings)

    def encode(self, f: Finding) -> str:
        """One finding's object as it stands in the array (indented, no separator): what a worker
        checking part of a big file sends back, so the encoding is done on every core. The eight
        keys of `Finding.to_json` are written in one format (a dict and a join a finding cost a
        quarter of the encoding; tests/test_report.py holds the two to the same bytes)."""
        value = self._value
        suggestion = f.suggestion
        return _OBJECT % (
            value(f.path),
            f.line,
            f.column,
            value(f.rule),
            value(f.severity.value),
            value(f.text),
            value(f.message),
            "null" if suggestion is None else value(suggestion),
        )

    def encode_generic(self, f: Finding) -> str:
        """`encode` from `Finding.to_json`, key by key: the reference the format is held to."""
        keys = self._keys
        value = self._value
        parts = []
        for k, v in f.to_json().items():
            head = keys.get(k)
            if head is None:
                head = keys[k] = f"    {json.dumps(k)}: "
            parts.append(head + value(v))
        return "  {\n" + ",\n".join(parts) + "\n  }"

    def add_encoded(self, objects: Iterable[str]) -> None:
        """Add findings already encoded by `encode` (here or in another process), in order."""
        out = self._pending
        for obj in objects:
            out.append(",\n" if self._count else "[\n")
            self._count += 1
            out.append(obj)
            if len(out) >= self.CHUNK:
                self.flush()

    def _value(self, v: object) -> str:
        """`json.dumps(v, ensure_ascii=False)`, byte for byte, for the values a finding holds."""
        kind = type(v)
        if kind is str:
            seen = self._seen
            encoded = seen.get(v)  # type: ignore[call-overload]
            if encoded is None:
                encoded = _encode_str(v)
                if len(seen) >= 4096:  # bounded: a folder of distinct texts must not grow it
                    seen.clear()
                seen[v] = encoded  # type: ignore[index]
            return encoded
        if kind is int:
            return int.__repr__(v)  # type: ignore[arg-type]
        if v is None:
            return "null"
        return json.dumps(v, ensure_ascii=False)

    def flush(self) -> None:
        if self._pending:
            self.stream.write("".join(self._pending))
            self._pending.clear()

    def close(self) -> None:
        self._pending.append("\n]\n" if self._count else "[]\n")
        self.flush()


def finding_encoder(report: str, colour: bool = False) -> Callable[[Finding], str]:
    """A finding as the report writes it, in a piece the writer adds as it stands: the JSON object
    (`JsonWriter.encode`, for `JsonWriter.add_encoded`) or the human lines with their newline
    (`write_human`'s). Workers encode with it, so the process writing the report only joins text."""
    if report == "json":
        return JsonWriter(None).encode  # type: ignore[arg-type]
    return lambda f: format_finding(f, colour) + "\n"


def write_json(findings: Iterable[Finding], stream: TextIO) -> None:
    """A JSON array, one object per finding, with the documented keys."""
    writer = JsonWriter(stream)
    writer.add(findings)
    writer.close()
