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
        self.named = False  # the archive was named (--archive, DRAFTER_ARCHIVE, drafter.toml), not the default

    def _open(self) -> Archive | None:
        if self._archive is None and self.problem is None:
            from drafter.archive.locate import open_archive, resolve

            try:
                self.named = resolve(self._location, self._config)[2] != "默认"
                self._archive = open_archive(self._location, config=self._config, create=False)
            except DrafterError as exc:
                self.problem = f"{exc}"
        return self._archive

    def probe(self) -> int | None:
        """How many distinct passages the archive holds, or None when there is none to search.

        Called once from a worker when the editor opens (a server may take seconds to answer),
        so the panel shows its archive tab only when there is an archive, or when one was named
        and cannot be opened (then the tab says why: `problem`)."""
        with self._lock:
            archive = self._open()
            if archive is None:
                return None
            try:
                size = archive.counts()[1]
            except Exception as exc:  # a server gone, a damaged file: the tab says so, the editor goes on
                self.problem = f"{archive.backend.location}: 资料库无法读取（{exc}）"
                return None
        # The pinyin tables, now rather than on the writer's first pinyin query (a second or more).
        from drafter.archive.pinyin import heteronym_words, tables

        tables()
        heteronym_words()
        return size

    def search(self, query: str, limit: int = 20, **filters: Any) -> list[ArchiveHit]:
        """Hits for the phrase panel's archive tab (filters: year_from, year_to, genre, role)."""
        with self._lock:
            archive = self._open()
            if archive is None:
                return []
            try:
                hits = archive.search(query, limit, **filters)
            except Exception as exc:  # an editor's worker must not take the editor down with it
                self.problem = f"{archive.backend.location}: 资料库查询失败（{exc}）"
                return []
            self.problem = None
            return hits

    @staticmethod
    def insert_text(hit: ArchiveHit) -> str:
        """The text to insert for a hit: its figures, dates and names as `**` blanks."""
        return mask_facts(hit.text)

    def closest(self, paragraph: str, limit: int = 3) -> list[tuple[float, ArchiveHit]]:
        """The past passages closest to the paragraph under the cursor, with similarity 0–1."""
        with self._lock:
            archive = self._open()
            if archive is None:
                return []
            try:
                found = archive.closest(paragraph, limit)
            except Exception as exc:  # as in search
                self.problem = f"{archive.backend.location}: 资料库查询失败（{exc}）"
                return []
            self.problem = None
            return found

    def close(self) -> None:
        with self._lock:
            if self._archive is not None:
                self._archive.close()
                self._archive = None
