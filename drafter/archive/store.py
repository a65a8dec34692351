"""The archive itself: adding folders of past documents, searching them, comparing a draft.

Everything above the database is here and is the same for every backend: splitting, the
near-duplicate key, incremental updates, ranking. An add is one transaction: interrupted (Ctrl-C,
a crash, a full disk) it leaves the archive exactly as it was.
"""

from __future__ import annotations

import hashlib
import os
import queue
import re
import threading
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from drafter.archive.backend import Backend
from drafter.archive.model import AddReport, ArchiveHit, Match, Similarity, SourceRef
from drafter.archive.pinyin import lowercase_keys, passage_keys, split_syllables
from drafter.errors import os_reason

if TYPE_CHECKING:  # splitting needs the draft parser, ranking the bank's threshold: neither to open
    from concurrent.futures import Future

    from drafter.archive.split import DocumentInfo

Progress = Callable[[int, int, str], None]  # (files done, files in all, current file)
# Candidates a tier ranks. Each costs about 10 µs of CPU (the index's rows, then the text read and
# checked), so a common word's 300 took 2.7 ms at 100,000 paragraphs and 100 take 0.9. Among more
# matches than that the archive ranks the newest-added 100 (the backends return latest first): a
# writer narrows by typing on, and last year's wording is the one wanted. Full pinyin keeps 300:
# its candidates come through the initials, and most of those are other words.
CANDIDATES = 100
PINYIN_CANDIDATES = 300
FUZZY_CANDIDATES = 60
BATCH_PARAGRAPHS = 5000
SIMILAR_THRESHOLD = 0.8
SOURCES_PER_HIT = 20  # the latest ones; a hit also says how many there are
MANY_SOURCES = 100  # a hit used in more places than this has its sources found by year
_VOWELS = frozenset("aeiouv")
_DOC_COLUMNS = ("id", "path", "size", "mtime_ns", "digest", "title", "date", "year", "genre")
_SOURCE_COLUMNS = ("passage_id", "doc_id", "line", "heading", "role", "year")
_NUMBERS = re.compile(r"\d+(?:\.\d+)?|[〇○零一二三四五六七八九十百千万亿两]+(?=年|月|日|万|亿|元|%|个百分点)")
_NOT_WORD = re.compile(r"[\W_]+")


_CLAUSE = re.compile("[，。；：！？、]")
_NORMAL_CACHE: dict[str, str] = {}
_NORMAL_CACHE_SIZE = 50_000


def passage_key(text: str) -> bytes:
    """The near-duplicate key: the same passage with other figures, spacing or punctuation
    (last year's paragraph with this year's numbers) has the same key and is stored once.

    Normalised clause by clause through a cache (the two patterns cost about 10 µs a passage;
    clauses recur): a clause mark ends any figure and is dropped itself, so the pieces put
    together are the passage normalised whole."""
    cache = _NORMAL_CACHE
    parts = []
    for clause in _CLAUSE.split(text.lower()):
        normal = cache.get(clause)
        if normal is None:
            normal = _NOT_WORD.sub("", _NUMBERS.sub("#", clause))
            if len(cache) >= _NORMAL_CACHE_SIZE:
                cache.clear()
            cache[clause] = normal
        parts.append(normal)
    return hashlib.blake2b("".join(parts).encode("utf-8"), digest_size=12).digest()


_KEYS_CACHE: dict[str, tuple[str, str, str]] = {}
_KEYS_CACHE_SIZE = 100_000


def _clause_keys(clause: str) -> tuple[str, str, str]:
    keys = (_NOT_WORD.sub("", _NUMBERS.sub("#", clause)), *lowercase_keys(clause))
    if len(_KEYS_CACHE) >= _KEYS_CACHE_SIZE:
        _KEYS_CACHE.clear()
    _KEYS_CACHE[clause] = keys
    return keys


