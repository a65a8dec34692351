"""Counts and numbering: `讲五点意见` followed by four points, 一是、二是、四是, headings 一、二、四,
a level skipped, `1、` where `1.` is the standard. All read from the one draft parser's tree."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence, Set
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from drafter.checks.marks import mixed_markers
from drafter.checks.model import Hit, RuleInfo, Severity
from drafter.checks.ruledata import entry_pattern
from drafter.document import Document
from drafter.draft.model import Draft
from drafter.errors import DataFileError
from drafter.numerals import count_word, from_chinese, heading_marker, ordinal, to_chinese

if TYPE_CHECKING:
    from drafter.checks.registry import FamilyContext

COUNT = RuleInfo("enumeration.count", Severity.ERROR, "宣布的数目与后面的条目不符（讲五点意见只讲了四点）")
SEQUENCE = RuleInfo("enumeration.sequence", Severity.ERROR, "一是、二是……跳号或重号")
NUM_SEQUENCE = RuleInfo("numbering.sequence", Severity.ERROR, "标题序号不连续（一、二、四）")
NUM_STYLE = RuleInfo("numbering.style", Severity.WARNING, "标题序号写法不规范（1、应为 1.）")
NUM_SKIP = RuleInfo("numbering.skip", Severity.WARNING, "标题跳级（一、下直接是 1.）")

# A marker starts a sentence or a clause: 主要有：一是… / 具体来讲，第一，… — also after a mark
# typed on an English keyboard (……纪律教育;二要……), which punctuation reports on its own.
# An opening quote starts a clause too: a quotation's own list (有两条，“第一条，反对；第二条，不怕”)
# opens a run of its own instead of going on from a 第一、第二 earlier in the part.
# A Markdown bold lead opens one too (**（一）坚持党建引领**。), round 7.
_SENTENCE_START = "。；：！？，“*\n;:!?"


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

        self._context = context or make_context()
        data = self._context.rule_data("enumeration")
        self._formulation_names: set[str] | None = None
        self.announcements: list[tuple[re.Pattern[str], str]] = []
        self.markers: list[tuple[str, re.Pattern[str]]] = []
        self.listed: list[re.Pattern[str]] = []
        self._anchored: list[tuple[str, re.Pattern[str], re.Pattern[str]]] | None = None
        for item in data.entries:
            try:
                if item.get("kind") == "announcement":
                    self.announcements.append((re.compile(entry_pattern(data, item)), item.get("family", "any")))
                elif item.get("kind") == "marker":
                    self.markers.append((item["family"], re.compile(entry_pattern(data, item))))
                elif item.get("kind") == "list":
                    self.listed.append(re.compile(entry_pattern(data, item)))
                else:
                    raise KeyError("kind 应是 announcement、marker 或 list")
            except (KeyError, TypeError, re.error) as exc:
                raise DataFileError(data.where(item), f"枚举规则有误：{exc}") from None

    def rules(self) -> list[RuleInfo]:
        return [COUNT, SEQUENCE]

    def _find_markers(self, text: str) -> list[_Marker]:
        """Every item marker, in text order. A marker must start a sentence or clause; that
        condition is part of the compiled pattern (the delimiter is consumed, so the pattern
        begins with a character class, which the regex engine skips to at C speed)."""
        found = []
        for family, pattern, anchored in self._marker_patterns():
            for m in anchored.finditer(text):
                n = _item_number(m.group("n"))
                if n:
                    found.append(_Marker(family, n, m.start("marker_start"), m.end()))
            if family != "agenda":
                m = pattern.match(text)  # at the very start of the text, no delimiter before it
                if m is not None and (n := _item_number(m.group("n"))):
                    found.append(_Marker(family, n, 0, m.end()))
        found.sort(key=lambda mk: mk.start)
        return found

    def _marker_patterns(self) -> list[tuple[str, re.Pattern[str], re.Pattern[str]]]:
        if self._anchored is None:
            self._anchored = []
            start = re.escape(_SENTENCE_START)
            for family, pattern in self.markers:
                if family == "agenda":
                    anchored = f"(?P<marker_start>{pattern.pattern})"
                else:
                    anchored = _look_back_first(pattern.pattern, start)
                self._anchored.append((family, pattern, re.compile(anchored)))
        return self._anchored

    def check(self, doc: Document, active: Set[str]) -> Iterator[Hit]:
        text = doc.text
        draft: Draft = doc.draft  # type: ignore[assignment]
        # (An item typed in another style joins its run here; the numbering rule reports its style.)
        markers = _other_style(self._find_markers(text))[0]
        scopes = _scopes(doc, draft)
        if SEQUENCE.id in active:
            yield from self._sequences(markers, scopes)
        if COUNT.id in active:
            counted: set[tuple[int, int]] = set()
            for hit in self._counts(text, doc, draft, markers, scopes):
                counted.add((hit.start, hit.end))
                yield hit
            yield from self._listed_counts(text, markers, counted)

    def _names(self) -> set[str]:
        """The quoted names of the bank's formulations (四个意识, 两个维护)."""
        if self._formulation_names is None:
            names = set()
            for e in self._context.bank_entries():
                m = re.search(r"“([^”]{1,12})”", str(getattr(e, "text", "")))
                if m and getattr(e, "kind", None) == "formulation":
                    names.add(m.group(1))
            self._formulation_names = names
        return self._formulation_names

    def _quoted_name_at(self, text: str, start: int) -> bool:
        """The count opens a quoted name of the bank's formulations (“两个维护”, “四个意识”): the
        name is cited, and its items, if written out, are the formulation rule's to judge."""
        if start == 0 or text[start - 1] != "“":
            return False
        close = text.find("”", start, start + 13)
        return close != -1 and text[start:close] in self._names()

    def _listed_counts(self, text: str, markers: list[_Marker], counted: set[tuple[int, int]]) -> Iterator[Hit]:
        """A count whose items follow in the same sentence as a plain list: “四个到位”，即责任落实到位、
        预案制定到位、物资储备到位 (three), 三大展区：整车展区、电池展区、智能网联展区、充电展区
        (four), “四个重点”：聚焦……，聚焦……，聚焦…… (three). Counted only when the items are
        visibly alike — all ending on the same word, or all opening with the same verb — and the
        list is closed (no 等, no 一是 inside): otherwise how many there are is not certain."""
        starts = [mk.start for mk in markers]
        for pattern in self.listed:
            for m in pattern.finditer(text):
                span = m.span("count")
                if span in counted or m.group("count") in self._names():
                    continue  # “四个意识”，即……: a formulation's list is the formulation rule's
                announced = from_chinese(m.group("n"))
                if not announced or announced < 2:
                    continue
                if _SHARED_COUNT.search(text, max(0, m.start() - 9), m.start()):
                    continue  # 三大高地、五大战略：…: two counts share one list, whose length is neither
                end = _sentence_end(text, m.end())
                k = bisect_left(starts, m.end())
                if k < len(starts) and starts[k] < end:
                    continue  # 一是/第一 follow: the marker count is the other rule's
                actual = _list_items(text[m.end() : end], m.groupdict().get("noun") or "")
                if actual is None or actual == announced:
                    continue
                yield Hit(COUNT.id, *span, f"这里说“{m.group('count')}”，后面实际列了{count_word(actual)}项", None)

    def _sequences(self, markers: list[_Marker], scopes: list[tuple[int, int]]) -> Iterator[Hit]:
        for run in _runs(markers, scopes):
            for index, expected, shifted in sequence_faults([mk.n for mk in run]):
                mk = run[index]
                right = _marker_text(mk.family, expected)
                end = mk.end - (1 if mk.family in ("di", "order", "qi") else 0)
                if shifted:
                    # The root cause of a run that goes on out of step: reported once, and no
                    # replacement, since changing this marker alone would not mend the run.
                    message = f"序号从这里起不连续：前面已到第{expected - 1}项，这里应是“{right}”，其后各项也要依次改正"
                    yield Hit(SEQUENCE.id, mk.start, end, message, None)
                else:
                    yield Hit(SEQUENCE.id, mk.start, end, f"序号应为“{right}”：这是第{expected}项", right)

    def _counts(
        self, text: str, doc: Document, draft: Draft, markers: list[_Marker], scopes: list[tuple[int, int]]
    ) -> Iterator[Hit]:
        walked = list(draft.walk())
        section_index = ([sec.line for sec in walked], walked)
        runs = _runs(markers, scopes)
        run_starts = [run[0].start for run in runs]
        scope_starts = [lo for lo, _ in scopes]
        seen: set[tuple[int, int]] = set()
        for pattern, family in self.announcements:
            for m in pattern.finditer(text):
                announced = from_chinese(m.group("n"))
                if not announced or m.span("count") in seen:
                    continue
                seen.add(m.span("count"))
                if self._quoted_name_at(text, m.start("count")):
                    continue  # 做到“两个维护”的政治忠诚: a formulation's name, not an announcement
                if _name_as_subject(text, m.start("count")):
                    continue  # “五个认同”理念深入人心。一是……: a name the sentence speaks of
                pos = m.end()
                if _items_in_sentence(text, m.end("count"), run_starts):
                    continue  # 那决议有四条：取消红军，……: the items are this sentence's, unmarked
                scope = bisect_right(scope_starts, pos) - 1
                scope_end = scopes[scope][1] if scope >= 0 else len(text)
                actual = None
                # The first run of items (一是、二是…) after the announcement, in its scope.
                for k in range(bisect_left(run_starts, pos), len(runs)):
                    if run_starts[k] >= scope_end:
                        break
                    if runs[k][0].family == "order":
                        continue  # 首先……其次……最后: 最后 has no number, so the run's length is no count
                    if family == "any" or runs[k][0].family == family:
                        actual = len(runs[k])
                        break
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


