"""The archive as the editor uses it: the phrase panel's archive tab, inserting a past passage
with its facts turned into blanks, and the past passages closest to the paragraph under the cursor.

The editor calls these from worker threads, perhaps two at once (a keystroke's search while the
cursor's lookup runs), so one lock serialises them over the single connection. The archive is
opened on first use, and a missing archive is not an error here: the tab says it is empty.
"""

from __future__ import annotations

import threading
from typing import Any

from drafter.archive.masking import mask_facts
from drafter.archive.model import ArchiveHit
from drafter.archive.store import Archive
from drafter.errors import DrafterError


class EditorArchive:
    """Lazy, thread-safe access to the archive drafter is pointed at (see `open_archive`)."""

    def __init__(self, location: str | None = None, config: Any = None) -> None:
        self._location = location
        self._config = config
        self._archive: Archive | None = None
        self._lock = threading.Lock()
        self.problem: str | None = None  # why there is nothing to search, in Chinese, for the panel

    def _open(self) -> Archive | None:
        if self._archive is None and self.problem is None:
            from drafter.archive.locate import open_archive

            try:
                self._archive = open_archive(self._location, config=self._config, create=False)
            except DrafterError as exc:
                self.problem = f"{exc}"
        return self._archive

    def search(self, query: str, limit: int = 20, **filters: Any) -> list[ArchiveHit]:
        """Hits for the phrase panel's archive tab (filters: year_from, year_to, genre, role)."""
        with self._lock:
            archive = self._open()
            return archive.search(query, limit, **filters) if archive is not None else []

    @staticmethod
    def insert_text(hit: ArchiveHit) -> str:
        """The text to insert for a hit: its figures, dates and names as `**` blanks."""
        return mask_facts(hit.text)

    def closest(self, paragraph: str, limit: int = 3) -> list[tuple[float, ArchiveHit]]:
        """The past passages closest to the paragraph under the cursor, with similarity 0–1."""
        with self._lock:
            archive = self._open()
            return archive.closest(paragraph, limit) if archive is not None else []

    def close(self) -> None:
        with self._lock:
            if self._archive is not None:
                self._archive.close()
                self._archive = None
