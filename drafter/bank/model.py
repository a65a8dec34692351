"""What a phrase-bank entry is, and the vocabulary its fields are checked against."""

from __future__ import annotations

from dataclasses import dataclass, field

KINDS = ("formulation", "sentence", "paragraph", "parallel")
# The parts of a speech an entry can serve; templates name the same roles for their sections.
ROLES = (
    "salutation",
    "opening",
    "transition",
    "achievement",
    "problem",
    "cause",
    "measure",
    "requirement",
    "closing",
    "greeting",
    "summary",
    "pledge",
    "agenda",
    "learning",
    "signature",
)
ENTRY_KEYS = (
    "id",
    "text",
    "category",
    "tags",
    "genres",
    "role",
    "kind",
    "items",
    "collocation",
    "misquotes",
    "note",
    "since",
    "until",
    "disabled",
    "severity",
)
# How sure a finding about a deviation from a formulation is: an entry lowers it, never raises it.
SEVERITIES = ("error", "warning", "info")
FILE_KEYS = ("category", "entries")


@dataclass(slots=True)
class Entry:
    """One formulation, sentence, paragraph or 排比 that a writer can drop into a draft."""

    id: str
    text: str
    category: str = ""
    tags: tuple[str, ...] = ()
    genres: tuple[str, ...] = ()
    role: str | None = None
    kind: str = "sentence"
    items: tuple[str, ...] = ()
    collocation: str | None = None
    misquotes: tuple[str, ...] = ()
    note: str | None = None
    since: int | None = None
    # The last year a campaign or plan period ran (党纪学习教育: 2024); None while it is current.
    # The currency checks flag a draft of a later year that presents it as under way.
    until: int | None = None
    source: str = ""  # file it came from
    line: int = 0  # line of the entry in that file
    # How sure a deviation from this formulation is, as (form, severity) pairs: form "" for every
    # finding about the entry, else the text of one deviation (增强“四个自信”, which the 十九大
    # report itself writes as 增强道路自信、理论自信……). Findings are never raised above the rule's.
    severity: tuple[tuple[str, str], ...] = ()

    def to_json(self) -> dict[str, object]:
        """Every field, for `--format json` and tools."""
        return {
            "id": self.id,
            "text": self.text,
            "category": self.category,
            "tags": list(self.tags),
            "genres": list(self.genres),
            "role": self.role,
            "kind": self.kind,
            "items": list(self.items),
            "collocation": self.collocation,
            "misquotes": list(self.misquotes),
            "note": self.note,
            "since": self.since,
            "until": self.until,
            "severity": dict(self.severity),
            "source": f"{self.source}:{self.line}" if self.line else self.source,
        }


@dataclass(slots=True)
class SearchHit:
    """A ranked search result: the entry, a score (100 best) and the matched character spans
    of `entry.text`, for highlighting."""

    entry: Entry
    score: float
    spans: list[tuple[int, int]] = field(default_factory=list)
    how: str = ""  # "exact", "text", "pinyin", "initials" or "fuzzy"
