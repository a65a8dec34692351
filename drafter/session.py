"""A draft being edited: its file, its text, saving, crash recovery and the analysis the editor
shows (outline, findings, blanks). No terminal code here: the TUI is a view on this, and tests
drive it directly."""

from __future__ import annotations

import hashlib
import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from drafter.checks.model import Finding
from drafter.draft import Draft
from drafter.draft.outline import DEFAULT_RATE, OutlineRow, count_chars, outline, speaking_time
from drafter.fileio import ANY, FileStamp, WriteResult, atomic_write_utf8, write_draft_text
from drafter.templating.model import SectionSpec

if TYPE_CHECKING:
    from drafter.checks.engine import CheckEngine

RECENT_LIMIT = 12


def _data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("drafter", appauthor=False))


def recovery_path(draft: Path) -> Path:
    """Where unsaved text of `draft` is kept while editing (survives a killed terminal)."""
    key = hashlib.blake2b(str(draft.resolve()).encode("utf-8"), digest_size=12).hexdigest()
    return _data_dir() / "recovery" / f"{key}.json"


def _written_by_a_live_editor(data: dict[str, object]) -> bool:
    from drafter.draftlock import this_host
    from drafter.fileio import pid_alive

    pid = data.get("pid")
    if not isinstance(pid, int) or pid == os.getpid() or data.get("host") != this_host():
        return False
    return pid_alive(pid)


def recent_files() -> list[Path]:
    """Recently opened drafts that still exist, newest first."""
    path = _data_dir() / "recent.json"
    try:
        names = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return [Path(n) for n in names if isinstance(n, str) and Path(n).is_file()][:RECENT_LIMIT]


def remember(draft: Path) -> None:
    names = [str(draft.resolve())] + [str(p) for p in recent_files() if p.resolve() != draft.resolve()]
    path = _data_dir() / "recent.json"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_utf8(path, json.dumps(names[:RECENT_LIMIT], ensure_ascii=False), backup=False)
    except Exception:  # a recent-files list that cannot be written is not worth an error
        pass


@dataclass
class Analysis:
    """What the editor shows beside the text, computed in a worker after each pause in typing.
    `text` is the text it was computed on: positions are valid only against that text."""

    text: str
    draft: Draft
    findings: list[Finding]
    outline: list[OutlineRow]
    chars: int
    blanks: int
    minutes: str
    # Blanks of a Word file outside the text the editor shows (headers, footers, text boxes,
    # notes): listed with the findings, never selected by F3 (their positions are not in `text`).
    outside: list[Finding] = field(default_factory=list)
    # Of a Word file, the table cell of each line ("表格1 第2行第3列", "" in the body); empty else.
    cells: list[str] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity.value == "error")


