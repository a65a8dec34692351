"""Helpers a genre template needs: Chinese numerals and dates, heading numbers, enumerations that
write their own count, and phrase-bank entries by id (so template and bank never disagree).

A value the writer has not given yet is a `Blank`: it prints as `**`, and every helper passes it
through as a blank, so the rendered draft shows `drafter check` exactly what is left to fill."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from drafter import numerals

BLANK_TEXT = "**"


class Blank(str):
    """A missing value: renders as `**`."""

    def __new__(cls) -> Blank:
        return super().__new__(cls, BLANK_TEXT)


def cn(n: Any) -> str:
    """3 → 三; a blank stays a blank."""
    if isinstance(n, Blank):
        return BLANK_TEXT
    return numerals.to_chinese(int(n))


def cn_count(n: Any) -> str:
    """A count before a measure word: 2 → 两 (两项议程), 3 → 三."""
    if isinstance(n, Blank):
        return BLANK_TEXT
    return numerals.count_word(int(n))


def cn_date(value: Any, style: str = "arabic") -> str:
    """2024年2月5日, or 二〇二四年二月五日 with style='chinese'."""
    if isinstance(value, Blank) or value is None:
        return f"{BLANK_TEXT}年{BLANK_TEXT}月{BLANK_TEXT}日"
    if not isinstance(value, (_dt.date, str)):
        raise ValueError(f"cn_date 需要日期，而不是 {value!r}")
    return numerals.chinese_date(value, style)


def cn_year(value: Any, style: str = "arabic") -> str:
    """The year of a date or a number: 2024 or 二〇二四."""
    if isinstance(value, Blank) or value is None:
        return BLANK_TEXT
    year = value.year if isinstance(value, _dt.date) else int(value)
    return numerals.year_in_chinese(year) if style == "chinese" else str(year)


def heading(level: int, n: int) -> str:
    """一、 （一） 1. （1）"""
    return numerals.heading_marker(level, n)


class Enumeration:
    """Items with their markers and their count: `enum(items)` gives `.count` (三) for
    “三个持续增强” and yields (一是, item), (二是, item)… so the two can never disagree."""

    def __init__(self, items: Sequence[Any], suffix: str = "是") -> None:
        self.items = list(items)
        self.suffix = suffix

    @property
    def count(self) -> str:
        """The count before a measure word: 三 (三个方面), 两 for two (两点意见)."""
        return numerals.count_word(len(self.items))

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self) -> Iterator[tuple[str, Any]]:
        for i, item in enumerate(self.items, 1):
            yield numerals.ordinal(i, self.suffix), item


def enum(items: Sequence[Any], suffix: str = "是") -> Enumeration:
    """See Enumeration; suffix 是 (一是), 要 (一要), 第 (第一), 个 …"""
    return Enumeration(items, suffix)


def make_phrase(lookup: Callable[[str], str | None]) -> Callable[[str], str]:
    """`phrase('formula.four-consciousnesses')` → the bank's text for that id."""

    def phrase(entry_id: str) -> str:
        text = lookup(entry_id)
        if text is None:
            raise LookupError(f"词库中没有编号为 '{entry_id}' 的条目")
        return text

    return phrase


def helpers(lookup: Callable[[str], str | None]) -> dict[str, Any]:
    """The globals every template sees."""
    return {
        "cn": cn,
        "cn_count": cn_count,
        "cn_date": cn_date,
        "cn_year": cn_year,
        "heading": heading,
        "enum": enum,
        "ordinal": numerals.ordinal,
        "phrase": make_phrase(lookup),
        "blank": BLANK_TEXT,
    }
