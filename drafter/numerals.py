"""Chinese numerals, dates and heading numbers: shared by the parser, renumbering, the templates
and the checks, so that all of them read and write numbers the same way."""

from __future__ import annotations

import datetime as _dt
import re

DIGITS = "零一二三四五六七八九"
_UNITS = ((10000, "万"), (1000, "千"), (100, "百"), (10, "十"))
_YEAR_DIGITS = "〇一二三四五六七八九"


def to_chinese(n: int) -> str:
    """3 → 三, 10 → 十, 11 → 十一, 20 → 二十, 101 → 一百零一, 110 → 一百一十 (0 → 零)."""
    if n < 0:
        return "负" + to_chinese(-n)
    if n < 10:
        return DIGITS[n]
    if n < 20:
        return "十" + (DIGITS[n - 10] if n > 10 else "")
    return _big(n)


def _big(n: int) -> str:
    out = []
    zero_pending = False
    for value, unit in _UNITS:
        if n >= value:
            q, n = divmod(n, value)
            if zero_pending:
                out.append("零")
                zero_pending = False
            out.append((_big(q) if q >= 10 else DIGITS[q]) + unit)
        elif out:
            zero_pending = True
    if n:
        if zero_pending or (out and not out[-1].endswith("十")):
            out.append("零")
        out.append(DIGITS[n])
    return "".join(out)


_VALUES = {ch: i for i, ch in enumerate(DIGITS)} | {"〇": 0, "○": 0, "两": 2}
_UNIT_VALUES = {"十": 10, "百": 100, "千": 1000, "万": 10000}


def from_chinese(text: str) -> int | None:
    """三 → 3, 十一 → 11, 二十 → 20, 一百零一 → 101; None if `text` is not a Chinese numeral."""
    if not text:
        return None
    total = section = 0
    digit: int | None = None
    for ch in text:
        if ch in _VALUES:
            digit = _VALUES[ch]
        elif ch in _UNIT_VALUES:
            unit = _UNIT_VALUES[ch]
            if unit == 10000:
                total += (section + (digit or 0)) * unit
                section = 0
            else:
                section += (1 if digit is None else digit) * unit
            digit = None
        else:
            return None
    return total + section + (digit or 0)


def year_in_chinese(year: int) -> str:
    """2024 → 二〇二四 (digit by digit, as dates are written in Chinese)."""
    return "".join(_YEAR_DIGITS[int(d)] for d in str(year))


def chinese_date(value: _dt.date | str, style: str = "arabic") -> str:
    """`arabic`: 2024年2月5日 (no leading zeros, GB/T 9704); `chinese`: 二〇二四年二月五日."""
    date = parse_date(value) if isinstance(value, str) else value
    if style == "chinese":
        return f"{year_in_chinese(date.year)}年{to_chinese(date.month)}月{to_chinese(date.day)}日"
    return f"{date.year}年{date.month}月{date.day}日"


_DATE = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*$")


def parse_date(text: str) -> _dt.date:
    """2024-02-05, 2024/2/5, 2024.2.5 or 2024年2月5日; ValueError otherwise."""
    m = _DATE.match(text)
    if not m:
        raise ValueError(f"不是日期：{text!r}（请写成 2024-02-05 或 2024年2月5日）")
    return _dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))


def heading_marker(level: int, n: int) -> str:
    """The standard heading number of a level: 一、 （一） 1. （1）."""
    if level == 1:
        return f"{to_chinese(n)}、"
    if level == 2:
        return f"（{to_chinese(n)}）"
    if level == 3:
        return f"{n}."
    if level == 4:
        return f"（{n}）"
    raise ValueError(f"标题级别应为 1–4，而不是 {level}")


def count_word(n: int) -> str:
    """A count before a measure word: 2 → 两 (两个方面, 两点意见), otherwise as to_chinese."""
    return "两" if n == 2 else to_chinese(n)


def ordinal(n: int, suffix: str = "是") -> str:
    """Inline enumeration markers: 一是, 二要, 第三 (suffix "第" puts it in front)."""
    if suffix == "第":
        return f"第{to_chinese(n)}"
    return f"{to_chinese(n)}{suffix}"