_SUBJECT_TAIL = re.compile(r"”[\u4e00-\u9fff]{0,4}(?:理念|精神|要求|思想|经验)[\u4e00-\u9fff]{2,12}。")


def _name_as_subject(text: str, start: int) -> bool:
    """A quoted name (“五个认同”) followed by 理念/精神/… and a predicate that ends the sentence
    (“五个认同”理念深入人心。): the sentence is about the idea, and the 一是、二是 after it list what
    was done (published7 156), not the name's items. A count that announces its items ends the
    clause there or opens a colon (主要表现在“三个持续增强”：一是……)."""
    if start == 0 or text[start - 1] != "“":
        return False
    close = text.find("”", start, start + 13)
    return close != -1 and _SUBJECT_TAIL.match(text, close) is not None


def _other_style(markers: list[_Marker]) -> tuple[list[_Marker], list[_Marker]]:
    """A bracketed Arabic number in the place a run of bracketed Chinese numerals leaves for it
    (（一）……（2）……（三）: the neighbours are its number's two sides): one item of that run typed in
    another style. It joins the run, and is reported as its style (round 7)."""
    parens = [i for i, mk in enumerate(markers) if mk.family in ("paren", "paren-digit")]
    restyled: list[_Marker] = []
    out = list(markers)
    for a, b, c in zip(parens, parens[1:], parens[2:], strict=False):
        prev, mk, nxt = markers[a], markers[b], markers[c]
        if mk.family == "paren-digit" and prev.family == nxt.family == "paren" and prev.n + 1 == mk.n == nxt.n - 1:
            out[b] = _Marker("paren", mk.n, mk.start, mk.end)
            restyled.append(mk)
    return out, restyled


