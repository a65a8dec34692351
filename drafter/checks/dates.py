"""Dates that cannot be right: a missing 日 (2024年3月8在), a month or day that does not exist
(2月30日, 3月32日, 13月, 二〇二七年一月三十二日), a letter O typed for a zero (12月1O日), and a
weekday that does not match its date (2025年7月1日（星期一）: it was a Tuesday).

A date without a year is judged against every year the document names: a weekday is reported
only when it matches its date in none of them (a year-end review names this year and the last),
and not at all when the document names no year. Findings only: which part is wrong (the day or
the weekday) is the writer's to say.
"""

from __future__ import annotations

import calendar
import datetime
import re
import threading
from collections.abc import Iterator, Set

from drafter.checks.model import Hit, RuleInfo, Severity
from drafter.document import Document

MISSING = RuleInfo("date.missing", Severity.WARNING, "日期缺“日”或“月”（2024年3月8在）")
IMPOSSIBLE = RuleInfo("date.impossible", Severity.ERROR, "不存在的日期（2月30日、3月32日）")
WEEKDAY = RuleInfo("date.weekday", Severity.ERROR, "星期与日期不符（2025年7月1日（星期一））")

# Each pattern opens on a literal (月, 年), which `re` finds fast; the digits before it are read
# from just before the match.
# The weekday in brackets, or after a comma or space: 2026年12月22日，星期三.
_DATE = re.compile(
    r"月(?:(?P<day>\d{1,2})(?P<letter>[OoＯｏ](?=[日号]))?|(?P<cday>[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九]))"
    r"(?P<unit>[日号])?"
    r"(?:[（(](?:星期|周)(?P<wd>[一二三四五六日天])[）)]|[，, \u3000]?星期(?P<wd2>[一二三四五六日天]))?"
)
_MONTH_BEFORE = re.compile(r"(?<!\d)(\d{1,2})$")
# 曰 typed for 日 after a month and a day (十二月二十二曰, 3月8曰): the two glyphs differ by a stroke,
# and 曰 (to say) never ends a date. Searched only in a text that holds a 曰, which is rare.
_SAY_FOR_DAY = re.compile(r"月(?:\d{1,2}|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])(曰)")
# A date in Chinese numerals (二〇二七年一月三十二日): its month, and its year of four numerals.
_CMONTH_BEFORE = re.compile(r"(?<![一二三四五六七八九十])(十[一二]?|[一二三四五六七八九])$")
_CYEAR_BEFORE = re.compile(r"([〇零一二三四五六七八九]{4})年$")
_CDIGIT = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {"零": "0"}
_YEAR_BEFORE = re.compile(r"(?<!\d)(\d{4})年$")
_NO_DAY = re.compile(r"年(?P<day>\d{1,2})日")
_YEAR_ONLY = re.compile(r"(?<!\d)\d{4}$")
_YEAR = re.compile(r"(?<!\d)(\d{4})年")
_WEEKDAYS = "一二三四五六日"
# A year with a letter O among its digits (2O27年), at least two digits in it.
_LETTER_YEAR_BEFORE = re.compile(
    r"(?<![\dA-Za-z])((?=[\dOoＯｏ]*\d[\dOoＯｏ]*\d)(?=[\dOoＯｏ]*[OoＯｏ])[\dOoＯｏ]{4})年$"
)
_O_TO_ZERO = str.maketrans("OoＯｏ", "0000")
# What makes a date without a year a deadline to come: 2月29日前, 1月29日（星期四）前, 之前, 以前.
_DEADLINE_AFTER = re.compile(r"(?:[（(](?:星期|周)[一二三四五六日天][）)])?(?:之前|以前|前)")
_WEEKDAY_BEFORE = re.compile(r"(?:星期|周)([一二三四五六日天])[（(]$")
# After a bare day number these still make a correct date or range: 3月8、9日, 3月8至10日.
_RANGE_NEXT = set("、至到和及或—-－~～日号")


