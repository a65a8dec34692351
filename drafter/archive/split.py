"""Cutting a past document into passages that remember where they came from.

The draft parser already knows a document's title, headings, salutation, closing and date
lines; splitting reuses it, so the archive reads a past speech the way the checker reads a new
one. Each passage keeps the heading it stands under and the role that heading suggests
(肯定成绩 → achievement, 下一步工作 → measure), so a search can ask for 措施 paragraphs only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from drafter.archive.rules import ArchiveRules, load_rules
from drafter.document import Document
from drafter.draft.model import CLOSING, DATE, HEADING, PARAGRAPH, SALUTATION, SIGNATURE
from drafter.numerals import from_chinese

# Passages shorter than this are headings, captions or fragments, not material worth reusing.
MIN_CHARS = 12
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_CN_DIGITS = "〇○零一二三四五六七八九"
_MD_HEADING = re.compile(r"^#{1,6}[ \t]+", re.MULTILINE)
_CN_YEAR = re.compile(rf"([{_CN_DIGITS}]{{4}})年")
_ARABIC_DATE = re.compile(r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_CN_DATE = re.compile(rf"([{_CN_DIGITS}]{{4}})年([{_CN_DIGITS}十]{{1,3}})月([{_CN_DIGITS}十]{{1,3}})日")


@dataclass
class Passage:
    """One paragraph of a past document and its place in it."""

    text: str
    position: int  # 1-based line in the document
    heading: str = ""  # title of the innermost heading it stands under
    role: str | None = None


@dataclass
class DocumentInfo:
    """What the archive records of a past document."""

    path: str
    title: str
    date: str | None  # ISO yyyy-mm-dd when the date line gives it
    year: int | None
    genre: str | None
    passages: list[Passage] = field(default_factory=list)


_CN_VALUE = {ch: max(0, i - 2) for i, ch in enumerate(_CN_DIGITS)}


def _cn_year(text: str) -> int | None:
    """`二〇二三` → 2023 (digit by digit, as years are written)."""
    return int("".join(str(_CN_VALUE[ch]) for ch in text))


def find_date(text: str) -> tuple[str | None, int | None]:
    """(ISO date, year) of a date line such as `2023年12月28日` or `二〇二三年十二月二十八日`."""
    m = _ARABIC_DATE.search(text)
    if m:
        year, month, day = (int(g) for g in m.groups())
        if 1 <= month <= 12 and 1 <= day <= 31:
            return f"{year:04d}-{month:02d}-{day:02d}", year
        return None, year
    m = _CN_DATE.search(text)
    if m:
        year_n = _cn_year(m.group(1))
        month, day = from_chinese(m.group(2).replace("〇", "零")), from_chinese(m.group(3).replace("〇", "零"))
        if year_n and month and day and 1 <= month <= 12 and 1 <= day <= 31:
            return f"{year_n:04d}-{month:02d}-{day:02d}", year_n
        return None, year_n
    return None, None


def find_year(text: str) -> int | None:
    """A year named in a title or file name (2023年度…, 二〇二三年…, 2023-述职.docx)."""
    m = _YEAR.search(text)
    if m:
        return int(m.group(1))
    m = _CN_YEAR.search(text)
    return _cn_year(m.group(1)) if m else None


def guess_genre(title: str, kinds: list[str], rules: ArchiveRules) -> str | None:
    """The template genre a title names, else one the structure suggests, else None."""
    for genre, words in rules.genres:
        if any(w in title for w in words):
            return genre
    by_kind = dict(rules.structure_genres)
    for kind in (SIGNATURE, SALUTATION):
        if kind in kinds and kind in by_kind:
            return by_kind[kind]
    return None


def heading_role(titles: list[str], rules: ArchiveRules) -> str | None:
    """The role the nearest heading with a telling word suggests (titles innermost first)."""
    for title in titles:
        for role, words in rules.roles:
            if any(w in title for w in words):
                return role
    return None


def split_document(doc: Document, rules: ArchiveRules | None = None) -> DocumentInfo:
    """Passages of a document, with title, date, year and genre of the whole."""
    rules = rules or load_rules()
    if doc.format == "markdown":  # `## 一、主要工作` is the heading 一、主要工作 to the parser
        from drafter.draft import parse_draft

        draft = parse_draft(_MD_HEADING.sub("", doc.text))
    else:
        draft = doc.draft
    lines, kinds = draft.lines, draft.kinds
    stem = Path(doc.path).stem
    title = draft.title or stem
    date = year = None
    for number in draft.lines_of(DATE):
        date, year = find_date(lines[number - 1])
        if year:
            break
    year = year or find_year(title) or find_year(stem)
    genre = guess_genre(title, kinds, rules)

    # The chain of headings over each line: walk the sections once, innermost last.
    over: dict[int, list[str]] = {}
    for section in draft.walk():
        name = section.heading.title.strip().rstrip("。．.：:")
        for line in range(section.line, section.end):
            over.setdefault(line, []).append(name)
    first_heading = min(draft.headings, default=len(lines) + 1)
    info = DocumentInfo(doc.path, title, date, year, genre)
    roles: dict[tuple[str, ...], str | None] = {}
    for index, kind in enumerate(kinds):
        number = index + 1
        if kind == HEADING:
            heading = draft.headings[number]
            if not heading.run_in:
                continue
            text = lines[index].strip()
        elif kind in (PARAGRAPH, CLOSING):
            text = lines[index].strip()
        else:
            continue
        if len(text) < MIN_CHARS:
            continue
        chain = over.get(number, [])
        if kind == CLOSING:
            role: str | None = "closing"
        elif number < first_heading:
            role = "opening"
        else:  # the same for every passage of a section: looked up once per chain of headings
            chained = tuple(chain)
            role = roles[chained] if chained in roles else roles.setdefault(chained, heading_role(chain[::-1], rules))
        info.passages.append(Passage(text, number, chain[-1] if chain else "", role))
    return info
