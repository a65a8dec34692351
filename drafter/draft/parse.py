"""Reading a draft's structure from its text: headings by their Chinese numbering, title,
salutation, closing, signature and date. Conventions from the genre: `一、` (level 1) → `（一）`
(2, often run-in) → `1.` (3) → `（1）` (4); `1、` and half-width brackets are read as the level they
imitate, so the numbering check can point them out."""

from __future__ import annotations

import re

from drafter.draft.model import (
    BLANK,
    CLOSING,
    DATE,
    FRONT,
    HEADING,
    PARAGRAPH,
    SALUTATION,
    SIGNATURE,
    TABLE,
    TITLE,
    Draft,
    Heading,
    Section,
)
from drafter.draft.tables import is_row
from drafter.numerals import from_chinese

_CN = "零一二三四五六七八九十百〇○两"
# The indent, with a Markdown heading prefix (`## 二、`) kept in it so that a line renders unchanged.
_INDENT = r"([ \t\u3000]*(?:#{1,6}[ \t]+)?)"
_HEADING_PATTERNS = (
    (1, re.compile(rf"^{_INDENT}([{_CN}]+、)(.*)$")),
    # 三.会议总结: a level-1 number typed with a full stop; the numbering rule asks for 三、.
    (1, re.compile(rf"^{_INDENT}([{_CN}]{{1,3}}[.．](?![\d.．]))(.*)$")),
    (2, re.compile(rf"^{_INDENT}([（(][{_CN}]+[）)])(.*)$")),
    (4, re.compile(rf"^{_INDENT}([（(]\d{{1,3}}[）)])(.*)$")),
    (3, re.compile(rf"^{_INDENT}(\d{{1,3}}(?:[.．](?!\d)|、))(.*)$")),
)
_SENTENCE_END = re.compile(r"[。！？!?]")
# A date line, also when it is still a blank to fill (**年**月**日, ××××年×月×日).
_FILL = r"(?:\*{2,}|×+|X+|○+)"
_ARABIC_DATE = rf"(?:\d{{4}}|{_FILL})年(?:\d{{1,2}}|{_FILL})月(?:\d{{1,2}}|{_FILL})日"
_CHINESE_DATE = rf"[{_CN}]{{4}}年[{_CN}]{{1,3}}月[{_CN}]{{1,3}}日"
# The date left for the hand to write in, under a signature: 年  月  日.
_SPACED_DATE = r"年[ \t\u3000]+月[ \t\u3000]+日"
# A weekday may follow the date: （2026年12月22日，星期二）.
_WEEKDAY = r"(?:[，,、 \t\u3000]*(?:星期|周)[一二三四五六日天])?"
_DATE_LINE = re.compile(
    rf"^[ \t\u3000（(]*(?:{_ARABIC_DATE}|{_CHINESE_DATE}|{_SPACED_DATE}){_WEEKDAY}[）)]?[ \t\u3000]*$"
)
_SIGNATURE_LINE = re.compile(r"^[ \t\u3000]*(?:述职人|汇报人|发言人|报告人|单位|署名)[：:]")
_CLOSING_START = re.compile(r"^[ \t\u3000]*同志们[，,！!]")
_NUMBER = re.compile(r"\d+|[" + _CN + r"]+")


# Every heading begins (after its indent) with a numeral or an opening bracket: one quick match
# rules out most lines before the four patterns are tried.
_MAY_BE_HEADING = re.compile(rf"[ \t\u3000]*(?:#{{1,6}}[ \t]+)?[{_CN}（(\d]")


def parse_heading(line: str) -> Heading | None:
    """The heading on this line, or None."""
    if _MAY_BE_HEADING.match(line) is None:
        return None
    eol = "\r" if line.endswith("\r") else ""
    body = line[:-1] if eol else line
    for level, pattern in _HEADING_PATTERNS:
        m = pattern.match(body)
        if m is None:
            continue
        indent, marker, text = m.groups()
        if not text.strip():
            return None  # a bare number is not a heading
        digits = _NUMBER.search(marker)
        raw = digits.group() if digits else ""
        number = int(raw) if raw.isdigit() else from_chinese(raw)
        title, rest = _split_run_in(text) if level >= 2 else (text, "")
        return Heading(level, number, marker, title, rest, indent, eol)
    return None