def _look_back_first(pattern: str, start: str) -> str:
    """`pattern` that must follow one of the characters `start`, with that check looked back at
    from its first character, so that the search is led by the marker's own first character (第,
    其, a numeral, a bracket: C speed) and not by every comma of the text. The forms the marker
    data uses — a literal, a character class, `(?P<n>[…]+)`, `(?P<n>首先|其次)` — are rewritten;
    any other pattern (a team's own) is led by the delimiter itself."""
    if re.match(r"[\u4e00-\u9fff]", pattern):  # 第(?P<n>…), 其(?P<n>…)
        return f"(?P<marker_start>{pattern[0]}(?<=[{start}]{pattern[0]}){pattern[1:]})"
    m = re.match(r"\[([^\]\\]+)\](.*)$", pattern, re.S)  # [（(](?P<n>…)[）)]
    if m:
        return f"(?P<marker_start>[{m.group(1)}](?<=[{start}][{m.group(1)}]){m.group(2)})"
    m = re.match(r"\(\?P<n>\[([^\]\\]+)\]\+\)(.*)$", pattern, re.S)  # (?P<n>[一二…]+)是
    if m:
        cls = m.group(1)
        return f"(?P<marker_start>(?P<n>[{cls}](?<=[{start}][{cls}])[{cls}]*){m.group(2)})"
    m = re.match(r"\(\?P<n>([\u4e00-\u9fff|]+)\)(.*)$", pattern, re.S)  # (?P<n>首先|其次)[，,]
    if m and all(m.group(1).split("|")):
        words = "|".join(f"{w[0]}(?<=[{start}]{w[0]}){w[1:]}" for w in m.group(1).split("|"))
        return f"(?P<marker_start>(?P<n>{words}){m.group(2)})"
    return f"[{start}](?P<marker_start>{pattern})"


