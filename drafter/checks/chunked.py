"""Checking one big file in parts, on every core, in bounded memory, with the same findings.

A 100 MB text checked in one piece holds every finding's objects (1.3 million for the seed speech
repeated) and their report at once, and uses one core. Here the text is cut at paragraph
boundaries into parts of about PART_CHARS characters; each part is checked by a worker process
with the families that are declared `local` in the registry (a finding depends only on its own
paragraph and the few around it), and comes back as its report text, already encoded; the parts
are written in order as they finish, so memory is a few parts plus the text.

What a part cannot see is handed to it or kept whole:
- each part is checked with MARGIN characters (whole lines, at least one) of the text before and
  after it, and keeps only the findings that begin in its own range: a rule that looks at the
  characters around a match (the line before, a word across the cut) sees what it sees in the
  whole text;
- the draft parser's reading of each line (title, heading, closing…) depends on the whole text
  (a title is a title only at the top), so it is read once from the whole text and each part is
  given its lines' kinds;
- the families that read the whole document (the heading tree for numbering and enumeration, the
  year and the looking-back sections for currency, every year named for dates) run once on the
  whole text in the main process, while the workers check the parts, and their findings are
  merged in by position.

The order is the whole-document order: by offset, and at one offset by the families' order.
tests/test_chunked.py checks every corpus file cut into tiny parts against the whole.
"""

from __future__ import annotations

import gc
import threading
from array import array
from bisect import bisect_left, bisect_right
from collections import Counter, deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from drafter.checks.engine import CheckEngine
from drafter.checks.registry import is_local
from drafter.checks.seethrough import folded_view
from drafter.document import Document
from drafter.draft.model import HEADING, Draft

# Below this many characters (about 24 MB of Chinese text) a file is checked whole. Measured on a
# quiet 2-core machine (bench/bench_chunked.py): at 10 MB the whole file took 3.3 s and 172 MB, in
# parts on both cores 4.9 s and 293 MB (what the first part costs before the workers start, the
# families' first use, leaves too little to share out); at 100 MB the whole file took 35.7 s and
# 1.3 GB, in parts 30.5 s and 460 MB. Parts are for memory first: a file this size checked whole
# stays well under the 1 GB budget.
CHUNK_FROM = 8_000_000
# Characters a part holds (about 4.5 MB of Chinese text). Measured on 100 MB, every rule, both cores,
# quiet: 600,000 took 28.6 s, 1,500,000 27.1 s, 3,000,000 34.6 s (bigger parts leave the two cores
# unevenly loaded at the end and hold more memory; smaller ones pay the per-part cost more often).
PART_CHARS = 1_500_000
# With more than one core, a text from this many characters (about 3 MB of Chinese text) is shared
# out in parts for speed, not only for memory: the families' first use is paid once, before the
# workers are forked, so only the per-part cost remains.
SHARE_FROM = 1_000_000
# Parts per worker at least, when the text is shared out for speed: enough for the cores to finish
# together, few enough that the per-part cost stays small.
_PARTS_PER_JOB = 3
# The smallest part worth a worker's round trip.
_MIN_PART = 150_000
# Characters of the text's own start that are checked once before the workers are forked, so that
# what the families build on their first use is built once and shared.
_WARM_CHARS = 20_000
# Context on each side of a part, in characters, extended to whole lines.
MARGIN = 2_000
# Parts in flight or finished but not yet written, per worker: bounds memory.
_WINDOW = 2
# Parts per worker that may be finished and waiting while the whole-document families still run.
_AHEAD = 8
# Seconds between looks at whether the whole-document families are done.
_POLL = 0.02


@dataclass(frozen=True)
class Part:
    """A range [lo, hi) of the text, both at line starts, checked with the context [ctx_lo, ctx_hi)
    around it; `first_line` is the 0-based line at ctx_lo."""

    lo: int
    hi: int
    ctx_lo: int
    ctx_hi: int
    first_line: int