def _split_run_in(text: str) -> tuple[str, str]:
    """`加强政治建设。坚持……` → (`加强政治建设。`, `坚持……`); a heading alone has no rest."""
    m = _SENTENCE_END.search(text)
    if m is None or m.end() >= len(text.rstrip()):
        return text, ""
    return text[: m.end()], text[m.end() :]


def parse_draft(text: str) -> Draft:
    """Parse a draft; `parse_draft(t).text() == t` for every text t."""
    bom = text.startswith("\ufeff")
    if bom:
        text = text[1:]
    final_newline = text.endswith("\n")
    lines = (text[:-1] if final_newline else text).split("\n") if text else []
    kinds: list[str] = []
    headings: dict[int, Heading] = {}
    for number, line in enumerate(lines, 1):
        if not line.strip():
            kinds.append(BLANK)
            continue
        if line.lstrip(" \t\u3000").startswith("|") and is_row(line):
            kinds.append(TABLE)
            continue
        heading = parse_heading(line)
        if heading is not None:
            headings[number] = heading
            kinds.append(HEADING)
        else:
            kinds.append(PARAGRAPH)
    _mark_front(lines, kinds)
    _mark_back(lines, kinds)
    sections = _build_tree(headings, kinds, len(lines))
    return Draft(lines, kinds, headings, sections, bom, final_newline)


def _mark_front(lines: list[str], kinds: list[str]) -> None:
    """Title, the short lines under it, and the salutation, before any heading or paragraph."""
    seen_title = False
    for i, kind in enumerate(kinds):
        if kind == BLANK:
            continue
        if kind in (HEADING, TABLE):
            return
        text = lines[i].strip()
        if _is_salutation(text):
            kinds[i] = SALUTATION
            return
        if _DATE_LINE.match(text):
            kinds[i] = DATE if seen_title else kinds[i]
            continue
        short = len(text) <= 50 and not re.search(r"[。；，！？]$", text)
        if not short:
            return
        kinds[i] = FRONT if seen_title else TITLE
        seen_title = True


def _is_salutation(text: str) -> bool:
    # 同志们： / 尊敬的各位领导，同志们： — short, ends with a colon, no sentence inside.
    return len(text) <= 40 and text.endswith(("：", ":")) and not re.search(r"[。；！？]", text)


def _mark_back(lines: list[str], kinds: list[str]) -> None:
    """Closing paragraphs (from the first `同志们，` after the last heading), signature, date."""
    last_heading = max((i for i, k in enumerate(kinds) if k == HEADING), default=-1)
    # Signature and date: the last non-blank lines.
    i = len(kinds) - 1
    while i > last_heading:
        if kinds[i] == BLANK:
            i -= 1
            continue
        if kinds[i] == TABLE:
            break
        text = lines[i].strip()
        if _DATE_LINE.match(text):
            kinds[i] = DATE
        elif _SIGNATURE_LINE.match(text) or (
            len(text) <= 20 and not re.search(r"[。，；：！？、]", text) and DATE in kinds[i + 1 :]
        ):
            kinds[i] = SIGNATURE
        else:
            break
        i -= 1
    if last_heading < 0:
        return
    closing = False
    for j in range(last_heading + 1, len(kinds)):
        if kinds[j] == PARAGRAPH and (closing or _CLOSING_START.match(lines[j])):
            kinds[j] = CLOSING
            closing = True


def _build_tree(headings: dict[int, Heading], kinds: list[str], total: int) -> list[Section]:
    last_heading = max(headings, default=0)
    back = next(
        (i + 1 for i in range(last_heading, len(kinds)) if kinds[i] in (CLOSING, SIGNATURE, DATE)),
        total + 1,
    )
    roots: list[Section] = []
    stack: list[Section] = []
    for line, heading in sorted(headings.items()):
        section = Section(heading, line, back)
        while stack and stack[-1].level >= heading.level:
            stack.pop().end = line
        if stack:
            stack[-1].children.append(section)
        else:
            roots.append(section)
        stack.append(section)
    return roots
