"""Turning the facts of a past passage into blanks before it goes into a new draft.

Last year's figures must not survive into this year's speech: numbers, dates, percentages,
and the unit and person names this module can recognise become `**`, which the checker then
reports until the writer fills them. Recognition is deliberately conservative where it must
guess (names): a word that is not surely a name stays, because a wrong mask eats prose while a
missed name is still visible to the writer. Heading markers (1. （2）) are structure, not facts.
"""

from __future__ import annotations

import re
from functools import lru_cache

from drafter.archive.rules import ArchiveRules, load_rules

BLANK = "**"
_HZ = "\u4e00-\u9fff"
_CN_NUM = "零〇○一二三四五六七八九十百千万亿两点"
_DATE_PATTERNS = (
    (re.compile(r"(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日"), "**年**月**日"),
    (re.compile(rf"[〇○零一二三四五六七八九]{{4}}年[{_CN_NUM}]{{1,3}}月[{_CN_NUM}]{{1,3}}日"), "**年**月**日"),
    (re.compile(r"(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月"), "**年**月"),
    (re.compile(r"(?<!\d)\d{1,2}\s*月\s*\d{1,2}\s*日"), "**月**日"),
    (re.compile(r"(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}"), BLANK),
    (re.compile(r"[〇○零一二三四五六七八九]{4}年"), "**年"),
)
_PERCENT = re.compile(r"\d+(?:\.\d+)?\s*[%％]|百分之[" + _CN_NUM + r"]+")
# A heading marker at the start of the passage (1. / （2） / 3、) is numbering, not a fact.
_MARKER = re.compile(r"^[ \t\u3000]*(?:\d{1,3}[.．、](?!\d)|[（(]\d{1,3}[）)])")
# Digits not glued to Latin letters (5G, G20 and 3D are names of things).
_NUMBER = re.compile(r"(?<![A-Za-z\d.*])\d+(?:[,，]\d{3})*(?:\.\d+)?(?![A-Za-z\d])")
_CN_DIGIT = "零〇○一二三四五六七八九十百千两点"
_CN_AMOUNT = re.compile(
    rf"[{_CN_DIGIT}]+(?=[万亿][元人户吨千])|[{_CN_DIGIT}]{{2,}}(?=元|吨|人次|户|名|家|千瓦|公里|平方米|个百分点)"
)
# Words that cannot be inside a unit's name: a name's left edge is after the last of them.
_NOT_IN_NAME = re.compile(
    r"学习|贯彻|落实|推进|加强|坚持|认真|全面|深入|开展|召开|参加|组织|带领|推动|支持|服务|建设|实现|完成|成立|"
    r"[的了和与在是为对把将要向由从到及等被让给同共]"
)
_NOT_NAMES = ("许多", "全体", "各位", "广大", "一些", "部分", "何等", "高级", "万名")


class _Masker:
    def __init__(self, rules: ArchiveRules) -> None:
        titles = "|".join(sorted(map(re.escape, rules.titles), key=len, reverse=True))
        surnames = re.escape(rules.surnames)
        self.enabled_names = bool(titles and surnames)
        if self.enabled_names:
            # 张建国同志 / 王强书记 / 李书记; 书记张建国、 (a name after a title, before a pause).
            self.name_before = re.compile(rf"[{surnames}][{_HZ}]{{0,2}}?(?=(?:{titles})(?!们))")
            self.after_title = re.compile(rf"({titles})([{surnames}][{_HZ}]{{1,2}})(?=[，。、；：）)\s]|$)")
        endings = "|".join(map(re.escape, rules.unit_endings))
        self.units = re.compile(rf"([{_HZ}]{{2,10}}?)({endings})") if endings else None
        self.generic = tuple(rules.generic_prefixes)
        self.kinds = tuple(rules.kind_words)

    def mask(self, text: str) -> str:
        marker = _MARKER.match(text)
        head, body = (text[: marker.end()], text[marker.end() :]) if marker else ("", text)
        for pattern, blank in _DATE_PATTERNS:
            body = pattern.sub(blank, body)
        body = _PERCENT.sub(lambda m: "百分之**" if m.group().startswith("百分之") else "**%", body)
        body = _NUMBER.sub(BLANK, body)
        body = _CN_AMOUNT.sub(BLANK, body)
        if self.enabled_names:
            body = self.after_title.sub(lambda m: m.group(1) + BLANK, body)
            body = self.name_before.sub(self._name, body)
        if self.units is not None:
            body = self.units.sub(self._unit, body)
        return head + body

    @staticmethod
    def _name(m: re.Match[str]) -> str:
        word = m.group()
        if word.startswith(_NOT_NAMES) or word.endswith(("副", "总")):
            return word
        return BLANK

    def _unit(self, m: re.Match[str]) -> str:
        name, ending = m.group(1), m.group(2)
        cut = None
        for stop in _NOT_IN_NAME.finditer(name):
            # A verb that leaves less than a name after it is part of the name: 中原建设集团,
            # not 中原建设 + 集团 (建设智能工厂 still cuts: 智能 is left).
            if len(stop.group()) == 1 or len(name) - stop.end() >= 2:
                cut = stop.end()
        keep, name = (name[:cut], name[cut:]) if cut is not None else ("", name)
        if len(name) < 2 or name.startswith(self.generic) or name.endswith(self.kinds) or BLANK in name:
            return m.group()
        if _NOT_IN_NAME.fullmatch(name):  # 加强建设公司管理: a verb alone names no unit
            return m.group()
        return f"{keep}{BLANK}{ending}"


@lru_cache(maxsize=4)
def _masker(rules: ArchiveRules) -> _Masker:
    return _Masker(rules)


def mask_facts(text: str, rules: ArchiveRules | None = None) -> str:
    """`2023年完成投资12.5亿元，同比增长8%` → `**年完成投资**亿元，同比增长**%`.

    For the editor's insert of a past passage: every blank it makes is one the checker reports
    until filled, so no figure of a past year reaches the new draft unnoticed."""
    return _masker(rules or load_rules()).mask(text)
