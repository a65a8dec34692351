"""What the archive answers with: hits, their sources, and the result of an add or a comparison."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class SourceRef:
    """One place a passage was found: a past document and the heading it stood under."""

    path: str
    title: str
    year: int | None
    date: str | None
    genre: str | None
    heading: str
    role: str | None
    line: int

    def to_json(self) -> dict[str, object]:
        return {
            "path": self.path,
            "title": self.title,
            "year": self.year,
            "date": self.date,
            "genre": self.genre,
            "heading": self.heading,
            "role": self.role,
            "line": self.line,
        }

    def label(self) -> str:
        """`2023 述职评议会讲话（一、肯定成绩）` — how a hit names its source to the writer."""
        year = f"{self.year} " if self.year else ""
        heading = f"（{self.heading}）" if self.heading else ""
        return f"{year}{self.title}{heading}"


@dataclass
class ArchiveHit:
    """A past passage found by a search: score 100 best, ranked as the phrase bank ranks
    (text 90–99, full pinyin 70–79, initials 60–69, a wrong character ≤ 50)."""

    passage_id: int
    text: str
    score: float
    how: str  # "exact", "text", "pinyin", "initials", "fuzzy"
    spans: list[tuple[int, int]] = field(default_factory=list)
    sources: list[SourceRef] = field(default_factory=list)  # the latest ones (at most 20)
    source_count: int = 0  # all the places the passage was found

    @property
    def year(self) -> int | None:
        """The latest year the passage was used in."""
        years = [s.year for s in self.sources if s.year]
        return max(years) if years else None

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.passage_id,
            "text": self.text,
            "score": round(self.score, 2),
            "how": self.how,
            "spans": [list(s) for s in self.spans],
            "year": self.year,
            "sources": [s.to_json() for s in self.sources],
            "source_count": self.source_count,
        }


@dataclass
class AddReport:
    """What one `archive add` did."""

    added: int = 0  # documents read (new or changed)
    unchanged: int = 0
    removed: int = 0
    paragraphs: int = 0  # paragraphs read from added documents
    new_passages: int = 0  # of which were not in the archive yet (the rest are duplicates)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)


@dataclass
class Match:
    """A paragraph of a new draft and the past passage most like it."""

    line: int
    text: str
    similarity: float  # 0–1
    hit: ArchiveHit | None


@dataclass
class Similarity:
    """How much of a draft repeats past documents."""

    matches: list[Match]
    threshold: float
    by_document: list[tuple[SourceRef, int, int]]  # (document, paragraphs, characters) over threshold
    repeated_chars: int = 0
    total_chars: int = 0

    @property
    def share(self) -> float:
        return self.repeated_chars / self.total_chars if self.total_chars else 0.0
