"""Punctuation where it touches Chinese, beyond marks between two Hanzi: the rules of the
`punctuation` family that punctuation.py calls.

- where a half-width , ; : ? ! counts as typed on the wrong keyboard: after a Hanzi, a digit or %
  or a closing quote/bracket, when a Hanzi, an opening quote or the line's end follows
  (各位领导:, 增长12%,实现, “三个一”:) — never 16:30, 1,000, a URL or an English phrase;
- a stray `.` next to Hanzi (never a decimal point, 1. / 一. heading markers, a URL);
- straight ASCII quotes around Chinese ("放管服") and quotation marks facing the wrong way
  (”两张皮“, ”一把手”), one finding per pair, and the unpaired rule told not to report them again;
- doubled marks (，， 、、 。。 ！！), a title line or a Markdown heading line ending in 。, a
  paragraph opening with ，;
- a space beside a Chinese mark inside a line (生力军　。, 。 协同, 开展 “…”): text pasted from a
  PDF or a web page carries them, and Chinese typesetting never puts a space there. Spaces between
  two Hanzi are left alone: slogans are printed in two halves (“雄奇山水 新韵重庆”), and a name line
  pads a two-character name (州长 洪 庆).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from drafter.checks.model import Hit, RuleInfo, Severity
from drafter.document import Document

QUOTES = RuleInfo("punctuation.quotes", Severity.WARNING, "引号用错：汉字旁的英文直引号，或方向用反（”两张皮“）", True)
DOUBLED = RuleInfo("punctuation.doubled", Severity.WARNING, "标点重复（，， 、、 。。）", True)
PLACEMENT = RuleInfo("punctuation.placement", Severity.WARNING, "标点位置不对：标题末尾加了句号、段首是逗号", False)
# The stray `.` is a half-width mark like the others: punctuation.py's HALFWIDTH rule id.
HALFWIDTH_ID = "punctuation.halfwidth"

SPACE = RuleInfo("punctuation.space", Severity.WARNING, "标点前后多了空格（生力军 。、。 协同）", True)

RULES = [QUOTES, DOUBLED, PLACEMENT, SPACE]

_CLOSERS = set("”’》）】")
_OPENERS = set("“‘《（【")
# ！！ and ？？ too: literature doubles them for emphasis, a speech or report never does.
_DOUBLED = re.compile(r"([，、。；：！？])\1+")
# A Markdown heading standing alone (`## 一、正视问题。`): never run-in, so never ends in 。 (a
# text file's `（一）加强领导。` alone on its line is a run-in heading's style and is left alone).
_MD_HEADING_STOP = re.compile(r"^[ \t]*#{1,6}[ \t]+[^\n]*[^。\n]。[ \t]*$", re.M)
_OPENING = re.compile(r"^[ \t　]*([，,、。；;])", re.M)
# The `.` first and the Hanzi before it asked for after: `re` then jumps from one `.` to the next
# instead of trying a lookbehind at every character (the same matches, 20 times faster).
_DOT = re.compile(r"\.(?<=[\u4e00-\u9fff]\.)(?![0-9A-Za-z/])")
_STRAIGHT = re.compile(r'"([^"\n]{0,60})"|\'([^\'\n]{1,30})\'|"')
# Spaces first (rare in Chinese text, so `re` jumps between them), their neighbours judged after.
_SPACES = re.compile("[ \u3000\u00a0]+")
_SENTENCE_MARKS = set("，。；：、？！")
_BEFORE_SPACE = _SENTENCE_MARKS | _CLOSERS
_HEADING_NUMERAL = re.compile(r"^[ \t　#]*[一二三四五六七八九十百〇0-9]+$")


def is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def halfwidth_context(before: str, after: str) -> bool:
    """Whether a half-width , ; : ? ! between these neighbours belongs to Chinese text."""
    left = is_han(before) or before in _CLOSERS or before.isdigit() or before in "%％"
    if not left:
        return False
    if is_han(after) or after in _OPENERS or after in ("", "\n", "\r"):
        return True
    # 电话:0571…, 比例为:3 — a digit after the mark counts only when a Hanzi stands before it.
    return is_han(before) and after.isdigit()


def merge_bracket_pairs(hits: Iterator[Hit], text: str, rule: str) -> Iterator[Hit]:
    """A half-width ( … ) pair is one slip: one finding over the pair, fixed as （ … ）.

    Only one half may stand next to a Hanzi (`(政府工作报告, 2024)`: the `)` follows a digit);
    fixing that half alone would leave `（…2024)`, a mixed pair worse than the slip. So a flagged
    half takes its partner on the same line with it, and the pair is fixed together when what it
    encloses is Chinese; around anything else (`f(x)是`) it stays a finding without a fix."""
    message = "汉字旁的括号应使用全角“（）”，不用半角“()”"
    taken: set[int] = set()  # positions of brackets already reported as part of a pair
    for hit in list(hits):
        if hit.start in taken:
            continue
        ch = text[hit.start : hit.end]
        if ch not in ("(", ")"):
            yield hit
            continue
        other = _partner(text, hit.start)
        if other is None:
            yield hit
            continue
        taken.add(other)
        left, right = min(hit.start, other), max(hit.start, other)
        inner = text[left + 1 : right]
        fix = f"（{inner}）" if any(is_han(c) for c in inner) else None
        yield Hit(rule, left, right + 1, message, fix)


def _partner(text: str, at: int) -> int | None:
    """The position of the half-width bracket that pairs with the one at `at`, on its line."""
    step, here, there = (1, "(", ")") if text[at] == "(" else (-1, ")", "(")
    depth = 0
    i = at + step
    while 0 <= i < len(text) and text[i] != "\n":
        c = text[i]
        if c == here:
            depth += 1
        elif c == there:
            if depth == 0:
                return i
            depth -= 1
        i += step
    return None


def quote_hits(text: str, active: set[str] | frozenset[str]) -> tuple[list[Hit], set[int]]:
    """Straight and wrongly facing quotes, and the positions the unpaired rule must leave alone."""
    hits: list[Hit] = []
    explained: set[int] = set()
    # Always worked out (the unpaired rule must not report these quotes again), reported if active.
    for a, b in (("“", "”"), ("‘", "’")):
        if b in text:
            hits.extend(_facing(text, a, b, explained, QUOTES.id in active))
    if QUOTES.id in active and ('"' in text or "'" in text):
        for m in _STRAIGHT.finditer(text):
            if m.group(2) is not None:  # '四个最严': single quotes only around Chinese
                inner = m.group(2)
                if any(is_han(c) for c in inner) and not re.match(r"[A-Za-z]", _at(text, m.start() - 1)):
                    message = "汉字应使用中文引号‘’，不用英文直引号"
                    hits.append(Hit(QUOTES.id, m.start(), m.end(), message, f"‘{inner}’"))
                continue
            if m.group(1) is None:
                if is_han(_at(text, m.start() - 1)) or is_han(_at(text, m.end())):
                    hits.append(Hit(QUOTES.id, m.start(), m.end(), "汉字旁应使用中文引号“”，不用英文直引号", None))
                continue
            inner = m.group(1)
            if not any(is_han(c) for c in inner):
                continue
            hits.append(
                Hit(QUOTES.id, m.start(), m.end(), "汉字应使用中文引号“”，不用英文直引号\"\"", f"“{inner}”")
            )
    return hits, explained


def _facing(text: str, a: str, b: str, explained: set[int], report: bool) -> Iterator[Hit]:
    # Lines whose quotes alternate as they should (“…”“…”, a last “ left open for a quotation
    # that goes on) are passed over by one regex; only the others are read mark by mark.
    good = re.compile(f"[^{a}{b}]*(?:{a}[^{a}{b}]*{b}[^{a}{b}]*)*(?:{a}[^{a}{b}]*)?")
    start = 0
    for line in text.split("\n"):
        if b in line and not good.fullmatch(line):
            yield from _facing_line(line, start, a, b, explained, report)
        start += len(line) + 1


def _facing_line(text: str, base: int, a: str, b: str, explained: set[int], report: bool) -> Iterator[Hit]:
    marks = [(m.start(), m.group()) for m in re.finditer(f"[{a}{b}]", text)]
    k = 0
    depth = 0
    while k < len(marks):
        i, c = marks[k]
        if c == "\n":
            depth = 0
            k += 1
            continue
        nxt = marks[k + 1] if k + 1 < len(marks) and marks[k + 1][1] != "\n" else None
        if depth == 0 and c == b and nxt is not None:
            j = nxt[0]
            explained.update((base + i, base + j))
            if report:
                inner = text[i + 1 : j]
                message = f"引号方向反了：应为“{a}{inner}{b}”"
                yield Hit(QUOTES.id, base + i, base + j + 1, message, f"{a}{inner}{b}")
            k += 2
            continue
        if depth == 1 and c == a and (nxt is None or nxt[1] == a):
            # “……“ : the second opening quote should close the first.
            explained.add(base + i)
            if report:
                yield Hit(QUOTES.id, base + i, base + i + 1, f"这里应是后引号“{b}”", b)
            depth = 0
            k += 1
            continue
        depth = 1 if c == a else 0
        k += 1


def space_hits(text: str) -> Iterator[Hit]:
    """A space inside a line beside a Chinese mark: before a sentence mark or a closing quote or
    bracket (after a Hanzi or a mark), after a sentence mark (before a Hanzi or an opening mark),
    or between a Hanzi and an opening quote or bracket."""
    size = len(text)
    for m in _SPACES.finditer(text):
        start, end = m.span()
        if start == 0 or end >= size:
            continue
        before, after = text[start - 1], text[end]
        han_before, han_after = is_han(before), is_han(after)
        if before in "\n\r\t|" or after in "\n\r\t|":
            continue  # an indent, a line's end, a Markdown table's cell border
        if (
            after in _SENTENCE_MARKS  # 生力军　。, 增长12% ，: a full-width mark is Chinese text
            or (after in _CLOSERS and (han_before or before in _BEFORE_SPACE))
            or (before in _SENTENCE_MARKS and (han_after or after in _OPENERS))
            or (han_before and after in _OPENERS)
        ):
            shown = "全角空格" if "\u3000" in m.group() else "空格"
            yield Hit(SPACE.id, start, end, f"标点旁多了{shown}，应删去", "")


def other_hits(doc: Document, active: set[str] | frozenset[str]) -> Iterator[Hit]:
    text = doc.text
    if SPACE.id in active and ("\u3000" in text or " " in text or "\u00a0" in text):
        yield from space_hits(text)
    if DOUBLED.id in active:
        for m in _DOUBLED.finditer(text):
            yield Hit(DOUBLED.id, m.start(), m.end(), f"标点“{m.group(1)}”重复了", m.group(1))
    if PLACEMENT.id in active:
        for m in _OPENING.finditer(text):
            yield Hit(PLACEMENT.id, m.start(1), m.end(1), f"段落不能以“{m.group(1)}”开头，请删去或补上前文", None)
    if PLACEMENT.id in active:
        starts = doc.line_starts
        for number in _title_lines(doc):
            line = doc.line_text(number).rstrip()
            if line.endswith(("。", ".")):
                pos = starts[number - 1] + len(line) - 1
                yield Hit(PLACEMENT.id, pos, pos + 1, "标题末尾不加句号", "")
        if doc.format == "markdown" and "#" in text:
            titles = set(_title_lines(doc))
            for m in _MD_HEADING_STOP.finditer(text):
                line = m.group().rstrip()
                if "。" in line[:-1] or doc.position(m.start())[0] in titles:
                    continue  # two sentences on the line (not a heading's style), or the title, said above
                pos = m.start() + len(line) - 1
                yield Hit(PLACEMENT.id, pos, pos + 1, "标题末尾不加句号", "")
    if HALFWIDTH_ID in active and "." in text:
        for m in _DOT.finditer(text):
            pos = m.start()
            line_start = text.rfind("\n", 0, pos) + 1
            if _HEADING_NUMERAL.match(text[line_start:pos]):
                continue  # 一.加强…: a heading marker, the numbering rule's
            after = _at(text, pos + 1)
            if after in ("", "\n"):
                yield Hit(HALFWIDTH_ID, pos, pos + 1, "句末应使用全角句号“。”，不用半角“.”", "。")
            elif is_han(after) or after in _OPENERS:
                yield Hit(HALFWIDTH_ID, pos, pos + 1, "汉字之间多了一个半角句点“.”，请删去或改为中文标点", None)


def _title_lines(doc: Document) -> list[int]:
    """The parser's title lines; or a first line that reads as a title only for its 。: short,
    one sentence, a blank line after it (the parser takes a line ending in 。 for a paragraph)."""
    titles = doc.draft.lines_of("title")
    if titles:
        return titles
    lines = doc.text.split("\n", 2)
    if len(lines) == 3 and not lines[1].strip():
        first = lines[0].strip()
        if 4 <= len(first) <= 50 and first.endswith("。") and not re.search("[。！？；：，]", first[:-1]):
            return [1]
    return []


def _at(text: str, i: int) -> str:
    return text[i] if 0 <= i < len(text) else ""


# An inline item number whose two brackets differ in width: 议程：（一）……；（二）……；（三)观看专题片.
# One root cause, one finding: the number is mistyped, so rule `numbering.style` reports the whole
# marker and `punctuation.halfwidth` stands aside for its half-width bracket (round 8).
_MIXED_MARKER = re.compile(
    r"(?:（(?P<a>[一二三四五六七八九十]{1,3}|[1-9]\d?)\)|\((?P<b>[一二三四五六七八九十]{1,3}|[1-9]\d?)）)"
    r"(?=[\u4e00-\u9fff“])"
)


def mixed_markers(text: str) -> Iterator[tuple[int, int, str]]:
    """Item numbers typed with one full-width and one half-width bracket, followed by Chinese text:
    (start, end, the number). Whatever the bracket, the writer meant （三）: such a marker is never
    right, so it is found by its shape, not from a list. Only the few half-width brackets are
    visited (str.find), not every character (a regex scan of 10 MB cost 50 ms)."""
    starts: set[int] = set()
    for ch, back in ((")", 4), ("(", 0)):
        pos = text.find(ch)
        while pos != -1:
            if back:
                opener = text.rfind("（", max(0, pos - back), pos)
                if opener != -1:
                    starts.add(opener)
            else:
                starts.add(pos)
            pos = text.find(ch, pos + 1)
    for start in sorted(starts):
        m = _MIXED_MARKER.match(text, start)
        if m is not None:
            yield m.start(), m.end(), m.group("a") or m.group("b")