def sequence_faults(numbers: list[int | None]) -> list[tuple[int, int, bool]]:
    """Where a run of item numbers goes wrong: (index, the number due there, shifted).

    Each item is compared with its place in the run, not with the previous number, so one wrong
    number is one finding (一、四、三: only 四 is wrong, and 二 is right when applied). When the run
    stays out of step after the first wrong number (一、二、四、五: a skip; 一、二、二、三: a repeat),
    that first place is the root cause: reported once, `shifted`, and nothing after it."""
    k = len(numbers)
    in_place_from = [True] * (k + 1)  # in_place_from[j]: every number from j on is in its place
    for j in range(k - 1, -1, -1):
        in_place_from[j] = in_place_from[j + 1] and numbers[j] == j + 1
    faults = []
    for i, n in enumerate(numbers):
        if n == i + 1:
            continue
        if in_place_from[i + 1]:
            faults.append((i, i + 1, False))
            continue
        faults.append((i, i + 1, True))
        break
    return faults


def _runs(markers: list[_Marker], scopes: list[tuple[int, int]]) -> list[list[_Marker]]:
    """Runs of item markers of one family within one scope, each beginning at a first item (一是)."""
    runs: list[list[_Marker]] = []
    starts = [mk.start for mk in markers]
    for lo, hi in scopes:
        open_runs: dict[str, list[_Marker]] = {}
        for mk in markers[bisect_left(starts, lo) : bisect_left(starts, hi)]:
            if mk.n == 1:
                open_runs[mk.family] = [mk]
                runs.append(open_runs[mk.family])
                if mk.family == "order":
                    # 首先，……第二，……第三: 首先 opens a new list that 第二 goes on, so an earlier
                    # 第一、第二 run is closed (its 第二 is not repeated by this one).
                    open_runs.pop("di", None)
            elif mk.family in open_runs:
                open_runs[mk.family].append(mk)
            # else: a sequence we did not see start: nothing to compare with
    runs.sort(key=lambda run: run[0].start)
    return runs


_LIST_STOP = "。；！？\n"


# Another count just before this one, joined to it (三大高地、五大战略：): the list after is theirs together.
_SHARED_COUNT = re.compile(r"[两三四五六七八九十](?:大|类|种|个)[\u4e00-\u9fff]{1,4}[”]?[、和与及]$")


def _items_in_sentence(text: str, pos: int, run_starts: list[int]) -> bool:
    """The announcement is followed by a colon and a list that runs on in the same sentence,
    with no item marker in it (那决议有四条：取消红军，取消苏维埃政权，停止……。): its items are
    there, unmarked, so a run of 第一/一是 further on is not theirs."""
    if pos >= len(text) or text[pos] not in "：:":
        return False
    end = text.find("。", pos, pos + 300)
    newline = text.find("\n", pos, pos + 300)
    if end == -1 or (newline != -1 and newline < end):
        return False
    if not any(c in text[pos:end] for c in "，、；"):
        return False
    k = bisect_left(run_starts, pos)
    return not (k < len(run_starts) and run_starts[k] < end)


def _sentence_end(text: str, pos: int) -> int:
    """Where the sentence from `pos` ends (at most 300 characters on: a list is no longer)."""
    limit = min(len(text), pos + 300)
    ends = [p for p in (text.find(c, pos, limit) for c in _LIST_STOP) if p != -1]
    return min(ends) if ends else limit


