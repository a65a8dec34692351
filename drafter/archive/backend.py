"""What the archive needs of a database, so that SQLite (one file, the default, or read-only on a
share) and PostgreSQL (a unit's server, many writers at once) sit behind one interface.

Both hold the same tables: documents, passages (one row per distinct passage: its text, the
near-duplicate key, full pinyin and initials) and sources (where each passage was found). Each
backend brings its own substring index over the text and the initials — SQLite's FTS5 trigram
tokenizer, PostgreSQL's pg_trgm — and answers `LIKE '%…%'` through it; ranking is done above, in
Python, the same way for both.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

# 3: sources carry their document's year. A version-2 archive still opens (to search as it is;
# opened to add, it is migrated), while an older drafter refuses a version-3 one rather than
# adding sources without a year to it.
SCHEMA_VERSION = "3"
READABLE_VERSIONS = ("2", "3")
Row = tuple[Any, ...]


class Backend(Protocol):
    """A connection to one archive database."""

    kind: str  # "sqlite" or "postgresql"
    location: str  # for messages: the file or the server
    readonly: bool
    source_years: bool  # sources carry their document's year (an archive older than that: False)
    # Optional (store.py reads it with getattr, default "passages"): the table a running add's
    # new passages go to and its key look-ups read. PostgreSQL's first add loads a staging table.

    def execute(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        """Run one statement (`?` placeholders) and return its rows."""
        ...

    def insert_rows(self, table: str, columns: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
        """Many rows at once (PostgreSQL: COPY)."""
        ...

    def begin_add(self) -> None:
        """Start the one transaction of an add, holding off other writers (not readers)."""
        ...

    def commit(self) -> None: ...

    def rollback(self) -> None: ...

    def close(self) -> None: ...

    def insert_passages(self, rows: list[tuple[int, bytes, str, str, str]]) -> None:
        """New passages (id, key, text, pinyin, initials), indexed for search."""
        ...

    def delete_passages(self, ids: list[int]) -> None:
        """Passages no source refers to any more, out of the table and the index."""
        ...

    def like_candidates(self, column: str, needle: str, where: str, params: Sequence[Any], limit: int) -> list[Row]:
        """(id, text, full, initials) of passages whose `column` (text or initials) contains
        `needle` (3 characters or more: the index needs a trigram), `where` filtering. SQLite
        returns the latest-added first (its index reads backwards at no cost); PostgreSQL in the
        order its bitmap scan finds them (sorting every match of a common word would cost more
        than the ranking gains)."""
        ...

    def scan_candidates(self, column: str, needle: str, where: str, params: Sequence[Any], limit: int) -> list[Row]:
        """The same for needles too short for the index: a scan that stops at `limit`."""
        ...
