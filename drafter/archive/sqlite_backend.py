"""The default archive: one SQLite file with FTS5 trigram indexes (SQLite 3.34 or later).

Both indexes are external-content (they store no second copy of the text). The text's has
detail=none: Hanzi trigrams are selective, so the rows holding all of a needle's trigrams are
nearly all rows holding the needle, and SQLite checks the LIKE itself on those few; that halves
the index and its build time. The initials' index keeps positions (detail=full): over an
alphabet of 26 letters every long row holds every common trigram somewhere, so only a phrase
match (the trigrams next to each other) narrows `yhpc` down; measured at a million paragraphs,
detail=none there made an initials query scan most of the table.
At rest the file uses a rollback journal rather than WAL, so that it also works read-only on a
network share, where WAL's shared memory does not; an add switches to WAL while it runs.
"""

from __future__ import annotations

import queue
import sqlite3
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from drafter.archive.backend import READABLE_VERSIONS, SCHEMA_VERSION, Row
from drafter.errors import DrafterError, os_reason

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS docs(
    id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL,
    digest TEXT NOT NULL, title TEXT NOT NULL, date TEXT, year INTEGER, genre TEXT);
CREATE TABLE IF NOT EXISTS passages(
    id INTEGER PRIMARY KEY, key BLOB NOT NULL UNIQUE, text TEXT NOT NULL, pinyin TEXT NOT NULL, initials TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sources(
    passage_id INTEGER NOT NULL, doc_id INTEGER NOT NULL, line INTEGER NOT NULL, heading TEXT NOT NULL, role TEXT,
    year INTEGER);
CREATE INDEX IF NOT EXISTS sources_doc ON sources(doc_id);
{text_index};
CREATE VIRTUAL TABLE IF NOT EXISTS initials_index USING fts5(
    initials, content='passages', content_rowid='id', tokenize='trigram', detail=full, columnsize=0);
CREATE VIRTUAL TABLE IF NOT EXISTS passage_terms USING fts5vocab(passage_index, 'row');
"""
_TEXT_INDEX = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS passage_index USING fts5("
    "text, content='passages', content_rowid='id', tokenize='trigram', detail=none, columnsize=0)"
)
_SCHEMA = _SCHEMA.replace("{text_index}", _TEXT_INDEX)
# The tables FTS5 keeps an index in (external content, no column sizes: no others).
_TEXT_INDEX_TABLES = (
    ("passage_index_config", ("k", "v")),
    ("passage_index_data", ("id", "block")),
    ("passage_index_idx", ("segid", "term", "pgno")),
)


def sqlite_uri(path: Path) -> str:
    """A `file:` URI SQLite accepts for any path: /home/…, C:/…, and a share's //server/share/…
    (SQLite refuses a URI naming a host, so a UNC path keeps its slashes in the path part)."""
    from urllib.parse import quote

    posix = Path(path).resolve().as_posix()
    quoted = quote(posix, safe="/:")
    if posix.startswith("//"):
        return "file://" + quoted  # file:////server/share/archive.sqlite
    if posix.startswith("/"):
        return "file://" + quoted
    return "file:///" + quoted


# A passage's sources by year: its latest sources are found without reading all of them (a
# paragraph reused in thousands of documents took 100 ms to list through the documents).
SOURCES_BY_YEAR = "CREATE INDEX IF NOT EXISTS sources_passage_year ON sources(passage_id, year)"

# How long a plain scan may look for a two-character needle before the index is asked instead.
SCAN_SECONDS = 0.005
SCAN_STEPS = 20000  # virtual-machine steps between looks at the clock
FEW_TERMS = 8  # a two-character needle beginning at most this many trigrams goes to the index first
SIDE_BUILD = True  # an archive's first add builds its text index in a second thread (_SideTextIndex)
AUTOMERGE = 16  # FTS5 segments at one level before they are merged (FTS5's default: 4)
# Bytes of new entries an index gathers in memory before it writes them out as a segment (FTS5's
# default: 1 MB). Hanzi trigrams are a vocabulary of hundreds of thousands of terms, each in few
# rows, so a 1 MB flush writes nearly every term again, each with a row or two, and the merges
# then rewrite them: at 100,000 paragraphs the text index cost 11.3 CPU-seconds; gathering 32 MB
# it costs 3.8 (the same index, 23 MB against 37 before merging). The initials' 17,576 possible
# trigrams flush compactly already (3.3 → 2.3 s with 8 MB). Memory: at most these many bytes
# more while an add runs.
HASHSIZE = {"passage_index": 32 << 20, "initials_index": 8 << 20}


class _SideTextIndex:
    """The text index of an archive's first add, built beside it on a core of its own.

    One SQLite file is written by one connection at a time, and in a first build the two
    trigram indexes are most of that connection's CPU. So while the add's connection writes
    the passages, their sources and the initials index, a second connection (on a private
    temporary database, deleted when it closes) builds the text index in a thread: sqlite3
    lets go of Python's lock while a statement runs, so the two indexes build on two cores.
    At commit its index tables are copied into the archive inside the add's transaction, so
    the file on disk is only ever the old archive or the new one (an interrupted add leaves
    the temporary database to be deleted and the archive as it was). Only for an archive with
    no passages yet: the copied index replaces the archive's, which then holds nothing.
    """

    def __init__(self) -> None:
        self.conn = sqlite3.connect("", isolation_level=None, check_same_thread=False)
        self.conn.execute("PRAGMA cache_size = -16384")  # 16 MB: FTS5 appends segments and reads them back to merge
        self.conn.execute("PRAGMA journal_mode = OFF")  # nothing to keep if it fails: it is thrown away
        self.conn.execute("PRAGMA synchronous = OFF")
        self.conn.execute(_TEXT_INDEX)
        self.conn.execute("BEGIN")
        self.conn.execute(f"INSERT INTO passage_index(passage_index, rank) VALUES ('automerge', {AUTOMERGE})")
        hashsize = HASHSIZE["passage_index"]
        self.conn.execute(f"INSERT INTO passage_index(passage_index, rank) VALUES ('hashsize', {hashsize})")
        self.work: queue.Queue[tuple[str, list[tuple[Any, ...]]] | None] = queue.Queue(maxsize=4)
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, name="archive-text-index", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while True:
            item = self.work.get()
            if item is None:
                return
            if self.error is None:  # after an error, go on taking work so that nobody waits to put
                try:
                    self.conn.executemany(*item)
                except BaseException as exc:  # handed to the add's thread at the next put or at finish
                    self.error = exc

    def _put(self, sql: str, rows: list[tuple[Any, ...]]) -> None:
        if self.error is not None:
            raise self.error
        self.work.put((sql, rows))

    def insert(self, rows: list[tuple[int, str]]) -> None:
        self._put("INSERT INTO passage_index(rowid, text) VALUES (?, ?)", rows)

    def copy_into(self, target: sqlite3.Connection) -> None:
        """Wait for the index, then put its tables in place of the target's (in the target's
        open transaction)."""
        self.work.put(None)
        self.thread.join()
        if self.error is not None:
            raise self.error
        self.conn.execute("COMMIT")  # FTS5 writes out what it still holds in memory
        for table, columns in _TEXT_INDEX_TABLES:
            target.execute(f"DELETE FROM {table}")
            marks = ", ".join("?" * len(columns))
            names = ", ".join(columns)
            rows = self.conn.execute(f"SELECT {names} FROM {table}")
            target.executemany(f"INSERT INTO {table}({names}) VALUES ({marks})", rows)

    def close(self) -> None:
        if self.thread.is_alive():
            self.work.put(None)
            self.thread.join()
        self.conn.close()


class SQLiteBackend:
    """An archive in one SQLite file."""

    kind = "sqlite"

    def __init__(self, path: Path, *, readonly: bool = False, create: bool = True) -> None:
        self.path = Path(path)
        self.location = str(self.path)
        self.readonly = readonly
        if readonly or not create:
            if not self.path.is_file():
                raise DrafterError(f"{self.path}: 资料库文件不存在（先用 drafter archive add 建立）")
        else:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise DrafterError(f"{self.path}: 无法建立资料库文件夹（{os_reason(exc)}）") from None
        self.side: _SideTextIndex | None = None
        self.uri = uri = sqlite_uri(self.path) + ("?mode=ro" if readonly else "")
        try:
            self.conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
            self.conn.execute("PRAGMA busy_timeout = 5000")
            if not readonly and create:
                self.conn.execute("PRAGMA journal_mode = DELETE")
                self.conn.executescript(_SCHEMA)
                self.conn.execute("INSERT OR IGNORE INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))
            version = self.conn.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        except sqlite3.DatabaseError as exc:
            if "trigram" in str(exc) or "fts5" in str(exc):
                raise DrafterError(
                    f"{self.path}: 这个 Python 的 SQLite（{sqlite3.sqlite_version}）没有 FTS5 trigram 分词器"
                    "（需要 SQLite 3.34 以上）：请升级 Python，或改用 PostgreSQL 资料库"
                ) from None
            raise DrafterError(f"{self.path}: 不是 drafter 的资料库，或文件已损坏（{exc}）") from None
        if version is None or version[0] not in READABLE_VERSIONS:
            raise DrafterError(f"{self.path}: 资料库版本不符（需要 {SCHEMA_VERSION}），请用 drafter archive add 重建")
        if not readonly and create:
            try:
                self._add_source_years()
            except sqlite3.DatabaseError as exc:
                raise DrafterError(f"{self.path}: 无法更新资料库（{exc}）") from None
        self.source_years = self._has_source_years()

    def _has_source_years(self) -> bool:
        return any(row[1] == "year" for row in self.conn.execute("PRAGMA table_info(sources)"))

    def _add_source_years(self) -> None:
        """An archive made before sources carried their document's year gets the column, filled
        from the documents, and its index, in one transaction when it is next opened to add to
        (a file opened only to search keeps working as it is, through the slower query)."""
        if self._has_source_years():
            self.conn.execute(SOURCES_BY_YEAR)
            self.conn.execute("UPDATE meta SET value = ? WHERE key = 'schema' AND value <> ?", (SCHEMA_VERSION,) * 2)
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            self.conn.execute("ALTER TABLE sources ADD COLUMN year INTEGER")
            self.conn.execute("UPDATE sources SET year = (SELECT d.year FROM docs d WHERE d.id = sources.doc_id)")
            self.conn.execute(SOURCES_BY_YEAR)
            self.conn.execute("DROP INDEX IF EXISTS sources_passage")  # the new index leads with passage_id
            self.conn.execute("UPDATE meta SET value = ? WHERE key = 'schema'", (SCHEMA_VERSION,))
            self.conn.execute("COMMIT")
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise

    def execute(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        return self.conn.execute(sql, params).fetchall()

    def insert_rows(self, table: str, columns: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
        marks = ", ".join("?" * len(columns))
        self.conn.executemany(f"INSERT INTO {table}({', '.join(columns)}) VALUES ({marks})", rows)

    def begin_add(self) -> None:
        if self.readonly:
            raise DrafterError(f"{self.path}: 资料库是只读的（共享的资料库由管理员更新）")
        # 64 MB of pages: the passages' key index and the sources' grow at random places (at 100,000
        # paragraphs 16 MB built as fast as 128; at a million 128 MB put the add over 300 MB)
        self.conn.execute("PRAGMA cache_size = -65536")
        # WAL while adding: the index build runs about half again as fast. It is switched back on
        # commit (or rollback), so that the file stays readable where WAL is not (a share).
        self.conn.execute("PRAGMA journal_mode = WAL")
        self.conn.execute("PRAGMA synchronous = NORMAL")
        self.conn.execute("BEGIN IMMEDIATE")
        indexes = ["passage_index", "initials_index"]
        if SIDE_BUILD and self.conn.execute("SELECT NOT EXISTS (SELECT 1 FROM passages)").fetchone()[0]:
            self.side = _SideTextIndex()  # it brings its own settings; this connection leaves the index alone
            indexes.remove("passage_index")
        # FTS5 merges its index segments as they pile up; at the default (merge every 4 at a
        # level) an add spends a third of its CPU re-merging. Sixteen at a level: the same
        # index, built with about a third less CPU, and searches measured no slower. The
        # setting lives in the index's config, inside this transaction (a rollback undoes it).
        for index in indexes:
            self.conn.execute(f"INSERT INTO {index}({index}, rank) VALUES ('automerge', {AUTOMERGE})")
            self.conn.execute(f"INSERT INTO {index}({index}, rank) VALUES ('hashsize', {HASHSIZE[index]})")

    def commit(self) -> None:
        side = self.side
        if side is not None:
            side.copy_into(self.conn)
        self.conn.execute("COMMIT")
        if side is not None:
            self._close_side()
            # FTS5 keeps an index's layout cached per connection and notices other connections'
            # changes only: after its tables were replaced under it, this one starts afresh.
            self.conn.close()
            self.conn = sqlite3.connect(self.uri, uri=True, isolation_level=None, check_same_thread=False)
            self.conn.execute("PRAGMA busy_timeout = 5000")
        self._back_to_rollback_journal()

    def _close_side(self) -> None:
        side, self.side = self.side, None
        if side is not None:
            side.close()

    def _back_to_rollback_journal(self) -> None:
        try:
            self.conn.execute("PRAGMA journal_mode = DELETE")
        except sqlite3.Error:
            pass  # another connection is reading: it stays WAL until the next add

    def rollback(self) -> None:
        self._close_side()
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")
        self._back_to_rollback_journal()

    def close(self) -> None:
        self._close_side()
        self.conn.close()

    def insert_passages(self, rows: list[tuple[int, bytes, str, str, str]]) -> None:
        if self.side is not None:  # first, so that the other core starts at once
            self.side.insert([(r[0], r[2]) for r in rows])
        self.conn.executemany("INSERT INTO passages(id, key, text, pinyin, initials) VALUES (?, ?, ?, ?, ?)", rows)
        if self.side is None:
            self.conn.executemany("INSERT INTO passage_index(rowid, text) VALUES (?, ?)", ((r[0], r[2]) for r in rows))
        self.conn.executemany("INSERT INTO initials_index(rowid, initials) VALUES (?, ?)", ((r[0], r[4]) for r in rows))

    def delete_passages(self, ids: list[int]) -> None:
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            if self.side is not None:  # an archive's first add has nothing to drop
                raise RuntimeError("passages dropped while the text index is built on the side")
            self.conn.execute(
                "INSERT INTO passage_index(passage_index, rowid, text) "
                f"SELECT 'delete', id, text FROM passages WHERE id IN ({marks})",
                chunk,
            )
            self.conn.execute(
                "INSERT INTO initials_index(initials_index, rowid, initials) "
                f"SELECT 'delete', id, initials FROM passages WHERE id IN ({marks})",
                chunk,
            )
            self.conn.execute(f"DELETE FROM passages WHERE id IN ({marks})", chunk)

    def like_candidates(self, column: str, needle: str, where: str, params: Sequence[Any], limit: int) -> list[Row]:
        if column == "initials":  # a phrase of trigrams: letters and digits only, never a quote
            sql = (
                "SELECT p.id, p.text, p.pinyin, p.initials "
                "FROM initials_index f CROSS JOIN passages p ON p.id = f.rowid "
                f"WHERE initials_index MATCH ? {where} ORDER BY f.rowid DESC LIMIT ?"
            )
            return self.conn.execute(sql, (f'"{needle}"', *params, limit)).fetchall()
        sql = (
            "SELECT p.id, p.text, p.pinyin, p.initials FROM passage_index f CROSS JOIN passages p ON p.id = f.rowid "
            f"WHERE f.{column} LIKE ? {where} ORDER BY f.rowid DESC LIMIT ?"
        )
        return self.conn.execute(sql, (f"%{needle}%", *params, limit)).fetchall()

    def scan_candidates(self, column: str, needle: str, where: str, params: Sequence[Any], limit: int) -> list[Row]:
        """A needle too short for a trigram. The trigrams that begin with it, read from the
        index's own sorted vocabulary (a fraction of a millisecond), say how to look: a few of
        them (a pair seldom used, which a plain scan would hunt for row by row) name its rows
        through the index at once. Many, or too few rows found that way (a pair that ends a
        passage has no trigram of its own), and a plain scan runs, given a few milliseconds: a
        common pair fills the page at once. A scan out of time falls back on the index."""
        sql = (
            f"SELECT p.id, p.text, p.pinyin, p.initials FROM passages p WHERE instr(p.{column}, ?) > 0 {where} LIMIT ?"
        )
        if len(needle) != 2 or column != "text":
            return self.conn.execute(sql, (needle, *params, limit)).fetchall()
        terms = self.conn.execute(
            "SELECT term FROM passage_terms WHERE term >= ? AND term < ? LIMIT 257", (needle, needle + "\U0010ffff")
        ).fetchall()
        found: list[Row] = []
        if terms and len(terms) <= FEW_TERMS:
            found = self._through_terms(terms, needle, where, params, limit)
            if len(found) >= limit:
                return found
        deadline = time.perf_counter() + SCAN_SECONDS
        self.conn.set_progress_handler(lambda: time.perf_counter() > deadline, SCAN_STEPS)
        try:
            scanned = self.conn.execute(sql, (needle, *params, limit)).fetchall()
            if not found:
                return scanned
            merged = {row[0]: row for row in (*found, *scanned)}
            return [merged[k] for k in sorted(merged)][:limit]
        except sqlite3.OperationalError:  # interrupted: too rare to find by scanning
            pass
        finally:
            self.conn.set_progress_handler(None, 0)
        if found or not terms:
            return found
        if len(terms) > 256:
            return self.conn.execute(sql, (needle, *params, limit)).fetchall()
        return self._through_terms(terms, needle, where, params, limit)

    def _through_terms(self, terms: list[Row], needle: str, where: str, params: Sequence[Any], limit: int) -> list[Row]:
        query = " OR ".join('"' + t[0].replace('"', '""') + '"' for t in terms)
        sql = (
            "SELECT p.id, p.text, p.pinyin, p.initials FROM passage_index f CROSS JOIN passages p ON p.id = f.rowid "
            f"WHERE passage_index MATCH ? AND instr(p.text, ?) > 0 {where} LIMIT ?"
        )
        return self.conn.execute(sql, (query, needle, *params, limit)).fetchall()