def plan_parts(starts: Sequence[int], size: int, part_chars: int = PART_CHARS, margin: int = MARGIN) -> list[Part]:
    """Parts of a text of `size` characters whose lines begin at `starts`: each about
    `part_chars` long, cut at a line start, with at least one whole line and `margin` characters
    of context on either side (the text's own ends aside)."""
    n = len(starts)
    parts: list[Part] = []
    lo_line = 0
    while lo_line < n and (starts[lo_line] < size or not parts):
        lo = starts[lo_line]
        hi_line = max(lo_line + 1, bisect_left(starts, lo + part_chars))
        if hi_line < n and size - starts[hi_line] < part_chars // 2:
            hi_line = n  # a short rest goes with this part
        hi = starts[hi_line] if hi_line < n else size
        ctx_lo_line = max(min(lo_line - 2, bisect_right(starts, lo - margin) - 1), 0)
        ctx_hi_line = max(hi_line + 2, bisect_left(starts, hi + margin))
        ctx_hi = starts[ctx_hi_line] if ctx_hi_line < n else size
        parts.append(Part(lo, hi, starts[ctx_lo_line], ctx_hi, ctx_lo_line))
        lo_line = hi_line
    return parts


@dataclass
class PartTask:
    """What a worker needs to check one part: its text with context, its lines' kinds as read from
    the whole text, and how to write its findings."""

    path: str
    format: str
    text: str
    lo: int  # own range, relative to `text`
    hi: int
    offset: int  # where `text` begins in the file
    first_line: int
    kinds: list[str] | None
    locations: list[str] | None
    families: list[int]
    report: str  # "json" or "human"
    colour: bool = False
    year: Any = None  # the whole file's year (checks.currency.DraftYear), read once from its text
    cells: list[str] | None = None  # the part's lines' table cells, of a .docx


@dataclass
class PartOutput:
    """A part's findings, encoded for the report, with the key each is ordered by."""

    starts: array = field(default_factory=lambda: array("q"))
    families: bytearray = field(default_factory=bytearray)
    pieces: list[str] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)


def check_part(engine: CheckEngine, task: PartTask) -> PartOutput:
    """Check one part with the local families; its findings that begin in its own range, encoded."""
    doc = Document(
        task.path, task.format, task.text, locations=task.locations, whole_year=task.year, cells=task.cells
    )
    seen, folded = folded_view(doc)
    if task.kinds is not None:
        seen._draft = _part_draft(seen.text, task.kinds)
    kept = [h for h in engine.hits(doc, task.families, view=(seen, folded)) if task.lo <= h.start < task.hi]
    out = PartOutput()
    from drafter.report import finding_encoder

    encode = finding_encoder(task.report, task.colour)
    family_index = engine.family_index
    for hit in kept:
        out.starts.append(task.offset + hit.start)
        out.families.append(family_index(hit.rule))
    for f in engine.place(doc, kept, task.first_line):
        out.pieces.append(encode(f))
        out.counts[f.severity.value] += 1
    return out


def _part_draft(text: str, kinds: list[str]) -> Draft:
    """The draft view of a part: its lines, each of the kind the whole text's parse gave it
    (headings are read line by line, so they are read again here). No section tree: the families
    that need it are not local."""
    from drafter.draft.parse import parse_heading

    final_newline = text.endswith("\n")
    lines = (text[:-1] if final_newline else text).split("\n") if text else []
    headings = {}
    for i, kind in enumerate(kinds):
        if kind == HEADING:
            heading = parse_heading(lines[i])
            if heading is not None:
                headings[i + 1] = heading
    return Draft(lines, list(kinds), headings, [], False, final_newline)


def local_families(engine: CheckEngine) -> tuple[list[int], list[int]]:
    """The indexes of the engine's running families that can be checked part by part, and of
    those that read the whole document."""
    local, whole = [], []
    for i, family in enumerate(engine.families):
        if engine.runs(i):
            (local if is_local(family.name, family) else whole).append(i)
    return local, whole


def worth_parts(doc: Document, engine: CheckEngine, jobs: int = 1) -> bool:
    """Whether `doc` is big enough, and has lines enough, to be checked in parts: for memory from
    CHUNK_FROM characters, and for speed from SHARE_FROM when there are cores to share it out."""
    least = min(CHUNK_FROM, SHARE_FROM) if jobs > 1 else CHUNK_FROM
    if len(doc.text) < least or doc.text.count("\n", 0, int(min(least, len(doc.text)))) == 0:
        return False
    return bool(local_families(engine)[0])