def all_keys(text: str) -> tuple[bytes, str, str]:
    """(passage_key, full pinyin, initials) of a passage: what `add` computes for each one.

    The same as passage_key and passage_keys, through one split into clauses and one cache of
    all three keys per clause: the two functions apart split, lower-cased and looked up every
    clause twice, 60 % of the reading processes' CPU (both are clause by clause already, and a
    clause mark ends every figure and every heteronym word, so the pieces are the whole's)."""
    get = _KEYS_CACHE.get
    keys = [get(clause) or _clause_keys(clause) for clause in _CLAUSE.split(text.lower())]
    normals, fulls, initials = zip(*keys, strict=True)
    digest = hashlib.blake2b("".join(normals).encode("utf-8"), digest_size=12).digest()
    return digest, "".join(fulls), "".join(initials)


_END = object()
_UNCHANGED = "unchanged"


@dataclass
class Prepared:
    """A changed file, read and split, with each passage's keys (done in the reading thread)."""

    info: DocumentInfo
    size: int
    mtime_ns: int
    digest: str
    keys: list[tuple[bytes, str, str]]  # per passage: near-duplicate key, full pinyin, initials


def _prepare(path: str, old: tuple[int, int, int, str] | None) -> Prepared | str:
    """Read and split one file unless its size and mtime are those recorded; a str says why
    not (_UNCHANGED, or the reason it cannot be read). Touches no database."""
    from drafter.errors import InputError
    from drafter.readers import read_path

    try:
        st = os.stat(path)
        if old is not None and old[1] == st.st_size and old[2] == st.st_mtime_ns:
            return _UNCHANGED
        doc = read_path(path)
        stamp = getattr(doc, "stamp", None)
        digest = getattr(stamp, "digest", None) or hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except InputError as exc:
        return exc.reason
    except OSError as exc:
        return f"无法读取（{os_reason(exc)}）"
    from drafter.archive.split import DocumentInfo, split_document

    if old is not None and old[3] == digest:
        return Prepared(DocumentInfo(path, "", None, None, None), st.st_size, st.st_mtime_ns, digest, [])
    info = split_document(doc)
    keys = [all_keys(p.text) for p in info.passages]
    return Prepared(info, st.st_size, st.st_mtime_ns, digest, keys)


# Enough files that starting reader processes pays (a .docx takes a tenth of a second to read;
# a fresh process a third of a second to import drafter).
PROCESS_MIN_FILES = 64


def _prepare_all(
    files: list[str], known: dict[str, tuple[int, int, int, str]], stop: threading.Event
) -> Iterator[tuple[str, Prepared | str]]:
    """Every file prepared, in order: in worker processes (one a core) for a large folder, as
    `check` does, else here. Reading .docx is the slow part of an add, and it parallelises."""
    workers = min(os.cpu_count() or 1, 4)
    if workers < 2 or len(files) < PROCESS_MIN_FILES:
        for path in files:
            if stop.is_set():
                return
            yield path, _prepare(path, known.get(path))
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # Never a plain fork: this process has threads (and a database connection) of its own.
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    # A window of chunks in flight, not pool.map: map submits every file at once, and when the
    # readers outpace the database (they do: 10,000 files, 1.3 GB resident at a million
    # paragraphs) the prepared files pile up in memory. Never more than IN_FLIGHT chunks read ahead.
    chunks = [files[k : k + FILES_PER_CHUNK] for k in range(0, len(files), FILES_PER_CHUNK)]
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        try:
            window: deque[tuple[list[str], Future[list[Prepared | str]]]] = deque()
            following = iter(chunks)
            for chunk in following:
                window.append((chunk, pool.submit(_prepare_chunk, [(path, known.get(path)) for path in chunk])))
                if len(window) < IN_FLIGHT * workers:
                    continue
                yield from _drain_one(window, stop)
                if stop.is_set():
                    return
            while window:
                yield from _drain_one(window, stop)
                if stop.is_set():
                    return
        finally:
            pool.shutdown(wait=True, cancel_futures=True)


FILES_PER_CHUNK = 4
IN_FLIGHT = 4  # chunks a worker may have read ahead


def _prepare_chunk(items: list[tuple[str, tuple[int, int, int, str] | None]]) -> list[Prepared | str]:
    return [_prepare(*item) for item in items]


