"""The one shape every reader produces and every check consumes.

A document is its text with one paragraph per line ('\\n' separated), so that rules can scan the
whole text in a single regex pass (fast) and report positions as line and column (useful). For
.docx a line is a paragraph in reading order, and `locations` says where it sits (table, header…).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field


@dataclass
class Document:
    """A readable document: display path, format, text and where each line came from."""

    path: str
    format: str  # "text", "markdown" or "docx"
    text: str
    encoding: str | None = None
    # For text files: the line ending to write back ('\n', '\r\n' or '\r'), and the stamp of the
    # bytes read, so that a writer can refuse to overwrite changes made on disk since.
    newline: str | None = None
    stamp: object = field(default=None, compare=False)  # drafter.fileio.FileStamp | None
    # For .docx: the location label of each line (index = line - 1); "" means body text.
    locations: list[str] | None = None
    _line_starts: list[int] | None = field(default=None, repr=False, compare=False)
    _draft: object = field(default=None, repr=False, compare=False)

    @property
    def draft(self):  # type: ignore[no-untyped-def]
        """The draft tree of this text (parsed once): headings, sections, title, closing."""
        if self._draft is None:
            from drafter.draft import parse_draft

            self._draft = parse_draft(self.text)
        return self._draft

    @property
    def line_starts(self) -> list[int]:
        """Offsets at which each line begins (computed once, on demand)."""
        if self._line_starts is None:
            starts = [0]
            text = self.text
            find = text.find
            pos = find("\n")
            while pos != -1:
                starts.append(pos + 1)
                pos = find("\n", pos + 1)
            self._line_starts = starts
        return self._line_starts

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset."""
        starts = self.line_starts
        index = bisect_right(starts, offset) - 1
        return index + 1, offset - starts[index] + 1

    def line_text(self, line: int) -> str:
        """The text of a 1-based line, without its newline."""
        starts = self.line_starts
        begin = starts[line - 1]
        end = starts[line] - 1 if line < len(starts) else len(self.text)
        return self.text[begin:end]

    def location(self, line: int) -> str:
        """Where a line sits in the file (页眉, 表格…); "" for body text."""
        if self.locations is None or line > len(self.locations):
            return ""
        return self.locations[line - 1]
