"""Punctuation a proofreader marks: unpaired quotes and brackets within a paragraph, half-width
,;:?!() between Chinese characters, and date forms (2024年05月08日, 二0二四年)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Set

from drafter.checks import marks
from drafter.checks.model import Hit, RuleInfo, Severity
from drafter.document import Document

UNPAIRED = RuleInfo("punctuation.unpaired", Severity.ERROR, "引号、书名号、括号不成对")
HALFWIDTH = RuleInfo("punctuation.halfwidth", Severity.WARNING, "汉字之间用了半角标点（, ; : ? ! ( )）", True)
DATE = RuleInfo("punctuation.date", Severity.WARNING, "日期写法不规范（05月08日、二0二四年）", True)

_PAIRS = {"“": "”", "‘": "’", "《": "》", "（": "）", "【": "】"}
_CLOSING = {v: k for k, v in _PAIRS.items()}
_PAIR_CHARS = re.compile("[“”‘’《》（）【】]")
_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
_HALF = re.compile(r"[,;:?!()]")  # then the neighbours decide, in Python: a lone class scans fast
_MIXED = re.compile(r"（[^（）()\n]*\)|\([^（）()\n]*）")
# Four digits spelled out rather than `\d{4}`: the same matches, found in half the time.
_DATE = re.compile(r"(\d\d\d\d)年(\d{1,2})月(?:(\d{1,2})日)?")
# A month in Chinese numerals between Arabic digits, or the reverse: 2026年十二月18日, 二〇二六年12月.
_MIXED_DATE = re.compile(r"年(?:[一二三四五六七八九十]{1,3}月\d{1,2}日|\d{1,2}月)")
_CN_YEAR_DIGITS = "〇○一二三四五六七八九零"
_ZERO_YEAR = re.compile(r"[〇○一二三四五六七八九0OoＯ]{4}(?=年)")


class PunctuationFamily:
    """Rule family `punctuation`."""

    name = "punctuation"

    def __init__(self, context: object = None) -> None:
        pass

    def rules(self) -> list[RuleInfo]:
        return [UNPAIRED, HALFWIDTH, DATE, *marks.RULES]

    def check(self, doc: Document, active: Set[str]) -> Iterator[Hit]:
        return _outside_english(self._check(doc, active), doc.text)

    def _check(self, doc: Document, active: Set[str]) -> Iterator[Hit]:
        text = doc.text
        # Quotes facing the wrong way are one finding each, not also "unpaired" (one root cause).
        quotes, explained = marks.quote_hits(text, active)
        yield from quotes
        if "““" in text or "””" in text:
            yield from self._doubled_quotes(text, explained, marks.DOUBLED.id in active)
        if UNPAIRED.id in active:
            for m in _MIXED.finditer(text):  # （简称“新零博”) : the half-width ) is the slip
                explained.add(m.start() if text[m.start()] == "（" else m.end() - 1)
            yield from self._unpaired(text, explained)
        if HALFWIDTH.id in active:
            yield from marks.merge_bracket_pairs(self._halfwidth(text, doc), text, HALFWIDTH.id)
        if DATE.id in active:
            yield from self._dates(text)
        yield from marks.other_hits(doc, active)

    @staticmethod
    def _doubled_quotes(text: str, explained: set[int], report: bool) -> Iterator[Hit]:
        """““严以律己”: a quotation mark typed twice, in a paragraph whose quotes do not balance
        (a quotation that opens with a nested one, ““四个意识”的要求”, balances and is left to
        the other rules). One finding: the extra mark is not also reported as unpaired."""
        for m in re.finditer(r"““|””", text):
            lo = text.rfind("\n", 0, m.start()) + 1
            hi = text.find("\n", m.end())
            line = text[lo : hi if hi != -1 else len(text)]
            if line.count("“") == line.count("”"):
                continue
            explained.add(m.start() + 1)
            if report:
                yield Hit(marks.DOUBLED.id, m.start(), m.end(), f"标点“{m.group()[0]}”重复了", m.group()[0])

    @staticmethod
    def _unpaired(text: str, explained: set[int] | None = None) -> Iterator[Hit]:
        stack: list[tuple[str, int]] = []
        line_end = -1
        # A quotation of several paragraphs: the opening “ of a paragraph that begins with it is
        # carried into the next paragraph, which closes it or (the convention) opens with “ again.
        carried: tuple[str, int] | None = None
        for m in _PAIR_CHARS.finditer(text):
            pos = m.start()
            if explained and pos in explained:
                continue
            if pos > line_end:  # a new paragraph: what is still open in the last one was never closed
                next_start = text.rfind("\n", 0, pos) + 1
                if carried is not None:
                    yield _open_hit(*carried)
                    carried = None
                if len(stack) == 1 and stack[0][0] == "“" and _opens_paragraph(text, stack[0][1]):
                    if not text[line_end:next_start].strip():  # the very next paragraph
                        carried = stack[0]
                    else:
                        yield _open_hit(*stack[0])
                else:
                    yield from _still_open(stack)
                stack = []
                line_end = text.find("\n", pos)
                if line_end == -1:
                    line_end = len(text)
                if carried is not None and m.group() == "“" and _opens_paragraph(text, pos):
                    carried = None  # the quotation goes on: this paragraph opens with “ again
            ch = m.group()
            if ch in _PAIRS:
                stack.append((ch, pos))
            elif stack and stack[-1][0] == _CLOSING[ch]:
                stack.pop()
            elif not stack and carried is not None and carried[0] == _CLOSING[ch]:
                carried = None  # the closing ” of the quotation begun in the paragraph before
            elif any(opener == _CLOSING[ch] for opener, _ in stack):
                # Close the matching opener; what was opened inside it and never closed is unpaired.
                while stack and stack[-1][0] != _CLOSING[ch]:
                    yield _open_hit(*stack.pop())
                stack.pop()
            else:
                yield Hit(UNPAIRED.id, pos, pos + 1, f"“{ch}”没有对应的“{_CLOSING[ch]}”", None)
        if carried is not None:
            yield _open_hit(*carried)
        yield from _still_open(stack)

    @staticmethod
    def _halfwidth(text: str, doc: Document) -> Iterator[Hit]:
        n = len(text)
        in_marker = {i for start, end, _ in marks.mixed_markers(text) for i in range(start, end)}
        for m in _HALF.finditer(text):
            ch = m.group()
            pos = m.start()
            before = text[pos - 1] if pos else ""
            after = text[pos + 1] if pos + 1 < n else ""
            if ch in ",;:?!":
                if not marks.halfwidth_context(before, after):
                    continue
            elif not (_is_han(before) or _is_han(after)):
                continue
            if ch in "()":
                if pos in in_marker:
                    continue  # （三) an item number mistyped: the numbering rule reports the marker
                line, column = doc.position(m.start())
                heading = doc.draft.headings.get(line)
                if heading is not None and column <= len(heading.indent) + len(heading.marker):
                    continue  # a heading marker (the draft parser's reading): the numbering rule reports it
            yield Hit(HALFWIDTH.id, m.start(), m.end(), f"中文里应使用全角“{_FULL[ch]}”，不用半角“{ch}”", _FULL[ch])

    @staticmethod
    def _dates(text: str) -> Iterator[Hit]:
        for m in _DATE.finditer(text):
            month, day = m.group(2), m.group(3)
            if m.start() and text[m.start() - 1].isdigit():  # 20227年1月12日: a year of five digits
                lo = m.start() - 1
                while lo and text[lo - 1].isdigit():
                    lo -= 1
                if m.start() - lo == 1:
                    yield Hit(DATE.id, lo, m.end(), f"年份“{text[lo : m.start() + 4]}”多了一位数字，请核对", None)
                continue
            if month.startswith("0") or (day and day.startswith("0")):
                right = f"{m.group(1)}年{int(month)}月" + (f"{int(day)}日" if day else "")
                yield Hit(DATE.id, m.start(), m.end(), f"日期不加前导零：应为“{right}”", right)
        for m in _MIXED_DATE.finditer(text):
            arabic_month = text[m.start() + 1].isdigit()
            lo = m.start()
            while lo and (text[lo - 1] in _CN_YEAR_DIGITS if arabic_month else text[lo - 1].isdigit()):
                lo -= 1
            if m.start() - lo == 4:  # a year of the other kind before it: 2026年十二月18日, 二〇二六年12月
                yield Hit(
                    DATE.id, lo, m.end(), "同一日期里阿拉伯数字和汉字数字混用，请统一（公文日期用阿拉伯数字）", None
                )
        for m in _ZERO_YEAR.finditer(text):
            year = m.group()
            if not re.search("[一二三四五六七八九〇○]", year) or not re.search("[0OoＯ]", year):
                continue
            right = re.sub("[0OoＯ○]", "〇", year)
            yield Hit(DATE.id, m.start(), m.end(), f"汉字年份中的零应写作“〇”：应为“{right}年”", right)


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _opens_paragraph(text: str, pos: int) -> bool:
    """The mark at `pos` is the first of its line but for indentation."""
    return not text[text.rfind("\n", 0, pos) + 1 : pos].strip()


def _open_hit(opener: str, pos: int) -> Hit:
    return Hit(UNPAIRED.id, pos, pos + 1, f"“{opener}”没有对应的“{_PAIRS[opener]}”", None)


def _still_open(stack: list[tuple[str, int]]) -> Iterator[Hit]:
    """What a paragraph left open. Two of the same opener left open one after the other
    (对外包队伍（含劳务派遣人员（开展……) are one slip: the second was typed for the closer."""
    k = 0
    while k < len(stack):
        opener, pos = stack[k]
        if k + 1 < len(stack) and stack[k + 1][0] == opener:
            later = stack[k + 1][1]
            closer = _PAIRS[opener]
            message = f"“{opener}”没有对应的“{closer}”：后面这个“{opener}”可能应为“{closer}”"
            yield Hit(UNPAIRED.id, later, later + 1, message, None)
            k += 2
            continue
        yield _open_hit(opener, pos)
        k += 1


_LATIN = re.compile(r"[A-Za-z]")


def _outside_english(hits: Iterator[Hit], text: str) -> Iterator[Hit]:
    """`hits` less those on ASCII marks in a line of English that quotes Chinese (a README's
    `worked examples: 工作作风, 会议议程.`): there the half-width marks are right, and `--fix` made
    the English sentence's commas full-width. A line of a speech, even with 5G or ISO 9001 in it,
    has far more Hanzi than Latin letters."""
    english: dict[int, bool] = {}
    for hit in hits:
        if hit.end > hit.start and text[hit.start].isascii() and text[hit.end - 1].isascii():  # a mark or a pair
            lo = text.rfind("\n", 0, hit.start) + 1
            verdict = english.get(lo)
            if verdict is None:
                hi = text.find("\n", hit.start)
                line = text[lo : hi if hi != -1 else len(text)]
                verdict = english[lo] = len(_LATIN.findall(line)) > sum(1 for ch in line if _is_han(ch))
            if verdict:
                continue
        yield hit