def _drain_one(
    window: deque[tuple[list[str], Future[list[Prepared | str]]]], stop: threading.Event
) -> Iterator[tuple[str, Prepared | str]]:
    chunk, future = window.popleft()
    for path, prepared in zip(chunk, future.result(), strict=True):
        if stop.is_set():
            return
        yield path, prepared


def _is_hanzi(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" or "\U00020000" <= ch <= "\U0002ffff"


@dataclass(frozen=True)
class Filters:
    """Search filters: a year range, a genre, a role (any source of a passage may satisfy them)."""

    year_from: int | None = None
    year_to: int | None = None
    genre: str | None = None
    role: str | None = None

    def sql(self) -> tuple[str, list[Any]]:
        conditions: list[str] = []
        params: list[Any] = []
        if self.year_from is not None:
            conditions.append("d.year >= ?")
            params.append(self.year_from)
        if self.year_to is not None:
            conditions.append("d.year <= ?")
            params.append(self.year_to)
        if self.genre:
            conditions.append("d.genre = ?")
            params.append(self.genre)
        if self.role:
            conditions.append("s.role = ?")
            params.append(self.role)
        if not conditions:
            return "", []
        return (
            "AND EXISTS (SELECT 1 FROM sources s JOIN docs d ON d.id = s.doc_id "
            f"WHERE s.passage_id = p.id AND {' AND '.join(conditions)})",
            params,
        )


class Archive:
    """A unit's archive of past documents over one backend."""

    def __init__(self, backend: Backend) -> None:
        self.backend = backend

    def close(self) -> None:
        self.backend.close()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- what is in it ------------------------------------------------------------------------

    def counts(self) -> tuple[int, int, int]:
        """(documents, distinct passages, sources)."""
        q = self.backend.execute
        return (
            q("SELECT count(*) FROM docs")[0][0],
            q("SELECT count(*) FROM passages")[0][0],
            q("SELECT count(*) FROM sources")[0][0],
        )

    def documents(self) -> list[tuple[str, str, int | None, str | None]]:
        """(path, title, year, genre) of every document, by path."""
        return [tuple(r) for r in self.backend.execute("SELECT path, title, year, genre FROM docs ORDER BY path")]

    # -- adding -------------------------------------------------------------------------------

    def add(self, paths: Iterable[str], progress: Progress | None = None) -> AddReport:
        """Read every .docx/.txt/.md under `paths` into the archive, in one transaction.

        Unchanged files (same size and mtime, or same bytes) are not read again; documents that
        were under a given folder and are gone drop out; a file that cannot be read is listed in
        the report and skipped. Any exception (KeyboardInterrupt too) rolls everything back.
        Files are read and split in a second thread while this one writes: the database works
        outside Python's lock, so on two cores the two overlap."""
        from drafter.readers import expand_paths

        report = AddReport()
        given = list(paths)
        files = [str(Path(name).resolve()) for name in expand_paths(given) if name != "-"]
        roots = [str(Path(name).resolve()) for name in given if Path(name).is_dir()]
        backend = self.backend
        backend.begin_add()
        stop = threading.Event()
        work: queue.Queue[Any] = queue.Queue(maxsize=32)
        try:
            rows = backend.execute("SELECT path, id, size, mtime_ns, digest FROM docs")
            known = {r[0]: (r[1], r[2], r[3], r[4]) for r in rows}
            next_id = backend.execute("SELECT coalesce(max(id), 0) FROM passages")[0][0] + 1
            next_doc = backend.execute("SELECT coalesce(max(id), 0) FROM docs")[0][0] + 1
            seen = set(files)
            gone = [
                doc_id
                for path, (doc_id, *_rest) in known.items()
                if path not in seen and any(_under(path, root) for root in roots)
            ]
            self._drop_documents(gone)
            report.removed = len(gone)

            def produce() -> None:
                try:
                    for path, prepared in _prepare_all(files, known, stop):
                        work.put((path, prepared))
                except BaseException as exc:  # handed to the writing thread, which re-raises it
                    work.put(exc)
                finally:
                    work.put(_END)

            reader = threading.Thread(target=produce, name="archive-reader", daemon=True)
            reader.start()
            pending: list[tuple[int, Prepared]] = []
            pending_paragraphs = 0
            done = 0
            while True:
                item = work.get()
                if item is _END:
                    break
                if isinstance(item, BaseException):
                    raise item
                path, prepared = item
                if progress is not None:
                    progress(done, len(files), path)
                done += 1
                old = known.get(path)
                if isinstance(prepared, str):
                    if prepared == _UNCHANGED:
                        report.unchanged += 1
                    else:
                        report.failed.append((path, prepared))
                    continue
                if old is not None and old[3] == prepared.digest:  # touched, not changed
                    backend.execute(
                        "UPDATE docs SET size = ?, mtime_ns = ? WHERE id = ?",
                        (prepared.size, prepared.mtime_ns, old[0]),
                    )
                    report.unchanged += 1
                    continue
                report.added += 1
                if old is not None:
                    self._drop_documents([old[0]])
                pending.append((next_doc, prepared))
                next_doc += 1
                pending_paragraphs += len(prepared.info.passages)
                if pending_paragraphs >= BATCH_PARAGRAPHS:
                    next_id = self._store(pending, next_id, report)
                    pending, pending_paragraphs = [], 0
            next_id = self._store(pending, next_id, report)
            if progress is not None:
                progress(len(files), len(files), "")
            backend.commit()
        except BaseException:
            stop.set()
            while not work.empty():  # let the reader see the stop instead of waiting to put
                work.get_nowait()
            backend.rollback()
            raise
        return report

    def _store(self, pending: list[tuple[int, Prepared]], next_id: int, report: AddReport) -> int:
        """Write a batch of documents: their rows, their new passages, all their sources."""
        if not pending:
            return next_id
        backend = self.backend
        keys: dict[bytes, int | None] = {}
        for _, prepared in pending:
            for key in prepared.keys:
                keys.setdefault(key[0], None)
        unique = list(keys)
        # PostgreSQL's first add writes its passages to a table of their own (postgres_backend).
        table = getattr(backend, "passage_table", "passages")
        for start in range(0, len(unique), 500):
            chunk = unique[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for pid, key in backend.execute(f"SELECT id, key FROM {table} WHERE key IN ({marks})", chunk):
                keys[bytes(key)] = pid
        new_rows: list[tuple[int, bytes, str, str, str]] = []
        doc_rows = []
        source_rows = []
        for doc_id, prepared in pending:
            info = prepared.info
            stamp = (prepared.size, prepared.mtime_ns, prepared.digest)
            doc_rows.append((doc_id, info.path, *stamp, info.title, info.date, info.year, info.genre))
            for passage, (key, full, initials) in zip(info.passages, prepared.keys, strict=True):
                pid = keys[key]
                if pid is None:
                    pid = keys[key] = next_id
                    next_id += 1
                    new_rows.append((pid, key, passage.text, full, initials))
                source_rows.append((pid, doc_id, passage.position, passage.heading, passage.role, info.year))
            report.paragraphs += len(info.passages)
        backend.insert_rows("docs", _DOC_COLUMNS, doc_rows)
        backend.insert_passages(new_rows)
        backend.insert_rows("sources", _SOURCE_COLUMNS, source_rows)
        report.new_passages += len(new_rows)
        return next_id

    def _drop_documents(self, doc_ids: list[int]) -> None:
        """Documents out, with their sources; passages no other document uses go too."""
        backend = self.backend
        for start in range(0, len(doc_ids), 500):
            chunk = doc_ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            passages = [
                r[0]
                for r in backend.execute(f"SELECT DISTINCT passage_id FROM sources WHERE doc_id IN ({marks})", chunk)
            ]
            backend.execute(f"DELETE FROM sources WHERE doc_id IN ({marks})", chunk)
            backend.execute(f"DELETE FROM docs WHERE id IN ({marks})", chunk)
            orphans = []
            for first in range(0, len(passages), 500):
                part = passages[first : first + 500]
                pmarks = ",".join("?" * len(part))
                used = {
                    r[0]
                    for r in backend.execute(
                        f"SELECT DISTINCT passage_id FROM sources WHERE passage_id IN ({pmarks})", part
                    )
                }
                orphans.extend(p for p in part if p not in used)
            backend.delete_passages(orphans)

    # -- searching ----------------------------------------------------------------------------

    def search(
        self,
        query: str,
        limit: int = 20,
        *,
        year_from: int | None = None,
        year_to: int | None = None,
        genre: str | None = None,
        role: str | None = None,
    ) -> list[ArchiveHit]:
        """Ranked past passages for a Hanzi, full-pinyin, initials or mixed query, tolerant of
        one wrong character; each hit with all its sources. Scores as the phrase bank's."""
        q = " ".join(query.split()).lower()
        if not q or limit <= 0:
            return []
        where, params = Filters(year_from, year_to, genre, role).sql()
        scored: dict[int, tuple[float, str, int, int, str]] = {}  # id → (score, how, start, length, text)

        def offer(pid: int, score: float, how: str, start: int, length: int, text: str) -> None:
            if pid not in scored or scored[pid][0] < score:
                scored[pid] = (score, how, start, length, text)

        compact = q.replace(" ", "")
        has_hanzi = any(_is_hanzi(ch) for ch in compact)
        letters = "".join(ch for ch in compact if ch.isascii() and ch.isalnum())
        # Tier 1: the text itself.
        wanted = CANDIDATES if len(compact) >= 3 else max(3 * limit, 60)  # a short query matches everywhere
        for pid, text, _full, _ini in self._candidates("text", compact, where, params, wanted):
            lower = text.lower()
            local = lower.find(compact)
            if local < 0:
                continue
            score = 100.0 if len(lower) == len(compact) else 90.0 + 5.0 * (local == 0) + 4.0 * len(compact) / len(lower)
            offer(pid, score, "exact" if score == 100.0 else "text", local, len(compact), text)
        if len(scored) < limit and (has_hanzi or letters):
            if has_hanzi:
                full, initials = passage_keys(compact)
                syllables: list[str] | None = None
            else:
                full = letters
                syllables = split_syllables(letters) if not _VOWELS.isdisjoint(letters) else None
                initials = "".join(s[0] for s in syllables) if syllables else ""
            # Tier 2: full pinyin (yinhuanpaicha, 隐患拍查): found through the initials index,
            # confirmed on the full pinyin.
            if full and initials and (has_hanzi or syllables):
                for pid, text, pfull, _ini in self._candidates("initials", initials, where, params, PINYIN_CANDIDATES):
                    local = pfull.find(full)
                    if local >= 0:
                        score = 70.0 + 5.0 * (local == 0) + 4.0 * len(full) / max(len(pfull), 1)
                        offer(pid, score, "pinyin", 0, 0, text)
            # Tier 3: initials (yhpc), and mixed queries (隐患pc).
            if not has_hanzi or letters:
                ini = initials if has_hanzi else letters
                if ini.isalpha():
                    for pid, text, _full, pini in self._candidates("initials", ini, where, params, CANDIDATES):
                        local = pini.find(ini)
                        if local >= 0:
                            score = 60.0 + 5.0 * (local == 0) + 4.0 * len(ini) / max(len(pini), 1)
                            offer(pid, score, "initials", 0, 0, text)
        # Tier 4: a wrong character (隐患排插): rows sharing the query's trigrams, rapidfuzz on those.
        if len(scored) < limit and has_hanzi and len(compact) >= 4:
            self._fuzzy(compact, where, params, offer)
        ranked = sorted(scored.items(), key=lambda item: (-item[1][0], item[0]))[:limit]
        hits = [self._hit(pid, compact, *info) for pid, info in ranked]
        self._attach_sources(hits)
        return hits

    def _candidates(self, column: str, needle: str, where: str, params: list[Any], limit: int) -> list[Any]:
        needle = needle.replace("%", "").replace("_", "")
        if not needle:
            return []
        if len(needle) >= 3:
            return self.backend.like_candidates(column, needle, where, params, limit)
        return self.backend.scan_candidates(column, needle, where, params, limit)

    def _fuzzy(self, compact: str, where: str, params: list[Any], offer: Callable[..., None]) -> None:
        from rapidfuzz import fuzz

        from drafter.bank.search import FUZZY_MIN_RATIO

        counts: Counter[int] = Counter()
        texts: dict[int, str] = {}
        # In the query's order, not a set's: candidates sharing as many trigrams keep the order
        # they were first seen in, and a set's order changes from process to process (str hashes
        # are salted), so the same query could rank its ties differently in the next run.
        grams = dict.fromkeys(compact[k : k + 3] for k in range(len(compact) - 2))
        for gram in grams:
            for pid, text, _full, _ini in self.backend.like_candidates("text", gram, where, params, 100):
                counts[pid] += 1
                texts[pid] = text
        for pid, _count in counts.most_common(FUZZY_CANDIDATES):
            text = texts[pid]
            alignment = fuzz.partial_ratio_alignment(compact, text.lower())
            if alignment is not None and alignment.score >= FUZZY_MIN_RATIO:
                start, end = alignment.dest_start, alignment.dest_end
                score = 0.48 * alignment.score + 2.0 * len(compact) / max(len(text), 1)
                offer(pid, score, "fuzzy", start, end - start, text)

    @staticmethod
    def _hit(pid: int, q: str, score: float, how: str, start: int, length: int, text: str) -> ArchiveHit:
        spans: list[tuple[int, int]] = []
        if how in ("exact", "text"):
            lower = text.lower()
            pos = lower.find(q)
            while pos != -1:
                spans.append((pos, pos + len(q)))
                pos = lower.find(q, pos + len(q))
        elif how == "fuzzy" and length:
            spans.append((start, start + length))
        return ArchiveHit(pid, text, round(score, 2), how, spans)

    def _attach_sources(self, hits: list[ArchiveHit]) -> None:
        """The latest SOURCES_PER_HIT sources of each hit, and how many there are in all (a
        paragraph a unit reuses every year can have thousands)."""
        if not hits:
            return
        by_id = {h.passage_id: h for h in hits}
        ids = list(by_id)
        if self.backend.source_years:
            ids = self._attach_many_sources(by_id)
            if not ids:
                return
        marks = ",".join("?" * len(ids))
        rows = self.backend.execute(
            "SELECT passage_id, path, title, year, date, genre, heading, role, line, n FROM ("
            " SELECT s.passage_id, d.path, d.title, d.year, d.date, d.genre, s.heading, s.role, s.line,"
            "  ROW_NUMBER() OVER (PARTITION BY s.passage_id"
            "   ORDER BY d.year DESC NULLS LAST, d.path, s.line) AS k,"
            "  COUNT(*) OVER (PARTITION BY s.passage_id) AS n"
            f" FROM sources s JOIN docs d ON d.id = s.doc_id WHERE s.passage_id IN ({marks})"
            ") AS ranked WHERE k <= ? ORDER BY passage_id, k",
            [*ids, SOURCES_PER_HIT],
        )
        for pid, *fields, count in rows:
            hit = by_id[pid]
            hit.sources.append(SourceRef(*fields))
            hit.source_count = count

    def _attach_many_sources(self, by_id: dict[int, ArchiveHit]) -> list[int]:
        """The sources of the hits used in many places, read through the sources' own year
        (index): only those of the latest years are joined with their documents, not all of
        them. Returns the other hits' ids, listed the plain way."""
        q = self.backend.execute
        marks = ",".join("?" * len(by_id))
        counts = dict(
            q(
                f"SELECT passage_id, count(*) FROM sources WHERE passage_id IN ({marks}) GROUP BY passage_id",
                list(by_id),
            )
        )
        few = [pid for pid in by_id if counts.get(pid, 0) <= MANY_SOURCES]
        for pid in by_id:
            if counts.get(pid, 0) <= MANY_SOURCES:
                continue
            # The year of the last source listed: those listed are all of that year or later.
            last = q(
                "SELECT year FROM sources WHERE passage_id = ? ORDER BY year DESC NULLS LAST LIMIT 1 OFFSET ?",
                (pid, SOURCES_PER_HIT - 1),
            )
            cutoff = last[0][0] if last else None
            rows = q(
                "SELECT d.path, d.title, d.year, d.date, d.genre, s.heading, s.role, s.line "
                "FROM sources s JOIN docs d ON d.id = s.doc_id "
                f"WHERE s.passage_id = ? {'AND s.year >= ?' if cutoff is not None else ''} "
                "ORDER BY d.year DESC NULLS LAST, d.path, s.line LIMIT ?",
                (pid, *([cutoff] if cutoff is not None else []), SOURCES_PER_HIT),
            )
            hit = by_id[pid]
            hit.sources.extend(SourceRef(*fields) for fields in rows)
            hit.source_count = counts[pid]
        return few

    # -- comparing a draft --------------------------------------------------------------------

    def closest(self, paragraph: str, limit: int = 3) -> list[tuple[float, ArchiveHit]]:
        """The past passages most like `paragraph`, with their similarity (0–1), best first:
        what the editor shows for the paragraph under the cursor."""
        from rapidfuzz import fuzz

        text = paragraph.strip()
        if len(text) < 6:
            return []
        normal = _NUMBERS.sub("#", text)
        counts: Counter[int] = Counter()
        texts: dict[int, str] = {}
        for gram in _probe_grams(text):
            for pid, ptext, _full, _ini in self.backend.like_candidates("text", gram, "", [], 50):
                counts[pid] += 1
                texts[pid] = ptext
        scored = []
        for pid, _count in counts.most_common(40):
            ratio = fuzz.ratio(normal, _NUMBERS.sub("#", texts[pid])) / 100.0
            scored.append((ratio, pid))
        scored.sort(key=lambda item: (-item[0], item[1]))
        hits = [ArchiveHit(pid, texts[pid], round(ratio * 100, 2), "similar") for ratio, pid in scored[:limit]]
        self._attach_sources(hits)
        return [(hit.score / 100.0, hit) for hit in hits]

    def similar(self, text: str, threshold: float = SIMILAR_THRESHOLD) -> Similarity:
        """For each paragraph of a draft the most similar past passage, and which past
        documents the draft repeats (paragraphs at `threshold` similarity or more)."""
        from drafter.archive.split import split_document
        from drafter.document import Document

        info = split_document(Document(path="<draft>", format="text", text=text))
        matches: list[Match] = []
        per_doc: dict[str, tuple[SourceRef, int, int]] = {}
        repeated = total = 0
        for passage in info.passages:
            best = self.closest(passage.text, limit=1)
            total += len(passage.text)
            if not best:
                matches.append(Match(passage.position, passage.text, 0.0, None))
                continue
            ratio, hit = best[0]
            matches.append(Match(passage.position, passage.text, ratio, hit))
            if ratio >= threshold:
                repeated += len(passage.text)
                for path in dict.fromkeys(s.path for s in hit.sources):
                    source = next(s for s in hit.sources if s.path == path)
                    ref, paragraphs, chars = per_doc.get(path, (source, 0, 0))
                    per_doc[path] = (ref, paragraphs + 1, chars + len(passage.text))
        by_document = sorted(per_doc.values(), key=lambda item: (-item[2], item[0].path))
        return Similarity(matches, threshold, by_document, repeated, total)


def _probe_grams(text: str, count: int = 10, size: int = 8) -> list[str]:
    """A few 8-character pieces spread over a paragraph, figures left out: a past passage this
    paragraph repeats (numbers changed, a word here and there) contains several of them, and a
    piece that long is rare enough that each probe returns few rows."""
    runs = [r for r in re.split(r"[\W\d_a-zA-Z]+", text) if len(r) >= 3]
    pieces = [run[k : k + size] for run in runs for k in range(0, max(len(run) - size, 0) + 1, 2)]
    if len(pieces) <= count:
        return list(dict.fromkeys(pieces))
    step = len(pieces) / count
    return list(dict.fromkeys(pieces[int(k * step)] for k in range(count)))


def _under(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)