@dataclass
class DraftSession:
    """One open draft."""

    path: Path
    text: str
    saved_text: str
    encoding: str | None = None
    rate: int = DEFAULT_RATE
    template_sections: list[SectionSpec] = field(default_factory=list)
    recovered: bool = False
    is_new: bool = False  # no file yet: created by the first save
    newline: str = "\n"  # the line ending the file had, written back
    disk: FileStamp | None = None  # the file as last read or written (None: must not exist yet)
    word: Any = None  # a drafter.docxedit.edit.DocxText: the session edits that Word file in place

    @property
    def dirty(self) -> bool:
        return self.text != self.saved_text

    def save(self, *, overwrite: bool = False) -> WriteResult:
        """Atomic write in the draft's own encoding and line endings, with a .bak of the previous
        version; the recovery copy is then dropped. ChangedOnDiskError (nothing written) when the
        file changed on disk since it was read, unless `overwrite` (the other version is then the
        .bak). GBK stays GBK unless the text needs more; the result's `note` says so."""
        expect = ANY if overwrite else self.disk
        if self.word is not None:
            written = self._save_word(expect)
        else:
            written = write_draft_text(
                self.path, self.text, encoding=self.encoding, newline=self.newline, expect=expect
            )
        self.saved_text = self.text
        self.encoding = written.encoding
        self.disk = written.stamp
        self.is_new = False
        self.drop_recovery()
        remember(self.path)
        return written

    def word_bytes(self) -> bytes:
        """The Word file with this session's text written into it (only what changed)."""
        from drafter.docxedit.edit import save_edits

        lines = self.text[:-1].split("\n") if self.text.endswith("\n") else self.text.split("\n")
        return save_edits(self.word.data, str(self.path), self.word.lines, lines).data

    def _save_word(self, expect: Any) -> WriteResult:
        """Write the edits back into the .docx itself: each changed paragraph mapped onto its runs,
        every other part of the file byte for byte as it was."""
        from drafter.docxedit.edit import DocxText, docx_text
        from drafter.fileio import atomic_write_bytes

        data = self.word_bytes()
        stamp = atomic_write_bytes(self.path, data, expect=expect)
        lines = self.text[:-1].split("\n") if self.text.endswith("\n") else self.text.split("\n")
        self.word = DocxText(str(self.path), data, lines, docx_text(str(self.path), data).cells_of(lines))
        return WriteResult(stamp.size, stamp.mtime_ns, stamp.digest, encoding="docx", wanted="docx")

    # -- crash recovery ----------------------------------------------------------------------

    def write_recovery(self) -> None:
        if not self.dirty:
            return
        target = recovery_path(self.path)
        target.parent.mkdir(parents=True, exist_ok=True)
        from drafter.draftlock import this_host

        payload = {
            "path": str(self.path.resolve()),
            "time": time.time(),
            "text": self.text,
            "pid": os.getpid(),  # who wrote it: a copy of a running editor is not a crash's leftover
            "host": this_host(),
        }
        atomic_write_utf8(target, json.dumps(payload, ensure_ascii=False), backup=False)

    def pending_recovery(self) -> str | None:
        """Unsaved text from an earlier session that differs from the file, if any."""
        try:
            data = json.loads(recovery_path(self.path).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(data, dict):
            return None
        if _written_by_a_live_editor(data):
            # The draft is open in another editor right now (its lock said so, and the writer chose
            # to edit anyway): its unsaved text is that editor's, not a crash to recover from.
            return None
        text = data.get("text")
        return text if isinstance(text, str) and text != self.text else None

    def drop_recovery(self) -> None:
        try:
            os.remove(recovery_path(self.path))
        except OSError:
            pass

    # -- analysis ----------------------------------------------------------------------------

    def analyze(self, engine: CheckEngine) -> Analysis:
        return analyze_text(engine, self.path, self.text, self.rate)

    def cells_of(self, text: str) -> list[str]:
        """Of a Word file, the table cell of each line of `text` (the text as edited); else []."""
        if self.word is None:
            return []
        return self.word.cells_of(text[:-1].split("\n") if text.endswith("\n") else text.split("\n"))


def analyze_text(engine: CheckEngine, path: Path, text: str, rate: int = DEFAULT_RATE) -> Analysis:
    """Findings, outline and counts of `text`, as the editor shows them beside it."""
    from drafter.document import Document

    doc = Document(str(path), "text", text)
    findings = engine.check(doc)
    draft = doc.draft
    blank_lines = [f.line for f in findings if f.rule.startswith("placeholder")]
    chars = count_chars(text)
    return Analysis(
        text=text,
        draft=draft,
        findings=findings,
        outline=outline(draft, blank_lines),
        chars=chars,
        blanks=len(blank_lines),
        minutes=speaking_time(chars, rate),
    )


def blank_locations(findings: list[Finding]) -> list[tuple[int, int, int]]:
    """(row, column, length) of every unfilled blank, 0-based, in text order."""
    return sorted((f.line - 1, f.column - 1, len(f.text)) for f in findings if f.rule.startswith("placeholder"))


def next_blank(
    findings: list[Finding], row: int, column: int, backwards: bool = False, at_cursor: bool = False
) -> tuple[int, int, int] | None:
    """The blank after (or before) a cursor position, wrapping around. With `at_cursor` (a bare
    cursor, nothing selected) a blank that starts right at the cursor is the next one: the title's
    `XX` at 1:1 is where a freshly opened draft's cursor stands."""
    blanks = blank_locations(findings)
    if not blanks:
        return None
    if backwards:
        earlier = [b for b in blanks if (b[0], b[1]) < (row, column)]
        return earlier[-1] if earlier else blanks[-1]
    later = [b for b in blanks if (b[0], b[1]) > (row, column) or (at_cursor and (b[0], b[1]) == (row, column))]
    return later[0] if later else blanks[0]
