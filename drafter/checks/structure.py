"""Counts and numbering: `讲五点意见` followed by four points, 一是、二是、四是, headings 一、二、四,
a level skipped, `1、` where `1.` is the standard. All read from the one draft parser's tree."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Set
from dataclasses import dataclass
from typing import TYPE_CHECKING

from drafter.checks.model import Hit, RuleInfo, Severity
from drafter.document import Document
from drafter.draft.model import Draft
from drafter.errors import DataFileError
from drafter.numerals import count_word, from_chinese, heading_marker, ordinal

if TYPE_CHECKING:
    from drafter.checks.registry import FamilyContext

COUNT = RuleInfo("enumeration.count", Severity.ERROR, "宣布的数目与后面的条目不符（讲五点意见只讲了四点）")
SEQUENCE = RuleInfo("enumeration.sequence", Severity.ERROR, "一是、二是……跳号或重号")
NUM_SEQUENCE = RuleInfo("numbering.sequence", Severity.ERROR, "标题序号不连续（一、二、四）")
NUM_STYLE = RuleInfo("numbering.style", Severity.WARNING, "标题序号写法不规范（1、应为 1.）")
NUM_SKIP = RuleInfo("numbering.skip", Severity.WARNING, "标题跳级（一、下直接是 1.）")

# A marker starts a sentence or a clause: 主要有：一是… / 具体来讲，第一，…
_SENTENCE_START = "。；：！？，\n"


@dataclass(frozen=True)
class _Marker:
    family: str
    n: int
    start: int
    end: int


class EnumerationFamily:
    """Rule family `enumeration`: announced counts and inline item sequences."""

    name = "enumeration"

    def __init__(self, context: FamilyContext | None = None) -> None:
        from drafter.checks.registry import make_context

        data = (context or make_context()).rule_data("enumeration")
        self.announcements: list[tuple[re.Pattern[str], str]] = []
        self.markers: list[tuple[str, re.Pattern[str]]] = []
        for item in data.entries:
            try:
                if item.get("kind") == "announcement":
                    self.announcements.append((re.compile(item["pattern"]), item.get("family", "any")))
                elif item.get("kind") == "marker":
                    self.markers.append((item["family"], re.compile(item["pattern"])))
                else:
                    raise KeyError("kind 应是 announcement 或 marker")
            except (KeyError, TypeError, re.error) as exc:
                raise DataFileError(data.where(item), f"枚举规则有误：{exc}") from None

    def rules(self) -> list[RuleInfo]:
        return [COUNT, SEQUENCE]

    def _find_markers(self, text: str) -> list[_Marker]:
        """Every item marker, in text order. One regex per family: each starts with a character
        class, which Python's engine skips to at C speed (an alternation of them would not)."""
        found = []
        for family, pattern in self.markers:
            anywhere = family == "agenda"
            for m in pattern.finditer(text):
                start = m.start()
                if not anywhere and start > 0 and text[start - 1] not in _SENTENCE_START:
                    continue
                n = from_chinese(m.group("n"))
                if n:
                    found.append(_Marker(family, n, start, m.end()))
        found.sort(key=lambda mk: mk.start)
        return found

    def check(self, doc: Document, active: Set[str]) -> Iterator[Hit]:
        text = doc.text
        draft: Draft = doc.draft  # type: ignore[assignment]
        markers = self._find_markers(text)
        scopes = _scopes(doc, draft)
        if SEQUENCE.id in active:
            yield from self._sequences(markers, scopes)
        if COUNT.id in active:
            yield from self._counts(text, doc, draft, markers, scopes)

    def _sequences(self, markers: list[_Marker], scopes: list[tuple[int, int]]) -> Iterator[Hit]:
        starts = [mk.start for mk in markers]
        for lo, hi in scopes:
            expected: dict[str, int] = {}
            for mk in markers[bisect_left(starts, lo) : bisect_left(starts, hi)]:
                if mk.n == 1:
                    expected[mk.family] = 2
                    continue
                want = expected.get(mk.family)
                if want is None:
                    continue  # a sequence we did not see start: nothing to compare with
                if mk.n != want:
                    right = _marker_text(mk.family, want)
                    end = mk.end - (1 if mk.family == "di" else 0)
                    yield Hit(SEQUENCE.id, mk.start, end, f"序号应为“{right}”：前面已到第{want - 1}项", right)
                expected[mk.family] = mk.n + 1

    def _counts(
        self, text: str, doc: Document, draft: Draft, markers: list[_Marker], scopes: list[tuple[int, int]]
    ) -> Iterator[Hit]:
        walked = list(draft.walk())
        section_index = ([sec.line for sec in walked], walked)
        marker_starts = [mk.start for mk in markers]
        scope_starts = [lo for lo, _ in scopes]
        seen: set[tuple[int, int]] = set()
        for pattern, family in self.announcements:
            for m in pattern.finditer(text):
                announced = from_chinese(m.group("n"))
                if not announced or m.span("count") in seen:
                    continue
                seen.add(m.span("count"))
                pos = m.end()
                scope = bisect_right(scope_starts, pos) - 1
                scope_end = scopes[scope][1] if scope >= 0 else len(text)
                first, last = bisect_left(marker_starts, pos), bisect_left(marker_starts, scope_end)
                actual = self._items_after(family, markers[first:last])
                if actual is None:
                    actual = _child_count(draft, doc.position(m.start())[0], section_index)
                if actual is None or actual == announced:
                    continue
                count_start, count_end = m.span("count")
                yield Hit(
                    COUNT.id,
                    count_start,
                    count_end,
                    f"这里说“{m.group('count')}”，后面实际有{count_word(actual)}项",
                    None,
                )

    @staticmethod
    def _items_after(family: str, following: list[_Marker]) -> int | None:
        """The length of the first run of items (一、二、三…) among the markers that follow."""
        if family != "any":
            following = [m for m in following if m.family == family]
        first = next((m for m in following if m.n == 1), None)
        if first is None:
            return None
        count = 0
        for mk in following:
            if mk.family != first.family or mk.start < first.start:
                continue
            if mk.n == 1 and count:
                break
            count = max(count, mk.n)
        return count


