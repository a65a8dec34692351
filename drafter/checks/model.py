"""The vocabulary shared by the check engine, its rule families and the reports."""

from __future__ import annotations

from collections.abc import Iterable, Sequence, Set
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from drafter.document import Document


class Severity(StrEnum):
    """How much a finding matters; `error` findings make `drafter check` exit 1."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def label(self) -> str:
        """The Chinese word shown to the writer."""
        return {"error": "错误", "warning": "警告", "info": "提示"}[self.value]


@dataclass(frozen=True, slots=True)
class RuleInfo:
    """One rule as the writer sees it: id `category.name`, default severity, a title."""

    id: str
    severity: Severity
    title: str
    fixable: bool = False  # its suggestion can replace the text without asking (check --fix)

    @property
    def category(self) -> str:
        return self.id.split(".", 1)[0]


@dataclass(slots=True)
class Hit:
    """What a rule reports: a character span of the document's text and what is wrong there."""

    rule: str
    start: int
    end: int
    message: str
    suggestion: str | None = None
    # A rule may be less sure of one hit than of the rule as a whole (a phrase-bank entry can say
    # so): the finding then takes the lower of this and the rule's configured severity.
    severity: Severity | None = None
    # Another family's finding may be the better account of the same characters (a near miss of a
    # formulation that holds a known wrong word is that word's slip): the category named here. The
    # engine drops this hit where a finding of that category overlaps it, and only there, so the
    # slip is still reported when that family is not selected (`--only formulation`).
    defer_to: str | None = None


_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


def lower_severity(configured: Severity, hit: Severity | None) -> Severity:
    """The severity a finding is reported at: a hit can lower its rule's, never raise it."""
    if hit is None or _RANK[hit] >= _RANK[configured]:
        return configured
    return hit


@dataclass(slots=True)
class Finding:
    """A Hit placed in its file: line, column, severity and the text around it."""

    path: str
    line: int
    column: int
    rule: str
    severity: Severity
    text: str
    message: str
    suggestion: str | None
    location: str = ""
    before: str = ""
    after: str = ""
    cell: str = ""  # in a .docx table: 表格1 第2行第3列 (location says 表格)

    def to_json(self) -> dict[str, object]:
        """The documented JSON shape: exactly these eight keys."""
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "rule": self.rule,
            "severity": self.severity.value,
            "text": self.text,
            "message": self.message,
            "suggestion": self.suggestion,
        }


class RuleFamily(Protocol):
    """A group of rules that share one scan of the text (e.g. all placeholder forms).

    A family declares its rules and, when run, reports hits only for the rule ids in `active`.
    """

    name: str

    def rules(self) -> Sequence[RuleInfo]: ...

    def check(self, doc: Document, active: Set[str]) -> Iterable[Hit]: ...
