"""A unit's shared archive on a PostgreSQL server (pg_trgm), for many writers at once.

Needs the optional extra: `pip install 'drafter[postgres]'` (psycopg 3). The server must allow
`CREATE EXTENSION pg_trgm` once (or have it already), and the database should use a UTF-8
character type (C.UTF-8, zh_CN.UTF-8): under LC_CTYPE=C pg_trgm ignores Hanzi. Searches run
while someone adds; two adds at once take turns (a table lock held for the add's transaction).
An archive's first add builds its two trigram indexes at once on two server processes (each
with MAINTENANCE_WORK_MEM: 512 MB of the server's memory at most while they run; see _FirstBuild).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from typing import Any

from drafter.archive.backend import READABLE_VERSIONS, SCHEMA_VERSION, Row
from drafter.errors import DrafterError

_TABLES = """
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS docs(
    id BIGINT PRIMARY KEY, path TEXT NOT NULL UNIQUE, size BIGINT NOT NULL, mtime_ns BIGINT NOT NULL,
    digest TEXT NOT NULL, title TEXT NOT NULL, date TEXT, year INTEGER, genre TEXT);
CREATE TABLE IF NOT EXISTS passages({passage_columns});
CREATE TABLE IF NOT EXISTS sources(
    passage_id BIGINT NOT NULL, doc_id BIGINT NOT NULL, line INTEGER NOT NULL, heading TEXT NOT NULL, role TEXT,
    year INTEGER);
CREATE INDEX IF NOT EXISTS sources_doc ON sources(doc_id);
CREATE INDEX IF NOT EXISTS docs_year ON docs(year);
"""
_PASSAGE_COLUMNS = (
    "id BIGINT PRIMARY KEY, key BYTEA NOT NULL UNIQUE, text TEXT NOT NULL, pinyin TEXT NOT NULL, initials TEXT NOT NULL"
)
_TABLES = _TABLES.replace("{passage_columns}", _PASSAGE_COLUMNS)
_TRGM_INDEXES = (
    "CREATE INDEX IF NOT EXISTS passages_text_trgm ON passages USING gin (text gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS passages_initials_trgm ON passages USING gin (initials gin_trgm_ops)",
)
# NULLS LAST as the sources are listed (latest year first, no year last), so that the index answers it.
_SOURCES_BY_YEAR = "CREATE INDEX IF NOT EXISTS sources_passage_year ON sources(passage_id, year DESC NULLS LAST)"
# What an open needs to know, in one query (the catalogue, not information_schema's views: 6.7 ms
# of an open's 20 ms went on one of those). Complete: the current version, sources with their
# year and all the indexes; anything else and an open to add creates what is missing.
_SCHEMA_STATE = """
SELECT (SELECT value FROM meta WHERE key = 'schema'),
       (SELECT value FROM meta WHERE key = 'schema') = %s
       AND to_regclass('passages_text_trgm') IS NOT NULL AND to_regclass('passages_initials_trgm') IS NOT NULL
       AND to_regclass('sources_passage_year') IS NOT NULL,
       EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass('sources') AND attname = 'year'
               AND NOT attisdropped),
       set_config('synchronize_seqscans', 'off', false), set_config('max_parallel_workers_per_gather', '0', false)