def _marker_text(family: str, n: int) -> str:
    if family == "di":
        return ordinal(n, "第")
    if family == "agenda":
        return f"第{count_word(n) if n != 2 else '二'}项议程"
    return ordinal(n, {"shi": "是", "yao": "要"}.get(family, "是"))


def _scopes(doc: Document, draft: Draft) -> list[tuple[int, int]]:
    """Character ranges between headings: an enumeration does not run across a heading."""
    starts = doc.line_starts
    cuts = sorted(draft.headings)
    bounds = [0] + [starts[line - 1] for line in cuts] + [len(doc.text)]
    return [(bounds[i], bounds[i + 1]) for i in range(len(bounds) - 1)]


def _child_count(draft: Draft, line: int, index: tuple[list[int], list[object]]) -> int | None:
    """When a count is announced in a section's opening lines (or in the speech's opening), the
    items are the sub-sections (or the level-1 sections)."""
    if not draft.sections:
        return None
    if line < draft.sections[0].line:
        return len(draft.sections)
    lines, sections = index
    # Sections are in document order, so the last one starting at or before the line is the
    # innermost one whose opening lines could hold it.
    k = bisect_right(lines, line) - 1
    if k >= 0:
        section = sections[k]
        if line < section.body_end and section.children:  # type: ignore[attr-defined]
            return len(section.children)  # type: ignore[attr-defined]
    return None


class NumberingFamily:
    """Rule family `numbering`: heading numbers in sequence, in the standard style, no level skipped."""

    name = "numbering"

    def __init__(self, context: FamilyContext | None = None) -> None:
        pass

    def rules(self) -> list[RuleInfo]:
        return [NUM_SEQUENCE, NUM_STYLE, NUM_SKIP]

    def check(self, doc: Document, active: Set[str]) -> Iterator[Hit]:
        draft: Draft = doc.draft  # type: ignore[assignment]
        starts = doc.line_starts

        def marker_span(section) -> tuple[int, int]:  # type: ignore[no-untyped-def]
            begin = starts[section.line - 1] + len(section.heading.indent)
            return begin, begin + len(section.heading.marker)

        def visit(siblings, parent_level: int) -> Iterator[Hit]:  # type: ignore[no-untyped-def]
            counters: dict[int, int] = {}
            for section in siblings:
                h = section.heading
                counters[h.level] = counters.get(h.level, 0) + 1
                expected = counters[h.level]
                start, end = marker_span(section)
                if h.number != expected and NUM_SEQUENCE.id in active:
                    right = heading_marker(h.level, expected)
                    yield Hit(
                        NUM_SEQUENCE.id,
                        start,
                        end,
                        f"标题序号应为“{right}”（同级上一个标题是第{expected - 1}个）",
                        right,
                    )
                    counters[h.level] = h.number or expected
                elif not h.is_standard and NUM_STYLE.id in active and h.standard_marker:
                    yield Hit(NUM_STYLE.id, start, end, f"“{h.marker}”应写作“{h.standard_marker}”", h.standard_marker)
                # Practice accepts a part whose points go straight from 一、 to 1.; what is wrong is
                # mixing (（一） and 1. under the same heading) or jumping two levels (一、 → （1）).
                skipped = range(parent_level + 1, h.level)
                mixed = any(sib.level in skipped for sib in siblings)
                if parent_level and skipped and NUM_SKIP.id in active and (mixed or len(skipped) >= 2):
                    yield Hit(
                        NUM_SKIP.id, start, end, f"标题跳级：上一级是第{parent_level}级，这里是第{h.level}级", None
                    )
                yield from visit(section.children, h.level)

        yield from visit(draft.sections, 0)