class DateFamily:
    """Rule family `date`."""

    name = "date"

    def __init__(self, context: object = None) -> None:
        self._context = context
        self._years: object = None  # a CurrencyFamily, for the text's own year (deadlines only)
        self._lock = threading.Lock()  # the editor checks from worker threads

    def _deadline_years(self, doc: Document) -> set[int] | None:
        """The years a deadline without a year (于2月29日前, 1月29日（星期四）前) can fall in: the
        text's own year, stated by its date line, title or 题注 — and the next one too unless the
        text is dated January to March (a December notice may set a January deadline). None when
        the text states no year."""
        with self._lock:
            if self._years is None:
                from drafter.checks.currency import CurrencyFamily

                self._years = CurrencyFamily(self._context)  # type: ignore[arg-type]
        when = self._years.draft_year(doc)  # type: ignore[attr-defined]
        if when.source in ("今天", "设置", "草稿信息"):
            return None
        return {when.year} if when.early else {when.year, when.year + 1}

    def rules(self) -> list[RuleInfo]:
        return [MISSING, IMPOSSIBLE, WEEKDAY]

    def check(self, doc: Document, active: Set[str]) -> Iterator[Hit]:
        text = doc.text
        if "月" not in text and "日" not in text:
            return
        if MISSING.id in active and "曰" in text:
            for m in _SAY_FOR_DAY.finditer(text):
                yield Hit(MISSING.id, m.start(1), m.end(1), "日期中的“曰”应为“日”", "日")
        years: set[int] | None = None
        for m in _DATE.finditer(text):
            if m.group("cday") is not None:
                if m.group("unit") == "日" and IMPOSSIBLE.id in active:
                    yield from _chinese_date(text, m)
                continue
            mo = _MONTH_BEFORE.search(text, max(0, m.start() - 3), m.start())
            if mo is None:
                continue
            month, day = int(mo.group(1)), int(m.group("day"))
            y = _YEAR_BEFORE.search(text, max(0, mo.start() - 6), mo.start())
            year = int(y.group(1)) if y else None
            span = (y.start() if y else mo.start(), m.end())
            if y is None and IMPOSSIBLE.id in active:
                lettered = _LETTER_YEAR_BEFORE.search(text, max(0, mo.start() - 6), mo.start())
                if lettered is not None:  # 2O27年1月22日: a letter O typed for a zero of the year
                    written = text[lettered.start() : m.end()]
                    letter = next(c for c in lettered.group(1) if not c.isdigit())
                    fixed = written[: len(lettered.group(1))].translate(_O_TO_ZERO) + written[len(lettered.group(1)) :]
                    message = f"日期“{written}”里混入了字母“{letter}”，应为“{fixed}”"
                    yield Hit(IMPOSSIBLE.id, lettered.start(), m.end(), message, None)
                    continue
            if m.group("letter"):
                if IMPOSSIBLE.id in active:  # 12月1O日: the letter O typed for the digit 0
                    written = text[span[0] : span[1]]
                    fixed = written.replace(m.group("letter"), "0")
                    message = f"日期“{written}”里混入了字母“{m.group('letter')}”，应为“{fixed}”"
                    yield Hit(IMPOSSIBLE.id, *span, message, None)
                continue
            if m.group("unit") is None:
                after = text[m.end() : m.end() + 1]
                # A full date that ends its line (the signature date 2027年1月12) lacks its 日 too.
                ends_line = y is not None and text[m.end() : m.end() + 4].strip(" \t\u3000\r")[:1] in ("", "\n")
                missing = (_is_han(after) and after not in _RANGE_NEXT and after != "曰") or ends_line
                if MISSING.id in active and missing and m.group("wd") is None and m.group("wd2") is None:
                    written = text[span[0] : span[1]]
                    yield Hit(MISSING.id, *span, f"日期“{written}”缺“日”：应为“{written}日”", None)
                continue
            deadline = year is None and _DEADLINE_AFTER.match(text, m.end())
            if deadline and month == 2 and day == 29 and IMPOSSIBLE.id in active:
                own = self._deadline_years(doc)
                if own and not any(calendar.isleap(y0) for y0 in own):
                    y0 = min(own)
                    message = f"{y0}年没有2月29日（按文稿的年份，这是{y0}年的期限），请核对日期"
                    yield Hit(IMPOSSIBLE.id, *span, message, None)
                    continue
            if not 1 <= month <= 12 or not 1 <= day <= _days_in(year, month):
                if IMPOSSIBLE.id in active:
                    what = f"{year}年" if year else ""
                    yield Hit(IMPOSSIBLE.id, *span, f"“{what}{month}月{day}日”不存在，请核对日期", None)
                continue
            wd = m.group("wd") or m.group("wd2")
            if wd is None and m.group("unit") and WEEKDAY.id in active:
                # The weekday first, the date in brackets after it: 下周一（12月29日）.
                lead = _WEEKDAY_BEFORE.search(text, max(0, span[0] - 5), span[0])
                if lead is not None and text[m.end() : m.end() + 1] in ("）", ")"):
                    wd, span = lead.group(1), (lead.start(), m.end() + 1)
            if wd is None or WEEKDAY.id not in active:
                continue
            said = _WEEKDAYS.index("日" if wd == "天" else wd)
            if year is not None:
                candidates = {year}
            else:
                if years is None:
                    years = {int(y) for y in _YEAR.findall(text) if 1900 <= int(y) <= 2100}
                candidates = years
            real = {y: datetime.date(y, month, day).weekday() for y in candidates if day <= _days_in(y, month)}
            if (not real or any(w == said for w in real.values())) and deadline:
                # 在1月29日（星期四）前报送: a deadline falls in the text's own year (or the next),
                # whatever other years the text names.
                own = self._deadline_years(doc) or set()
                real = {y: datetime.date(y, month, day).weekday() for y in own if day <= _days_in(y, month)}
                real = {min(real): real[min(real)]} if real and all(w != said for w in real.values()) else real
            if real and all(w != said for w in real.values()):
                y0 = year if year is not None else max(real)
                right = _WEEKDAYS[real[y0]]
                yield Hit(
                    WEEKDAY.id,
                    *span,
                    f"{y0}年{month}月{day}日是星期{right}，不是星期{wd}，请核对日期或星期",
                    None,
                )
        if MISSING.id in active:
            for m in _NO_DAY.finditer(text):
                y = _YEAR_ONLY.search(text, max(0, m.start() - 5), m.start())
                if y is not None:
                    written = text[y.start() : m.end()]
                    yield Hit(MISSING.id, y.start(), m.end(), f"日期“{written}”缺“月”，请补全", None)


def _chinese_date(text: str, m: re.Match[str]) -> Iterator[Hit]:
    """A date written in Chinese numerals that does not exist (二〇二七年一月三十二日, 二月三十日)."""
    mo = _CMONTH_BEFORE.search(text, max(0, m.start() - 2), m.start())
    if mo is None:
        return
    from drafter.numerals import from_chinese

    month, day = from_chinese(mo.group(1)), from_chinese(m.group("cday"))
    if month is None or day is None:
        return
    y = _CYEAR_BEFORE.search(text, max(0, mo.start() - 5), mo.start())
    year = int("".join(_CDIGIT[c] for c in y.group(1))) if y else None
    if 1 <= day <= _days_in(year, month):
        return
    start = y.start() if y else mo.start()
    written = text[start : m.end()]
    yield Hit(IMPOSSIBLE.id, start, m.end(), f"“{written}”不存在，请核对日期", None)


def _days_in(year: int | None, month: int) -> int:
    if not 1 <= month <= 12:
        return 0
    if year is None:
        return 29 if month == 2 else calendar.monthrange(2001, month)[1]
    return calendar.monthrange(year, month)[1]


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"