def _list_items(rest: str, noun: str) -> int | None:
    """How many items a plain list holds, when that is certain: parts separated by 、 (up to the
    first ，) that all end on the same word (到位, or the announced noun 展区), or parts separated
    by ， that all open with the same two characters (聚焦……，聚焦……)."""
    rest = rest.lstrip("：:，, 即")
    if not rest or "等" in rest[-3:]:
        return None
    head = re.split(r"[，,]", rest, maxsplit=1)[0]
    parts = [p for p in head.split("、")]
    if len(parts) >= 2 and all(len(p) >= 3 for p in parts):
        last = parts[-1]
        suffix = noun if noun and all(p.endswith(noun) for p in parts) else ""
        if not suffix and len(last) >= 2 and all(p.endswith(last[-2:]) for p in parts):
            suffix = last[-2:]
        if suffix and "等" not in last:
            return len(parts)
        return None
    clauses = [c for c in re.split(r"[，,]", rest) if c]
    if len(clauses) >= 2 and all(len(c) >= 4 for c in clauses):
        lead = clauses[0][:2]
        if all(c.startswith(lead) for c in clauses) and re.fullmatch(r"[\u4e00-\u9fff]{2}", lead):
            return len(clauses)
    return None


# 再次 is the third after 首先、其次; one right after 首先 stands for 其次 (round 7).
_ORDER_WORDS = ("首先", "其次", "再次")


def _item_number(raw: str) -> int | None:
    if raw in _ORDER_WORDS:
        return _ORDER_WORDS.index(raw) + 1
    return int(raw) if raw.isdigit() else from_chinese(raw)


def _marker_text(family: str, n: int) -> str:
    if family == "paren":
        return heading_marker(2, n)
    if family == "paren-digit":
        return heading_marker(4, n)
    if family == "di":
        return ordinal(n, "第")
    if family == "order":
        return _ORDER_WORDS[n - 1] if n <= len(_ORDER_WORDS) else ordinal(n, "第")
    if family == "qi":
        return f"其{to_chinese(n)}"
    if family == "agenda":
        return f"第{count_word(n) if n != 2 else '二'}项议程"
    return ordinal(n, {"shi": "是", "yao": "要"}.get(family, "是"))


def _scopes(doc: Document, draft: Draft) -> list[tuple[int, int]]:
    """Character ranges between headings: an enumeration does not run across a heading, nor across
    a part divider (a line holding only a numeral)."""
    starts = doc.line_starts
    cuts = sorted({*draft.headings, *_part_dividers(draft)})
    bounds = [0] + [starts[line - 1] for line in cuts] + [len(doc.text)]
    return [(bounds[i], bounds[i + 1]) for i in range(len(bounds) - 1)]


_DIVIDER = re.compile(r"[ \t\u3000]*[一二三四五六七八九十]{1,3}[ \t\u3000]*")
# A part title after its numeral and an ideographic space, as the selected works print them
# (`一　关于抗日民族统一战线的问题`): no 、, so not a heading drafter renumbers, but a part all the same.
_TITLED_DIVIDER = re.compile(r"[一二三四五六七八九十]{1,3}\u3000[^\s。，；！？：、“”]{2,30}")


def _part_dividers(draft: Draft) -> list[int]:
    """The 1-based lines that hold nothing but a Chinese numeral (the parts of a collection of
    talks: 一 … 九 in 《邓小平文选》, `## 一` in its source) or a numeral, an ideographic space and a
    part title (`一　关于抗日民族统一战线的问题`). Not headings (no 、 to renumber), but a 第二 in
    part 八 does not go on from the 第一、第二、第三 of part 一."""
    kinds = draft.kinds
    return [
        i + 1
        for i, line in enumerate(draft.lines)
        if len(line) <= 34
        and kinds[i] == "paragraph"
        and (
            (len(line) <= 8 and _DIVIDER.fullmatch(line.rstrip("\r")))
            or ("\u3000" in line and _TITLED_DIVIDER.fullmatch(line.rstrip("\r")))
        )
    ]


def _child_count(draft: Draft, line: int, index: tuple[list[int], list[object]]) -> int | None:
    """When a count is announced in a section's opening lines (or in the speech's opening), the
    items are the sub-sections (or the level-1 sections)."""
    if not draft.sections:
        return None
    if line < draft.sections[0].line:
        return _parts(draft.sections)
    lines, sections = index
    # Sections are in document order, so the last one starting at or before the line is the
    # innermost one whose opening lines could hold it.
    k = bisect_right(lines, line) - 1
    if k >= 0:
        section = sections[k]
        if line < section.body_end and section.children:  # type: ignore[attr-defined]
            return _parts(section.children)  # type: ignore[attr-defined]
    return None