"""
# A scan of the passages returns them in the table's order, as the index's bitmap does: never
# starting midway to join another scan of the table (synchronize_seqscans, for tables a quarter
# the size of the server's buffers or more) and never in parallel workers, whose rows interleave.
# With LIMIT, which of a common word's matches come back would otherwise change from run to run.
# An archive's first add loads its passages into this table, committed batch by batch on a
# second connection, so that its two trigram indexes can be built at once on two server
# processes; the add's own transaction then puts it in the place of the empty `passages` (see
# _FirstBuild). Never part of the archive: a leftover of an interrupted add is dropped by the next.
STAGED_FIRST_BUILD = True
STAGE = "passages_build"
# A needle in this share of the passages or more is looked for by reading the table in order and
# stopping at the limit, not through the index: the index first gathers every match (22,028 for
# the initials dszd at a million paragraphs: 20 ms; reading the table until 100 matched, 2-3 ms).
# The share is counted in a sample of SAMPLE_ROWS passages read once per connection. Either way
# the same rows come back (the first matches in the table's order), so only the time changes.
SCAN_SHARE = 0.03
SAMPLE_ROWS = 2000
SAMPLE_MIN_PASSAGES = 40_000  # fewer, and the index is quick whatever the needle
MAINTENANCE_WORK_MEM = "256MB"  # for the index builds: 16 MB to 1 GB built 100,000 passages' as fast
_PASSWORD = re.compile(r"(://[^:/@]*:)[^@]*@")


_PASSAGE_NAMES = ("id", "key", "text", "pinyin", "initials")


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def _qmarks(sql: str) -> str:
    """drafter's SQL uses `?`; psycopg wants `%s` (no literal % appears in these statements)."""
    return sql.replace("?", "%s")


