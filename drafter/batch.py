"""Checking many files on every core, with results in the order a single core gives them.

A folder of a few thousand .docx is mostly unzip-and-parse and rule scanning, all CPU: threads would
share one interpreter lock, so the work goes to processes. Each worker builds its engine once (the
phrase bank read from the cache) and takes files in chunks; results come back in input order and
are handed on as they arrive, so a report can stream and memory stays flat in the number of files.
Small runs stay in-process: starting workers costs more than it saves below a few dozen files.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from itertools import islice
from typing import Any

from drafter.checks.model import Finding

# Below this many files one process is faster than starting others (measured in bench/bench_batch.py).
PARALLEL_FROM = 48
_CHUNK = 16


# A file at least this big on disk may hold enough text to be checked in parts
# (drafter/checks/chunked.py decides on the text itself).
BIG_BYTES = 256 * 1024


@dataclass
class FileResult:
    """One file's outcome: its findings, or the one-line reason it could not be read; for a big
    file checked in parts, `parts` yields its findings encoded for the report, part by part.
    Checked for a report (`check_files(report=...)`), `encoded` holds the findings as the report
    writes them and `counts` how many of each severity (by value), and `findings` is empty."""

    name: str
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None
    empty: bool = False
    parts: Iterator[Any] | None = None
    encoded: list[str] | None = None
    counts: dict[str, int] | None = None


EngineFactory = Callable[[], Any]

_engine: Any = None
# The engine of the process that starts the workers, for workers made by fork (Linux): they
# inherit it, already built, instead of building their own from `factory`.
_inherited: Any = None


def check_one(engine: Any, name: str, encode: Callable[[Finding], str] | None = None) -> FileResult:
    """Read and check one file; an unreadable file is a result, never an exception. With `encode`
    the findings come back encoded (see FileResult), which is what a worker should send: the
    process writing the report then only joins text, and strings cross the pipe cheaper than
    Finding objects."""
    from drafter.errors import DrafterError
    from drafter.readers import read_path

    try:
        doc = read_path(name)
    except DrafterError as exc:
        return FileResult(name, error=str(exc))
    findings = engine.check(doc)
    empty = not doc.text.strip()
    if encode is None:
        return FileResult(name, findings, empty=empty)
    counts: dict[str, int] = {}
    for f in findings:
        value = f.severity.value
        counts[value] = counts.get(value, 0) + 1
    return FileResult(name, empty=empty, encoded=[encode(f) for f in findings], counts=counts)


def check_big(name: str, engine: Any, factory: EngineFactory, jobs: int, human: bool, colour: bool) -> FileResult:
    """Read one file that may be big; one big enough is checked in parts on `jobs` processes,
    its findings streamed already encoded for the report (human lines, or JSON objects)."""
    from drafter.checks.chunked import check_in_parts, worth_parts
    from drafter.errors import DrafterError
    from drafter.readers import read_path

    try:
        doc = read_path(name)
    except DrafterError as exc:
        return FileResult(name, error=str(exc))
    if not worth_parts(doc, engine, jobs):
        return FileResult(name, engine.check(doc), empty=not doc.text.strip())
    report = "human" if human else "json"
    parts = check_in_parts(doc, engine, report=report, colour=colour, jobs=jobs, factory=factory)
    return FileResult(name, parts=parts)


def _init_worker(factory: EngineFactory) -> None:
    global _engine
    _engine = _inherited if _inherited is not None else factory()


# The worker's encoder for each report kind, kept so its cache of encoded strings lasts the run.
_encoders: dict[tuple[str, bool], Callable[[Finding], str]] = {}


def _encoder(report: str | None, colour: bool) -> Callable[[Finding], str] | None:
    if report is None:
        return None
    encode = _encoders.get((report, colour))
    if encode is None:
        from drafter.report import finding_encoder

        encode = _encoders[report, colour] = finding_encoder(report, colour)
    return encode


def _check_chunk(names: list[str], report: str | None = None, colour: bool = False) -> list[FileResult]:
    encode = _encoder(report, colour)
    return [check_one(_engine, name, encode) for name in names]


def default_jobs() -> int:
    """Every core this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # Windows, macOS
        return max(1, os.cpu_count() or 1)


def check_files(
    names: Iterable[str],
    factory: EngineFactory,
    jobs: int | None = None,
    *,
    engine: Any = None,
    report: str | None = None,
    colour: bool = False,
) -> Iterator[FileResult]:
    """Results for `names` in their order. `factory` builds an engine in each worker (it must be
    picklable: a module-level function or a functools.partial of one); `engine`, if given, is used
    for in-process runs so it is not built twice. With `report` ("json" or "human", and `colour`
    for human) each result holds its findings encoded for that report (FileResult.encoded), done
    by the worker that checked the file."""
    names = list(names)
    jobs = default_jobs() if jobs is None else max(1, jobs)
    if jobs == 1 or len(names) < PARALLEL_FROM or "-" in names:
        engine = engine if engine is not None else factory()
        encode = _encoder(report, colour)
        for name in names:
            yield check_one(engine, name, encode)
        return
    if _fork_context() is not None:
        # The first file is checked here, before the workers are forked: the families build what
        # they build on first use (compiled patterns, indexes, the bank's tables; about half a
        # second of CPU) once, and every worker inherits it instead of building its own.
        engine = engine if engine is not None else factory()
        yield check_one(engine, names[0], _encoder(report, colour))
        names = names[1:]
    chunks = _chunks(names, _CHUNK)
    with worker_pool(factory, jobs, engine) as pool:
        # map() submits everything at once but yields in order; results are small (findings only).
        for results in pool.map(partial(_check_chunk, report=report, colour=colour), chunks):
            yield from results


@contextmanager
def worker_pool(factory: EngineFactory, jobs: int, engine: Any = None) -> Iterator[ProcessPoolExecutor]:
    """`jobs` worker processes, each with its engine (the caller's, inherited, where workers are
    forked; else built from `factory`). Work that is not finished when the block is left (the
    report's reader stopped, an error) is cancelled rather than waited for."""
    global _inherited
    context = _fork_context()
    _inherited = engine if context is not None else None
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_init_worker, initargs=(factory,))
    try:
        yield pool
    finally:
        _inherited = None
        pool.shutdown(wait=True, cancel_futures=True)


def with_engine(fn: Callable[..., Any], *args: Any) -> Any:
    """`fn(engine, *args)` in a worker of `worker_pool`, with that worker's engine."""
    return fn(_engine, *args)


def _fork_context() -> Any:
    """Fork where it is safe and available (Linux: workers start with every module imported and
    the caller's engine built); None elsewhere, where the platform's default (spawn) is kept."""
    import multiprocessing
    import sys

    if sys.platform != "linux" or "fork" not in multiprocessing.get_all_start_methods():
        return None
    import threading

    if threading.active_count() > 1:  # forking a threaded process can copy a held lock
        return None
    return multiprocessing.get_context("fork")


def _chunks(names: list[str], size: int) -> list[list[str]]:
    it = iter(names)
    out = []
    while chunk := list(islice(it, size)):
        out.append(chunk)
    return out


def engine_from_options(config_paths: list[Any], only: list[str], disable: list[str]) -> Any:
    """The engine `drafter check` builds for these options (picklable through functools.partial)."""
    from drafter.config import load_config
    from drafter.services.checking import make_engine

    return make_engine(load_config(config_paths), only, disable)


def engine_for_config(config: Any, only: list[str], disable: list[str]) -> Any:
    """The engine for an already loaded configuration (a Config pickles to the workers)."""
    from drafter.services.checking import make_engine

    return make_engine(config, only, disable)