def _parts(sections: list) -> int:  # type: ignore[type-arg]
    """How many items a group of sections holds: each section, and a part whose marker was typed
    in another style (二、 3、 四、: the parser reads 3、 as 二's sub-heading) counts where it stands."""
    count = len(sections)
    for prev, nxt in pairwise(sections):
        n = prev.heading.number
        if n is not None and nxt.heading.number == n + 2 and _typed_in_other_style(prev, n + 1):
            count += 1
    return count


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
        own_style = _own_styles(draft)

        def marker_span(section) -> tuple[int, int]:  # type: ignore[no-untyped-def]
            begin = starts[section.line - 1] + len(section.heading.indent)
            return begin, begin + len(section.heading.marker)

        def visit(siblings, parent_level: int) -> Iterator[Hit]:  # type: ignore[no-untyped-def]
            levels = {sib.level for sib in siblings}  # once per group: the check below is linear
            by_level: dict[int, list] = {}  # type: ignore[type-arg]
            for section in siblings:
                h = section.heading
                by_level.setdefault(h.level, []).append(section)
                start, end = marker_span(section)
                if (
                    NUM_STYLE.id in active
                    and not h.is_standard
                    and h.standard_marker
                    and own_style.get(h.level) != _style(h.marker)
                ):
                    yield Hit(NUM_STYLE.id, start, end, f"“{h.marker}”应写作“{h.standard_marker}”", h.standard_marker)
                yield from visit(section.children, h.level)
            if NUM_SKIP.id in active and parent_level:
                yield from skips(siblings, levels, parent_level)
            if NUM_SEQUENCE.id not in active:
                return
            for level, sections in by_level.items():
                for run in _heading_runs(sections, carried):
                    yield from judge(level, run)

        def skips(siblings, levels: set[int], parent_level: int) -> Iterator[Hit]:  # type: ignore[no-untyped-def]
            """Practice accepts a part whose points go straight from 一、 to 1.; what is wrong is
            mixing (（一） and 1. under the same heading) or jumping two levels (一、 → （1）). One
            root cause, one finding: a run of headings at the skipped level is reported at its
            first; a run that is a glossary (（1）“六稳”：稳就业……) is a list of notes, not headings;
            and paragraphs numbered straight through the parts (（1）…（61） across 一、…十五、, the
            published style of central documents) are that document's own numbering."""
            for level, k, j in _level_runs(siblings):
                skipped = range(parent_level + 1, level)
                mixed = any(lv in levels for lv in skipped)
                jumped = len(skipped) >= 2 and id(siblings[k]) not in straight
                if skipped and (mixed or jumped) and not _glossary(siblings[k:j]):
                    start, end = marker_span(siblings[k])
                    more = f"（其后{j - k - 1}个同级标题同样）" if j - k > 1 else ""
                    message = f"标题跳级：上一级是第{parent_level}级，这里是第{level}级{more}"
                    yield Hit(NUM_SKIP.id, start, end, message, None)

        def judge(level: int, sections) -> Iterator[Hit]:  # type: ignore[no-untyped-def]
            if sections:
                numbers = [sec.heading.number for sec in sections]
                for index, expected, shifted in sequence_faults(numbers):
                    lines = (sections[index - 1].line, sections[index].line) if index else None
                    if level == 3 and lines and _number_run_in(doc, *lines, expected):
                        continue  # 6.5项工作获……: the missing 6. is there, run into a number of its term
                    if index and _typed_in_other_style(sections[index - 1], expected):
                        continue  # 二、 … 3、聚焦…… … 四、: the third part is there, its marker typed as 3、
                    start, end = marker_span(sections[index])
                    right = heading_marker(level, expected)
                    if shifted:
                        message = (
                            f"标题序号从这里起不连续：同级上一个标题是第{expected - 1}个，这里应是“{right}”，"
                            "其后的标题也要依次改正（可用 drafter renumber 重新编号）"
                        )
                        yield Hit(NUM_SEQUENCE.id, start, end, message, None)
                    else:
                        yield Hit(
                            NUM_SEQUENCE.id, start, end, f"标题序号应为“{right}”：这是同级第{expected}个标题", right
                        )

        carried: dict[int, int] = {}  # the last number seen at each level, in document order
        straight = _straight_through(draft.sections)
        yield from visit(draft.sections, 0)
        if NUM_STYLE.id in active and doc.format == "markdown" and "**" in doc.text:
            yield from _bold_lead_styles(doc.text)
        if NUM_STYLE.id in active:
            yield from _mixed_marker_styles(doc, draft)