class PostgresBackend:
    """An archive in a PostgreSQL database (the tables of the connection's first schema)."""

    kind = "postgresql"

    def __init__(self, url: str, *, readonly: bool = False, create: bool = True) -> None:
        self.location = _PASSWORD.sub(r"\1***@", url)
        self.readonly = readonly
        self._url = url
        self._first: _FirstBuild | None = None
        self._sample: dict[str, list[str]] | None = None
        try:
            import psycopg
        except ImportError:
            raise DrafterError(
                f"{self.location}: 要使用 PostgreSQL 资料库，请先安装 psycopg：pip install 'drafter[postgres]'"
            ) from None
        self._psycopg = psycopg
        try:
            self.conn = psycopg.connect(url, autocommit=True, connect_timeout=10)
        except psycopg.Error as exc:
            raise DrafterError(f"{self.location}: 无法连接资料库服务器（{_first_line(exc)}）") from None
        self._rebuild_indexes = False
        # One statement when the archive is complete (what nearly every open finds): the
        # statements that create it take locks (CREATE INDEX IF NOT EXISTS waits for a running
        # add) and were most of an open's round trips.
        state = self._schema_state()
        if state is None or not state[1]:
            if create and not readonly:
                self._create_schema()
                state = self._schema_state()
            elif state is None:
                raise DrafterError(f"{self.location}: 资料库还是空的（先用 drafter archive add 建立）")
        assert state is not None
        version, _complete, years = state
        if version is None or version not in READABLE_VERSIONS:
            raise DrafterError(f"{self.location}: 资料库版本不符（需要 {SCHEMA_VERSION}）")
        self.source_years = years

    def _schema_state(self) -> tuple[str | None, bool, bool] | None:
        """(schema version, complete, sources carry years), or None without the tables: one query."""
        try:
            row = self.conn.execute(_SCHEMA_STATE, (SCHEMA_VERSION,)).fetchone()
        except self._psycopg.errors.UndefinedTable:
            return None
        except self._psycopg.Error as exc:
            raise DrafterError(f"{self.location}: 无法读取资料库（{_first_line(exc)}）") from None
        assert row is not None
        return row[0], bool(row[1]), bool(row[2])

    def _create_schema(self) -> None:
        """The tables, the indexes and the schema's version, whichever are missing; an archive
        made before sources carried their years is migrated."""
        psycopg = self._psycopg
        try:
            self.conn.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            self.conn.execute(_TABLES)
            for statement in _TRGM_INDEXES:
                self.conn.execute(statement)
            self.conn.execute("INSERT INTO meta VALUES ('schema', %s) ON CONFLICT (key) DO NOTHING", (SCHEMA_VERSION,))
            version = self.conn.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        except psycopg.Error as exc:
            raise DrafterError(f"{self.location}: 无法建立资料库（{_first_line(exc)}）") from None
        if version is None or version[0] not in READABLE_VERSIONS:
            return  # the caller says the version does not fit
        try:
            self._add_source_years()
        except psycopg.Error as exc:
            raise DrafterError(f"{self.location}: 无法更新资料库（{_first_line(exc)}）") from None

    def _has_source_years(self) -> bool:
        # The catalogue itself, for the table the statements name (information_schema's view
        # took 6.7 ms of an open's 20 ms of queries; this, 0.5).
        row = self.conn.execute(
            "SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass('sources') AND attname = 'year' "
            "AND NOT attisdropped"
        ).fetchone()
        return row is not None

    def _add_source_years(self) -> None:
        """Sources made before they carried their document's year get it (see the SQLite backend)."""
        if self._has_source_years():
            self.conn.execute(_SOURCES_BY_YEAR)
            self.conn.execute("UPDATE meta SET value = %s WHERE key = 'schema' AND value <> %s", (SCHEMA_VERSION,) * 2)
            return
        with self.conn.transaction():
            self.conn.execute("LOCK TABLE docs, passages, sources IN SHARE ROW EXCLUSIVE MODE")
            self.conn.execute("ALTER TABLE sources ADD COLUMN IF NOT EXISTS year INTEGER")
            self.conn.execute("UPDATE sources s SET year = d.year FROM docs d WHERE d.id = s.doc_id")
            self.conn.execute(_SOURCES_BY_YEAR)
            self.conn.execute("DROP INDEX IF EXISTS sources_passage")
            self.conn.execute("UPDATE meta SET value = %s WHERE key = 'schema'", (SCHEMA_VERSION,))

    def execute(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        cur = self.conn.execute(_qmarks(sql), tuple(params))
        return cur.fetchall() if cur.description else []

    def insert_rows(self, table: str, columns: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
        if not rows:
            return
        with self.conn.cursor() as cur, cur.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)

    @property
    def passage_table(self) -> str:
        """The table the passages of the running add go to (store.py looks keys up in it)."""
        return STAGE if self._first is not None else "passages"

    def begin_add(self) -> None:
        if self.readonly:
            raise DrafterError(f"{self.location}: 资料库是只读的（共享的资料库由管理员更新）")
        self.conn.execute("BEGIN")
        try:
            self._begin_add()
        except BaseException:
            self.rollback()
            raise

    def _begin_add(self) -> None:
        self.conn.execute(f"SET LOCAL maintenance_work_mem = '{MAINTENANCE_WORK_MEM}'")
        # Other adds wait; searches (ACCESS SHARE) go on.
        self.conn.execute("LOCK TABLE docs, passages, sources IN SHARE ROW EXCLUSIVE MODE")
        empty = self.conn.execute("SELECT NOT EXISTS (SELECT 1 FROM passages)").fetchone()
        # A first build loads faster without the trigram indexes and builds them once at the end.
        self._rebuild_indexes = bool(empty and empty[0])
        if not self._rebuild_indexes:
            return
        if STAGED_FIRST_BUILD:
            try:  # (creating an index needs the right to create in the schema: so does a table)
                self._first = _FirstBuild(self._psycopg, self._url)
                return
            except self._psycopg.Error as exc:
                raise DrafterError(f"{self.location}: 无法建立资料库（{_first_line(exc)}）") from None
        self.conn.execute("DROP INDEX IF EXISTS passages_text_trgm")
        self.conn.execute("DROP INDEX IF EXISTS passages_initials_trgm")

    def commit(self) -> None:
        if self._first is not None:
            self._first.finish(self.conn)
            self._first = None
        elif self._rebuild_indexes:
            for statement in _TRGM_INDEXES:
                self.conn.execute(statement)
        self._rebuild_indexes = False
        self.conn.execute("COMMIT")
        # All three: a first build's tables are new to the planner (sources' estimates decide
        # how a hit's sources are read).
        self.conn.execute("ANALYZE passages, sources, docs")
        self._tell_planner_passages_are_distinct()

    def _tell_planner_passages_are_distinct(self) -> None:
        """Tell the planner how many distinct passages the sources name: it is the number of
        passages, which the archive knows. ANALYZE guesses it from a sample, and a few passages
        used in thousands of documents make it guess low (100,088 at a million paragraphs, for
        835,325): it then expected 168 sources for a page of 20 hits, not 20, and joined them
        with every document by hashing (3.0 ms a search) rather than looking each up (0.3).
        Stored as a fraction of the sources (it holds as the archive grows), and set again only
        when it has moved by a fifth; skipped if another add holds the table (the next sets it)."""
        row = self.conn.execute(
            "SELECT (SELECT reltuples FROM pg_class WHERE oid = to_regclass('passages')),"
            " (SELECT reltuples FROM pg_class WHERE oid = to_regclass('sources')),"
            " (SELECT option_value FROM pg_attribute, pg_options_to_table(attoptions)"
            "  WHERE attrelid = to_regclass('sources') AND attname = 'passage_id' AND option_name = 'n_distinct')"
        ).fetchone()
        if row is None or not row[0] or not row[1] or row[0] <= 0 or row[1] <= 0:
            return
        share = min(max(row[0] / row[1], 0.01), 1.0)
        if row[2] is not None and abs(-float(row[2]) - share) <= 0.2 * share:
            return
        try:
            self.conn.execute("SET lock_timeout = '200ms'")
            self.conn.execute(f"ALTER TABLE sources ALTER COLUMN passage_id SET (n_distinct = {-share:.4f})")
            self.conn.execute("ANALYZE sources")
        except self._psycopg.errors.LockNotAvailable:
            pass
        finally:
            self.conn.execute("RESET lock_timeout")

    def rollback(self) -> None:
        self._rebuild_indexes = False
        if self.conn.info.transaction_status != self._psycopg.pq.TransactionStatus.IDLE:
            self.conn.execute("ROLLBACK")
        first, self._first = self._first, None
        if first is not None:
            first.abandon()

    def close(self) -> None:
        first, self._first = self._first, None
        if first is not None:
            first.abandon()
        self.conn.close()

    def insert_passages(self, rows: list[tuple[int, bytes, str, str, str]]) -> None:
        if self._first is not None:
            self._first.insert(rows)
        else:
            self.insert_rows("passages", _PASSAGE_NAMES, rows)

    def delete_passages(self, ids: list[int]) -> None:
        if ids and self._first is not None:  # an archive's first add has nothing to drop
            raise RuntimeError("passages dropped during an archive's first add")
        if ids:
            self.conn.execute("DELETE FROM passages WHERE id = ANY(%s)", (ids,))

    def like_candidates(self, column: str, needle: str, where: str, params: Sequence[Any], limit: int) -> list[Row]:
        # ILIKE only for a needle with letters that have a case: it lower-cases every candidate
        # row, and a Hanzi needle (nearly all) matches the same rows with LIKE, measured 8.4 →
        # 6.4 ms a query at 100,000 paragraphs.
        op = "ILIKE" if column == "text" and needle.lower() != needle.upper() else "LIKE"
        if op == "LIKE" and not where and self._share(column, needle) >= SCAN_SHARE:
            return self.scan_candidates(column, needle, where, params, limit)
        sql = f"SELECT p.id, p.text, p.pinyin, p.initials FROM passages p WHERE p.{column} {op} ? {where} LIMIT ?"
        return self.execute(sql, (f"%{needle}%", *params, limit))

    def _share(self, column: str, needle: str) -> float:
        """The share of passages whose `column` holds `needle`, in a sample (see SCAN_SHARE)."""
        if self._sample is None:
            self._sample = self._read_sample()
        rows = self._sample.get(column) or []
        return sum(needle in value for value in rows) / len(rows) if rows else 0.0

    def _read_sample(self) -> dict[str, list[str]]:
        """About SAMPLE_ROWS passages from pages picked at random (the same ones every time); none
        for an archive small enough that reading it all is quick anyway."""
        total = self.execute("SELECT reltuples FROM pg_class WHERE oid = to_regclass('passages')")
        if not total or not total[0][0] or total[0][0] < max(SAMPLE_MIN_PASSAGES, 1):
            return {}
        percent = min(100.0, 100.0 * SAMPLE_ROWS / total[0][0])
        rows = self.execute(f"SELECT text, initials FROM passages TABLESAMPLE SYSTEM ({percent:.4f}) REPEATABLE (7)")
        return {"text": [r[0] for r in rows], "initials": [r[1] for r in rows]}

    def scan_candidates(self, column: str, needle: str, where: str, params: Sequence[Any], limit: int) -> list[Row]:
        sql = (
            f"SELECT p.id, p.text, p.pinyin, p.initials FROM passages p WHERE strpos(p.{column}, ?) > 0 {where} LIMIT ?"
        )
        return self.execute(sql, (needle, *params, limit))


class _FirstBuild:
    """An archive's first add, its two trigram indexes built on two server processes at once.

    PostgreSQL 15 builds one GIN index with one process, and at a million paragraphs the text's
    took 106 s and the initials' 43 s of a 191 s add, one after the other in the add's
    transaction. An index can only be built over committed rows by another connection, so the
    passages go to a table of their own (STAGE), written and committed by a second connection
    (`insert`); the add's key look-ups read it. At the end (`finish`) that connection builds the
    text index while the add's transaction builds the initials' one, and then, still in the add's
    transaction, the empty `passages` is dropped and the new table takes its name and its indexes'
    names. Until that commits, readers see the archive as it was (empty), and an interrupted add
    leaves only the unnamed table, which `abandon` or the next first add drops. Its commits may
    be lazy (synchronous_commit off): the add's own commit comes later in the log, and the server
    writes the log in order, so once the add is committed so are they.
    """

    def __init__(self, psycopg: Any, url: str) -> None:
        self.conn = psycopg.connect(url, autocommit=True, connect_timeout=10)
        try:
            self.conn.execute("SET synchronous_commit = off")
            self.conn.execute(f"SET maintenance_work_mem = '{MAINTENANCE_WORK_MEM}'")
            self.conn.execute(f"DROP TABLE IF EXISTS {STAGE}")
            self.conn.execute(f"CREATE TABLE {STAGE}({_PASSAGE_COLUMNS})")
        except BaseException:
            self.conn.close()
            raise

    def insert(self, rows: list[tuple[int, bytes, str, str, str]]) -> None:
        if not rows:
            return
        copy_sql = f"COPY {STAGE} ({', '.join(_PASSAGE_NAMES)}) FROM STDIN"
        with self.conn.cursor() as cur, cur.copy(copy_sql) as copy:
            for row in rows:
                copy.write_row(row)

    def finish(self, add: Any) -> None:
        """Both indexes, then the new table in place of the old, in `add`'s transaction."""
        error: list[BaseException] = []

        def text_index() -> None:
            try:
                self.conn.execute(f"CREATE INDEX {STAGE}_text_trgm ON {STAGE} USING gin (text gin_trgm_ops)")
            except BaseException as exc:  # re-raised in the add's thread
                error.append(exc)

        builder = threading.Thread(target=text_index, name="archive-text-index", daemon=True)
        builder.start()
        try:
            add.execute(f"CREATE INDEX {STAGE}_initials_trgm ON {STAGE} USING gin (initials gin_trgm_ops)")
        except BaseException:
            self._cancel()  # not a minute and a half more of an index nobody will use
            builder.join()
            raise
        builder.join()
        if error:
            raise error[0]
        add.execute("DROP TABLE passages")
        add.execute(f"ALTER TABLE {STAGE} RENAME TO passages")
        for suffix in ("pkey", "key_key", "text_trgm", "initials_trgm"):
            add.execute(f"ALTER INDEX {STAGE}_{suffix} RENAME TO passages_{suffix}")
        self.conn.close()

    def _cancel(self) -> None:
        try:
            getattr(self.conn, "cancel_safe", self.conn.cancel)()  # cancel_safe: psycopg 3.2
        except Exception:
            pass

    def abandon(self) -> None:
        """After a rollback: stop an index build still running and drop the table."""
        if self.conn.closed:
            return
        self._cancel()
        try:
            self.conn.execute(f"DROP TABLE IF EXISTS {STAGE}")
        except Exception:
            pass
        self.conn.close()