def part_size(size: int, jobs: int) -> int:
    """Characters a part holds for a text of `size` characters on `jobs` cores: PART_CHARS, or
    less so that each core has a few parts and they finish together."""
    if jobs <= 1:
        return PART_CHARS
    return max(min(_MIN_PART, PART_CHARS), min(PART_CHARS, size // (jobs * _PARTS_PER_JOB) + 1))


def check_in_parts(
    doc: Document,
    engine: CheckEngine,
    *,
    report: str = "json",
    colour: bool = False,
    jobs: int = 1,
    factory: Any = None,
    part_chars: int | None = None,
    margin: int | None = None,
) -> Iterator[PartOutput]:
    """The findings of `doc`, as `engine.check(doc)` would give them, encoded for the report, part
    by part in order. With `jobs` > 1 the parts are checked by that many worker processes (built
    from `factory` where they cannot be forked with `engine`), while this process runs the
    whole-document families."""
    local, whole = local_families(engine)
    parts = plan_parts(
        doc.line_starts,
        len(doc.text),
        part_size(len(doc.text), jobs) if part_chars is None else part_chars,
        MARGIN if margin is None else margin,
    )
    parallel = jobs > 1 and len(parts) > 1
    view: list[tuple[Document, Any]] = []
    kinds: list[str] | None = None
    year: Any = None

    def prepare() -> None:
        """The folded whole text, read by the whole-document families (dropped once they are
        done), and parsed for the line kinds the parts are given. Only the kinds are kept: the
        draft tree of a 100 MB text holds every line again (150 MB)."""
        nonlocal kinds, year
        view.append(folded_view(doc))
        seen = view[0][0]
        if any(engine.families[i].name != "placeholder" for i in local):
            if len(doc.text) < CHUNK_FROM and whole:
                # Parsed once: the whole-document families read this tree (a text this size is
                # checked in parts for speed, and its tree is small beside the budget).
                kinds = seen.draft.kinds
            else:
                from drafter.draft import parse_draft

                kinds = parse_draft(seen.text).kinds
        year = _whole_year([engine.families[i] for i in local], seen)

    def task(part: Part) -> PartTask:
        lines = doc.line_starts
        end_line = bisect_left(lines, part.ctx_hi) if part.ctx_hi < len(doc.text) else None
        return PartTask(
            doc.path,
            doc.format,
            doc.text[part.ctx_lo : part.ctx_hi],
            part.lo - part.ctx_lo,
            part.hi - part.ctx_lo,
            part.ctx_lo,
            part.first_line,
            kinds[part.first_line : end_line] if kinds is not None else None,
            doc.locations[part.first_line : end_line] if doc.locations is not None else None,
            local,
            report,
            colour,
            year,
            doc.cells[part.first_line : end_line] if doc.cells is not None else None,
        )

    def whole_output() -> _Whole:
        seen, folded = view.pop()
        hits = engine.hits(doc, whole, view=(seen, folded))
        seen._draft = doc._draft = None  # the tree the whole-document families read
        del seen, folded
        out = _Whole()
        from drafter.report import finding_encoder

        encode = finding_encoder(report, colour)
        for hit in hits:
            out.starts.append(hit.start)
            out.families.append(engine.family_index(hit.rule))
        for f in engine.place(doc, hits):
            out.pieces.append(encode(f))
            out.severities.append(f.severity.value)
        return out

    if not parallel:
        prepare()
        merged = _Merger(whole_output())
        for part in parts:
            yield merged.take(part, check_part(engine, task(part)))
        return

    from drafter.batch import with_engine, worker_pool

    with worker_pool(factory, jobs, engine) as pool:
        pending: deque[tuple[Part, Any]] = deque()
        queue = iter(parts)

        def submit() -> bool:
            part = next(queue, None)
            if part is not None:
                pending.append((part, pool.submit(with_engine, check_part, task(part))))
            return part is not None

        # The workers are forked first, and each builds on the text's first lines what the
        # families build on their first use (the bank's indexes, the word lists: 0.2-0.7 s),
        # while this process folds and parses the whole text: done here before the fork, as
        # before, that was serial. Objects frozen at the fork are never touched by the workers'
        # garbage collector, so their pages stay shared with this process.
        gc.freeze()
        try:
            sample = doc.text[: _warm_end(doc.line_starts, len(doc.text))]
            warming = [pool.submit(with_engine, _warm, sample, local) for _ in range(jobs)]
        finally:
            gc.unfreeze()
        prepare()
        for _ in range(jobs * _WINDOW):
            submit()
        for future in warming:
            future.result()  # an error in the families is raised here, as a part's would be
        # The whole-document families run in a thread of this process (the workers are all
        # forked by now), so that the parts finished meanwhile are collected and more submitted:
        # run here before the loop, they left the workers idle once their first parts were done
        # (at 100 MB, seconds). Those parts wait, in order, until the merge can place them.
        whole = _WholeThread(whole_output)
        early: deque[tuple[Part, PartOutput]] = deque()
        while pending and not whole.done():
            part, future = pending[0]
            try:
                output = future.result(timeout=_POLL)
            except TimeoutError:
                continue
            pending.popleft()
            early.append((part, output))
            if len(early) < jobs * _AHEAD:
                submit()
        merged = _Merger(whole.result())
        while early:
            yield merged.take(*early.popleft())
        while len(pending) < jobs * _WINDOW and submit():
            pass
        while pending:
            part, future = pending.popleft()
            output = future.result()
            submit()
            yield merged.take(part, output)


class _WholeThread:
    """`fn()` run in a thread; its result, or its exception raised again, from `result()`."""

    def __init__(self, fn: Callable[[], Any]) -> None:
        self._fn = fn
        self._box: list[Any] = []
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="drafter-whole-families", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            self._box.append(self._fn())
        except BaseException as exc:  # handed to the caller's thread
            self._error = exc

    def done(self) -> bool:
        return not self._thread.is_alive()

    def result(self) -> Any:
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._box[0]


def _whole_year(families: Sequence[Any], seen: Document) -> Any:
    """The year the whole file is written for, read from its date line or title as a local family
    that needs it would read it (formulation: a 2012 report's 三个自信 is right); None when no
    local family reads one. A part far from the title would otherwise be judged by today's year."""
    for family in families:
        reader = getattr(family, "draft_year", None)
        if reader is not None:
            return reader(seen)
    return None


def _warm_end(starts: Sequence[int], size: int) -> int:
    """Where the first _WARM_CHARS characters of the text end, at a line's end."""
    end = bisect_left(starts, _WARM_CHARS)
    return starts[end] if end < len(starts) else size


def _warm(engine: CheckEngine, text: str, families: list[int]) -> None:
    """Check `text` with these families only for what the check builds on their first use."""
    engine.hits(Document("warm.txt", "text", text), families)


@dataclass
class _Whole(PartOutput):
    """The whole-document families' findings, with each one's severity."""

    severities: list[str] = field(default_factory=list)


class _Merger:
    """Puts the whole-document families' findings among the parts' by (offset, family): the order
    `engine.check` gives, since at one offset the families' order decides, and a family is either
    local or whole."""

    def __init__(self, whole: _Whole) -> None:
        self.whole = whole
        self.next = 0

    def take(self, part: Part, output: PartOutput) -> PartOutput:
        w = self.whole
        i = self.next
        j = bisect_left(w.starts, part.hi, lo=i)
        self.next = j
        if i == j:
            return output
        merged = PartOutput(counts=output.counts)
        merged.counts.update(w.severities[i:j])
        starts, fams, pieces = output.starts, output.families, output.pieces
        a = 0
        for k in range(i, j):
            key = (w.starts[k], w.families[k])
            while a < len(starts) and (starts[a], fams[a]) < key:
                merged.pieces.append(pieces[a])
                a += 1
            merged.pieces.append(w.pieces[k])
        merged.pieces.extend(pieces[a:])
        return merged