def _mixed_marker_styles(doc: Document, draft: Draft) -> Iterator[Hit]:
    """（三) or (三） anywhere but a heading's own marker (the heading walk reports that): an item
    number typed with brackets of two widths, always a slip, whatever the number (round 8)."""
    for start, end, number in mixed_markers(doc.text):
        line, column = doc.position(start)
        heading = draft.headings.get(line)
        if heading is not None and column <= len(heading.indent) + len(heading.marker):
            continue
        right = f"（{number}）"
        yield Hit(NUM_STYLE.id, start, end, f"“{doc.text[start:end]}”应写作“{right}”：序号的两个括号要同为全角", right)


# A Markdown paragraph opening on a bold lead with a bracketed number: **（一）坚持党建引领**。
_BOLD_LEAD = re.compile(r"^\*\*(?P<marker>[（(](?:(?P<cn>[一二三四五六七八九十]+)|(?P<digit>[1-9]\d?))[）)])", re.M)


def _bold_lead_styles(text: str) -> Iterator[Hit]:
    """Bold paragraph leads numbered （一）（2）（三）: the lead between two of one style whose number
    fits the place they leave is that run's item typed in another style (round 7). The leads are
    not headings to the parser, so this is read from the text."""
    leads = [(m.start("marker"), m.end("marker"), m.group("cn"), m.group("digit")) for m in _BOLD_LEAD.finditer(text)]
    for prev, cur, nxt in zip(leads, leads[1:], leads[2:], strict=False):
        if not (prev[2] and nxt[2] and cur[3]):
            continue
        n = int(cur[3])
        if from_chinese(prev[2]) == n - 1 and from_chinese(nxt[2]) == n + 1:
            right = heading_marker(2, n)
            message = f"“{text[cur[0] : cur[1]]}”应写作“{right}”：同一组序号写法要一致"
            yield Hit(NUM_STYLE.id, cur[0], cur[1], message, right)


def _typed_in_other_style(previous: Any, expected: int) -> bool:
    """The missing heading is the previous one's first child of another level and bears the
    missing number (二、 then 3、聚焦重点领域 then 四、): the writer typed the part's marker in the
    wrong style, which the parser reads as a sub-heading. That marker is the finding (its style),
    and the part after it is in its place."""
    children = previous.children
    if not children:
        return False
    first = children[0].heading
    return first.number == expected and first.level != previous.heading.level


def _number_run_in(doc: Document, after: int, before: int, expected: int) -> bool:
    """A line between two level-3 headings opens with the missing number run into a figure
    (`6.5项工作获国务院督查激励表彰` in a 名词注释 list): the parser reads 6.5 as a decimal, the
    reader as note 6 on 5 items. Not a gap in the numbering."""
    head = f"{expected}."
    for line in range(after + 1, before):
        text = doc.line_text(line).lstrip(" \t\u3000")
        if text.startswith(head) and text[len(head) : len(head) + 1].isdigit():
            return True
    return False


def _straight_through(sections: list) -> set[int]:  # type: ignore[type-arg]
    """The first headings (by id) of the runs that are numbered straight through their parents:
    the runs of one level under successive parents go on from each other (（1）（2）（3） under 一、,
    （4）（5） under 二、, …), at least two parents, the first run starting at 1, and no run starting
    again from 1. The 建议 of a plenum numbers its paragraphs so; a writer who skipped a level
    restarts the count under each part, and that is still a skip. A parent series that restarts
    (an appendix's own 一、) starts a count of its own."""
    series: dict[tuple[int, int, int], list[list]] = {}  # type: ignore[type-arg]
    restarts: dict[int, int] = {}  # parent level -> parent series seen so far (a 1 starts one)

    def collect(siblings: list, parent_level: int) -> None:  # type: ignore[type-arg]
        for level, k, j in _level_runs(siblings):
            key = (parent_level, level, restarts.get(parent_level, 0))
            series.setdefault(key, []).append(siblings[k:j])
        for section in siblings:
            if section.heading.number == 1:
                restarts[section.heading.level] = restarts.get(section.heading.level, 0) + 1
            collect(section.children, section.heading.level)

    collect(sections, 0)
    straight: set[int] = set()
    for groups in series.values():
        numbers = [[sec.heading.number for sec in g] for g in groups]
        if len(groups) < 2 or numbers[0][0] != 1:
            continue
        ends = [g[-1] for g in numbers[:-1]]
        starts = [g[0] for g in numbers[1:]]
        if all(e is not None and s == e + 1 for e, s in zip(ends, starts, strict=True)):
            straight.update(id(g[0]) for g in groups)
    return straight


def _repeated_first(numbers: list[int | None], i: int, done: int) -> bool:
    """Whether the 1 at `i` is a stray repeat inside the list running before it, not a new list:
    （一）（二）（一）（四） is one list whose third heading (often a pasted passage) kept its old
    number — the headings after that 1 go on in the old list's places and not in a new list's.
    `drafter renumber` numbers such a group straight through, and the check must say the same."""
    j = i + 1
    while j < len(numbers) and numbers[j] != 1:
        j += 1
    after = numbers[i + 1 : j]
    if not after:
        return False
    new_list = all(n == k + 2 for k, n in enumerate(after))
    old_list = all(n == done + k + 2 for k, n in enumerate(after))
    return old_list and not new_list


def _heading_runs(sections: list, carried: dict[int, int]) -> list[list]:  # type: ignore[type-arg]
    """One sibling group's headings of one level, cut into the runs that are checked: a heading
    numbered 1 starts a new list (（一）…（七） then （一）…（九） in another part of a report), and a
    run that goes on from the previous group of its level (1.–5. under （一）, 6.–9. under （二）,
    as government work reports number their tasks) is accepted as it stands — also when a new
    list numbered from 1 (an appendix of notes) follows it in the same group."""
    level = sections[0].heading.level
    numbers = [sec.heading.number for sec in sections]
    before = carried.get(level, 0)
    carried[level] = numbers[-1] or before
    runs: list[list] = [[]]  # type: ignore[type-arg]
    current = 0
    for i, (sec, n) in enumerate(zip(sections, numbers, strict=True)):
        if n == 1 and runs[current] and not _repeated_first(numbers, i, len(runs[current])):
            runs.append([])
            current = len(runs) - 1
        elif len(runs) > 1 and n is not None and n != (runs[current][-1].heading.number or 0) + 1:
            # 一、…四、 then a list of tasks 一、…八、 inside part 四, then 五、结束语: the parts go on
            # where they stopped, so 五、 is the fifth part, not the ninth task.
            current = next(
                (k for k in range(len(runs) - 1, -1, -1) if (runs[k][-1].heading.number or 0) + 1 == n), current
            )
        runs[current].append(sec)
    first = [sec.heading.number for sec in runs[0]]
    if before and first and all(n == before + 1 + i for i, n in enumerate(first)):
        runs = runs[1:]
    return runs


def _style(marker: str) -> str:
    """A marker with its number taken out: `1、` → `N、`, `(一)` → `(N)`."""
    return re.sub(r"\d+|[零一二三四五六七八九十百〇○两]+", "N", marker, count=1)


def _own_styles(draft: Draft) -> dict[int, str]:
    """The levels at which the document keeps its own style throughout: every heading of the
    level written one non-standard way (`1、` ten times, no `1.`), at least three of them. That
    is a house style (some government reports number this way), not a slip; a lone `1、` among
    `1.` headings still is."""
    styles: dict[int, dict[str, int]] = {}
    for h in draft.headings.values():
        counts = styles.setdefault(h.level, {})
        key = "standard" if h.is_standard else _style(h.marker)
        counts[key] = counts.get(key, 0) + 1
    own = {}
    for level, counts in styles.items():
        if len(counts) == 1:
            (style, n), = counts.items()
            if style != "standard" and n >= 3:
                own[level] = style
    return own


_DEFINED = re.compile(r"^[^，。；：:]{1,24}[：:]")


def _glossary(sections: list) -> bool:  # type: ignore[type-arg]
    """Most of the run's entries define a term (`“六稳”：稳就业……`): a list of notes."""
    defined = sum(1 for sec in sections if _DEFINED.match(sec.heading.title))
    return len(sections) >= 3 and defined * 2 > len(sections)


def _level_runs(siblings: Sequence[Any]) -> Iterator[tuple[int, int, int]]:
    """(level, start, end) of each run of neighbouring sections whose headings share a level."""
    k = 0
    while k < len(siblings):
        level = siblings[k].heading.level
        j = k
        while j < len(siblings) and siblings[j].heading.level == level:
            j += 1
        yield level, k, j
        k = j
